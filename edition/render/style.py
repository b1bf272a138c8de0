"""A pybtex style for an essay's sources: archival documents, printed documents, literature."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pybtex.backends.markdown import Backend as PybtexMarkdown
from pybtex.richtext import Text
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels.number import LabelStyle as NumberLabels
from pybtex.style.names.plain import NameStyle as PlainNames
from pybtex.style.sorting.none import SortingStyle as NoSorting
from pybtex.style.template import FieldIsMissing, first_of, href, join, names, node, optional, sentence, tag, words

from edition.check.fields import ENTRY_TYPES, latex_text
from edition.render.markdown_text import markdown_url
from edition.render.style_parts import parts


@node
def people(children: Any, context: Any, role: str, one: str = "", many: str = "") -> Any:
    """The persons of a role, followed by 'ed.' or 'eds.' as their number asks; missing when there are none."""
    persons = context["entry"].persons.get(role)
    if not persons:
        raise FieldIsMissing(role, context["entry"])
    listed = names(role, sep=", ", sep2=" and ", last_sep=", and ").format_data(context)
    label = one if len(persons) == 1 else many
    return Text(listed, ", ", label) if label else listed


@node
def field(children: Any, context: Any, name: str, apply_func: Any = None, raw: bool = False) -> Any:
    """pybtex's field node, reading the value with latex_text: the same text, without decoding plain text."""
    if children:
        raise ValueError(children)
    entry = context["entry"]
    try:
        value = entry._find_field(name, bib_data=context.get("bib_data"))
    except KeyError:
        raise FieldIsMissing(name, entry) from None
    value = value if raw else latex_text(value)
    return apply_func(value) if apply_func else value


@node
def optional_field(children: Any, data: Any, *args: Any, **kwargs: Any) -> Any:
    """The field, or nothing where the entry lacks it."""
    if children:
        raise ValueError(children)
    return optional[field(*args, **kwargs)].format_data(data)


# Every field is optional here: an archival record or a printed document rarely has all
# that BibTeX's standard styles require, and a missing one must not abort the build.
when = first_of[optional_field("date"), optional_field("year")]
own_when = first_of[optional_field("origdate"), optional_field("date"), optional_field("year")]  # a document's
authors = optional[sentence[people("author")]]
editors = optional[sentence[people("editor", "ed.", "eds.")]]
edited_by = optional[join["edited by ", people("editor")]]
translated_by = optional[join["translated by ", people("translator")]]
edition = optional[words[field("edition"), "edition"]]
volume = optional[words["vol.", field("volume")]]
issue = first_of[optional[words["no.", field("number")]], optional[words["no.", field("issue")]]]
place_publisher = sentence[first_of[optional_field("address"), optional_field("location")],
                           first_of[optional_field("publisher"), optional_field("institution"),
                                    optional_field("organization"), optional_field("school")], when]
pages = optional[join["p. ", field("pages")]]
links = join(sep=" ")[optional[sentence[join["doi:", field("doi", raw=True)]]],
                      optional[sentence[href(field("url", raw=True))[field("url", raw=True)]]]]
tail = join(sep=" ")[optional[sentence[field("note")]], optional[sentence[field("addendum")]], links]
PART = parts(field)
title = PART["title"]
booktitle = PART["booktitle"]
maintitle = optional[sentence[tag("em")[PART["maintitle"]]]]
journal = join(sep=". ")[join(sep=": ")[first_of[optional_field("journaltitle"), optional_field("journal")],
                                        optional_field("journalsubtitle")], optional_field("journaltitleaddon")]
# biblatex's further fields, after the publication and before the notes, in every entry
more = join(sep=" ")[PART["extent"], PART["kind"], PART["event"], PART["original"], PART["eprint"], PART["persons"]]


class EditionStyle(UnsrtStyle):
    """Formats entries for the Sources page; missing fields are left out, never an error."""

    # Classes, not plugin names: pybtex looks a name up among every installed package's entry points.
    default_name_style = PlainNames
    default_label_style = NumberLabels
    default_sorting_style = NoSorting

    def secondary(self, e: Any) -> Any:
        """'Edited by …' only after an author (without one the editors lead the entry); then the translators."""
        return sentence(capfirst=True)[edited_by if e.persons.get("author") else "", translated_by]

    def further(self, e: Any) -> Any:
        """biblatex's further fields; without 'Originally published' where origdate is a document's own date."""
        originals = ("origtitle", "origlocation", "origpublisher", "origlanguage", "reprinttitle")
        if e.fields.get("origdate") and not any(e.fields.get(name) for name in originals):
            return join(sep=" ")[PART["extent"], PART["kind"], PART["event"], PART["eprint"], PART["persons"]]
        return more

    def get_unpublished_template(self, e: Any) -> Any:
        """An archival document: title, date, repository, call number, folio."""
        return toplevel[
            authors,
            sentence[tag("em")[title], when],
            self.secondary(e),
            sentence[optional_field("repository"), optional_field("callnumbertext"),
                     optional[words[field("foliolabel"), field("folio")]]],
            more,
            tail,
        ]

    def get_inbook_template(self, e: Any) -> Any:
        """A document printed in a volume of a series."""
        return toplevel[
            authors,
            sentence[tag("em")[title], own_when],
            self.secondary(e),
            sentence[first_of[optional[join["In: ", field("shorthand")]],  # the shorthand names the volume
                              sentence(add_period=False)[
                                  optional[join["In: ", tag("em")[booktitle]]], edition,
                                  optional_field("series"), volume, issue, optional_field("address"),
                                  optional_field("publisher"), *([when] if e.fields.get("origdate") else [])]],
                     pages],
            self.further(e),
            tail,
        ]

    def get_book_template(self, e: Any) -> Any:
        """A book or a volume of documents."""
        return toplevel[
            first_of[authors, editors],
            maintitle,
            sentence[tag("em")[title], edition, optional_field("series"), volume, issue],
            self.secondary(e),
            place_publisher,
            optional[sentence[join["Cited as ", field("shorthand")]]],
            more,
            tail,
        ]

    def get_article_template(self, e: Any) -> Any:
        """An article in a journal or a newspaper."""
        return toplevel[
            authors,
            sentence[join['"', title, '"']],
            self.secondary(e),
            sentence[tag("em")[journal], PART["issuetitle"],
                     optional_field("series"), volume, issue, when, pages],
            more,
            tail,
        ]

    def get_incollection_template(self, e: Any) -> Any:
        """A chapter or article in a collected volume."""
        return toplevel[
            authors,
            sentence[join['"', title, '"']],
            sentence[join["In: ", tag("em")[booktitle]], edition, optional_field("series"), volume,
                     optional[join["edited by ", people("editor")]]],
            sentence(capfirst=True)[translated_by],
            sentence[first_of[optional_field("address"), optional_field("location")],
                     first_of[optional_field("publisher"), optional_field("organization")], when, pages],
            more,
            tail,
        ]

    def get_misc_template(self, e: Any) -> Any:
        """Anything else."""
        return toplevel[
            first_of[authors, editors],
            sentence[tag("em")[title], edition, volume, issue],
            self.secondary(e),
            sentence[optional_field("howpublished"), optional_field("series"), optional_field("address"),
                     first_of[optional_field("publisher"), optional_field("institution"),
                              optional_field("organization"), optional_field("school")], when, pages],
            more,
            tail,
        ]


# Which template formats each of biblatex's entry types and BibTeX's aliases (the rest: misc).
LIKE = {
    "book": ("collection", "proceedings", "mvbook", "mvcollection", "mvproceedings", "mvreference", "reference",
             "periodical"),
    "inbook": ("bookinbook", "suppbook"),
    "incollection": ("inproceedings", "conference", "suppcollection", "inreference"),
    "article": ("suppperiodical", "review"),
    "unpublished": ("letter",),
}
for _base, _types in LIKE.items():
    for _type in _types:
        setattr(EditionStyle, f"get_{_type}_template", getattr(EditionStyle, f"get_{_base}_template"))
for _type in ENTRY_TYPES:
    if f"get_{_type}_template" not in vars(EditionStyle):  # not pybtex's own: its templates require fields
        setattr(EditionStyle, f"get_{_type}_template", EditionStyle.get_misc_template)


class MarkdownBackend(PybtexMarkdown):
    """pybtex's Markdown output, also escaping '^', which the edition's Markdown reads as a superscript."""

    def format_str(self, text: str) -> str:
        """Escape every character Markdown or its extensions would read as markup."""
        return str(super().format_str(text)).replace("^", "\\^")

    def format_href(self, url: str, text: str, external: bool = False) -> str:
        """A link from a BibTeX field (\\href, \\url) only where the sanitising policy allows its URL."""
        try:
            return str(super().format_href(markdown_url(url), text, external))
        except ValueError:
            return text


@dataclass(frozen=True)
class Formatted:
    """One source as the pages show it: Markdown (Sources page, chronology) and plain text (link titles)."""

    markdown: str
    plain: str
