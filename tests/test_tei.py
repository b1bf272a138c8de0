"""dist/edition.tei.xml: valid against the project's schema, well-behaved XML, and nothing lost either way: read
back, it gives the site's text of every paragraph and note and, read as printed, the copy-text."""
from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any, Callable

import pytest
from editions import MINI, REPO, TESTS
from fidelity import Tokens, copy_text, differences, edition_text
from lxml import etree, html
from tei_reading import NS, SCHEMA, certainties, local, paragraphs, printed_tokens, site_units, tei_units

from edition.exports import export as ex
from edition.exports.single_html import markdown_options, page_tree
from edition.exports.tei.names import XML_ID
from edition.exports.tei.writer import tei_bytes
from edition.pages import ESSAY_PAGE
from edition.render.markdown import mkdocs_config, render_pages
from edition.resolve.links import Resolved
from edition.site.build import checked

SECOND = TESTS / "fixtures" / "second_edition"
EDITIONS = {"real": REPO, "mini": MINI, "second": SECOND}
NCNAME = re.compile(r"[A-Za-z_][\w.-]*", re.ASCII)
EMPTY_BY_DESIGN = {"gap", "lb", "ptr", "graphic"}  # TEI's empty elements: every other one the export writes has content
COPY_TEXT = (REPO / "tests" / "data" / "copy-text.txt").read_text(encoding="utf-8")


def written(root: Path) -> tuple[Resolved, bytes, html.HtmlElement]:
    """An edition's TEI made by the export's own function, with the essay page as the export renders it."""
    resolved, diagnostics = checked(root, True)
    assert resolved is not None, diagnostics
    pages = render_pages(resolved)
    extensions = mkdocs_config(resolved, pages, (), "site")["markdown_extensions"]
    names, configs = markdown_options(extensions)
    page = html.fromstring("<html><body><article></article></body></html>")
    page.find(".//article").extend(page_tree(pages[PurePosixPath(ESSAY_PAGE)], names, configs))
    return resolved, tei_bytes(resolved, pages, extensions, "1.0", "2026-01-02"), page


Made = tuple[Resolved, bytes, html.HtmlElement]  # the resolved edition, its TEI, its essay page


@pytest.fixture(scope="module")
def made_by() -> Callable[[Path], Made]:
    """written(), each edition's made once for this module (the real edition's takes a second)."""
    done: dict[Path, Made] = {}

    def make(root: Path) -> Made:
        if root not in done:
            done[root] = written(root)
        return done[root]
    return make


@pytest.fixture(scope="module", params=sorted(EDITIONS))
def made(request: pytest.FixtureRequest, made_by: Callable[[Path], Made]) -> Made:
    return made_by(EDITIONS[request.param])


@pytest.fixture(scope="module")
def schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


def parsed(data: bytes) -> etree._Element:
    """The TEI parsed strictly: an undefined entity or a duplicate xml:id is an error."""
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


# ------------------------------------------------------------------ the exported file


def test_export_writes_the_tei_the_same_bytes_twice(dists: tuple[Path, Path], schema: etree.RelaxNG) -> None:
    first, second = ((d / ex.TEI_NAME).read_bytes() for d in dists)
    assert first == second
    assert schema.validate(etree.ElementTree(parsed(first))), schema.error_log


def test_every_paragraph_and_note_reads_as_the_site_shows_it(dist: Path) -> None:
    with zipfile.ZipFile(dist / ex.ZIP_NAME) as archive:
        index = next(n for n in archive.namelist() if n.endswith("/index.html") and n.count("/") == 1)
        page = html.fromstring(archive.read(index))
    site = site_units(page.xpath("//article")[0])
    tei = tei_units(parsed((dist / ex.TEI_NAME).read_bytes()), printed=False)
    assert len(site) == len(tei) == 27 + 33  # paragraphs and notes
    assert {k: v for k, v in tei.items() if site.get(k) != v} == {}


def printed_differences(data: bytes) -> list[str]:
    """Where the TEI read as printed differs from the copy-text, as the fidelity test says it."""
    head, body, notes = copy_text(COPY_TEXT)
    tei_head, tei_body, tei_notes = printed_tokens(parsed(data))
    empty = Tokens((), ())
    problems = differences(head, tei_head, {}) + differences(body, tei_body, {})
    for label in sorted(set(notes) | set(tei_notes)):
        problems += differences(notes.get(label, empty), tei_notes.get(label, empty), {})
    return problems


def test_the_tei_read_as_printed_is_the_copy_text(made_by: Callable[[Path], Made]) -> None:
    data = made_by(REPO)[1]
    assert printed_differences(data) == []
    _, body, notes = printed_tokens(parsed(data))
    assert len(notes) == 33 and len(body.tokens) > 5000


def test_a_printed_reading_lost_in_the_tei_would_be_found(made_by: Callable[[Path], Made]) -> None:
    data = made_by(REPO)[1]
    assert data.count(b"<sic>Provisinal</sic>") == 1
    assert printed_differences(data.replace(b"<sic>Provisinal</sic>", b"<sic>Provisional</sic>")) == [
        "¶11 (¶11, copy-text line 60), after 'the Czar and': copy-text has 'Provisinal', edition has 'Provisional'"]


# ------------------------------------------------------------------ every edition


def test_each_editions_tei_is_valid_against_the_projects_schema(made: Made,
                                                                 schema: etree.RelaxNG) -> None:
    assert schema.validate(etree.ElementTree(parsed(made[1]))), schema.error_log


def test_each_editions_tei_reads_as_its_page_both_ways(made: Made) -> None:
    _, data, page = made
    root = parsed(data)
    assert tei_units(root, printed=False) == site_units(page.xpath("//article")[0])
    head, body, notes = edition_text(page)
    tei_head, tei_body, tei_notes = printed_tokens(root)
    assert (tei_head.tokens, tei_body.tokens) == (head.tokens, body.tokens)
    assert {k: v.tokens for k, v in tei_notes.items()} == {k: v.tokens for k, v in notes.items()}


def test_the_tei_is_utf8_with_unique_ncname_ids_and_no_empty_element(
        made: Made) -> None:
    data = made[1]
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"")
    data.decode("utf-8")
    root = parsed(data)
    ids = [e.get(XML_ID) for e in root.iter() if e.get(XML_ID) is not None]
    assert len(ids) == len(set(ids)) and [i for i in ids if not NCNAME.fullmatch(i)] == []
    empty = [local(e) for e in root.iter() if not len(e) and not (e.text or "").strip()]
    assert set(empty) <= EMPTY_BY_DESIGN


def test_every_pointer_has_its_target(made: Made) -> None:
    root = parsed(made[1])
    ids = {e.get(XML_ID) for e in root.iter()}
    pointers = [p for e in root.iter() for name in ("ref", "target", "resp") if name in e.attrib
                for p in e.get(name).split() if p.startswith("#")]
    assert pointers and {p[1:] for p in pointers} - ids == set()


def test_every_source_person_and_intervention_appears_exactly_once(
        made: Made) -> None:
    resolved, data, _ = made
    root = parsed(data)
    edition = resolved.edition
    described = root.xpath("//t:biblStruct | //t:msDesc", namespaces=NS)
    assert sorted(e.get(XML_ID) for e in described) == sorted(f"bib-{s.key}" for s in edition.sources)
    assert [e.get(XML_ID) for e in root.iterfind(".//t:person", NS)] == [f"person-{p.id}" for p in edition.persons]
    marked = [e.get(XML_ID) for e in root.iter() if str(e.get(XML_ID, "")).startswith("iv-")]
    assert sorted(marked) == sorted(f"iv-{p.anchor}" for p in resolved.interventions)  # the notes' at their markers
    records = [n.get("target") for n in root.iterfind(".//t:note[@type='intervention']", NS)]
    assert sorted(records) == sorted(f"#iv-{p.anchor}" for p in resolved.interventions
                              if p.item.op not in ("point", "mark"))


def test_each_kind_of_intervention_has_its_element(made: Made) -> None:
    resolved, data, _ = made
    root = parsed(data)
    kinds = Counter(local(e) for e in root.iter() if str(e.get(XML_ID, "")).startswith("iv-"))
    items = [p.item for p in resolved.interventions]
    expected = Counter({"choice": sum(i.op == "sub" for i in items), "supplied": sum(i.op == "add" for i in items),
                        "surplus": sum(i.op == "del" for i in items), "gap": sum(i.kind == "lacuna" for i in items),
                        "note": sum(i.op in ("point", "mark") and i.kind != "lacuna" for i in items)})
    assert kinds == +expected
    assert len(paragraphs(root)) == len(root.xpath("//t:body//t:p[@xml:id]", namespaces=NS))


def test_each_stated_certainty_is_the_cert_of_its_intervention(made: Made) -> None:
    resolved, data, _ = made
    root = parsed(data)
    assert certainties(root) == {f"iv-{p.anchor}": p.item.cert for p in resolved.interventions if p.item.cert}
    assert [e.get("cert") for e in root.iter() if e.get("cert") and local(e) not in ("corr", "supplied", "surplus",
                                                                                    "gap")] == []


def test_the_certainties_the_editions_state(made_by: Callable[[Path], Made]) -> None:
    assert certainties(parsed(made_by(MINI)[1])) == {"iv-p5-3": "high"}
    real = parsed(made_by(REPO)[1])
    assert certainties(real) == {"iv-p4-3": "medium", "iv-p5-2": "medium", "iv-p5-6": "medium",  # notes 4, 6, 8
                                 "iv-p7-4": "medium", "iv-p9-4": "medium"}  # notes 12, 16
    records = [n.text for n in real.iterfind(".//t:note[@type='intervention']", NS)
               if n.get("target") in ("#iv-p4-3", "#iv-p7-4")]
    assert [r[:58] for r in records] == ["restored note marker (certainty: medium): inferred from th",
                                         "restored note marker (certainty: medium): inferred: note 1"]



def test_the_editorial_declaration_describes_the_encoding_and_the_certainty_scale(
        made_by: Callable[[Path], Made]) -> None:
    decl = parsed(made_by(MINI)[1]).find(".//t:encodingDesc/t:editorialDecl", NS)
    assert [(local(e), len(e)) for e in decl] == [("correction", 1), ("normalization", 1), ("punctuation", 1),
                                                  ("interpretation", 1)]
    assert decl.findtext("t:correction/t:p", namespaces=NS).endswith(
        "gives its kind and reason. Where the editor states a certainty, cert carries it (high, medium, low or "
        "unknown); without cert none is stated.")

def test_the_mini_edition_in_tei_element_by_element(made_by: Callable[[Path], Made]) -> None:
    root = parsed(made_by(MINI)[1])
    body = Counter(local(e) for e in root.iterfind(".//t:body//*", NS))
    assert dict(body) == {"div": 2, "head": 1, "p": 6, "quote": 1, "note": 6, "ref": 5, "hi": 1, "supplied": 2,
                          "choice": 1, "sic": 1, "corr": 1, "gap": 1, "surplus": 1}
    notes = [(n.get("n"), n.get(XML_ID), local(n.getparent())) for n in root.iterfind(".//t:note[@place='foot']", NS)]
    assert notes == [("1", "fn-1", "p"), ("*", "fn-thanks", "p"), ("2", "fn-2", "p"), ("3", "fn-3", "supplied")]
    header = root.find("t:teiHeader", NS)
    assert [e.text for e in header.iterfind(".//t:titleStmt/t:editor", NS)] == ["Jonas Ek", "Maria Holm"]
    assert header.findtext(".//t:availability/t:licence", namespaces=NS) == "CC BY 4.0"
    assert [e.get("ident") for e in header.iterfind(".//t:language", NS)] == ["en"]
    (letter,) = root.xpath("//t:biblStruct[@xml:id='bib-pt-2-tarasova-1843-01-10']", namespaces=NS)
    assert [(local(e.getparent()), e.get("when")) for e in letter.iterfind(".//t:date", NS)] == [
        ("analytic", "1843-01-10"), ("imprint", "1903")]  # the letter's date; the volume's year of publication


def test_the_schema_refuses_what_tei_does_not_allow(schema: etree.RelaxNG, made_by: Callable[[Path], Made]) -> None:
    data = made_by(MINI)[1]
    for old, new in ((b"<sic>teh</sic>", b""), (b'<p n="1" xml:id="p1">', b'<p n="1" xml:id="p1"><span/>'),
                     (b'<gap reason="lacuna"', b'<gap when="someday"'), (b"<surplus ", b"<surplus place=\"inline\" "),
                     (b'cert="high"', b'cert="fairly"')):
        assert data.count(old) == 1, old
        assert not schema.validate(etree.ElementTree(parsed(data.replace(old, new)))), old


def test_keys_and_ids_that_are_no_ncnames_become_unique_ones(make_edition: Any, schema: etree.RelaxNG) -> None:
    root = make_edition({
        "essay/01.md": "---\ntitle: A title\nauthor: An Author\n---\n\nÉmile wrote it[^n:1].\n{: #p1 }\n",
        "footnotes/n:1.md": '---\nlabel: "1"\n---\nSee [Berg][@1998:berg.a] and [Berg][@1998-berg.a].\n',
        "footnotes/1.md": None,
        "sources.bib": "@book{1998:berg.a,\n  title = {One},\n  year = {1998},\n}\n\n"
                       "@book{1998-berg.a,\n  title = {Two},\n  year = {1998},\n}\n",
        "registers/persons.yml": "- id: emile.z\n  name: Émile Zed\n  sort: Zed, Émile\n  spellings: [Émile]\n",
    })
    tei = parsed(written(root)[1])
    assert schema.validate(etree.ElementTree(tei)), schema.error_log
    assert [e.get(XML_ID) for e in tei.iterfind(".//t:biblStruct", NS)] == ["bib-1998-berg.a", "bib-1998-berg.a-2"]
    assert [r.get("target") for r in tei.iterfind(".//t:body//t:ref", NS)] == ["#bib-1998-berg.a",
                                                                                "#bib-1998-berg.a-2"]
    assert tei.find(".//t:body//t:note", NS).get(XML_ID) == "fn-n-1"
    assert tei.find(".//t:body//t:persName", NS).get("ref") == "#person-emile.z"
