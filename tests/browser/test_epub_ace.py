"""DAISY Ace (npm @daisy/ace-cli, tests/node/ace/, installed by `npm ci` there) on the EPUB export, run with
Debian's Chromium: no serious or critical finding, and the package's accessibility metadata present."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

ACE = Path(__file__).resolve().parents[1] / "node" / "ace"
METADATA = {"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
            "schema:accessibilityHazard", "schema:accessibilitySummary"}


def test_ace_finds_nothing_serious_in_the_epub(real_dist: Path, tmp_path: Path) -> None:
    command = ACE / "node_modules" / ".bin" / "ace-cli"
    chromium = shutil.which("chromium")
    if not command.is_file() or chromium is None:
        pytest.fail("Ace is not installed: (cd tests/node/ace && PUPPETEER_SKIP_DOWNLOAD=1 npm ci); "
                    "Debian's chromium is needed too (no browser is downloaded)")
    environment = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    done = subprocess.run([str(command), "--force", "--silent", "--outdir", str(tmp_path / "ace"),
                           str(real_dist / "edition.epub")], capture_output=True, text=True, env=environment,
                          timeout=600, check=False)
    report_file = tmp_path / "ace" / "report.json"
    assert report_file.is_file(), f"Ace wrote no report ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    report = json.loads(report_file.read_text(encoding="utf-8"))
    found = Counter((test["earl:test"]["earl:impact"], test["earl:test"]["dct:title"])
                    for document in report["assertions"] for test in document.get("assertions", []))
    assert {key: count for key, count in found.items() if key[0] in ("serious", "critical")} == {}
    assert METADATA <= set(report["a11y-metadata"]["present"])
