"""The pages under their Content-Security-Policy, in Chromium: the features work and nothing is refused.

Every page carries one policy, computed from the files the toolkit ships (edition/site/csp.py): scripts from the site
itself and the templates' own inline scripts by hash, styles from the site itself and the single file's own
<style> by hash, no 'unsafe-inline' for either. Here the served site, the offline zip and edition.html (both from
file://, where Chromium treats 'self' specially) are read while previews, search, the palette, the reading toggle
and the Cite panel are used; the browser must report no violation, neither in the console nor as a
`securitypolicyviolation` event. A script, a <style> or a style attribute added to a page is refused.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from edition.site.csp import policy

pytestmark = pytest.mark.browser

# Collected before any script of the page runs, in every frame (the offline search runs in an iframe).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  (window.top || window).__violations.push(event.violatedDirective + " " + event.blockedURI);
}, true);
"""


class Watched:
    """A page whose console and policy violations are recorded."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context(viewport={"width": 1000, "height": 900})
        self.context.add_init_script(LISTEN)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def violations(self) -> list[str]:
        """Every refusal the browser reported, in the console or as an event."""
        events = self.page.evaluate("window.__violations || []")
        said = [m for m in self.console if "Content Security Policy" in m or "Content-Security-Policy" in m]
        return said + list(events) + self.errors


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    tab = Watched(browser)
    yield tab
    tab.context.close()


def policy_of(page: Page) -> str:
    """The policy the page declares."""
    return str(page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content"))


def search(page: Page, word: str) -> None:
    """Type a word into Material's search and wait for a result that holds it."""
    page.locator("input.md-search__input").click()
    page.keyboard.type(word)
    result = page.locator(".md-search-result__item").first
    expect(result).to_be_visible()
    expect(result).to_contain_text(re.compile(word, re.IGNORECASE))


def test_the_served_essay_works_under_its_policy(site: str, watched: Watched) -> None:
    page = watched.page
    page.goto(site + "index.html")
    assert policy_of(page) == policy()
    assert "'unsafe-inline'" not in policy()
    page.locator('sup a.footnote-ref[href$="#fn:2"]').first.hover()  # the note's preview
    expect(page.locator("#ed-notepop").filter(has_text="Litvinov")).to_be_visible()  # below the margin notes' width
    page.mouse.move(0, 0)
    toggle = page.get_by_role("button", name=re.compile(r"^Reading"))
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.locator("#p12 a.pnum").click()
    page.get_by_role("button", name="Cite", exact=True).click()
    expect(page.get_by_role("dialog", name="Cite this edition")).to_be_visible()
    page.keyboard.press("Escape")
    search(page, "mendacious")
    page.keyboard.press("Escape")
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()  # Material's palette toggle
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", str(scheme))
    for name in ("sources.html", "apparatus.html", "about.html"):  # the apparatus aligns table cells
        page.goto(site + name)
        expect(page.locator("article h1")).to_be_visible()
    assert watched.violations() == []


@pytest.fixture(scope="module")
def dist(real_dist: Path) -> Path:
    """The real edition's exports, made once for the session."""
    return real_dist


def test_the_offline_site_searches_from_the_file_system_under_its_policy(dist: Path, tmp_path: Path,
                                                                         watched: Watched) -> None:
    with zipfile.ZipFile(dist / "edition-site.zip") as archive:
        archive.extractall(tmp_path)
    page = watched.page
    page.goto((tmp_path / "edition-site" / "index.html").as_uri())
    assert policy_of(page) == policy()
    page.locator('sup a.footnote-ref[href$="#fn:2"]').first.hover()
    expect(page.locator("#ed-notepop").filter(has_text="Litvinov")).to_be_visible()  # below the margin notes' width
    page.mouse.move(0, 0)
    search(page, "mendacious")  # Material's worker, in the edition's file:// polyfill
    assert watched.violations() == []


def test_the_single_file_reads_under_its_policy(dist: Path, watched: Watched) -> None:
    page = watched.page
    page.goto((dist / "edition.html").as_uri())
    assert policy_of(page) == policy()
    page.locator("button.ed-toggle").click()
    expect(page.locator("html")).to_have_class(re.compile("reading-printed"))
    assert watched.violations() == []


def test_a_script_the_page_does_not_ship_is_refused(site: str, watched: Watched) -> None:
    """The policy is live: an inline script added to the page (as an injection would) does not run."""
    page = watched.page
    page.goto(site + "index.html")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__ran = true";
        document.body.appendChild(script);
    }""")
    page.wait_for_function("window.__violations.length > 0")  # the event is dispatched after the refusal
    assert page.evaluate("window.__ran === true") is False
    assert [v.split(" ")[0] for v in page.evaluate("window.__violations")] == ["script-src-elem"]


def test_a_style_element_or_attribute_the_page_does_not_ship_is_refused(site: str, watched: Watched) -> None:
    """Without 'unsafe-inline' for styles, a <style> or a style attribute added to a page does not apply."""
    page = watched.page
    page.goto(site + "index.html")
    page.evaluate("""() => {
        const style = document.createElement("style");
        style.textContent = "body { visibility: hidden }";
        document.head.appendChild(style);
        document.querySelector("article p").setAttribute("style", "visibility: hidden");
    }""")
    page.wait_for_function("window.__violations.length > 1")
    expect(page.locator("article p").first).to_be_visible()
    assert sorted(v.split(" ")[0] for v in page.evaluate("window.__violations")) == ["style-src-attr",
                                                                                     "style-src-elem"]
