"""Broken inputs: each case is the mini edition with a few files replaced (tests/fixtures/broken/<case>/).

A case folder holds only the files that differ from the mini edition ('NAME.delete' deletes NAME) and
expected.txt, the exact standard error of `build_site.py build`. Cases named ok-* must build cleanly;
every other case must fail with exit code 1 and leave the site built before it byte-for-byte untouched.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from editions import BROKEN, overlay, run_build_site, snapshot

# Cases whose transcript shows a code bug; expected.txt holds what the build should print.
KNOWN_BUGS: dict[str, str] = {}

SUMMARY = re.compile(r"built 6 pages, 4 notes, 5 sources in \d+\.\d s → site/\n")
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def test_every_case_folder_has_a_transcript() -> None:
    assert [c for c in CASES if not (BROKEN / c / "expected.txt").is_file()] == []
    assert sorted(set(KNOWN_BUGS) - set(CASES)) == []


def test_byte_level_cases_kept_their_bytes() -> None:
    """A checkout that normalised line endings or encodings would make these cases test nothing."""
    bom = (BROKEN / "ok-bom" / "footnotes" / "2.md").read_bytes()
    crlf = (BROKEN / "ok-crlf" / "footnotes" / "3.md").read_bytes()
    latin1 = (BROKEN / "encoding" / "footnotes" / "thanks.md").read_bytes()
    assert (bom[:4], crlf.count(b"\r\n"), crlf.count(b"\n"), b"caf\xe9" in latin1) == (b"\xef\xbb\xbf-", 4, 4, True)


def case_param(name: str) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name])] if name in KNOWN_BUGS else []
    return pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("case", [case_param(c) for c in CASES])
def test_broken_input(case: str, mini_built: Path, tmp_path: Path) -> None:
    root = tmp_path / "edition"
    shutil.copytree(mini_built, root)  # content and the site/ of a successful build
    site_before = snapshot(root / "site")
    overlay(BROKEN / case, root)
    entries_before = sorted(p.name for p in root.iterdir())
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")

    done = run_build_site(root, "build")

    if case.startswith("ok-"):
        assert (done.returncode, done.stderr) == (0, expected)
        assert snapshot(root / "site") == site_before  # the same content builds the same site
        assert SUMMARY.fullmatch(done.stdout), done.stdout
    else:
        assert done.stderr == expected
        assert done.returncode == 1
        assert snapshot(root / "site") == site_before
        assert done.stdout == ""
    assert sorted(p.name for p in root.iterdir()) == entries_before  # no work folder left behind
