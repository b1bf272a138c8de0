"""The EPUB 3: the pages of the single HTML file (the same rendered model), one XHTML file each, packed by hand.

Zipfile and templates rather than a packaging library: the EPUB must be byte-identical across two builds of one
commit, so every entry's name, order and time is ours to fix. Notes are EPUB footnotes (`epub:type="noteref"`
on each marker, `epub:type="footnote"` on each note), which e-readers show as pop-ups.
"""
from __future__ import annotations

import datetime as dt
import html
import io
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Mapping

import jinja2
from lxml import etree
from lxml import html as lhtml
from markupsafe import Markup

from edition.exports.epub_css import epub_css
from edition.exports.meta import ExportMetadata
from edition.exports.single_html import ExportError, Section, combined_sections, essay_first
from edition.pages import ESSAY_PAGE
from edition.site.stamp import build_date

TEMPLATES = Path(__file__).parent / "templates"
EPUB_TYPE = "data-epub-type"  # written as epub:type when serialized: lxml's HTML elements take no prefixed names
MIME = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf", ".css": "text/css",
        ".xhtml": "application/xhtml+xml",
        # the figures: EPUB 3's image types
        ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
        ".svg": "image/svg+xml"}
FONT_URL = re.compile(r"""url\(\s*['"]?(fonts/[^'")]+)['"]?\s*\)""")
LICENCE_PAGE = "fonts-licence.xhtml"


@dataclass(frozen=True)
class Document:
    """One XHTML file of the EPUB."""

    href: str  # "essay.xhtml"
    title: str
    body: str  # XHTML of the body's content


def file_name(section: Section) -> str:
    """The XHTML file of a section: 'essay.xhtml', 'sources.xhtml' …"""
    return f"{section.anchor.removeprefix('page-')}.xhtml"


def xml_id(value: str) -> str:
    """An id as XHTML takes it (an XML name without colons): 'fn:2' -> 'fn-2'."""
    return value.replace(":", "-")


def rename_ids(sections: list[Section]) -> dict[str, str]:
    """Every id made an XML name; returns id -> its file. Two ids made one are an error."""
    files: dict[str, str] = {}
    for section in sections:
        files[section.anchor] = file_name(section)
        for element in section.tree.iter():
            if isinstance(element.tag, str) and element.get("id"):
                new = xml_id(element.get("id", ""))
                if new in files:
                    raise ExportError(f"{section.name}: id '{element.get('id')}' becomes '{new}', used elsewhere")
                element.set("id", new)
                files[new] = file_name(section)
    return files


def relink(sections: list[Section], files: Mapping[str, str]) -> None:
    """Each in-file link ('#fn:2') as a link between the EPUB's files ('essay.xhtml#fn-2')."""
    for section in sections:
        here = file_name(section)
        for element in section.tree.iter("a"):
            href = element.get("href", "")
            if not href.startswith("#"):
                continue
            target = xml_id(href[1:])
            if target not in files:
                raise ExportError(f"{section.name}: link to a missing id: {href}")
            if target == section.anchor or (files[target] != here and target.startswith("page-")):
                element.set("href", files[target])
            else:
                element.set("href", f"#{target}" if files[target] == here else f"{files[target]}#{target}")


def footnote(item: lhtml.HtmlElement) -> lhtml.HtmlElement:
    """A note of the list as an EPUB footnote: an <aside> with the note's id and content."""
    aside = lhtml.Element("aside", {"id": item.get("id", ""), "class": "epub-note", EPUB_TYPE: "footnote",
                                    "role": "doc-footnote"})
    if item.get("data-label"):
        aside.set("data-label", item.get("data-label", ""))
    aside.text = item.text
    for child in list(item):
        if "note-heading" in child.get("class", "").split():
            aside.text = (aside.text or "") + (child.tail or "")
            item.remove(child)
            continue
        aside.append(child)
    return aside


def mark_notes(tree: lhtml.HtmlElement) -> None:
    """Markers as noterefs, the list of notes as footnotes, backlinks as backlinks."""
    for marker in tree.xpath('.//sup/a[contains(concat(" ", @class, " "), " footnote-ref ")]'):
        marker.set(EPUB_TYPE, "noteref")
        marker.set("role", "doc-noteref")
    for block in tree.xpath('.//div[contains(concat(" ", @class, " "), " footnote ")]'):
        block.tag = "section"
        block.set("role", "doc-endnotes")
        block.set("aria-labelledby", "notes")
        for rule in block.findall("hr"):
            block.remove(rule)
        for listing in block.findall("ol"):
            index = block.index(listing)
            for offset, item in enumerate(listing.findall("li")):
                block.insert(index + offset, footnote(item))
            block.remove(listing)
    for back in tree.xpath('.//a[contains(concat(" ", @class, " "), " footnote-backref ")]'):
        back.set("role", "doc-backlink")


def xhtml(tree: lhtml.HtmlElement) -> str:
    """The content of an element as XHTML, epub:type written with its prefix."""
    head = html.escape(tree.text, quote=False) if tree.text else ""
    body = head + "".join(etree.tostring(child, encoding="unicode", method="xml") for child in tree)
    return body.replace(f' {EPUB_TYPE}="', ' epub:type="')


def environment() -> jinja2.Environment:
    """The EPUB's templates, XML-escaped."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def documents(sections: list[Section]) -> list[Document]:
    """Each section as the body of one XHTML file."""
    result = []
    for section in sections:
        tag = "article" if section.name == ESSAY_PAGE else "section"
        body = (f'<{tag} class="md-typeset" id="{section.anchor}" aria-label="{html.escape(section.title)}">\n'
                f"{xhtml(section.tree)}\n</{tag}>")
        result.append(Document(file_name(section), section.title, body))
    return result


def page(env: jinja2.Environment, document: Document, language: str) -> bytes:
    """One XHTML file, checked to be well-formed XML."""
    text = env.get_template("epub-page.xhtml.j2").render(language=language, title=document.title,
                                                         body=Markup(document.body))
    try:
        etree.fromstring(text.encode("utf-8"))
    except etree.XMLSyntaxError as exc:
        raise ExportError(f"EPUB: {document.href} is not well-formed XHTML: {exc}") from exc
    return text.encode("utf-8")


def font_files(css: str, assets: Mapping[str, bytes]) -> dict[str, bytes]:
    """The edition's fonts its stylesheet names, by their path beside it."""
    return {name: assets[name] for name in sorted(set(FONT_URL.findall(css))) if name in assets}


def identifier(metadata: ExportMetadata) -> str:
    """A stable identifier of the publication: a UUID from its title and author (the same in every version)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'edition:' + metadata.author + ':' + metadata.title)}"


def manifest(files: Iterable[str]) -> list[dict[str, str]]:
    """The package's manifest: every file but the package itself, with its media type and properties."""
    items = []
    for number, name in enumerate(sorted(files), 1):
        properties = "nav" if name == "nav.xhtml" else ""
        items.append({"id": f"item-{number}", "href": name, "type": MIME[PurePosixPath(name).suffix.lower()],
                      "properties": properties})
    return items


def epub_zip(files: Mapping[str, bytes], epoch: int) -> bytes:
    """The EPUB's container: mimetype first and stored, then every file sorted, at one time, mode 0644."""
    when = dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc).timetuple()[:6]
    when = (*when[:5], when[5] - when[5] % 2)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [("mimetype", b"application/epub+zip")] + sorted(files.items()):
            info = zipfile.ZipInfo(name, date_time=when)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def title_document(env: jinja2.Environment, metadata: ExportMetadata, meta: Mapping[str, Any],
                   config: Mapping[str, Any], date: str) -> Document:
    """The title page: title, author, editor, first publication, version."""
    body = env.get_template("epub-title.xhtml.j2").render(
        meta=metadata, affiliation=str(meta.get("affiliation") or ""), published=str(meta.get("published") or ""),
        site_name=str(config.get("site_name") or ""), date=date)
    return Document("title.xhtml", metadata.title, body)


def licence_document(text: str) -> Document:
    """The fonts' licence, which travels with them."""
    return Document(LICENCE_PAGE, "Font licence", f'<section class="md-typeset" aria-label="Font licence">\n'
                                                  f"<h1>Font licence</h1>\n<pre>{html.escape(text)}</pre>\n</section>")


def contents(docs: list[Document], sections: list[Section]) -> list[dict[str, str]]:
    """The navigation document's entries: each file, and the essay's notes after the essay."""
    notes = any(s.tree.get_element_by_id("notes", None) is not None for s in sections if s.name == ESSAY_PAGE)
    entries = []
    for doc in docs:
        entries.append({"href": doc.href, "title": doc.title})
        if doc.href == "essay.xhtml" and notes:
            entries.append({"href": "essay.xhtml#notes", "title": "Notes"})
    return entries


def figure_files(sections: list[Section], figures: Mapping[str, bytes]) -> dict[str, bytes]:
    """The figures the pages show, at the paths their images name (relative to the pages, as in the site); an
    image type EPUB does not know is an error, never a reference to nothing."""
    found = {}
    for section in sections:
        for image in section.tree.iter("img"):
            src = image.get("src", "")
            if src in figures:
                if PurePosixPath(src).suffix.lower() not in MIME:
                    raise ExportError(f"the EPUB cannot carry the figure '{src}': EPUB readers show PNG, JPEG, GIF, "
                                      "WebP and SVG")
                found[src] = figures[src]
    return found


def epub_bytes(meta: Mapping[str, Any], config: Mapping[str, Any], pages: Mapping[PurePosixPath, str],
               extensions: Iterable[Any], assets: Mapping[str, bytes], metadata: ExportMetadata, epoch: int,
               figures: Mapping[str, bytes] | None = None) -> bytes:
    """The whole edition as an EPUB 3: title page, contents, essay with its footnotes, every other page."""
    sections = combined_sections(essay_first(pages), extensions, str(meta.get("label") or "Essay"))
    relink(sections, rename_ids(sections))
    for section in sections:
        if section.name == ESSAY_PAGE:
            mark_notes(section.tree)
    env = environment()
    css = assets.get("edition.css", b"").decode("utf-8")
    docs = [title_document(env, metadata, meta, config, build_date(epoch))] + documents(sections)
    if "fonts/OFL.txt" in assets:
        docs.append(licence_document(assets["fonts/OFL.txt"].decode("utf-8")))
    files: dict[str, bytes] = {d.href: page(env, d, metadata.language) for d in docs}
    files["edition.css"] = epub_css(css).encode("utf-8")
    files["epub.css"] = (TEMPLATES / "epub.css").read_bytes()
    files.update(font_files(css, assets))
    files.update(figure_files(sections, figures or {}))
    files["nav.xhtml"] = env.get_template("epub-nav.xhtml.j2").render(
        language=metadata.language, essay=next((d.href for d in docs if d.href == "essay.xhtml"), docs[0].href),
        toc=contents(docs[1:], sections)).encode("utf-8")
    items = manifest(files)
    ids = {item["href"]: item["id"] for item in items}
    modified = dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    package = env.get_template("epub-package.opf.j2").render(
        meta=metadata, identifier=identifier(metadata), modified=modified, manifest=items,
        spine=[ids[d.href] for d in docs])
    entries = {f"OEBPS/{name}": data for name, data in files.items()}
    entries["OEBPS/package.opf"] = package.encode("utf-8")
    entries["META-INF/container.xml"] = (TEMPLATES / "epub-container.xml").read_bytes()
    return epub_zip(entries, epoch)
