"""Helpers shared by the tests: the mini edition, small inline editions, builds with the real command line."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Mapping

from edition.load.folder import CONTENT
from edition.site.write import copy_content

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
BUILD_SITE = REPO / "build_site.py"
MINI = TESTS / "fixtures" / "mini_edition"
BROKEN = TESTS / "fixtures" / "broken"
GOLDEN = TESTS / "golden" / "mini_edition"

# The smallest valid edition: one part with one paragraph and one note, no sources.
BASE_FILES: dict[str, str] = {
    "mkdocs.yml": "site_name: Test edition\n",
    "essay/01.md": "---\ntitle: A title\nauthor: An Author\n---\n\nA sentence[^1].\n{: #p1 }\n",
    "footnotes/1.md": '---\nlabel: "1"\n---\nA note.\n',
    "sources.bib": "",
}


def write_files(root: Path, files: Mapping[str, str | bytes | None]) -> Path:
    """Write files below root (str as UTF-8, bytes as they are); None deletes a file."""
    for rel, content in files.items():
        path = root / rel
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def run_build_site(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python build_site.py COMMAND --root ROOT ...` as an editor would."""
    command = [sys.executable, str(BUILD_SITE), *args, "--root", str(root)]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=str(REPO))


def copy_mini(target: Path) -> Path:
    """A fresh copy of the mini edition (content only)."""
    shutil.copytree(MINI, target)
    return target


def overlay(case: Path, root: Path) -> None:
    """Apply a broken case to an edition: copy its files; 'NAME.delete' deletes NAME."""
    for path in sorted(case.rglob("*")):
        rel = path.relative_to(case)
        if path.is_dir() or rel.as_posix() == "expected.txt":
            continue
        if path.name.endswith(".delete"):
            target = root / rel.parent / path.name[: -len(".delete")]
            assert target.is_file(), f"{case.name}: nothing to delete at {target.relative_to(root)}"
            target.unlink()
        else:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, root / rel)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below a folder, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_edition(source: Path, target: Path) -> Path:
    """Copy an edition's content files (not its outputs) into a new folder."""
    return copy_content(source, target, CONTENT)
