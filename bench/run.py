"""The benchmark of issue #9: our stages against MkDocs' own build, in one run (see bench/README.md).

    .venv/bin/python bench/run.py [--sizes 1,10,100] [--runs 5] [--runs-large 3] [--no-latency] [--no-weight]

Writes bench/results.json (one record per edition size and stage) and bench/summary.json (machine,
ratios against the targets, checks), and prints a table.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from preview import latency, page_weight  # noqa: E402
from report import machine, ratios, report, table  # noqa: E402
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


if __name__ == "__main__":
    sys.exit(main())
