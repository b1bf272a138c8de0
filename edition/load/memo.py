"""What the costliest pure steps made in the last build, kept by a digest of their inputs (pure).

Formatting the sources with pybtex is the costliest of the toolkit's own steps, and a rebuild after an edit to
the essay or the notes finds most entries unchanged. The memo is a cache and nothing more: each value is kept
under a digest of exactly what made it and of the toolkit that made it (its code, pybtex's and latexcodec's
versions), so a recalled value is the value the step would make now. A memo that is missing, damaged or made
by another toolkit is ignored whole.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Mapping, TypeVar

from pybtex.database import Entry, Person

MEMO_FILE = "memo.json"  # beside the generated mkdocs.yml, in the folder that keeps MkDocs' input
T = TypeVar("T")


@dataclass(frozen=True)
class Memo:
    """Values the last build made, by the digest of their inputs; stamp: the toolkit that made them."""

    stamp: str
    kept: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def digest(self, kind: str, inputs: Any) -> str:
        """The key under which this toolkit keeps what one kind of step made from these inputs."""
        text = json.dumps([self.stamp, kind, inputs], ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def recall(self, kind: str, inputs: Any, make: Callable[[], T], read: Callable[[Any], T]) -> tuple[str, T]:
        """The digest and the value: read from the memo when kept, else made."""
        digest = self.digest(kind, inputs)
        return digest, (read(self.kept[digest]) if digest in self.kept else make())


class MemoDamaged(ValueError):
    """A value of the memo that is not of the shape its step makes: the memo is then ignored whole."""


def kept_as(kind: type[T], value: Any) -> T:
    """A value read from the memo, when it has the type its step makes."""
    if not isinstance(value, kind):
        raise MemoDamaged(f"a {type(value).__name__} where a {kind.__name__} was kept")
    return value


def kept_texts(value: Any, count: int) -> list[str]:
    """A value read from the memo that must be a list of so many strings."""
    if not (isinstance(value, list) and len(value) == count and all(isinstance(v, str) for v in value)):
        raise MemoDamaged(f"not a list of {count} strings")
    return value


def checksum(values: Mapping[str, Any]) -> str:
    """A digest of the values themselves, so that a damaged memo is never read."""
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_memo(text: str | None, stamp: str) -> Memo:
    """The memo a file holds; an empty one when the file is missing, damaged or made by another toolkit."""
    try:
        data = json.loads(text) if text else None
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("stamp") != stamp or not isinstance(data.get("values"), dict):
        return Memo(stamp)
    if data.get("check") != checksum(data["values"]):
        return Memo(stamp)
    return Memo(stamp, MappingProxyType(data["values"]))


def memo_text(stamp: str, values: Mapping[str, Any]) -> str:
    """The memo file the next build reads."""
    kept = dict(sorted(values.items()))
    # one line: a cache for the toolkit, not a file for people, and json's fast encoder writes only this form
    return json.dumps({"stamp": stamp, "check": checksum(kept), "values": kept}, ensure_ascii=False,
                      separators=(",", ":")) + "\n"


def person_parts(person: Person) -> list[list[str]]:
    """A person's name as pybtex split it: every part formatting may read."""
    return [person.first_names, person.middle_names, person.prelast_names, person.last_names, person.lineage_names]


def entry_inputs(key: str, entry: Entry) -> list[Any]:
    """Everything of an entry that formatting reads: its key, type, fields and persons."""
    persons = [[role, [person_parts(p) for p in people]] for role, people in entry.persons.items()]
    return [key, entry.type, list(entry.fields.items()), persons]
