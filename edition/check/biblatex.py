"""biblatex's data model: its entry types and the fields an editor writes (the manual's sections 2.1 and 2.2,
as biber's default data model lists them; tests/unit/test_biblatex.py compares the two where biber is installed)."""
from __future__ import annotations

# Section 2.1: the regular and the special entry types (custom[a-f] and xdata included).
ENTRY_TYPES = (
    "article", "artwork", "audio", "bibnote", "book", "bookinbook", "booklet", "collection", "commentary",
    "customa", "customb", "customc", "customd", "custome", "customf", "dataset", "inbook", "incollection",
    "inproceedings", "inreference", "image", "jurisdiction", "legal", "legislation", "letter", "manual", "misc",
    "movie", "music", "mvcollection", "mvreference", "mvproceedings", "mvbook", "online", "patent", "performance",
    "periodical", "proceedings", "reference", "report", "review", "set", "software", "standard", "suppbook",
    "suppcollection", "suppperiodical", "thesis", "unpublished", "video", "xdata",
)
# Section 2.1.2: BibTeX's types, which biblatex reads as aliases of its own.
TYPE_ALIASES = {"conference": "inproceedings", "electronic": "online", "mastersthesis": "thesis",
                "phdthesis": "thesis", "techreport": "report", "www": "online"}

# Sections 2.2.2-2.2.4: the data fields, special fields and custom fields. The parts biber derives from a date
# (day, endyear, origmonth, urlhour …) are not written by an editor and are not here; 'year' and 'month' are.
FIELDS = frozenset({
    "abstract", "addendum", "afterword", "annotation", "annotator", "author", "authortype", "bookauthor",
    "bookpagination", "booksubtitle", "booktitle", "booktitleaddon", "chapter", "commentator", "crossref", "date",
    "doi", "edition", "editor", "editora", "editoratype", "editorb", "editorbtype", "editorc", "editorctype",
    "editortype", "eid", "entryset", "entrysubtype", "eprint", "eprintclass", "eprinttype", "eventdate",
    "eventtitle", "eventtitleaddon", "execute", "file", "foreword", "gender", "holder", "howpublished", "ids",
    "indexsorttitle", "indextitle", "institution", "introduction", "isan", "isbn", "ismn", "isrn", "issn", "issue",
    "issuesubtitle", "issuetitle", "issuetitleaddon", "iswc", "journalsubtitle", "journaltitle",
    "journaltitleaddon", "keywords", "label", "langid", "langidopts", "language", "library", "lista", "listb",
    "listc", "listd", "liste", "listf", "location", "mainsubtitle", "maintitle", "maintitleaddon", "month", "namea",
    "nameaddon", "nameatype", "nameb", "namebtype", "namec", "namectype", "note", "number", "options",
    "organization", "origdate", "origlanguage", "origlocation", "origpublisher", "origtitle", "pages", "pagetotal",
    "pagination", "part", "presort", "publisher", "pubstate", "related", "relatedoptions", "relatedstring",
    "relatedtype", "reprinttitle", "series", "shortauthor", "shorteditor", "shorthand", "shorthandintro",
    "shortjournal", "shortseries", "shorttitle", "sortkey", "sortname", "sortshorthand", "sorttitle", "sortyear",
    "subtitle", "title", "titleaddon", "translator", "type", "url", "urldate", "usera", "userb", "userc", "userd",
    "usere", "userf", "venue", "verba", "verbb", "verbc", "version", "volume", "volumes", "xdata", "xref", "year",
})
# Section 2.2.5: BibTeX's field names, which biblatex reads as aliases.
FIELD_ALIASES = {"address": "location", "annote": "annotation", "archiveprefix": "eprinttype", "journal":
                 "journaltitle", "key": "sortkey", "pdf": "file", "primaryclass": "eprintclass", "school":
                 "institution"}

# The fields whose values are lists of names (section 2.2.1's 'name list' data type).
NAME_LISTS = ("author", "editor", "translator", "bookauthor", "annotator", "commentator", "introduction",
              "foreword", "afterword", "editora", "editorb", "editorc", "holder", "namea", "nameb", "namec",
              "shortauthor", "shorteditor")

# The date fields (section 2.3.8): an ISO 8601 date or range, 'year' a number.
DATE_FIELDS = ("date", "origdate", "eventdate", "urldate")
