"""The live preview's latency and the page weight, measured for bench/run.py (which imports this module)."""
from __future__ import annotations

import gzip
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# --------------------------------------------------------------------------- live preview


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float = 5.0) -> bytes | None:
    """The body at url, or None when it cannot be had."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return bytes(response.read())
    except (urllib.error.URLError, OSError, ValueError):
        return None


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process this script started: Ctrl-C first, then terminate, then kill."""
    for how, wait in ((signal.SIGINT, 10), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        if process.poll() is not None:
            return
        process.send_signal(how)
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue


def latency(real: Path, scratch: Path, edits: int) -> dict[str, Any]:
    """Seconds from saving a note to the new word being served, through `build_site.py serve`."""
    root = scratch / "serve-edition"
    shutil.copytree(real, root)
    note = root / "footnotes" / "5.md"
    port = free_port()
    url = f"http://127.0.0.1:{port}/index.html"
    log = open(scratch / "serve.log", "wb")
    process = subprocess.Popen([sys.executable, str(ROOT / "build_site.py"), "serve", "--port", str(port),
                                "--root", str(root)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    seconds: list[float] = []
    try:
        deadline = time.monotonic() + 120
        while fetch(url) is None:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"serve did not come up (see {scratch / 'serve.log'})")
            time.sleep(0.1)
        time.sleep(1.0)  # let the watchers take their first snapshot
        for number in range(edits):
            word = f"benchword{number}x{uuid.uuid4().hex[:10]}"
            with open(note, "a", encoding="utf-8") as handle:
                handle.write(f"{word}\n")
            saved = time.perf_counter()
            deadline = time.monotonic() + 30
            while True:
                body = fetch(url)
                if body is not None and word.encode() in body:
                    seconds.append(time.perf_counter() - saved)
                    break
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"edit {number}: '{word}' not served within 30 s")
                time.sleep(0.02)
            time.sleep(1.5)  # let both watchers settle before the next edit
    finally:
        stop(process)
        log.close()
    text = (scratch / "serve.log").read_text(errors="replace")
    regenerated = [float(line.split(" in ")[1].split()[0]) for line in text.splitlines()
                   if line.startswith("pages regenerated in")]
    return {"edits": len(seconds), "median_s": round(statistics.median(seconds), 3),
            "min_s": round(min(seconds), 3), "max_s": round(max(seconds), 3),
            "all_s": [round(s, 3) for s in seconds],
            "regenerate_median_s": round(statistics.median(regenerated), 3) if regenerated else None}


# --------------------------------------------------------------------------- page weight


def page_weight(real: Path, scratch: Path) -> dict[str, Any]:
    """Bytes the essay page loads in Chromium: uncompressed and gzip -6, request count, all local."""
    from playwright.sync_api import sync_playwright

    out = scratch / "weight-site"
    built = subprocess.run([sys.executable, str(ROOT / "build_site.py"), "build", "--root", str(real),
                            "--out", str(out)], cwd=ROOT, capture_output=True, text=True, check=False)
    if built.returncode != 0:
        raise RuntimeError(f"build for the page weight failed: {built.stderr[-2000:]}")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while fetch(f"http://127.0.0.1:{port}/index.html") is None:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("http.server did not come up")
            time.sleep(0.1)
        executable = shutil.which("chromium")
        if executable is None:
            raise RuntimeError("Debian's chromium is not installed (apt-get install chromium)")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                context = browser.new_context()
                requests: list[Any] = []
                context.on("request", lambda request: requests.append(request))  # the page's and its workers'
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{port}/index.html", wait_until="networkidle")
                page.wait_for_timeout(1500)  # late requests: the search worker's index
                rows = []
                for request in requests:
                    response = request.response()
                    body = b""
                    if response is not None:
                        try:
                            body = response.body()
                        except Exception:  # noqa: BLE001 - a redirect or an aborted request has no body
                            body = b""
                    rows.append({"url": request.url, "status": response.status if response else None,
                                 "bytes": len(body), "gzip_bytes": len(gzip.compress(body, compresslevel=6))})
            finally:
                browser.close()
    finally:
        stop(server)
    foreign = [r["url"] for r in rows if urlsplit(r["url"]).hostname != "127.0.0.1"]
    rows.sort(key=lambda r: -r["gzip_bytes"])
    return {"page": "index.html", "requests": len(rows), "bytes": sum(r["bytes"] for r in rows),
            "gzip_bytes": sum(r["gzip_bytes"] for r in rows), "all_local": not foreign, "foreign": foreign,
            "resources": [{**r, "url": urlsplit(r["url"]).path} for r in rows]}
