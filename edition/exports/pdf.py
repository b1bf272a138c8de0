"""The PDF: the single HTML file's pages typeset by Typst (PyPI `typst`) as tagged PDF/UA-1.

pdf_typst.py writes the pages as Typst markup; templates/pdf.typ sets the page and the type. The compiler reads
only what it is given: the edition's fonts (TTF, converted once from the theme's WOFF2, in fonts/ with their
licence), no system font, and a root folder of its own, empty but for the figures, so that `read` or `image` in
the markup could reach nothing else. The build's time is the document's date, so two builds give the same bytes.
Typst's XMP is then completed by pikepdf (editors, date, address, licence), the rest of the file as Typst wrote it.
"""
from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path, PurePosixPath

from lxml import html as lhtml

from edition.exports.meta import ExportMetadata
from edition.exports.pdf_typst import document_body, string
from edition.site.write import write_tree

PDF_STANDARD = "ua-1"
HERE = Path(__file__).parent
TEMPLATE = HERE / "templates" / "pdf.typ"
FONTS = HERE / "fonts"
MARGIN_PT = 125  # the inner and outer margins: a text block of 345 pt, ~72 characters a line, <= 90 in a note
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class PdfUnavailable(Exception):
    """The Typst compiler (PyPI `typst`) is missing."""


def document_date(date: str) -> str:
    """Typst's `datetime(…)` of an ISO date, `auto` if the date is not one."""
    found = ISO_DATE.match(date)
    if not found:
        return "auto"
    year, month, day = (int(g) for g in found.groups())
    return f"datetime(year: {year}, month: {month}, day: {day})"


def short(title: str, limit: int = 60) -> str:
    """A title for the running head: whole up to `limit` characters, else cut at a word and ended with '…'."""
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def preamble(metadata: ExportMetadata) -> str:
    """The document's metadata (XMP and document information) and the names the template needs."""
    lang = metadata.language.split("-")[0].lower()
    lang = lang if re.fullmatch(r"[a-z]{2,3}", lang) else "en"
    head = f"{metadata.author}: {short(metadata.title)}" if metadata.author else short(metadata.title)
    authors = "".join(f"{string(name)}, " for name in metadata.authors or (metadata.author,))
    return "\n".join([
        f"#set document(title: {string(metadata.title)}, author: ({authors}), "
        f"description: {string(metadata.description or metadata.title)}, "
        f"keywords: ({string('version ' + metadata.version)},), date: {document_date(metadata.date)})",
        f"#let ed-lang = {string(lang)}",
        f"#let ed-margin = {MARGIN_PT}pt",
        f"#let ed-running-head = {string(head)}",
        "",
    ])


def pdf_markup(page: str, metadata: ExportMetadata) -> tuple[str, dict[str, bytes]]:
    """The Typst source of the PDF and the figures it reads (path below the root -> bytes)."""
    body, figures = document_body(lhtml.document_fromstring(page))
    return preamble(metadata) + TEMPLATE.read_text(encoding="utf-8") + "\n" + body, figures


def compile_markup(markup: str, figures: dict[str, bytes], epoch: int) -> bytes:
    """Typst's PDF of the markup, in a root holding only the figures, with the edition's fonts alone.

    A figure Typst cannot decode (a damaged file the site shows as a broken image) is set as its alt text."""
    try:
        import typst
    except ImportError as exc:
        raise PdfUnavailable(f"Typst cannot be loaded ({exc})") from exc
    with tempfile.TemporaryDirectory(prefix="edition-pdf-") as root:
        write_tree(Path(root), {PurePosixPath(path): data for path, data in figures.items()})

        def run(source: str) -> bytes:
            # the stubs tie input, root and font paths to one type; the binding takes markup as bytes, paths as str
            result = typst.compile(source.encode("utf-8"), root=root, font_paths=[str(FONTS)],  # type: ignore[call-overload]
                                   ignore_system_fonts=True, pdf_standards=[PDF_STANDARD], timestamp=epoch,
                                   format="pdf")
            assert isinstance(result, bytes)
            return result

        try:
            return run(markup)
        except typst.TypstError as exc:
            if "image" not in str(exc) or not figures:
                raise
        for path in figures:
            try:
                run(f"#image({string(path)})")
            except typst.TypstError:
                markup = markup.replace(f"#ed-image({string(path)}, ", "#ed-no-image(")
        return run(markup)


def complete_xmp(pdf: bytes, metadata: ExportMetadata) -> bytes:
    """Typst's PDF with what its XMP leaves out: each author a dc:creator of its own (Typst joins them in one),
    each editor (dc:contributor), the edition's date (dc:date), the site's address (dc:identifier) and the licence
    (dc:rights).

    Nothing else changes: no editor mark or current time (pikepdf's MetadataDate and Producer), Typst's document
    information as it was; the file's first /ID stays Typst's, the second is a digest of the content."""
    try:
        import pikepdf
    except ImportError as exc:
        raise PdfUnavailable(f"pikepdf cannot be loaded ({exc})") from exc
    with pikepdf.open(io.BytesIO(pdf)) as document:
        with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            if metadata.authors:
                xmp["dc:creator"] = list(metadata.authors)
            if metadata.editors:
                xmp["dc:contributor"] = list(metadata.editors)
            if metadata.date:
                xmp["dc:date"] = [metadata.date]
            if metadata.url:
                xmp["dc:identifier"] = metadata.url
            if metadata.licence:
                xmp["dc:rights"] = metadata.licence
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()


def pdf_bytes(page: str, metadata: ExportMetadata, epoch: int = 0) -> bytes:
    """The single HTML file typeset by Typst as tagged PDF/UA-1, dated by the build (SOURCE_DATE_EPOCH), its XMP
    completed."""
    markup, figures = pdf_markup(page, metadata)
    return complete_xmp(compile_markup(markup, figures, epoch), metadata)
