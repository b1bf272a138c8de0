"""The single HTML file's search: an index of its essay, notes, sources and other pages, kept inline as JSON."""
from __future__ import annotations

import json
from typing import Iterable, Protocol

from lxml import html as lhtml

# A table row is one place (its cells are read within it); a quotation's paragraphs are places of their own.
BLOCKS = {"p", "li", "dd", "dt", "tr", "td", "h1", "h2", "h3", "h4"}
HEADINGS = {"h1", "h2", "h3", "h4"}
# What a reader does not read as the text: printed readings (shown on request), daggers, note markers, backlinks.
HIDDEN_CLASSES = ("pnum", "iv-app", "footnote-ref", "footnote-backref", "note-heading", "note-label")
HIDDEN = ".//*[@data-search-exclude or " + " or ".join(
    f'contains(concat(" ", @class, " "), " {name} ")' for name in HIDDEN_CLASSES) + "]"


class SectionLike(Protocol):
    """A section of the combined file, as single_html builds it."""

    anchor: str
    title: str
    tree: lhtml.HtmlElement


def visible_text(element: lhtml.HtmlElement) -> str:
    """An element's text as a reader of the corrected text reads it, whitespace collapsed."""
    copy = lhtml.fromstring(lhtml.tostring(element))
    for hidden in copy.xpath(HIDDEN):
        hidden.drop_tree()
    return " ".join(copy.text_content().split())


def label(element: lhtml.HtmlElement, section: SectionLike, heading: str) -> str:
    """What a result is called: 'Note 2', '¶ 3', else the page and the heading above it."""
    ident = element.get("id", "")
    if ident.startswith("fn:"):
        return f"Note {element.get('data-label') or ident[3:]}"
    if element.tag == "p" and ident[1:].isdigit() and ident.startswith("p"):
        return f"{section.title}, ¶ {ident[1:]}"
    return f"{section.title}: {heading}" if heading and heading != section.title else section.title


def section_entries(section: SectionLike) -> Iterable[dict[str, str]]:
    """Each outermost block of a section with its text and the nearest id at or before it to link to."""
    target, heading = section.anchor, ""
    for element in section.tree.iter():
        if not isinstance(element.tag, str) or element.tag not in BLOCKS:
            continue
        if any(isinstance(a.tag, str) and a.tag in BLOCKS - HEADINGS for a in element.iterancestors()):
            continue  # a paragraph inside a note is the note's text
        text = visible_text(element)
        target = element.get("id") or target
        if element.tag in HEADINGS:
            heading = text
        if text:
            yield {"id": target, "title": label(element, section, heading), "text": text}


def search_index(sections: Iterable[SectionLike]) -> list[dict[str, str]]:
    """Every readable block of the file, in reading order."""
    return [entry for section in sections for entry in section_entries(section)]


def script_json(data: object) -> str:
    """JSON that can stand inside a <script> element: no '<' that could close it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).replace("<", "\\u003c")
