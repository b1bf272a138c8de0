"""edition.resolve.links: note order, labels, citations both ways, entries ready to format, grouping."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from edition.load.folder import load
from edition.resolve.links import (
    ARCHIVAL,
    DOCUMENTS,
    LITERATURE,
    MEMOIRS,
    PRESS,
    Resolved,
    call_number,
    resolve,
)

MakeEdition = Callable[..., Path]

REPOSITORIES = "- id: rgali\n  abbr: RGALI\n  name: Russian State Archive of Literature and Art\n  place: Moscow\n"


def resolved(root: Path) -> Resolved:
    """Load and resolve an edition that has no errors."""
    edition, diagnostics = load(root)
    assert diagnostics == []
    return resolve(edition)


def note(body: str, label: str) -> str:
    return f'---\nlabel: "{label}"\n---\n{body}'


def three_notes(make_edition: MakeEdition, bib: str = "") -> Path:
    """Markers 1, *, 2 in two parts, 2 referenced twice; notes citing berg and okun."""
    return make_edition({
        "essay/01.md": "---\ntitle: T\nauthor: A\n---\nA[^1] and B[^ack].\n{: #p1 }\n",
        "essay/02.md": "---\nheading: H\n---\nC[^2].\n{: #p2 }\n\nD[^2] and E[^1].\n{: #p3 }\n",
        "footnotes/1.md": note("[Okun][@okun-2005]; [see @berg-1998, p. 3; @okun-2005].\n", "1"),
        "footnotes/ack.md": note("Thanks.\n", "*"),
        "footnotes/2.md": note("[Berg][@berg-1998], again [Berg][@berg-1998].\n", "2"),
        "sources.bib": bib or "@book{berg-1998,\n  title = {L},\n}\n\n@article{okun-2005,\n  title = {B},\n}\n",
    })


def test_notes_are_in_the_order_of_their_first_markers(make_edition: MakeEdition) -> None:
    assert [n.id for n in resolved(three_notes(make_edition)).notes] == ["1", "ack", "2"]


def test_labels_map_note_ids_to_printed_labels(make_edition: MakeEdition) -> None:
    assert dict(resolved(three_notes(make_edition)).labels) == {"1": "1", "2": "2", "ack": "*"}


def test_each_note_cites_its_keys_once_in_order(make_edition: MakeEdition) -> None:
    assert dict(resolved(three_notes(make_edition)).cites) == {
        "1": ("okun-2005", "berg-1998"), "ack": (), "2": ("berg-1998",)}


def test_each_key_lists_the_notes_citing_it_in_note_order(make_edition: MakeEdition) -> None:
    assert dict(resolved(three_notes(make_edition)).cited_by) == {"okun-2005": ("1",), "berg-1998": ("1", "2")}


def test_call_number_from_its_parts() -> None:
    assert call_number({"fond": "010", "opis": "1", "papka": "5", "delo": "95"}) == "f. 010, op. 1, p. 5, d. 95"


def test_call_number_without_papka() -> None:
    assert call_number({"fond": "1234", "opis": "1", "delo": "56"}) == "f. 1234, op. 1, d. 56"


def test_call_number_given_whole_wins() -> None:
    assert call_number({"callnumber": "FO 371/21104", "fond": "1"}) == "FO 371/21104"


def test_archival_entry_gets_repository_and_location(make_edition: MakeEdition) -> None:
    bib = ("@unpublished{letter,\n  title = {Letter},\n  date = {1841-05-02},\n  archive = {rgali},\n"
           "  fond = {1234},\n  opis = {1},\n  delo = {56},\n  folio = {7},\n}\n")
    entry = resolved(make_edition({"sources.bib": bib, "registers/repositories.yml": REPOSITORIES})).entries["letter"]
    assert (entry.type, dict(entry.fields)) == ("unpublished", {
        "title": "Letter", "date": "1841-05-02", "archive": "rgali", "fond": "1234", "opis": "1", "delo": "56",
        "folio": "7", "repository": "Russian State Archive of Literature and Art (RGALI), Moscow",
        "callnumbertext": "f. 1234, op. 1, d. 56", "foliolabel": "fol.",
        "archivename": "Russian State Archive of Literature and Art", "archiveabbr": "RGALI", "archiveplace": "Moscow"})


def test_crossref_brings_the_volume_fields_and_its_title_as_booktitle(make_edition: MakeEdition) -> None:
    bib = ("@inbook{doc,\n  author = {Tarasova, Anna},\n  title = {Letter},\n  pages = {45},\n"
           "  crossref = {vol},\n}\n\n"
           "@book{vol,\n  title = {Pis'ma},\n  volume = {II},\n  shorthand = {PT II},\n  year = {1903},\n}\n")
    entry = resolved(make_edition({"sources.bib": bib})).entries["doc"]
    assert dict(entry.fields) == {"volume": "II", "shorthand": "PT II", "year": "1903", "booktitle": "Pis'ma",
                                  "title": "Letter", "pages": "45", "crossref": "vol"}
    assert [" ".join(p.last_names) for p in entry.persons["author"]] == ["Tarasova"]


def test_entries_without_crossref_or_archive_keep_their_own_fields(make_edition: MakeEdition) -> None:
    entry = resolved(three_notes(make_edition)).entries["berg-1998"]
    assert (entry.type, dict(entry.fields)) == ("book", {"title": "L"})


def test_grouping_by_kind_and_repository_in_a_fixed_order(make_edition: MakeEdition) -> None:
    bib = "\n".join([
        "@book{memoir,\n  title = {M},\n  keywords = {memoir},\n}",
        "@article{news,\n  title = {N},\n  keywords = {press, 1937},\n}",
        "@book{vol,\n  title = {V},\n}",
        "@inbook{doc,\n  title = {D},\n  crossref = {vol},\n}",
        "@book{zeta,\n  title = {Zeta},\n  year = {1990},\n}",
        "@book{alpha,\n  title = {Alpha},\n  year = {1990},\n}",
        "@unpublished{late,\n  title = {L},\n  date = {1843-01-10},\n  archive = {rgali},\n  callnumber = {x},\n}",
        "@unpublished{early,\n  title = {E},\n  date = {1841-05-02},\n  archive = {rgali},\n  callnumber = {y},\n}",
    ]) + "\n"
    groups = resolved(make_edition({"sources.bib": bib, "registers/repositories.yml": REPOSITORIES})).groups
    assert groups == (
        (ARCHIVAL, "RGALI: Russian State Archive of Literature and Art", ("early", "late")),
        (DOCUMENTS, "", ("doc", "vol")),
        (LITERATURE, "", ("alpha", "zeta")),
        (MEMOIRS, "", ("memoir",)),
        (PRESS, "", ("news",)),
    )


def test_interventions_are_placed_by_paragraph_then_note(make_edition: MakeEdition) -> None:
    root = make_edition({
        "essay/01.md": "---\ntitle: T\nauthor: A\n---\nA[^1]{++,++}{>>punct<<} b {>>join<<}.\n{: #p1 }\n",
        "footnotes/1.md": note("{~~teh~>the~~}{>>typo<<} note.\n", "1"),
    })
    placed = resolved(root).interventions
    assert [(p.anchor, p.place, p.target, p.item.kind) for p in placed] == [
        ("p1-1", "¶1", "p1", "punct"), ("p1-2", "¶1", "p1", "join"), ("n1-1", "n. 1", "fn:1", "typo")]
