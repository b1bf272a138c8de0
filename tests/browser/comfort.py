"""What the reading-comfort tests share (test_comfort*.py): viewports, page scripts, checks of a page."""
from __future__ import annotations

from playwright.sync_api import Page, ViewportSize
from served import REPO

AXE = REPO / "tests" / "vendor" / "axe.min.js"
MINI = REPO / "tests" / "fixtures" / "mini_edition"
PHONE: ViewportSize = {"width": 390, "height": 844}
LAPTOP: ViewportSize = {"width": 1280, "height": 800}
NARROW: ViewportSize = {"width": 1000, "height": 800}
WIDE: ViewportSize = {"width": 1400, "height": 900}
NOTES = 33  # 32 numbered notes and the unnumbered one

# DevTools' "Slow 4G": 562.5 ms round trip, 1.6 Mbit/s down, 750 kbit/s up (each at 90%), and a 4x slower CPU.
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 1.6e6 / 8 * 0.9,
           "uploadThroughput": 750e3 / 8 * 0.9}
SHIFTS = """window.__shift = 0;
new PerformanceObserver(list => {
    for (const entry of list.getEntries()) { if (!entry.hadRecentInput) { window.__shift += entry.value; } }
}).observe({type: 'layout-shift', buffered: true});"""
NO_DOUBLE_IDS = """() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
                           return ids.filter((id, i) => ids.indexOf(id) !== i); }"""
OPEN_PREVIEWS = "[role='dialog']:not(.md-search):visible, [role='tooltip']:visible"  # the search has its own


def no_double_ids(page: Page) -> None:
    assert page.evaluate(NO_DOUBLE_IDS) == []


def no_script_errors(page: Page) -> None:
    assert getattr(page, "script_errors") == []
