"""Find the registered persons' spellings in a text (pure; shared by resolve and the Markdown extension)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping


@dataclass(frozen=True)
class Mention:
    """One spelling of a person found at [start, end) of a text."""

    start: int
    end: int
    person: str


class Matcher:
    """Matches every spelling on word boundaries, longest first, skipping excluded phrases."""

    def __init__(self, spellings: Mapping[str, str], exclude: Mapping[str, Iterable[str]]) -> None:
        forms = sorted(spellings, key=len, reverse=True)
        self.spellings = dict(spellings)
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)") if forms else None
        phrases = [(p, person) for person, items in exclude.items() for p in items]
        self.excluded = [(re.compile(re.escape(p)), person) for p, person in phrases]

    def find(self, text: str) -> Iterator[Mention]:
        """Every mention in a text, in order."""
        if self.pattern is None:
            return
        blocked = [(m.start(), m.end(), person) for rx, person in self.excluded for m in rx.finditer(text)]
        for match in self.pattern.finditer(text):
            person = self.spellings[match.group()]
            if not any(s <= match.start() and match.end() <= e and p == person for s, e, p in blocked):
                yield Mention(match.start(), match.end(), person)


def matcher_for(persons: Iterable[tuple[str, Iterable[str], Iterable[str]]]) -> Matcher:
    """A matcher from (id, spellings, excluded phrases) triples; a spelling claimed twice keeps its first owner."""
    spellings: dict[str, str] = {}
    exclude: dict[str, list[str]] = {}
    for person, forms, phrases in persons:
        for form in forms:
            spellings.setdefault(form, person)
        exclude[person] = list(phrases)
    return Matcher(spellings, exclude)


def date_key(date: str) -> str:
    """The sortable start of an ISO date or range ('1937-04' sorts at the start of April)."""
    return date.split("/", 1)[0]


def is_approximate(date: str) -> bool:
    """A month, a year or a range rather than a day."""
    return "/" in date or len(date) < 10
