"""A table column's alignment, written as a class (no style attribute on the pages), in Chromium."""
from __future__ import annotations

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

ALIGNMENTS = """() => [...document.querySelectorAll('article table tr')].map(
    row => [...row.children].map(cell => getComputedStyle(cell).textAlign))"""


def test_the_apparatus_counts_are_right_aligned_without_a_style_attribute(browser: Browser, site: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site + "apparatus.html")
        rows = page.evaluate(ALIGNMENTS)
        assert rows[0] == ["left", "right"]
        assert {tuple(row) for row in rows[1:]} == {("left", "right")}
        assert page.evaluate("document.querySelectorAll('article [style]').length") == 0
    finally:
        context.close()
