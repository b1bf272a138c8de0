"""The pages under their Content-Security-Policy, in Chromium: the features work and nothing is refused.

Every page carries a policy that allows scripts only from the site itself and the page's own inline scripts
by hash. Here the served site, the offline zip and edition.html (both from file://, where Chromium treats
'self' specially) are read while previews, search, the reading toggle and the Cite panel are used; the
browser must report no violation, neither in the console nor as a `securitypolicyviolation` event.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

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
    assert "'unsafe-inline'" not in policy_of(page).split("script-src", 1)[1].split(";")[0]
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
    for name in ("sources.html", "apparatus.html", "about.html"):
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
    assert "script-src 'self' 'sha256-" in policy_of(page)
    page.locator('sup a.footnote-ref[href$="#fn:2"]').first.hover()
    expect(page.locator("#ed-notepop").filter(has_text="Litvinov")).to_be_visible()  # below the margin notes' width
    page.mouse.move(0, 0)
    search(page, "mendacious")  # Material's worker, in the edition's file:// polyfill
    assert watched.violations() == []


def test_the_single_file_reads_under_its_policy(dist: Path, watched: Watched) -> None:
    page = watched.page
    page.goto((dist / "edition.html").as_uri())
    assert "object-src 'none'" in policy_of(page)
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
    # the refusal is reported as an event after the script was appended: wait for it, then look
    page.wait_for_function("(window.__violations || []).some(v => v.includes('script-src'))")
    assert page.evaluate("window.__ran === true") is False
    assert any("script-src" in v for v in watched.violations())
