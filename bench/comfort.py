"""Reading comfort measured in Chromium on a built site (issue 26): Tab stops, contrast of the marks from computed
colours, the search's results, hit areas, and the time to the first working note preview under Slow 4G with a
4x slower CPU, served with gzip. A measured report, not a test:

    python bench/comfort.py SITE_FOLDER [--label before] [--runs 3] [--out bench/comfort.json]

SITE_FOLDER is the output of `build_site.py build --out SITE_FOLDER`. The report (JSON) gains one entry per
label, so that a run on the unchanged code ("before") and one on the changed code ("after") sit side by side.
"""
from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import shutil
import statistics
import sys
import threading
from functools import partial
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

BENCH = Path(__file__).resolve().parent
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# DevTools' "Slow 4G": 562.5 ms round trip, 1.6 Mbit/s down and 750 kbit/s up (each times 0.9), and 4x CPU.
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 1.6e6 * 0.9 / 8,
           "uploadThroughput": 750e3 * 0.9 / 8}
CPU = 4
QUERIES = ("Voroshilov", "Litvinov")
COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".xml")


class Gzipped(http.server.SimpleHTTPRequestHandler):
    """A static server that sends text files gzipped to a client that accepts it, as any host would."""

    def send_head(self) -> Any:  # noqa: ANN401 - http.server's own signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args: Any) -> None:  # noqa: ANN401
        pass


# Tab stops: every element the keyboard reaches, on the whole page and inside the essay's paragraphs and notes.
TAB_STOPS = """() => {
  const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter(n => n.tabIndex >= 0 && !n.disabled && n.getClientRects().length
                 && !n.closest('[hidden], [aria-hidden="true"], [inert]')
                 && getComputedStyle(n).visibility !== 'hidden');
  const inText = all.filter(n => n.closest('article p[id^="p"], article .footnote'));
  const inParagraphs = all.filter(n => n.closest('article p[id^="p"]'));
  return {page: all.length, text: inText.length, paragraphs: inParagraphs.length,
          paragraph_persons: inParagraphs.filter(n => n.matches('a.person')).length,
          persons: inText.filter(n => n.matches('a.person')).length,
          apparatus: inText.filter(n => n.matches('a.iv-app')).length,
          corrections: inText.filter(n => n.matches('.iv')).length,
          markers: inText.filter(n => n.matches('a.footnote-ref')).length};
}"""
# Contrast from computed colours (canvas turns any CSS colour into sRGB bytes) against the nearest painted background.
CONTRAST = """() => {
  const ctx = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  const rgb = c => { ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = '#000'; ctx.fillStyle = c; ctx.fillRect(0, 0, 1, 1);
                     const d = ctx.getImageData(0, 0, 1, 1).data; return [d[0], d[1], d[2], d[3] / 255]; };
  const lum = ([r, g, b]) => [r, g, b]
    .map(v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; })
                           .reduce((s, v, i) => s + v * [.2126, .7152, .0722][i], 0);
  const ground = n => { for (; n; n = n.parentElement) { const c = rgb(getComputedStyle(n).backgroundColor);
                        if (c[3] > 0.5) return c; } return rgb(getComputedStyle(document.body).backgroundColor); };
  const over = (fg, bg) => fg[3] >= 1 ? fg : [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
  const ratio = (fg, bg) => { const a = lum(over(fg, bg)), b = lum(bg);
                              return (Math.max(a, b) + .05) / (Math.min(a, b) + .05); };
  const measure = (selector, pseudo, property) => {
    const n = document.querySelector(selector); if (!n) return null;
    const s = getComputedStyle(n, pseudo); const bg = ground(n);
    return Math.round(ratio(rgb(s[property]), bg) * 100) / 100;
  };
  return {
    correction_underline: measure('article p .iv-typo > .iv-edited', null, 'textDecorationColor'),
    join_ring: measure('article p .iv-join', '::after', 'color'),
    comment_ring: measure('article p .iv-comment', '::after', 'color'),
    person_underline: measure('article p a.person', null, 'textDecorationColor'),
    person_text: measure('article p a.person', null, 'color'),
    citation_underline: measure('article a.citation', null, 'textDecorationColor'),
    paragraph_number: measure('article .pnum', null, 'color'),
  };
}"""
SIZES = """() => {
  const box = n => n ? n.getBoundingClientRect() : null;
  const ring = document.querySelector('article p .iv-join');
  const pnum = document.querySelector('article .pnum');
  const hit = n => { if (!n) return null; const r = box(n);
    const parts = ['::before', '::after'].map(p => getComputedStyle(n, p)).filter(s => s.position === 'absolute');
    const w = Math.max(r.width, ...parts.map(s => parseFloat(s.width) || 0));
    const h = Math.max(r.height, ...parts.map(s => parseFloat(s.height) || 0));
    return [Math.round(w * 10) / 10, Math.round(h * 10) / 10]; };
  return {ring_box: hit(ring), pnum_box: hit(pnum),
          pnum_font_px: pnum ? parseFloat(getComputedStyle(pnum).fontSize) : null};
}"""


def static(browser: Browser, base: str, width: int, scheme: str) -> dict[str, Any]:
    """Tab stops, contrast and sizes on the essay page once it has settled."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(base + "index.html", wait_until="load")
    page.wait_for_function("() => document.fonts.status === 'loaded' && !!document.querySelector('article .pnum')")
    result = {"tab_stops": page.evaluate(TAB_STOPS), "contrast": page.evaluate(CONTRAST), "sizes": page.evaluate(SIZES)}
    context.close()
    return result


def search(browser: Browser, base: str, width: int, query: str) -> dict[str, Any]:
    """The results Material's search lists for a word: how many, in which order, how tall the first is."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base + "index.html", wait_until="load")
    if width < 960:
        page.click("label.md-header__button[for='__search']")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.includes('Type')")
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(500)  # the worker answers each keystroke; this is a report, not a test
    items = page.evaluate("""() => [...document.querySelectorAll(
          '.md-search-result__item > a, .md-search-result__more a')]
        .map(a => ({href: a.getAttribute('href').replace(/^.*\\//, ''),
                    height: Math.round(a.getBoundingClientRect().height),
                    text: (a.querySelector('.md-search-result__teaser') || {}).textContent || ''}))""")
    context.close()
    return {"query": query, "results": len(items), "order": [i["href"] for i in items[:8]],
            "first_height": items[0]["height"] if items else None,
            "tallest": max((i["height"] for i in items), default=None),
            "tallest_at": max(items, key=lambda i: i["height"])["href"] if items else None,
            "dagger_in_snippets": sum("†" in i["text"] for i in items)}


# Records, in the page itself, when the first preview of a note works: a hover over the first marker in the text
# (a hover every 150 ms from the first script on, checked every 20 ms) opens the note's preview, or its note shows
# in the margin.
PROBE = """(() => {
  window.__comfort = {};
  const tick = () => {
    const marker = document.querySelector('article p[id^="p"] a.footnote-ref');
    const done = (what) => { if (!window.__comfort.preview)
      window.__comfort = {...window.__comfort, preview: performance.now(), how: what}; };
    const now = performance.now();
    if (!window.__comfort.marker && marker) window.__comfort.marker = now;
    if (!window.__comfort.ready && document.querySelector('article .pnum')) window.__comfort.ready = now;
    if (marker && now - (window.__comfortHover || -1e9) >= 150) {  // the preview opens 100 ms after a hover
      window.__comfortHover = now;
      marker.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
    }
    if (marker) {
      const sheet = document.getElementById('ed-notepop');
      if (sheet && sheet.isConnected && !sheet.hidden && sheet.textContent.trim()) done('preview');
      const side = document.querySelector('.ed-margin:not([hidden]) .ed-sidenote');
      if (side && side.getClientRects().length) done('margin');
    }
    if (!window.__comfort.preview) setTimeout(tick, 20);
  };
  setTimeout(tick, 0);
  new PerformanceObserver(list => { for (const e of list.getEntries()) window.__comfort.lcp = e.startTime; })
    .observe({type: 'largest-contentful-paint', buffered: true});
})();"""


def throttled(browser: Browser, base: str, width: int) -> dict[str, float]:
    """One cold load of the essay under Slow 4G and 4x CPU: LCP, first working preview, DOMContentLoaded, load."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page: Page = context.new_page()
    page.add_init_script(PROBE)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU})
    page.goto(base + "index.html", wait_until="load", timeout=120_000)
    page.wait_for_function("() => window.__comfort && window.__comfort.preview", timeout=60_000)
    page.wait_for_timeout(300)
    timing = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
        return {...window.__comfort, dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd}; }""")
    context.close()
    return {k: round(v / 1000, 2) if isinstance(v, (int, float)) else v for k, v in timing.items()}


def measure(site: Path, runs: int) -> dict[str, Any]:
    """Every figure of the report for one built site."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Gzipped, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    executable = shutil.which("chromium")
    if executable is None:
        raise SystemExit("Debian's chromium is not installed (apt-get install chromium)")
    entries = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    report: dict[str, Any] = {"static": {}, "search": {}, "throttled": {}, "index": {
        "entries": len(entries), "daggers": sum(e["text"].count("†") for e in entries),
        "longest_text": max(len(e["text"]) for e in entries)}}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            for width in (390, 1280):
                for scheme in ("light", "dark"):
                    report["static"][f"{width}-{scheme}"] = static(browser, base, width, scheme)
                for query in QUERIES:
                    report["search"][f"{width}-{query}"] = search(browser, base, width, query)
                loads = [throttled(browser, base, width) for _ in range(runs)]
                report["throttled"][str(width)] = {
                    key: statistics.median(float(load[key]) for load in loads if key in load)
                    for key in ("lcp", "marker", "ready", "preview", "dcl", "load")}
                report["throttled"][str(width)] |= {"how": loads[0].get("how"), "runs": runs}
            browser.close()
    finally:
        server.shutdown()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--label", default="after")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=BENCH / "comfort.json")
    args = parser.parse_args(argv)
    report = json.loads(args.out.read_text()) if args.out.is_file() else {}
    report[args.label] = measure(args.site, args.runs)
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps(report[args.label], indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
