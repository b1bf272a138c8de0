"""A second edition in French, with its own palette, a figure, a French archive and persons under several spellings:
it builds, and its site holds none of the Ken edition's words."""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from editions import REPO, TESTS, copy_edition, run_build_site
from lxml import html

from edition.load.folder import load
from edition.resolve.links import note_order, placed_interventions

SECOND = TESTS / "fixtures" / "second_edition"
WORD = re.compile(r"\w+(?:[.'’-]\w+)*")


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second edition copied, built and exported strictly."""
    root = copy_edition(SECOND, tmp_path_factory.mktemp("second") / "edition")
    exports = "edition-site.zip, edition.epub, edition.html, edition.pdf, edition.tei.xml"
    for command, said, folder in (("build", "built 7 pages, 2 notes, 3 sources", "site"),
                                  ("export", f"exported {exports}", "dist")):
        done = run_build_site(root, command, "--strict")
        assert (done.returncode, done.stderr) == (0, ""), done.stderr
        assert re.fullmatch(rf"{said} in \d+\.\d s → {folder}/\n", done.stdout), done.stdout
    return root


def page(root: Path, name: str) -> html.HtmlElement:
    """A page of the built site."""
    return html.parse(str(root / "site" / name)).getroot()


def words(text: str) -> set[str]:
    """The words of a text, as written."""
    return set(WORD.findall(text))


def ken_words() -> set[str]:
    """What is the Ken edition's own: names of persons and archives, source keys, its title, its corrections."""
    edition, _ = load(REPO)
    found = {s for p in edition.persons for s in (*p.spellings, p.name, p.sort)}
    found |= {r.abbr for r in edition.repositories} | {t.term for t in edition.terms}
    found |= {w for r in edition.repositories for w in words(r.name) if w[0].isupper() and len(w) > 3}
    found |= {s.key for s in edition.sources}
    found |= {w for w in words(str(edition.meta.get("title", "")) + " " + str(edition.meta.get("author", "")))
              if w[0].isupper()}
    edited = " ".join(p.item.edited for p in placed_interventions(edition, note_order(edition)) if p.item.op == "sub")
    found |= words(edited)  # the readings this edition corrected, 'guilty' among them
    return found - toolkit_words()


def toolkit_words() -> set[str]:
    """The toolkit's own vocabulary, in its code and templates ('Archives and abbreviations', 'The', …)."""
    files = [*(REPO / "edition").rglob("*.py"), *(REPO / "edition" / "exports" / "templates").glob("*")]
    return {w for path in files for w in words(path.read_text(encoding="utf-8"))}


def site_text(root: Path) -> str:
    """Everything a reader of the site can see or search: pages' text and titles, the search index, our script."""
    texts = []
    for path in sorted((root / "site").rglob("*.html")):
        tree = html.parse(str(path)).getroot()
        texts.append(tree.text_content())
        texts += tree.xpath("//@title | //@alt | //@aria-label | //@content")
    texts.append((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "site" / "_edition").glob("*.js"))]
    return "\n".join(texts)


def test_the_word_list_is_the_ken_editions() -> None:
    assert {"Beneš", "Tukhachevsky", "guilty", "Ken"} <= ken_words()


def test_no_word_of_the_ken_edition_in_its_site(second: Path) -> None:
    own = {w for p in SECOND.rglob("*") if p.is_file() and p.suffix in (".md", ".yml", ".bib")
           for w in words(p.read_text(encoding="utf-8"))}
    leaked = (ken_words() - own) & words(site_text(second))
    assert sorted(leaked) == []


def test_its_own_language_palette_and_stylesheet(second: Path) -> None:
    tree = page(second, "index.html")
    assert (tree.get("lang"), tree.xpath("string(//body/@data-md-color-primary)"),
            tree.xpath("string(//body/@data-md-color-accent)")) == ("fr", "teal", "amber")
    assert "assets/notes.css" in tree.xpath("//link[@rel='stylesheet']/@href")
    assert (second / "site" / "assets" / "notes.css").read_bytes() == (SECOND / "assets" / "notes.css").read_bytes()


def test_the_figure_with_its_alt_text_and_caption(second: Path) -> None:
    figure = page(second, "index.html").xpath("//article//figure[@class='edition-figure']")[0]
    image = figure.xpath("img")[0]
    assert (image.get("alt"), figure.xpath("string(figcaption)")) == (
        "Page de titre imprimée, réduite à quelques traits", "La page de titre de l'édition de 1748")
    assert (second / "site" / image.get("src")).read_bytes() == (SECOND / "figures" / "titre.png").read_bytes()


def test_the_figure_in_every_export(second: Path) -> None:
    with zipfile.ZipFile(second / "dist" / "edition-site.zip") as packed:
        assert packed.read("edition-site/figures/titre.png") == (SECOND / "figures" / "titre.png").read_bytes()
    single = html.parse(str(second / "dist" / "edition.html")).getroot()
    assert [src[:22] for src in single.xpath("//figure/img/@src")] == ["data:image/png;base64,"]
    assert (second / "dist" / "edition.pdf").read_bytes()[:5] == b"%PDF-"


def test_a_french_archive_and_the_persons_under_their_spellings(second: Path) -> None:
    sources = page(second, "sources.html").xpath("string(//p[@id='bnf-naf-12832'])")
    assert "NAF 12832" in sources and "Bibliothèque nationale de France" in sources
    mentions = page(second, "index.html").xpath("//a[contains(@class, 'person')]")
    assert sorted((a.text_content(), a.get("href")) for a in mentions) == [
        ("Amyot", "persons.html#amyot"), ("Plutarchus", "persons.html#plutarque"),
        ("Plutarque", "persons.html#plutarque")]


def test_glossary_terms_are_marked_where_they_occur(second: Path) -> None:
    marked = page(second, "index.html").xpath("//article//abbr")
    # in the editor's words and in the citation the build writes for the manuscript (archive, call number)
    assert [(a.text, a.get("title")) for a in marked] == [("NAF", "Nouvelles acquisitions françaises")] * 2


def test_the_fixture_is_not_changed_by_building(second: Path, tmp_path: Path) -> None:
    shutil.copytree(SECOND, tmp_path / "copy")
    assert sorted(p.name for p in (tmp_path / "copy").iterdir()) == sorted(p.name for p in SECOND.iterdir())
