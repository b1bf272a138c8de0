"""Fixtures and options shared by the tests; the helpers they use live in editions.py."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Callable, Mapping

import pytest
from editions import BASE_FILES, REPO, copy_edition, copy_mini, run_build_site, write_files
from exported import git, run_export
from lxml import html

from edition.exports import export as ex


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current output instead of comparing with it")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden files are to be rewritten rather than compared."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def make_edition(tmp_path: Path) -> Callable[..., Path]:
    """Write BASE_FILES with some files replaced (None removes one); return the edition's root."""
    def make(files: Mapping[str, str | bytes | None] | None = None, base: bool = True) -> Path:
        root = tmp_path / "edition"
        root.mkdir(exist_ok=True)
        write_files(root, {**(BASE_FILES if base else {}), **(files or {})})
        return root
    return make


@pytest.fixture(scope="session")
def mini_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini edition copied and built once per session (strictly); its site/ is in place."""
    root = copy_mini(tmp_path_factory.mktemp("mini") / "edition")
    done = run_build_site(root, "build", "--strict")
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return root


@pytest.fixture(scope="session")
def real_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition's content copied (no lock shared with other builds) and exported once per session.
    Tests read it and unpack the zip elsewhere; none writes into it."""
    root = copy_edition(REPO, tmp_path_factory.mktemp("real") / "edition")
    out = tmp_path_factory.mktemp("export") / "dist"
    done = run_build_site(root, "export", "--out", str(out))
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return out



@pytest.fixture(scope="session")
def real_unzipped(real_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition's edition-site.zip unzipped somewhere else, as a reader would (tests only read it)."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(real_dist / "edition-site.zip") as archive:
        archive.extractall(target)
    return target / "edition-site"

# The real edition exported (tests/test_export*.py): once for the session, shared by the files that read it.
@pytest.fixture(scope="session")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition's content, committed in a repository of its own (no lock or edit shared with others)."""
    root = copy_edition(REPO, tmp_path_factory.mktemp("edition") / "edition")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The edition")
    return root


@pytest.fixture(scope="session")
def dists(edition: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The real edition exported twice from the same commit."""
    outs = (tmp_path_factory.mktemp("export-1") / "dist", tmp_path_factory.mktemp("export-2") / "dist")
    for out in outs:
        done = run_export(edition, out)
        assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return outs


@pytest.fixture(scope="session")
def dist(dists: tuple[Path, Path]) -> Path:
    return dists[0]


@pytest.fixture(scope="session")
def single(dist: Path) -> html.HtmlElement:
    """edition.html, parsed."""
    return html.document_fromstring((dist / ex.HTML_NAME).read_bytes())
