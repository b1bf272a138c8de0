"""The PDF's Typst markup, written from the single HTML file's rendered pages (the lxml tree of edition.html).

Written from the same tree as edition.html and the EPUB rather than from the model, so that every word, every
intervention, register entry and link is the one the other exports show: this module only decides how a rendered
element is set on paper. Every text node becomes a Typst string literal (`#"…";`), never markup, so that no
character of the edition (`#`, `[`, `$`, `*`, `//`, `<`, `@` …) is read by Typst as code or markup; only the
element names, labels and numbers below are markup of ours.

Notes stand at their first marker as `#footnote`s numbered with the article's own labels; a restored marker has
its editorial brackets beside the call, never inside the note's text; persons, abbreviations and links are set
as plain text (no underline on paper); a register's link to a paragraph or a note is followed by its page.
"""
from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from lxml import html as lhtml

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "figure", "div", "section",
          "article", "main", "header", "footer", "nav", "hr", "pre"}
SKIPPED = {"script", "style", "template"}
LABEL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_:.\-]*")
MADE_UP = "ed-id-"  # the labels of ids Typst's label syntax cannot hold (no id of the page keeps this prefix)
LANG = re.compile(r"(?P<lang>[a-z]{2,3})(?:-(?P<script>[A-Za-z]{4}))?(?:-(?P<region>[A-Z]{2}))?")
SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's white space (not the no-break space)
OUTBOUND = {"http", "https", "mailto"}
FUNCTIONS = {"em": "emph", "i": "emph", "cite": "emph", "strong": "strong", "b": "strong", "sup": "super", "sub": "sub"}
REGISTER_PAGES = {"page-persons", "page-chronology"}  # their links to paragraphs and notes give the page too
# Pages of entries, short lines and tables, set ragged right without hyphenation (and a fifth faster to set).
RAGGED_PAGES = {"page-sources", "page-apparatus", "page-persons", "page-glossary", "page-chronology"}
MIME_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/svg+xml": "svg",
                   "image/webp": "webp"}


def string(text: str) -> str:
    """A Typst string literal: its content is text, whatever characters it holds."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped.replace(chr(9), chr(92) + "t")}"'


def text(value: str) -> str:
    """Text of the edition as markup: a string literal, closed by `;` so that nothing after it continues it."""
    return f"#{string(value)};" if value else ""


def classes(element: lhtml.HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


@dataclass
class Writer:
    """The state of one document's markup: the labels it defines, the notes set, the figures it needs."""

    ids: set[str]
    labels: dict[str, str] = field(default_factory=dict)
    placed: set[str] = field(default_factory=set)  # labels already attached (a label is defined once)
    notes: dict[str, lhtml.HtmlElement] = field(default_factory=dict)  # "fn:2" -> its <li>
    set_notes: set[str] = field(default_factory=set)
    figures: dict[str, bytes] = field(default_factory=dict)  # path below the root -> image bytes
    page: str = ""  # the id of the section being written

    def label(self, ident: str) -> str:
        """The Typst label of an id: the id itself where Typst's label syntax allows it, else a made-up name."""
        if ident not in self.labels:
            fits = LABEL.fullmatch(ident) and not ident.startswith(MADE_UP)
            self.labels[ident] = ident if fits else f"{MADE_UP}{len(self.labels)}"
        return self.labels[ident]

    def anchor(self, element: lhtml.HtmlElement) -> str:
        """An invisible, locatable mark carrying the element's id, once, where links to it land."""
        ident = element.get("id")
        if not ident or ident in self.placed:
            return ""
        self.placed.add(ident)
        return f"#metadata(none)<{self.label(ident)}>"

    # ---------------------------------------------------------------- inline content

    def inline(self, element: lhtml.HtmlElement, strip: bool = False) -> str:
        """The markup of an element's content: its text, its children and their tails."""
        parts = [text(SPACE.sub(" ", element.text or ""))]
        for child in element:
            if isinstance(child.tag, str):
                parts.append(self.child(child))
            tail = SPACE.sub(" ", child.tail or "")
            parts.append(text(tail.lstrip() if child.tag == "br" else tail))  # no space to start a line
        markup = "".join(parts)
        return strip_spaces(markup) if strip else markup

    def child(self, element: lhtml.HtmlElement) -> str:
        """One inline element as markup."""
        tag, kinds = element.tag, classes(element)
        if tag in SKIPPED or kinds & {"iv-printed", "note-label", "note-heading", "footnote-backref"}:
            return ""  # printed readings are in the apparatus; labels and back links are Typst's own
        if tag == "sup" and element.xpath('./a[contains(@class, "footnote-ref")]'):
            return self.marker(element)
        content = self.inline(element)
        wrapped = self.wrap(element, content)
        return self.anchor(element) + wrapped

    def wrap(self, element: lhtml.HtmlElement, content: str) -> str:
        """An inline element's own setting around its content."""
        tag, kinds = element.tag, classes(element)
        lang = language(element.get("lang"))
        if lang:
            content = f"#text({lang})[{content}]"
        if tag in FUNCTIONS:
            return f"#{FUNCTIONS[tag]}[{content}]"
        if tag == "br":
            return "#linebreak()"
        if tag == "code":
            return f"#raw({string(element.text_content())})"
        if tag == "img":
            return self.image(element)
        if "iv-app" in kinds:
            return f"#ed-app({self.link_target(element)})"
        if "pnum" in kinds:
            return f"#ed-pnum[{content}]"
        if tag == "a":
            return self.link(element, content)
        return content

    def link_target(self, element: lhtml.HtmlElement) -> str:
        """`<label>` of an internal link whose target exists, else `none`."""
        href = element.get("href") or ""
        target = unquote(href[1:]) if href.startswith("#") else ""
        return f"<{self.label(target)}>" if target in self.ids else "none"

    def link(self, element: lhtml.HtmlElement, content: str) -> str:
        """A link inside the document, or out of it (http, https, mailto); in a register, with the target's page."""
        href = element.get("href") or ""
        if not href.startswith("#"):
            return f"#link({string(href)})[{content}]" if urlsplit(href).scheme in OUTBOUND else content
        target = self.link_target(element)
        if target == "none":
            return content
        linked = f"#link({target})[{content}]"
        if self.page in REGISTER_PAGES and not element.get("class") and re.fullmatch(r"#(p\d+|fn:.+)", href):
            linked += f"#ed-page-of({target})"
        return linked

    def marker(self, sup: lhtml.HtmlElement) -> str:
        """A note call: the note itself at its first call, a link to it at any other."""
        ref = sup.xpath('./a[contains(@class, "footnote-ref")]')[0]
        note_id = unquote((ref.get("href") or "")[1:])
        item = self.notes.get(note_id)
        restored = bool(sup.xpath('parent::span[contains(@class, "iv-edited")]'
                                  '[parent::span[contains(@class, "iv-marker")]]'))
        call = self.anchor(sup)
        if item is None or note_id in self.set_notes:
            call += f"#super[{self.link(ref, self.inline(ref))}]"
        else:
            self.set_notes.add(note_id)
            label = item.get("data-label") or ref.text_content()
            call += f"#footnote(numbering: _ => {string(label)})[{self.note_body(item)}]"
        return f"#ed-restored[{call}]" if restored else call

    def note_body(self, item: lhtml.HtmlElement) -> str:
        """A note's paragraphs, its id's mark first (so that links to the note land in it)."""
        blocks = [self.block(child) for child in item if isinstance(child.tag, str)]
        return self.anchor(item) + "#h(0.3em)" + "\n\n".join(b for b in blocks if b)  # a space after the number

    def image(self, element: lhtml.HtmlElement) -> str:
        """A figure's image (a data: URL in the single file) as a file below the compiler's root, scaled to fit."""
        src = element.get("src") or ""
        head, _, data = src.partition(",")
        mime = head.removeprefix("data:").removesuffix(";base64")
        if not src.startswith("data:") or not head.endswith(";base64") or mime not in MIME_EXTENSIONS:
            return text(element.get("alt") or "")
        path = f"figures/{len(self.figures)}.{MIME_EXTENSIONS[mime]}"
        self.figures[path] = base64.b64decode(data)
        return f"#ed-image({string(path)}, {string(element.get('alt') or '')})"

    # ---------------------------------------------------------------- blocks

    def block(self, element: lhtml.HtmlElement) -> str:
        """A block element (or a run of inline content standing as one) as markup."""
        tag, kinds = element.tag, classes(element)
        if tag in SKIPPED or kinds & {"note-heading", "ed-notes-heading"} or tag == "hr":
            return ""
        if "footnote" in kinds and tag == "div":
            return ""  # the notes stand at their markers
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return self.heading(element)
        if tag in ("ul", "ol"):
            return self.items(element)
        if tag == "table":
            return self.table(element)
        if tag == "blockquote":
            return f"#quote(block: true)[{self.anchor(element)}{self.flow(element)}]"
        if tag == "figure":
            return self.figure(element)
        if tag == "pre":
            return f"#raw(block: true, {string(element.text_content())})"
        if tag in BLOCKS - {"p"}:
            return self.anchor(element) + self.flow(element)
        content = self.anchor(element) + self.inline(element, strip=True)
        lang = language(element.get("lang"))
        return f"#text({lang})[{content}]" if lang else content

    def heading(self, element: lhtml.HtmlElement) -> str:
        """A heading at its level (H4 and below set as H3: the PDF's outline has three levels), its id its label."""
        heading = f"#heading(level: {min(int(element.tag[1]), 3)})[{self.inline(element, strip=True)}]"
        ident = element.get("id")
        if ident and ident not in self.placed:
            self.placed.add(ident)
            heading += f" <{self.label(ident)}>"
        return heading

    def items(self, element: lhtml.HtmlElement) -> str:
        """A list, numbered or not."""
        items = [f"[{self.anchor(li)}{self.flow(li)}]" for li in element if li.tag == "li"]
        return f"#{'enum' if element.tag == 'ol' else 'list'}({', '.join(items)})" if items else ""

    def flow(self, element: lhtml.HtmlElement) -> str:
        """An element's children as blocks, loose inline content gathered into paragraphs."""
        blocks: list[str] = []
        run: list[str] = [text(SPACE.sub(" ", element.text or ""))]
        for child in element:
            if not isinstance(child.tag, str):
                run.append(text(SPACE.sub(" ", child.tail or "")))
                continue
            if child.tag in BLOCKS:
                blocks.append(strip_spaces("".join(run)))
                blocks.append(self.block(child))
                run = []
            else:
                run.append(self.child(child))
            run.append(text(SPACE.sub(" ", child.tail or "")))
        blocks.append(strip_spaces("".join(run)))
        return "\n\n".join(b for b in blocks if b.strip())

    def table(self, element: lhtml.HtmlElement) -> str:
        """A table with its header row repeated; cells aligned as on the site."""
        rows = element.xpath("./thead/tr | ./tbody/tr | ./tr")
        columns = max((len(r.xpath("./th | ./td")) for r in rows), default=0)
        if not columns:
            return ""
        cells: list[str] = []
        for row in rows:
            row_cells = []
            for cell in row.xpath("./th | ./td"):
                body = self.anchor(cell) + self.inline(cell, strip=True)
                align = "right" if "edition-align-right" in classes(cell) else "left"
                row_cells.append(f"table.cell(align: {align})[{body}]")
            row_cells += ["[]"] * (columns - len(row_cells))
            header = row.getparent().tag == "thead"
            cells.append(f"table.header({', '.join(row_cells)})" if header else ", ".join(row_cells))
        return f"#ed-table({columns}, {', '.join(cells)})"

    def figure(self, element: lhtml.HtmlElement) -> str:
        """A figure: its image scaled to the text width at most, its caption below."""
        images = [self.image(img) for img in element.iter("img")]
        captions = element.xpath("./figcaption")
        caption = self.inline(captions[0], strip=True) if captions else ""
        return f"#ed-figure[{self.anchor(element)}{''.join(images)}][{caption}]"

    def section(self, element: lhtml.HtmlElement) -> str:
        """A page of the edition (a <section> or <article> of the single file), from a new page."""
        self.page = element.get("id") or ""
        ragged = "(justify: false)" if self.page in RAGGED_PAGES else ""
        return f"#ed-page{ragged}[{self.anchor(element)}{self.flow(element)}]"


def strip_spaces(markup: str) -> str:
    """Markup without the white space at its start and end (white space inside its first and last strings)."""
    markup = re.sub(r'^#" +', '#"', markup)
    markup = re.sub(r' +";$', '";', markup)
    return markup.replace('#"";', "")


def language(value: str | None) -> str:
    """Typst's `lang:` (and `region:`) arguments for a BCP 47 tag it can take; '' otherwise."""
    found = LANG.fullmatch(value or "")
    if not found:
        return ""
    region = found.group("region")
    return f'lang: "{found.group("lang")}"' + (f', region: "{region}"' if region else "")


def title_page(header: lhtml.HtmlElement, writer: Writer) -> str:
    """The title page: the edition's kind, title, author, affiliation and version, the contents."""
    parts: list[str] = []
    for element in header:
        if not isinstance(element.tag, str):
            continue
        if element.tag == "h1":
            parts.append(f"#ed-title[{writer.inline(element, strip=True)}]")
        elif element.tag == "nav":
            entries = [(a.get("href") or "", writer.inline(a, strip=True))
                       for a in element.xpath(".//li/a") if a.get("href") != "#notes"]
            rows = [f"[#link({writer.link_target(a)})[{body}]]" for a, (_, body) in
                    zip(element.xpath('.//li/a[not(@href="#notes")]'), entries) if writer.link_target(a) != "none"]
            parts.append(f"#ed-contents({', '.join(rows)})")
        else:
            kind = next(iter(sorted(classes(element))), "")
            parts.append(f"#ed-title-line({string(kind)})[{writer.inline(element, strip=True)}]")
    return f"#ed-title-page[{writer.anchor(header)}{chr(10).join(parts)}]"


def document_body(root: lhtml.HtmlElement) -> tuple[str, dict[str, bytes]]:
    """The Typst markup of the whole single file's body, and the figures it refers to (path -> bytes)."""
    writer = Writer(ids=set(root.xpath("//@id")))
    writer.notes = {li.get("id"): li for li in root.xpath('//li[starts-with(@id, "fn:")]')}
    parts: list[str] = []
    body = root.find("body")
    for element in body.iter() if body is not None else ():
        if element.tag == "header" and "title-page" in classes(element):
            parts.append(title_page(element, writer))
        elif element.tag in ("article", "section") and (element.get("id") or "").startswith("page-"):
            parts.append(writer.section(element))
    parts.append(orphan_notes(writer, root))
    return "\n\n".join(p for p in parts if p) + "\n", writer.figures


def orphan_notes(writer: Writer, root: lhtml.HtmlElement) -> str:
    """Notes no marker calls (an edition may keep one): set after the essay, so that no note is lost."""
    left = [writer.note_body(li) for ident, li in writer.notes.items() if ident not in writer.set_notes]
    return "\n\n".join(left)

