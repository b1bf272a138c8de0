"""Reading comfort, in Chromium: open states that axe-core passes in light and dark, less motion for a reader
who asks for it, every tab stop seen, a dark mode, and colours that follow the edition's palette.

The real edition is built and served as in test_comfort.py; the palette test builds a copy of the fixture edition
with another palette. axe-core is vendored in tests/vendor/.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from comfort import (
    AXE,
    LAPTOP,
    MINI,
    NARROW,
    PHONE,
    WIDE,
    no_script_errors,
)
from playwright.sync_api import Browser, BrowserContext, Locator, Page, ViewportSize, expect
from served import MOVING, REPO, settled, still

pytestmark = pytest.mark.browser


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

