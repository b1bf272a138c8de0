"""The edition as a reader meets it: the real edition built, served on 127.0.0.1, read in Chromium.

Debian's Chromium is driven through Playwright; no browser is downloaded. Screenshots
go to test-output/ (ignored by git).
"""
from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect
from served import SHOTS

DESKTOP: ViewportSize = {"width": 1400, "height": 900}
MOBILE: ViewportSize = {"width": 390, "height": 844}
PRINTED_WORD = '.iv[data-printed="quilty"]'  # ¶13: printed "quilty", corrected "guilty"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh profile (empty localStorage) at desktop size."""
    fresh = browser.new_context(viewport=DESKTOP)
    try:
        yield fresh
    finally:
        fresh.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A page that fails the test on any script error."""
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    setattr(opened, "script_errors", errors)
    return opened


def shot(page: Page, name: str, full_page: bool = False) -> None:
    """Keep a screenshot for a person to look at."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def no_script_errors(page: Page) -> None:
    assert getattr(page, "script_errors") == []


@pytest.mark.browser
def test_reading_toggle_shows_the_text_as_printed_and_is_remembered(site: str, page: Page) -> None:
    page.goto(site + "index.html")
    word = page.locator(PRINTED_WORD)
    toggle = page.get_by_role("button", name=re.compile(r"^Reading"))
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(word.locator(".iv-edited")).to_have_text("guilty")
    expect(word.locator(".iv-edited")).to_be_visible()
    expect(word.locator(".iv-printed")).to_be_hidden()
    restored = page.locator(".iv-marker .footnote-ref").first
    expect(restored).to_be_visible()
    shot(page, "essay-top")

    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_class(re.compile(r"\breading-printed\b"))
    expect(word.locator(".iv-printed")).to_have_text("quilty")
    expect(word.locator(".iv-printed")).to_be_visible()
    expect(word.locator(".iv-edited")).to_be_hidden()
    expect(restored).to_be_hidden()  # restored markers, brackets and all, are not in the print
    word.scroll_into_view_if_needed()
    shot(page, "essay-as-printed")

    page.locator('.md-sidebar--primary a.md-nav__link[href="sources.html"]').click()
    expect(page).to_have_url(re.compile(r"/sources\.html$"))
    expect(page.locator("html")).to_have_class(re.compile(r"\breading-printed\b"))
    page.locator('.md-sidebar--primary a.md-nav__link[href="index.html"]').click()
    expect(page).to_have_url(re.compile(r"/index\.html$"))
    toggle = page.get_by_role("button", name=re.compile(r"^Reading"))
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(word.locator(".iv-printed")).to_be_visible()
    expect(word.locator(".iv-edited")).to_be_hidden()

    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(word.locator(".iv-edited")).to_be_visible()
    expect(word.locator(".iv-printed")).to_be_hidden()
    page.reload()
    expect(page.get_by_role("button", name=re.compile(r"^Reading"))).to_have_attribute("aria-pressed", "false")
    expect(word.locator(".iv-edited")).to_be_visible()
    no_script_errors(page)


@pytest.mark.browser
def test_an_intervention_tells_what_was_printed_on_focus_and_on_hover(site: str, page: Page) -> None:
    page.goto(site + "index.html")
    word = page.locator(PRINTED_WORD)
    popover = page.get_by_role("tooltip")
    word.focus()
    expect(popover).to_be_visible()
    expect(popover).to_contain_text("printed: quilty")
    expect(popover).to_contain_text("guilty]")  # the lemma: the words of the text it concerns
    expect(word).to_have_attribute("aria-describedby", popover.get_attribute("id") or "ed-pop")
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    page.locator('.iv[data-intervention="typo"][data-reason]').first.hover()
    expect(popover).to_be_visible()
    expect(popover).to_contain_text("printed:")
    shot(page, "intervention-popover")
    no_script_errors(page)


@pytest.mark.browser
def test_an_inferred_marker_names_its_certainty_in_the_popover_and_to_a_screen_reader(site: str, page: Page) -> None:
    page.goto(site + "index.html")
    popover = page.get_by_role("tooltip")
    page.locator("#iv-p4-3").focus()  # the marker of note 4, inferred
    expect(popover.locator(".ed-pop-kind")).to_have_text("restored note marker (certainty: medium)")
    expect(page.locator("#iv-p4-3 .ed-iv-name")).to_have_text(" (Restored note marker (certainty: medium))")
    page.locator("#iv-p5-4").focus()  # the marker of note 7, whose place the note's content shows
    expect(popover.locator(".ed-pop-kind")).to_have_text("restored note marker")
    no_script_errors(page)


@pytest.mark.browser
def test_a_paragraph_link_scrolls_it_into_view_below_the_header(site: str, page: Page) -> None:
    page.goto(site + "index.html#p12")
    paragraph = page.locator("#p12")
    expect(paragraph).to_be_in_viewport()
    expect(page.locator("#p1")).not_to_be_in_viewport()
    page.wait_for_function("""() => {
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
        const top = document.getElementById('p12').getBoundingClientRect().top;
        return top >= header - 1 && top < innerHeight / 2;
    }""")
    number = paragraph.locator("a.pnum")
    expect(number).to_have_attribute("href", "#p12")
    expect(number).to_contain_text("12")
    shot(page, "paragraph-12")
    no_script_errors(page)


@pytest.mark.browser
def test_a_paragraph_number_copies_its_link(site: str, context: BrowserContext, page: Page) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    page.goto(site + "index.html")
    page.locator("#p12 a.pnum").click()
    expect(page).to_have_url(re.compile(r"/index\.html#p12$"))
    expect(page.get_by_role("status")).to_contain_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == site + "index.html#p12"
    no_script_errors(page)


@pytest.mark.browser
def test_hovering_a_note_marker_shows_the_note(site: str, page: Page) -> None:
    page.set_viewport_size({"width": 1000, "height": 800})  # no margin notes: the marker opens a preview
    page.goto(site + "index.html")
    note = page.locator("#fn\\:2 > p").first
    words = " ".join(note.inner_text().split())
    fragment = words[len(words) // 3: len(words) // 3 + 40].strip()
    assert len(fragment) > 20
    page.locator("#fnref\\:2 > a.footnote-ref").hover()
    preview = page.get_by_role("dialog", name="Note 2")
    expect(preview).to_be_visible()
    assert fragment in " ".join(preview.inner_text().split())
    shot(page, "note-preview")
    no_script_errors(page)


@pytest.mark.browser
def test_a_marker_leads_to_its_note_and_the_backlink_returns(site: str, page: Page) -> None:
    page.goto(site + "index.html")
    page.locator("#fnref\\:22 > a.footnote-ref").click()
    expect(page).to_have_url(re.compile(r"#fn:22$"))
    note = page.locator("#fn\\:22")
    expect(note).to_be_in_viewport()
    expect(note.locator(".note-label")).to_have_text("22")
    shot(page, "note-22")
    note.locator("a.footnote-backref").click()
    expect(page).to_have_url(re.compile(r"#fnref:22$"))
    expect(page.locator("#fnref\\:22")).to_be_in_viewport()
    no_script_errors(page)


@pytest.mark.browser
def test_nothing_is_requested_from_outside_the_site(site: str, browser: Browser) -> None:
    requested: list[str] = []
    for viewport, name in ((DESKTOP, "desktop"), (MOBILE, "mobile")):
        fresh = browser.new_context(viewport=viewport)
        try:
            page = fresh.new_page()
            page.on("request", lambda request: requested.append(request.url))
            for path in ("index.html", "sources.html", "about.html"):
                page.goto(site + path)
                page.wait_for_load_state("networkidle")
                shot(page, f"{name}-{path.removesuffix('.html')}")
            page.goto(site + "index.html")
            page.wait_for_function("document.fonts.check('1em \"Source Serif 4\"')")
            page.get_by_role("button", name=re.compile(r"^Reading")).click()
            page.locator("#fnref\\:2 > a.footnote-ref").hover()  # lit in the margin, or a preview
            expect(page.locator(".ed-sidenote.ed-lit, #ed-notepop:not([hidden])").first).to_be_visible()
            page.wait_for_load_state("networkidle")
            wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert wide <= 0, f"the {name} page scrolls sideways by {wide}px"
        finally:
            fresh.close()
    network = [url for url in requested if urlsplit(url).scheme in ("http", "https", "ws", "wss")]
    outside = sorted({url for url in network if urlsplit(url).hostname != "127.0.0.1"})
    assert outside == []
    assert any("/_edition/fonts/" in url for url in network), "the self-hosted text face was not used"
