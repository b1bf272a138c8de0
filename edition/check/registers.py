"""The registers: archives, persons, the glossary, and the dates of the sources."""
from __future__ import annotations

import re
from typing import Any, Iterator, Sequence

from edition.check.sanitize import IDENTIFIER, IDENTIFIER_RULE
from edition.model import Diagnostic, Edition, error, warning
from edition.resolve.links import find_mentions, note_order

# Only full ISO dates, months, years, or a range of them ("1936-06/1936-07") are accepted.
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")


def fields_and_ids(items: Sequence[Any], fields: tuple[str, ...], what: str, id_word: str) -> Iterator[Diagnostic]:
    """Each register entry has its required fields, and no id is defined twice."""
    seen: set[str] = set()
    for item in items:
        for name in fields:
            if not getattr(item, name):
                yield error(item.loc, f"{what} lacks '{name}'", f"{what}-field")
        if item.id and not IDENTIFIER.fullmatch(item.id):
            yield error(item.loc, f"{id_word} '{item.id}' is not an id ({IDENTIFIER_RULE})", f"{what}-id")
        if item.id in seen:
            yield error(item.loc, f"{id_word} '{item.id}' is defined twice", f"{what}-duplicate")
        seen.add(item.id)


def check_repositories(edition: Edition) -> Iterator[Diagnostic]:
    """Every repository has an id, an abbreviation and a name, once."""
    yield from fields_and_ids(edition.repositories, ("id", "abbr", "name"), "repository", "repository")


def check_persons(edition: Edition) -> Iterator[Diagnostic]:
    """Ids, names and spellings of the persons' register; persons and spellings the text never uses."""
    yield from fields_and_ids(edition.persons, ("id", "name", "spellings"), "person", "person id")
    owners: dict[str, str] = {}
    mentions = find_mentions(edition, note_order(edition))
    text = "\n".join([p.file.body for p in edition.parts] + [n.file.body for n in edition.notes])
    for person in edition.persons:
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


def check_keys(edition: Edition) -> Iterator[Diagnostic]:
    """Every BibTeX key and note id can stand as an id in an attribute list, a footnote label and a link."""
    for source in edition.sources:
        if not IDENTIFIER.fullmatch(source.key):
            yield error(source.loc, f"key '{source.key}' is not an id ({IDENTIFIER_RULE})", "source-key")
    for note in edition.notes:
        if not IDENTIFIER.fullmatch(note.id):
            yield error(note.file.loc, f"note file name '{note.id}' is not an id ({IDENTIFIER_RULE}); rename the "
                        "file", "note-id")


def check_dates(edition: Edition) -> Iterator[Diagnostic]:
    """Dates in sources.bib are ISO 8601: 1937-07-03, 1937-04, 1937, or a range a/b."""
    for source in edition.sources:
        for name in ("date", "origdate"):
            date = source.fields.get(name)
            if date is not None and not ISO_DATE.match(date):
                yield error(source.loc, f"{name} '{date}' of '{source.key}' is not ISO 8601 (YYYY-MM-DD, YYYY-MM, "
                            "YYYY or a range FROM/TO)", "date-format")
