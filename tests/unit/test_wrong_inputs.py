"""Every wrong input the next editor made is a located diagnostic: impossible dates wherever a date is read,
a version YAML reads as a number, several names in one string, an empty note, site_url at its line; and parts
ordered by their number. Hypothesis: no date and no version makes a traceback."""
from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath
from typing import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.check.dates import date_problem, impossible
from edition.check.meta import edition_meta
from edition.check.validate import validate
from edition.load.folder import load

MakeEdition = Callable[..., Path]
BODY = "A[^1].\n{: #p1 }\n"
PERSONS = "- id: marsh\n  name: Marsh, Helena\n  dates: 1937-02-30\n  spellings: [Marsh]\n"


def diagnostics(root: Path, codes: tuple[str, ...] = ()) -> list[str]:
    edition, found = load(root)
    found = sorted(found + validate(edition), key=lambda d: d.sort_key())
    return [str(d) for d in found if not codes or d.code.startswith(codes)]


def essay(front: str, body: str = BODY) -> str:
    return f"---\ntitle: T\n{front}---\n\n{body}"


def test_impossible_dates_in_front_matter_are_located(make_edition: MakeEdition) -> None:
    front = "author: A\ndate: 1937-13-01\npublished:\n  journal: J\n  date: 1937-02-30\n"
    assert diagnostics(make_edition({"essay/01.md": essay(front)})) == [
        "essay/01.md:4: error: 'date' is an impossible date, '1937-13-01': month 13 does not exist "
        "[front-matter-date]",
        "essay/01.md:5: error: 'published.date' is an impossible date, '1937-02-30': February 1937 has no day 30 "
        "[front-matter-date]"]


def test_an_impossible_date_of_a_person_is_located(make_edition: MakeEdition) -> None:
    root = make_edition({"registers/persons.yml": PERSONS,
                         "essay/01.md": essay("author: A\n", "Marsh[^1].\n{: #p1 }\n")})
    assert diagnostics(root, ("date",)) == [
        "registers/persons.yml:1: error: date '1937-02-30' of person 'marsh' is impossible: "
        "February 1937 has no day 30 [date-impossible]"]


def test_bibtex_dates_years_and_months_are_checked_at_their_line(make_edition: MakeEdition) -> None:
    bib = ("@book{a,\n  title = {T},\n  date = {1788-93},\n}\n\n@book{b,\n  title = {T},\n  date = {1788-13},\n"
           "  origdate = {1787-02-29},\n}\n\n@book{c,\n  title = {T},\n  year = {1788-93},\n  month = {13},\n}\n")
    assert diagnostics(make_edition({"sources.bib": bib}), ("date",)) == [
        "sources.bib:3: error: date '1788-93' of 'a' is impossible: month 93 does not exist "
        "(a range is written 1788/1793) [date-format]",
        "sources.bib:8: error: date '1788-13' of 'b' is impossible: month 13 does not exist [date-format]",
        "sources.bib:9: error: origdate '1787-02-29' of 'b' is impossible: February 1787 has no day 29 "
        "[date-format]",
        "sources.bib:14: error: year '1788-93' of 'c' is not a year (a range is written 1788/1793) [date-format]",
        "sources.bib:15: error: month '13' of 'c' is not a month (1-12 or jan-dec) [date-format]"]


def test_a_version_read_as_a_number_is_refused_and_text_is_kept(make_edition: MakeEdition) -> None:
    assert diagnostics(make_edition({"essay/01.md": essay("author: A\nversion: 1.10\n")})) == [
        "essay/01.md:4: error: 'version' must be text, not the number 1.1 (YAML reads 1.10 as 1.1): put it in "
        "quotes, version: '…' [front-matter-version]"]
    edition, _ = load(make_edition({"essay/01.md": essay("author: A\nversion: '1.10'\n")}))
    assert edition_meta(edition).version == "1.10"


def test_several_authors_and_editors_as_lists_and_a_warning_for_one_string(make_edition: MakeEdition) -> None:
    front = "author: [Helena Marsh, Tom Reed]\neditor: Ann Lee, Bo Chan\nlabel: Chapter\n"
    root = make_edition({"essay/01.md": essay(front)})
    assert diagnostics(root) == [
        "essay/01.md:4: warning: 'editor' names several persons in one string; write them as a list: "
        "editor: [Ann Lee, Bo Chan] [front-matter-names]"]
    meta = edition_meta(load(root)[0])
    assert (meta.authors, meta.author, meta.label) == (("Helena Marsh", "Tom Reed"), "Helena Marsh and Tom Reed",
                                                      "Chapter")
    assert diagnostics(make_edition({"essay/01.md": essay("author: Marsh, Helena\n")})) == []


def test_an_empty_note_is_an_error_at_its_body(make_edition: MakeEdition) -> None:
    assert diagnostics(make_edition({"footnotes/1.md": "---\nlabel: \"1\"\n---\n\n"})) == [
        "footnotes/1.md:4: error: note '1' is empty: write its text below the front matter [note-empty]"]


def test_site_url_is_reported_at_its_line(make_edition: MakeEdition) -> None:
    config = "site_name: S\ncopyright: C\nsite_description: D\n\nsite_url: example.org\n"
    assert diagnostics(make_edition({"mkdocs.yml": config})) == [
        "mkdocs.yml:5: error: 'site_url' must be an http(s) address, not 'example.org' [config-site-url]"]


def test_parts_are_ordered_by_their_number(make_edition: MakeEdition) -> None:
    files: dict[str, str | None] = {"essay/01.md": None}
    for number in range(1, 11):
        files[f"essay/{number}-part.md"] = f"---\nheading: H{number}\n---\n\nP{number}.\n{{: #p{number} }}\n"
    files["essay/1-part.md"] = "---\ntitle: T\nauthor: A\n---\n\nP1[^1].\n{: #p1 }\n"
    edition, _ = load(make_edition(files))
    assert [Path(p.file.loc.path).name for p in edition.parts] == [f"{n}-part.md" for n in range(1, 11)]


iso_like = st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(1, 9999), st.integers(0, 99),
                     st.integers(0, 99))


@given(iso_like)
def test_a_date_is_impossible_exactly_when_python_refuses_it(value: str) -> None:
    try:
        dt.date.fromisoformat(value)
        real = True
    except ValueError:
        real = False
    assert (impossible(value) == "") == real
    assert (date_problem(value) == "") == real


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.one_of(iso_like, st.text(max_size=12)), st.one_of(
    st.floats(allow_nan=True), st.integers(), st.text(max_size=8), st.sampled_from(["1.10", "'1.10'", "2.0.1"])))
def test_no_date_or_version_makes_a_traceback(make_edition: MakeEdition, date: str, version: object) -> None:
    front = f"author: A\ndate: {date!r}\nversion: {version}\n" if isinstance(version, (int, float)) else \
        f"author: A\ndate: {date}\nversion: {version!r}\n"
    root = make_edition({"essay/01.md": essay(front.replace("\n\n", "\n"))})
    found = diagnostics(root)  # no exception for any input
    edition, _ = load(root)
    edition_meta(edition)
    assert all(": error: " in d or ": warning: " in d for d in found)


def test_the_generated_pages_take_their_titles_from_the_front_matter(make_edition: MakeEdition) -> None:
    from edition.render.markdown import render_pages
    from edition.resolve.links import resolve

    front = "author: A\npages:\n  sources: Bibliography\n  apparatus: Textual notes\n"
    edition, _ = load(make_edition({"essay/01.md": essay(front)}))
    assert [str(d) for d in validate(edition)] == []
    pages = render_pages(resolve(edition))
    assert [pages[PurePosixPath(n)].split("\n", 1)[0] for n in ("sources.md", "apparatus.md")] == [
        "# Bibliography", "# Textual notes"]
    bad = "author: A\npages:\n  source: Bibliography\n  apparatus: [x]\n"
    assert diagnostics(make_edition({"essay/01.md": essay(bad)})) == [
        "essay/01.md:4: error: 'pages.apparatus' must be the page's title, as text [front-matter-type]",
        "essay/01.md:4: error: unknown page 'source' in 'pages' (did you mean 'sources'?) (the generated pages: "
        "sources, apparatus, persons, glossary, chronology) [front-matter-unknown]"]
