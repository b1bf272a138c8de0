"""`build_site.py export`: a reproducible zip of the offline site, one self-contained HTML file, a PDF."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from editions import copy_edition
from lxml import html
from pybtex.database import parse_file

from edition import export as ex
from edition import export_site, single_html, stamp

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
LABELS = ["1", "*"] + [str(n) for n in range(2, 33)]
EXPORTS = (ex.ZIP_NAME, ex.HTML_NAME, ex.PDF_NAME)
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


def test_export_writes_the_three_files(dist: Path) -> None:
    assert sorted(p.name for p in dist.iterdir()) == sorted(EXPORTS)


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
    urls = [u for u in single_html.CSS_URL.findall(styles) if not u[1].strip().startswith("data:")]
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
    order = [s.get("id") for s in single.xpath("//main/section")]
    assert order[:3] == ["page-essay", "page-sources", "page-apparatus"] and "page-about" in order


def test_the_html_file_and_the_zip_are_byte_identical_when_exported_twice(dists: tuple[Path, Path]) -> None:
    first, second = dists
    for name in (ex.ZIP_NAME, ex.HTML_NAME):
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
    assert shim == (REPO / "edition" / "vendor" / export_site.SHIM).read_bytes()
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


def test_the_pdf_links_notes_and_sources_inside_itself(dist: Path, single: html.HtmlElement) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(dist / ex.PDF_NAME))
    destinations = set(reader.named_destinations)
    notes = {li.get("id") for li in note_items(single)}
    sources = {p.get("id") for p in single.xpath('//p[contains(@class, "source")]')}
    assert notes | sources <= destinations
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])
             if a.get_object().get("/Subtype") == "/Link"]
    internal = {str(a["/Dest"]) for a in links if "/Dest" in a}
    assert notes <= internal  # every note is reached from its marker
    assert internal - destinations == set()


def test_the_pdf_numbers_its_pages_in_the_footer(dist: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(dist / ex.PDF_NAME))
    tails = ["".join(page.extract_text().replace("\x00", "").split())[-6:] for page in reader.pages[1:4]]
    assert [t.endswith(str(n)) for n, t in enumerate(tails, 2)] == [True, True, True]


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
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == [ex.ZIP_NAME, ex.HTML_NAME]


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
                                      "    def write_pdf(self):\n        raise RuntimeError('no paper')\n")
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
    result = single_html.separate_subsets(single_html.inline_urls(css, {"fonts/a.woff2": b"A", "fonts/b.woff2": b"B"}))
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


def test_build_epoch_and_date() -> None:
    assert stamp.build_epoch("1795630289") == 1795630289
    assert stamp.build_epoch(None) == stamp.build_epoch("junk") == stamp.ZIP_EPOCH_MIN
    assert stamp.build_date(1795630289) == "2026-11-25"


def test_the_vendored_shim_is_kept_out_of_the_assets_linked_on_every_page() -> None:
    from edition.load import load_assets

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


def test_the_single_file_takes_its_accent_from_the_palette() -> None:
    light = {"scheme": "default", "primary": "white", "accent": "brown"}
    dark = {"scheme": "slate", "primary": "black", "accent": "amber"}
    assert single_html.palette_accent({"palette": [light, dark]}) == "brown"  # the light scheme: it is printed
    assert single_html.palette_accent({"palette": light}) == "brown"
    assert single_html.palette_accent({}) == ""
