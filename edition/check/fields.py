"""Which BibTeX fields the edition shows, which it reads but does not show, and which are its own (pure)."""
from __future__ import annotations

import re

from pybtex.backends.plaintext import Backend as PlainBackend
from pybtex.markup import LaTeXParser
from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError

from edition.check import biblatex

DEFAULT_FOLIO = "fol."  # the neutral abbreviation for a leaf where the repository's register gives none
# The entry types the Sources page can format: every type of biblatex's data model and BibTeX's aliases
# (render/style.py gives each a template; tests/unit/test_fields.py holds the two together).
ENTRY_TYPES = tuple(sorted(set(biblatex.ENTRY_TYPES) | set(biblatex.TYPE_ALIASES)))

# Fields the Sources page shows (persons are pybtex's roles, the rest plain fields).
SHOWN = frozenset({
    "author", "editor", "translator", "title", "date", "year", "month", "volume", "number", "issue", "edition",
    "series", "pages", "publisher", "address", "location", "journal", "journaltitle", "booktitle", "howpublished",
    "institution", "organization", "school", "url", "doi", "note", "addendum", "shorthand", "origdate",
    "archive", "fond", "opis", "papka", "delo", "callnumber", "folio", "printed",
    # biblatex's titles and their parts, the original publication, extent and the further persons
    "subtitle", "titleaddon", "booksubtitle", "booktitleaddon", "maintitle", "mainsubtitle", "maintitleaddon",
    "journalsubtitle", "journaltitleaddon", "issuetitle", "issuesubtitle", "issuetitleaddon", "origtitle",
    "origdate", "origlocation", "origpublisher", "origlanguage", "reprinttitle", "volumes", "pagetotal", "chapter",
    "part", "eid", "type", "version", "pubstate", "eventtitle", "eventtitleaddon", "eventdate", "venue",
    "eprint", "eprinttype", "eprintclass", "bookauthor", "commentator", "annotator", "introduction", "foreword",
    "afterword", "editora", "editorb", "editorc", "editoratype", "editorbtype", "editorctype", "holder",
})

# Fields read but deliberately not shown, each with the reason the guide gives (TOOLKIT.md, "Sources").
FOR_TOOLS = "for other tools (biblatex styles, reference managers); not part of the reference as shown"
SORTING = "for other tools' sorting and indexing; the Sources page sorts by its own rule"
CUSTOM = "biblatex's custom field, whose meaning only a style of the editor's own would give"
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
    "language": "the language of the work: given to the cite files, not repeated on the page",
    "abstract": "a summary of the work, not part of its reference",
    "annotation": "the editor's comment on the work; the edition's own notes do this",
    "annote": "the editor's comment on the work; the edition's own notes do this",
    "file": "a local file of the editor's, never published",
    "pdf": "a local file of the editor's, never published",
    **{name: FOR_TOOLS for name in (
        "authortype", "editortype", "bookpagination", "pagination", "entryset", "entrysubtype", "execute", "gender",
        "ids", "isan", "ismn", "isrn", "iswc", "label", "langidopts", "nameaddon", "options", "relatedoptions",
        "relatedstring", "relatedtype", "shortauthor", "shorteditor", "shorthandintro", "shortjournal",
        "shortseries", "xdata", "xref", "archiveprefix", "primaryclass")},
    **{name: SORTING for name in ("indexsorttitle", "indextitle", "presort", "sortkey", "sortname",
                                  "sortshorthand", "sorttitle", "sortyear", "key")},
    **{name: CUSTOM for name in ("lista", "listb", "listc", "listd", "liste", "listf", "namea", "nameb", "namec",
                                 "nameatype", "namebtype", "namectype", "usera", "userb", "userc", "userd", "usere",
                                 "userf", "verba", "verbb", "verbc")},
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
