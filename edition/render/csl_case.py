"""Titles as CSL rich text that keeps its case, and languages as BCP 47 tags (pure).

citeproc title-cases (or sentence-cases) the titles of an item whose language is English or unknown. What the
editor protected with braces (`{Stalin}`) is wrapped in `<span class="nocase">`; a title written in sentence
case in an English item (a Russian or Czech journal's name, a volume's title in its own language) keeps its case
whole. A title that title-casing would not change is left for the style to case as it wishes.
"""
from __future__ import annotations

import html
import re

from edition.check.fields import plain_field

# biblatex's language names (langid) as BCP 47 tags
LANGUAGES = {"english": "en", "american": "en-US", "british": "en-GB", "french": "fr", "german": "de",
             "ngerman": "de", "russian": "ru", "czech": "cs", "slovak": "sk", "polish": "pl", "italian": "it",
             "spanish": "es", "latin": "la", "romanian": "ro", "swedish": "sv", "ukrainian": "uk"}
BCP47 = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
# the words citeproc-js leaves in lower case when it title-cases (CSL 1.0.2, Appendix: title case)
STOP_WORDS = frozenset("a an and as at but by down for from in into nor of on onto or over so the till to up via "
                       "with yet".split())
NOCASE = '<span class="nocase">{}</span>'


def bcp47(langid: str) -> str:
    """A biblatex language name as a BCP 47 tag ('' where it names none)."""
    value = langid.strip()
    found = LANGUAGES.get(value.lower(), value)
    return found if BCP47.fullmatch(found) else ""


def english(language: str) -> bool:
    """Whether citeproc changes the case of titles in this language (English or unknown)."""
    return not language or language.lower() == "en" or language.lower().startswith("en-")


def pieces(value: str) -> list[tuple[str, bool]]:
    """The field cut into (LaTeX text, protected by braces) at its top-level brace groups."""
    found: list[tuple[str, bool]] = []
    depth, start = 0, 0
    for offset, char in enumerate(value):
        if char == "{" and (offset == 0 or value[offset - 1] != "\\"):
            if depth == 0:
                found.append((value[start:offset], False))
                start = offset
            depth += 1
        elif char == "}" and depth and value[offset - 1] != "\\":
            depth -= 1
            if depth == 0:
                found.append((value[start:offset + 1], True))
                start = offset + 1
    found.append((value[start:], False))
    return [(text, protected) for text, protected in found if text]


def sentence_cased(text: str) -> bool:
    """Whether a plain title has a lower-case word that title-casing would capitalise."""
    return any(word[0].islower() and word.lower() not in STOP_WORDS
               for word in re.findall(r"(?<![\w'’-])[^\W\d_][\w'’-]*", text))


def rich_title(value: str, language: str) -> str:
    """A title field as CSL rich text: its protected words, or the whole title, kept in their case."""
    plain = plain_field(value)
    if not english(language):
        return html.escape(plain, quote=False)
    if "\\" in value or sentence_cased(plain):  # LaTeX commands: cut nothing; sentence case: keep it whole
        return NOCASE.format(html.escape(plain, quote=False)) if sentence_cased(plain) else \
            html.escape(plain, quote=False)
    return "".join(NOCASE.format(html.escape(plain_field(text), quote=False)) if protected else spaced(text)
                   for text, protected in pieces(value))


def spaced(text: str) -> str:
    """Unprotected LaTeX text as plain, escaped text, its spaces at either end kept."""
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return lead + html.escape(plain_field(text.strip()), quote=False) + trail if text.strip() else text


def plain_rich(text: str) -> str:
    """CSL rich text as plain text (for schema.org, which takes no markup)."""
    if "<" not in text:
        return html.unescape(text)
    from lxml import html as lxml_html  # read as HTML, never with a pattern

    return str(lxml_html.fragment_fromstring(text, create_parent="span").text_content())
