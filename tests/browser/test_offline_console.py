"""Every page of the offline site opened from file:// in Chromium logs no console error (no font preload that
CORS refuses there), and edition.html neither."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_no_page_of_the_offline_site_logs_a_console_error(real_unzipped: Path, real_dist: Path,
                                                          browser: object) -> None:
    pages = sorted(real_unzipped.glob("*.html")) + [real_dist / "edition.html"]
    assert len(pages) > 5
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        errors: dict[str, list[str]] = {}
        for path in pages:
            page = context.new_page()
            found: list[str] = []
            page.on("console", lambda message, found=found: found.append(message.text)
                    if message.type == "error" else None)
            page.on("pageerror", lambda error, found=found: found.append(str(error)))
            page.goto(path.as_uri(), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            if found:
                errors[path.name] = found
            page.close()
        assert errors == {}
    finally:
        context.close()
