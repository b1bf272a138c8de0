"""The parts of a Sources entry that biblatex adds to BibTeX: titles with their subtitles and additions, the
original publication, extent, events and the further persons (pybtex template nodes)."""
from __future__ import annotations

from typing import Any

from pybtex.richtext import Text
from pybtex.style.template import FieldIsMissing, join, names, node, optional, sentence, words

# The further persons of biblatex, each with the words that introduce them.
FURTHER_PERSONS = (("bookauthor", "by"), ("commentator", "with a commentary by"), ("annotator", "annotated by"),
                   ("introduction", "with an introduction by"), ("foreword", "with a foreword by"),
                   ("afterword", "with an afterword by"), ("holder", "held by"))
EDITOR_ROLES = ("editora", "editorb", "editorc")


def titled(field: Any, main: str, sub: str, addon: str) -> Any:
    """'Title: Subtitle. Addition', the subtitle and addition only where the entry has them."""
    return join(sep=". ")[join(sep=": ")[field(main), optional[field(sub)]], optional[field(addon)]]


@node
def further_persons(children: Any, context: Any) -> Any:
    """'With a foreword by …, compiled by …': biblatex's further persons, missing when there are none."""
    entry = context["entry"]
    parts = []
    for role, words_before in FURTHER_PERSONS:
        if entry.persons.get(role):
            parts.append(Text(words_before, " ", names(role, sep=", ", sep2=" and ",
                                                       last_sep=", and ").format_data(context)))
    for role in EDITOR_ROLES:
        if entry.persons.get(role):
            kind = entry.fields.get(f"{role}type", "") or "edited"
            parts.append(Text(f"{kind} by " if kind == "edited" else f"{kind}: ",
                              names(role, sep=", ", sep2=" and ", last_sep=", and ").format_data(context)))
    if not parts:
        raise FieldIsMissing("foreword", entry)
    return Text(", ").join(parts).capfirst()


@node
def any_of(children: Any, context: Any) -> Any:
    """The children joined, or missing when none of them gives anything (so that words around them go too)."""
    text = join[children].format_data(context)
    if not text:
        raise FieldIsMissing("any of several fields", context["entry"])
    return text


def parts(field: Any) -> dict[str, Any]:
    """The nodes of biblatex's fields, made with the style's own field node."""
    def opt(name: str) -> Any:
        return optional[field(name)]
    original = optional[join["Originally published ",
                             any_of[join(sep=", ")[opt("origtitle"), opt("origlocation"), opt("origpublisher"),
                                            opt("origdate")]]]]
    return {
        "title": titled(field, "title", "subtitle", "titleaddon"),
        "booktitle": titled(field, "booktitle", "booksubtitle", "booktitleaddon"),
        "maintitle": optional[titled(field, "maintitle", "mainsubtitle", "maintitleaddon")],
        "journal": join(sep=". ")[join(sep=": ")[field("journaltitle"), optional[field("journalsubtitle")]],
                              optional[field("journaltitleaddon")]],
        "issuetitle": optional[join["Issue: ", titled(field, "issuetitle", "issuesubtitle", "issuetitleaddon")]],
        "extent": sentence[optional[words[field("volumes"), "vols."]], optional[words[field("pagetotal"), "pp."]],
                           optional[words["ch.", field("chapter")]], optional[words["pt.", field("part")]],
                           optional[words["art.", field("eid")]]],
        "kind": sentence[opt("type"), optional[words["version", field("version")]], opt("pubstate")],
        "event": sentence[optional[join(sep=". ")[field("eventtitle"), opt("eventtitleaddon")]], opt("venue"),
                          opt("eventdate")],
        "original": sentence[original, optional[join["translated from ", field("origlanguage")]],
                             optional[join["reprint of ", field("reprinttitle")]]],
        "eprint": optional[sentence[join(sep=" ")[join(sep=":")[opt("eprinttype"), field("eprint")],
                                                  opt("eprintclass")]]],
        "persons": optional[sentence[further_persons]],
    }
