"""What bench/run.py prints and writes: the machine, the stages' table, the ratios against their targets."""
from __future__ import annotations

import os
import platform
import statistics
import subprocess
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TARGET_SHARE = 0.10  # our stages / MkDocs' build, real edition
TARGET_GROWTH = 120.0  # our stages at k=100 / at k=1
TARGET_LATENCY_S = 1.5
TARGET_WHOLE = 1.25  # `build_site.py build` / a plain `mkdocs build` of the pages it generates, as processes
TARGET_GZIP_KB = 300.0


def meminfo() -> dict[str, float]:
    """MemTotal and MemAvailable in MiB."""
    found = {}
    with open("/proc/meminfo") as handle:
        for line in handle:
            name, value = line.split(":", 1)
            if name in ("MemTotal", "MemAvailable"):
                found[name] = int(value.split()[0]) / 1024
    return found

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
