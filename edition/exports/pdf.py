"""The PDF: the single HTML file with its notes at the foot of their pages, printed by WeasyPrint as tagged PDF/UA-1.

The notes become CSS Paged Media footnotes (`float: footnote`): each note moves to just after its marker, so
WeasyPrint sets it at the foot of the page that carries the marker; the marker links to the note, the note
back to the marker.
"""
from __future__ import annotations

import logging
from typing import Any
from xml.etree import ElementTree

from lxml import html as lhtml

from edition.exports.meta import ExportMetadata

PDF_VARIANT = "pdf/ua-1"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
# Only for the PDF: notes at the foot of the page; markers with a line's height, so that their links can be hit.
PDF_CSS = """
@page { @footnote { margin-top: 6pt; padding-top: 4pt; border-top: .5pt solid #999; } }
.pdf-note { float: footnote; footnote-display: block; margin: 0 0 2pt; font-size: 8.5pt; line-height: 1.3;
  text-indent: 0; font-style: normal; font-weight: 400; text-align: left; }
.pdf-note::footnote-call { content: none; }
.pdf-note::footnote-marker { content: none; }
.pdf-note-block { display: block; margin: 0; }
.pdf-note-block + .pdf-note-block { margin-top: 2pt; }
.pdf-note .note-label { font-weight: 700; margin-right: .3em; }
.md-typeset sup { line-height: 1; }
.md-typeset sup > a.footnote-ref { display: inline-block; line-height: 1.2; }
.md-typeset .pdf-note .footnote-backref { display: inline !important; margin-left: .3em; }
:is(#page-persons, #page-chronology) a:is([href^="#p"], [href^="#fn:"]):not([class])::after {
  content: " (p.\\a0" target-counter(attr(href url), page) ")"; }
"""


class PdfUnavailable(Exception):
    """WeasyPrint or the libraries it needs are missing."""


def note_block(child: lhtml.HtmlElement) -> lhtml.HtmlElement:
    """A block of a note (a paragraph, a list) as a <span> shown as a block, so that it may stand inside a <p>."""
    span = lhtml.Element("span", {"class": f"pdf-note-block pdf-note-{child.tag}"})
    span.text = child.text
    for grandchild in list(child):
        span.append(grandchild)
    return span


def footnote(item: lhtml.HtmlElement) -> lhtml.HtmlElement:
    """A note of the list (<li id="fn:2">) as a footnote element with the same id."""
    note = lhtml.Element("span", {"class": "pdf-note", "id": item.get("id", ""),
                                  "data-label": item.get("data-label", "")})
    for child in item:
        if "note-heading" in child.get("class", "").split():
            continue  # "Note 2": a heading for the list of notes, not for a footnote
        note.append(note_block(child) if child.tag in ("p", "ul", "ol", "blockquote", "div") else child)
    return note


def move_notes_to_markers(root: lhtml.HtmlElement) -> None:
    """Each note of the essay just after its first marker, and the list of notes gone."""
    for notes in root.xpath('//*[@id="page-essay"]//div[contains(concat(" ", @class, " "), " footnote ")]'):
        for item in notes.xpath('./ol/li[starts-with(@id, "fn:")]'):
            back = item.xpath('.//a[contains(@class, "footnote-backref")]/@href')
            markers = root.xpath(f'//sup[@id="{back[0][1:]}"]') if back else []
            if not markers:
                continue
            marker = markers[0]
            note = footnote(item)
            note.tail, marker.tail = marker.tail, None
            marker.addnext(note)
        notes.drop_tree()
    for entry in root.xpath('//nav//li[a[@href="#notes"]]'):
        entry.drop_tree()  # the contents' "Notes": they stand on each page now


def pdf_page(page: str) -> str:
    """The single HTML file made for print: footnotes, the PDF's own styles, no scripts."""
    root = lhtml.document_fromstring(page)
    move_notes_to_markers(root)
    for script in root.iter("script"):
        script.drop_tree()
    style = lhtml.Element("style")
    style.text = PDF_CSS
    root.head.append(style)
    return str(lhtml.tostring(root, encoding="unicode", method="html", doctype="<!DOCTYPE html>"))


def rdf_description(metadata: ExportMetadata) -> ElementTree.Element:
    """What WeasyPrint's XMP leaves out: the edition's editor, language and date, and its version."""
    description = ElementTree.Element(f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
    if metadata.editor:
        bag = ElementTree.SubElement(ElementTree.SubElement(description, f"{{{DC}}}contributor"), f"{{{RDF}}}Bag")
        ElementTree.SubElement(bag, f"{{{RDF}}}li").text = metadata.editor
    bag = ElementTree.SubElement(ElementTree.SubElement(description, f"{{{DC}}}language"), f"{{{RDF}}}Bag")
    ElementTree.SubElement(bag, f"{{{RDF}}}li").text = metadata.language
    seq = ElementTree.SubElement(ElementTree.SubElement(description, f"{{{DC}}}date"), f"{{{RDF}}}Seq")
    ElementTree.SubElement(seq, f"{{{RDF}}}li").text = metadata.date
    ElementTree.SubElement(description, f"{{{DC}}}identifier").text = f"version {metadata.version}"
    return description


def with_edition_metadata(base: Any, metadata: ExportMetadata) -> Any:
    """WeasyPrint's document metadata, its XMP completed by rdf_description()."""
    class EditionMetadata(type(base)):  # type: ignore[misc]
        def generate_rdf_metadata(self, variant: Any, version: Any, conformance: Any) -> bytes:
            rdf = ElementTree.fromstring(super().generate_rdf_metadata(variant, version, conformance))
            rdf.append(rdf_description(metadata))
            return bytes(ElementTree.tostring(rdf, encoding="utf-8"))

    result = EditionMetadata.__new__(EditionMetadata)
    result.__dict__.update(vars(base))
    return result


def pdf_bytes(page: str, metadata: ExportMetadata) -> bytes:
    """The single HTML file printed by WeasyPrint as tagged PDF/UA-1, fetching nothing but data: URLs."""
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint found no Pango
        raise PdfUnavailable(f"WeasyPrint cannot be loaded ({' '.join(str(exc).split())[:200]})") from exc
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # unsupported screen-only CSS is not worth a word
    fetcher = URLFetcher(allowed_protocols={"data"})
    options = {"pdf_variant": PDF_VARIANT, "pdf_identifier": f"{metadata.title} {metadata.version}".encode("utf-8")}
    document = weasyprint.HTML(string=pdf_page(page), url_fetcher=fetcher).render(**options)
    document.metadata = with_edition_metadata(document.metadata, metadata)
    return bytes(document.write_pdf(**options))
