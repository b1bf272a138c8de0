"""Small helpers for writing Markdown text."""
from __future__ import annotations

import re

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~^&])")


def plain(text: str) -> str:
    """Text shown as it is: every Markdown and HTML special character escaped, white space folded."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
