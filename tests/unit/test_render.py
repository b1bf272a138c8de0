"""edition.render.markdown: the Markdown pages and the MkDocs configuration made from a resolved edition."""
from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Callable

from edition.check.meta import EditionMeta
from edition.load.config import DEFAULTS
from edition.load.folder import load
from edition.model import Loc, Source
from edition.render.markdown import (
    cited_in,
    edition_block,
    editorial_record,
    expand_pandoc,
    indent,
    mkdocs_config,
    note_definition,
    render_essay,
    render_pages,
    render_sources,
    short_label,
)
from edition.render.registers import render_glossary, render_persons
from edition.resolve.links import Resolved, resolve

MakeEdition = Callable[..., Path]

BIB = """@book{berg-1998,
  author = {Berg, Ingrid},
  title = {Provincial Households},
  year = {1998},
}

@inbook{doc,
  title = {Letter},
  date = {1843-01-10},
  pages = {45},
  crossref = {vol},
}

@book{vol,
  title = {Pis'ma},
  shorthand = {PT II},
}
"""


def resolved(root: Path) -> Resolved:
    edition, diagnostics = load(root)
    assert diagnostics == []
    return resolve(edition)


def source_of(bib_entry: str, make_edition: MakeEdition) -> Source:
    """The one Source of a one-entry bibliography."""
    edition, _ = load(make_edition({"sources.bib": bib_entry}))
    return edition.sources[0]


def cited_edition(make_edition: MakeEdition) -> Path:
    """Two parts (the second with a heading), notes 1 and 2, note 1 citing berg twice and doc once."""
    return make_edition({
        "essay/01.md": "---\ntitle: A title\nauthor: An Author\naffiliation: Uppsala\n---\n\nA[^1].\n{: #p1 }\n",
        "essay/02.md": "---\nheading: The second bundle\n---\n\nB[^2].\n{: #p2 }\n",
        "footnotes/1.md": '---\nlabel: "1"\n---\n[Berg][@berg-1998]; [see @berg-1998, p. 3].\n\nSecond paragraph.\n',
        "footnotes/2.md": '---\nlabel: "2"\n---\n[The letter][@doc].\n',
        "sources.bib": BIB,
    })


def test_indent_continuation_lines_for_a_footnote_definition() -> None:
    assert indent("first\n\nsecond\n  third") == "    first\n\n    second\n      third"


def test_short_label_prefers_the_shorthand(make_edition: MakeEdition) -> None:
    source = source_of("@book{v,\n  author = {Berg, Ingrid},\n  year = {1998},\n  shorthand = {PT II},\n}\n",
                       make_edition)
    assert short_label(source, {}) == "PT II"


def test_short_label_of_one_two_and_three_authors(make_edition: MakeEdition) -> None:
    one = source_of("@book{a,\n  author = {Berg, Ingrid},\n  year = {1998},\n}\n", make_edition)
    two = source_of("@book{a,\n  author = {Berg, Ingrid and Holm, Per},\n  year = {1998},\n}\n", make_edition)
    three = source_of("@book{a,\n  author = {Berg, I. and Holm, P. and Ek, O.},\n  year = {1998},\n}\n",
                      make_edition)
    assert [short_label(s, {}) for s in (one, two, three)] == ["Berg 1998", "Berg and Holm 1998", "Berg et al. 1998"]


def test_short_label_falls_back_to_editors_date_and_title(make_edition: MakeEdition) -> None:
    edited = source_of("@book{a,\n  editor = {Okun, M.},\n  date = {2005-03-01},\n}\n", make_edition)
    untitled = Source("k", "misc", Loc("sources.bib"), {"title": "A Title"})
    assert (short_label(edited, {}), short_label(untitled, {}), short_label(Source("k", "misc", Loc("x"), {}), {})) == (
        "Okun 2005", "A Title", "k")


def test_pandoc_citation_becomes_a_reference_link(make_edition: MakeEdition) -> None:
    sources = {s.key: s for s in load(make_edition({"sources.bib": BIB}))[0].sources}
    assert expand_pandoc("Text [see @berg-1998, p. 3; @vol, p. 4] end.", sources) == (
        "Text see [Berg 1998, p. 3][@berg-1998]; [PT II, p. 4][@vol] end.")


def test_pandoc_citation_of_a_document_in_a_volume_names_the_volume(make_edition: MakeEdition) -> None:
    sources = {s.key: s for s in load(make_edition({"sources.bib": BIB}))[0].sources}
    assert expand_pandoc("[@doc, p. 45]", sources) == "[PT II, p. 45][@doc]"


def test_printed_words_citation_is_left_as_it_is(make_edition: MakeEdition) -> None:
    sources = {s.key: s for s in load(make_edition({"sources.bib": BIB}))[0].sources}
    assert expand_pandoc("[Berg, Letters][@berg-1998].", sources) == "[Berg, Letters][@berg-1998]."


def test_note_definition_indents_its_later_paragraphs(make_edition: MakeEdition) -> None:
    result = resolved(cited_edition(make_edition))
    sources = {s.key: s for s in result.edition.sources}
    assert note_definition(result.notes[0], sources) == (
        "[^1]: [Berg][@berg-1998]; see [Berg 1998, p. 3][@berg-1998].\n\n    Second paragraph.")


def test_essay_page_starts_with_title_byline_and_parts(make_edition: MakeEdition) -> None:
    lines = render_essay(resolved(cited_edition(make_edition))).split("\n")
    assert lines[:14] == [
        "# A title", "", "An Author (Uppsala)", "{: .byline }", "",
        "A[^1].", "{: #p1 }", "",
        "## The second bundle {: .editorial-heading }", "",
        "B[^2].", "{: #p2 }", "",
        "[^1]: [Berg][@berg-1998]; see [Berg 1998, p. 3][@berg-1998].",
    ]


def test_essay_page_defines_a_link_for_each_cited_key_once(make_edition: MakeEdition) -> None:
    lines = render_essay(resolved(cited_edition(make_edition))).split("\n")
    assert [line for line in lines if line.startswith("[@")] == [
        '[@berg-1998]: sources.md#berg-1998 "Ingrid Berg. Provincial Households. 1998."',
        '[@doc]: sources.md#doc "Letter, 1843-01-10. In: PT II, p. 45."',
    ]


def test_cited_in_links_every_citing_note_by_its_label(make_edition: MakeEdition) -> None:
    result = resolved(cited_edition(make_edition))
    assert [cited_in(result, k) for k in ("berg-1998", "doc", "vol")] == [
        " Cited in [n.&nbsp;1](index.md#fn:1).", " Cited in [n.&nbsp;2](index.md#fn:2).", ""]


def downloads(key: str) -> list[str]:
    """The lines of one entry's download links."""
    return [f"[BibTeX](cite/sources/{key}.bib){{: download }} · [CSL-JSON](cite/sources/{key}.json){{: download }} · "
            f"[RIS](cite/sources/{key}.ris){{: download }}",
            "{: .downloads }", ""]


def test_sources_page_groups_entries_and_gives_each_its_id(make_edition: MakeEdition) -> None:
    assert render_sources(resolved(cited_edition(make_edition))).split("\n") == [
        "# Sources", "",
        "All sources: [BibTeX](cite/sources.bib){: download } (biblatex as the edition keeps it, with the fields "
        "classic BibTeX reads) · [CSL-JSON](cite/sources.json){: download } (for Zotero and citeproc, with every "
        "archival location) · [RIS](cite/sources.ris){: download } (for EndNote, Mendeley and Zotero)",
        "{: .downloads }", "",
        "## Published document collections", "",
        "*Pis'ma*\\.", "Cited as PT II\\.", "{: #vol .source }", "", *downloads("vol"),
        "*Letter*, 1843\\-01\\-10\\.", "In: PT II, p\\. 45\\. Cited in [n.&nbsp;2](index.md#fn:2).",
        "{: #doc .source }", "", *downloads("doc"),
        "## Books and articles", "",
        "Ingrid Berg\\.", "*Provincial Households*\\.", "1998\\. Cited in [n.&nbsp;1](index.md#fn:1).",
        "{: #berg-1998 .source }", "", *downloads("berg-1998"),
    ]


def test_an_entry_shows_its_printed_form_and_the_fields_the_editor_supplied(make_edition: MakeEdition) -> None:
    bib = BIB.replace("  shorthand = {PT II},", "  shorthand = {PT II},\n  printed = {Pisma <i>},\n"
                      "  address = {Moskva},\n  publisher = {Nauka & Co},\n  supplied = {address, Publisher, volume},")
    own = {s.key: s for s in load(make_edition({"sources.bib": bib}))[0].sources}
    assert editorial_record(own["vol"]) == (
        " Printed as «Pisma &lt;i&gt;». Supplied by the editor: place (Moskva), publisher (Nauka &amp; Co), volume.")
    assert editorial_record(own["doc"]) == ""  # a crossref does not pass the volume's record on


def test_editor_pages_get_their_title_as_heading(make_edition: MakeEdition) -> None:
    root = make_edition({"pages/about.md": "---\ntitle: About\n---\n\nThis edition.\n\n"})
    assert render_pages(resolved(root))[PurePosixPath("about.md")] == "# About\n\nThis edition.\n"


def test_the_edition_block_links_the_exports_at_the_sites_address_and_only_there() -> None:
    meta = EditionMeta(title="T", author="A", version="2.0", site_url="https://example.org/my-edition")
    root = "https://example.org/my-edition/"
    assert edition_block(meta) == (
        "\n## This edition\n\n- **Version:** 2\\.0\n"
        f"- **Web address:** <{root}>\n"
        f"- **Download:** [PDF]({root}edition.pdf){{: download }} · [EPUB]({root}edition.epub){{: download }} · "
        f"[one HTML file]({root}edition.html){{: download }} · [TEI P5]({root}edition.tei.xml){{: download }} · "
        f"[the site for offline reading \\(zip\\)]({root}edition-site.zip){{: download }}\n")
    assert edition_block(EditionMeta(title="T", author="A", version="2.0")) == (
        "\n## This edition\n\n- **Version:** 2\\.0\n")
    assert edition_block(EditionMeta(title="T", author="A")) == ""


def test_pages_always_include_essay_sources_and_apparatus(make_edition: MakeEdition) -> None:
    names = [p.as_posix() for p in render_pages(resolved(make_edition()))]
    assert names == ["index.md", "sources.md", "apparatus.md"]


def test_config_puts_the_editors_keys_over_the_toolkits_defaults(make_edition: MakeEdition) -> None:
    root = make_edition({"mkdocs.yml": "site_name: S\ntheme:\n  palette: {primary: teal}\n  language: fr\n"
                                       "extra_css: [mine.css]\n", "mine.css": "p {}"})
    result = resolved(root)
    config = mkdocs_config(result, render_pages(result), ["_edition/edition.css", "_edition/edition.js"], "/out")
    extensions = config["markdown_extensions"]
    assert (config["site_name"], config["site_dir"], config["docs_dir"], config["strict"]) == (
        "S", "/out", "docs", True)
    assert config["theme"] == {"name": "material", "language": "fr", "font": False,
                               "features": ["navigation.footer", "search.highlight"],
                               "palette": {"primary": "teal"}}
    assert extensions[:-1] == DEFAULTS["markdown_extensions"]
    assert [list(e)[0] for e in extensions if isinstance(e, dict)][-1] == "edition.render.mdext"
    assert (config["extra_css"], config["extra_javascript"]) == (["_edition/edition.css", "mine.css"],
                                                                 ["_edition/edition.js"])
    assert config["nav"][:3] == [{"Essay": "index.md"}, {"Sources": "sources.md"}, {"Apparatus": "apparatus.md"}]


def test_a_list_ending_with_an_abbreviation_gets_no_second_full_stop(make_edition: MakeEdition) -> None:
    root = make_edition({
        "essay/01.md": "---\ntitle: T\nauthor: A\n---\n\nSueton. and Brit. Mus. are cited[^1].\n{: #p1 }\n",
        "registers/persons.yml": "- id: suet\n  name: Suetonius\n  sort: Suetonius\n"
                                 "  spellings: [Suetonius, Sueton.]\n",
        "registers/repositories.yml": "- id: bl\n  abbr: BL\n  name: British Library\n"
                                      "  printed: [British Museum, Brit. Mus.]\n"})
    result = resolve(load(root)[0])
    assert "Spelled: *Suetonius*, *Sueton\\.*  \n" in render_persons(result)
    assert "**BL**: British Library. Printed as *British Museum*, *Brit\\. Mus\\.*\n" in render_glossary(result)


def test_a_manuscript_is_cited_by_its_archive_and_call_number_with_the_archives_leaf(
        make_edition: MakeEdition) -> None:
    bib = ("@unpublished{ms,\n  author = {Gibbon, Edward},\n  title = {Draft},\n  date = {1776},\n"
           "  archive = {bl},\n  callnumber = {Add MS 34882},\n}\n")
    register = "- id: bl\n  abbr: BL\n  name: British Library\n  folio: f.\n"
    edition, _ = load(make_edition({"sources.bib": bib, "registers/repositories.yml": register}))
    sources = {s.key: s for s in edition.sources}
    archives = {r.id: r for r in edition.repositories}
    assert expand_pandoc("[@ms, 3r]; [see @ms, ff. 4-5]", sources, archives) == (
        "[BL, Add MS 34882, f. 3r][@ms]; see [BL, Add MS 34882, ff. 4-5][@ms]")
    neutral = {"bl": archives["bl"].__class__(**{**archives["bl"].__dict__, "folio": ""})}
    assert expand_pandoc("[@ms, 3r]", sources, neutral) == "[BL, Add MS 34882, fol. 3r][@ms]"


def test_the_toolkits_templates_preload_the_text_face() -> None:
    from edition.site.build import OVERRIDES

    template = (OVERRIDES / "main.html").read_text(encoding="utf-8")
    # in the first block of the head, so that the faces are asked for before the stylesheets
    assert template.index("{% block site_meta %}") < template.index('<link rel="preload"') < template.index(
        "{% block extrahead %}")
    assert '{% for face in ("400-normal", "400-italic") %}' in template
    for face in ("400-normal", "400-italic"):
        assert (OVERRIDES.parents[1] / "theme" / "fonts" / f"source-serif-4-latin-{face}.woff2").is_file()


def test_generating_pages_looks_no_pybtex_plugin_up_by_name(tmp_path: Path, monkeypatch) -> None:
    """A plugin named by a string makes pybtex scan every installed package's entry points (slow); classes do not."""
    import pybtex.plugin

    from edition.site.build import checked, generate

    looked_up: list[str] = []
    monkeypatch.setattr(pybtex.plugin, "entry_points", lambda **kwargs: looked_up.append(kwargs["group"]) or [])
    resolved, diagnostics = checked(Path(__file__).parent.parent / "fixtures" / "mini_edition", strict=True)
    assert resolved is not None and diagnostics == []
    generate(resolved, tmp_path / "docs", tmp_path / "site")
    assert looked_up == []
    assert (tmp_path / "docs" / "sources.md").read_text(encoding="utf-8").count("{: #") > 3
