"""Shared fixtures and helpers: the mini edition, small inline editions, builds, golden files."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Mapping

import pytest

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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current output instead of comparing with it")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden files are to be rewritten rather than compared."""
    return bool(request.config.getoption("--update-golden"))


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


@pytest.fixture
def make_edition(tmp_path: Path) -> Callable[..., Path]:
    """Write BASE_FILES with some files replaced (None removes one); return the edition's root."""
    def make(files: Mapping[str, str | bytes | None] | None = None, base: bool = True) -> Path:
        root = tmp_path / "edition"
        root.mkdir(exist_ok=True)
        write_files(root, {**(BASE_FILES if base else {}), **(files or {})})
        return root
    return make


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


@pytest.fixture(scope="session")
def mini_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini edition copied and built once per session (strictly); its site/ is in place."""
    root = copy_mini(tmp_path_factory.mktemp("mini") / "edition")
    done = run_build_site(root, "build", "--strict")
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return root
