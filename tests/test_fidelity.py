"""The edition read as printed has exactly the copy-text's words and punctuation, and the test notices any change."""
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
    assert compare(COPY_TEXT, real_page, REPO) == []


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
    assert compare(COPY_TEXT, page, REPO) == [
        "essay/essay.md:7 (¶1, copy-text line 5), after 'freed for an': copy-text has 'impartial', "
        "edition has '(nothing)'"]


def test_a_changed_word_in_a_note_is_found(tmp_path: Path) -> None:
    page = build_changed(tmp_path, "footnotes/16.md", "Facing the Dictators", "Facing the Dictator")
    assert compare(COPY_TEXT, page, REPO) == [
        "footnotes/16.md:4 (note 16, copy-text line 64), after ': Facing the': copy-text has 'Dictators', "
        "edition has 'Dictator'"]


def test_a_correction_made_silently_is_found(tmp_path: Path) -> None:
    page = build_changed(tmp_path, "essay/essay.md", "{~~Provisinal~>Provisional~~}{>>typo<<}", "Provisional")
    assert compare(COPY_TEXT, page, REPO) == [
        "essay/essay.md:37 (¶11, copy-text line 60), after 'the Czar and': copy-text has 'Provisinal', "
        "edition has 'Provisional'"]


def changed_page(page: bytes, old: str, new: str) -> bytes:
    """The built essay page with one text replaced, as a silent change in the edition would leave it."""
    text = page.decode("utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in the page"
    return text.replace(old, new).encode("utf-8")


def test_a_changed_comma_is_found(real_page: bytes) -> None:
    page = changed_page(real_page, "freed for an impartial investigation of the complexity",
                        "freed for an impartial investigation; of the complexity")
    assert compare(COPY_TEXT, page, REPO) == [
        "essay/essay.md:7 (¶1, copy-text line 5), after 'an impartial investigation': "
        "copy-text has '(nothing)', edition has ';'"]


def test_a_dropped_full_stop_is_found(real_page: bytes) -> None:
    page = changed_page(real_page, "None of these organizations are responsible for the views expressed.",
                        "None of these organizations are responsible for the views expressed")
    assert compare(COPY_TEXT, page, REPO) == [
        "footnotes/ack.md:4 (note *, copy-text line 13), after 'the views expressed': "
        "copy-text has '.', edition has '(nothing)'"]


def test_an_added_bracket_is_found(real_page: bytes) -> None:
    page = changed_page(real_page, "not military talks (", "not military talks ((")
    assert compare(COPY_TEXT, page, REPO) == [
        "essay/essay.md:16 (¶4, copy-text line 17), after 'not military talks': "
        "copy-text has '(nothing)', edition has '('"]


def test_a_changed_quotation_mark_is_found(real_page: bytes) -> None:
    page = changed_page(real_page, "\"Reserve\" and", "\u201cReserve\" and")
    assert compare(COPY_TEXT, page, REPO) == [
        "essay/essay.md:16 (¶4, copy-text line 17), after 'secret matters .': "
        "copy-text has '\"', edition has '\u201c'"]
