"""Check a loaded edition and say, with file and line, everything that is wrong."""
from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Any, Iterable, Iterator, Mapping

from edition.check.dates import check_dates
from edition.check.fields import ENTRY_TYPES, KNOWN
from edition.check.figures import check_figures, check_site_config
from edition.check.links import check_links
from edition.check.meta import check_meta, check_site_url
from edition.check.registers import check_keys, check_persons, check_repositories, check_terms
from edition.check.sanitize import check_markdown
from edition.load import interventions
from edition.load.common import at, suggest
from edition.load.folder import BIB_FILE
from edition.load.markdown_scan import DEFINITION, Citation, LineIndex, blocks, citations, is_figure, line_of, markers
from edition.load.registers import REPOSITORIES_FILE
from edition.model import Diagnostic, Edition, Loc, Note, Source, TextFile, error, warning
from edition.pages import GENERATED_PAGES

ESSAY_KEYS = {"title": str, "author": (str, list), "affiliation": str, "published": (str, dict), "heading": str,
              "editor": (str, list), "date": (str, dt.date), "version": (str, int, float), "publisher": str,
              "licence": str, "label": str, "pages": dict}
ESSAY_REQUIRED = ("title", "author")
NOTE_KEYS = {"label": (str, int)}
PAGE_KEYS = {"title": str}
# The entry types the edition's style has a template of its own for, and the fields each template needs.
REQUIRED_FIELDS = {"incollection": ("title", "booktitle"), "inproceedings": ("title", "booktitle")}


def check_front_matter(file: TextFile, allowed: Mapping[str, Any], required: Iterable[str]) -> Iterator[Diagnostic]:
    """Unknown keys, missing keys and values of the wrong type."""
    for key, value in file.meta.items():
        loc = Loc(file.loc.path, file.meta_lines.get(key, 2))
        if key not in allowed:
            yield error(loc, f"unknown front-matter key '{key}'{suggest(key, allowed)}", "front-matter-unknown")
        elif not isinstance(value, allowed[key]) or isinstance(value, bool):
            kind = allowed[key]
            names = " or ".join(t.__name__ for t in kind) if isinstance(kind, tuple) else kind.__name__
            text = kind is str or (isinstance(kind, tuple) and str in kind)
            hint = " (put it in quotes)" if text and not isinstance(value, (list, dict)) else ""
            yield error(loc, f"'{key}' must be a {names.replace('str', 'string')}, not {type(value).__name__}{hint}",
                        "front-matter-type")
    for key in required:
        if key not in file.meta:
            yield error(Loc(file.loc.path, 1), f"front matter lacks '{key}'", "front-matter-missing-key")


def check_text(file: TextFile) -> Iterator[Diagnostic]:
    """Interventions, raw HTML and citation syntax in one Markdown body."""
    body = file.body
    line = LineIndex(body)
    _, problems = interventions.parse(body)
    for problem in problems:
        yield error(at(file, line(problem.offset)), problem.message, problem.code)
    for finding in check_markdown(body):
        yield error(at(file, finding.line), finding.message, finding.code)


def braces_balanced(text: str) -> bool:
    """Whether every '{' has its '}' after it, as BibTeX requires of a value (pybtex refuses to write others)."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def check_bibtex_values(file: TextFile) -> Iterator[Diagnostic]:
    """The essay's keys that become the edition's own BibTeX entry (cite/edition.bib) have balanced braces."""
    for key in ("title", "author", "editor", "version", "publisher", "published"):
        value = file.meta.get(key)
        texts = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
        if any(not braces_balanced(str(text)) for text in texts if text is not None):
            yield error(Loc(file.loc.path, file.meta_lines.get(key, 2)),
                        f"'{key}' has a '{{' or '}}' without its partner (BibTeX needs them paired)",
                        "front-matter-braces")


def marker_places(edition: Edition) -> list[tuple[str, Loc]]:
    """Every note marker of the essay, in reading order, with its place."""
    found = []
    for part in edition.parts:
        line = LineIndex(part.file.body)
        for match in markers(part.file.body):
            found.append((match.group(1), at(part.file, line(match.start()))))
    return found


def unreadable_in(edition: Edition, folder: str) -> set[str]:
    """The files of a folder that failed to load (the folder itself, when it was refused whole)."""
    return {p for p in edition.unreadable if p == folder or p.startswith(folder + "/")}


def check_essay(edition: Edition) -> Iterator[Diagnostic]:
    """Front matter, paragraph ids and stray definitions of every part."""
    seen: dict[str, Loc] = {}
    first_known = not unreadable_in(edition, "essay")  # else the first readable part may not be the first
    for number, part in enumerate(edition.parts):
        required = ESSAY_REQUIRED if number == 0 and first_known else ()
        yield from check_front_matter(part.file, ESSAY_KEYS, required)
        yield from check_meta(part.file)
        if number == 0:  # the first part's front matter is the edition's
            yield from check_bibtex_values(part.file)
        yield from check_text(part.file)
        for match in DEFINITION.finditer(part.file.body):
            yield error(at(part.file, line_of(part.file.body, match.start())),
                        f"note '{match.group(1)}' is defined in the essay; notes belong in footnotes/", "note-inline")
        for block in blocks(part.file.body):
            if block.id is None and not is_figure(block):
                yield error(at(part.file, block.line), "paragraph has no id (end it with a line '{: #pN }')",
                            "para-id-missing")
            elif block.id in seen:
                yield error(at(part.file, block.id_line),
                            f"paragraph id '{block.id}' is already used at {seen[block.id]}",
                            "para-id-duplicate")
            elif block.id is not None:
                seen[block.id] = at(part.file, block.id_line)


def check_markers(edition: Edition) -> Iterator[Diagnostic]:
    """Markers without notes, notes without markers, label order."""
    notes = {n.id for n in edition.notes} | {PurePosixPath(p).stem for p in unreadable_in(edition, "footnotes")}
    places = marker_places(edition)
    used = {note_id for note_id, _ in places}
    for note_id, loc in places:
        if note_id not in notes and "footnotes" not in edition.unreadable:  # a refused folder: notes unknown
            yield error(loc, f"no note file footnotes/{note_id}.md for marker [^{note_id}]{suggest(note_id, notes)}",
                        "note-missing")
    if unreadable_in(edition, "essay") or not edition.parts:
        return  # markers in an unreadable part are unknown: unused notes and order cannot be judged
    for note in edition.notes:
        if note.id not in used:
            yield error(note.loc, f"note '{note.id}' is never referenced from essay/", "note-unused")
    if not unreadable_in(edition, "footnotes"):
        yield from check_order(edition, places)


def check_order(edition: Edition, places: list[tuple[str, Loc]]) -> Iterator[Diagnostic]:
    """Numbered labels must run 1, 2, 3 … in the order of their first markers."""
    labels = {n.id: n.label for n in edition.notes}
    expected = 1
    seen: set[str] = set()
    for note_id, loc in places:
        label = labels.get(note_id, "")
        if note_id in seen or not label.isascii() or not label.isdigit():  # '¹' is a digit to Python
            continue
        seen.add(note_id)
        if int(label) != expected:
            problem = "gap before it" if int(label) > expected else "it comes too late"
            yield error(loc, f"note {label} is out of order: expected note {expected} here ({problem})", "note-order")
        expected = int(label) + 1


def check_notes(edition: Edition) -> Iterator[Diagnostic]:
    """Each note's front matter, label uniqueness, nesting and text."""
    by_label: dict[str, Note] = {}
    for note in edition.notes:
        yield from check_front_matter(note.file, NOTE_KEYS, ("label",))
        yield from check_text(note.file)
        if not note.file.body.strip():
            yield error(Loc(note.loc.path, note.file.body_line),
                        f"note '{note.id}' is empty: write its text below the front matter", "note-empty")
        if note.label and note.label in by_label:
            first = by_label[note.label]
            yield error(Loc(note.loc.path, note.file.meta_lines.get("label", 2)),
                        f"label '{note.label}' is already used by {first.loc.path}", "note-label-duplicate")
        by_label.setdefault(note.label, note)
        for match in markers(note.file.body):
            yield error(at(note.file, line_of(note.file.body, match.start())),
                        f"a note cannot contain a note marker ([^{match.group(1)}])", "note-nested")


def check_citations(edition: Edition) -> Iterator[Diagnostic]:
    """Every cited key exists; citation syntax is well formed (in notes and in the essay)."""
    keys = {s.key for s in edition.sources}
    bib_unreadable = BIB_FILE in edition.unreadable
    for file in [n.file for n in edition.notes] + [p.file for p in edition.parts]:
        line = LineIndex(file.body)
        for item in citations(file.body):
            if not isinstance(item, Citation):
                yield error(at(file, line(item[0])), item[1], "cite-syntax")
            elif item.key not in keys and not (bib_unreadable and (item.key in edition.declared_keys or not keys)):
                yield error(at(file, line(item.offset)),
                            f"unknown citation key '@{item.key}', not in sources.bib{suggest(item.key, keys)}",
                            "key-missing")


def call_number(source: Source) -> bool:
    """Whether an archival entry says where in the archive the document is."""
    fields = source.fields
    return bool(fields.get("callnumber")) or all(fields.get(f) for f in ("fond", "opis", "delo"))


def field_loc(source: Source, name: str) -> Loc:
    """Where a field of an entry is written (the entry's first line when unknown)."""
    return Loc(source.loc.path, source.field_lines.get(name, source.loc.line))


def check_fields(edition: Edition) -> Iterator[Diagnostic]:
    """A field outside biblatex's data model and the edition's own would vanish: say so."""
    for source in edition.sources:
        names = set(source.fields) | set(source.persons)
        for name in sorted(names - KNOWN, key=lambda n: (source.field_lines.get(n, 0), n)):
            # no field the entry already has: 'volumes' beside 'volume' is two fields, not a slip
            yield warning(field_loc(source, name), f"unknown field '{name}' in '{source.key}' is not shown"
                          f"{suggest(name, KNOWN - names)}", "bib-field-unknown")


def check_sources(edition: Edition) -> Iterator[Diagnostic]:
    """Archival entries, repositories and cross-references."""
    keys = {s.key for s in edition.sources}
    repositories = {r.id for r in edition.repositories}
    for source in edition.sources:
        archive = source.fields.get("archive")
        if source.type == "unpublished" and not archive:
            yield error(source.loc, f"archival entry '{source.key}' has no 'archive' (repository)", "archive-missing")
        if archive and archive not in repositories and REPOSITORIES_FILE not in edition.unreadable:
            yield error(field_loc(source, "archive"), f"unknown repository '{archive}' in '{source.key}'"
                        f"{suggest(archive, repositories)}", "repository-unknown")
        if (archive or source.type == "unpublished") and not call_number(source):
            yield error(source.loc, f"archival entry '{source.key}' has no call number "
                        "('callnumber', or 'fond', 'opis' and 'delo')", "callnumber-missing")
        for field in ("crossref", "related"):
            target = source.fields.get(field)
            if target and target not in keys:
                yield error(field_loc(source, field), f"'{field}' of '{source.key}' names '{target}', "
                            f"not in sources.bib{suggest(target, keys)}", "crossref-missing")


def check_formattable(edition: Edition) -> Iterator[Diagnostic]:
    """Every entry has a type the style formats and the fields its template cannot do without (not judged in a
    sources.bib pybtex could not wholly read: what it recovered of an entry may lack what the file has)."""
    if BIB_FILE in edition.unreadable:
        return
    keys = {s.key: s for s in edition.sources}
    for source in edition.sources:
        if source.type not in ENTRY_TYPES:
            yield error(source.loc, f"entry type '@{source.type}' of '{source.key}' is not one the edition formats"
                        f"{suggest(source.type, ENTRY_TYPES)}", "bib-type")
            continue
        has = set(source.fields) | ({"booktitle"} if source.fields.get("crossref") in keys else set())
        for name in REQUIRED_FIELDS.get(source.type, ("title",)):
            if name not in has:
                yield error(source.loc, f"'{source.key}' has no '{name}'", "bib-field-missing")


def check_supplied(edition: Edition) -> Iterator[Diagnostic]:
    """An entry's 'supplied' names only fields the entry has."""
    for source in edition.sources:
        present = set(source.fields) | set(source.persons)
        for name in (n.strip().lower() for n in source.fields.get("supplied", "").split(",") if n.strip()):
            if name not in present:
                yield error(field_loc(source, "supplied"), f"'supplied' of '{source.key}' names '{name}', "
                            f"a field the entry does not have"
                            f"{suggest(name, present)}", "supplied-unknown")


def validate(edition: Edition) -> list[Diagnostic]:
    """Every problem in the edition, in no particular order."""
    checks = (check_essay, check_markers, check_notes, check_citations, check_sources, check_formattable,
              check_supplied, check_fields, check_repositories, check_persons, check_terms, check_keys, check_dates,
              check_links, check_figures,
              check_site_config)
    found = [d for check in checks for d in check(edition)] + list(check_site_url(edition.config, edition.config_lines))
    for page in edition.pages:
        found.extend(check_front_matter(page, PAGE_KEYS, ("title",)))
        found.extend(check_text(page))
        generated = GENERATED_PAGES.get(PurePosixPath(page.loc.path).name)
        if generated:
            found.append(error(page.loc, f"page '{PurePosixPath(page.loc.path).name}' has the file name of the "
                               f"{generated} page; rename it", "page-name"))
    return found
