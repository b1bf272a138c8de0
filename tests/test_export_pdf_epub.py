"""`build_site.py export`: the PDF and the EPUB of the real edition, read by pypdf, pdfinfo and epubcheck."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from exported import EPUBCHECK, LABELS, OPF, XHTML, git, note_items
from lxml import etree, html

from edition.exports import export as ex
from edition.load.folder import load_assets

# ------------------------------------------------------------------ the PDF


def pdf_text(path: Path) -> tuple[int, str]:
    """The PDF's page count and its text without whitespace.

    pypdf reads WeasyPrint's font encoding with a NUL between characters; dropping NULs and whitespace also
    makes the comparison blind to line breaks.
    """
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    text = "".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), "".join(text.replace("\x00", "").split())


def first_words(li: html.HtmlElement, count: int = 4) -> str:
    """The first words a reader sees in a note: no printed readings, label or hidden links."""
    copy = html.fromstring(html.tostring(li))
    for hidden in copy.xpath('.//*[contains(@class, "iv-printed") or contains(@class, "note-label")'
                             ' or contains(@class, "note-heading")'
                             ' or contains(@class, "iv-app") or contains(@class, "footnote-backref")]'):
        hidden.drop_tree()
    return " ".join(copy.text_content().split()[:count])


def test_the_pdf_has_pages_and_every_note(dist: Path, single: html.HtmlElement) -> None:
    pages, text = pdf_text(dist / ex.PDF_NAME)
    assert pages > 1
    missing = [(li.get("id"), first_words(li)) for li in note_items(single)
               if "".join(first_words(li).split()) not in text]
    assert missing == []
    assert "Sources" in text and "Apparatus" in text


def pdf_links(path: Path) -> list[tuple[int, str, list[float]]]:
    """Every internal link of a PDF: its page, its destination and its rectangle."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return [(number, str(a["/Dest"]), [float(x) for x in a["/Rect"]])
            for number, page in enumerate(reader.pages) for a in (x.get_object() for x in page.get("/Annots", []))
            if a.get("/Subtype") == "/Link" and "/Dest" in a]


def test_the_pdf_links_notes_and_sources_inside_itself(dist: Path, single: html.HtmlElement) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(dist / ex.PDF_NAME))
    destinations = set(reader.named_destinations)
    notes = {li.get("id") for li in note_items(single)}
    sources = {p.get("id") for p in single.xpath('//p[contains(@class, "source")]')}
    assert notes | sources <= destinations
    internal = {dest for _, dest, _ in pdf_links(dist / ex.PDF_NAME)}
    assert notes <= internal  # every note is reached from its marker
    assert internal - destinations == set()


def test_every_pdf_note_marker_and_every_note_link_both_ways_with_an_area(dist: Path, single: html.HtmlElement) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(dist / ex.PDF_NAME))
    links = pdf_links(dist / ex.PDF_NAME)
    page_of = {name: reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()}
    for li in note_items(single):
        note, marker = li.get("id"), "fnref:" + li.get("id").removeprefix("fn:")
        to_note = [(n, r) for n, d, r in links if d == note and n == page_of[marker]]  # from the marker's page
        back = [(n, r) for n, d, r in links if d == marker]
        assert to_note and back, note
        for _, (x1, y1, x2, y2) in to_note[:1] + back:
            assert abs(x2 - x1) > 3 and abs(y2 - y1) > 5, (note, x1, y1, x2, y2)  # a box a pointer can hit
        assert page_of[note] == page_of[marker], note  # the note at the foot of its marker's page


def test_the_pdf_is_tagged_with_xmp_metadata(dist: Path) -> None:
    from pypdf import PdfReader

    assert shutil.which("pdfinfo"), "pdfinfo (poppler-utils) is needed"
    info = subprocess.run(["pdfinfo", str(dist / ex.PDF_NAME)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Tagged"].strip() == "yes" and fields["Metadata Stream"].strip() == "yes"
    assert fields["PDF version"].strip() == "1.7"
    xmp = PdfReader(str(dist / ex.PDF_NAME)).xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": "The deadlock in Soviet-Czechoslovak military relations and Beneš's "
                                         "perception of the Red Army purge of 1937"}
    assert (xmp.dc_creator, xmp.dc_language) == (["Oleg Ken"], ["en"])
    assert [d.date().isoformat() for d in xmp.dc_date] == ["2026-01-02"]
    assert xmp.custom_properties == {} and "pdfuaid" in xmp.rdf_root.toxml()


def test_the_pdf_registers_give_the_page_of_each_paragraph_and_note(dist: Path) -> None:
    pages, text = pdf_text(dist / ex.PDF_NAME)
    found = re.findall(r"¶12\(p\.(\d+)\)", text)
    assert found and all(2 <= int(n) <= pages for n in found)


def test_the_pdf_numbers_its_pages_in_the_footer(dist: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(dist / ex.PDF_NAME))
    tails = ["".join(page.extract_text().replace("\x00", "").split())[-6:] for page in reader.pages[1:4]]
    assert [t.endswith(str(n)) for n, t in enumerate(tails, 2)] == [True, True, True]


# ------------------------------------------------------------------ the EPUB


@pytest.fixture(scope="module")
def epub(dist: Path) -> dict[str, bytes]:
    """edition.epub's files by name."""
    with zipfile.ZipFile(dist / ex.EPUB_NAME) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def test_epubcheck_finds_no_error_and_no_warning(dist: Path) -> None:
    java = shutil.which("java")
    assert java and EPUBCHECK.is_file(), "epubcheck is needed: apt-get install epubcheck"
    done = subprocess.run([java, "-jar", str(EPUBCHECK), str(dist / ex.EPUB_NAME)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in done.stdout + done.stderr, done.stdout + done.stderr


def test_the_epub_starts_with_its_mimetype_and_holds_the_edition_fonts(dist: Path, epub: dict[str, bytes]) -> None:
    with zipfile.ZipFile(dist / ex.EPUB_NAME) as archive:
        first = archive.infolist()[0]
    assert (first.filename, first.compress_type, epub["mimetype"]) == ("mimetype", zipfile.ZIP_STORED,
                                                                       b"application/epub+zip")
    fonts = {n.removeprefix("OEBPS/") for n in epub if n.endswith(".woff2")}
    assert fonts == {n for n in load_assets() if n.endswith(".woff2")}
    assert b"font-family" in epub["OEBPS/edition.css"] and b":has(" not in epub["OEBPS/edition.css"]


def test_every_epub_note_marker_is_a_noteref_to_a_footnote_that_links_back(epub: dict[str, bytes]) -> None:
    essay = xml(epub["OEBPS/essay.xhtml"])
    type_ = f"{{{XHTML['epub']}}}type"
    markers = essay.xpath('//x:sup/x:a[contains(@class, "footnote-ref")]', namespaces=XHTML)
    notes = essay.xpath("//x:aside", namespaces=XHTML)
    assert [a.text for a in markers] == LABELS
    assert [n.get("data-label") for n in notes] == LABELS
    assert {a.get(type_) for a in markers} == {"noteref"} and {n.get(type_) for n in notes} == {"footnote"}
    assert [a.get("href") for a in markers] == [f"#{n.get('id')}" for n in notes]
    ids = set(essay.xpath("//@id"))
    for note in notes:
        back = note.xpath('.//x:a[contains(@class, "footnote-backref")]/@href', namespaces=XHTML)
        assert back and all(b.startswith("#") and b[1:] in ids for b in back), note.get("id")


def test_epub_citations_and_sources_link_both_ways_across_files(epub: dict[str, bytes]) -> None:
    essay, sources = xml(epub["OEBPS/essay.xhtml"]), xml(epub["OEBPS/sources.xhtml"])
    citations = essay.xpath('//x:aside//x:a[contains(@class, "citation")]', namespaces=XHTML)
    assert citations and all(a.get("href") == f"sources.xhtml#{a.get('data-key')}" for a in citations)
    pairs = {(a.get("data-key"), a.xpath("ancestor::x:aside", namespaces=XHTML)[0].get("id")) for a in citations}
    back = {(p.get("id"), a.get("href").removeprefix("essay.xhtml#"))
            for p in sources.xpath('//x:p[contains(@class, "source")]', namespaces=XHTML)
            for a in p.xpath('.//x:a[starts-with(@href, "essay.xhtml#fn-")]', namespaces=XHTML)}
    assert pairs == back


def test_every_link_of_the_epub_has_its_target(epub: dict[str, bytes]) -> None:
    pages = {n.removeprefix("OEBPS/"): xml(d) for n, d in epub.items() if n.endswith(".xhtml")}
    ids = {(name, i) for name, page in pages.items() for i in page.xpath("//@id")}
    missing = []
    for name, page in pages.items():
        for href in page.xpath("//x:a/@href", namespaces=XHTML):
            if urlsplit(href).scheme:
                continue
            target, _, fragment = href.partition("#")
            if (target or name) not in pages or (fragment and ((target or name), fragment) not in ids):
                missing.append((name, href))
    assert missing == []
    assert {"apparatus.xhtml", "persons.xhtml", "chronology.xhtml", "glossary.xhtml", "about.xhtml"} <= set(pages)


def test_the_epub_has_its_metadata_navigation_and_spine(edition: Path, epub: dict[str, bytes]) -> None:
    package = xml(epub["OEBPS/package.opf"])
    metadata = package.find("opf:metadata", OPF)
    assert metadata.findtext("dc:title", namespaces=OPF).startswith("The deadlock in Soviet-Czechoslovak")
    assert (metadata.findtext("dc:creator", namespaces=OPF), metadata.findtext("dc:language", namespaces=OPF)) == (
        "Oleg Ken", "en")
    assert metadata.findtext("dc:identifier", namespaces=OPF).startswith("urn:uuid:")
    assert metadata.xpath('string(opf:meta[@property="dcterms:modified"])', namespaces=OPF) == "2026-01-02T03:04:05Z"
    items = {i.get("id"): i.get("href") for i in package.iterfind("opf:manifest/opf:item", OPF)}
    spine = [items[r.get("idref")] for r in package.iterfind("opf:spine/opf:itemref", OPF)]
    assert spine[:4] == ["title.xhtml", "essay.xhtml", "sources.xhtml", "apparatus.xhtml"]
    nav = xml(epub["OEBPS/nav.xhtml"])
    toc = nav.xpath('//x:nav[@epub:type="toc"]//x:a', namespaces=XHTML)
    assert [(a.get("href"), a.text) for a in toc[:3]] == [("essay.xhtml", "Essay"), ("essay.xhtml#notes", "Notes"),
                                                          ("sources.xhtml", "Sources")]
    version = git(edition, "rev-parse", "--short", "HEAD")
    assert f"version {version}, 2026-01-02".encode() in epub["OEBPS/title.xhtml"]

