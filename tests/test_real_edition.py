"""The real edition: no diagnostics, all 33 notes in place, every link between essay, notes and sources resolves."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from editions import REPO, run_build_site
from lxml import html
from pybtex.database import Entry, parse_file

from edition.exports.linkcheck import check_site
from edition.load import interventions

LABELS = ["1", "*"] + [str(n) for n in range(2, 33)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition built once, strictly, for this module."""
    out = tmp_path_factory.mktemp("site")
    done = run_build_site(REPO, "build", "--strict", "--out", str(out))
    assert (done.returncode, done.stderr) == (0, "")
    return out


def page(site: Path, name: str) -> html.HtmlElement:
    """A built page, parsed."""
    return html.fromstring((site / name).read_bytes())


def test_real_edition_has_no_diagnostics() -> None:
    done = run_build_site(REPO, "check", "--strict")
    assert (done.returncode, done.stdout, done.stderr) == (0, "checked 1 part, 33 notes, 49 sources: no errors\n", "")


def test_every_link_of_the_built_site_resolves(site: Path) -> None:
    assert [str(p) for p in check_site(site)] == []


def test_markers_show_the_articles_own_labels_in_order(site: Path) -> None:
    essay = page(site, "index.html")
    markers = [a.text for a in essay.xpath("//p//sup/a[contains(@class, 'footnote-ref')]")]
    assert markers == LABELS


def test_all_33_notes_are_on_the_essay_page_with_their_labels(site: Path) -> None:
    essay = page(site, "index.html")
    items = essay.xpath("//div[contains(@class, 'footnote')]//li")
    assert [li.get("data-label") for li in items] == LABELS
    assert [li.xpath("string(.//span[@class='note-label'])") for li in items] == LABELS


def test_every_citation_leads_to_an_entry_that_lists_the_note_back(site: Path) -> None:
    essay, sources = page(site, "index.html"), page(site, "sources.html")
    pairs = set()
    for li in essay.xpath("//div[contains(@class, 'footnote')]//li"):
        for link in li.xpath(".//a[@class='citation']"):
            assert link.get("href") == f"sources.html#{link.get('data-key')}"
            pairs.add((link.get("data-key"), li.get("id")))
    back = set()
    for entry in sources.xpath("//p[contains(@class, 'source')]"):
        for link in entry.xpath(".//a[starts-with(@href, 'index.html#fn:')]"):
            back.add((entry.get("id"), link.get("href").split("#", 1)[1]))
    written = {(key, f"fn:{path.stem}") for path in (REPO / "footnotes").glob("*.md")
               for key in re.findall(r"\]\[@([^\]]+)\]", path.read_text(encoding="utf-8"))}
    assert pairs == written  # every citation written in a note file is a link
    assert back == written  # and its entry names that note


def test_every_source_entry_is_cited_or_holds_cited_documents(site: Path) -> None:
    sources = page(site, "sources.html")
    uncited = [e.get("id") for e in sources.xpath("//p[contains(@class, 'source')]")
               if not e.xpath(".//a[starts-with(@href, 'index.html#fn:')]")]
    volumes = {line.split("=", 1)[1].strip(" {},") for line in (REPO / "sources.bib").read_text().splitlines()
               if line.strip().startswith("crossref")}
    assert set(uncited) == volumes


def recorded_interventions() -> int:
    """How many interventions the essay and note files record."""
    files = sorted((REPO / "essay").glob("*.md")) + sorted((REPO / "footnotes").glob("*.md"))
    return sum(len(interventions.parse(f.read_text(encoding="utf-8"))[0]) for f in files)


def test_every_intervention_is_once_in_the_text_and_once_in_the_apparatus(site: Path) -> None:
    essay, apparatus = page(site, "index.html"), page(site, "apparatus.html")
    spans = essay.xpath("//span[@data-intervention]")
    entries = apparatus.xpath("//p[contains(@class, 'apparatus-entry')]")
    assert len(spans) == len(entries) == recorded_interventions()
    text_to_app = {s.get("id"): s.xpath("a[@class='iv-app']/@href")[0] for s in spans}
    app_to_text = {e.get("id"): e.xpath("a/@href")[0] for e in entries}
    assert {k: v.split("#")[1] for k, v in text_to_app.items()} == {v.split("#")[1]: k for k, v in app_to_text.items()}
    assert set(text_to_app.values()) == {f"apparatus.html#{k}" for k in app_to_text}


def test_apparatus_counts_each_kind(site: Path) -> None:
    rows = page(site, "apparatus.html").xpath("//table//tr[td]")
    counts = {r.xpath("string(td[1])"): int(r.xpath("string(td[2])")) for r in rows}
    essay = page(site, "index.html")
    kinds = [s.get("data-intervention") for s in essay.xpath("//span[@data-intervention]")]
    assert sum(counts.values()) == len(kinds)
    assert counts["restored note marker"] == kinds.count("marker") == 10


def test_the_inferred_markers_show_their_certainty_in_the_text_and_the_apparatus(site: Path) -> None:
    essay, apparatus = page(site, "index.html"), page(site, "apparatus.html")
    stated = {s.get("id"): s.get("title").split("; ")[0] for s in essay.xpath("//span[@data-intervention='marker']")}
    medium = "restored note marker (certainty: medium)"
    assert stated == {"iv-p4-3": medium, "iv-p5-2": medium, "iv-p5-4": "restored note marker", "iv-p5-6": medium,
                      "iv-p6-1": "restored note marker", "iv-p6-3": "restored note marker", "iv-p7-4": medium,
                      "iv-p9-2": "restored note marker", "iv-p9-4": medium, "iv-p9-8": "restored note marker"}
    kinds = {e.get("id"): e.xpath("string(em)") for e in apparatus.xpath("//p[contains(@class, 'apparatus-entry')]")
             if e.get("id").removeprefix("app-") in {k.removeprefix("iv-") for k in stated}}
    assert kinds == {k.replace("iv-", "app-"): v for k, v in stated.items()}


def test_every_printed_form_and_every_supplied_field_is_shown_on_the_sources_page(site: Path) -> None:
    entries = parse_file(str(REPO / "sources.bib"), bib_format="bibtex").entries
    shown = {p.get("id"): " ".join(p.text_content().split())
             for p in page(site, "sources.html").xpath("//p[contains(@class, 'source')]")}
    printed = {key: f"Printed as «{e.fields['printed']}»." for key, e in entries.items() if "printed" in e.fields}
    words = {"address": "place"}

    def value(entry: Entry, name: str) -> str:
        persons = entry.persons.get(name, ())
        return entry.fields.get(name) or " and ".join(" ".join(p.first_names + p.last_names) for p in persons)
    supplied = {key: "Supplied by the editor: " + ", ".join(
        f"{words.get(n, n)} ({value(e, n)})" for n in e.fields["supplied"].split(", ")) + "."
        for key, e in entries.items() if "supplied" in e.fields}
    # 6 volumes and a journal, 10 documents that repeat their volume's supplied imprint and year, and 3 books
    # or chapters (a publisher, a year, an editor the note does not print)
    assert len(printed) == 9 and len(supplied) == 20
    assert {k: v for k, v in printed.items() if v not in shown[k]} == {}
    assert {k: v for k, v in supplied.items() if v not in shown[k]} == {}
    assert sum("Printed as «" in text for text in shown.values()) == len(printed)
    assert sum("Supplied by the editor:" in text for text in shown.values()) == len(supplied)
