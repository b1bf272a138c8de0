"""The second fixture edition in the browser: its own palette, not the Ken edition's."""
from __future__ import annotations

import shutil
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


def test_a_figure_wider_than_the_page_is_scaled_to_the_text_in_the_site_and_edition_html(
        browser: Browser, tmp_path: Path) -> None:
    """figures/bande.png is 2400 px wide: no page scrolls sideways at 1280 or 390 px, the figure within the text."""
    root = tmp_path / "edition"
    shutil.copytree(SECOND, root)
    for command in ("build", "export"):
        done = subprocess.run([sys.executable, str(REPO / "build_site.py"), command, "--strict", "--root", str(root)],
                              capture_output=True, text=True, check=False)
        assert (done.returncode, done.stderr) == (0, "")
    measured = []
    for url in ((root / "site" / "index.html").as_uri(), (root / "dist" / "edition.html").as_uri()):
        for width in (1280, 390):
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.goto(url)
            measured.append(page.evaluate("""() => {
                const image = document.querySelector('img[src*="bande"], img[alt^="Bande"]');
                const text = image.closest('figure').parentElement.getBoundingClientRect();
                return [document.documentElement.scrollWidth <= document.documentElement.clientWidth,
                        image.getBoundingClientRect().width <= text.width, image.naturalWidth]; }"""))
            page.close()
    assert measured == [[True, True, 2400]] * 4
