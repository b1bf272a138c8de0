"""A second edition in French, with its own palette, a figure, a French archive and persons under several spellings,
two authors, ten parts, a @collection with biblatex's fields and a figure wider than the page: it builds, and its
site holds none of the Ken edition's words."""
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
    for command, said, folder in (("build", "built 7 pages, 3 notes, 4 sources", "site"),
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
    assert [src[:22] for src in single.xpath("//figure/img/@src")] == ["data:image/png;base64,"] * 2
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


def test_two_authors_in_the_head_the_cite_files_and_the_epub(second: Path) -> None:
    tree = page(second, "index.html")
    assert tree.xpath("//meta[@name='citation_author']/@content") == ["Montesquieu", "Jean-Baptiste de Secondat"]
    assert tree.xpath("string(//p[contains(@class, 'byline')])") == "Montesquieu and Jean-Baptiste de Secondat"
    bib = (second / "site" / "cite" / "edition.bib").read_text(encoding="utf-8")
    assert 'author = "Montesquieu and de Secondat, Jean-Baptiste"' in bib
    with zipfile.ZipFile(second / "dist" / "edition.epub") as packed:
        package = packed.read("OEBPS/package.opf").decode("utf-8")
    assert re.findall(r"<dc:creator id=\"(author-\d)\">([^<]*)<", package) == [
        ("author-1", "Montesquieu"), ("author-2", "Jean-Baptiste de Secondat")]


def test_the_text_s_label_and_ten_parts_in_the_order_of_their_numbers(second: Path) -> None:
    tree = page(second, "index.html")
    titles = [" ".join(a.text_content().split()) for a in tree.xpath("//nav//a")]
    assert {"Chapitre", "Sources et bibliographie", "Apparat critique"} <= set(titles)
    assert "Essay" not in titles and "Sources" not in titles
    assert tree.xpath("//article//p[starts-with(@id, 'p')]/@id") == [f"p{n}" for n in range(1, 13)]


def test_a_collection_with_biblatex_fields(second: Path) -> None:
    text = page(second, "sources.html").xpath("string(//p[@id='lois-recueil'])")
    assert text.split("\n")[:5] == [
        "Roger Caillois and Robert Derathé, eds.", "Bibliothèque de la Pléiade.",
        "Œuvres complètes: Textes présentés et annotés. Avec un index, vol. 2.", "Paris, Gallimard, 1951.",
        "2 vols., 1812 pp. Originally published Genève, 1748. Cited in n.\xa02."]


def test_every_figure_in_the_epub_and_epubcheck_and_check_built_catch_a_missing_one(second: Path,
                                                                                    tmp_path: Path) -> None:
    from edition.exports.epubcheck import epubcheck_errors

    epub = second / "dist" / "edition.epub"
    with zipfile.ZipFile(epub) as packed:
        members = {name: packed.read(name) for name in packed.namelist()}
    for name in ("titre.png", "bande.png"):
        assert members[f"OEBPS/figures/{name}"] == (SECOND / "figures" / name).read_bytes()
    assert epubcheck_errors(epub.read_bytes()) == []
    broken = tmp_path / "dist" / "edition.epub"
    broken.parent.mkdir()
    with zipfile.ZipFile(broken, "w") as packed:
        for name, data in members.items():
            if name != "OEBPS/figures/bande.png":
                packed.writestr(name, data)
    found = epubcheck_errors(broken.read_bytes())
    assert found and all(line.startswith("ERROR(") for line in found)
    assert any("RSC-001" in line and "figures/bande.png" in line for line in found), found
    shutil.copytree(second / "site", tmp_path / "site")
    done = run_build_site(second, "check", "--built", "--out", str(tmp_path / "site"))
    assert done.returncode == 1
    assert [line for line in done.stderr.splitlines() if "bande" in line] == [
        "dist/edition.epub/OEBPS/essay.xhtml:24: error: link to a missing page 'figures/bande.png' [link-check]",
        "dist/edition.epub/OEBPS/package.opf:30: error: manifest item: a missing page 'figures/bande.png' "
        "[link-check]"]
