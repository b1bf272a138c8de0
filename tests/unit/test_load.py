"""edition.load.folder: reading an edition's folder into records, with located diagnostics."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
import yaml

from edition.load.folder import load, load_assets
from edition.load.reader import node_lines, parse_yaml
from edition.model import Loc

MakeEdition = Callable[..., Path]


def messages(root: Path) -> list[str]:
    """The load stage's diagnostics, as printed."""
    return [str(d) for d in load(root)[1]]


def test_base_edition_loads_without_diagnostics(make_edition: MakeEdition) -> None:
    assert messages(make_edition()) == []


def test_front_matter_and_body_are_split_with_their_lines(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": "---\ntitle: T\nauthor: A\n---\nFirst line.\n{: #p1 }\n"})
    file = load(root)[0].parts[0].file
    assert (file.loc, dict(file.meta), dict(file.meta_lines), file.body, file.body_line) == (
        Loc("essay/01.md", 1), {"title": "T", "author": "A"}, {"title": 2, "author": 3},
        "First line.\n{: #p1 }\n", 5)


def test_byte_order_mark_and_crlf_are_accepted(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": b'\xef\xbb\xbf---\r\nlabel: "1"\r\n---\r\nA note.\r\nSecond line.\r\n'})
    edition, diagnostics = load(root)
    note = edition.notes[0]
    assert (diagnostics, note.label, note.file.body, note.file.body_line) == ([], "1", "A note.\nSecond line.\n", 4)


def test_old_mac_line_endings_are_accepted(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": b'---\rlabel: "1"\r---\rA note.\r'})
    assert load(root)[0].notes[0].file.body == "A note.\n"


def test_invalid_utf8_is_reported_on_the_line_of_the_byte(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": b'---\nlabel: "1"\n---\nA caf\xe9 note.\n'})
    assert messages(root) == [
        "footnotes/1.md:4: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8 [encoding]"]


def test_file_without_front_matter(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": "A note without front matter.\n"})
    assert messages(root) == [
        "footnotes/1.md:1: error: file must start with YAML front matter ('---') [front-matter-missing]"]


def test_unclosed_front_matter(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": '---\nlabel: "1"\nA note.\n'})
    assert messages(root) == ["footnotes/1.md:1: error: front matter is not closed with '---' [front-matter-unclosed]"]


def test_front_matter_may_close_with_three_dots(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": '---\nlabel: "1"\n...\nA note.\n'})
    assert (messages(root), load(root)[0].notes[0].file.body) == ([], "A note.\n")


def test_yaml_error_is_reported_on_its_line_in_the_file(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": "---\ntitle: T\nauthor: A: B\n---\nText.\n{: #p1 }\n"})
    assert messages(root) == ["essay/01.md:3: error: YAML: mapping values are not allowed here [yaml-syntax]"]


def test_unclosed_quote_is_reported_on_the_line_it_opens(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": '---\ntitle: "T\nauthor: A\naffiliation: B\n---\nText.\n{: #p1 }\n'})
    assert [d.loc for d in load(root)[1]] == [Loc("essay/01.md", 2)]


def test_front_matter_that_is_not_a_mapping(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": "---\n- one\n- two\n---\nA note.\n"})
    assert messages(root) == [
        "footnotes/1.md:2: error: front matter must be a mapping of keys to values [front-matter-type]"]


def test_empty_front_matter_is_an_empty_mapping(make_edition: MakeEdition) -> None:
    root = make_edition({"pages/about.md": "---\n---\nAbout.\n"})
    assert dict(load(root)[0].pages[0].meta) == {}


def test_note_id_is_the_file_name_and_label_a_string(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": "---\nlabel: 1\n---\nA.\n", "footnotes/ack.md": '---\nlabel: "*"\n---\nB.\n',
                         "footnotes/nolabel.md": "---\n---\nC.\n"})
    assert [(n.id, n.label) for n in load(root)[0].notes] == [("1", "1"), ("ack", "*"), ("nolabel", "")]


def test_notes_are_in_natural_order_of_their_ids(make_edition: MakeEdition) -> None:
    files = {f"footnotes/{n}.md": f'---\nlabel: "{n}"\n---\nN.\n' for n in ("10", "2", "1")}
    assert [n.id for n in load(make_edition(files))[0].notes] == ["1", "2", "10"]


def test_essay_parts_are_read_in_file_name_order(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/02-b.md": "---\nheading: B\n---\nB.\n{: #p2 }\n",
                         "essay/01.md": "---\ntitle: T\nauthor: A\n---\nA.\n{: #p1 }\n"})
    assert [p.loc.path for p in load(root)[0].parts] == ["essay/01.md", "essay/02-b.md"]


def test_empty_essay_folder(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": None})
    assert messages(root) == ["essay/:1: error: no Markdown files in essay/ [essay-empty]"]


BIB = """@string{lund = {Lund}}

@book{berg-1998,
  author = {Berg, Ingrid and Holm, Per},
  Title = {Letters},
  address = lund,
  year = {1998},
}

@Article{okun-2005,
  title = {Bundles},
}
"""


def test_bibliography_entries_keep_type_line_fields_and_persons(make_edition: MakeEdition) -> None:
    sources = load(make_edition({"sources.bib": BIB}))[0].sources
    berg, okun = sources
    assert (berg.key, berg.type, berg.loc, dict(berg.fields)) == (
        "berg-1998", "book", Loc("sources.bib", 3), {"title": "Letters", "address": "Lund", "year": "1998"})
    assert [" ".join(p.last_names) for p in berg.persons["author"]] == ["Berg", "Holm"]
    assert (okun.key, okun.type, okun.loc) == ("okun-2005", "article", Loc("sources.bib", 10))


def test_bibliography_syntax_error_is_a_located_diagnostic(make_edition: MakeEdition) -> None:
    root = make_edition({"sources.bib": "@book{a,\n  title = {A},\n  year {1998},\n}\n"})
    assert messages(root) == ["sources.bib:3: error: BibTeX: '=' expected [bib-syntax]"]


def test_value_without_braces_names_the_undefined_string(make_edition: MakeEdition) -> None:
    root = make_edition({"sources.bib": "@book{a,\n  title = {A},\n  address = Lund,\n}\n"})
    assert messages(root) == [
        "sources.bib:3: error: BibTeX: undefined string: Lund (put a value in braces: {Lund}) [bib-syntax]"]


def test_missing_comma_between_fields_is_named(make_edition: MakeEdition) -> None:
    root = make_edition({"sources.bib": "@book{a,\n  title = {A}\n  year = {1998},\n}\n"})
    assert messages(root) == ["sources.bib:3: error: BibTeX: ',' or '}' expected [bib-syntax]"]


def test_entry_left_open_at_the_end_is_reported_where_it_opens(make_edition: MakeEdition) -> None:
    root = make_edition({"sources.bib": "@book{a,\n  title = {A},\n}\n\n@book{b,\n  title = {B},\n"})
    assert [d.loc for d in load(root)[1]] == [Loc("sources.bib", 5)]


def test_duplicate_key_is_reported_on_the_second_entry(make_edition: MakeEdition) -> None:
    root = make_edition({"sources.bib": "@book{a,\n  title = {A},\n}\n\n@book{b,\n  title = {B},\n}\n"
                                        "\n@misc{a,\n  title = {Again},\n}\n"})
    assert messages(root) == ["sources.bib:9: error: duplicate key 'a' (first defined on line 1) [bib-duplicate]"]


def test_missing_bibliography(make_edition: MakeEdition) -> None:
    assert messages(make_edition({"sources.bib": None})) == [
        "sources.bib:1: error: sources.bib is missing [bib-missing]"]


def test_missing_mkdocs_yml_is_no_error(make_edition: MakeEdition) -> None:
    edition, diagnostics = load(make_edition({"mkdocs.yml": None}))
    assert (dict(edition.config), diagnostics) == ({}, [])


def test_config_keys_are_read_with_their_lines(make_edition: MakeEdition) -> None:
    root = make_edition({"mkdocs.yml": "site_name: S\ntheme:\n  palette:\n    - scheme: slate\n      accent: red\n"})
    assert dict(load(root)[0].config_lines) == {"site_name": 1, "theme": 2, "theme.palette": 3,
                                                "theme.palette.0": 4, "theme.palette.0.scheme": 4,
                                                "theme.palette.0.accent": 5}


def test_figures_and_named_files_are_read(make_edition: MakeEdition) -> None:
    root = make_edition({"mkdocs.yml": "site_name: S\nextra_css: [assets/mine.css, ../x.css, missing.css]\n",
                         "assets/mine.css": "p {}", "figures/map.png": b"PNG", "figures/sub/a.jpg": b"JPG"})
    assert dict(load(root)[0].files) == {"figures/map.png": b"PNG", "figures/sub/a.jpg": b"JPG",
                                         "assets/mine.css": b"p {}"}


def test_repositories_are_read_with_their_lines(make_edition: MakeEdition) -> None:
    register = ("# archives\n- id: rgali\n  abbr: RGALI\n  name: Russian State Archive of Literature and Art\n"
                "  place: Moscow\n  printed: [RGALI, TsGALI]\n- id: pro\n  abbr: PRO\n  name: Public Record Office\n"
                "  printed: Public Record Office\n")
    repositories = load(make_edition({"registers/repositories.yml": register}))[0].repositories
    assert [(r.id, r.abbr, r.place, r.printed, r.loc) for r in repositories] == [
        ("rgali", "RGALI", "Moscow", ("RGALI", "TsGALI"), Loc("registers/repositories.yml", 2)),
        ("pro", "PRO", "", ("Public Record Office",), Loc("registers/repositories.yml", 7))]


def test_repository_register_yaml_error_line(make_edition: MakeEdition) -> None:
    root = make_edition({"registers/repositories.yml": "- id: rgali\n  abbr: RGALI: x\n"})
    assert messages(root) == [
        "registers/repositories.yml:2: error: YAML: mapping values are not allowed here [yaml-syntax]"]


def test_pages_are_read(make_edition: MakeEdition) -> None:
    pages = load(make_edition({"pages/about.md": "---\ntitle: About\n---\nText.\n"}))[0].pages
    assert [(p.loc.path, dict(p.meta), p.body) for p in pages] == [("pages/about.md", {"title": "About"}, "Text.\n")]


def test_editor_config_is_read(make_edition: MakeEdition) -> None:
    root = make_edition({"mkdocs.yml": "site_name: S\ntheme:\n  name: material\n"})
    assert dict(load(root)[0].config) == {"site_name": "S", "theme": {"name": "material"}}


def test_assets_are_the_packaged_theme_files() -> None:
    assert {"edition.css", "edition.js"} <= set(load_assets())


def test_yaml_is_parsed_once_and_its_lines_read_before_merge_keys_are_built() -> None:
    text = "base: &b\n  a: 1\nitem:\n  <<: *b\n  c: 2\n"
    data, lines = parse_yaml(text, node_lines)
    assert data == yaml.safe_load(text) == {"base": {"a": 1}, "item": {"a": 1, "c": 2}}
    assert lines == {"base": 1, "base.a": 2, "item": 3, "item.<<": 4, "item.<<.a": 2, "item.c": 5}  # as composed


def test_a_yaml_error_comes_from_the_pure_python_parser() -> None:
    with pytest.raises(yaml.YAMLError) as caught:
        parse_yaml("a: b: c\n", node_lines)
    assert str(caught.value).splitlines()[0] == "mapping values are not allowed here"  # libyaml: "… in this context"
