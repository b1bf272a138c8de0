"""The package's layout: no import circle between our modules, and no file of our own too long to read."""
from __future__ import annotations

from pathlib import Path

import grimp
import pytest

from edition.load.folder import load_assets

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400


def circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every import circle between modules, each found once by a depth-first walk (empty when there is none)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the walk's path, 2: done

    def walk(module: str, path: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if state.get(imported) == 1:
                found.append(path[path.index(imported):] + [imported])
            elif imported not in state:
                walk(imported, path + [imported])
        state[module] = 2

    for module in sorted(graph.modules):
        if module not in state:
            walk(module, [module])
    return found


def test_no_module_imports_itself_through_others() -> None:
    """Lazy imports count too: a circle hidden in a function is still a circle."""
    assert circles(grimp.build_graph("edition")) == []


def test_the_circle_finder_finds_a_circle() -> None:
    graph = grimp.ImportGraph()
    for importer, imported in (("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")):
        graph.add_import(importer=importer, imported=imported)
    assert circles(graph) == [["a", "b", "c", "a"]]


def own_files() -> list[Path]:
    """Our own .py, .js and .css files: not the vendored ones, not generated output."""
    folders = [ROOT / "edition", ROOT / "tests", ROOT / "bench"]
    files = [ROOT / "build_site.py"]
    for folder in folders:
        files += [p for p in folder.rglob("*") if p.suffix in (".py", ".js", ".css") and p.is_file()]
    vendored = (ROOT / "edition" / "vendor", ROOT / "tests" / "vendor")
    return sorted(p for p in files if not any(p.is_relative_to(v) for v in vendored) and "__pycache__" not in p.parts
                  and "node_modules" not in p.parts)  # npm's packages for the tests (tests/node/*/)


def test_no_own_file_passes_400_lines() -> None:
    """A file longer than this holds more than one concern: split it (edition/theme/js/, css/ show how)."""
    long = {p.relative_to(ROOT).as_posix(): n for p in own_files()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


@pytest.mark.parametrize(("folder", "name"), [("js", "edition.js"), ("css", "edition.css")])
def test_the_parts_joined_in_name_order_are_the_one_file_the_site_ships(
        mini_built: Path, folder: str, name: str) -> None:
    """The reader's script and stylesheet are kept in parts (theme/js/, theme/css/) and shipped as one file."""
    parts = sorted((ROOT / "edition" / "theme" / folder).glob(f"*.{folder}"))
    assert [p.name[:3] for p in parts] == [f"{n:02}-" for n in range(1, len(parts) + 1)]
    joined = b"".join(p.read_bytes() for p in parts)
    assert load_assets()[name] == joined
    assert (mini_built / "site" / "_edition" / name).read_bytes() == joined
    assert not any(n.startswith(f"{folder}/") for n in load_assets())  # the parts themselves are not shipped
    assert not any((mini_built / "site" / "_edition" / folder).glob("*"))
