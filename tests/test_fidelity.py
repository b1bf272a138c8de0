"""The edition read as printed has exactly the copy-text's words, and the test notices any change."""
from __future__ import annotations

from pathlib import Path

import pytest
from editions import REPO, copy_edition, run_build_site
from fidelity import compare

COPY_TEXT = (REPO / "tests" / "data" / "copy-text.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def real_page(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The real edition's essay page, built once for this module."""
    out = tmp_path_factory.mktemp("site")
    done = run_build_site(REPO, "build", "--strict", "--out", str(out))
    assert done.returncode == 0, done.stderr
    return (out / "index.html").read_bytes()


def test_edition_read_as_printed_equals_copy_text(real_page: bytes) -> None:
    assert compare(COPY_TEXT, real_page) == []


def build_changed(tmp_path: Path, path: str, old: str, new: str) -> bytes:
    """Build a copy of the real edition with one text replaced in one file."""
    root = copy_edition(REPO, tmp_path / "edition")
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    file.write_text(text.replace(old, new), encoding="utf-8")
    done = run_build_site(root, "build", "--out", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr
    return (tmp_path / "site" / "index.html").read_bytes()


def test_a_deleted_word_in_a_paragraph_is_found(tmp_path: Path) -> None:
    page = build_changed(tmp_path, "essay/essay.md", "an impartial investigation", "an investigation")
    assert compare(COPY_TEXT, page) == [
        "body, ¶1 (copy-text line 5): copy-text has 'impartial', edition has '(nothing)'"]


def test_a_changed_word_in_a_note_is_found(tmp_path: Path) -> None:
    page = build_changed(tmp_path, "footnotes/16.md", "Facing the Dictators", "Facing the Dictator")
    assert compare(COPY_TEXT, page) == [
        "note 16, note 16 (copy-text line 64): copy-text has 'Dictators', edition has 'Dictator'"]


def test_a_correction_made_silently_is_found(tmp_path: Path) -> None:
    page = build_changed(tmp_path, "essay/essay.md", "{~~Provisinal~>Provisional~~}{>>typo<<}", "Provisional")
    assert compare(COPY_TEXT, page) == [
        "body, ¶11 (copy-text line 60): copy-text has 'Provisinal', edition has 'Provisional'"]
