"""The essay page, as the site renders it, turned into TEI: parts, paragraphs, notes at their markers,
interventions, language spans, persons, terms and citations."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Mapping

from lxml import etree
from lxml import html as lhtml

from edition.exports.tei.names import XML_ID, XML_LANG, Ids, add_text, sub
from edition.load.interventions import label
from edition.load.markdown_scan import blocks
from edition.resolve.links import Placed, Resolved

REF_ID = re.compile(r"^fnref\d*:(.+)$")
PARAGRAPH_ID = re.compile(r"^p(\d+)$")
SKIPPED = {"iv-app", "footnote-backref", "note-label", "note-heading", "iv-printed"}
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
STYLES = {"em": "italic", "i": "italic", "strong": "bold", "b": "bold", "code": "code", "sub": "subscript"}


def classes(element: lhtml.HtmlElement) -> set[str]:
    """An HTML element's classes."""
    return set(str(element.get("class", "")).split())


@dataclass
class Context:
    """What the conversion needs to know besides the page: the edition's ids and who is responsible."""

    resolved: Resolved
    ids: Ids
    sources: Mapping[str, str]  # source key -> xml:id
    persons: Mapping[str, str]  # person id -> xml:id
    terms: Mapping[str, str]  # term as printed -> xml:id
    resp: str  # "#editor-1 #editor-2", or "" where the edition names no editor
    notes: Mapping[str, lhtml.HtmlElement] = field(default_factory=dict)  # note id -> its <li>
    placed: dict[str, Placed] = field(default_factory=dict)
    written_notes: set[str] = field(default_factory=set)
    apparatus: list[tuple[str, Placed]] = field(default_factory=list)  # (xml:id, intervention) of each with a record

    def __post_init__(self) -> None:
        self.placed = {p.anchor: p for p in self.resolved.interventions}


class Converter:
    """Walk the site's HTML and write the TEI for it."""

    def __init__(self, context: Context) -> None:
        self.cx = context
        self.inline_rules: dict[str, Callable[[lhtml.HtmlElement, etree._Element], None]] = {
            "a": self.link, "span": self.span, "sup": self.sup, "abbr": self.abbr, "br": self.line_break}

    # ----------------------------------------------------------------- inline content

    def inline(self, source: lhtml.HtmlElement, target: etree._Element) -> None:
        """Convert an element's text and children (not its tail) into target."""
        add_text(target, source.text)
        for child in source:
            if not isinstance(child.tag, str):  # a comment or a processing instruction: nothing of the text
                add_text(target, child.tail)
                continue
            if not classes(child) & SKIPPED:
                self.element(child, target)
            add_text(target, child.tail)

    def element(self, child: lhtml.HtmlElement, target: etree._Element) -> None:
        """One inline element."""
        rule = self.inline_rules.get(child.tag)
        if rule is not None:
            rule(child, target)
        elif child.tag in STYLES:
            lang = child.get("lang")
            node = sub(target, "foreign" if lang else "hi", attrs={"rend": STYLES[child.tag]})
            if lang:
                node.set(XML_LANG, lang)
            self.inline(child, node)
        else:
            self.inline(child, target)

    def line_break(self, child: lhtml.HtmlElement, target: etree._Element) -> None:
        """<br> as a line beginning."""
        sub(target, "lb")

    def link(self, child: lhtml.HtmlElement, target: etree._Element) -> None:
        """Persons, citations and other links."""
        names = classes(child)
        if "person" in names:
            self.person(child, target)
        elif "citation" in names and child.get("data-key") in self.cx.sources:
            self.inline(child, sub(target, "ref", attrs={"target": "#" + self.cx.sources[child.get("data-key")]}))
        elif "footnote-ref" in names:
            self.inline(child, target)
        elif child.get("href", "").startswith(("http://", "https://", "mailto:")):
            self.inline(child, sub(target, "ref", attrs={"target": child.get("href")}))
        else:
            self.inline(child, target)

    def person(self, child: lhtml.HtmlElement, target: etree._Element) -> None:
        """A person's mention, as printed, pointing at the register."""
        ident = self.cx.persons.get(child.get("data-person", ""), "")
        self.inline(child, sub(target, "persName", attrs={"ref": f"#{ident}" if ident else ""}))

    def abbr(self, child: lhtml.HtmlElement, target: etree._Element) -> None:
        """A glossary term, pointing at its entry."""
        ident = self.cx.terms.get(child.text_content(), "")
        self.inline(child, sub(target, "term", attrs={"ref": f"#{ident}" if ident else ""}))

    def span(self, child: lhtml.HtmlElement, target: etree._Element) -> None:
        """Interventions, language spans, person mentions inside links; other spans are transparent."""
        names = classes(child)
        if "iv" in names and child.get("data-intervention"):
            self.intervention(child, target)
        elif "person" in names:
            self.person(child, target)
        elif child.get("lang"):
            node = sub(target, "foreign")
            node.set(XML_LANG, child.get("lang"))
            self.inline(child, node)
        else:
            self.inline(child, target)

    def sup(self, child: lhtml.HtmlElement, target: etree._Element) -> None:
        """A note's marker (the note itself at its first, a pointer at the others) or a superscript."""
        found = REF_ID.match(child.get("id", ""))
        if found is None:
            self.inline(child, sub(target, "hi", attrs={"rend": "superscript"}))
            return
        note_id = found.group(1)
        label = self.cx.resolved.labels.get(note_id, note_id)
        ident = self.cx.ids("fn-", note_id)
        if note_id in self.cx.written_notes or note_id not in self.cx.notes:
            sub(target, "ref", label, {"type": "noteAnchor", "target": f"#{ident}", "n": label})
            return
        self.cx.written_notes.add(note_id)
        note = sub(target, "note", attrs={"place": "foot", "n": label})
        note.set(XML_ID, ident)
        self.note_body(self.cx.notes[note_id], note)

    def note_body(self, item: lhtml.HtmlElement, note: etree._Element) -> None:
        """A note's paragraphs: inline when it has one, as <p>s when it has several."""
        paragraphs = [p for p in item if p.tag == "p"]
        if len(paragraphs) == 1:
            self.inline(paragraphs[0], note)
            trim(note)
            return
        for child in item:
            if isinstance(child.tag, str) and not classes(child) & SKIPPED:
                self.block(child, note)

    # ----------------------------------------------------------------- interventions

    def intervention(self, child: lhtml.HtmlElement, target: etree._Element) -> None:
        """An intervention as TEI says it: choice/sic+corr, supplied, surplus, gap, or an editorial note."""
        anchor = child.get("id", "").removeprefix("iv-")
        placed = self.cx.placed[anchor]
        item = placed.item
        ident = self.cx.ids.exact(f"iv-{anchor}")
        resp = {"resp": self.cx.resp, "cert": item.cert}  # sub() leaves out an empty attribute
        edited = [e for e in child if "iv-edited" in classes(e)]
        printed = "".join(e.text_content() for e in child if "iv-printed" in classes(e))
        if item.kind == "lacuna":
            node = sub(target, "gap", attrs={"reason": "lacuna", **resp})
        elif item.op in ("point", "mark"):
            node = self.comment(child, target, ident, item.reason or label(item.kind), item.kind)
        elif item.op == "sub":
            node = sub(target, "choice")
            sub(node, "sic", printed)
            corr = sub(node, "corr", attrs={"type": item.kind, **resp})
            for part in edited:
                self.inline(part, corr)
        elif item.op == "add":
            node = sub(target, "supplied", attrs={"reason": item.kind, **resp})
            for part in edited:
                self.inline(part, node)
        else:
            node = sub(target, "surplus", printed, {"reason": item.kind, **resp})
        node.set(XML_ID, ident)
        if item.op not in ("point", "mark"):
            self.cx.apparatus.append((ident, placed))

    def comment(self, child: lhtml.HtmlElement, target: etree._Element, ident: str, text: str,
                kind: str) -> etree._Element:
        """An editorial note at its place; the words it concerns (its lemma), if it marks any, as a seg it targets."""
        attrs = {"type": "editorial", "subtype": kind, "resp": self.cx.resp}
        if (child.text or "").strip() or any(not classes(e) & SKIPPED for e in child if isinstance(e.tag, str)):
            lemma = self.cx.ids.exact(f"lemma-{ident}")
            seg = sub(target, "seg", attrs={"type": "lemma"})
            seg.set(XML_ID, lemma)
            self.inline(child, seg)
            attrs["target"] = f"#{lemma}"
        return sub(target, "note", text, attrs)

    # ----------------------------------------------------------------- blocks

    def paragraph(self, source: lhtml.HtmlElement, target: etree._Element) -> None:
        """A paragraph: the site's id and its number."""
        found = PARAGRAPH_ID.match(source.get("id", ""))
        node = sub(target, "p", attrs={"n": found.group(1) if found else ""})
        if found:
            node.set(XML_ID, self.cx.ids.exact(source.get("id")))
        self.inline(source, node)

    def block(self, source: lhtml.HtmlElement, target: etree._Element) -> None:
        """One block of the page: a paragraph, a quotation, a list, a figure, a heading."""
        tag = source.tag
        if tag == "p":
            self.paragraph(source, target)
        elif tag == "blockquote":
            quote = sub(target, "quote")
            for child in source:
                if isinstance(child.tag, str):
                    self.block(child, quote)
        elif tag in ("ul", "ol"):
            listing = sub(target, "list", attrs={"rend": "numbered" if tag == "ol" else "bulleted"})
            for item in source.iter("li"):
                self.inline(item, sub(listing, "item"))
        elif tag == "figure":
            self.figure(source, target)
        elif tag in HEADINGS:
            self.inline(source, sub(target, "p", attrs={"rend": "heading"}))
        elif tag not in ("hr", "div", "h1"):
            self.inline(source, sub(target, "p"))

    def figure(self, source: lhtml.HtmlElement, target: etree._Element) -> None:
        """A figure: its caption as head, its image as graphic, its alternative text as figDesc."""
        figure = sub(target, "figure")
        caption = source.find("figcaption")
        if caption is not None:
            self.inline(caption, sub(figure, "head"))
        image = source.find(".//img")
        if image is not None:
            if image.get("alt"):
                sub(figure, "figDesc", image.get("alt"))
            sub(figure, "graphic", attrs={"url": image.get("src", "")})


def trim(element: etree._Element) -> None:
    """No white space at the start and the end of an element's content (the label and backlink left it)."""
    if element.text:
        element.text = element.text.lstrip() or None
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "").rstrip() or None
    elif element.text:
        element.text = element.text.rstrip() or None


def part_of_paragraphs(resolved: Resolved) -> dict[str, int]:
    """paragraph id -> the index of the essay part it stands in."""
    return {b.id: index for index, part in enumerate(resolved.edition.parts) for b in blocks(part.file.body)
            if b.id}


def block_part(element: lhtml.HtmlElement, parts: Mapping[str, int]) -> int | None:
    """The part a top-level block belongs to, by the first paragraph id in it."""
    for node in element.iter():
        if node.get("id") in parts:
            return parts[node.get("id")]
    return None


def body(page: lhtml.HtmlElement, context: Context, target: etree._Element) -> None:
    """The essay page's parts as <div>s under target (the notes at their markers)."""
    converter = Converter(context)
    parts = part_of_paragraphs(context.resolved)
    divs: dict[int, etree._Element] = {}
    current = 0
    for element in page:
        if not isinstance(element.tag, str) or element.tag == "h1" or "byline" in classes(element) \
                or "footnote" in classes(element):
            continue
        if element.tag == "h2" and "editorial-heading" in classes(element):
            current = max(divs, default=-1) + 1
            head = sub(divs.setdefault(current, sub(target, "div", attrs={"type": "part"})), "head")
            converter.inline(element, head)
            continue
        current = max(current, block_part(element, parts) or current)
        div = divs.get(current)
        if div is None:
            div = divs[current] = sub(target, "div", attrs={"type": "part"})
        converter.block(element, div)
