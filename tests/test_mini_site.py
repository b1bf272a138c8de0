"""The mini edition built with build_site.py: links between essay, notes and sources resolve; labels are kept."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html

MARKERS = ["1", "*", "2", "2", "3"]  # in reading order; note 2 is referenced twice
NOTES = ["1", "*", "2", "3"]


def parse(site: Path, name: str) -> html.HtmlElement:
    return html.fromstring((site / name).read_bytes())


@pytest.fixture(scope="module")
def site(mini_built: Path) -> Path:
    return mini_built / "site"


@pytest.fixture(scope="module")
def essay(site: Path) -> html.HtmlElement:
    return parse(site, "index.html")


@pytest.fixture(scope="module")
def sources(site: Path) -> html.HtmlElement:
    return parse(site, "sources.html")


def ids_of(site: Path, name: str) -> set[str]:
    return {str(i) for i in parse(site, name).xpath("//@id")}


def unresolved(site: Path, page: str, links: list[html.HtmlElement]) -> list[str]:
    """The hrefs among links (on page) whose page or fragment does not exist in the built site."""
    missing = []
    for link in links:
        href = link.get("href", "")
        parts = urlsplit(href)
        target = parts.path or page
        if not (site / target).is_file() or unquote(parts.fragment) not in ids_of(site, target):
            missing.append(href)
    return missing


def test_each_kind_of_link_is_present(essay: html.HtmlElement, sources: html.HtmlElement) -> None:
    counts = [len(essay.xpath("//a[contains(concat(' ', @class, ' '), ' footnote-ref ')]")),
              len(essay.xpath("//a[contains(concat(' ', @class, ' '), ' footnote-backref ')]")),
              len(essay.xpath("//a[contains(concat(' ', @class, ' '), ' citation ')]")),
              len(sources.xpath("//p[contains(@class, 'source')]//a[starts-with(@href, 'index.html#')]"))]
    assert counts == [5, 5, 4, 4]


@pytest.mark.parametrize("cls", ["footnote-ref", "footnote-backref", "citation"])
def test_essay_links_resolve(cls: str, site: Path, essay: html.HtmlElement) -> None:
    links = essay.xpath(f"//a[contains(concat(' ', @class, ' '), ' {cls} ')]")
    assert links and unresolved(site, "index.html", links) == []


def test_cited_in_links_resolve(site: Path, sources: html.HtmlElement) -> None:
    links = sources.xpath("//p[contains(@class, 'source')]//a[starts-with(@href, 'index.html#')]")
    assert [a.text_content() for a in links] == ["n.\xa01", "n.\xa03", "n.\xa02", "n.\xa03"]
    assert unresolved(site, "sources.html", links) == []


def test_citations_lead_to_the_entry_of_their_key(essay: html.HtmlElement) -> None:
    links = essay.xpath("//a[contains(concat(' ', @class, ' '), ' citation ')]")
    assert [(a.get("data-key"), a.get("href")) for a in links] == [
        ("rgali-tarasova-1841-05-02", "sources.html#rgali-tarasova-1841-05-02"),
        ("berg-1998", "sources.html#berg-1998"),
        ("pt-2-tarasova-1843-01-10", "sources.html#pt-2-tarasova-1843-01-10"),
        ("okun-2005", "sources.html#okun-2005")]


def test_every_fragment_link_of_the_content_resolves(site: Path) -> None:
    missing = {}
    for path in sorted(site.glob("*.html")):
        article = parse(site, path.name).xpath("//article")
        links = [a for a in (article[0].xpath(".//a[@href]") if article else [])
                 if "#" in a.get("href", "") and not urlsplit(a.get("href", "")).scheme]
        if bad := unresolved(site, path.name, links):
            missing[path.name] = bad
    assert missing == {}


def test_markers_show_the_articles_own_labels(essay: html.HtmlElement) -> None:
    markers = essay.xpath("//sup/a[contains(concat(' ', @class, ' '), ' footnote-ref ')]")
    assert [a.text for a in markers] == MARKERS
    assert [a.get("aria-label") for a in markers] == [f"Note {label}" for label in MARKERS]


def test_notes_carry_their_labels(essay: html.HtmlElement) -> None:
    items = essay.xpath("//div[contains(@class, 'footnote')]//li")
    assert [li.get("data-label") for li in items] == NOTES
    assert [li.xpath("string(.//span[@class='note-label'])") for li in items] == NOTES


def test_note_referenced_twice_has_two_distinct_backlinks(essay: html.HtmlElement) -> None:
    backlinks = essay.xpath("//li[@id='fn:2']//a[contains(concat(' ', @class, ' '), ' footnote-backref ')]")
    labels = [a.get("aria-label") for a in backlinks]
    assert labels == ["Back to ¶3, first reference (note 2)", "Back to ¶5, second reference (note 2)"]
    assert [a.get("href") for a in backlinks] == ["#fnref:2", "#fnref2:2"]


def test_restored_marker_and_blockquote_paragraph(essay: html.HtmlElement) -> None:
    restored = essay.xpath("//span[@data-intervention='marker']//a[contains(@class, 'footnote-ref')]")
    assert [a.text for a in restored] == ["3"]
    assert essay.xpath("//blockquote/p/@id") == ["p4"]
    assert [s.text for s in essay.xpath("//p[@id='p3']/sup[not(@id)]")] == ["st"]  # 1^st^


def test_only_the_essay_page_is_marked_wide_before_its_header(site: Path) -> None:
    # the stylesheet widens the grid from this mark: it must precede the header, or the first paint is narrow
    marks = {name: [(e.get("hidden"), e.getnext().tag if e.getnext() is not None else None)
                    for e in parse(site, name).xpath("//body/div[@class='ed-wide-page']")]
             for name in ("index.html", "sources.html", "about.html")}
    assert marks == {"index.html": [("", "header")], "sources.html": [], "about.html": []}
