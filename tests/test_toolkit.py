"""The toolkit for any essay: `new`, the installed command, a minimal mkdocs.yml, what git should ignore."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path
from urllib.parse import urlsplit

from editions import BUILD_SITE, REPO, run_build_site, write_files
from lxml import html

SUMMARY = re.compile(r"built 4 pages, 1 note, 1 source in \d+\.\d s → site/\n")
SCAFFOLD = [".github/workflows/pages.yml", ".gitignore", "Makefile", "essay/01-text.md", "footnotes/1.md", "mkdocs.yml",
            "pages/about.md", "sources.bib"]


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run build_site.py with the given arguments."""
    return subprocess.run([sys.executable, str(BUILD_SITE), *args], capture_output=True, text=True, check=False,
                          cwd=str(cwd))


def files_below(root: Path) -> list[str]:
    """Every file below a folder, relative, sorted."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_new_writes_an_edition_that_builds_strictly(tmp_path: Path) -> None:
    root = tmp_path / "my-edition"
    made = run("new", str(root))
    assert (made.returncode, made.stderr) == (0, "")
    assert made.stdout == f"created an edition in {root}/ (8 files); build it with: build_site.py build --root {root}\n"
    assert files_below(root) == SCAFFOLD
    built = run_build_site(root, "build", "--strict")
    assert (built.returncode, built.stderr) == (0, "")
    assert SUMMARY.fullmatch(built.stdout), built.stdout
    tree = html.parse(str(root / "site" / "index.html")).getroot()
    assert tree.xpath("//article//p[@id='p1' or @id='p2']/@id") == ["p1", "p2"]
    assert len(tree.xpath("//div[contains(@class, 'footnote')]//li")) == 1


def test_the_generated_gitignore_covers_everything_the_tools_write(tmp_path: Path) -> None:
    root = tmp_path / "ed"
    assert run("new", str(root)).returncode == 0
    assert run_build_site(root, "build", "--strict").returncode == 0
    (root / "build").mkdir()  # the live preview's folder
    (root / ".site.new-x1").mkdir()  # a killed build's work folder
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    status = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=all"],
                            capture_output=True, text=True, check=True).stdout
    assert sorted(line[3:] for line in status.splitlines()) == SCAFFOLD


def test_new_refuses_a_folder_that_holds_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    done = run("new", str(tmp_path))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"build_site.py: error: {tmp_path} exists and is not empty; choose a new folder\n"
    assert files_below(tmp_path) == ["keep.txt"]


def test_pip_install_gives_the_edition_command() -> None:
    scripts = {e.name: e.value for e in entry_points(group="console_scripts")}
    assert scripts["edition"] == "edition.cli:run"
    done = subprocess.run([str(Path(sys.executable).with_name("edition")), "check", "--root",
                           str(REPO / "tests" / "fixtures" / "mini_edition")], capture_output=True, text=True,
                          check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "checked 2 parts, 4 notes, 5 sources: no errors\n", "")


def test_the_front_without_the_dependencies_says_how_to_install_them() -> None:
    done = subprocess.run([sys.executable, "-S", str(BUILD_SITE), "check"], capture_output=True, text=True,
                          check=False, cwd=str(REPO))  # -S: no site-packages, as a bare system Python
    assert done.returncode == 2
    assert done.stderr.startswith("build_site.py: error: No module named ")
    assert "run 'make site' (it creates .venv/) or 'pip install .' first" in done.stderr


def test_without_mkdocs_yml_the_site_has_the_editions_look_and_requests_nothing_outside(tmp_path: Path) -> None:
    root = write_files(tmp_path / "ed", {
        "essay/01.md": "---\ntitle: A Title\nauthor: An Author\n---\n\nA sentence[^1].\n{: #p1 }\n",
        "footnotes/1.md": '---\nlabel: "1"\n---\nA note.\n', "sources.bib": ""})
    done = run_build_site(root, "build", "--strict")
    assert (done.returncode, done.stderr) == (0, "")
    tree = html.parse(str(root / "site" / "index.html")).getroot()
    assert re.fullmatch(r"mkdocs-1\.6\.\d+, mkdocs-material-9\.\d+\.\d+",
                        tree.xpath("string(//meta[@name='generator']/@content)"))
    assert tree.xpath("string(//title)") == "A Title"
    assert tree.xpath("//body/@data-md-color-primary") == ["indigo"]
    for page in (root / "site").rglob("*.html"):
        for url in html.parse(str(page)).getroot().xpath("//script/@src | //link/@href | //img/@src"):
            assert not urlsplit(url).netloc, f"{page.name} requests {url}"


def imported(module: str) -> set[str]:
    """The edition modules a module imports, at the top or inside functions ('site.build' for edition.site.build)."""
    tree = ast.parse((REPO / "edition" / f"{module.replace('.', '/')}.py").read_text(encoding="utf-8"))
    return {node.module.removeprefix("edition.") for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            and node.module and node.module.startswith("edition.")}


def test_the_command_line_alone_dispatches_and_nothing_imports_it() -> None:
    package = REPO / "edition"
    modules = [".".join(p.relative_to(package).with_suffix("").parts) for p in package.rglob("*.py")]
    assert [m for m in modules if "cli" in imported(m)] == []
    assert imported("site.build") & {"exports.export", "exports.offline", "serve", "new"} == set()
    assert {"site.build", "exports.export", "serve", "new"} <= imported("cli")


def test_the_command_leaves_nothing_for_the_collector_to_walk_at_exit() -> None:
    code = ("import gc, sys; from edition.cli import run; sys.argv = ['edition', 'check', '--root', sys.argv[1]]; "
            "code = run(); print(code, gc.get_freeze_count() > 10000)")
    done = subprocess.run([sys.executable, "-c", code, str(REPO / "tests" / "fixtures" / "mini_edition")],
                          capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout.splitlines()[-1]) == (0, "0 True")
