"""The published BibTeX read by the tools on the other side: citation.js (Zettlr, Obsidian), classic BibTeX with
plain.bst, biber; every field the editor wrote is still there.

citation.js is installed from the npm registry into tests/node/citation-js (`npm ci` there; .ci/run does it);
bibtex and plain.bst are Debian's texlive-binaries and texlive-base. A missing tool fails, never skips.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path, PurePosixPath

import pytest
from editions import MINI, REPO, TESTS
from pybtex.database import parse_string

from edition.load.folder import load
from edition.render.downloads import ALL_BIB, FOLDER, entry_files, source_files
from edition.resolve.links import resolve

EDITIONS = {"real": REPO, "mini": MINI, "second": TESTS / "fixtures" / "second_edition"}
CITATION_JS = TESTS / "node" / "citation-js"


def tool(name: str) -> str:
    """The path of a command-line tool; its absence is a failure, not a skip."""
    path = shutil.which(name)
    assert path, f"{name} is not installed (.ci/run installs it)"
    return path


@pytest.fixture(scope="module", params=list(EDITIONS))
def published(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the edition, a folder with its cite/ downloads written out)."""
    root = EDITIONS[request.param]
    edition, diagnostics = load(root)
    assert [d for d in diagnostics if d.severity == "error"] == []
    out = tmp_path_factory.mktemp(f"cite-{request.param}")
    for path, text in source_files(resolve(edition)).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text, encoding="utf-8")
    return root, out


def bib_files(out: Path) -> list[Path]:
    """The whole file and every entry's file."""
    return [out / ALL_BIB, *sorted((out / FOLDER / "sources").glob("*.bib"))]


def test_citation_js_loads_the_whole_file_and_every_entry_with_every_date(published: tuple[Path, Path]) -> None:
    _, out = published
    assert (CITATION_JS / "node_modules").is_dir(), "run `npm ci` in tests/node/citation-js (.ci/run does it)"
    files = bib_files(out)
    done = subprocess.run([tool("node"), "load.js", *map(str, files)], capture_output=True, text=True,
                          check=True, cwd=CITATION_JS)
    results = json.loads(done.stdout)
    assert {f: r["error"] for f, r in results.items() if "error" in r} == {}
    for file in files:
        entries = parse_string(file.read_text(encoding="utf-8"), "bibtex").entries
        items = {i["id"]: i for i in results[str(file)]["items"]}
        assert sorted(items) == sorted(entries)
        undated = [k for k, e in entries.items() if (e.fields.get("date") or e.fields.get("year"))
                   and not items[k].get("issued")]
        assert undated == []
        assert [k for k, e in entries.items() if e.fields.get("langid") and not items[k].get("language")] == []


def bibtex_log(bib: Path, tmp_path: Path) -> tuple[int, str]:
    """classic BibTeX with plain.bst over every entry of a file: (exit status, its log)."""
    shutil.copy(bib, tmp_path / "s.bib")
    (tmp_path / "a.aux").write_text("\\citation{*}\n\\bibdata{s}\n\\bibstyle{plain}\n", encoding="utf-8")
    done = subprocess.run([tool("bibtex"), "a"], capture_output=True, text=True, check=False, cwd=tmp_path)
    return done.returncode, (tmp_path / "a.blg").read_text(encoding="utf-8")


def test_classic_bibtex_reads_every_file_without_error_and_finds_every_year_and_journal(
        published: tuple[Path, Path], tmp_path: Path) -> None:
    _, out = published
    for number, file in enumerate(bib_files(out)):
        (tmp_path / str(number)).mkdir()
        status, log = bibtex_log(file, tmp_path / str(number))
        assert (file.name, status < 2, re.findall(r"(?im)^.*error.*$", log)) == (file.name, True, [])
        entries = parse_string(file.read_text(encoding="utf-8"), "bibtex").entries
        dated = {k.lower() for k, e in entries.items() if e.fields.get("date") or e.fields.get("year")}
        journals = {k.lower() for k, e in entries.items() if e.fields.get("journaltitle")}
        assert [k for k in re.findall(r"empty year in (\S+)", log) if k.lower() in dated] == []
        assert [k for k in re.findall(r"empty journal in (\S+)", log) if k.lower() in journals] == []
        assert "bad cross reference" not in log


def test_every_field_the_editor_wrote_is_in_the_downloads(published: tuple[Path, Path]) -> None:
    root, out = published
    written = parse_string((root / "sources.bib").read_text(encoding="utf-8"), "bibtex").entries
    whole = parse_string((out / ALL_BIB).read_text(encoding="utf-8"), "bibtex").entries
    lost = []
    for key, entry in written.items():
        single = parse_string((out / entry_files(key)[0]).read_text(encoding="utf-8"), "bibtex").entries
        for copy in (whole[key], single[key]):
            fields = {k.lower(): v for k, v in copy.fields.items()}
            for name, value in entry.fields.items():
                kept = fields.get(name.lower()) or (fields.get("xref") if name.lower() == "crossref" else None)
                if kept != value:
                    lost.append((key, name))
            if {r: [str(p) for p in ps] for r, ps in entry.persons.items()} != {
                    r: [str(p) for p in ps] for r, ps in copy.persons.items() if r in entry.persons}:
                lost.append((key, "persons"))
        parent = entry.fields.get("crossref")
        assert parent is None or parent in single
    assert lost == []


def biber_warnings(bib: Path, tmp_path: Path) -> set[str]:
    """biber's data-model warnings for a .bib file, without the entry's name."""
    shutil.copy(bib, tmp_path / "sources.bib")
    done = subprocess.run([tool("biber"), "--tool", "--validate-datamodel", "sources.bib"], capture_output=True,
                          text=True, check=True, cwd=tmp_path)
    return {re.sub(r"^.*\(sources\.bib\): ", "", line) for line in (done.stdout + done.stderr).splitlines()
            if re.match(r"(WARN|ERROR) - ", line) and "WARNINGS:" not in line}


def test_biber_finds_nothing_new_in_the_published_file_but_the_classic_journal_alias(
        published: tuple[Path, Path], tmp_path: Path) -> None:
    root, out = published
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    before = biber_warnings(root / "sources.bib", tmp_path / "a")
    after = biber_warnings(out / PurePosixPath(ALL_BIB), tmp_path / "b")
    # the classic aliases biber's data model does not hold: journal (journaltitle), address (location)
    assert after - before <= {"Field 'journal' invalid in data model - ignoring",
                              "Field 'address' invalid in data model - ignoring"}
