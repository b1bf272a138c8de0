"""The injection corpus read in Chromium: every case that must build inert, on the site, the offline zip and
edition.html, with the network blocked.

tests/test_injection.py reads the built pages with lxml; here a browser opens them, as a reader would, and
nothing an attacker wrote may act: no dialog (alert, confirm, prompt), no navigation away from the page, no
pop-up, no request outside the edition, and no `securitypolicyviolation` (a refusal would mean that something
reached the page which tried to run or restyle it, and the output check should have stopped it). The cases are
overlaid on the mini edition in groups that touch different files, so that a few builds hold them all.
"""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from editions import MINI, TESTS, overlay, run_build_site
from playwright.sync_api import Browser, Dialog, Frame, Page, Route
from served import serving

pytestmark = pytest.mark.browser

INJECTION = TESTS / "fixtures" / "injection"
INERT = sorted(p.name for p in INJECTION.iterdir() if (p / "inert.txt").is_file())
LOCAL = ("data", "blob", "about")  # file: only below the folder being read
# Recorded before any script of the page runs, in every frame.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  (window.top || window).__violations.push(event.violatedDirective + " " + event.blockedURI);
}, true);
"""


def touched(case: str) -> set[str]:
    """The edition's files a case writes."""
    folder = INJECTION / case
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_file() and p.name not in ("expected.txt", "inert.txt")}


def groups(cases: list[str]) -> list[list[str]]:
    """The cases in groups whose members write different files (first fit, in name order)."""
    found: list[tuple[set[str], list[str]]] = []
    for case in cases:
        files = touched(case)
        home = next((g for g in found if not g[0] & files), None)
        if home is None:
            found.append((set(files), [case]))
        else:
            home[0].update(files)
            home[1].append(case)
    return [members for _, members in found]


GROUPS = groups(INERT)


def test_every_inert_case_is_in_one_group() -> None:
    assert sorted(case for group in GROUPS for case in group) == INERT
    assert len(INERT) >= 30


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Each group overlaid on the mini edition, built and exported."""
    roots = []
    for number, group in enumerate(GROUPS):
        root = shutil.copytree(MINI, tmp_path_factory.mktemp(f"hostile-{number}") / "edition")
        for case in group:
            overlay(INJECTION / case, root)
        for command in ("build", "export"):
            done = run_build_site(root, command)
            assert done.returncode == 0, (group, command, done.stderr)
        with zipfile.ZipFile(root / "dist" / "edition-site.zip") as archive:
            archive.extractall(root / "offline")
        roots.append(root)
    return roots


class Reader:
    """A tab that records what a hostile page could do: dialogs, navigations, pop-ups, outside requests and
    policy violations."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(LISTEN)
        self.page: Page = self.context.new_page()
        self.events: list[str] = []
        self.allowed = ""  # the address prefix the page may load from
        self.page.on("dialog", self.dialog)
        self.page.on("popup", lambda popup: self.events.append(f"pop-up {popup.url}"))
        self.page.on("framenavigated", self.navigated)
        self.context.route("**/*", self.request)

    def dialog(self, dialog: Dialog) -> None:
        self.events.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    def navigated(self, frame: Frame) -> None:
        url = frame.url
        if not (url.startswith(self.allowed) or urlsplit(url).scheme in LOCAL):
            self.events.append(f"navigation to {url}")

    def request(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(self.allowed) or urlsplit(url).scheme in LOCAL:
            route.continue_()
        else:
            self.events.append(f"request to {url}")
            route.abort()

    def read(self, url: str) -> list[str]:
        """Open a page, let it load and scroll through it; return what it tried beyond reading."""
        self.page.goto(url, wait_until="load")
        self.page.mouse.wheel(0, 20000)
        self.page.wait_for_function("document.readyState === 'complete'")
        found = [f"{url}: {v}" for v in self.page.evaluate("window.__violations || []")]
        found += [f"{url}: {event}" for event in self.events]
        self.events.clear()
        return found


@pytest.fixture
def reader(browser: Browser) -> Iterator[Reader]:
    tab = Reader(browser)
    yield tab
    tab.context.close()


def pages(folder: Path) -> list[str]:
    """The HTML pages of a site, by path."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))


@pytest.mark.parametrize("number", range(len(GROUPS)), ids=[group[0] for group in GROUPS])
def test_nothing_acts_on_the_served_site(number: int, hostile: list[Path], reader: Reader,
                                         tmp_path: Path) -> None:
    site = hostile[number] / "site"
    with serving(site, tmp_path / "server.log") as base:
        reader.allowed = base
        assert [event for page in pages(site) for event in reader.read(base + page)] == []


@pytest.mark.parametrize("number", range(len(GROUPS)), ids=[group[0] for group in GROUPS])
def test_nothing_acts_offline(number: int, hostile: list[Path], reader: Reader) -> None:
    offline = hostile[number] / "offline"
    reader.allowed = offline.as_uri()
    found = [event for page in pages(offline) for event in reader.read((offline / page).as_uri())]
    single = hostile[number] / "dist" / "edition.html"
    reader.allowed = single.as_uri()
    assert found + reader.read(single.as_uri()) == []
