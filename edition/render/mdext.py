"""Python-Markdown extension: interventions as elements, the article's own note labels."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from edition.load.interventions import PATTERN, from_match, label
from edition.render.figures import FigureProcessor
from edition.resolve.mentions import Matcher, matcher_for

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
REF_ID = re.compile(r"^fnref(\d*):(.+)$")
PARAGRAPH = re.compile(r"p\d+")
LANG_SPAN = r"\[((?:[^\[\]]|\\[\[\]])+)\]\{:?\s*lang=[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)[\"']?\s*\}"


def literal(text: str) -> str:
    """Keep text literal through Python-Markdown's serializer, which spares '&lt;'-like entities."""
    return text.replace("&", "&amp;")


def tip(kind: str, printed: str, reason: str, cert: str = "") -> str:
    """The hover text of an intervention: what it is (how certain, when stated), what was printed, why."""
    parts = [label(kind, cert)]
    if printed:
        parts.append(f"printed: {printed}")
    if reason:
        parts.append(reason)
    return "; ".join(parts)


class InterventionProcessor(InlineProcessor):
    """Turn CriticMarkup interventions into <span data-intervention> elements."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]
        item = from_match(m)
        shown = "" if item.op == "mark" else item.printed  # marked words are not a printed reading
        title = tip(item.kind, shown, item.reason, item.cert)
        span = etree.Element("span", {"class": f"iv iv-{item.kind}", "data-intervention": item.kind,
                                      "tabindex": "0", "title": literal(title)})
        if item.op in ("sub", "del"):
            span.set("data-printed", literal(item.printed))
            # the search finds the edition's reading; the printed one is in the apparatus
            printed = etree.SubElement(span, "span", {"class": "iv-printed", "data-search-exclude": ""})
            printed.text = AtomicString(literal(item.printed))
        if item.op == "mark":
            span.text = item.edited  # the words commented on, in both readings; Markdown: later patterns apply
        if item.op in ("sub", "add"):
            edited = etree.SubElement(span, "span", {"class": "iv-edited"})
            edited.text = item.edited  # Markdown: later patterns (footnote references too) apply
        if item.reason:
            span.set("data-reason", literal(item.reason))
        if item.kind == "lacuna":
            gap = etree.SubElement(span, "span", {"class": "iv-edited"})
            gap.text = AtomicString("[…]")
        return span, m.start(0), m.end(0)


class LanguageProcessor(InlineProcessor):
    """[Ce gens n'ont pas peur]{lang=fr}: a span of text in another language."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]
        span = etree.Element("span", {"lang": m.group(2)})
        span.text = m.group(1)  # Markdown inside: later patterns apply
        return span, m.start(0), m.end(0)


class NoteLabelProcessor(Treeprocessor):
    """Show the article's own note labels and label every backlink distinctly."""

    def __init__(self, md: Markdown, labels: dict[str, str], sources_page: str) -> None:
        super().__init__(md)
        self.labels = labels
        self.sources_page = sources_page

    def run(self, root: etree.Element) -> None:
        """Rewrite markers, note list items, backlinks and citation links in place."""
        places = self.reference_places(root)
        for notes in root.iter("div"):
            if "footnote" in notes.get("class", "").split():
                heading = etree.Element("h2", {"class": "ed-notes-heading", "id": "notes"})
                heading.text = "Notes"
                notes.insert(0, heading)
        for element in root.iter():
            if element.tag == "sup":
                self.label_marker(element)
            elif element.tag == "li" and element.get("id", "").startswith("fn:"):
                self.label_note(element, places)
            elif element.tag == "a" and element.get("href", "").startswith(self.sources_page + "#"):
                element.set("class", "citation")
                element.set("data-key", element.get("href", "").split("#", 1)[1])

    def label(self, note_id: str) -> str:
        """The label printed for a note id."""
        return self.labels.get(note_id, note_id)

    def label_marker(self, sup: etree.Element) -> None:
        """Put the note's label on its marker."""
        found = REF_ID.match(sup.get("id", ""))
        link = sup.find("a")
        if found and link is not None and "footnote-ref" in link.get("class", ""):
            link.text = self.label(found.group(2))
            link.set("aria-label", f"Note {self.label(found.group(2))}")

    def reference_places(self, root: etree.Element) -> dict[str, str]:
        """Map each marker id (fnref:x, fnref2:x) to the id of its paragraph."""
        places: dict[str, str] = {}
        for block in root.iter():
            block_id = block.get("id", "")
            if block.tag == "p" and block_id:
                for sup in block.iter("sup"):
                    if REF_ID.match(sup.get("id", "")):
                        places[sup.get("id", "")] = block_id
        return places

    def label_note(self, item: etree.Element, places: dict[str, str]) -> None:
        """Prefix a note with its label and describe each of its backlinks."""
        note_id = item.get("id", "")[3:]
        label = self.label(note_id)
        item.set("data-label", label)
        first = item.find("p")
        holder = first if first is not None else item
        mark = etree.Element("span", {"class": "note-label"})
        mark.text = label
        mark.tail = " " + (holder.text or "")
        holder.text = None
        holder.insert(0, mark)
        # A heading per note makes the search take a reader to the note itself, not to the top of the page.
        heading = etree.Element("h3", {"class": "note-heading", "id": f"note-{note_id}"})
        heading.text = f"Note {label}"
        item.insert(0, heading)
        backlinks = [a for a in item.iter("a") if "footnote-backref" in a.get("class", "")]
        for number, link in enumerate(backlinks):
            target = link.get("href", "").lstrip("#")
            paragraph = places.get(target, "")
            where = f"¶{paragraph[1:]}" if re.fullmatch(r"p\d+", paragraph) else "the text"
            which = f", {ORDINALS[number]} reference" if len(backlinks) > 1 and number < len(ORDINALS) else ""
            text = f"Back to {where}{which} (note {label})"
            link.set("title", text)
            link.set("aria-label", text)


class InterventionIdProcessor(Treeprocessor):
    """Give each intervention a stable id from its paragraph or note, and a link to the apparatus."""

    def __init__(self, md: Markdown, apparatus_page: str, lemmata: dict[str, str] | None = None) -> None:
        super().__init__(md)
        self.apparatus_page = apparatus_page
        self.lemmata = lemmata or {}

    def run(self, root: etree.Element) -> None:
        """Number the interventions of each paragraph (p12) and note (fn:12) in reading order."""
        for holder in root.iter():
            holder_id = holder.get("id", "")
            if holder.tag == "p" and PARAGRAPH.fullmatch(holder_id):
                self.number(holder, holder_id)
            elif holder.tag == "li" and holder_id.startswith("fn:"):
                self.number(holder, "n" + holder_id[3:])

    def number(self, holder: etree.Element, prefix: str) -> None:
        """Set ids iv-PREFIX-1, -2 … and add a link to each one's apparatus entry."""
        spans = [e for e in holder.iter("span") if e.get("data-intervention")]
        for count, span in enumerate(spans, 1):
            anchor = f"{prefix}-{count}"
            span.set("id", f"iv-{anchor}")
            if self.lemmata.get(anchor):  # the words it concerns, for the popover
                span.set("data-lemma", literal(self.lemmata[anchor]))
            link = etree.SubElement(span, "a", {"class": "iv-app", "href": f"{self.apparatus_page}#app-{anchor}",
                                                "aria-label": "apparatus entry"})
            link.text = "†"


class PersonProcessor(Treeprocessor):
    """Link every mention of a registered person to the register, the printed spelling unchanged."""

    SKIP_TAGS = {"code", "pre", "script", "style", "h1", "sup", "abbr"}
    SKIP_CLASSES = {"iv-printed", "note-label", "iv-app", "byline"}

    def __init__(self, md: Markdown, matcher: Matcher, persons_page: str) -> None:
        super().__init__(md)
        self.matcher = matcher
        self.persons_page = persons_page

    def run(self, root: etree.Element) -> None:
        """Walk the tree, wrapping mentions in text and tails."""
        self.walk(root, in_link=False)

    def skipped(self, element: etree.Element) -> bool:
        """Elements whose text is not running text: code, markers, printed readings."""
        classes = set(element.get("class", "").split())
        return element.tag in self.SKIP_TAGS or bool(classes & self.SKIP_CLASSES)

    def walk(self, element: etree.Element, in_link: bool) -> None:
        """Wrap mentions in an element's text and in its children's tails."""
        if self.skipped(element):
            return
        in_link = in_link or element.tag == "a"
        children = list(element)  # taken before wrapping, so that new mention nodes are not walked again
        element.text, shift = self.wrap(element, 0, element.text, in_link)
        for position, child in enumerate(children):
            self.walk(child, in_link)
            child.tail, added = self.wrap(element, position + shift + 1, child.tail, in_link)
            shift += added  # a running index: looking each child up again would be quadratic

    def wrap(self, parent: etree.Element, index: int, text: str | None, in_link: bool) -> tuple[str | None, int]:
        """Insert one element per mention at index; return the text before the first one and how many."""
        mentions = list(self.matcher.find(text)) if text else []
        if not mentions or text is None:
            return text, 0
        for offset, mention in enumerate(mentions):
            end = mentions[offset + 1].start if offset + 1 < len(mentions) else len(text)
            attrs = {"class": "person", "data-person": mention.person}
            if not in_link:  # a link cannot hold a link: inside a citation the mention is marked only
                attrs["href"] = f"{self.persons_page}#{mention.person}"
            node = etree.Element("a" if not in_link else "span", attrs)
            node.text = AtomicString(text[mention.start:mention.end])
            node.tail = text[mention.end:end]
            parent.insert(index + offset, node)
        return text[:mentions[0].start], len(mentions)


ALIGNMENT = re.compile(r"text-align:\s*(left|right|center);?")


class AlignmentProcessor(Treeprocessor):
    """A table column's alignment as a class (edition-align-right), not a style attribute: the pages carry no
    style attribute, so the policy need not allow inline styles."""

    def run(self, root: etree.Element) -> None:
        """Move th's and td's text-align into a class."""
        for cell in root.iter():
            found = ALIGNMENT.fullmatch(cell.get("style", "").strip()) if cell.tag in ("th", "td") else None
            if found:
                del cell.attrib["style"]
                cell.set("class", f"edition-align-{found.group(1)}")


class EditionExtension(Extension):
    """Register the edition's inline and tree processors."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "labels": [{}, "note id -> printed label"],
            "lemmata": [{}, "intervention anchor (p12-1, n3-2) -> the words it concerns"],
            "sources_page": ["sources.md", "the page that holds the source entries"],
            "apparatus_page": ["apparatus.md", "the page that lists every intervention"],
            "persons": [[], "[id, spellings, excluded phrases] of each registered person"],
            "persons_page": ["persons.md", "the persons' register page"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Interventions before every inline pattern; ids after attr_list (8), before MkDocs reads anchors (5)."""
        md.inlinePatterns.register(InterventionProcessor(PATTERN.pattern, md), "edition-interventions", 200)
        md.inlinePatterns.register(LanguageProcessor(LANG_SPAN, md), "edition-language", 195)
        labels = {str(k): str(v) for k, v in dict(self.getConfig("labels")).items()}
        md.treeprocessors.register(NoteLabelProcessor(md, labels, self.getConfig("sources_page")),
                                   "edition-notes", 7)
        lemmata = {str(k): str(v) for k, v in dict(self.getConfig("lemmata")).items()}
        md.treeprocessors.register(InterventionIdProcessor(md, self.getConfig("apparatus_page"), lemmata),
                                   "edition-intervention-ids", 6)
        md.treeprocessors.register(FigureProcessor(md), "edition-figures", 6.8)
        md.treeprocessors.register(AlignmentProcessor(md), "edition-alignment", 6.7)
        if self.getConfig("persons"):
            matcher = matcher_for((str(p[0]), p[1], p[2]) for p in self.getConfig("persons"))
            md.treeprocessors.register(PersonProcessor(md, matcher, self.getConfig("persons_page")),
                                       "edition-persons", 6.5)


def makeExtension(**kwargs: Any) -> EditionExtension:
    """Entry point for Python-Markdown's extension loading."""
    return EditionExtension(**kwargs)
