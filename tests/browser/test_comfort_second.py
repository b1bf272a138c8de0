"""Reading comfort, second round (issue 26): search results a reader can use, marks that can be seen, notes
that work before the theme's bundle, few Tab stops, popovers inside the window, the reading state shown, hit
areas, print. Figures (timings under throttling) are measured by bench/comfort.py, not asserted here."""
from __future__ import annotations

import re
from typing import Any, Iterator

import pytest
from comfort import LAPTOP, PHONE, no_script_errors
from playwright.sync_api import Browser, Page, expect
from served import settled, still

WORD = "Voroshilov"  # named in the essay, in notes, in the chronology and in the persons' register
# The contrast of what marks the text, from computed colours (a canvas turns any CSS colour into sRGB bytes)
# against the nearest painted background, and of a link's text against it.
CONTRAST = """() => {
  const ctx = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  const rgb = c => { ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = '#000'; ctx.fillStyle = c; ctx.fillRect(0, 0, 1, 1);
                     const d = ctx.getImageData(0, 0, 1, 1).data; return [d[0], d[1], d[2]]; };
  const lum = c => c.map(v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; })
                    .reduce((s, v, i) => s + v * [.2126, .7152, .0722][i], 0);
  const ground = n => { for (; n; n = n.parentElement) { const c = getComputedStyle(n).backgroundColor;
                        if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return rgb(c); }
                        return rgb(getComputedStyle(document.body).backgroundColor); };
  const ratio = (n, pseudo, property) => {
    const a = lum(rgb(getComputedStyle(n, pseudo)[property])), b = lum(ground(n));
    return Math.round((Math.max(a, b) + .05) / (Math.min(a, b) + .05) * 100) / 100; };
  const first = s => document.querySelector(s);
  return {
    'correction line': ratio(first('p[id^="p"] .iv-typo > .iv-edited'), null, 'textDecorationColor'),
    'ring': ratio(first('p[id^="p"] .iv-join'), '::after', 'color'),
    'comment ring': ratio(first('p[id^="p"] .iv-comment'), '::after', 'color'),
    'name underline': ratio(first('p[id^="p"] a.person'), null, 'textDecorationColor'),
    'citation underline': ratio(first('.footnote a.citation'), null, 'textDecorationColor'),
    'note call': ratio(first('p[id^="p"] a.footnote-ref'), null, 'color'),
    'paragraph number': ratio(first('a.pnum'), null, 'color'),
  };
}"""
TABBABLE = """selector => [...document.querySelectorAll(selector)]
    .filter(n => n.tabIndex >= 0 && n.getClientRects().length && !n.closest('[hidden], [aria-hidden="true"]')
                 && getComputedStyle(n).visibility !== 'hidden')"""
VIEWPORTS = [pytest.param(PHONE, id="390"), pytest.param(LAPTOP, id="1280")]


@pytest.fixture
def reader(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page; the test's parameters give the viewport and the colour scheme."""
    param = getattr(request, "param", LAPTOP)
    viewport, scheme = param if isinstance(param, tuple) else (param, "light")
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    setattr(page, "script_errors", errors)
    try:
        yield page
    finally:
        context.close()


def essay(page: Page, site: str, fragment: str = "") -> None:
    page.goto(site + "index.html" + fragment)
    settled(page)
    expect(page.locator("article a.pnum").first).to_be_attached()


@pytest.mark.parametrize("reader", VIEWPORTS, indirect=True)
def test_search_lists_the_essay_first_one_place_a_result(site: str, reader: Page) -> None:
    page = reader
    essay(page, site)
    if page.viewport_size and page.viewport_size["width"] < 960:
        page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").click()
    page.keyboard.type(WORD)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    links = page.locator(".md-search-result__item > a")
    expect(links.nth(1)).to_have_attribute("href", re.compile(r"index\.html\?h=voroshilov#p\d+$"))
    hrefs = [re.sub(r"^.*/|\?h=[^#]*", "", str(h)) for h in links.evaluate_all("ls => ls.map(l => l.href)")]
    pages = [h.split("#")[0] for h in hrefs]
    last_essay = max(i for i, name in enumerate(pages) if name == "index.html")
    assert pages[0] == "index.html" and all(name == "index.html" for name in pages[:last_essay + 1])  # essay first
    essay_results = [h for h in hrefs if h.startswith("index.html#")]
    assert {h.split("#")[1][:2] for h in essay_results} >= {"p4", "no"}  # paragraphs and notes, each its own
    rows = [h for h in hrefs if h.startswith("chronology.html#")]
    assert rows and all(re.fullmatch(r"chronology\.html#row-\d+", h) for h in rows)  # one row a result
    height = page.viewport_size["height"] if page.viewport_size else 800
    tallest = max(links.evaluate_all("ls => ls.map(l => l.getBoundingClientRect().height)"))
    assert tallest < height / 2, f"a result {tallest:.0f} px tall"
    assert "†" not in page.locator(".md-search-result__list").inner_text()
    links.nth(1).click()
    expect(page).to_have_url(re.compile(r"index\.html\?h=voroshilov#p\d+$"))
    no_script_errors(page)


@pytest.mark.parametrize("reader", [(v, s) for v in (PHONE, LAPTOP) for s in ("light", "dark")],
                         ids=["390-light", "390-dark", "1280-light", "1280-dark"], indirect=True)
def test_marks_and_links_stand_out_from_the_page(site: str, reader: Page) -> None:
    essay(reader, site)
    found: dict[str, Any] = reader.evaluate(CONTRAST)
    low = {name: ratio for name, ratio in found.items()
           if ratio < (4.5 if name in ("note call", "paragraph number") else 3.0)}
    assert low == {}, f"too faint: {low}"


@pytest.mark.parametrize("reader", VIEWPORTS, indirect=True)
def test_notes_work_before_the_theme_bundle_and_the_search_index(site: str, reader: Page) -> None:
    """Material's bundle and the search index never arrive: the previews, margin notes and reading work."""
    page = reader
    page.route(re.compile(r"bundle\.[0-9a-f]+\.min\.js|search_index\.json"), lambda route: route.abort())
    page.goto(site + "index.html")
    settled(page)
    if page.viewport_size and page.viewport_size["width"] >= 1200:
        expect(page.locator(".ed-margin .ed-sidenote").first).to_be_visible()
    else:
        page.locator("#fnref\\:2 > a.footnote-ref").hover()
        expect(page.get_by_role("dialog", name="Note 2")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Reading")).click()
    expect(page.locator("html")).to_have_class(re.compile("reading-printed"))
    assert page.evaluate("typeof window.document$") == "undefined"  # the bundle never ran
    no_script_errors(page)


def test_the_keyboard_meets_note_calls_and_corrections_not_names(site: str, reader: Page) -> None:
    page = reader
    essay(page, site)
    in_text = page.evaluate(TABBABLE, 'article p[id^="p"] *')
    assert len(in_text) <= 120
    calls_and_corrections = page.evaluate(
        """s => [...document.querySelectorAll(s)].filter(n => n.getClientRects().length).length""",
        'article p[id^="p"] sup > a.footnote-ref, article p[id^="p"] .iv:not(.iv-marker *)')
    reachable = len(page.evaluate(TABBABLE, 'article p[id^="p"] sup > a.footnote-ref, article p[id^="p"] .iv'))
    assert reachable == calls_and_corrections
    assert page.evaluate(TABBABLE, 'article a.iv-app, article a.person') == []
    assert page.evaluate(TABBABLE, '.footnote .note-label + .iv-artefact') == []
    comment = page.locator('#p4 .iv-comment[role="link"]').first
    expect(comment).to_have_accessible_name("(Editorial comment)")
    typo = page.locator(".iv-typo[role='link']").first
    expect(typo).to_have_accessible_name(re.compile(r"^(\S+) \(Corrected misprint: printed ‘.+’, reads ‘\1’\)$"))
    typo.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"apparatus\.html#app-"))
    no_script_errors(page)


@pytest.mark.parametrize("reader", [pytest.param({"width": 768, "height": 900}, id="768"),
                                    pytest.param(PHONE, id="390")], indirect=True)
def test_the_correction_popover_stays_inside_the_window(site: str, reader: Page) -> None:
    page = reader
    essay(page, site)
    width = page.evaluate("document.documentElement.clientWidth")
    boxes = page.evaluate("""() => [...document.querySelectorAll('article p[id^="p"] .iv[tabindex="0"]')].map(iv => {
        iv.scrollIntoView({block: 'center'}); iv.focus();
        const r = document.getElementById('ed-pop').getBoundingClientRect();
        return [iv.id, Math.round(r.left), Math.round(r.right), Math.round(r.width)]; })""")
    assert boxes
    wrong = [box for box in boxes if box[1] < 8 or box[2] > width - 8 or box[3] < min(260, width - 16) - 1]
    assert wrong == []
    no_script_errors(page)


@pytest.mark.parametrize("reader", VIEWPORTS, indirect=True)
def test_each_paragraph_menu_cites_it_and_the_reading_as_printed_shows(site: str, reader: Page) -> None:
    page = reader
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    essay(page, site)
    page.locator("#p12 a.pnum").click()
    menu = page.get_by_role("group", name="¶ 12")
    expect(menu).to_be_visible()
    menu.get_by_role("button", name="Show as printed").click()
    expect(page.locator("html")).to_have_class(re.compile("reading-printed"))
    page.locator("#p20").scroll_into_view_if_needed()
    flag = page.get_by_role("region", name="Reading as printed")
    expect(flag).to_be_in_viewport()
    page.reload()
    settled(page)
    page.locator("#p25").scroll_into_view_if_needed()
    expect(flag).to_be_in_viewport()  # a returning reader sees it too
    flag.get_by_role("button", name="Show corrected").click()
    expect(page.locator("html")).not_to_have_class(re.compile("reading-printed"))
    expect(flag).to_be_hidden()
    page.locator("#p7 a.pnum").click()
    page.get_by_role("group", name="¶ 7").get_by_role("button", name="Cite ¶ 7").click()
    panel = page.get_by_role("dialog", name="Cite this edition")
    expect(panel).to_be_visible()
    expect(panel.locator("#ed-cite-paragraph")).to_contain_text("¶ 7")
    expect(panel.locator("#ed-cite-paragraph")).to_contain_text("index.html#p7")
    no_script_errors(page)


@pytest.mark.parametrize("reader", VIEWPORTS, indirect=True)
def test_rings_and_paragraph_numbers_take_a_finger(site: str, reader: Page) -> None:
    page = reader
    essay(page, site)
    ring = page.locator('article p[id^="p"] .iv-join').first
    ring.scroll_into_view_if_needed()
    still(page, ring)
    misses = page.evaluate("""iv => { const r = iv.getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        return [[-11, 0], [11, 0], [0, -11], [0, 11]].filter(([dx, dy]) => {
            const hit = document.elementFromPoint(x + dx, y + dy); return !hit || !iv.contains(hit); }); }""",
                           ring.element_handle())
    assert misses == []
    number = page.locator("#p3 a.pnum")
    box = number.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24
    assert float(number.evaluate("n => getComputedStyle(n).fontSize").removesuffix("px")) >= 12
    no_script_errors(page)


def test_print_shows_neither_rings_nor_controls(site: str, reader: Page) -> None:
    page = reader
    essay(page, site)
    page.locator("#p12 a.pnum").click()
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.iv-join'), '::after').content") == "none"
    for selector in (".ed-bar", ".ed-pmenu", ".ed-toggle", ".md-header"):
        expect(page.locator(selector).first).to_be_hidden()
    no_script_errors(page)
