"""`make test-stress`: the browser tests three times in a row while a CPU-bound process loads every core.

Each run's failures are printed, then `test-stress: N failures in 3 runs`; the exit status is 1 when N > 0.
The load is stopped whatever happens: a failure, an error, Ctrl-C or SIGTERM.
"""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Iterator, Sequence

REPO = Path(__file__).resolve().parents[1]
RUNS = 3
BUSY = [sys.executable, "-c", "while True: pass"]
PYTEST = [sys.executable, "-m", "pytest", "tests/browser", "-p", "no:randomly", "-p", "no:cacheprovider", "-q",
          "-rfE"]


@contextlib.contextmanager
def loaded(cores: int) -> Iterator[list[subprocess.Popen[bytes]]]:
    """One CPU-bound process per core while the block runs; each is killed, by its own id, when it ends."""
    busy: list[subprocess.Popen[bytes]] = []
    try:
        for _ in range(cores):
            busy.append(subprocess.Popen(BUSY, stdin=subprocess.DEVNULL))
        yield busy
    finally:
        for process in busy:
            process.kill()
        for process in busy:
            process.wait()


def failures(junit: Path) -> list[str]:
    """The tests a JUnit XML report records as failed or in error, as `module::name`, in the report's order."""
    return [f"{case.get('classname', '')}::{case.get('name', '')}"
            for case in ElementTree.parse(junit).getroot().iter("testcase")
            if case.find("failure") is not None or case.find("error") is not None]


def one_run(command: Sequence[str], junit: Path) -> list[str]:
    """Run pytest once (its output goes to the terminal); the failures it reports, or why it gave none."""
    done = subprocess.run([*command, f"--junitxml={junit}"], cwd=REPO, check=False)
    found = failures(junit) if junit.is_file() else []
    if done.returncode != 0 and not found:
        found = [f"pytest exited with {done.returncode} and reported no failed test"]
    return found


def stress(command: Sequence[str] = PYTEST, runs: int = RUNS, cores: int = 0) -> int:
    """The runs under load; prints each run's failures and the total; the number of failures."""
    total = 0
    with loaded(cores or os.cpu_count() or 2), tempfile.TemporaryDirectory() as scratch:
        for number in range(1, runs + 1):
            found = one_run(command, Path(scratch) / f"run-{number}.xml")
            print(f"test-stress: run {number}: {len(found)} failures", *(f"  {name}" for name in found),
                  sep="\n", flush=True)
            total += len(found)
    print(f"test-stress: {total} failures in {runs} runs", flush=True)
    return total


def main() -> int:
    """Entry point: SIGTERM ends the runs like Ctrl-C, so the load is stopped either way."""
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    return 1 if stress() else 0


if __name__ == "__main__":
    sys.exit(main())
