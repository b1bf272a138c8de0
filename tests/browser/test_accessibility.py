"""Accessibility, in Chromium: axe-core finds no serious violation on the served pages, with the edition's
panels open, on a desktop and a phone. axe-core is vendored in tests/vendor/
(MPL-2.0, from the npm registry) and injected from the file system.
"""
from __future__ import annotations

import json
from typing import Any

import pytest
from comfort import AXE, PHONE, WIDE
from playwright.sync_api import Browser, Locator, Page, ViewportSize, expect
from served import clean, open_page, settled, still

pytestmark = pytest.mark.browser


# ------------------------------------------------------------ accessibility

AXE_RUN = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
}"""


def audit(page: Page, what: Locator) -> list[dict[str, Any]]:
    """axe's findings once nothing moves and the element that was opened stands still."""
    page.add_script_tag(path=str(AXE))
    still(page, what)
    return list(page.evaluate(AXE_RUN))


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["desktop", "mobile"])
def test_axe_finds_no_serious_violation(site: str, browser: Browser, viewport: ViewportSize) -> None:
    # axe-core is injected as an inline script, which the pages' Content-Security-Policy rightly refuses
    context, page = open_page(browser, viewport, touch=viewport is PHONE, bypass_csp=True)
    try:
        found: dict[str, list[dict[str, Any]]] = {}
        for path in ("index.html", "sources.html", "apparatus.html", "about.html"):
            page.goto(site + path)
            settled(page)
            found[path] = audit(page, page.locator("article").first)
        # And with the edition's own panels open.
        page.goto(site + "index.html")
        settled(page)
        if viewport is PHONE:
            page.locator("#fnref\\:3 > a").tap()
            expect(page.locator("#ed-notepop")).to_be_visible()
            found["index.html, a note shown in place"] = audit(page, page.locator("#ed-notepop"))
            page.keyboard.press("Escape")
        else:
            page.locator("#fn\\:2 a.citation").first.focus()
            expect(page.locator("#ed-cite-pop")).to_be_visible()
            found["index.html, a citation preview"] = audit(page, page.locator("#ed-cite-pop"))
        page.get_by_role("button", name="Cite", exact=True).click()
        expect(page.locator("#ed-cite")).to_be_visible()
        found["index.html, the Cite panel"] = audit(page, page.locator("#ed-cite"))
        problems = {where: violations for where, violations in found.items() if violations}
        assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)
        clean(page)
    finally:
        context.close()

