"""The reading aids of issue #4, in Chromium: notes in the margin, citation previews, a tapped
note shown in place, the Cite panel and language marking (the accessibility audit: test_accessibility.py).

The real edition is built with the real command line, served on 127.0.0.1 and read in Debian's
Chromium through Playwright; no browser is downloaded. Screenshots go to test-output/.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect
from pybtex.database import parse_string
from served import SHOTS, clean, open_page, settled

pytestmark = pytest.mark.browser

WIDE: ViewportSize = {"width": 1400, "height": 900}
NARROW: ViewportSize = {"width": 1000, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}

# Quotations and titles marked with their language in essay/ and footnotes/.
LANGUAGES = {
    "fr": ["Ce gens n'ont pas peur de l'Allemagne", "Vous ne rendez pas compte", "un point d'interrogation",
           "en quelque sorte normaux", "réunion intime", "c'était l'interêt de la France",
           "La puissance militaire de l'URSS"],
    "ru-Latn": ["davno ikh ozhidal", "vseevropejskiij meschanin", "pereorientiruemsia v vashu storonu", "Pravda"],
    "cs": ["Hrad", "Národní politika", "Nad Evropou zataženo"],
    "de": ["Prager Presse", "Mythos München"],
}


# ------------------------------------------------------------------ the site, served

@pytest.fixture
def wide(browser: Browser) -> Iterator[Page]:
    context, page = open_page(browser, WIDE)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A touch screen the size of a phone."""
    context, page = open_page(browser, PHONE, touch=True)
    try:
        yield page
    finally:
        context.close()


def shot(page: Page, name: str) -> None:
    """Keep a screenshot for a person to look at."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def words(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------ margin notes

MARGIN_GEOMETRY = """() => {
    const line = parseFloat(getComputedStyle(document.querySelector('#p1')).lineHeight);
    const text = document.querySelector('#p1').getBoundingClientRect();
    const notes = [...document.querySelectorAll('.ed-margin .ed-sidenote')].map(note => {
        const marker = document.querySelector('a.footnote-ref[href="#' + note.dataset.note + '"]');
        const box = note.getBoundingClientRect();
        const at = marker.getBoundingClientRect();
        return {note: note.dataset.note, top: box.top, bottom: box.bottom, left: box.left, right: box.right,
                marker: at.top, visible: box.height > 0};
    });
    return {line, textRight: text.right, viewport: innerWidth, notes};
}"""


def test_margin_notes_sit_beside_their_markers_without_overlapping(site: str, wide: Page) -> None:
    page = wide
    page.clock.install()  # the page's timers run when the test moves the clock on, not when the machine is free
    page.goto(site + "index.html")
    settled(page)
    margin = page.locator(".ed-margin")
    first = margin.locator(".ed-sidenote").first
    expect(first).to_be_visible()
    expect(margin).to_have_attribute("aria-hidden", "true")
    assert page.locator(".md-sidebar--secondary").is_hidden()  # the empty table of contents gives way
    expect(page.locator(".footnote li[id^='fn:']")).to_have_count(page.locator(".ed-sidenote").count())
    geometry: dict[str, Any] = page.evaluate(MARGIN_GEOMETRY)
    line = geometry["line"]
    notes = geometry["notes"]
    assert len(notes) == 33 and all(note["visible"] for note in notes)
    previous: dict[str, Any] | None = None
    for note in notes:
        assert note["left"] > geometry["textRight"] + 8, f"{note['note']} is not beside the text"
        assert note["right"] <= geometry["viewport"], f"{note['note']} runs off the window"
        assert note["top"] >= note["marker"] - line, f"{note['note']} starts above its marker's line"
        beside = abs(note["top"] - note["marker"]) <= line
        pushed = previous is not None and note["top"] - previous["bottom"] <= 0.6 * line
        assert beside or pushed, f"{note['note']} is {note['top'] - note['marker']:.0f}px from its marker"
        previous = note
    for index, one in enumerate(notes):  # every pair, not just neighbours
        for other in notes[index + 1:]:
            apart = one["bottom"] <= other["top"] or other["bottom"] <= one["top"]
            assert apart, f"{one['note']} and {other['note']} overlap"
    # Copies are for the eye only: no id is doubled, nothing in them takes the keyboard.
    assert page.evaluate("[...document.querySelectorAll('.ed-margin [id]')].length") == 0
    assert page.evaluate("""() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
                                     return ids.length === new Set(ids).size; }""")
    assert page.evaluate("""[...document.querySelectorAll('.ed-margin a, .ed-margin [tabindex]')]
                              .every(e => e.tabIndex < 0)""")
    page.locator("#fnref\\:4").scroll_into_view_if_needed()
    page.evaluate("scrollBy(0, -120)")
    page.locator("#fnref\\:3 > a").hover()
    expect(page.locator(".ed-sidenote[data-note='fn:3']")).to_have_class(re.compile(r"\bed-lit\b"))
    page.clock.run_for(1000)  # every timer a preview would open by has fired
    expect(page.locator("#ed-notepop")).to_be_hidden()  # the note is in the margin: nothing else opens
    page.mouse.move(5, 5)
    shot(page, "features-desktop-margin-notes")

    # Recomputed on resize: gone below 1200px, back above.
    page.set_viewport_size(NARROW)
    expect(first).to_be_hidden()
    page.set_viewport_size(WIDE)
    expect(first).to_be_visible()
    expect(page.locator(".ed-sidenote[data-note='fn:32']")).to_be_visible()
    clean(page)


def test_no_margin_notes_below_1200px(site: str, browser: Browser) -> None:
    context, page = open_page(browser, NARROW)
    try:
        page.goto(site + "index.html")
        settled(page)
        expect(page.locator("#fn\\:2")).to_be_attached()
        assert page.locator(".ed-sidenote").evaluate_all("notes => notes.filter(n => n.offsetHeight > 0).length") == 0
        expect(page.locator(".ed-sidenote").first).to_be_hidden()
        expect(page.locator("#fn\\:2 .note-label")).to_have_text("2")  # the list at the end is still there
        page.locator("#fnref\\:2 > a").hover()
        expect(page.get_by_role("dialog", name="Note 2")).to_be_visible()  # and the previews
        clean(page)
    finally:
        context.close()


# ------------------------------------------------------ citation previews

def test_a_citation_preview_shows_the_entry_and_leads_to_it_and_back(site: str, wide: Page) -> None:
    page = wide
    page.goto(site + "index.html")
    settled(page)
    listed = page.locator("#fn\\:2 a.citation").first
    key = listed.get_attribute("data-key")
    entry = listed.get_attribute("data-entry")
    assert key and entry, "the entry moves from title to data-entry"
    assert listed.get_attribute("title") is None  # no browser tooltip doubling the preview
    preview = page.locator("#ed-cite-pop")

    # In the margin.
    beside = page.locator(f".ed-sidenote[data-note='fn:2'] a.citation[data-key='{key}']")
    beside.scroll_into_view_if_needed()
    beside.hover()
    expect(preview).to_be_visible()
    expect(preview).to_contain_text(words(entry)[:60])
    shot(page, "features-citation-preview")

    # By the keyboard, in the list of notes: focus shows it, Tab enters it, Escape closes it.
    page.mouse.move(5, 5)
    listed.focus()
    expect(preview).to_be_visible()
    expect(listed).to_have_attribute("aria-describedby", "ed-cite-pop")
    link = preview.get_by_role("link", name="Sources entry →")
    expect(link).to_have_attribute("href", f"sources.html#{key}")
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    page.keyboard.press("Escape")
    expect(preview).to_be_hidden()
    expect(listed).to_be_focused()

    # In the preview of a note, where the window is too narrow for the margin.
    page.set_viewport_size(NARROW)
    page.locator("#fnref\\:7").evaluate("marker => scrollTo(0, marker.getBoundingClientRect().top + scrollY - 200)")
    page.locator("#fnref\\:7 > a").hover()
    tooltip = page.get_by_role("dialog", name="Note 7")
    expect(tooltip).to_be_visible()
    inside = tooltip.locator("a.citation").first
    x, y = inside.evaluate("a => { const r = a.getClientRects()[0]; return [r.x + r.width / 2, r.y + r.height / 2]; }")
    page.mouse.move(x, y, steps=4)
    expect(preview).to_be_visible()
    expect(preview).to_contain_text("Yezhov")

    # The link leads to the entry, whose "Cited in" leads back to the note.
    listed.hover()
    expect(preview).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(rf"/sources\.html#{re.escape(key)}$"))
    source = page.locator(f"p.source[id='{key}']")
    expect(source).to_be_in_viewport()
    back = source.locator("a[href='index.html#fn:2']")
    expect(back).to_have_text(re.compile(r"n\.\s2"))
    back.click()
    expect(page).to_have_url(re.compile(r"/index\.html#fn:2$"))
    expect(page.locator("#fn\\:2")).to_be_in_viewport()
    clean(page)


# ------------------------------------------------------------ touch: the note in place

def test_a_tapped_marker_shows_its_note_in_place(site: str, phone: Page) -> None:
    page = phone
    page.goto(site + "index.html")
    settled(page)
    marker = page.locator("#fnref\\:5 > a")
    marker.scroll_into_view_if_needed()
    page.evaluate("scrollBy(0, 120)")
    expect(marker).to_be_in_viewport()
    before = page.evaluate("scrollY")
    note = page.locator("#ed-notepop")
    marker.tap()
    expect(note).to_be_visible()
    expect(note).to_have_attribute("role", "dialog")
    expect(note).to_contain_text("Chekhoslovakia v politike Moskvy")
    expect(note).to_be_in_viewport(ratio=1)
    expect(marker).to_have_attribute("aria-expanded", "true")
    assert page.evaluate("scrollY") == before, "the page scrolled away"
    assert "#fn" not in page.url
    assert page.locator("[role='dialog']:visible").count() == 1  # one preview, nothing doubling it
    shot(page, "features-mobile-note-in-place")

    marker.tap()  # a second tap closes it
    expect(note).to_be_hidden()
    marker.tap()
    expect(note).to_be_visible()
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    expect(marker).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("scrollY") == before

    # Links inside work.
    marker.tap()
    citation = note.locator("a.citation").first
    key = citation.get_attribute("data-key")
    citation.tap()
    expect(page).to_have_url(re.compile(rf"/sources\.html#{re.escape(key or '-')}$"))
    clean(page)


def test_a_click_on_a_marker_on_the_desktop_still_jumps_to_the_note(site: str, wide: Page) -> None:
    page = wide
    page.goto(site + "index.html")
    page.locator("#fnref\\:5 > a").click()
    expect(page).to_have_url(re.compile(r"#fn:5$"))
    expect(page.locator("#ed-notepop")).to_be_hidden()
    clean(page)


# ------------------------------------------------------------ the Cite panel

def test_the_cite_panel_cites_the_edition_and_a_paragraph(site: str, wide: Page) -> None:
    page = wide
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    page.goto(site + "index.html")
    settled(page)
    title = words(page.locator("article h1").inner_text())
    page.locator("#p12 a.pnum").click()
    button = page.get_by_role("button", name="Cite", exact=True)
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    panel = page.get_by_role("dialog", name="Cite this edition")
    expect(panel).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    edition = panel.locator("#ed-cite-edition")
    expect(edition).to_contain_text("Oleg Ken")
    expect(edition).to_contain_text(title)
    expect(edition).to_contain_text("Digital critical edition")
    expect(edition).to_contain_text(site + "index.html")
    paragraph = panel.locator("#ed-cite-paragraph")
    expect(paragraph).to_contain_text("¶ 12")
    expect(paragraph).to_contain_text(site + "index.html#p12")
    copy = panel.locator(".ed-cite-item").filter(has=page.locator("#ed-cite-paragraph")).get_by_role("button")
    expect(copy).to_have_text("Copy")
    copy.click()
    expect(copy).to_have_text("Copied")
    expect(page.get_by_role("status")).to_contain_text("copied")
    assert "¶\u00a012" in page.evaluate("navigator.clipboard.readText()")
    shot(page, "features-cite-panel")

    # The downloads are files of the site, linked relatively.
    bib_link = panel.get_by_role("link", name="BibTeX")
    json_link = panel.get_by_role("link", name="CSL-JSON")
    assert bib_link.get_attribute("href") == "cite/edition.bib"
    assert json_link.get_attribute("href") == "cite/edition.json"
    assert bib_link.get_attribute("download") is not None and json_link.get_attribute("download") is not None
    bib = page.request.get(urljoin(page.url, bib_link.get_attribute("href") or ""))
    assert bib.ok
    entries = parse_string(bib.text(), "bibtex").entries
    assert len(entries) == 1
    (entry,) = entries.values()
    assert words(entry.fields["title"]) == title
    assert [str(person) for person in entry.persons["author"]] == ["Ken, Oleg"]
    csl = page.request.get(urljoin(page.url, json_link.get_attribute("href") or ""))
    assert csl.ok and words(json.loads(csl.text())[0]["title"]) == title

    # Without a clicked ¶ the panel follows the paragraph at the top of the window.
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    page.goto(site + "index.html")  # no #p12 in the address: nothing pinned
    page.get_by_role("button", name="Cite", exact=True).click()
    expect(page.locator("#ed-cite-paragraph")).to_contain_text("¶ 1.")
    page.evaluate("""() => {
        const header = document.querySelector('.md-header').getBoundingClientRect().height;
        scrollTo(0, document.getElementById('p20').getBoundingClientRect().top + scrollY - header);
    }""")
    expect(page.locator("#ed-cite-paragraph")).to_contain_text("¶ 20")
    expect(page.locator("#ed-cite-paragraph")).to_contain_text("index.html#p20")
    clean(page)


def test_the_cite_downloads_work_from_the_file_system(browser: Browser, built: Path) -> None:
    context, page = open_page(browser, WIDE)
    try:
        page.goto((built / "index.html").as_uri())
        settled(page)
        expect(page.locator(".ed-sidenote").first).to_be_visible()
        page.get_by_role("button", name="Cite", exact=True).click()
        panel = page.get_by_role("dialog", name="Cite this edition")
        expect(panel.locator("#ed-cite-edition")).to_contain_text("Digital critical edition")
        assert "file:" not in panel.locator("#ed-cite-edition").inner_text()  # a reader's path is no address
        href = panel.get_by_role("link", name="BibTeX").get_attribute("href") or ""
        assert (built / href).is_file()
        clean(page, ignore="search_index")  # Material's search cannot load its index from file:// here
    finally:
        context.close()


# ------------------------------------------------------------ languages

def test_foreign_quotations_and_titles_carry_their_language(site: str, wide: Page) -> None:
    page = wide
    page.goto(site + "index.html")
    for lang, passages in LANGUAGES.items():
        for passage in passages:
            marked = page.locator(f"article [lang='{lang}']", has_text=passage)
            assert marked.count() >= 1, f"{passage!r} is not marked lang={lang}"
    assert page.locator("html").get_attribute("lang") == "en"
    clean(page)
