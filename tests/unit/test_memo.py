"""edition.load.memo and its use: pybtex's products recalled by a rebuild exactly as it would make them."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from pybtex.database import Entry, Person

from edition.load import folder as load_module
from edition.load.folder import load_memo, toolkit_stamp
from edition.load.memo import MEMO_FILE, Memo, checksum, entry_inputs, memo_text, parse_memo
from edition.render import markdown as render
from edition.site.build import checked, generate

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini_edition"
STAMP = "toolkit-1"


def test_a_memo_file_gives_back_its_values() -> None:
    values = {"b": ["*Title*.", "Title."], "a": {"id": "k", "issued": {"date-parts": [[1937]]}}}
    memo = parse_memo(memo_text(STAMP, values), STAMP)
    assert memo == Memo(STAMP, values)


@pytest.mark.parametrize("text", [
    None, "", "not json", "[]", '{"stamp": "toolkit-1"}',
    memo_text("toolkit-0", {"a": "x"}),  # made by another toolkit
    memo_text(STAMP, {"a": "x"}).replace('"x"', '"y"'),  # a value damaged, its checksum not
    json.dumps({"stamp": STAMP, "check": checksum({}), "values": []}),
], ids=["missing", "empty", "not-json", "not-a-mapping", "no-values", "other-toolkit", "damaged", "values-not-a-map"])
def test_a_missing_damaged_or_foreign_memo_is_ignored_whole(text: str | None) -> None:
    assert parse_memo(text, STAMP) == Memo(STAMP)


def test_recall_reads_a_kept_value_and_makes_only_a_missing_one() -> None:
    made: list[str] = []
    memo = Memo(STAMP, {Memo(STAMP).digest("kind", ["kept"]): "from the memo"})

    def make(value: str) -> str:
        made.append(value)
        return value

    assert memo.recall("kind", ["kept"], lambda: make("new"), str.upper) == (memo.digest("kind", ["kept"]),
                                                                             "FROM THE MEMO")
    assert memo.recall("kind", ["other"], lambda: make("new"), str.upper) == (memo.digest("kind", ["other"]), "new")
    assert made == ["new"]


def entry(**changes: object) -> tuple[str, Entry]:
    """A key and an entry, with one thing changed."""
    fields = {"title": "Provincial {Households}", "year": "1998", **changes.get("fields", {})}  # type: ignore[dict-item]
    people = changes.get("author", "Berg, Ingrid")
    made = Entry(str(changes.get("type", "book")), fields=fields, persons={"author": [Person(str(people))]})
    return str(changes.get("key", "berg-1998")), made


def test_the_digest_changes_with_everything_formatting_reads() -> None:
    memo = Memo(STAMP)
    digests = [memo.digest("format", entry_inputs(*entry(**change))) for change in (
        {}, {"key": "berg-1999"}, {"type": "inbook"}, {"fields": {"year": "1999"}},
        {"fields": {"title": "Provincial Households"}}, {"fields": {"pages": "12"}},
        {"author": "Berg, Ingrid Maria"}, {"author": "von Berg, Ingrid"}, {"author": "Berg, Jr., Ingrid"})]
    digests += [memo.digest("csl", entry_inputs(*entry())), Memo("toolkit-2").digest("format", entry_inputs(*entry()))]
    assert len(set(digests)) == len(digests) == 11
    assert memo.digest("format", entry_inputs(*entry())) == digests[0]  # and nothing else


def test_the_toolkit_stamp_follows_pybtex_and_latexcodec(monkeypatch: pytest.MonkeyPatch) -> None:
    stamp = toolkit_stamp()
    assert toolkit_stamp() == stamp
    for package in ("pybtex", "latexcodec"):
        real = load_module.metadata.version
        monkeypatch.setattr(load_module.metadata, "version", lambda name, p=package: "0" if name == p else real(name))
        assert toolkit_stamp() != stamp
        monkeypatch.undo()


def test_the_toolkit_stamp_follows_the_toolkit_code() -> None:
    module = Path(load_module.__file__).parents[1] / "render" / "style.py"
    status, stamp = module.stat(), toolkit_stamp()
    try:
        os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))  # as an edit leaves it
        assert toolkit_stamp() != stamp
    finally:
        os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert toolkit_stamp() == stamp


def generated(root: Path, docs: Path) -> dict[str, bytes]:
    """Generate MkDocs' input for an edition; every file made, by path below the folder that holds docs/."""
    resolved, diagnostics = checked(root, True)
    assert resolved is not None, diagnostics
    generate(resolved, docs, Path("/site"))  # one site folder for all: mkdocs.yml names it
    return {p.relative_to(docs.parent).as_posix(): p.read_bytes() for p in sorted(docs.parent.rglob("*"))
            if p.is_file() and p.name != MEMO_FILE}


def test_a_rebuild_formats_only_the_entries_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(shutil.copytree(MINI, tmp_path / "edition"))
    formatted: list[str] = []
    real = render.format_source

    def counted(style: render.EditionStyle, key: str, made: Entry) -> render.Formatted:
        formatted.append(key)
        return real(style, key, made)

    monkeypatch.setattr(render, "format_source", counted)
    first = generated(root, tmp_path / "kept" / "docs")
    entries = len(formatted)
    assert entries == 5 and len(load_memo(tmp_path / "kept").kept) == 2 * entries + 1  # formatted, CSL, the cite
    formatted.clear()
    assert generated(root, tmp_path / "kept" / "docs") == first and formatted == []
    bib = root / "sources.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("Two bundles", "Three bundles"), encoding="utf-8")
    again = generated(root, tmp_path / "kept" / "docs")
    assert formatted == ["okun-2005"]
    assert again == generated(root, tmp_path / "fresh" / "docs")  # the same pages as without a memo
    assert b"Three bundles" in again["docs/sources.md"] and len(load_memo(tmp_path / "kept").kept) == 11


def test_a_damaged_memo_is_not_read(tmp_path: Path) -> None:
    root = Path(shutil.copytree(MINI, tmp_path / "edition"))
    reference = generated(root, tmp_path / "reference" / "docs")
    generated(root, tmp_path / "kept" / "docs")
    memo = tmp_path / "kept" / MEMO_FILE
    memo.write_text(memo.read_text(encoding="utf-8").replace("Two bundles", "<script>alert(1)</script>"),
                    encoding="utf-8")
    assert generated(root, tmp_path / "kept" / "docs") == reference
    assert "Two bundles" in memo.read_text(encoding="utf-8")  # and written whole again


@pytest.mark.parametrize("shape", [5, "text", ["one"], [1, 2], {"a": 1}, None],
                         ids=["number", "text", "one-string", "numbers", "mapping", "null"])
def test_a_memo_of_the_wrong_shape_with_a_right_checksum_is_ignored_whole(tmp_path: Path, shape: object) -> None:
    """A memo written by hand or by another program: every value replaced by one of the wrong shape for its
    step, the checksum made to match; the build makes every value anew, the same pages as without a memo."""
    root = Path(shutil.copytree(MINI, tmp_path / "edition"))
    reference = generated(root, tmp_path / "reference" / "docs")
    generated(root, tmp_path / "kept" / "docs")
    memo = tmp_path / "kept" / MEMO_FILE
    kept = load_memo(tmp_path / "kept")
    wrong = {digest: shape for digest in kept.kept}
    memo.write_text(memo_text(kept.stamp, wrong), encoding="utf-8")
    assert parse_memo(memo.read_text(encoding="utf-8"), kept.stamp).kept == wrong  # the checksum is right
    assert generated(root, tmp_path / "kept" / "docs") == reference
    assert load_memo(tmp_path / "kept").kept == kept.kept  # and written whole again
