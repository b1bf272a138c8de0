"""Reading comfort, in Chromium: a page that does not move while it loads, margin notes beside
their markers, one preview at a time, markers easy to hit, open states that axe-core passes in
light and dark, a dark mode, and colours that follow the edition's palette.

The real edition is built with the real command line and served on 127.0.0.1 (conftest.py);
the palette test builds a copy of the fixture edition with another palette. Debian's Chromium
is driven through Playwright; no browser is downloaded. axe-core is vendored in tests/vendor/.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Locator, Page, ViewportSize, expect
from served import MOVING, REPO, settled, still

pytestmark = pytest.mark.browser

AXE = REPO / "tests" / "vendor" / "axe.min.js"
MINI = REPO / "tests" / "fixtures" / "mini_edition"
PHONE: ViewportSize = {"width": 390, "height": 844}
LAPTOP: ViewportSize = {"width": 1280, "height": 800}
NARROW: ViewportSize = {"width": 1000, "height": 800}
WIDE: ViewportSize = {"width": 1400, "height": 900}
NOTES = 33  # 32 numbered notes and the unnumbered one

# DevTools' "Slow 4G": 562.5 ms round trip, 1.6 Mbit/s down, 750 kbit/s up (each at 90%), and a 4x slower CPU.
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 1.6e6 / 8 * 0.9,
           "uploadThroughput": 750e3 / 8 * 0.9}
SHIFTS = """window.__shift = 0;
new PerformanceObserver(list => {
    for (const entry of list.getEntries()) { if (!entry.hadRecentInput) { window.__shift += entry.value; } }
}).observe({type: 'layout-shift', buffered: true});"""
NO_DOUBLE_IDS = """() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
                           return ids.filter((id, i) => ids.indexOf(id) !== i); }"""
OPEN_PREVIEWS = "[role='dialog']:not(.md-search):visible, [role='tooltip']:visible"  # the search has its own


@pytest.fixture
def opened(browser: Browser, request: pytest.FixtureRequest) -> Iterator[tuple[BrowserContext, Page]]:
    """A fresh page; the test's parameters (viewport, touch, colour scheme) come through request.param."""
    options: dict[str, Any] = dict(getattr(request, "param", {}) or {})
    context = browser.new_context(viewport=options.get("viewport", NARROW), has_touch=options.get("touch", False),
                                  color_scheme=options.get("scheme", "light"))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    setattr(page, "script_errors", errors)
    try:
        yield context, page
    finally:
        context.close()


def no_double_ids(page: Page) -> None:
    assert page.evaluate(NO_DOUBLE_IDS) == []


def no_script_errors(page: Page) -> None:
    assert getattr(page, "script_errors") == []


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


# ------------------------------------------------------------------ 5. and 6. open states, light and dark

AXE_RUN = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 4).map(n => n.target.join(' '))}));
}"""


def audit(page: Page, what: Locator) -> list[dict[str, Any]]:
    """axe's findings once nothing moves and the element that was opened stands still."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    still(page, what)
    return list(page.evaluate(AXE_RUN))


def open_search(page: Page, phone: bool) -> None:
    if phone:
        page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").click()
    page.keyboard.type("Litvinov")
    expect(page.locator(".md-search-result__item").first).to_be_visible()


def open_states(page: Page, phone: bool) -> dict[str, list[dict[str, Any]]]:
    """axe's serious and critical findings with each of the edition's previews and panels open."""
    found: dict[str, list[dict[str, Any]]] = {}
    marker = page.locator("#fnref\\:3 > a")
    marker.scroll_into_view_if_needed()
    if phone:
        marker.tap()
        preview = page.get_by_role("dialog", name="Note 3")
    else:
        marker.hover()  # lit in the margin
        preview = page.locator(".ed-sidenote.ed-lit")
    expect(preview).to_be_visible()
    found["a note's preview"] = audit(page, preview)
    page.keyboard.press("Escape")
    page.locator(".iv[data-intervention='typo'][data-reason]").first.focus()
    popover = page.get_by_role("tooltip")
    expect(popover).to_be_visible()
    found["a correction's popover"] = audit(page, popover)
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Cite", exact=True).click()
    panel = page.locator("#ed-cite")
    expect(panel).to_be_visible()
    found["the Cite panel"] = audit(page, panel)
    page.keyboard.press("Escape")
    open_search(page, phone)
    found["search results"] = audit(page, page.locator(".md-search-result__item").first)
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390px", "1280px"])
def test_axe_passes_the_open_states(site: str, browser: Browser, viewport: ViewportSize, scheme: str) -> None:
    phone = viewport is PHONE
    # axe-core is injected as an inline script, which the pages' policy rightly blocks
    context = browser.new_context(viewport=viewport, has_touch=phone, color_scheme=scheme,  # type: ignore[arg-type]
                                  bypass_csp=True)
    try:
        page = context.new_page()
        found: dict[str, list[dict[str, Any]]] = {}
        for path in ("index.html", "sources.html"):
            page.goto(site + path)
            settled(page)
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme",
                                                           "slate" if scheme == "dark" else "default")
            found[path] = audit(page, page.locator("article").first)
        page.goto(site + "index.html")
        settled(page)
        found.update(open_states(page, phone))
        problems = {where: violations for where, violations in found.items() if violations}
        assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)
    finally:
        context.close()


# ------------------------------------------------------------------ less motion

def motion(page: Page) -> tuple[int, list[str]]:
    """The animations running now, and every element that would move."""
    return page.evaluate("document.getAnimations().length"), page.evaluate(MOVING)


@pytest.mark.parametrize("opened", [{"viewport": NARROW}], indirect=True)
def test_a_reader_who_asks_for_less_motion_sees_nothing_move(site: str, opened: tuple[BrowserContext, Page]) -> None:
    _, page = opened  # asks for reduced motion, as every context of the browser tests does (conftest.py)
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    page.goto(site + "index.html")
    settled(page)
    found = {"the page": motion(page)}
    page.locator("#fnref\\:3 > a").hover()
    expect(page.get_by_role("dialog", name="Note 3")).to_be_visible()
    found["a note's preview"] = motion(page)  # measured at once: nothing is waited for
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Cite", exact=True).click()  # the page scrolls: Material's header changes
    expect(page.locator("#ed-cite")).to_be_visible()
    found["the Cite panel"] = motion(page)
    page.keyboard.press("Escape")
    open_search(page, phone=False)
    found["search results"] = motion(page)
    assert found == {where: (0, []) for where in found}
    no_script_errors(page)


def test_without_that_wish_the_same_elements_do_move(site: str, browser: Browser) -> None:
    """The counterpart: the check above sees what moves, Material's header title and search overlay among it."""
    page = browser.new_page(viewport=NARROW, reduced_motion="no-preference")
    try:
        page.goto(site + "index.html")
        settled(page)
        moving = set(page.evaluate(MOVING))
        assert {"div.md-header__topic", "label.md-search__overlay", "div.md-search__output", "div.ed-status",
                "div.ed-sidenote", "li#fn:3"} <= moving
    finally:
        page.close()


# A radio button of Material's palette toggle is seen, and outlined, through its label.
TAB_STOP = """() => { const focused = document.activeElement;
    const e = focused.matches('.md-option') ? focused.nextElementSibling : focused;
    const r = e.getBoundingClientRect();
    return {what: focused.outerHTML.slice(0, 80), seen: r.width > 0 && r.height > 0 &&
            e.checkVisibility({opacityProperty: true, visibilityProperty: true}) &&
            r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth}; }"""


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390px", "1280px"])
def test_every_tab_stop_at_the_top_of_the_page_is_seen(site: str, browser: Browser, viewport: ViewportSize) -> None:
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(site + "index.html")
        settled(page)
        unseen = []
        for _ in range(12):
            page.keyboard.press("Tab")
            still(page, page.evaluate_handle("document.activeElement").as_element())  # e.g. the skip link, shown
            stop = page.evaluate(TAB_STOP)
            if not stop["seen"]:
                unseen.append(stop["what"])
        assert unseen == []
    finally:
        context.close()


# ------------------------------------------------------------------ 6. dark mode

@pytest.mark.parametrize("opened", [{"viewport": LAPTOP, "scheme": "dark"}], indirect=True)
def test_dark_mode_follows_the_system_and_the_toggle(site: str, opened: tuple[BrowserContext, Page]) -> None:
    _, page = opened
    body = page.locator("body")
    for path in ("index.html", "sources.html", "apparatus.html", "about.html"):
        page.goto(site + path)
        expect(body).to_have_attribute("data-md-color-scheme", "slate")
        assert brightness(page.evaluate("getComputedStyle(document.body).backgroundColor")) < 80
    page.goto(site + "index.html")
    settled(page)
    assert brightness(page.locator(".ed-sidenote").first.evaluate("n => getComputedStyle(n).color")) > 150
    page.get_by_title("Light mode").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    assert brightness(page.evaluate("getComputedStyle(document.body).backgroundColor")) > 240
    page.goto(site + "sources.html")
    expect(body).to_have_attribute("data-md-color-scheme", "default")  # the reader's choice is kept
    page.get_by_title("Dark mode").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    no_script_errors(page)


def rgb(colour: str) -> tuple[int, int, int]:
    """The red, green and blue of a computed colour (rgb(...), rgba(...) or color(srgb ...))."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", colour)]
    if colour.startswith("color("):
        return round(numbers[0] * 255), round(numbers[1] * 255), round(numbers[2] * 255)
    return round(numbers[0]), round(numbers[1]), round(numbers[2])


def brightness(colour: str) -> float:
    return sum(rgb(colour)) / 3


# ------------------------------------------------------------------ colours from the palette

COLOURS = """() => ({
    link: getComputedStyle(document.querySelector('article sup > a.footnote-ref')).color,
    toggle: getComputedStyle(document.querySelector('.ed-toggle[aria-pressed="false"] .ed-opt-corrected'))
        .backgroundColor,
    navigation: getComputedStyle(document.querySelector('.md-nav__link--active')).color,
})"""


@pytest.fixture(scope="module")
def indigo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture edition with an indigo palette, built with the real command line."""
    root = tmp_path_factory.mktemp("indigo") / "edition"
    shutil.copytree(MINI, root)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    for scheme in config["theme"]["palette"]:
        scheme.update(primary="indigo", accent="indigo")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    out = root.parent / "site"
    command = [sys.executable, str(REPO / "build_site.py"), "build", "--root", str(root), "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=str(REPO))
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize("opened", [{"viewport": WIDE}], indirect=True)
def test_the_colours_follow_the_palette(site: str, indigo_site: Path, opened: tuple[BrowserContext, Page]) -> None:
    _, page = opened
    page.goto(site + "index.html")  # this edition: a brown accent
    for what, colour in page.evaluate(COLOURS).items():
        red, _, blue = rgb(colour)
        assert red > blue + 40, f"{what} is {colour}, not brown"
    page.goto((indigo_site / "index.html").as_uri())
    expect(page.locator(".ed-toggle")).to_be_visible()
    for what, colour in page.evaluate(COLOURS).items():
        red, _, blue = rgb(colour)
        assert blue > red + 40, f"{what} is {colour}, not indigo"
    header = rgb(page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor"))
    assert header[2] > header[0] + 40  # Material's own header follows the palette too
