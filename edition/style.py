"""A pybtex style for an essay's sources: archival documents, printed documents, literature."""
from __future__ import annotations

from typing import Any

from pybtex.backends.markdown import Backend as PybtexMarkdown
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import field, first_of, join, names, optional, optional_field, sentence, tag, words

from .sanitize import url_problem

# Every field is optional here: an archival record or a printed document rarely has all
# that BibTeX's standard styles require, and a missing one must not abort the build.
when = first_of[optional_field("date"), optional_field("year")]
authors = optional[sentence[names("author", sep=", ", sep2=" and ", last_sep=", and ")]]
editors = optional[sentence[names("editor", sep=", ", sep2=" and ", last_sep=", and "), "(ed.)"]]
notes = optional[sentence[field("note")]]
addendum = optional[sentence[field("addendum")]]


class EditionStyle(UnsrtStyle):
    """Formats entries for the Sources page; missing fields are left out, never an error."""

    default_sorting_style = "none"

    def get_unpublished_template(self, e: Any) -> Any:
        """An archival document: title, date, repository, call number, folio."""
        return toplevel[
            authors,
            sentence[tag("em")[field("title")], when],
            sentence[optional_field("repository"), optional_field("location"),
                     optional[join["l. ", field("folio")]]],
            notes, addendum,
        ]

    def get_inbook_template(self, e: Any) -> Any:
        """A document printed in a volume of a series (crossref resolved beforehand)."""
        return toplevel[
            authors,
            sentence[tag("em")[field("title")], when],
            sentence[join["In: ", first_of[optional_field("shorthand"), optional_field("booktitle")]],
                     optional[join["p. ", field("pages")]]],
            notes, addendum,
        ]

    def get_book_template(self, e: Any) -> Any:
        """A book or a volume of documents."""
        return toplevel[
            first_of[authors, editors],
            sentence[tag("em")[field("title")], optional_field("series"),
                     optional[words["vol.", field("volume")]]],
            sentence[optional_field("address"), optional_field("publisher"), optional_field("year")],
            optional[sentence[join["Cited as ", field("shorthand")]]],
            notes, addendum,
        ]

    def get_article_template(self, e: Any) -> Any:
        """An article in a journal or a newspaper."""
        return toplevel[
            authors,
            sentence[join['"', field("title"), '"']],
            sentence[tag("em")[first_of[optional_field("journaltitle"), optional_field("journal")]],
                     optional_field("year"), optional[words["no.", field("number")]],
                     optional[join["p. ", field("pages")]]],
            notes, addendum,
        ]

    def get_incollection_template(self, e: Any) -> Any:
        """A chapter or article in a collected volume."""
        return toplevel[
            authors,
            sentence[join['"', field("title"), '"']],
            sentence[join["In: ", tag("em")[field("booktitle")]], optional_field("address"),
                     optional_field("publisher"), optional_field("year"), optional[join["p. ", field("pages")]]],
            notes, addendum,
        ]

    def get_misc_template(self, e: Any) -> Any:
        """Anything else."""
        return toplevel[
            authors,
            sentence[tag("em")[field("title")], when],
            sentence[optional_field("howpublished"), optional_field("year")],
            notes, addendum,
        ]

    get_manual_template = get_misc_template
    get_online_template = get_misc_template
    get_report_template = get_misc_template
    get_thesis_template = get_misc_template
    get_collection_template = get_book_template
    get_proceedings_template = get_book_template
    get_inproceedings_template = get_incollection_template
    get_phdthesis_template = get_misc_template
    get_mastersthesis_template = get_misc_template
    get_techreport_template = get_misc_template
    get_booklet_template = get_misc_template



class MarkdownBackend(PybtexMarkdown):
    """pybtex's Markdown output, also escaping '^', which the edition's Markdown reads as a superscript."""

    def format_str(self, text: str) -> str:
        """Escape every character Markdown or its extensions would read as markup."""
        return str(super().format_str(text)).replace("^", "\\^")

    def format_href(self, url: str, text: str, external: bool = False) -> str:
        """A link from a BibTeX field (\\href, \\url) only where the sanitising policy allows its URL."""
        return text if url_problem(url) else str(super().format_href(url, text, external))
