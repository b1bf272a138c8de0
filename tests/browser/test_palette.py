"""The second fixture edition in the browser: its own palette, not the Ken edition's."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from served import REPO, serving

pytestmark = pytest.mark.browser

SECOND = REPO / "tests" / "fixtures" / "second_edition"


def test_the_header_and_accent_take_the_editions_palette(browser: Browser, tmp_path: Path) -> None:
    out = tmp_path / "site"
    done = subprocess.run([sys.executable, str(REPO / "build_site.py"), "build", "--strict", "--root", str(SECOND),
                           "--out", str(out)], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    with serving(out, tmp_path / "server.log") as base:
        page = browser.new_page()
        page.goto(base + "index.html")
        colours = page.evaluate("""() => [
            getComputedStyle(document.querySelector('.md-header')).backgroundColor,
            getComputedStyle(document.body).getPropertyValue('--md-accent-fg-color').trim()]""")
        page.close()
    assert colours == ["rgb(0, 148, 133)", "#fa0"]  # Material's teal and amber
