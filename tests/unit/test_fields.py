"""The Sources page shows every field: a matrix of entry types and fields, sorting and punctuation."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from edition.fields import KNOWN, NOT_SHOWN, SHOWN
from edition.load import load
from edition.render import render_sources
from edition.resolve import resolve

MakeEdition = Callable[..., Path]
MATRIX = Path(__file__).parent.parent / "fixtures" / "field-matrix" / "sources.bib"
DOUBLED = re.compile(r"(?<!\.)\.\.(?!\.)|[,;:]\.|\.[;:]")  # "D.C.," is an abbreviation, not a doubling
REPOSITORIES = "- id: rgali\n  abbr: RGALI\n  name: Russian State Archive\n  place: Moscow\n  folio: l.\n"


def entries(make_edition: MakeEdition, bib: str) -> dict[str, str]:
    """Each entry's line block on the Sources page, by key, with Markdown's escapes removed."""
    edition, diagnostics = load(make_edition({"sources.bib": bib, "registers/repositories.yml": REPOSITORIES}))
    assert [d for d in diagnostics] == []
    page = render_sources(resolve(edition))
    found = {}
    for block in page.split("\n\n"):
        key = re.search(r"\{: #([\w-]+) \.source \}", block)
        if key:
            found[key.group(1)] = re.sub(r"\\(.)", r"\1", block.split("\n{:")[0])
    return found


def test_every_field_of_every_type_is_shown(make_edition: MakeEdition) -> None:
    text = MATRIX.read_text(encoding="utf-8")
    shown = entries(make_edition, text)
    missing = []
    for chunk in text.split("\n@")[0:]:
        key = re.search(r"\{([\w-]+),", chunk).group(1)  # type: ignore[union-attr]
        for name, value in re.findall(r"^  (\w+) = \{(.*)\},$", chunk, re.MULTILINE):
            if name in ("archive",):
                continue  # shown as the repository's name (below)
            for part in re.split(r" and ", value):
                surname = part.split(",")[0]
                if surname not in shown[key]:
                    missing.append(f"{key}: {name} = {surname}")
    assert missing == []
    assert len(shown) == 12


def test_editors_are_ed_or_eds_and_follow_an_author(make_edition: MakeEdition) -> None:
    shown = entries(make_edition, MATRIX.read_text(encoding="utf-8"))
    assert shown["matrix-year"].startswith("Sam Solo, ed.\n*TitleYear*, no. IssueYear.\n1888.")
    assert "Edited by Eve EditorOneBook and Ed EditorTwoBook, translated by Tom TranslatorBook." in shown[
        "matrix-book"]
    assert "Russian State Archive (RGALI), Moscow, CallnumberUnpublished, l. FolioUnpublished." in shown[
        "matrix-unpublished"]


def test_no_entry_ends_in_doubled_punctuation(make_edition: MakeEdition) -> None:
    bib = ("@book{a,\n  author = {Berg, Ingrid},\n  title = {Letters.},\n  note = {Revised.},\n"
           "  addendum = {See also p. 3.},\n  year = {1998},\n}\n\n"
           "@article{b,\n  author = {Okun, M.},\n  title = {Bundles?},\n  journal = {Review.},\n  year = {2005},\n}\n")
    shown = entries(make_edition, bib)
    assert shown["a"] == "Ingrid Berg.\n*Letters.*\n1998.\nRevised. See also p. 3."
    assert shown["b"] == 'M. Okun.\n"Bundles?".\n*Review.*, 2005.'
    assert [t for t in shown.values() if DOUBLED.search(t)] == []


def test_no_entry_of_the_real_or_the_mini_edition_ends_in_doubled_punctuation() -> None:
    from editions import MINI, REPO

    for root in (REPO, MINI):
        edition, _ = load(root)
        page = re.sub(r"\\(.)", r"\1", render_sources(resolve(edition)))
        assert (root.name, DOUBLED.findall(page)) == (root.name, [])


def test_books_and_articles_sort_by_author_then_title(make_edition: MakeEdition) -> None:
    bib = ("@book{z,\n  author = {Zorn, A.},\n  title = {Early},\n  year = {1900},\n}\n\n"
           "@article{b2,\n  author = {Berg, I.},\n  title = {Second},\n  journal = {J},\n  year = {1901},\n}\n\n"
           "@book{b1,\n  author = {Berg, I.},\n  title = {First},\n  year = {2000},\n}\n")
    assert list(entries(make_edition, bib)) == ["b1", "b2", "z"]


def test_the_lists_of_fields_do_not_overlap() -> None:
    assert (SHOWN & set(NOT_SHOWN), "adress" in KNOWN) == (set(), False)
