"""Profile our stages (cProfile) at two sizes and name what grows faster than the edition (issue #9).

MkDocs' build is profiled as well, because our Markdown extension (edition/render/mdext.py) runs inside it.

    .venv/bin/python bench/profile_stages.py [--small 10] [--large 100] [--top 15]

Each stage (load, validate, resolve, render, write = generate()) runs once under cProfile on the
synthetic editions k = SMALL and k = LARGE. For every function the report gives its own time
(tottime) and calls at both sizes; growth is time(LARGE) / time(SMALL), so a linear function grows
LARGE / SMALL (10x by default) and anything well above that is super-linear. A function whose calls
grow linearly but whose time per call grows too scans something whose size grows with the edition
(a whole text, a whole list) on every call. Writes bench/profile.txt.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from synth import synthesize  # noqa: E402

from edition.check.validate import validate  # noqa: E402
from edition.load.folder import load  # noqa: E402
from edition.render.markdown import render_pages  # noqa: E402
from edition.resolve.links import resolve  # noqa: E402
from edition.site.build import generate  # noqa: E402
from edition.site.write import run_mkdocs  # noqa: E402

STAGES = ("load", "validate", "resolve", "render", "write", "mkdocs")
Key = tuple[str, int, str]


def profile_stages(root: Path, work: Path, mkdocs: bool = True) -> dict[str, pstats.Stats]:
    """Run each stage once under its own profiler (MkDocs' build too: our Markdown extension runs in it)."""
    result: dict[str, pstats.Stats] = {}

    def run(name: str, call: Callable[[], Any]) -> Any:
        profiler = cProfile.Profile()
        value = profiler.runcall(call)
        result[name] = pstats.Stats(profiler)
        return value

    edition, _ = run("load", lambda: load(root))
    run("validate", lambda: validate(edition))
    resolved = run("resolve", lambda: resolve(edition))
    run("render", lambda: render_pages(resolved))
    config = run("write", lambda: generate(resolved, work / "docs", work / "site"))
    if mkdocs:
        run("mkdocs", lambda: run_mkdocs(config, strict=True))
    return result


def name(key: Key) -> str:
    """file:line(function), the file relative to the repository or site-packages."""
    path, line, func = key
    for prefix in (str(ROOT) + "/", "site-packages/"):
        if prefix in path:
            path = path.split(prefix, 1)[1]
    return f"{path}:{line}({func})" if line else func


def own_times(stats: pstats.Stats) -> dict[Key, tuple[int, float, float]]:
    """function -> (calls, own time, cumulative time)."""
    return {key: (value[1], value[2], value[3]) for key, value in stats.stats.items()}  # type: ignore[attr-defined]


def total(stats: pstats.Stats) -> float:
    """The stage's profiled time."""
    return float(stats.total_tt)  # type: ignore[attr-defined]


PER_CALL = 3.0  # time per call growing this much means a scan of something that grows; 2x is noise and GC


def super_linear(small: tuple[int, float, float] | None, large: tuple[int, float, float], linear: float) -> bool:
    """Own time grew well beyond linear, through more calls than items or through slower calls."""
    if small is None or small[1] <= 0.0005 or large[1] < 0.05 or not small[0] or not large[0]:
        return False
    calls, per_call = large[0] / small[0], (large[1] / large[0]) / (small[1] / small[0])
    return large[1] / small[1] > 1.5 * linear and (calls > 1.5 * linear or per_call >= PER_CALL)


def growth_report(small: dict[str, pstats.Stats], large: dict[str, pstats.Stats], k_small: int, k_large: int,
                  top: int) -> str:
    """Per stage: total growth, the costliest functions at LARGE, and the super-linear ones."""
    linear = k_large / k_small
    out = io.StringIO()
    print(f"cProfile, synthetic k={k_small} and k={k_large}; linear growth would be {linear:.0f}x.\n", file=out)
    print(f"{'stage':<10} {'k=' + str(k_small):>10} {'k=' + str(k_large):>10} {'growth':>8}", file=out)
    stages = [stage for stage in STAGES if stage in small and stage in large]
    for stage in stages:
        a, b = total(small[stage]), total(large[stage])
        print(f"{stage:<10} {a:>9.2f}s {b:>9.2f}s {b / a:>7.0f}x", file=out)
    for stage in stages:
        a, b = own_times(small[stage]), own_times(large[stage])
        print(f"\n== {stage}: costliest functions at k={k_large} (own time), with growth from k={k_small}", file=out)
        print(f"{'own_s':>8} {'cum_s':>8} {'calls':>9} {'time x':>7} {'calls x':>7}  function", file=out)
        for key, (calls, tt, ct) in sorted(b.items(), key=lambda kv: -kv[1][1])[:top]:
            calls0, tt0, _ = a.get(key, (0, 0.0, 0.0))
            grow = f"{tt / tt0:.0f}" if tt0 > 0.0005 else "-"
            grow_calls = f"{calls / calls0:.0f}" if calls0 else "-"
            print(f"{tt:>8.3f} {ct:>8.3f} {calls:>9} {grow:>7} {grow_calls:>7}  {name(key)}", file=out)
        flagged = [(key, v) for key, v in b.items() if super_linear(a.get(key), v, linear)]
        if flagged:
            print(f"-- super-linear (at least 0.05 s at k={k_large}, own time grew more than {1.5 * linear:.0f}x, and "
                  f"either the calls grew more than {1.5 * linear:.0f}x or the time per call {PER_CALL:.0f}x):",
                  file=out)
            for key, (calls, tt, ct) in sorted(flagged, key=lambda kv: -kv[1][1]):
                calls0, tt0, _ = a[key]
                per_call = (tt / calls) / (tt0 / calls0) if calls and calls0 else float("nan")
                print(f"   {name(key)}: {tt0:.3f} s -> {tt:.3f} s ({tt / tt0:.0f}x); calls {calls0} -> {calls} "
                      f"({calls / calls0:.0f}x); time per call {per_call:.0f}x", file=out)
        # Who calls the costliest function of the stage, for the report.
        worst = max(b.items(), key=lambda kv: kv[1][1])[0]
        callers = large[stage].stats[worst][4]  # type: ignore[attr-defined]
        if callers:
            print(f"-- callers of {name(worst)}:", file=out)
            for caller, value in sorted(callers.items(), key=lambda kv: -kv[1][2])[:5]:
                print(f"   {value[2]:.3f} s own, {value[0]} calls from {name(caller)}", file=out)
    print(f"\n== cumulative, k={k_large}, functions of the edition package only", file=out)
    for stage in stages:
        rows = [(key, v) for key, v in own_times(large[stage]).items() if "/edition/" in key[0]]
        print(f"-- {stage}", file=out)
        for key, (calls, tt, ct) in sorted(rows, key=lambda kv: -kv[1][2])[:8]:
            print(f"   {ct:>8.3f} s cum {tt:>8.3f} s own {calls:>8} calls  {name(key)}", file=out)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Profile two sizes, print the report and write bench/profile.txt."""
    cli = argparse.ArgumentParser(description="Profile our stages at two edition sizes.")
    cli.add_argument("--small", type=int, default=10)
    cli.add_argument("--large", type=int, default=100)
    cli.add_argument("--top", type=int, default=15)
    cli.add_argument("--no-mkdocs", action="store_true", help="do not profile MkDocs' build")
    cli.add_argument("--out", type=Path, default=BENCH / "profile.txt")
    args = cli.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="edition-profile-"))
    try:
        real = scratch / "real"
        real.mkdir()
        for item in ("essay", "footnotes", "pages", "registers", "sources.bib", "mkdocs.yml"):
            source = ROOT / item
            if source.is_dir():
                shutil.copytree(source, real / item)
            elif source.is_file():
                shutil.copy2(source, real / item)
        profiles = {}
        for k in (args.small, args.large):
            synthesize(real, scratch / f"k{k}", k)
            profiles[k] = profile_stages(scratch / f"k{k}", Path(tempfile.mkdtemp(dir=scratch)), not args.no_mkdocs)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    text = growth_report(profiles[args.small], profiles[args.large], args.small, args.large, args.top)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
