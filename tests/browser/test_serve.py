"""The live preview: its address is printed; a broken save shows the diagnostics in the page, a fix the page again."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from served import REPO, free_port, stop, wait_until_serving

MINI = REPO / "tests" / "fixtures" / "mini_edition"

pytestmark = pytest.mark.browser


def first_line(server: subprocess.Popen[str], timeout: float = 60) -> str:
    """The first line the preview prints on standard output."""
    assert server.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = server.stdout.readline()
        if line:
            return line
        if server.poll() is not None:
            pytest.fail(f"serve exited with {server.returncode}")
    pytest.fail("serve printed nothing")


def test_serve_shows_errors_in_the_page_and_the_page_again_when_fixed(browser: Browser, tmp_path: Path) -> None:
    root = tmp_path / "edition"
    shutil.copytree(MINI, root)
    log = tmp_path / "serve.log"
    log.write_text("(standard error not kept)\n")
    essay = root / "essay" / "01-opening.md"
    good = essay.read_text(encoding="utf-8")
    port = free_port()
    server = subprocess.Popen([sys.executable, str(REPO / "build_site.py"), "serve", "--root", str(root),
                               "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        base = f"http://127.0.0.1:{port}/"
        assert first_line(server) == (f"serving the edition on {base} (it rebuilds on every save; "
                                      "Ctrl-C stops)\n")
        wait_until_serving(server, base, log)  # type: ignore[arg-type]
        page = browser.new_page()
        page.goto(base)
        heading = page.locator("article h1").first
        title = heading.inner_text()
        essay.write_text(good.replace("[^1]", "[^19]", 1), encoding="utf-8")  # a note that does not exist
        expect(heading).to_have_text("The edition has errors", timeout=30_000)  # the open page reloads itself
        expect(page.locator("article pre")).to_contain_text("no note file footnotes/19.md for marker [^19]",
                                                            timeout=5_000)
        for width in (1280, 390):  # the error box wraps: every word inside the page, no sideways scroll
            page.set_viewport_size({"width": width, "height": 800})
            box = page.evaluate("""() => { const c = document.querySelector('article pre > code');
                const r = c.getBoundingClientRect(); return [c.scrollWidth <= c.clientWidth,
                r.right <= document.documentElement.clientWidth, c.textContent.includes('[note-missing]')]; }""")
            assert (width, box) == (width, [True, True, True])
        essay.write_text(good, encoding="utf-8")
        expect(heading).to_have_text(title, timeout=30_000)
    finally:
        stop(server)
