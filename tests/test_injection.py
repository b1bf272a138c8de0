"""Injection corpus: content written as an attacker would (tests/fixtures/injection/<case>/).

A case folder holds the files that differ from the mini edition and expected.txt, the exact standard error
of `build_site.py build`. A case with inert.txt must build, and its payload must be on the pages as text
(inert.txt holds it) while no built page has an event handler, a script or a style attribute the mini
edition's own site does not have, an element the content could not write, or a script URL; every page is
read with lxml. Any other case must be refused with exit code 1, its errors located, and leave the site
built before it untouched.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from editions import TESTS, overlay, run_build_site, snapshot
from lxml import html

from edition.check.sanitize import normal_url
from edition.exports.linkcheck import check_site

INJECTION = TESTS / "fixtures" / "injection"
BUILT = re.compile(r"built \d+ pages?, \d+ notes?, \d+ sources? in \d+\.\d s → site/\n")  # the one-line summary
CASES = sorted(p.name for p in INJECTION.iterdir() if p.is_dir())
# What Markdown may make of content; any other element on a page must be on the mini edition's pages already.
TEXT_TAGS = {"a", "abbr", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
             "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "srcset"}


def pages(site: Path) -> dict[str, html.HtmlElement]:
    """Every built page, parsed."""
    return {p.relative_to(site).as_posix(): html.document_fromstring(p.read_bytes())
            for p in sorted(site.rglob("*.html"))}


def elements(trees: dict[str, html.HtmlElement]) -> list[html.HtmlElement]:
    """Every element of every page (comments and processing instructions left out)."""
    return [e for tree in trees.values() for e in tree.iter() if isinstance(e.tag, str)]


DATA_TYPES = ("application/ld+json", "application/json")  # data blocks: never run, but must stay whole


def scripts(trees: dict[str, html.HtmlElement]) -> set[tuple[str, str]]:
    """(src, text) of every script element that a browser would run."""
    return {(e.get("src") or "", e.text or "") for e in elements(trees)
            if e.tag == "script" and e.get("type") not in DATA_TYPES}


def data_blocks(trees: dict[str, html.HtmlElement]) -> list[object]:
    """Every data block parsed as JSON: a payload that closed its element early would make it unreadable."""
    return [json.loads(e.text or "") for e in elements(trees) if e.tag == "script" and e.get("type") in DATA_TYPES]


def styles(trees: dict[str, html.HtmlElement]) -> set[str]:
    """Every style attribute's value."""
    return {e.get("style", "") for e in elements(trees) if e.get("style") is not None}


def script_urls(trees: dict[str, html.HtmlElement]) -> list[str]:
    """Every URL attribute whose scheme, as a browser reads it, could run script."""
    found = []
    for element in elements(trees):
        for name, value in element.attrib.items():
            scheme = normal_url(value).split(":", 1)[0].lower() if ":" in value else ""
            if name.lower() in URL_ATTRIBUTES and scheme in ("javascript", "vbscript", "data"):
                found.append(f"<{element.tag} {name}={value!r}>")
    return found


def shown(trees: dict[str, html.HtmlElement], payload: str) -> bool:
    """Whether a payload stands on some page as text or as an attribute's value (a title, a tooltip)."""
    for element in elements(trees):
        values = [element.text or "", element.tail or "", *element.attrib.values()]
        if element.tag not in ("script", "style") and any(payload in " ".join(v.split()) for v in values):
            return True
    return False


def test_the_corpus_is_large_and_every_case_has_a_transcript() -> None:
    assert len(CASES) >= 40
    assert [c for c in CASES if not (INJECTION / c / "expected.txt").is_file()] == []


@pytest.fixture(scope="module")
def baseline(mini_built: Path) -> dict[str, html.HtmlElement]:
    """The mini edition's own built pages: what the theme and the edition put there."""
    return pages(mini_built / "site")


@pytest.mark.parametrize("case", CASES)
def test_injection(case: str, mini_built: Path, baseline: dict[str, html.HtmlElement], tmp_path: Path) -> None:
    root = tmp_path / "edition"
    shutil.copytree(mini_built, root)  # content and the site/ of a successful build
    site_before = snapshot(root / "site")
    overlay(INJECTION / case, root)
    (root / "inert.txt").unlink(missing_ok=True)
    expected = (INJECTION / case / "expected.txt").read_text(encoding="utf-8")

    done = run_build_site(root, "build")

    assert done.stderr == expected
    inert = INJECTION / case / "inert.txt"
    if not inert.is_file():
        assert (done.returncode, done.stdout) == (1, "")
        assert snapshot(root / "site") == site_before
        return
    assert done.returncode == 0
    assert BUILT.fullmatch(done.stdout), done.stdout
    trees = pages(root / "site")
    assert [e.tag + " " + n for e in elements(trees) for n in e.attrib if n.lower().startswith("on")] == []
    assert scripts(trees) <= scripts(baseline)
    assert all(block is not None for block in data_blocks(trees))  # each parses whole
    assert styles(trees) <= styles(baseline)
    assert {e.tag for e in elements(trees)} - {e.tag for e in elements(baseline)} - TEXT_TAGS == set()
    assert script_urls(trees) == []
    assert shown(trees, inert.read_text(encoding="utf-8").rstrip("\n"))
    assert [str(p) for p in check_site(root / "site")] == []  # and check --built finds nothing either
