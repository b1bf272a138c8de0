"""Registers on the real edition: every spelling linked to its person, persons page and chronology complete."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from editions import REPO, run_build_site
from lxml import html

PERSONS = yaml.safe_load((REPO / "registers" / "persons.yml").read_text(encoding="utf-8"))
TERMS = yaml.safe_load((REPO / "registers" / "glossary.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition built once for this module."""
    out = tmp_path_factory.mktemp("site")
    done = run_build_site(REPO, "build", "--strict", "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


def page(site: Path, name: str) -> html.HtmlElement:
    """A built page, parsed."""
    return html.fromstring((site / name).read_bytes())


def test_every_spelling_of_every_person_is_marked_with_that_person(site: Path) -> None:
    essay = page(site, "index.html")
    found: dict[str, set[str]] = {}
    for element in essay.xpath("//*[@data-person]"):
        found.setdefault(element.get("data-person"), set()).add(element.text)
    assert found == {p["id"]: set(p["spellings"]) for p in PERSONS}


def test_all_spellings_of_one_person_lead_to_the_same_entry(site: Path) -> None:
    essay, persons = page(site, "index.html"), page(site, "persons.html")
    targets: dict[str, set[str]] = {}
    for link in essay.xpath("//a[@data-person]"):
        targets.setdefault(link.get("data-person"), set()).add(link.get("href"))
    entries = {e.get("id") for e in persons.xpath("//p[contains(@class, 'person-entry')]")}
    assert all(hrefs == {f"persons.html#{person}"} for person, hrefs in targets.items())
    assert set(targets) <= entries == {p["id"] for p in PERSONS}


def test_persons_page_is_alphabetical_and_links_every_place(site: Path) -> None:
    persons, essay = page(site, "persons.html"), page(site, "index.html")
    entries = persons.xpath("//p[contains(@class, 'person-entry')]")
    sort_names = [e.xpath("string(strong[1])") for e in entries]
    assert sort_names == sorted(sort_names, key=str.casefold)
    ids = set(essay.xpath("//@id"))
    for entry in entries:
        places = [a.get("href").split("#", 1)[1] for a in entry.xpath(".//a[starts-with(@href, 'index.html#')]")]
        assert places and set(places) <= ids, entry.get("id")


def test_a_mention_inside_a_citation_is_marked_but_not_a_nested_link(site: Path) -> None:
    essay = page(site, "index.html")
    assert essay.xpath("//a[@class='citation']//a") == []
    assert essay.xpath("//a[@class='citation']//span[@data-person]")


def test_abbreviations_show_their_expansion(site: Path) -> None:
    essay = page(site, "index.html")
    titles = {a.text: a.get("title") for a in essay.xpath("//abbr")}
    expected = {t["term"]: " ".join(t["expansion"].split()) for t in TERMS}
    assert titles and all(expected[term] == title for term, title in titles.items())


def test_chronology_is_sorted_and_links_sources_and_notes(site: Path) -> None:
    chronology, sources, essay = page(site, "chronology.html"), page(site, "sources.html"), page(site, "index.html")
    rows = chronology.xpath("//table//tr[td]")
    dates = [r.xpath("string(td[1])").removeprefix("c. ").split("/")[0] for r in rows]
    assert dates == sorted(dates) and len(rows) > 20
    source_ids, note_ids = set(sources.xpath("//@id")), set(essay.xpath("//@id"))
    for row in rows:
        assert row.xpath("td[2]/a/@href")[0].split("#")[1] in source_ids
        assert {h.split("#")[1] for h in row.xpath("td[3]/a/@href")} <= note_ids
