"""Fixtures of the browser tests: one build of the real edition, served once, one Chromium.

Every page the tests open asks for reduced motion (`reduced_motion="reduce"`, set here once for every context
and page of the browser): the edition honours it, so nothing fades or slides while a test measures or audits.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest
from comfort import NARROW
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from served import CHROMIUM_ARGS, build_into, serving


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition built into a temporary folder."""
    out = tmp_path_factory.mktemp("browser") / "site"
    build_into(out)
    return out


@pytest.fixture(scope="session")
def site(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site served on 127.0.0.1; yields its base URL."""
    with serving(built, tmp_path_factory.mktemp("server") / "server.log") as base:
        yield base


def reducing_motion(browser: Browser) -> Browser:
    """The browser, its new contexts and pages asking for reduced motion unless a test passes its own choice."""
    new_context, new_page = browser.new_context, browser.new_page

    def context(**options: Any) -> Any:
        return new_context(**{"reduced_motion": "reduce", **options})

    def page(**options: Any) -> Any:
        return new_page(**{"reduced_motion": "reduce", **options})

    setattr(browser, "new_context", context)
    setattr(browser, "new_page", page)
    return browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; a missing Chromium fails the tests, it never skips them."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed (apt-get install chromium); no browser is downloaded")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield reducing_motion(launched)
        finally:
            launched.close()


# A fresh page for the reading-comfort tests (test_comfort*.py).
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
