"""Small helpers for writing Markdown text."""
from __future__ import annotations

import re

# Characters Python-Markdown reads as markup and honours a backslash escape for (with the tables extension).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>|^])")
# Characters a backslash does not escape: '&' and '<' start entities and tags, '~' a CriticMarkup or strike mark.
ENTITIES = {"&": "&amp;", "<": "&lt;", "~": "&#126;"}
NOT_ESCAPABLE = re.compile("[" + "".join(ENTITIES) + "]")


def plain(text: str) -> str:
    """Text shown character for character: Markdown and HTML special characters escaped, white space folded."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return NOT_ESCAPABLE.sub(lambda m: ENTITIES[m.group()], escaped)
