"""A way in: `edition import` makes an edition from a manuscript with footnotes (Markdown as pandoc writes
it, and a .docx made here by pandoc) that builds under --strict at once."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from editions import BUILD_SITE, REPO
from lxml import html

MANUSCRIPT = REPO / "tests" / "fixtures" / "manuscript" / "frontier-chapter.md"
SUMMARY = "built 4 pages, 12 notes, 0 sources in"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BUILD_SITE), *args], capture_output=True, text=True,
                          cwd=str(REPO), check=False)


def imported_and_built(source: Path, root: Path) -> Path:
    done = run("import", str(source), str(root))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"imported {source.name}: 2 part(s), 7 paragraphs, 12 notes; created an edition "
                                  f"in {root}/ (20 files)")
    built = run("build", "--strict", "--root", str(root))
    assert (built.returncode, built.stderr) == (0, "")
    assert built.stdout.startswith(SUMMARY)
    return root


def test_a_markdown_manuscript_with_twelve_footnotes_becomes_an_edition(tmp_path: Path) -> None:
    root = imported_and_built(MANUSCRIPT, tmp_path / "chapter")
    assert sorted(p.name for p in (root / "essay").iterdir()) == ["01-the-building-of-the.md", "02-the-garrisons.md"]
    assert sorted(int(p.stem) for p in (root / "footnotes").iterdir()) == list(range(1, 13))
    assert (root / "footnotes" / "2.md").read_text(encoding="utf-8") == (
        '---\nlabel: "2"\n---\nTwenty such slabs are known; most are now in one museum.\n\n'
        "Two were found in the nineteenth century and lost again.\n")
    first = (root / "essay" / "01-the-building-of-the.md").read_text(encoding="utf-8")
    assert first.startswith('---\ntitle: "The Wall and its Garrisons"\nauthor: "The author"\n'
                            'heading: "The building of the wall"\n---\n\n')
    page = html.parse(str(root / "site" / "index.html")).getroot()
    assert page.xpath("//article//p[starts-with(@id, 'p')]/@id") == [f"p{n}" for n in range(1, 8)]
    assert len(page.xpath("//div[contains(@class, 'footnote')]//li")) == 12


def test_a_docx_made_by_pandoc_becomes_the_same_edition(tmp_path: Path) -> None:
    docx = tmp_path / "frontier-chapter.docx"
    subprocess.run(["pandoc", "--from", "markdown", "--to", "docx", "-o", str(docx), str(MANUSCRIPT)], check=True)
    root = imported_and_built(docx, tmp_path / "from-docx")
    from_markdown = run("import", str(MANUSCRIPT), str(tmp_path / "from-md"))
    assert from_markdown.returncode == 0
    for name in ("footnotes/2.md", "footnotes/12.md", "mkdocs.yml"):
        assert (root / name).read_text(encoding="utf-8") == (tmp_path / "from-md" / name).read_text(encoding="utf-8")


def test_import_refuses_a_missing_file_another_format_and_a_folder_that_holds_files(tmp_path: Path) -> None:
    missing = run("import", str(tmp_path / "none.md"))
    assert (missing.returncode, missing.stderr) == (2, f"build_site.py: error: no such file: {tmp_path}/none.md\n")
    odt = tmp_path / "chapter.odt"
    odt.write_bytes(b"x")
    done = run("import", str(odt))
    assert (done.returncode, done.stderr) == (2, "build_site.py: error: cannot import 'chapter.odt': a Markdown "
                                                 "file (.md) or a Word file (.docx) is needed\n")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    done = run("import", str(MANUSCRIPT), str(tmp_path / "full"))
    assert (done.returncode, done.stderr) == (
        2, f"build_site.py: error: {tmp_path / 'full'} exists and is not empty; choose a new folder\n")
