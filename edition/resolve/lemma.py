"""The lemma of an apparatus entry: the words of the text an intervention concerns (pure)."""
from __future__ import annotations

import html
import re

from edition.load.interventions import Intervention

WORDS = 4  # the words of the text a point (a join, a lacuna, a comment on what precedes) is shown with
# Markdown that is not words: note references, a citation's key, attribute lists, emphasis, escapes
NOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
CITATION_KEY = re.compile(r"\]\[@[^\]]*\]|\[@[^\]]*\]")
ATTRIBUTES = re.compile(r"\{:?\s*(?:[#.][^}]*|[A-Za-z-]+=[^}]*)\}")
ESCAPED = re.compile(r"\\(.)")
SIGNS = str.maketrans("", "", "*^[]")
LETTER = re.compile(r"\w")


def plain_words(markdown: str) -> list[str]:
    """The words of a Markdown text as a reader sees them, without its markup."""
    text = ATTRIBUTES.sub("", CITATION_KEY.sub("]", NOTE_REF.sub("", markdown)))
    text = ESCAPED.sub(lambda m: m.group(1) if m.group(1) not in "*^[]" else "\x00", text)
    return html.unescape(text.translate(SIGNS).replace("\x00", "")).split()


def around(before: str, after: str) -> str:
    """The last words before a place ('…a misprint for'), or, where none precede it, the first after."""
    last, first = plain_words(before), plain_words(after)
    if last:
        return ("…" if len(last) > WORDS else "") + " ".join(last[-WORDS:])
    return " ".join(first[:WORDS]) + ("…" if len(first) > WORDS else "")


def lemma(item: Intervention, before: str, after: str) -> str:
    """The words an intervention concerns: the commented words, the corrected or supplied reading (with the word
    before it where the reading is only punctuation), or the words around a point, a removal or a marker.
    before and after: the text's edited reading on either side."""
    reading = " ".join(plain_words(item.edited))
    if item.op == "mark" or (item.op in ("sub", "add") and item.kind != "marker" and LETTER.search(reading)):
        return reading
    if item.op in ("sub", "add") and item.kind != "marker" and reading:
        last = plain_words(before)
        return (last[-1] if last else "") + reading
    return around(before, after)
