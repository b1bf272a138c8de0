"""The site's search index made for a reader (pure): one entry per paragraph, note, register entry and table row,
never a whole table or page as one snippet; plain text without the editor's signs; the essay ranked first.

Material's search plugin divides a page at its headings only; `hooks.on_page_context` gives it these entries
instead. A row of a table gets an id (row-1, row-2 … on its page) so that its result opens at the row itself.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from lxml import html as lhtml

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "li", "dt", "dd", "tr", "pre"}
# What a reader does not read as the text: the printed readings (shown on request), the apparatus daggers,
# note markers and backlinks, the notes' own headings and labels.
HIDDEN_CLASSES = ("iv-app", "footnote-ref", "footnote-backref", "note-heading", "note-label", "pnum")
HIDDEN = ".//*[@data-search-exclude or " + " or ".join(
    f'contains(concat(" ", normalize-space(@class), " "), " {name} ")' for name in HIDDEN_CLASSES) + "]"
ESSAY_BOOST = 4.0  # a page with numbered paragraphs (p1, p2 …) or notes: its results come before the registers'


@dataclass(frozen=True)
class Indexed:
    """A page's content with its table rows given ids, and its search entries (Material's form)."""

    content: str
    entries: tuple[dict[str, object], ...]


def plain(element: lhtml.HtmlElement) -> str:
    """An element's text as a reader of the corrected text reads it, whitespace collapsed (a row's cells apart)."""
    if element.tag == "tr":
        return " ".join(filter(None, (plain(cell) for cell in element.xpath("./td | ./th"))))
    copy = lhtml.fromstring(lhtml.tostring(element))
    for hidden in copy.xpath(HIDDEN):
        hidden.drop_tree()
    return " ".join(copy.text_content().split())


def is_essay(root: lhtml.HtmlElement) -> bool:
    """Whether a page holds an essay: numbered paragraphs or a list of notes."""
    return bool(root.xpath(".//p[@id='p1'] | .//div[contains(concat(' ', @class, ' '), ' footnote ')]"))


def number_rows(root: lhtml.HtmlElement) -> bool:
    """Give each body row of each table without an id one (row-1, row-2 …); whether any was given."""
    given = False
    for number, row in enumerate(root.xpath(".//table//tr[td]"), start=1):
        if not row.get("id"):
            row.set("id", f"row-{number}")
            given = True
    return given


def title_of(element: lhtml.HtmlElement, heading: str, page_title: str) -> str:
    """What a result is called: 'Note 12', '¶ 3', a row's first cell, else the heading above it. A register's
    entry is called by its heading, not by its name: a word in the title outweighs a thousand in the text, and
    the essay's own paragraphs and notes should come first for a name they mention."""
    ident = element.get("id", "")
    if element.tag == "li" and ident.startswith("fn:"):
        return f"Note {element.get('data-label') or ident[3:]}"
    if element.tag == "p" and ident[:1] == "p" and ident[1:].isdigit():
        return f"{page_title}, ¶ {ident[1:]}"
    if element.tag == "tr":
        first = element.find("td")
        cell = " ".join(first.text_content().split()) if first is not None else ""
        return f"{heading}: {cell}" if cell else heading
    return heading or page_title


def target_of(element: lhtml.HtmlElement) -> str:
    """The id a result opens at: a note's own heading where it has one, else the block's id."""
    if element.tag == "li":
        inner = element.xpath("./*[self::h2 or self::h3 or self::h4][@id]")
        if inner:
            return str(inner[0].get("id"))
    return str(element.get("id") or "")


def outermost_blocks(root: lhtml.HtmlElement) -> list[lhtml.HtmlElement]:
    """The blocks of a page in reading order, none inside another (a note's paragraphs are the note's text)."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in BLOCKS:
            continue
        if element.tag == "tr" and not element.xpath("td"):
            continue  # a table's heading row names its columns, not a place
        if any(isinstance(a.tag, str) and a.tag in BLOCKS - HEADINGS for a in element.iterancestors()):
            continue
        found.append(element)
    return found


def index_page(content: str, url: str, page_title: str) -> Indexed:
    """A page's content (row ids added) and its entries: the page itself (its title and opening text), then each
    block with an id of its own, and the blocks without one gathered under the heading above them."""
    root = lhtml.fromstring(f"<div>{content}</div>")
    changed = number_rows(root)
    boost = ESSAY_BOOST if is_essay(root) else 1.0
    entries: list[dict[str, object]] = []
    heading, section = page_title, ""
    texts: list[str] = []

    def add(target: str, title: str, text: str) -> None:
        entry: dict[str, object] = {"location": f"{url}#{target}" if target else url,
                                    "title": html.escape(title, quote=False), "text": html.escape(text, quote=False)}
        if boost != 1.0:
            entry["boost"] = boost
        entries.append(entry)

    def flush() -> None:
        if texts:
            add(section, heading, " ".join(texts))
        texts.clear()

    for element in outermost_blocks(root):
        text = plain(element)
        if element.tag in HEADINGS:
            flush()
            heading, section = text or heading, ("" if element.tag == "h1" else element.get("id", ""))
            continue
        ident = target_of(element)
        if ident:
            flush()
            if text:
                add(ident, title_of(element, heading, page_title), text)
        elif text:
            texts.append(text)
    flush()
    kept = tuple(merge_headless(entries, url, page_title))
    return Indexed(content=serialized(root) if changed else content, entries=kept)


def serialized(root: lhtml.HtmlElement) -> str:
    """The content inside the wrapper it was parsed in."""
    body = "".join(lhtml.tostring(child, encoding="unicode") for child in root)
    return html.escape(root.text, quote=False) + body if root.text else body


def merge_headless(entries: list[dict[str, object]], url: str, page_title: str) -> list[dict[str, object]]:
    """The page's own entry first (the head of its results), each place once."""
    seen: set[str] = set()
    kept: list[dict[str, object]] = []
    if not any(entry["location"] == url for entry in entries):
        head = dict(entries[0]) if entries else {}
        head.update({"location": url, "title": html.escape(page_title, quote=False), "text": ""})
        kept.append(head)
        seen.add(url)
    for entry in entries:
        location = str(entry["location"])
        if location in seen:
            continue
        seen.add(location)
        kept.append(entry)
    return kept
