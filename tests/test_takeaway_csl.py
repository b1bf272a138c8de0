"""The generated CSL-JSON as citeproc (pandoc's) and Zotero read it: note and addendum apart, BCP 47 languages,
titles that keep the case the editor wrote, the archive's place where Zotero keeps it."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from editions import MINI, REPO, TESTS
from lxml import html

from edition.check.fields import plain_field
from edition.load.folder import load
from edition.render.csl_case import BCP47, rich_title
from edition.render.downloads import csl_items
from edition.resolve.links import resolve

EDITIONS = {"real": REPO, "mini": MINI, "second": TESTS / "fixtures" / "second_edition"}


@pytest.fixture(scope="module", params=list(EDITIONS))
def items(request: pytest.FixtureRequest) -> tuple[dict[str, dict], dict]:
    """(CSL items by key, each entry's fields by key as the CSL item reads them: a volume's inherited)."""
    edition, _ = load(EDITIONS[request.param])
    resolved = resolve(edition)
    return csl_items(resolved), {key: dict(entry.fields) for key, entry in resolved.entries.items()}


def test_note_and_addendum_are_lines_of_their_own_and_the_archive_place_is_in_zoteros_extra(
        items: tuple[dict[str, dict], dict]) -> None:
    csl, fields = items
    for key, item in csl.items():
        own = fields[key]
        expected = [plain_field(own[n]) for n in ("note", "addendum") if own.get(n)]
        expected += [f"archive-place: {item['archive-place']}"] if item.get("archive-place") else []
        assert item.get("note", "").split("\n") == (expected or [""]), key


def test_every_language_is_a_bcp_47_tag(items: tuple[dict[str, dict], dict]) -> None:
    csl, fields = items
    assert [k for k, i in csl.items() if fields[k].get("langid") and not BCP47.fullmatch(i.get("language", ""))] == []


def test_titles_are_rich_text_whose_words_are_the_editors() -> None:
    assert rich_title("The {Russian} Mystery", "en") == 'The <span class="nocase">Russian</span> Mystery'
    assert rich_title("Krasnaya zvezda", "en") == '<span class="nocase">Krasnaya zvezda</span>'
    assert rich_title("Zapis' besedy {Aroseva}", "ru") == "Zapis' besedy Aroseva"
    assert rich_title("Letters & {Papers}", "") == 'Letters &amp; <span class="nocase">Papers</span>'


@pytest.mark.parametrize("name", ["real", "mini"])
def test_citeproc_prints_every_title_as_the_editor_wrote_it(name: str, tmp_path: Path) -> None:
    edition, _ = load(EDITIONS[name])
    csl = csl_items(resolve(edition))
    (tmp_path / "s.json").write_text(json.dumps(list(csl.values()), ensure_ascii=False), encoding="utf-8")
    (tmp_path / "a.md").write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
    pandoc = shutil.which("pandoc")
    assert pandoc
    out = subprocess.run([pandoc, "a.md", "--citeproc", "--bibliography=s.json", "--to=plain", "--wrap=none"],
                         capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    text = " ".join(out.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").split())
    recased = []
    for key, item in csl.items():
        for variable in ("title", "container-title"):
            if item.get(variable):
                plain = str(html.fragment_fromstring(item[variable], create_parent="span").text_content())
                plain = re.sub(r"\.$", "", plain.replace("\u2019", "'"))
                if plain not in text:
                    recased.append((key, plain))
    assert recased == []
