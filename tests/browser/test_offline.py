"""The exports opened from the file system in Debian's Chromium: nothing may be fetched from outside.

The offline site (dist/edition-site.zip, unzipped) must give note previews, citation links both ways, search
and downloads of the edition's citation; the single HTML file, with every request but file: and data: aborted,
must give the same: note previews, links both ways, the reading toggle, the Cite panel and search.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from lxml import html
from served import MOVING

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
LOCAL_SCHEMES = {"file", "data", "blob"}
SEARCH_WORD = "mendacious"  # a word that stands only in a note (checked below)


@pytest.fixture(scope="module")
def dist(real_dist: Path) -> Path:
    """The real edition's exports, made once for the session."""
    return real_dist


@pytest.fixture(scope="module")
def site(real_unzipped: Path) -> Path:
    """edition-site.zip unzipped somewhere else, as a reader would."""
    return real_unzipped


class Page:
    """A fresh page that records the URL of every request it makes."""

    def __init__(self, browser: object) -> None:
        self.context = browser.new_context()  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.route(lambda url: urlsplit(url).scheme not in LOCAL_SCHEMES, lambda route: route.abort())

    def outside(self) -> list[str]:
        """Requests to anything but the file system and the page's own data."""
        return [url for url in self.requests if urlsplit(url).scheme not in LOCAL_SCHEMES]


@pytest.fixture
def tab(browser: object) -> Iterator[Page]:
    page = Page(browser)
    yield page
    page.context.close()


def expect(locator: object) -> object:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def test_hovering_a_note_marker_shows_the_note(site: Path, tab: Page) -> None:
    page = tab.page
    page.set_viewport_size({"width": 1000, "height": 800})  # no margin notes: the marker opens a preview
    page.goto((site / "index.html").as_uri())
    marker = page.locator('sup a.footnote-ref[href$="#fn:2"]').first
    marker.hover()
    preview = page.get_by_role("dialog", name="Note 2")
    expect(preview).to_be_visible()
    expect(preview).to_contain_text("Litvinov")
    assert tab.outside() == []


def test_the_offline_site_follows_a_dark_system_setting_and_its_toggle(site: Path, browser: object) -> None:
    context = browser.new_context(color_scheme="dark")  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        body = page.locator("body")
        expect(body).to_have_attribute("data-md-color-scheme", "slate")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert sum(int(c) for c in re.findall(r"\d+", background)[:3]) < 200, background
        page.get_by_title("Light mode").first.click()
        expect(body).to_have_attribute("data-md-color-scheme", "default")
        page.reload()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")  # remembered
    finally:
        context.close()


def test_a_citation_leads_to_its_entry_and_the_entry_back_to_the_note(site: Path, tab: Page) -> None:
    page = tab.page
    page.goto((site / "index.html").as_uri())
    note = page.locator('li[id="fn:2"]')
    citation = note.locator("a.citation").first
    key = citation.get_attribute("data-key")
    citation.click()
    expect(page).to_have_url(re.compile(rf"/sources\.html#{re.escape(key or '')}$"))
    entry = page.locator(f'p.source[id="{key}"]')
    expect(entry).to_be_in_viewport()
    entry.locator('a[href$="index.html#fn:2"]').click()
    expect(page).to_have_url(re.compile(r"/index\.html#fn:2$"))
    expect(page.locator('li[id="fn:2"]')).to_be_in_viewport()
    assert tab.outside() == []


def test_the_cite_panel_offline_cites_no_local_path(site: Path, tab: Page) -> None:
    page = tab.page
    page.goto((site / "index.html").as_uri() + "#p12")
    page.get_by_role("button", name="Cite", exact=True).click()
    edition = page.locator("#ed-cite-edition")
    expect(edition).to_contain_text("Digital critical edition")
    paragraph = page.locator("#ed-cite-paragraph")
    expect(paragraph).to_contain_text("¶\u00a012")
    assert [t for t in (edition.inner_text(), paragraph.inner_text()) if "file:" in t or str(site) in t] == []
    assert tab.outside() == []


def test_search_finds_a_word_that_stands_only_in_a_note(site: Path, tab: Page) -> None:
    texts = {p.name: html.document_fromstring(p.read_bytes()) for p in site.glob("*.html")}
    holders = []
    for name, page_tree in texts.items():
        for notes in page_tree.xpath('//li[starts-with(@id, "fn:")]'):
            notes.drop_tree()
        article = " ".join(page_tree.xpath("//article//text()"))
        if SEARCH_WORD in article.lower():
            holders.append(name)
    assert holders == [], f"'{SEARCH_WORD}' should stand only in the notes"
    page = tab.page
    page.goto((site / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.keyboard.type(SEARCH_WORD)
    result = page.locator(".md-search-result__item").first
    expect(result).to_be_visible()
    expect(result).to_contain_text(re.compile(SEARCH_WORD, re.IGNORECASE))
    assert tab.outside() == []


def test_the_single_file_links_a_marker_to_its_note_and_back(dist: Path, tab: Page) -> None:
    page = tab.page
    page.goto((dist / "edition.html").as_uri())
    page.locator('sup[id="fnref:3"] a.footnote-ref').click()
    expect(page).to_have_url(re.compile(r"#fn:3$"))
    note = page.locator('li[id="fn:3"]')
    expect(note).to_be_in_viewport()
    note.locator("a.footnote-backref").first.click()
    expect(page).to_have_url(re.compile(r"#fnref:3$"))
    expect(page.locator('sup[id="fnref:3"]')).to_be_in_viewport()
    assert tab.outside() == []


def test_the_single_file_reads_as_printed_at_a_click(dist: Path, tab: Page) -> None:
    page = tab.page
    page.goto((dist / "edition.html").as_uri())
    # the printed reading is out of the text (it reads as corrected without styles): generated from data-printed
    printed = page.locator('#page-essay .iv[data-printed="quilty"]')
    shown = 'e => getComputedStyle(e, "::before").content'
    assert printed.evaluate(shown) == "none"
    page.locator("button.ed-toggle").click()
    expect(page.locator("html")).to_have_class(re.compile("reading-printed"))
    assert printed.evaluate(shown) == '"quilty"'
    assert (tab.outside(), tab.errors) == ([], [])


def test_the_single_file_previews_a_note_when_its_marker_is_hovered_or_focused(dist: Path, tab: Page) -> None:
    """One preview at a time, the edition's own (as on the site); where the margin shows the notes, none."""
    page = tab.page
    page.set_viewport_size({"width": 1000, "height": 800})
    page.goto((dist / "edition.html").as_uri())
    preview = page.locator("#ed-notepop")
    expect(preview).to_be_hidden()
    page.locator('sup[id="fnref:2"] a.footnote-ref').hover()
    expect(page.get_by_role("dialog", name="Note 2")).to_be_visible()
    expect(preview).to_contain_text("Litvinov")
    expect(page.locator("[role='dialog']:visible, [role='tooltip']:visible")).to_have_count(1)
    page.mouse.move(0, 0)
    expect(preview).to_be_hidden()
    page.locator('sup[id="fnref:3"] a.footnote-ref').focus()
    expect(page.get_by_role("dialog", name="Note 3")).to_be_visible()
    note = page.locator('li[id="fn:3"]')
    assert " ".join(note.locator("p").first.inner_text().split()[2:6]) in " ".join(preview.inner_text().split())
    page.set_viewport_size({"width": 1440, "height": 900})
    expect(page.locator(".ed-margin .ed-sidenote").first).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#p5").scroll_into_view_if_needed()
    expect(page.locator(".ed-find-button")).not_to_be_in_viewport()  # nothing fixed over the text
    assert (tab.outside(), tab.errors) == ([], [])


def test_the_single_file_finds_a_word_that_stands_only_in_a_note(dist: Path, tab: Page) -> None:
    single = html.document_fromstring((dist / "edition.html").read_bytes())
    for item in single.xpath('//li[starts-with(@id, "fn:")] | //script'):
        item.drop_tree()
    assert SEARCH_WORD not in single.text_content().lower(), f"'{SEARCH_WORD}' should stand only in the notes"
    page = tab.page
    page.goto((dist / "edition.html").as_uri())
    page.locator("button.ed-find-button").click()
    page.keyboard.type(SEARCH_WORD)
    result = page.locator(".ed-find-results a").first
    expect(result).to_be_visible()
    expect(result).to_contain_text(re.compile(SEARCH_WORD, re.IGNORECASE))
    target = result.get_attribute("href") or ""
    assert re.fullmatch(r"#fn:\d+", target), target
    result.click()
    expect(page).to_have_url(re.compile(f"{re.escape(target)}$"))
    expect(page.locator(f'li[id="{target[1:]}"]')).to_be_in_viewport()
    expect(page.locator(".ed-find-panel")).to_be_hidden()
    assert (tab.outside(), tab.errors) == ([], [])


def test_the_single_file_opens_the_cite_panel_and_downloads_the_citation(dist: Path, tab: Page) -> None:
    page = tab.page
    page.goto((dist / "edition.html").as_uri())
    page.locator("button.ed-cite-button").click()
    panel = page.locator("#ed-cite")
    expect(panel).to_be_visible()
    expect(panel.locator("#ed-cite-edition")).to_contain_text("Oleg Ken")
    with page.expect_download() as download:
        panel.locator('a[download="edition.bib"]').click()
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert saved.startswith("@misc{ken-deadlock,") and download.value.suggested_filename == "edition.bib"
    assert (tab.outside(), tab.errors) == ([], [])


def test_the_offline_site_downloads_the_citation_files(site: Path, tab: Page) -> None:
    page = tab.page
    page.goto((site / "index.html").as_uri())
    page.locator("button.ed-cite-button").click()
    for name, start in (("edition.bib", "@misc{"), ("edition.json", "[")):
        with page.expect_download() as download:
            page.locator(f'#ed-cite a[download="{name}"]').click()
        assert download.value.suggested_filename == name
        assert Path(download.value.path()).read_text(encoding="utf-8").startswith(start)
    assert tab.outside() == []


def test_the_single_file_previews_a_cited_source_and_shows_the_note_on_a_tap(dist: Path, browser: object) -> None:
    context = browser.new_context(has_touch=True, viewport={"width": 400, "height": 800})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.route(lambda url: urlsplit(url).scheme not in LOCAL_SCHEMES, lambda route: route.abort())
        page.goto((dist / "edition.html").as_uri())
        citation = page.locator('li[id="fn:2"] a.citation').first
        citation.hover()
        preview = page.locator("#ed-cite-pop")
        expect(preview).to_be_visible()
        expect(preview).to_contain_text("Arkhiv vneshnei politiki")
        page.locator('sup[id="fnref:3"] a.footnote-ref').tap()
        sheet = page.locator("#ed-notepop")
        expect(sheet).to_be_visible()
        expect(sheet).to_contain_text(page.locator('li[id="fn:3"] p').first.inner_text().split()[3])
        assert errors == []
    finally:
        context.close()


def test_the_single_file_moves_nothing_for_a_reader_who_asks_for_less_motion(dist: Path, browser: object) -> None:
    """Its stylesheet is the edition's own, without Material's: what it animates, it stops for such a reader."""
    found: dict[str, object] = {}
    for motion in ("no-preference", "reduce"):
        page = browser.new_page(viewport={"width": 1000, "height": 800}, reduced_motion=motion)  # type: ignore
        try:
            page.route(lambda url: urlsplit(url).scheme not in LOCAL_SCHEMES, lambda route: route.abort())
            page.goto((dist / "edition.html").as_uri())
            page.locator('sup[id="fnref:2"] a.footnote-ref').hover()
            expect(page.locator("#ed-notepop")).to_be_visible()
            found[motion] = (sorted(set(page.evaluate(MOVING))), page.evaluate("document.getAnimations().length"))
        finally:
            page.close()
    assert found == {"no-preference": (["div.ed-sidenote", "div.ed-status", "summary::before"], 0), "reduce": ([], 0)}
