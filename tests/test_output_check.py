"""The output check inside `build` and `export`: an output holding what the toolkit did not ship is refused, located,
with exit 1, and the previous output stays as it was.

A gap in the sanitising of content is simulated by a step that writes a script into every built page (or into
edition.html) after it is made: what the output check must catch whatever let it through.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from editions import copy_mini, snapshot, write_files

from edition import cli
from edition.exports import export
from edition.site import build
from edition.site.csp import with_csp

INJECTED = "<script>alert(document.domain)</script>"
MINI_PAGES = ("404.html", "about.html", "apparatus.html", "chronology.html", "glossary.html", "index.html",
              "sources.html")


def with_injection(page: str) -> str:
    """A page with its policy and a script no template ships, as a sanitizer gap would leave it."""
    return with_csp(page).replace("<head>", f"<head>{INJECTED}", 1)


def test_a_built_page_with_an_injected_script_fails_the_build_and_keeps_the_previous_site(
        mini_built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "edition"
    shutil.copytree(mini_built, root)
    before = snapshot(root / "site")
    monkeypatch.setattr(build, "with_csp", with_injection)

    code = cli.main(["build", "--root", str(root)])

    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err == "".join(f"site/{name}:4: error: inline script not shipped by the theme or the edition "
                          "[unsafe-output]\n" for name in MINI_PAGES) + "7 errors, 0 warnings; nothing written.\n"
    assert snapshot(root / "site") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edition"]


def test_an_export_with_an_injected_script_fails_and_keeps_the_previous_exports(
        mini_built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "edition"
    shutil.copytree(mini_built, root)
    dist = root / "dist"
    dist.mkdir()
    (dist / "edition.html").write_text("the previous export\n", encoding="utf-8")
    made, pages = export.single_html, []

    def injected(*args: object) -> str:
        pages.append(made(*args).replace("</body>", f"{INJECTED}</body>"))  # type: ignore[arg-type]
        return pages[-1]

    monkeypatch.setattr(export, "single_html", injected)

    code = cli.main(["export", "--root", str(root)])

    out, err = capsys.readouterr()
    line = pages[0][:pages[0].index(INJECTED)].count("\n") + 1
    assert (code, out) == (1, "")
    assert err == (f"dist/edition.html:{line}: error: inline script not shipped by the theme or the edition "
                   "[unsafe-output]\n1 error, 0 warnings; nothing written.\n")
    assert snapshot(dist) == {"edition.html": b"the previous export\n"}


def test_the_editor_s_own_script_passes_the_build_and_check_built_as_the_toolkit_s_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_mini(tmp_path / "edition")
    write_files(root, {"assets/mine.js": "document.documentElement.classList.add('mine');\n"})
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("extra_javascript: [assets/mine.js]\n")

    assert cli.main(["build", "--root", str(root)]) == 0
    (root / "site" / "assets" / "other.js").write_text("alert(1)\n", encoding="utf-8")  # named by no one
    assert cli.main(["check", "--built", "--root", str(root)]) == 1

    err = capsys.readouterr().err
    assert err == ("assets/other.js:1: error: script file not shipped by the theme or the edition [unsafe-output]\n"
                   "0 link problems in site/\n1 unsafe item in site/\n")
    assert '<script src="assets/mine.js"></script>' in (root / "site" / "index.html").read_text(encoding="utf-8")
