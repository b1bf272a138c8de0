"""Text written into generated Markdown and BibTeX: one function per kind of place it goes.

Every value from a content file (front matter, registers, BibTeX fields and keys) that the toolkit writes into
a page's Markdown or into cite/*.bib passes one of these, so that it stays the text it was and never becomes
markup, a second link, an attribute list or a new field.
"""
from __future__ import annotations

import re

from edition.check.sanitize import IDENTIFIER, IDENTIFIER_RULE, plain, url_problem

__all__ = ["abbreviation", "attribute_value", "bibtex_value", "link_title", "markdown_text", "markdown_url",
           "plain", "IDENTIFIER", "IDENTIFIER_RULE"]

# Characters a link destination could end at or read as markup: percent-encoded (a URL means the same).
URL_UNSAFE = re.compile(r"[\x00-\x20\x7f\"'()<>\[\]{}\\`|]")
# What BibTeX reads in a braced value: braces delimit it (a backslash does not protect one), '"' ends a quoted one.
BIBTEX_SPECIAL = str.maketrans({"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
                                '"': '{"}'})
# A term the abbreviations' definition line cannot hold: brackets and a backslash end or escape it.
TERM_UNSAFE = re.compile(r"[\[\]\\]")


def markdown_text(text: str) -> str:
    """Plain text in running Markdown (a paragraph, a heading, a table cell, a link's text)."""
    return plain(text)


def markdown_url(url: str) -> str:
    """A URL as a Markdown link's destination: characters that could end it or start markup percent-encoded;
    anything but the edition's own pages and http(s)/mailto refused (ValueError)."""
    problem = url_problem(url)
    if problem:
        raise ValueError(problem)
    return URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), url.strip())


def link_title(text: str) -> str:
    """Plain text as a link's or a reference definition's double-quoted title: one line, quotes as entities."""
    return " ".join(text.split()).replace("&", "&amp;").replace('"', "&quot;")


def attribute_value(value: str) -> str:
    """An id for an attribute list, a footnote label or a fragment: IDENTIFIER, else ValueError."""
    if not IDENTIFIER.fullmatch(value):
        raise ValueError(f"'{value[:40]}' is not an identifier")
    return value


def bibtex_value(text: str) -> str:
    """Text for a braced BibTeX value written by the toolkit: braces, quotes and backslashes as LaTeX commands."""
    return " ".join(text.split()).translate(BIBTEX_SPECIAL)


def abbreviation(term: str, expansion: str) -> str | None:
    """A definition for Python-Markdown's abbr extension, on one line ('*[NAF]: Nouvelles acquisitions'); None
    when the term could not stand in one (brackets, a backslash): the glossary page still lists it."""
    folded = " ".join(term.split())
    if not folded or TERM_UNSAFE.search(folded):
        return None
    return f"*[{folded}]: {' '.join(expansion.split())}"
