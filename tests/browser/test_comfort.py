"""Reading comfort, in Chromium: a page that does not move while it loads, margin notes beside
their markers, one preview at a time, markers easy to hit (the open states, less motion, dark mode
and the palette: test_comfort_states.py).

The real edition is built with the real command line and served on 127.0.0.1 (conftest.py).
Debian's Chromium is driven through Playwright; no browser is downloaded.
"""
from __future__ import annotations

import re
from typing import Any

import pytest
from comfort import (
    LAPTOP,
    NARROW,
    NOTES,
    OPEN_PREVIEWS,
    PHONE,
    SHIFTS,
    SLOW_4G,
    WIDE,
    no_double_ids,
    no_script_errors,
)
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect
from served import settled, still

pytestmark = pytest.mark.browser


# ------------------------------------------------------------------ 1. no layout shift

@pytest.mark.parametrize("path", ["index.html", "sources.html"])
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390px", "1280px"])
def test_the_page_does_not_move_while_it_loads_on_a_slow_phone(site: str, browser: Browser, path: str,
                                                                viewport: ViewportSize) -> None:
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.add_init_script(SHIFTS)
        page.goto(site + path, wait_until="load", timeout=120_000)
        settled(page)
        # the reading aids, the margin notes and the search worker have come in, and the page stands still
        article = page.locator("article[data-edition-ready]")
        expect(article).to_be_attached(timeout=60_000)
        if path == "index.html" and viewport is LAPTOP:
            expect(page.locator(".ed-margin .ed-sidenote")).to_have_count(NOTES, timeout=60_000)
            expect(page.locator(".ed-margin .ed-sidenote").last).to_be_visible(timeout=60_000)
        expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=60_000)
        still(page, article)
        shift = page.evaluate("window.__shift")
        assert shift <= 0.02, f"cumulative layout shift {shift:.4f} on {path} at {viewport['width']}px"
        preload = page.locator("link[rel='preload'][as='font']")
        expect(preload).to_have_count(2)  # the regular and the italic text face
        assert page.evaluate("performance.getEntriesByType('resource').some(r => r.name.endsWith('.woff2'))")
    finally:
        context.close()


# ------------------------------------------------------------------ 2. margin notes

MARGIN = """() => [...document.querySelectorAll('.ed-margin .ed-sidenote')].map(note => {
    const marker = document.querySelector('a.footnote-ref[href="#' + note.dataset.note + '"]');
    const box = note.getBoundingClientRect();
    return {note: note.dataset.note, top: box.top, bottom: box.bottom, marker: marker.getBoundingClientRect().top,
            short: note.classList.contains('ed-short')};
})"""


@pytest.mark.parametrize("width", [1280, 1440, 1920])
def test_every_margin_note_stands_within_200px_of_its_marker(site: str, browser: Browser, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(site + "index.html")
        settled(page)
        notes: list[dict[str, Any]] = page.evaluate(MARGIN)
        assert len(notes) == NOTES
        far = {n["note"]: round(n["top"] - n["marker"]) for n in notes if abs(n["top"] - n["marker"]) > 200}
        assert far == {}, f"notes more than 200px from their markers at {width}px"
        for one, other in zip(notes, notes[1:]):
            assert one["bottom"] <= other["top"], f"{one['note']} and {other['note']} overlap at {width}px"
    finally:
        context.close()


@pytest.mark.parametrize("opened", [{"viewport": LAPTOP}], indirect=True)
def test_a_shortened_margin_note_opens_in_place(site: str, opened: tuple[BrowserContext, Page]) -> None:
    _, page = opened
    page.goto(site + "index.html")
    settled(page)
    short = page.locator(".ed-sidenote.ed-short").first
    expect(short).to_be_attached()  # at 1280px the notes of ¶12 stand too close for all to be whole
    note = page.locator(f".ed-sidenote[data-note='{short.get_attribute('data-note')}']")
    more = note.get_by_text("more", exact=True)
    more.scroll_into_view_if_needed()
    before = note.bounding_box()
    more.click()
    expect(note).not_to_have_class(re.compile(r"\bed-short\b"))
    expect(more).to_be_hidden()
    after = note.bounding_box()
    assert before is not None and after is not None
    assert abs(after["y"] - before["y"]) < 1 and after["height"] > before["height"] + 10
    notes: list[dict[str, Any]] = page.evaluate(MARGIN)
    for one, other in zip(notes, notes[1:]):
        assert one["bottom"] <= other["top"], f"{one['note']} and {other['note']} overlap"
    no_script_errors(page)


# ------------------------------------------------------------------ 3. one preview at a time

@pytest.mark.parametrize("opened", [{"viewport": WIDE}], indirect=True)
def test_where_the_margin_shows_the_note_its_marker_opens_nothing_else(site: str,
                                                                        opened: tuple[BrowserContext, Page]) -> None:
    _, page = opened
    page.clock.install()  # the page's timers run when the test moves the clock on, not when the machine is free
    page.goto(site + "index.html")
    settled(page)
    marker = page.locator("#fnref\\:3 > a")
    marker.hover()
    expect(page.locator(".ed-sidenote[data-note='fn:3']")).to_have_class(re.compile(r"\bed-lit\b"))
    page.clock.run_for(1000)  # every timer a preview would open by has fired
    assert page.locator(OPEN_PREVIEWS).count() == 0
    marker.focus()
    page.clock.run_for(1000)
    assert page.locator(OPEN_PREVIEWS).count() == 0
    assert page.locator(".md-tooltip2").count() == 0  # Material's own preview is not in use
    no_double_ids(page)
    no_script_errors(page)


@pytest.mark.parametrize("opened", [{"viewport": NARROW}], indirect=True)
def test_a_note_preview_opens_on_hover_and_closes_on_a_click_outside(site: str,
                                                                     opened: tuple[BrowserContext, Page]) -> None:
    _, page = opened
    page.goto(site + "index.html")
    settled(page)
    page.locator("#fnref\\:2 > a").hover()
    preview = page.get_by_role("dialog", name="Note 2")
    expect(preview).to_be_visible()
    expect(page.locator("#fnref\\:2 > a")).to_have_attribute("aria-expanded", "true")
    no_double_ids(page)
    page.locator("#fnref\\:3 > a").hover()
    expect(page.get_by_role("dialog", name="Note 3")).to_be_visible()
    assert page.locator(OPEN_PREVIEWS).count() == 1
    expect(page.locator("#fnref\\:2 > a")).to_have_attribute("aria-expanded", "false")
    box = page.locator("#p1").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 10, box["y"] + 5)
    expect(page.locator("#ed-notepop")).to_be_hidden()
    assert page.locator(OPEN_PREVIEWS).count() == 0
    no_script_errors(page)


@pytest.mark.parametrize("opened", [{"viewport": NARROW}], indirect=True)
def test_a_note_preview_by_the_keyboard(site: str, opened: tuple[BrowserContext, Page]) -> None:
    _, page = opened
    page.goto(site + "index.html")
    settled(page)
    marker = page.locator("#fnref\\:5 > a")
    marker.focus()
    preview = page.get_by_role("dialog", name="Note 5")
    expect(preview).to_be_visible()
    expect(marker).to_be_focused()  # the preview does not take the focus away
    page.keyboard.press("Tab")
    expect(preview.get_by_role("button", name="Close note 5")).to_be_focused()
    no_double_ids(page)
    page.keyboard.press("Escape")
    expect(preview).to_be_hidden()
    expect(marker).to_be_focused()
    marker.focus()
    page.keyboard.press("Escape")
    expect(page.locator("#ed-notepop")).to_be_hidden()
    expect(marker).to_be_focused()
    no_script_errors(page)


@pytest.mark.parametrize("opened", [{"viewport": PHONE, "touch": True}], indirect=True)
def test_a_note_preview_by_touch_closes_on_a_tap_outside(site: str, opened: tuple[BrowserContext, Page]) -> None:
    _, page = opened
    page.goto(site + "index.html")
    settled(page)
    marker = page.locator("#fnref\\:5 > a")
    marker.scroll_into_view_if_needed()
    marker.tap()
    preview = page.get_by_role("dialog", name="Note 5")
    expect(preview).to_be_visible()
    expect(preview).to_be_focused()
    no_double_ids(page)
    box = page.locator("#p1").bounding_box()
    assert box is not None
    page.evaluate("document.getElementById('p1').scrollIntoView({block: 'center'})")
    box = page.locator("#p1").bounding_box()
    assert box is not None
    page.touchscreen.tap(box["x"] + 20, box["y"] + box["height"] / 2)
    expect(preview).to_be_hidden()
    marker.scroll_into_view_if_needed()
    marker.tap()
    expect(preview).to_be_visible()
    page.keyboard.press("Escape")
    expect(preview).to_be_hidden()
    expect(marker).to_be_focused()
    no_script_errors(page)


@pytest.mark.parametrize("opened", [{"viewport": NARROW}], indirect=True)
def test_citation_and_correction_previews_are_named_and_close_outside(site: str,
                                                                      opened: tuple[BrowserContext, Page]) -> None:
    _, page = opened
    page.goto(site + "index.html")
    settled(page)
    citation = page.locator("#fn\\:2 a.citation").first
    citation.hover()
    source = page.get_by_role("dialog", name="Source")
    expect(source).to_be_visible()
    assert page.locator(OPEN_PREVIEWS).count() == 1
    box = page.locator("#fn\\:2").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] - 4, box["y"] + 2)
    expect(source).to_be_hidden()

    correction = page.locator(".iv[data-intervention='typo'][data-reason]").first
    correction.scroll_into_view_if_needed()
    correction.hover()
    popover = page.get_by_role("tooltip")
    expect(popover).to_be_visible()
    assert page.locator(OPEN_PREVIEWS).count() == 1
    page.mouse.click(5, 300)
    expect(popover).to_be_hidden()
    correction.focus()
    expect(popover).to_be_visible()
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    expect(correction).to_be_focused()
    no_double_ids(page)
    no_script_errors(page)


# ------------------------------------------------------------------ 4. markers easy to hit

HIT_AREAS = """() => [...document.querySelectorAll('article a.footnote-ref')].filter(a => a.getClientRects().length)
    .map(a => {
        a.scrollIntoView({block: 'center'});
        const r = a.getBoundingClientRect();
        const after = getComputedStyle(a, '::after');
        const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
        const hits = [[x, y], [x - 11, y - 11], [x + 11, y - 11], [x - 11, y + 11], [x + 11, y + 11]]
            .map(([px, py]) => { const at = document.elementFromPoint(px, py);
                                 return at && at.closest('a.footnote-ref'); });
        return {href: a.getAttribute('href'), width: parseFloat(after.width), height: parseFloat(after.height),
                centre: hits[0] === a, corners: hits.slice(1).every(h => h !== null)};
    })"""
POSITIONS = """() => [...document.querySelectorAll('article p, article li')].map(p => {
    const r = p.getBoundingClientRect(); return [Math.round(r.top + scrollY), Math.round(r.height)]; })"""


@pytest.mark.parametrize("opened", [{"viewport": PHONE, "touch": True}], indirect=True)
def test_every_marker_has_a_hit_area_of_24px_without_moving_the_text(site: str,
                                                                     opened: tuple[BrowserContext, Page]) -> None:
    _, page = opened
    page.goto(site + "index.html")
    settled(page)
    markers: list[dict[str, Any]] = page.evaluate(HIT_AREAS)
    assert len(markers) >= NOTES
    small = [m for m in markers if m["width"] < 24 or m["height"] < 24 or not m["centre"] or not m["corners"]]
    assert small == []
    with_areas = page.evaluate(POSITIONS)
    # A constructed stylesheet: the pages' policy refuses an added <style> (add_style_tag), not the CSSOM
    page.evaluate("""() => { const sheet = new CSSStyleSheet();
        sheet.replaceSync("a.footnote-ref::after { display: none !important; }");
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }""")
    assert page.evaluate("getComputedStyle(document.querySelector('a.footnote-ref'), '::after').display") == "none"
    assert page.evaluate(POSITIONS) == with_areas

