"""tests/stress.py (`make test-stress`): failures read from pytest's report, every run counted, the load stopped."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import stress

REPORT = """<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest">
<testcase classname="tests.browser.test_comfort" name="test_axe_passes_the_open_states[1280px-dark]">
<failure message="assert">...</failure></testcase>
<testcase classname="tests.browser.test_comfort" name="test_a_shortened_margin_note_opens_in_place"/>
<testcase classname="tests.browser.test_csp" name="test_the_site_reads_under_its_policy"><error message="x"/></testcase>
</testsuite></testsuites>"""
# Stands in for pytest: writes the report above where --junitxml says, and fails as pytest would.
FAKE = ["-c", "import sys; path = sys.argv[-1].split('=', 1)[1]; open(path, 'w').write(sys.argv[1]); sys.exit(1)"]


def test_the_failed_and_the_broken_tests_are_read_from_the_report(tmp_path: Path) -> None:
    (tmp_path / "report.xml").write_text(REPORT, encoding="utf-8")
    assert stress.failures(tmp_path / "report.xml") == [
        "tests.browser.test_comfort::test_axe_passes_the_open_states[1280px-dark]",
        "tests.browser.test_csp::test_the_site_reads_under_its_policy"]


def test_each_run_is_reported_and_the_failures_added_up(capsys: pytest.CaptureFixture[str]) -> None:
    command = [sys.executable, *FAKE, REPORT]
    assert stress.stress(command, runs=2, cores=1) == 4
    lines = ["test-stress: run {}: 2 failures",
             "  tests.browser.test_comfort::test_axe_passes_the_open_states[1280px-dark]",
             "  tests.browser.test_csp::test_the_site_reads_under_its_policy"]
    assert capsys.readouterr().out == "\n".join([*lines, *lines, "test-stress: 4 failures in 2 runs", ""]).format(1, 2)


def test_a_run_that_reports_nothing_counts_as_a_failure(capsys: pytest.CaptureFixture[str]) -> None:
    assert stress.stress([sys.executable, "-c", "raise SystemExit(4)"], runs=1, cores=1) == 1
    assert capsys.readouterr().out == ("test-stress: run 1: 1 failures\n"
                                       "  pytest exited with 4 and reported no failed test\n"
                                       "test-stress: 1 failures in 1 runs\n")


def test_the_load_runs_during_the_block_and_is_stopped_even_after_an_error() -> None:
    with pytest.raises(KeyboardInterrupt):
        with stress.loaded(2) as busy:
            assert [process.poll() for process in busy] == [None, None]
            raise KeyboardInterrupt
    assert all(process.returncode is not None for process in busy)
