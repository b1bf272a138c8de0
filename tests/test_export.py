"""`build_site.py export`: a reproducible zip of the offline site, one self-contained HTML file, a PDF."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from editions import copy_edition
from lxml import etree, html
from pybtex.database import parse_file

from edition.exports import export as ex
from edition.exports import offline as export_site
from edition.exports import single_html
from edition.load.folder import load, load_assets
from edition.resolve.links import resolve
from edition.site import inline, stamp
from edition.site.outputs import MARKER

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
LABELS = ["1", "*"] + [str(n) for n in range(2, 33)]
EXPORTS = (ex.ZIP_NAME, ex.HTML_NAME, ex.PDF_NAME, ex.EPUB_NAME)
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")  # Debian's epubcheck; its /usr/bin/epubcheck needs binfmt
XHTML = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
COMMITTED = "2026-01-02T03:04:05+00:00"  # the commit of the copy below: a fixed time gives a fixed hash


def run_export(root: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python build_site.py export --root ROOT --out OUT` as an editor would."""
    command = [sys.executable, str(REPO / "build_site.py"), "export", "--root", str(root), "--out", str(out)]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=str(REPO), env=env)


def git(root: Path, *args: str) -> str:
    """Run git in an edition's folder as a fixed editor at a fixed time; return what it prints."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED}
    command = ["git", "-c", "init.defaultBranch=main", "-C", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout.strip()


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition's content, committed in a repository of its own (no lock or edit shared with others)."""
    root = copy_edition(REPO, tmp_path_factory.mktemp("edition") / "edition")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The edition")
    return root


@pytest.fixture(scope="module")
def dists(edition: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The real edition exported twice from the same commit."""
    outs = (tmp_path_factory.mktemp("export-1") / "dist", tmp_path_factory.mktemp("export-2") / "dist")
    for out in outs:
        done = run_export(edition, out)
        assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return outs


@pytest.fixture(scope="module")
def dist(dists: tuple[Path, Path]) -> Path:
    return dists[0]


@pytest.fixture(scope="module")
def single(dist: Path) -> html.HtmlElement:
    """edition.html, parsed."""
    return html.document_fromstring((dist / ex.HTML_NAME).read_bytes())


def note_items(root: html.HtmlElement) -> list[html.HtmlElement]:
    return root.xpath('//li[starts-with(@id, "fn:")]')


# ------------------------------------------------------------- the HTML file


def test_export_writes_the_four_files(dist: Path) -> None:
    assert sorted(p.name for p in dist.iterdir()) == sorted(EXPORTS + (MARKER,))  # marked: the next may replace it


def test_the_html_file_needs_nothing_from_outside(single: html.HtmlElement) -> None:
    assert single.xpath("//link | //iframe | //object | //embed | //script[@src]") == []
    outside = []
    for element in single.iter():
        if not isinstance(element.tag, str):
            continue
        src, href = element.get("src"), element.get("href")
        if src is not None and not src.startswith("data:"):
            outside.append(src)
        if href is not None and not href.startswith("#"):
            if element.tag != "a" or urlsplit(href).scheme not in ("http", "https", "mailto"):
                outside.append(href)  # only ordinary outbound hyperlinks may leave the file
    styles = " ".join(s.text or "" for s in single.iter("style")) + " ".join(single.xpath("//@style"))
    urls = [u for u in inline.CSS_URL.findall(styles) if not u[1].strip().startswith("data:")]
    assert (outside, urls) == ([], [])
    assert "data:font/woff2;base64," in styles  # the edition's face travels with the file


def test_every_id_is_unique_and_every_in_page_link_has_its_target(single: html.HtmlElement) -> None:
    ids = single.xpath("//@id")
    assert len(ids) == len(set(ids))
    targets = {unquote(h[1:]) for h in single.xpath("//@href") if h.startswith("#")}
    assert targets - set(ids) == set()
    assert len(targets) > 300


def test_all_33_notes_are_in_the_file_with_their_labels_and_backlinks(single: html.HtmlElement) -> None:
    notes = note_items(single)
    assert [li.get("data-label") for li in notes] == LABELS
    markers = single.xpath('//sup/a[contains(@class, "footnote-ref")]')
    assert [a.text for a in markers] == LABELS
    assert {a.get("href") for a in markers} == {f"#{li.get('id')}" for li in notes}
    for li in notes:
        backlinks = li.xpath('.//a[contains(@class, "footnote-backref")]/@href')
        assert backlinks and all(single.xpath(f'//*[@id="{b[1:]}"]') for b in backlinks)


def test_every_source_entry_is_in_the_file(edition: Path, single: html.HtmlElement) -> None:
    keys = set(parse_file(str(edition / "sources.bib"), bib_format="bibtex").entries.keys())
    assert {p.get("id") for p in single.xpath('//p[contains(@class, "source")]')} == keys


def test_citations_and_cited_in_links_point_inside_the_file(single: html.HtmlElement) -> None:
    citations = single.xpath('//li[starts-with(@id, "fn:")]//a[contains(@class, "citation")]')
    assert citations
    assert all(a.get("href") == f"#{a.get('data-key')}" for a in citations)
    pairs = {(a.get("data-key"), a.xpath('ancestor::li[starts-with(@id, "fn:")]')[0].get("id")) for a in citations}
    back = {(p.get("id"), a.get("href")[1:]) for p in single.xpath('//p[contains(@class, "source")]')
            for a in p.xpath('.//a[starts-with(@href, "#fn:")]')}
    assert pairs == back  # each citation's entry names the note, and only those


def test_every_intervention_and_its_apparatus_entry_link_both_ways(single: html.HtmlElement) -> None:
    spans = single.xpath("//span[@data-intervention][@id]")
    entries = single.xpath('//*[contains(@class, "apparatus-entry")]')
    assert spans and len(spans) == len(entries)
    for span in spans:
        link = span.xpath('./a[contains(@class, "iv-app")]')[0]
        assert link.get("href") == "#app-" + span.get("id").removeprefix("iv-")
    assert all(e.xpath(f'.//a[@href="#iv-{e.get("id").removeprefix("app-")}"]') for e in entries)


def test_the_title_page_carries_version_date_and_contents(edition: Path, single: html.HtmlElement) -> None:
    stamp = single.xpath('string(//*[@id="title-page"]//*[contains(@class, "tp-version")])')
    version = git(edition, "rev-parse", "--short", "HEAD")
    assert f"version {version}, 2026-01-02" in stamp
    contents = single.xpath('//*[@id="title-page"]//nav//a/text()')
    assert contents[:4] == ["Essay", "Notes", "Sources", "Apparatus"] and "About this edition" in contents
    order = [s.get("id") for s in single.xpath("//main/article | //main/section")]
    assert order[:3] == ["page-essay", "page-sources", "page-apparatus"] and "page-about" in order


def test_every_export_is_byte_identical_when_exported_twice(dists: tuple[Path, Path]) -> None:
    first, second = dists
    for name in EXPORTS:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


# ------------------------------------------------------------------ the zip


def test_the_zip_holds_the_offline_site_sorted_with_fixed_times_and_modes(edition: Path, dist: Path) -> None:
    with zipfile.ZipFile(dist / ex.ZIP_NAME) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert {i.date_time for i in infos} == {(2026, 1, 2, 3, 4, 4)}  # the commit's time; a zip counts in 2 s
        assert {(i.external_attr >> 16) & 0o777 for i in infos} == {0o644}
        site = {n.removeprefix(f"{export_site.ZIP_FOLDER}/") for n in names}
        assert {"index.html", "sources.html", "apparatus.html", "about.html", "search/search_index.js",
                f"{export_site.OFFLINE_DIR}/{export_site.SHIM}"} <= site
        index = archive.read(f"{export_site.ZIP_FOLDER}/index.html")
        shim = archive.read(f"{export_site.ZIP_FOLDER}/{export_site.OFFLINE_DIR}/{export_site.SHIM}")
    assert shim == (REPO / "edition" / "exports" / "offline" / export_site.SHIM).read_bytes()
    page = html.document_fromstring(index)
    # the polyfill, before Material's scripts
    assert page.xpath("//script/@src")[0] == f"{export_site.OFFLINE_DIR}/{export_site.SHIM}"
    assert b"unpkg.com" not in index
    assert f"version {git(edition, 'rev-parse', '--short', 'HEAD')}, 2026-01-02".encode() in index  # the footer


def test_no_page_of_the_offline_site_loads_anything_from_outside(dist: Path) -> None:
    with zipfile.ZipFile(dist / ex.ZIP_NAME) as archive:
        pages = {n: archive.read(n) for n in archive.namelist() if n.endswith(".html")}
    outside = []
    for name, data in pages.items():
        page = html.document_fromstring(data)
        for element in page.xpath("//script[@src] | //link[@href] | //img[@src] | //iframe[@src]"):
            url = element.get("src") or element.get("href")
            if urlsplit(url).scheme or url.startswith("//"):
                outside.append((name, url))
    assert outside == []


LICENCES = {"_edition/fonts/OFL.txt"}  # read by people, not by the pages


def referenced(name: str, text: str, files: set[str]) -> set[str]:
    """The files a page, stylesheet or script names: by a path from its folder or the site's root, or (a script
    that builds its paths at run time, like 'cite/' + 'edition.bib') by the file's name in a string."""
    folder = PurePosixPath(name).parent
    found = set()
    for other in files - {name}:
        relative = os.path.relpath(other, folder.as_posix() or ".")
        quoted = (f'"{PurePosixPath(other).name}"', f"'{PurePosixPath(other).name}'", f"`{PurePosixPath(other).name}`")
        if relative in text or other in text or (name.endswith(".js") and any(q in text for q in quoted)):
            found.add(other)
    return found


def test_every_file_in_the_zip_is_used_by_a_page_or_a_script_it_loads(dist: Path) -> None:
    prefix = f"{export_site.ZIP_FOLDER}/"
    with zipfile.ZipFile(dist / ex.ZIP_NAME) as archive:
        files = {n.removeprefix(prefix): archive.read(n) for n in archive.namelist()}
    names = set(files)
    reached = {n for n in names if n.endswith(".html")}
    todo = sorted(reached)
    while todo:  # from the pages, what they load, and what that loads
        name = todo.pop()
        if name.endswith((".html", ".js", ".css")):
            new = referenced(name, files[name].decode("utf-8"), names) - reached
            reached |= new
            todo += sorted(new)
    assert names - reached == LICENCES
    assert not [n for n in names if "/lunr/" in n]  # English only: Material's search needs no lunr language file
    assert "search/search_index.js" in names and "search/search_index.json" not in names


def test_lunr_files_are_those_material_loads_for_the_declared_languages() -> None:
    lunr = export_site.LUNR
    assert export_site.lunr_files(["en"]) == set()
    assert export_site.lunr_files(["de"]) == {f"{lunr}min/lunr.de.min.js", f"{lunr}min/lunr.stemmer.support.min.js"}
    assert export_site.lunr_files(["en", "ja"]) == {f"{lunr}tinyseg.js", f"{lunr}min/lunr.ja.min.js",
                                                    f"{lunr}min/lunr.multi.min.js",
                                                    f"{lunr}min/lunr.stemmer.support.min.js"}


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


# ------------------------------------------------------------ failure modes


def test_without_weasyprint_the_pdf_is_skipped_with_a_warning(edition: Path, tmp_path: Path) -> None:
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise OSError(\"cannot load library 'libpango-1.0-0'\")\n")
    env = {**os.environ, "PYTHONPATH": str(fake.parent)}
    done = run_export(edition, tmp_path / "dist", env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("build_site.py: warning: PDF skipped: ")
    assert "libpango" in lines[0] and "install" in lines[0]
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == sorted([ex.ZIP_NAME, ex.HTML_NAME, ex.EPUB_NAME,
                                                                            MARKER])


def mini_with_previous_dist(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the mini edition with a previous export in its dist/."""
    root = tmp_path / "edition"
    shutil.copytree(TESTS / "fixtures" / "mini_edition", root)
    dist = root / "dist"
    dist.mkdir()
    (dist / "edition.html").write_text("the previous export")
    return root, dist


def assert_untouched(root: Path, dist: Path) -> None:
    assert [p.name for p in dist.iterdir()] == ["edition.html"]
    assert (dist / "edition.html").read_text() == "the previous export"
    assert [p.name for p in root.iterdir() if p.name.startswith(".dist.new")] == []  # no work folder left


def test_an_export_of_content_with_errors_leaves_the_previous_dist_untouched(tmp_path: Path) -> None:
    root, dist = mini_with_previous_dist(tmp_path)
    essay = sorted((root / "essay").glob("*.md"))[0]
    essay.write_text(essay.read_text(encoding="utf-8") + "\nA marker without its note[^no-such-note].\n{: #p999 }\n",
                     encoding="utf-8")
    done = run_export(root, dist)
    assert done.returncode == 1 and "error" in done.stderr
    assert_untouched(root, dist)


def test_an_export_that_fails_late_leaves_the_previous_dist_untouched(tmp_path: Path) -> None:
    root, dist = mini_with_previous_dist(tmp_path)
    fake = tmp_path / "fake" / "weasyprint"  # a WeasyPrint that fails once the site and HTML file are made
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("class HTML:\n    def __init__(self, **options):\n        pass\n\n"
                                      "    def render(self, **options):\n        return self\n\n"
                                      "    metadata = __import__('types').SimpleNamespace()\n\n"
                                      "    def write_pdf(self, **options):\n        raise RuntimeError('no paper')\n")
    (fake / "urls.py").write_text("class URLFetcher:\n    def __init__(self, **options):\n        pass\n")
    done = run_export(root, dist, env={**os.environ, "PYTHONPATH": str(fake.parent)})
    assert done.returncode == 2
    assert done.stderr == "build_site.py: error: PDF: WeasyPrint failed: RuntimeError: no paper\n"
    assert_untouched(root, dist)


# ------------------------------------------------------------ pure functions


def test_zip_bytes_is_reproducible_sorted_and_fixed() -> None:
    files = {"b.html": b"<p>b</p>", "a/c.js": b"c", "a.css": b"a"}
    data = export_site.zip_bytes(files, 1795630289)
    assert data == export_site.zip_bytes(dict(reversed(list(files.items()))), 1795630289)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [f"{export_site.ZIP_FOLDER}/{n}" for n in ("a.css", "a/c.js", "b.html")]
        assert {i.date_time for i in archive.infolist()} == {(2026, 11, 25, 18, 11, 28)}
    with zipfile.ZipFile(io.BytesIO(export_site.zip_bytes(files, 0))) as archive:  # before 1980: the earliest zip time
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_offline_config_adds_offline_search_and_the_local_polyfill() -> None:
    config = {"plugins": ["search"], "theme": {"name": "material", "features": ["navigation.instant",
              "navigation.instant.prefetch", "content.footnote.tooltips"]}, "copyright": "C",
              "extra": {"polyfills": ["https://unpkg.com/iframe-worker/shim"]}, "use_directory_urls": True}
    result = export_site.offline_config(config, "abc1234", "2026-11-25")
    assert result["plugins"] == ["search", "offline"]
    assert result["theme"]["features"] == ["content.footnote.tooltips"]
    assert result["extra"]["polyfills"] == [f"{export_site.OFFLINE_DIR}/{export_site.SHIM}"]
    assert result["use_directory_urls"] is False
    assert result["extra_javascript"] == [f"{export_site.OFFLINE_DIR}/{export_site.DOWNLOADS}"]
    assert result["copyright"] == "C · version abc1234, 2026-11-25"
    assert config["plugins"] == ["search"]  # the site's own configuration is left as it was
    mapping = export_site.offline_config({"plugins": {"search": {"lang": "en"}, "tags": None}}, "", "2026-11-25")
    assert mapping["plugins"] == [{"search": {"lang": "en"}}, "tags", "offline"]
    assert mapping["copyright"] == "version unknown, 2026-11-25"


def test_links_between_pages_become_links_inside_the_file() -> None:
    pages = {PurePosixPath("index.md"): "# Title\n\nText[^1] and [about](about.md).\n{: #p1 }\n\n[^1]: A note.\n",
             PurePosixPath("about.md"): "# About\n\n## Title\n\nSee [the text](index.md#p1), [note](index.md#fn:1),"
                                        " [here](#title) and [outside](https://example.org/x).\n"}
    sections = single_html.combined_sections(pages, ["footnotes", "attr_list", {"toc": {"permalink": False}}])
    about = sections[1].tree
    assert about.xpath("//h2/@id") == ["about-title"]  # the essay's heading keeps 'title'
    assert about.xpath("//a/@href") == ["#p1", "#fn:1", "#about-title", "https://example.org/x"]
    assert sections[0].tree.xpath('//a[text()="about"]/@href') == ["#page-about"]


def test_a_clash_of_ids_that_are_not_headings_is_an_error() -> None:
    pages = {PurePosixPath("index.md"): "# A\n\nText.\n{: #x }\n", PurePosixPath("b.md"): "# B\n\nMore.\n{: #x }\n"}
    with pytest.raises(single_html.ExportError, match="'x'"):
        single_html.combined_sections(pages, ["attr_list"])


def test_fonts_are_inlined_and_each_unicode_range_gets_its_own_family() -> None:
    css = ('@font-face { font-family: "F"; src: url("fonts/a.woff2") format("woff2"); unicode-range: U+0000-00FF; }\n'
           '@font-face { font-family: "F"; src: url("fonts/b.woff2") format("woff2"); unicode-range: U+0100-02BA; }\n'
           'body { font-family: "F", serif; }')
    result = inline.separate_subsets(inline.inline_urls(css, {"fonts/a.woff2": b"A", "fonts/b.woff2": b"B"}))
    assert 'url("data:font/woff2;base64,QQ==")' in result and 'url("data:font/woff2;base64,Qg==")' in result
    assert 'font-family: "F subset 2"; src: url("data:font/woff2;base64,Qg==")' in result
    assert 'body { font-family: "F", "F subset 2", serif; }' in result


def test_document_problems_finds_what_would_leave_the_file() -> None:
    page = ('<html><head><style>a { background: url("x.png") }</style></head><body><p id="a">x</p><p id="a">y</p>'
            '<a href="#b">b</a><a href="https://example.org/">ok</a><img src="y.png"><a href="c.md">c</a>'
            '</body></html>')
    problems = single_html.document_problems(page)
    assert any("'a' is used 2 times" in p for p in problems)
    assert any("#b" in p for p in problems) and any("y.png" in p for p in problems)
    assert any("c.md" in p for p in problems) and any("x.png" in p for p in problems)
    assert not any("example.org" in p for p in problems)


def mini_sections() -> list[single_html.Section]:
    pages = {PurePosixPath("index.md"): "# Title\n\nText[^1] of it.\n{: #p1 }\n\n[^1]: A mendacious note.\n",
             PurePosixPath("about.md"): "# About\n\n## Sources\n\nSee [the note](index.md#fn:1).\n"}
    return single_html.combined_sections(pages, ["footnotes", "attr_list", {"toc": {"permalink": False}}])


def test_the_search_index_holds_each_block_with_the_place_it_links_to() -> None:
    from edition.exports.single_search import script_json, search_index

    index = search_index(mini_sections())
    assert index == [
        {"id": "title", "title": "Essay: Title", "text": "Title"},
        {"id": "p1", "title": "Essay, ¶ 1", "text": "Text of it."},  # no marker's label
        {"id": "fn:1", "title": "Note 1", "text": "A mendacious note."},
        {"id": "about", "title": "About", "text": "About"},
        {"id": "sources", "title": "About: Sources", "text": "Sources"},
        {"id": "sources", "title": "About: Sources", "text": "See the note."},
    ]
    assert script_json([{"text": "</script><!--"}]) == '[{"text":"\\u003c/script>\\u003c!--"}]'


def test_the_pdf_page_sets_each_note_after_its_marker() -> None:
    from edition.exports.pdf import pdf_page

    page = ('<html><head><title>t</title></head><body><nav><ol><li><a href="#notes">Notes</a></li></ol></nav>'
            '<article id="page-essay"><p id="p1">Text<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a>'
            '</sup> more.</p><div class="footnote"><h2 id="notes">Notes</h2><ol><li id="fn:1" data-label="1">'
            '<h3 class="note-heading">Note 1</h3><p>A note. <a class="footnote-backref" href="#fnref:1">↩</a></p>'
            '</li></ol></div></article><script>x()</script></body></html>')
    root = html.document_fromstring(pdf_page(page))
    assert [html.tostring(e, encoding="unicode") for e in root.xpath("//p")] == [
        '<p id="p1">Text<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup><span class="pdf-note" '
        'id="fn:1" data-label="1"><span class="pdf-note-block pdf-note-p">A note. <a class="footnote-backref" '
        'href="#fnref:1">↩</a></span></span> more.</p>']
    assert root.xpath("//script | //nav//li | //div[@class='footnote']") == []


def test_the_epub_stylesheet_leaves_out_selectors_e_readers_cannot_read() -> None:
    from edition.exports.epub_css import epub_css

    css = ('@font-face { font-family: "F"; src: url("fonts/a.woff2"); }\n'
           'a:has(b), .c, d:is(.e) { color: red }\n.f:not(.g) { x: 1 }\n.h:not(.i .j) { x: 2 }\n'
           '@media (min-width: 10px) { .k:has(.l) { x: 3 } .m { x: 4 } }\n@media print { .n:has(.o) { x: 5 } }')
    assert epub_css(css) == ('@font-face { font-family: "F"; src: url("fonts/a.woff2"); }\n.c { color: red }\n'
                             '.f:not(.g) { x: 1 }\n@media (min-width: 10px) {\n.m { x: 4 }\n}\n')


def test_the_epub_stylesheet_keeps_less_motion_for_readers_who_ask_for_it() -> None:
    from edition.exports.epub_css import epub_css

    css = epub_css(load_assets()["edition.css"].decode("utf-8"))
    assert css[css.index("@media (prefers-reduced-motion"):] == (
        '@media (prefers-reduced-motion: reduce) {\n*, ::before, ::after {\n    transition: none !important;\n'
        '    animation: none !important;\n  }\nhtml {\n    scroll-behavior: auto;\n  }\n'
        '.md-typeset .footnote li:target, .md-typeset sup[id^="fnref"]:target, .md-typeset .iv:target {\n'
        '    background-color: var(--ed-wash);\n  }\n}\n')


def test_epub_ids_become_xml_names_and_links_cross_files() -> None:
    from edition.exports import epub as export_epub

    sections = mini_sections()
    files = export_epub.rename_ids(sections)
    export_epub.relink(sections, files)
    assert (files["fn-1"], files["sources"]) == ("essay.xhtml", "about.xhtml")
    assert sections[1].tree.xpath("//a/@href") == ["essay.xhtml#fn-1"]
    assert sections[0].tree.xpath('//a[@class="footnote-ref"]/@href') == ["#fn-1"]


def test_build_epoch_and_date() -> None:
    assert stamp.build_epoch("1795630289") == 1795630289
    assert stamp.build_epoch(None) == stamp.build_epoch("junk") == stamp.ZIP_EPOCH_MIN
    assert stamp.build_date(1795630289) == "2026-11-25"


def test_without_git_an_export_shows_the_editions_own_version_and_date() -> None:
    from edition.check.meta import EditionMeta

    meta = EditionMeta(title="T", author="A", version="1.2", date="2024-05-17")
    assert ex.export_stamp("", None, meta) == ("1.2", "2024-05-17")  # no git: the front matter's
    assert ex.export_stamp("1a2b3c4", "1795630289", meta) == ("1a2b3c4", "2026-11-25")  # git's when known
    assert ex.export_stamp("", None, EditionMeta(title="T", author="A")) == ("", "1980-01-01")


def test_the_title_page_names_the_editors_and_the_original_publication() -> None:
    from editions import MINI

    from edition.load.folder import load
    from edition.render.markdown import mkdocs_config, render_pages
    from edition.resolve.links import resolve

    edition, _ = load(MINI)
    resolved = resolve(edition)
    pages = render_pages(resolved)
    extensions = mkdocs_config(resolved, pages, [], "site")["markdown_extensions"]
    page = html.fromstring(single_html.single_html(resolved, pages, extensions, {}, "1.2", "2024-05-17"))
    texts = [" ".join(p.text_content().split()) for p in page.xpath("//header[@id='title-page']/p")]
    assert texts[:6] == ["A digital critical edition", "Vera Lindqvist", "Uppsala",
                         "Nordic Review of Letters 12, no. 3 (2003): 41-58", "Edited by Jonas Ek, Maria Holm",
                         "Uppsala Digital Editions · CC BY 4.0"]


def test_the_vendored_shim_is_kept_out_of_the_assets_linked_on_every_page() -> None:

    assert not any("iframe-worker" in name for name in load_assets())


# ------------------------------------------------------------- the link check of every output


def test_check_built_finds_no_problem_in_the_site_the_zip_and_the_html(edition: Path, dist: Path) -> None:
    shutil.copytree(dist, edition / "dist", dirs_exist_ok=True)
    command = [sys.executable, str(REPO / "build_site.py")]
    built = subprocess.run([*command, "build", "--root", str(edition)], capture_output=True, text=True, check=False)
    assert (built.returncode, built.stderr) == (0, "")
    done = subprocess.run([*command, "check", "--built", "--root", str(edition)], capture_output=True, text=True,
                          check=False)
    assert (done.returncode, done.stderr) == (0, "0 link problems in site/ and dist/\n")


# ------------------------------------------- printed readings, in every view


PRINTED = re.compile(r"printed «([^»]*)»")


def printed_readings(edition: Path) -> list[str]:
    """Every printed reading of the edition's interventions, in reading order, white space folded."""
    loaded, _ = load(edition)
    return [" ".join(p.item.printed.split()) for p in resolve(loaded).interventions if p.item.op in ("sub", "del")]


def page_readings(page: html.HtmlElement) -> dict[str, list[str]]:
    """The printed readings a page shows: apparatus entries, popovers (data-printed), the as-printed view."""
    entries = page.xpath('//*[contains(@class, "apparatus-entry")]')
    spans = page.xpath("//span[@data-printed]")
    return {"apparatus": [r for e in entries for r in PRINTED.findall(" ".join(e.text_content().split()))],
            "popover": [" ".join(s.get("data-printed").split()) for s in spans],
            "as printed": [" ".join("".join(s.xpath('./span[@class="iv-printed"]//text()')).split()) for s in spans]}


def test_every_printed_reading_is_the_same_in_every_view(edition: Path, dist: Path, single: html.HtmlElement) -> None:
    expected = printed_readings(edition)
    assert "&lt;sup>" in expected and len(expected) > 40
    with zipfile.ZipFile(dist / ex.ZIP_NAME) as archive:
        site = {name: html.document_fromstring(archive.read(f"{export_site.ZIP_FOLDER}/{name}"))
                for name in ("index.html", "apparatus.html")}
    views = {f"site {k}": v for k, v in page_readings(site["index.html"]).items() if k != "apparatus"}
    views["site apparatus"] = page_readings(site["apparatus.html"])["apparatus"]
    views.update({f"edition.html {k}": v for k, v in page_readings(single).items()})
    # pypdf 7 reads WeasyPrint's glyph for '>' as 'Q'; poppler's pdftotext reads the PDF's own character map
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (Debian's poppler-utils) is needed to read the PDF"
    text = subprocess.run([pdftotext, str(dist / ex.PDF_NAME), "-"], capture_output=True, text=True, check=True).stdout
    views["PDF apparatus"] = PRINTED.findall(" ".join(text.split()))
    assert {name: reading for name, reading in views.items() if reading != expected} == {}


def test_the_single_file_takes_its_accent_from_the_palette() -> None:
    light = {"scheme": "default", "primary": "white", "accent": "brown"}
    dark = {"scheme": "slate", "primary": "black", "accent": "amber"}
    assert single_html.palette_accent({"palette": [light, dark]}) == "brown"  # the light scheme: it is printed
    assert single_html.palette_accent({"palette": light}) == "brown"
    assert single_html.palette_accent({}) == ""
