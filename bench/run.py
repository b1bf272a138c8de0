"""The benchmark of issue #9: our stages against MkDocs' own build, in one run (see bench/README.md).

    .venv/bin/python bench/run.py [--sizes 1,10,100] [--runs 5] [--runs-large 3] [--no-latency] [--no-weight]

Writes bench/results.json (one record per edition size and stage) and bench/summary.json (machine,
ratios against the targets, checks), and prints a table.
"""
from __future__ import annotations

import argparse
import gc
import gzip
import json
import os
import platform
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from synth import synthesize  # noqa: E402

from edition.check.validate import validate  # noqa: E402
from edition.load.folder import CONTENT, load  # noqa: E402
from edition.render.markdown import render_pages  # noqa: E402
from edition.resolve.links import resolve  # noqa: E402
from edition.site.build import checked, generate  # noqa: E402
from edition.site.write import copy_content, run_mkdocs  # noqa: E402

OUR_STAGES = ("load", "validate", "resolve", "render", "write")
# What `build_site.py build` runs before MkDocs: generate() ('write') renders the pages itself, so the
# separately timed 'render' is not added again.
PIPELINE = ("load", "validate", "resolve", "write")
TARGET_SHARE = 0.10  # our stages / MkDocs' build, real edition
TARGET_GROWTH = 120.0  # our stages at k=100 / at k=1
TARGET_LATENCY_S = 1.5
TARGET_WHOLE = 1.25  # `build_site.py build` / a plain `mkdocs build` of the pages it generates, as processes
TARGET_GZIP_KB = 300.0
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MIB = 1024 * 1024


# --------------------------------------------------------------------------- memory


def rss_reset() -> None:
    """Reset the kernel's peak-RSS mark (VmHWM) to the current RSS (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        pass


def rss_peak(field: str = "VmHWM") -> float:
    """The process's peak resident memory since the last reset (or with 'VmRSS' the current one), in MiB."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def meminfo() -> dict[str, float]:
    """MemTotal and MemAvailable in MiB."""
    found = {}
    with open("/proc/meminfo") as handle:
        for line in handle:
            name, value = line.split(":", 1)
            if name in ("MemTotal", "MemAvailable"):
                found[name] = int(value.split()[0]) / 1024
    return found


# --------------------------------------------------------------------------- the stages


@dataclass
class Stage:
    """Measurements of one stage of one edition."""

    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # process CPU seconds, per timed run
    rss: list[float] = field(default_factory=list)  # VmHWM during the stage, MiB, per timed run
    rss_own: list[float] = field(default_factory=list)  # that minus the RSS when the stage began
    traced_peak: float | None = None  # tracemalloc: peak traced during the stage, MiB
    traced_own: float | None = None  # tracemalloc: that peak minus what was traced when the stage began
    messages: list[str] = field(default_factory=list)


def one_build(root: Path, work: Path, measure: Callable[[str, Callable[[], Any]], Any], baseline: bool = True) -> None:
    """Our stages, MkDocs' build, then (if asked) MkDocs' build alone on the same generated Markdown."""
    edition, diagnostics = measure("load", lambda: load(root))
    problems = measure("validate", lambda: validate(edition))
    errors = [d for d in diagnostics + problems if d.severity == "error"]
    if errors:
        raise SystemExit(f"bench: {root} has content errors, e.g. {errors[0]}")
    resolved = measure("resolve", lambda: resolve(edition))
    measure("render", lambda: render_pages(resolved))
    config = measure("write", lambda: generate(resolved, work / "docs", work / "site"))
    measure("mkdocs", lambda: run_mkdocs(config, strict=True))
    if not baseline:
        return
    shutil.rmtree(work / "site", ignore_errors=True)
    gc.collect()
    measure("mkdocs-baseline", lambda: run_mkdocs(config, strict=True))


def bench_edition(root: Path, scratch: Path, runs: int, trace: bool) -> dict[str, Stage]:
    """Time every stage `runs` times; then, if asked, one more run under tracemalloc for peak memory."""
    stages: dict[str, Stage] = {}

    def timed(name: str, call: Callable[[], Any]) -> Any:
        gc.collect()
        rss_reset()
        before = rss_peak("VmRSS")
        cpu, started = time.process_time(), time.perf_counter()
        result = call()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        stage = stages.setdefault(name, Stage())
        stage.times.append(elapsed)
        stage.cpu.append(cpu)
        stage.rss.append(rss_peak())
        stage.rss_own.append(stage.rss[-1] - before)
        if name.startswith("mkdocs") and result:
            stage.messages.extend(result)
        return result

    def traced(name: str, call: Callable[[], Any]) -> Any:
        gc.collect()
        start, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        result = call()
        _, peak = tracemalloc.get_traced_memory()
        stage = stages.setdefault(name, Stage())
        stage.traced_peak, stage.traced_own = peak / MIB, (peak - start) / MIB
        return result

    for number in range(runs):
        work = Path(tempfile.mkdtemp(prefix=f"run{number}-", dir=scratch))
        try:
            one_build(root, work, timed)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        gc.collect()
    if trace:
        work = Path(tempfile.mkdtemp(prefix="traced-", dir=scratch))
        tracemalloc.start()
        try:
            one_build(root, work, traced, baseline=False)  # the baseline is the same MkDocs call
        finally:
            tracemalloc.stop()
            shutil.rmtree(work, ignore_errors=True)
        gc.collect()
    return stages


def record(edition: str, k: int, name: str, times: list[float], peak: float | None, own: float | None,
           rss: list[float], cpu: list[float], rss_own: list[float]) -> dict[str, Any]:
    """One line of results.json."""
    return {"edition": edition, "k": k, "stage": name, "runs": len(times),
            "median_s": round(statistics.median(times), 4), "min_s": round(min(times), 4),
            "max_s": round(max(times), 4), "cpu_median_s": round(statistics.median(cpu), 4),
            "peak_mib": None if peak is None else round(peak, 2),
            "peak_own_mib": None if own is None else round(own, 2),
            "rss_peak_mib": round(max(rss), 1) if rss else None,
            "rss_own_mib": round(statistics.median(rss_own), 1) if rss_own else None}


def records_for(edition: str, k: int, stages: dict[str, Stage]) -> list[dict[str, Any]]:
    """A record per stage, plus 'ours' (what the build runs before MkDocs: load, validate, resolve, write)."""
    out = [record(edition, k, name, s.times, s.traced_peak, s.traced_own, s.rss, s.cpu, s.rss_own)
           for name, s in stages.items()]
    totals = [sum(stages[n].times[i] for n in PIPELINE) for i in range(len(stages["load"].times))]
    cpus = [sum(stages[n].cpu[i] for n in PIPELINE) for i in range(len(totals))]
    traced = [stages[n].traced_peak for n in PIPELINE]
    owns = [stages[n].traced_own for n in PIPELINE]
    out.append(record(edition, k, "ours", totals, None if None in traced else max(traced),  # type: ignore[type-var]
                      None if None in owns else max(owns),  # type: ignore[type-var]
                      [max(stages[n].rss[i] for n in PIPELINE) for i in range(len(totals))], cpus,
                      [max(stages[n].rss_own[i] for n in PIPELINE) for i in range(len(totals))]))
    return out


# --------------------------------------------------------------------------- the whole build, as a process


# Python as a user runs it: modules compiled once and their bytecode kept, as pip did for MkDocs' at install time
# (with PYTHONDONTWRITEBYTECODE, set on some machines, our modules would be compiled again in every run).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def child_run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one command run to its end (it must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, env=CHILD_ENV)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{command[1:3]} failed: {done.stderr[-2000:]}")
    return elapsed, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def whole_build(real: Path, scratch: Path, pairs: int) -> list[dict[str, Any]]:
    """`build_site.py build --strict` against `mkdocs build --strict` of the very pages it generates, each a fresh
    process (start-up and imports included), alternated in pairs so that both see the same load."""
    resolved, _ = checked(real, True)
    if resolved is None:
        raise SystemExit(f"bench: {real} has content errors")
    work = scratch / "whole"
    config = generate(resolved, work / "docs", work / "site")
    ours = [sys.executable, str(ROOT / "build_site.py"), "build", "--strict", "--root", str(real),
            "--out", str(work / "built")]
    plain = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(config)]
    child_run(ours), child_run(plain)  # warm the file cache: not timed
    runs: dict[str, list[tuple[float, float]]] = {"build-process": [], "mkdocs-process": [],
                                                  "first-build-process": []}
    for number in range(pairs):
        commands = {"build-process": ours,  # a rebuild: site/ and .site.src/ are there from the last one
                    "mkdocs-process": plain,
                    # for information: a first build, into an empty folder (MkDocs' input written whole)
                    "first-build-process": ours[:-1] + [str(work / f"first-{number}" / "site")]}
        order = list(commands)
        # in an order drawn anew for each round (seeded: the same in every run), so that a disturbance that
        # recurs at the machine's own pace cannot fall on the same command every time
        random.Random(number).shuffle(order)
        for name in order:
            runs[name].append(child_run(commands[name]))
    return [{**record("real", 1, name, [t for t, _ in got], None, None, [], [c for _, c in got], []),
             "times_s": [round(t, 4) for t, _ in got]} for name, got in runs.items()]


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


# --------------------------------------------------------------------------- report


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    memory = meminfo()
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                   "")
    except OSError:
        pass
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu": cpu, "loadavg_start": os.getloadavg(),
            "mem_total_mib": round(memory.get("MemTotal", 0)),
            "mem_available_mib": round(memory.get("MemAvailable", 0)),
            "python": platform.python_version(), "platform": platform.platform(), "commit": commit}


def table(records: list[dict[str, Any]]) -> str:
    """The records as a fixed-width table."""
    head = f"{'edition':<10} {'k':>4} {'stage':<16} {'runs':>4} {'median_s':>9} {'min_s':>9} {'max_s':>9} " \
           f"{'cpu_s':>8} {'peak_mib':>9} {'own_mib':>8} {'rss_mib':>8} {'rss_own':>8}"
    lines = [head, "-" * len(head)]
    for r in records:
        def mib(value: float | None, digits: int = 1) -> str:
            return "-" if value is None else f"{value:.{digits}f}"
        lines.append(f"{r['edition']:<10} {r['k']:>4} {r['stage']:<16} {r['runs']:>4} {r['median_s']:>9.3f} "
                     f"{r['min_s']:>9.3f} {r['max_s']:>9.3f} {mib(r['cpu_median_s'], 3):>8} "
                     f"{mib(r['peak_mib']):>9} {mib(r['peak_own_mib']):>8} "
                     f"{mib(r['rss_peak_mib']):>8} {mib(r['rss_own_mib']):>8}")
    return "\n".join(lines)


def find(records: list[dict[str, Any]], edition: str, k: int, stage: str) -> dict[str, Any] | None:
    """The record of one edition size and stage."""
    return next((r for r in records if (r["edition"], r["k"], r["stage"]) == (edition, k, stage)), None)


def ratios(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The three checks of issue #9."""
    out: dict[str, Any] = {}
    ours, baseline = find(records, "real", 1, "ours"), find(records, "real", 1, "mkdocs-baseline")
    if ours and baseline:
        share = ours["median_s"] / baseline["median_s"]
        out["ours_over_mkdocs_real"] = {"value": round(share, 3), "target": TARGET_SHARE, "ok": share <= TARGET_SHARE,
                                        "ours_s": ours["median_s"], "mkdocs_s": baseline["median_s"],
                                        "cpu_value": round(ours["cpu_median_s"] / baseline["cpu_median_s"], 3)}
    small, large = find(records, "synthetic", 1, "ours"), find(records, "synthetic", 100, "ours")
    if small and large:
        growth = large["median_s"] / small["median_s"]
        out["ours_k100_over_k1"] = {"value": round(growth, 1), "target": TARGET_GROWTH, "ok": growth <= TARGET_GROWTH,
                                    "k1_s": small["median_s"], "k100_s": large["median_s"],
                                    "cpu_value": round(large["cpu_median_s"] / small["cpu_median_s"], 1)}
        mk1, mk100 = (find(records, "synthetic", k, "mkdocs-baseline") for k in (1, 100))
        if mk1 and mk100:
            out["mkdocs_k100_over_k1"] = {"value": round(mk100["median_s"] / mk1["median_s"], 1)}
    whole, plain = find(records, "real", 1, "build-process"), find(records, "real", 1, "mkdocs-process")
    if whole and plain:
        value = whole["median_s"] / plain["median_s"]
        out["build_over_mkdocs_process"] = {"value": round(value, 3), "target": TARGET_WHOLE,
                                            "ok": value <= TARGET_WHOLE, "build_s": whole["median_s"],
                                            "mkdocs_s": plain["median_s"], "pairs": whole["runs"],
                                            "cpu_value": round(whole["cpu_median_s"] / plain["cpu_median_s"], 3)}
        pair_ratios = [b / p for b, p in zip(whole.get("times_s", []), plain.get("times_s", []))]
        if pair_ratios:  # for information: the ratio within each round, where both met the same moment's load
            out["build_over_mkdocs_process"]["pair_median"] = round(statistics.median(pair_ratios), 3)
        first = find(records, "real", 1, "first-build-process")
        if first:
            out["build_over_mkdocs_process"]["first_build_s"] = first["median_s"]
            out["build_over_mkdocs_process"]["first_value"] = round(first["median_s"] / plain["median_s"], 3)
    k100 = [r for r in records if r["edition"] == "synthetic" and r["k"] == 100 and r["rss_peak_mib"] is not None]
    if k100:
        memory = meminfo()
        peak = max(r["rss_peak_mib"] for r in k100)
        traced = [r["peak_mib"] for r in k100 if r["peak_mib"] is not None]
        out["k100_memory"] = {"process_peak_rss_mib": peak, "traced_peak_mib": max(traced) if traced else None,
                              "mem_total_mib": round(memory["MemTotal"]),
                              "mem_available_mib": round(memory["MemAvailable"]),
                              "ok": peak < memory["MemAvailable"]}
    return out


def arguments(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    cli = argparse.ArgumentParser(description="Benchmark the edition's build (issue #9).")
    cli.add_argument("--sizes", default="1,10,100", help="synthetic sizes k, comma-separated (default 1,10,100)")
    cli.add_argument("--runs", type=int, default=5, help="timed runs for the real edition and k < 100 (default 5)")
    cli.add_argument("--runs-large", type=int, default=3, help="timed runs for k >= 100 (default 3)")
    cli.add_argument("--trace-large", action="store_true",
                     help="also run k >= 100 once under tracemalloc (6-9 more minutes at k = 100)")
    cli.add_argument("--pairs", type=int, default=7,
                     help="pairs of whole-build and plain MkDocs processes, real edition (default 7; 0 skips)")
    cli.add_argument("--edits", type=int, default=7, help="edits for the live-preview latency (default 7)")
    cli.add_argument("--no-latency", action="store_true", help="skip the live-preview latency")
    cli.add_argument("--no-weight", action="store_true", help="skip the page weight (needs chromium)")
    cli.add_argument("--out", type=Path, default=BENCH / "results.json", help="where the records go")
    return cli.parse_args(argv)


def snapshot(scratch: Path) -> Path:
    """A copy of the real edition's content: others may be editing it while this runs."""
    return copy_content(ROOT, scratch / "real", CONTENT)


def bench_all(real: Path, scratch: Path, args: argparse.Namespace) -> list[dict[str, Any]]:
    """Every edition size: the real edition, then the synthetic ones."""
    editions = [("real", 1, real, args.runs, True)]
    for k in [int(s) for s in args.sizes.split(",") if s.strip()]:
        synthesize(real, scratch / f"synthetic-{k}", k)
        editions.append(("synthetic", k, scratch / f"synthetic-{k}", args.runs_large if k >= 100 else args.runs,
                         args.trace_large or k < 100))
    warm = Path(tempfile.mkdtemp(prefix="warm-", dir=scratch))  # imports, pybtex's plugins, the theme: not timed
    one_build(real, warm, lambda name, call: call())
    shutil.rmtree(warm, ignore_errors=True)
    records: list[dict[str, Any]] = []
    for name, k, root, runs, trace in editions:
        began = time.perf_counter()
        stages = bench_edition(root, scratch, runs, trace)
        records += records_for(name, k, stages)
        for stage_name, stage in stages.items():
            if stage.messages:
                print(f"warning: MkDocs said, {name} k={k} {stage_name}: {stage.messages[:3]}", file=sys.stderr)
        print(f"{name} k={k}: {runs} runs{' + 1 traced' if trace else ''} in {time.perf_counter() - began:.0f} s",
              flush=True)
    return records


def attempt(summary: dict[str, Any], key: str, call: Callable[[], dict[str, Any]]) -> None:
    """Run one of the browser or server measurements; a failure is reported, not fatal."""
    try:
        summary[key] = call()
    except Exception as exc:  # noqa: BLE001 - report it and go on with the rest
        summary[key] = {"error": f"{type(exc).__name__}: {exc}"}
        print(f"{key}: {exc}", file=sys.stderr, flush=True)


def latency_record(lat: dict[str, Any]) -> dict[str, Any]:
    """The live-preview latency as a line of results.json."""
    return {"edition": "real", "k": 1, "stage": "preview-latency", "runs": lat["edits"], "median_s": lat["median_s"],
            "min_s": lat["min_s"], "max_s": lat["max_s"], "cpu_median_s": None, "peak_mib": None,
            "peak_own_mib": None, "rss_peak_mib": None, "rss_own_mib": None}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write bench/results.json and bench/summary.json."""
    args = arguments(argv)
    started = time.perf_counter()
    info = machine()
    print(f"machine: {info['nproc']} CPUs ({info['cpu']}), {info['mem_total_mib']} MiB, Python {info['python']}, "
          f"commit {info['commit']}, load average {info['loadavg_start'][0]:.1f}", flush=True)
    scratch = Path(tempfile.mkdtemp(prefix="edition-bench-"))
    summary: dict[str, Any] = {"machine": info}
    try:
        real = snapshot(scratch)
        records = bench_all(real, scratch, args)
        if args.pairs:
            began = time.perf_counter()
            records += whole_build(real, scratch, args.pairs)
            print(f"real k=1: {args.pairs} pairs of processes in {time.perf_counter() - began:.0f} s", flush=True)
        if not args.no_latency:
            attempt(summary, "latency", lambda: latency(real, scratch, args.edits))
            if "error" not in summary["latency"]:
                records.append(latency_record(summary["latency"]))
        if not args.no_weight:
            attempt(summary, "page_weight", lambda: page_weight(real, scratch))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    summary["ratios"] = ratios(records)
    summary["elapsed_s"] = round(time.perf_counter() - started, 1)
    summary["machine"]["loadavg_end"] = os.getloadavg()
    args.out.write_text(json.dumps(records, indent=1) + "\n", encoding="utf-8")
    (args.out.parent / "summary.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    print()
    print(table(records))
    print()
    report(summary)
    print(f"\nwrote {args.out} and {args.out.parent / 'summary.json'} in {summary['elapsed_s']:.0f} s "
          f"(load average at the end {summary['machine']['loadavg_end'][0]:.1f} on {info['nproc']} CPUs)")
    return 0


def verdict(ok: bool) -> str:
    """PASS or FAIL."""
    return "PASS" if ok else "FAIL"


def report_shares(r: dict[str, Any]) -> None:
    """Our share of the build, in words: our stages in one process, and the whole build as a process."""
    if "ours_over_mkdocs_real" in r:
        x = r["ours_over_mkdocs_real"]
        print(f"our stages / MkDocs build, real edition: {x['ours_s']:.3f} s / {x['mkdocs_s']:.3f} s = "
              f"{x['value']:.0%} (target <= {TARGET_SHARE:.0%}) {verdict(x['ok'])}; by CPU time {x['cpu_value']:.0%}")
    if "build_over_mkdocs_process" in r:
        x = r["build_over_mkdocs_process"]
        print(f"build_site.py build / plain mkdocs build, as processes, real edition: {x['build_s']:.3f} s / "
              f"{x['mkdocs_s']:.3f} s = {x['value']:.2f} (target <= {TARGET_WHOLE:.2f}) {verdict(x['ok'])}; "
              f"by CPU time {x['cpu_value']:.2f}")
        if "pair_median" in x:
            print(f"    (the median of the {x['pairs']} rounds' own ratios: {x['pair_median']:.2f})")
        if "first_value" in x:
            print(f"    (a first build, into an empty folder: {x['first_build_s']:.3f} s = {x['first_value']:.2f} x "
                  f"the plain mkdocs build)")


def report(summary: dict[str, Any]) -> None:
    """The checks against the targets, in words."""
    r = summary["ratios"]
    report_shares(r)
    if "ours_k100_over_k1" in r:
        x = r["ours_k100_over_k1"]
        print(f"our stages k=100 / k=1: {x['k100_s']:.2f} s / {x['k1_s']:.3f} s = {x['value']:.0f}x "
              f"(target <= {TARGET_GROWTH:.0f}x) {verdict(x['ok'])}; by CPU time {x['cpu_value']:.0f}x")
        if "mkdocs_k100_over_k1" in r:
            print(f"    (MkDocs' own build grows {r['mkdocs_k100_over_k1']['value']:.0f}x from k=1 to k=100)")
    if "k100_memory" in r:
        x = r["k100_memory"]
        traced = f", traced peak {x['traced_peak_mib']:.0f} MiB" if x["traced_peak_mib"] is not None else ""
        print(f"k=100 build memory: process peak RSS {x['process_peak_rss_mib']:.0f} MiB{traced}, of "
              f"{x['mem_available_mib']} MiB available ({x['mem_total_mib']} MiB total) {verdict(x['ok'])}")
    lat = summary.get("latency")
    if lat and "error" not in lat:
        print(f"live preview, save to served: median {lat['median_s']:.2f} s, min {lat['min_s']:.2f}, "
              f"max {lat['max_s']:.2f} over {lat['edits']} edits (our regeneration: median "
              f"{lat['regenerate_median_s']} s) (target <= {TARGET_LATENCY_S} s) "
              f"{verdict(lat['median_s'] <= TARGET_LATENCY_S)}")
    elif lat:
        print(f"live preview: ERROR {lat['error']}")
    weight = summary.get("page_weight")
    if weight and "error" not in weight:
        print(f"essay page weight: {weight['requests']} requests, {weight['bytes'] / 1000:.0f} KB uncompressed, "
              f"{weight['gzip_bytes'] / 1000:.0f} KB gzip -6 (target <= {TARGET_GZIP_KB:.0f} KB) "
              f"{verdict(weight['gzip_bytes'] / 1000 <= TARGET_GZIP_KB)}; all requests to 127.0.0.1: "
              f"{verdict(weight['all_local'])}")
        for row in weight["resources"][:8]:
            print(f"    {row['gzip_bytes'] / 1000:7.1f} KB gz {row['bytes'] / 1000:8.1f} KB  {row['url']}")
    elif weight:
        print(f"page weight: ERROR {weight['error']}")


if __name__ == "__main__":
    sys.exit(main())
