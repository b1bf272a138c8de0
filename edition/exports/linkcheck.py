"""Check a built site: every internal link and anchor resolves, no id twice, nothing external loaded, nothing
unsafe (edition/site/outputcheck.py)."""
from __future__ import annotations

import sys
import tempfile
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from lxml import etree, html

from edition.load.folder import load
from edition.model import shown as escaped
from edition.pages import EPUB_NAME, HTML_NAME, ZIP_NAME
from edition.site.outputcheck import Output, check_output, edition_scripts, folder_files, site_output
from edition.site.outputs import MARKER

RESOURCE_ATTRS = (("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src"),
                  ("audio", "src"), ("video", "src"), ("embed", "src"), ("object", "data"))
SKIPPED_SCHEMES = ("mailto", "tel", "data", "javascript", "vbscript")  # script URLs: site/outputcheck.py


@dataclass(frozen=True)
class Problem:
    """A broken link or a doubled id on a built page."""

    page: str
    line: int
    message: str
    code: str = "link-check"

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: error: {self.message} [{self.code}]"


def served_path(root: Path) -> str:
    """The path the site is served under ('/tarasova/'), from its sitemap's first address; '/' without one."""
    sitemap = root / "sitemap.xml"
    if not sitemap.is_file():
        return "/"
    first = etree.fromstring(sitemap.read_bytes()).find(".//{*}loc")
    path = urlsplit(first.text or "").path if first is not None else "/"
    return path[:path.rfind("/") + 1] or "/"


class Site:
    """A built site's pages, parsed once each."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.trees: dict[Path, html.HtmlElement] = {}
        self.prefix = served_path(root)


    def tree(self, path: Path) -> html.HtmlElement:
        """The parsed page (cached: a page is linked from many others)."""
        if path not in self.trees:
            self.trees[path] = html.fromstring(path.read_bytes())
        return self.trees[path]

    def ids(self, path: Path) -> set[str]:
        """Every element id on a page."""
        return {str(v) for v in self.tree(path).xpath("//@id")}


def duplicate_ids(site: Site, page: Path) -> Iterator[Problem]:
    """Ids used more than once on one page."""
    seen: set[str] = set()
    for element in site.tree(page).xpath("//*[@id]"):
        value = element.get("id")
        if value in seen:
            yield Problem(page.relative_to(site.root).as_posix(), element.sourceline or 1, f"id '{value}' used twice")
        seen.add(value)


def check_target(site: Site, page: Path, url: str) -> str | None:
    """What is wrong with an internal URL, or None."""
    parts = urlsplit(url)
    path = parts.path
    if path.startswith(site.prefix):  # 404.html links from the root the site is served under (site_url)
        path = "/" + path[len(site.prefix):]
    base = site.root if path.startswith("/") else page.parent
    target = page if not path else (base / unquote(path.lstrip("/"))).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"link to a missing page '{url}'"
    if parts.fragment and target.suffix in (".html", ".xhtml") and unquote(parts.fragment) not in site.ids(target):
        return f"link to a missing anchor '{url}'"
    return None


def page_links(site: Site, page: Path) -> Iterator[Problem]:
    """Broken internal links and outside resources on one page."""
    rel = page.relative_to(site.root).as_posix()
    tree = site.tree(page)
    for tag, attr in (("a", "href"),) + RESOURCE_ATTRS:
        for element in tree.iter(tag):
            url = element.get(attr)
            if not url or (tag == "link" and element.get("rel") in ("canonical", "alternate")):
                continue
            parts = urlsplit(url)
            line = element.sourceline or 1
            if parts.scheme.lower() in SKIPPED_SCHEMES:
                continue
            if parts.scheme or parts.netloc:
                if tag != "a":
                    yield Problem(rel, line, f"<{tag}> loads '{url}' from outside the site")
            else:
                problem = check_target(site, page, url)
                if problem:
                    yield Problem(rel, line, problem)


def check_site(root: Path, own: frozenset[str] = frozenset()) -> list[Problem]:
    """Every problem on every HTML page below a folder, and every file the output check refuses."""
    site = Site(root.resolve())
    problems: list[Problem] = []
    for page in sorted(site.root.rglob("*.html")):
        problems.extend(duplicate_ids(site, page))
        problems.extend(page_links(site, page))
    files = {path: data for path, data in folder_files(site.root).items() if path != MARKER}  # ours, not published
    return problems + unsafe_problems(site_output(files, own))


def unsafe_problems(output: Output, label: str = "") -> list[Problem]:
    """The output check's findings as problems, their paths under a label ('edition-site.zip/…')."""
    return [Problem("/".join(filter(None, (label, f.path))), f.line, f.message, "unsafe-output")
            for f in check_output(output)]


def check_exports(dist: Path, own: frozenset[str] = frozenset()) -> list[Problem]:
    """The offline site inside edition-site.zip, the single file edition.html and the EPUB, when they exist."""
    from edition.exports.export import (
        export_outputs,  # the exports' names and kinds: only `check --built` needs them here
    )

    problems: list[Problem] = []
    archive = dist / ZIP_NAME
    if archive.is_file():
        with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(archive) as packed:
            packed.extractall(folder)
            tops = list(Path(folder).iterdir())  # the zip unpacks into one folder: the site's root
            root = tops[0] if len(tops) == 1 and tops[0].is_dir() else Path(folder)
            site = Site(root)
            inside = f"{archive.name}/{root.relative_to(folder).as_posix()}".rstrip("/.")  # as the output check names
            problems += [replace(p, page=f"{inside}/{p.page}") for page in sorted(root.rglob("*.html"))
                         for p in [*duplicate_ids(site, page), *page_links(site, page)]]
    single = dist / HTML_NAME
    if single.is_file():
        site = Site(dist)
        problems += [replace(p, page=f"{dist.name}/{p.page}") for p in [*duplicate_ids(site, single),
                                                                         *page_links(site, single)]]
    problems += epub_links(dist / EPUB_NAME)
    exports = {p.name: p.read_bytes() for p in sorted(dist.iterdir()) if p.is_file()}
    for label, output in export_outputs(exports, own).items():
        problems += unsafe_problems(output, "/".join(filter(None, (dist.name if not label else "", label))))
    return problems


def epub_links(epub: Path) -> list[Problem]:
    """Every reference of the EPUB's pages and package: a figure or a page it names but does not carry (which
    a reader shows as nothing), an anchor that is not there."""
    if not epub.is_file():
        return []
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(epub) as packed:
        packed.extractall(folder)
        site = Site(Path(folder))
        found = [replace(p, page=f"{epub.parent.name}/{epub.name}/{p.page}")
                 for page in sorted(Path(folder).rglob("*.xhtml")) for p in page_links(site, page)]
        for package in sorted(Path(folder).rglob("*.opf")):
            for item in etree.parse(str(package)).iterfind(".//{*}manifest/{*}item"):
                problem = check_target(site, package, item.get("href", ""))
                if problem:
                    found.append(Problem(f"{epub.parent.name}/{epub.name}/{package.relative_to(folder).as_posix()}",
                                         item.sourceline or 1, problem.replace("link to", "manifest item:")))
    return found


def check_built(out: Path, dist: Path, root: Path) -> int:
    """Check the links and the safety of a built site and of the exports beside it; 2 when there is no site.
    The editor's own scripts are known from the edition's folder, as a build knows them."""
    if not out.is_dir():
        print(f"build_site.py: error: no built site at {escaped(str(out))}; run 'build' first", file=sys.stderr)
        return 2
    edition, _ = load(root)
    own = edition_scripts(edition.files, edition.config)
    problems = check_site(out, own)
    checked_what = f"{out.name}/"
    if dist.is_dir():
        problems += check_exports(dist, own)
        checked_what += f" and {dist.name}/"
    for problem in problems:
        print(problem, file=sys.stderr)
    unsafe = sum(p.code == "unsafe-output" for p in problems)
    links = len(problems) - unsafe
    print(f"{links} link problem{'s' * (links != 1)} in {checked_what}", file=sys.stderr)
    if unsafe:
        print(f"{unsafe} unsafe item{'s' * (unsafe != 1)} in {checked_what}", file=sys.stderr)
    return 1 if problems else 0
