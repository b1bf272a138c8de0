"""Link the edition's parts: note order and labels, citations and the notes citing each source."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Mapping

from pybtex.bibtex.utils import split_name_list
from pybtex.database import Entry, Person

from edition.check.biblatex import NAME_LISTS
from edition.check.fields import DEFAULT_FOLIO, plain_field
from edition.load import interventions
from edition.load.interventions import Intervention
from edition.load.markdown_scan import Citation, blocks, citations, markers
from edition.model import Edition, Note, Repository, Source, frozen_map
from edition.resolve.lemma import lemma
from edition.resolve.mentions import matcher_for

ARCHIVAL, DOCUMENTS, LITERATURE, MEMOIRS, PRESS = (
    "Archival documents", "Published document collections", "Books and articles", "Memoirs", "Press")
NAME_FIELDS = tuple(n for n in NAME_LISTS if n not in ("author", "editor", "shortauthor", "shorteditor"))
GROUP_ORDER = (ARCHIVAL, DOCUMENTS, LITERATURE, MEMOIRS, PRESS)


@dataclass(frozen=True)
class Resolved:
    """The edition with every cross-reference worked out."""

    edition: Edition
    notes: tuple[Note, ...]  # in the order of their first markers
    labels: Mapping[str, str]  # note id -> printed label
    cites: Mapping[str, tuple[str, ...]]  # note id -> keys it cites, first citation first
    cited_by: Mapping[str, tuple[str, ...]]  # key -> ids of the notes citing it, in note order
    entries: Mapping[str, Entry]  # key -> entry ready to format (crossref and repository applied)
    groups: tuple[tuple[str, str, tuple[str, ...]], ...]  # (group, subgroup, keys)
    interventions: tuple[Placed, ...]  # in reading order: the essay, then the notes
    mentions: Mapping[str, tuple[tuple[str, str], ...]]  # person id -> (place, target id) in reading order


@dataclass(frozen=True)
class Placed:
    """An intervention with its stable anchor and the place a reader finds it."""

    anchor: str  # "p12-1": the first intervention of ¶12; "n12-1": of note 12
    place: str  # "¶12" or "n. 12"
    target: str  # the id of the paragraph or note: "p12", "fn:12"
    item: Intervention
    lemma: str = ""  # the words of the text it concerns: the marked words, a reading, or the words before a point


def edited(text: str) -> str:
    """A Markdown text in the edition's reading: printed readings of interventions left out."""
    return interventions.PATTERN.sub(lambda m: m.group("new") or m.group("add") or m.group("mark") or "", text)


def reading_units(edition: Edition, notes: tuple[Note, ...]) -> list[tuple[str, str, str]]:
    """(place, target id, text) for each paragraph of the essay, then each note."""
    units = [(f"¶{b.id[1:]}", b.id, b.text) for part in edition.parts for b in blocks(part.file.body)
             if b.id and b.id[0] == "p" and b.id[1:].isdigit()]
    return units + [(f"n. {n.label}", f"fn:{n.id}", n.file.body) for n in notes]


def find_mentions(edition: Edition, notes: tuple[Note, ...]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Where each registered person is mentioned, each place once."""
    matcher = matcher_for((p.id, p.spellings, p.exclude) for p in edition.persons)
    found: dict[str, dict[tuple[str, str], None]] = {p.id: {} for p in edition.persons}
    for place, target, text in reading_units(edition, notes):
        for mention in matcher.find(edited(text)):
            found[mention.person][(place, target)] = None
    return {person: tuple(places) for person, places in found.items()}


def lemma_in(text: str, item: Intervention) -> str:
    """An intervention's lemma, from the edited reading of the text on either side of it."""
    return lemma(item, edited(text[:item.start]), edited(text[item.end:]))


def placed_interventions(edition: Edition, notes: tuple[Note, ...]) -> tuple[Placed, ...]:
    """Every intervention with the anchor the Markdown extension gives it (same rule, same order)."""
    found: list[Placed] = []
    for part in edition.parts:
        for block in blocks(part.file.body):
            if block.id and block.id[1:].isdigit() and block.id[0] == "p":
                items, _ = interventions.parse(block.text)
                found += [Placed(f"{block.id}-{n}", f"¶{block.id[1:]}", block.id, item, lemma_in(block.text, item))
                          for n, item in enumerate(items, 1)]
    for note in notes:
        items, _ = interventions.parse(note.file.body)
        found += [Placed(f"n{note.id}-{n}", f"n. {note.label}", f"fn:{note.id}", item,
                         lemma_in(note.file.body, item)) for n, item in enumerate(items, 1)]
    return tuple(found)


def note_order(edition: Edition) -> tuple[Note, ...]:
    """Notes in the order of their first markers in the essay."""
    by_id = {n.id: n for n in edition.notes}
    order: dict[str, Note] = {}  # a dict keeps the first-reference order and answers 'seen?' at once
    for part in edition.parts:
        for match in markers(part.file.body):
            note = by_id.get(match.group(1))
            if note is not None:
                order.setdefault(note.id, note)
    return tuple(order.values())


def citations_of(notes: tuple[Note, ...]) -> dict[str, tuple[str, ...]]:
    """The keys each note cites, without repeats."""
    result = {}
    for note in notes:
        keys = [c.key for c in citations(note.file.body) if isinstance(c, Citation)]
        result[note.id] = tuple(dict.fromkeys(keys))
    return result


def invert(cites: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """key -> the notes that cite it, in note order."""
    result: dict[str, list[str]] = {}
    for note_id, keys in cites.items():
        for key in keys:
            result.setdefault(key, []).append(note_id)
    return {k: tuple(v) for k, v in result.items()}


def call_number(fields: Mapping[str, str]) -> str:
    """A call number as archivists write it: 'f. 010, op. 1, p. 5, d. 95' or the given one."""
    if fields.get("callnumber"):
        return fields["callnumber"]
    parts = (("f.", "fond"), ("op.", "opis"), ("p.", "papka"), ("d.", "delo"))
    return ", ".join(f"{abbr} {fields[name]}" for abbr, name in parts if fields.get(name))


def ready_entry(source: Source, sources: Mapping[str, Source], repositories: Mapping[str, Repository]) -> Entry:
    """A copy of the entry with its crossref parent's fields and its repository spelled out."""
    fields: dict[str, str] = {}
    parent = sources.get(source.fields.get("crossref", ""))
    if parent is not None:
        fields.update(parent.fields)
        fields["booktitle"] = parent.fields.get("title", "")
        fields.pop("title", None)
    fields.update(source.fields)
    repo = repositories.get(fields.get("archive", ""))
    if repo is not None:  # the register speaks for the archive; 'howpublished' and 'address' repeat it for others
        fields["repository"] = f"{repo.name} ({repo.abbr})" + (f", {repo.place}" if repo.place else "")
        fields["callnumbertext"] = call_number(fields)
        fields["foliolabel"] = repo.folio or DEFAULT_FOLIO
        fields.update(archivename=repo.name, archiveabbr=repo.abbr, archiveplace=repo.place)
    entry = Entry(source.type, fields=fields)
    for role, persons in source.persons.items():
        entry.persons[role] = list(persons)
    for role in NAME_FIELDS:  # pybtex parses only author and editor as names
        if role in fields and role not in entry.persons:
            entry.persons[role] = [Person(name) for name in split_name_list(fields.pop(role))]
    return entry


def group_of(source: Source, volumes: set[str]) -> str:
    """Which part of the Sources page an entry belongs to."""
    keywords = {k.strip().lower() for k in source.fields.get("keywords", "").split(",")}
    if source.fields.get("archive"):
        return ARCHIVAL
    if source.fields.get("crossref") or source.key in volumes:
        return DOCUMENTS
    if "memoir" in keywords:
        return MEMOIRS
    if "press" in keywords:
        return PRESS
    return LITERATURE


def grouping(edition: Edition) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Entries grouped by kind, archival documents by repository, in a stable order."""
    volumes = {s.fields["crossref"] for s in edition.sources if s.fields.get("crossref")}
    repositories = {r.id: r for r in edition.repositories}
    buckets: dict[tuple[str, str], list[Source]] = {}
    for source in edition.sources:
        group = group_of(source, volumes)
        repo = repositories.get(source.fields.get("archive", ""))
        sub = f"{repo.abbr}: {repo.name}" if group == ARCHIVAL and repo else ""
        buckets.setdefault((group, sub), []).append(source)
    ordered = sorted(buckets, key=lambda gs: (GROUP_ORDER.index(gs[0]), gs[1]))
    return tuple((g, s, tuple(x.key for x in sorted(buckets[(g, s)], key=partial(sort_key, group=g))))
                 for g, s in ordered)


def sort_key(source: Source, group: str = ARCHIVAL) -> tuple[str, ...]:
    """Documents by date then title; books and articles by author (else editor), then title, then year."""
    fields = source.fields
    title = plain_field(fields.get("title", "")).casefold()
    when = source.own_date or fields.get("year", "")
    if group in (ARCHIVAL, DOCUMENTS):
        return (when, title, source.key)
    people = source.persons.get("author") or source.persons.get("editor") or ()
    names = plain_field(" ".join(" ".join(p.last_names + p.first_names + p.middle_names) for p in people))
    return (names.casefold(), title, when, source.key)


def resolve(edition: Edition) -> Resolved:
    """Work out note order, labels, citations and back-references."""
    notes = note_order(edition)
    cites = citations_of(notes)
    sources = {s.key: s for s in edition.sources}
    repositories = {r.id: r for r in edition.repositories}
    entries = {s.key: ready_entry(s, sources, repositories) for s in edition.sources}
    return Resolved(edition, notes, frozen_map({n.id: n.label for n in edition.notes}), frozen_map(cites),
                    frozen_map(invert(cites)), frozen_map(entries), grouping(edition),
                    placed_interventions(edition, notes), frozen_map(find_mentions(edition, notes)))
