"""A copied quotation is the text as read: Chromium's own selection and clipboard, both reading views.

The expected text is the paragraph's words as its HTML gives them to a reader without the signs: in the corrected
view the edited readings, in the as-printed view the printed ones; never the apparatus link (†), a note call's
digits, the paragraph number or the reading the view hides.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from lxml import html
from playwright.sync_api import Browser, BrowserContext, Page, expect
from served import serving

# ¶7: two corrected misprints, a comment and a restored note call, and note calls of its own; note 3: a removed
# conversion artefact and a corrected misprint, after the note's label
PASSAGES = {"paragraph": "#p7", "note": 'li[id="fn:3"] > p',
            "mini": "#p2"}  # the mini edition's ¶2: a corrected misprint ('teh') and a note call
# and what an intervention is, for a screen reader (ed-iv-name, visually hidden), which a copy never takes
SIGNS = ("iv-app", "pnum", "headerlink", "note-label", "footnote-backref", "ed-iv-name")


def of_class(*names: str) -> str:
    """An XPath test for elements of any of these classes."""
    return " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {n} ')" for n in names)


@pytest.fixture(scope="module")
def mini_site(mini_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The mini edition's site served on 127.0.0.1 (a fixture edition beside the real one)."""
    with serving(mini_built / "site", tmp_path_factory.mktemp("mini-server") / "server.log") as base:
        yield base


def opened(browser: Browser, base: str) -> tuple[BrowserContext, Page]:
    """A fresh profile allowed to read the clipboard, on the essay page."""
    fresh = browser.new_context(viewport={"width": 1400, "height": 900})
    fresh.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    page = fresh.new_page()
    page.goto(base + "index.html")
    return fresh, page


def as_read(page: Page, selector: str, printed: bool) -> str:
    """The passage's text as a reader reads it in one view, from the page's own HTML."""
    paragraph = html.fragment_fromstring(page.locator(selector).first.evaluate("p => p.outerHTML"))
    hidden = "iv-edited" if printed else "iv-printed"
    for element in paragraph.xpath(f".//*[self::sup[a[{of_class('footnote-ref')}]] or {of_class(*SIGNS, hidden)}]"):
        tail = element.tail
        parent = element.getparent()
        previous = element.getprevious()
        parent.remove(element)
        if tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
    return " ".join(paragraph.text_content().split())


def copied(page: Page, selector: str) -> str:
    """Select the whole passage as a reader would (its first word to its last) and copy it with the keyboard."""
    page.evaluate("""selector => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector(selector));
        const selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }""", selector)
    page.evaluate("navigator.clipboard.writeText('')")
    page.keyboard.press("Control+c")
    return " ".join(str(page.evaluate("navigator.clipboard.readText()")).split())


@pytest.mark.browser
@pytest.mark.parametrize("passage", list(PASSAGES))
def test_a_copied_passage_is_its_text_as_read_in_both_views(request: pytest.FixtureRequest, browser: Browser,
                                                           passage: str) -> None:
    selector = PASSAGES[passage]
    context, page = opened(browser, request.getfixturevalue("mini_site" if passage == "mini" else "site"))
    try:
        copies_exactly(page, selector, passage)
    finally:
        context.close()


def copies_exactly(page: Page, selector: str, passage: str) -> None:
    """The passage copied in the corrected view, then in the as-printed one, is its text as read in each."""
    paragraph = page.locator(selector).first
    expect(paragraph.locator(".iv-typo").first).to_be_attached()
    assert paragraph.locator(".iv-app").count() >= 1
    assert passage == "note" or paragraph.locator("sup a.footnote-ref").count() >= 1

    corrected = copied(page, selector)
    assert corrected == as_read(page, selector, printed=False)
    assert "†" not in corrected and not re.search(r"[a-z.,;\"”)]\d", corrected)
    assert passage != "note" or not corrected.startswith("3")

    page.get_by_role("button", name=re.compile(r"^Reading")).click()
    expect(page.locator("html")).to_have_class(re.compile(r"\breading-printed\b"))
    printed = copied(page, selector)
    assert printed == as_read(page, selector, printed=True)
    assert printed != corrected and "†" not in printed
