"""The PDF's render time and `make site` against `build` alone, in one run (issue 28).

    .venv/bin/python bench/pdf.py [--runs 5] [--pairs 3]

* **pdf**: the real edition's edition.html typeset by Typst (edition.exports.pdf.pdf_bytes), `--runs` times; if
  WeasyPrint can still be imported (it is no longer a dependency), the same page printed by WeasyPrint as tagged
  PDF/UA-1 too, as the baseline of the ratio (without WeasyPrint, the ratio is null: the last one measured is in
  bench/README.md).
* **make site ÷ build**: `build_site.py build` alone and `build_site.py build` then `export` (what `make site`
  runs once the venv exists), as processes, alternating, `--pairs` times each.

Prints the medians and ratios and writes bench/pdf.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT)]

from edition.exports.meta import ExportMetadata  # noqa: E402
from edition.exports.pdf import pdf_bytes  # noqa: E402
from edition.load.folder import CONTENT  # noqa: E402
from edition.site.write import copy_content  # noqa: E402


def timed(call: Callable[[], Any], runs: int, cpu: list[float] | None = None) -> list[float]:
    """Wall-clock seconds of each of `runs` calls (and, into `cpu`, this process's CPU seconds, all threads)."""
    times = []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        call()
        times.append(time.perf_counter() - began)
        if cpu is not None:
            cpu.append(time.process_time() - began_cpu)
    return times


def command(real: Path, verb: str, out: Path) -> list[str]:
    return [sys.executable, str(ROOT / "build_site.py"), verb, "--strict", "--root", str(real), "--out", str(out)]


def run(commands: list[list[str]]) -> None:
    for argv in commands:
        subprocess.run(argv, check=True, capture_output=True, cwd=str(ROOT))


def weasyprint_pdf(page: str) -> Callable[[], Any] | None:
    """The baseline: the same page printed by WeasyPrint as PDF/UA-1, if WeasyPrint can be imported."""
    try:
        import weasyprint
    except (ImportError, OSError):
        return None
    return lambda: weasyprint.HTML(string=page).write_pdf(pdf_variant="pdf/ua-1")


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description="The PDF's render time and make site / build (issue 28).")
    cli.add_argument("--runs", type=int, default=5, help="timed PDF renders (default 5)")
    cli.add_argument("--pairs", type=int, default=3, help="pairs of build and build + export processes (default 3)")
    cli.add_argument("--out", type=Path, default=BENCH / "pdf.json")
    args = cli.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="edition-bench-pdf-"))
    result: dict[str, Any] = {"nproc": os.cpu_count(), "loadavg_start": os.getloadavg()}
    try:
        real = copy_content(ROOT, scratch / "real", CONTENT)
        site_out, dist = scratch / "site", scratch / "dist"
        run([command(real, "build", site_out), command(real, "export", dist)])  # warm, and edition.html to typeset
        page = (dist / "edition.html").read_text(encoding="utf-8")
        metadata = ExportMetadata(title="Bench", author="Bench", editor="", date="2026-01-02", language="en",
                                  version="bench", description="")
        typst_cpu: list[float] = []
        weasy_cpu: list[float] = []
        typst_times = timed(lambda: pdf_bytes(page, metadata), args.runs, typst_cpu)
        baseline = weasyprint_pdf(page)
        weasy_times = timed(baseline, max(1, args.runs // 2), weasy_cpu) if baseline else []
        build_times: list[float] = []
        site_times: list[float] = []
        for _ in range(args.pairs):
            build_times += timed(lambda: run([command(real, "build", site_out)]), 1)
            site_times += timed(lambda: run([command(real, "build", site_out), command(real, "export", dist)]), 1)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    typst_s = statistics.median(typst_times)
    weasy_s = statistics.median(weasy_times) if weasy_times else None
    build_s, site_s = statistics.median(build_times), statistics.median(site_times)
    result.update({
        "pdf_typst_s": round(typst_s, 3), "pdf_typst_runs": [round(t, 3) for t in typst_times],
        "pdf_weasyprint_s": round(weasy_s, 3) if weasy_s else None,
        "pdf_typst_over_weasyprint": round(typst_s / weasy_s, 4) if weasy_s else None,
        "pdf_typst_cpu_s": round(statistics.median(typst_cpu), 3),
        "pdf_weasyprint_cpu_s": round(statistics.median(weasy_cpu), 3) if weasy_cpu else None,
        "pdf_typst_over_weasyprint_cpu": (round(statistics.median(typst_cpu) / statistics.median(weasy_cpu), 4)
                                          if weasy_cpu else None),
        "build_s": round(build_s, 2), "make_site_s": round(site_s, 2),
        "make_site_over_build": round(site_s / build_s, 2), "loadavg_end": os.getloadavg(),
    })
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"PDF: Typst {typst_s:.3f} s (median of {args.runs})"
          + (f", WeasyPrint {weasy_s:.2f} s: ratio {typst_s / weasy_s:.3f} (target <= 0.1); CPU ratio "
             f"{result['pdf_typst_over_weasyprint_cpu']}" if weasy_s else ", WeasyPrint not installed (no ratio)"))
    print(f"make site {site_s:.2f} s / build {build_s:.2f} s = {site_s / build_s:.2f} (target <= 2), "
          f"medians of {args.pairs}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
