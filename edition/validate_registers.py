"""The registers: archives, persons, the glossary, and the dates of the sources."""
from __future__ import annotations

from typing import Iterator

from .model import Diagnostic, Edition, error, warning
from .registers import ISO_DATE
from .resolve import find_mentions, note_order


def check_repositories(edition: Edition) -> Iterator[Diagnostic]:
    """Every repository has an id, an abbreviation and a name, once."""
    seen: set[str] = set()
    for repo in edition.repositories:
        for name in ("id", "abbr", "name"):
            if not getattr(repo, name):
                yield error(repo.loc, f"repository lacks '{name}'", "repository-field")
        if repo.id in seen:
            yield error(repo.loc, f"repository '{repo.id}' is defined twice", "repository-duplicate")
        seen.add(repo.id)


def check_persons(edition: Edition) -> Iterator[Diagnostic]:
    """Ids, names and spellings of the persons' register; persons and spellings the text never uses."""
    owners: dict[str, str] = {}
    ids: set[str] = set()
    mentions = find_mentions(edition, note_order(edition))
    text = "\n".join([p.file.body for p in edition.parts] + [n.file.body for n in edition.notes])
    for person in edition.persons:
        for name in ("id", "name", "spellings"):
            if not getattr(person, name):
                yield error(person.loc, f"person lacks '{name}'", "person-field")
        if person.id in ids:
            yield error(person.loc, f"person id '{person.id}' is defined twice", "person-duplicate")
        ids.add(person.id)
        for form in person.spellings:
            if form in owners and owners[form] != person.id:
                yield error(person.loc, f"spelling '{form}' of '{person.id}' is already claimed by '{owners[form]}'",
                            "person-spelling-duplicate")
            owners.setdefault(form, person.id)
            if form not in text:
                yield warning(person.loc, f"spelling '{form}' of '{person.id}' does not occur in the text",
                              "person-spelling-unused")
        if person.id and person.spellings and not mentions.get(person.id):
            yield warning(person.loc, f"person '{person.id}' is never mentioned", "person-unused")


def check_terms(edition: Edition) -> Iterator[Diagnostic]:
    """Every glossary term has an expansion and is defined once."""
    seen: set[str] = set()
    for term in edition.terms:
        if not term.term or not term.expansion:
            yield error(term.loc, "a glossary entry needs 'term' and 'expansion'", "term-field")
        if term.term in seen:
            yield error(term.loc, f"term '{term.term}' is defined twice", "term-duplicate")
        seen.add(term.term)


def check_dates(edition: Edition) -> Iterator[Diagnostic]:
    """Dates in sources.bib are ISO 8601: 1937-07-03, 1937-04, 1937, or a range a/b."""
    for source in edition.sources:
        date = source.fields.get("date")
        if date is not None and not ISO_DATE.match(date):
            yield error(source.loc, f"date '{date}' of '{source.key}' is not ISO 8601 (YYYY-MM-DD, YYYY-MM, YYYY "
                        "or a range FROM/TO)", "date-format")
