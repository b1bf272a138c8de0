"""`build_site.py export`: the EPUB of the real edition, read by epubcheck (the PDF: test_export_pdf.py)."""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from exported import EPUBCHECK, LABELS, OPF, XHTML, git
from lxml import etree

from edition.exports import export as ex
from edition.load.folder import load_assets

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

