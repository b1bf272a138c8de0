"""`build_site.py export`: a reproducible zip of the offline site, one self-contained HTML file, a PDF."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from exported import EXPORTS, LABELS, REPO, TESTS, git, note_items, run_export
from lxml import html
from pybtex.database import parse_file

from edition.exports import export as ex
from edition.exports import offline as export_site
from edition.load.folder import load
from edition.resolve.links import resolve
from edition.site import inline
from edition.site.outputs import MARKER

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


# ------------------------------------------------------------ failure modes


def test_without_typst_the_pdf_is_skipped_with_a_warning(edition: Path, tmp_path: Path) -> None:
    fake = tmp_path / "fake" / "typst"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError(\"cannot import name '_typst'\")\n")
    env = {**os.environ, "PYTHONPATH": str(fake.parent)}
    done = run_export(edition, tmp_path / "dist", env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("build_site.py: warning: PDF skipped: ")
    assert "_typst" in lines[0] and "pip install typst" in lines[0]
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == sorted([ex.ZIP_NAME, ex.HTML_NAME, ex.EPUB_NAME,
                                                                            ex.TEI_NAME, MARKER])


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
    fake = tmp_path / "fake" / "typst"  # a Typst that fails once the site and HTML file are made
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("class TypstError(RuntimeError):\n    pass\n\n\n"
                                      "def compile(*args, **options):\n    raise RuntimeError('no paper')\n")
    done = run_export(root, dist, env={**os.environ, "PYTHONPATH": str(fake.parent)})
    assert done.returncode == 2
    assert done.stderr == "build_site.py: error: PDF: Typst failed: RuntimeError: no paper\n"
    assert_untouched(root, dist)


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
    # edition.html keeps the printed reading out of its text: its as-printed view draws data-printed, the popover's
    # reading (tests/browser/test_offline.py), so its popover readings stand for both
    views.update({f"edition.html {k}": v for k, v in page_readings(single).items() if k != "as printed"})
    # poppler's pdftotext reads the PDF's own character map
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (Debian's poppler-utils) is needed to read the PDF"
    text = subprocess.run([pdftotext, str(dist / ex.PDF_NAME), "-"], capture_output=True, text=True, check=True).stdout
    views["PDF apparatus"] = PRINTED.findall(" ".join(text.split()))
    assert {name: reading for name, reading in views.items() if reading != expected} == {}

