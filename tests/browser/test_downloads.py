"""The Cite panel offers the edition's exports where a published site has them: with site_url set, the essay's
JSON-LD names them at the site's root and the panel links each, as the About page does; without it, no such line on
either (nothing would be there)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, expect
from served import serving, settled

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def mini_site(mini_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The mini edition (site_url https://editions.example.org/tarasova/) served on 127.0.0.1."""
    with serving(mini_built / "site", tmp_path_factory.mktemp("mini-downloads") / "server.log") as base:
        yield base


def exports_line(browser: Browser, base: str) -> list[tuple[str, str | None]]:
    """The Cite panel's links to the exports, as (words, address), on the essay page."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        page.goto(base + "index.html")
        settled(page)
        page.get_by_role("button", name="Cite", exact=True).click()
        expect(page.get_by_role("dialog", name="Cite this edition")).to_be_visible()
        links = page.locator("#ed-cite .ed-cite-exports a")
        return [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]
    finally:
        context.close()


def test_a_published_edition_offers_its_exports_in_the_cite_panel(browser: Browser, mini_site: str) -> None:
    root = "https://editions.example.org/tarasova/"
    assert exports_line(browser, mini_site) == [
        ("PDF", root + "edition.pdf"), ("EPUB", root + "edition.epub"), ("one HTML file", root + "edition.html"),
        ("TEI P5", root + "edition.tei.xml"), ("the site for offline reading (zip)", root + "edition-site.zip")]


def test_an_edition_without_an_address_offers_no_exports(browser: Browser, site: str) -> None:
    assert exports_line(browser, site) == []


def about_line(browser: Browser, base: str) -> list[tuple[str, str | None]]:
    """The About page's links to download the exports, as (words, address)."""
    page = browser.new_page()
    try:
        page.goto(base + "about.html")
        settled(page)
        links = page.locator("xpath=//h2[@id='this-edition']/following-sibling::ul[1]//a[@download]")
        return [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]
    finally:
        page.close()


def test_the_about_page_offers_the_exports_the_cite_panel_does(browser: Browser, mini_site: str, site: str) -> None:
    assert about_line(browser, mini_site) == exports_line(browser, mini_site)
    assert len(about_line(browser, mini_site)) == 5
    assert about_line(browser, site) == []
