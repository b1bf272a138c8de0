"""Which BibTeX fields the edition shows, which it reads but does not show, and which are its own (pure)."""
from __future__ import annotations

import re

from pybtex.backends.plaintext import Backend as PlainBackend
from pybtex.markup import LaTeXParser
from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError

DEFAULT_FOLIO = "fol."  # the neutral abbreviation for a leaf where the repository's register gives none
# The entry types the Sources page can format: those of EditionStyle (render/style.py) that have a template,
# named here so that the check stays below rendering (tests/unit/test_fields.py holds the two together).
ENTRY_TYPES = ("article", "book", "booklet", "collection", "inbook", "incollection", "inproceedings", "manual",
               "mastersthesis", "misc", "online", "phdthesis", "proceedings", "report", "techreport", "thesis",
               "unpublished")

# Fields the Sources page shows (persons are pybtex's roles, the rest plain fields).
SHOWN = frozenset({
    "author", "editor", "translator", "title", "date", "year", "month", "volume", "number", "issue", "edition",
    "series", "pages", "publisher", "address", "location", "journal", "journaltitle", "booktitle", "howpublished",
    "institution", "organization", "school", "url", "doi", "note", "addendum", "shorthand", "origdate",
    "archive", "fond", "opis", "papka", "delo", "callnumber", "folio", "printed",
})

# Fields read but deliberately not shown, each with the reason the README gives.
NOT_SHOWN = {
    "crossref": "its parent's fields are shown in the entry",
    "related": "names another entry (a copy's original)",
    "keywords": "puts the entry in a group of the Sources page",
    "langid": "the language, for other tools' casing and hyphenation",
    "library": "the whole call number again, for tools that do not know our own fields",
    "supplied": "names the fields whose values the editor supplied",
    "shorttitle": "for other tools' short citations",
    "urldate": "for other tools",
    "isbn": "for other tools",
    "issn": "for other tools",
}

# The edition's own fields, outside biblatex's data model (biber warns that it ignores them).
EXTENSION = ("archive", "fond", "opis", "papka", "delo", "callnumber", "folio", "printed", "supplied")

KNOWN = SHOWN | frozenset(NOT_SHOWN)


# What latexcodec's decoder changes: commands, comments, parameters, math, ties, tabs and line ends, runs of
# spaces and a leading one, and the ligatures of its table (-- --- `` '' ,, !` ?`). Text without any of them
# decodes to itself, so only its braces need parsing; the decoder is most of pybtex's formatting time.
LATEX_SPECIAL = re.compile(r"[\\%#$~\t\n\r]|--|``|''|,,|!`|\?`|  |^ ")


def latex_text(value: str) -> Text:
    """A field's value as pybtex rich text, exactly as Text.from_latex reads it, without decoding plain text."""
    if LATEX_SPECIAL.search(value):
        return Text.from_latex(value)
    return LaTeXParser(value).parse()


def plain_field(value: str) -> str:
    """A field's value as plain text: braces that protect capitals and LaTeX accents resolved."""
    try:
        # render(), not render_as("text"): render_as looks the backend up among every installed package's entry
        # points on each call, which cost more than the rest of the build's own stages together
        return str(latex_text(value).render(PlainBackend()))
    except (PybtexSyntaxError, UnicodeDecodeError):  # LaTeX that pybtex cannot read: shown as written
        return value
