"""Shared by the browser tests: build the real edition, serve it on 127.0.0.1, launch Debian's Chromium."""
from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ElementHandle, Locator, Page, ViewportSize

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "test-output"
# Without the background-networking flags Chromium tries to reach outside hosts; no browser is downloaded.
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# Polled once a frame: true once no animation or transition runs and the element's box (if any) has kept
# the same place and size over the last two frames. The count is kept on window.__edStill, reset by still().
STILL = """element => {
    const state = window.__edStill || (window.__edStill = {box: null, same: 0});
    const r = element ? element.getBoundingClientRect() : null;
    const box = r ? [r.x, r.y, r.width, r.height].join(" ") : "";
    state.same = box === state.box ? state.same + 1 : 0;
    state.box = box;
    return document.getAnimations().length === 0 && state.same >= 2;
}"""
# Every element and ::before/::after that would move: a transition longer than 0s, or an animation.
MOVING = """() => [...document.querySelectorAll('*')].flatMap(e => [null, '::before', '::after'].map(p => [e, p]))
    .filter(([e, p]) => { const s = getComputedStyle(e, p);
        return s.transitionDuration.split(', ').some(d => d !== '0s') || s.animationName !== 'none'; })
    .map(([e, p]) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                     + (e.classList.length ? '.' + e.classList[0] : '') + (p || ''))"""
FONTS = "document.fonts.status === 'loaded' && document.fonts.check('1em \"Source Serif 4\"')"
LOCAL = {"127.0.0.1"}


def still(page: Page, what: Locator | ElementHandle | None = None) -> None:
    """Wait for a state, not for a time: no animation runs and `what` stands still for two animation frames."""
    element = what.element_handle() if isinstance(what, Locator) else what
    page.evaluate("window.__edStill = {box: null, same: 0}")
    page.wait_for_function(STILL, arg=element, polling="raf")


def settled(page: Page, what: Locator | ElementHandle | None = None) -> None:
    """Wait until the text face is in, the page has been laid out with it and nothing moves."""
    page.wait_for_function(FONTS)
    still(page, what if what is not None else page.locator("article").first)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def build_into(out: Path) -> None:
    """Build the real edition with the real command line (retrying while another build holds the lock)."""
    command = [sys.executable, str(REPO / "build_site.py"), "build", "--root", str(REPO), "--out", str(out)]
    deadline = time.monotonic() + 120
    while True:
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=str(REPO))
        if done.returncode == 2 and "another build" in done.stderr and time.monotonic() < deadline:
            time.sleep(1)
            continue
        break
    assert done.returncode == 0, f"build_site.py build failed ({done.returncode}):\n{done.stderr}"
    assert (out / "index.html").is_file() and (out / "cite" / "edition.bib").is_file()


def wait_until_serving(server: subprocess.Popen[bytes], url: str, log: Path) -> None:
    """Return once the server answers; fail loudly if it exits or never answers."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the HTTP server exited with {server.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=1) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    pytest.fail(f"the HTTP server did not answer at {url}:\n{log.read_text(errors='replace')}")


def stop(process: subprocess.Popen[Any]) -> None:
    """Stop a server this test started: terminate, then kill if it does not end within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def serving(folder: Path, log: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 with Python's http.server; yield its base URL; always stop it."""
    port = free_port()
    with open(log, "wb") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port), "--directory", str(folder)],
            stdout=sink, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}/"
            wait_until_serving(server, base + "index.html", log)
            yield base
        finally:
            stop(server)


def open_page(browser: Browser, viewport: ViewportSize, touch: bool = False,
              bypass_csp: bool = False) -> tuple[BrowserContext, Page]:
    """A fresh profile and page that record every request and every script error."""
    context = browser.new_context(viewport=viewport, has_touch=touch, bypass_csp=bypass_csp)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    setattr(page, "requests", requests)
    setattr(page, "script_errors", errors)
    return context, page


def clean(page: Page, ignore: str = "") -> None:
    """No script error, and nothing requested from anywhere but the site on 127.0.0.1 (or the file system)."""
    assert [error for error in getattr(page, "script_errors") if not (ignore and ignore in error)] == []
    outside = sorted({url for url in getattr(page, "requests")
                      if urlsplit(url).scheme not in ("file", "data", "blob")
                      and urlsplit(url).hostname not in LOCAL})
    assert outside == []
