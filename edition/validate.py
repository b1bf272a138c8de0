"""Check a loaded edition and say, with file and line, everything that is wrong."""
from __future__ import annotations

import difflib
import re
from pathlib import PurePosixPath
from typing import Any, Iterable, Iterator, Mapping
from urllib.parse import urlsplit

from markdown.extensions.toc import slugify

from . import interventions
from .load import BIB_FILE
from .markdown_scan import (
    CODE_SPAN,
    DEFINITION,
    INLINE_LINK,
    UNSAFE,
    Citation,
    LineIndex,
    blocks,
    citations,
    line_of,
    markers,
)
from .model import Diagnostic, Edition, Loc, Note, Source, TextFile, error, warning
from .pages import (
    APPARATUS_PAGE,
    CHRONOLOGY_PAGE,
    ESSAY_PAGE,
    GENERATED_PAGES,
    GLOSSARY_PAGE,
    PERSONS_PAGE,
    SOURCES_PAGE,
)
from .registers import ISO_DATE
from .resolve import find_mentions, note_order, placed_interventions

ESSAY_KEYS = {"title": str, "author": str, "affiliation": str, "published": str, "heading": str}
ESSAY_REQUIRED = ("title", "author")
NOTE_KEYS = {"label": (str, int)}
PAGE_KEYS = {"title": str}
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
ATTR_ID = re.compile(r"\{:?[^}]*#([\w:-]+)[^}]*\}")


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a close match exists."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def at(file: TextFile, text_line: int) -> Loc:
    """The file location of a 0-based line of a file's body."""
    return Loc(file.loc.path, file.body_line + text_line)


def check_front_matter(file: TextFile, allowed: Mapping[str, Any], required: Iterable[str]) -> Iterator[Diagnostic]:
    """Unknown keys, missing keys and values of the wrong type."""
    for key, value in file.meta.items():
        loc = Loc(file.loc.path, file.meta_lines.get(key, 2))
        if key not in allowed:
            yield error(loc, f"unknown front-matter key '{key}'{suggest(key, allowed)}", "front-matter-unknown")
        elif not isinstance(value, allowed[key]) or isinstance(value, bool):
            kind = allowed[key]
            names = " or ".join(t.__name__ for t in kind) if isinstance(kind, tuple) else kind.__name__
            hint = " (put it in quotes)" if names == "str" and not isinstance(value, (list, dict)) else ""
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
    printed_free = interventions.PATTERN.sub(lambda m: m.group("new") or m.group("add") or "", body)
    printed_free = CODE_SPAN.sub(lambda m: " " * len(m.group()), printed_free)  # code shows markup as text
    for match in UNSAFE.finditer(printed_free):
        yield error(at(file, line(match.start())),
                    f"raw HTML or script is not allowed in content: '{match.group()[:40]}'", "unsafe-html")


def marker_places(edition: Edition) -> list[tuple[str, Loc]]:
    """Every note marker of the essay, in reading order, with its place."""
    found = []
    for part in edition.parts:
        line = LineIndex(part.file.body)
        for match in markers(part.file.body):
            found.append((match.group(1), at(part.file, line(match.start()))))
    return found


def unreadable_in(edition: Edition, folder: str) -> set[str]:
    """The files of a folder that failed to load."""
    return {p for p in edition.unreadable if p.startswith(folder + "/")}


def check_essay(edition: Edition) -> Iterator[Diagnostic]:
    """Front matter, paragraph ids and stray definitions of every part."""
    seen: dict[str, Loc] = {}
    first_known = not unreadable_in(edition, "essay")  # else the first readable part may not be the first
    for number, part in enumerate(edition.parts):
        required = ESSAY_REQUIRED if number == 0 and first_known else ()
        yield from check_front_matter(part.file, ESSAY_KEYS, required)
        yield from check_text(part.file)
        for match in DEFINITION.finditer(part.file.body):
            yield error(at(part.file, line_of(part.file.body, match.start())),
                        f"note '{match.group(1)}' is defined in the essay; notes belong in footnotes/", "note-inline")
        for block in blocks(part.file.body):
            if block.id is None:
                yield error(at(part.file, block.line), "paragraph has no id (end it with a line '{: #pN }')",
                            "para-id-missing")
            elif block.id in seen:
                yield error(at(part.file, block.id_line),
                            f"paragraph id '{block.id}' is already used at {seen[block.id]}",
                            "para-id-duplicate")
            else:
                seen[block.id] = at(part.file, block.id_line)


def check_markers(edition: Edition) -> Iterator[Diagnostic]:
    """Markers without notes, notes without markers, label order."""
    notes = {n.id for n in edition.notes} | {PurePosixPath(p).stem for p in unreadable_in(edition, "footnotes")}
    places = marker_places(edition)
    used = {note_id for note_id, _ in places}
    for note_id, loc in places:
        if note_id not in notes:
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


def check_sources(edition: Edition) -> Iterator[Diagnostic]:
    """Archival entries, repositories and cross-references."""
    keys = {s.key for s in edition.sources}
    repositories = {r.id for r in edition.repositories}
    for source in edition.sources:
        archive = source.fields.get("archive")
        if source.type == "unpublished" and not archive:
            yield error(source.loc, f"archival entry '{source.key}' has no 'archive' (repository)", "archive-missing")
        if archive and archive not in repositories:
            yield error(source.loc, f"unknown repository '{archive}' in '{source.key}'{suggest(archive, repositories)}",
                        "repository-unknown")
        if (archive or source.type == "unpublished") and not call_number(source):
            yield error(source.loc, f"archival entry '{source.key}' has no call number "
                        "('callnumber', or 'fond', 'opis' and 'delo')", "callnumber-missing")
        for field in ("crossref", "related"):
            target = source.fields.get(field)
            if target and target not in keys:
                yield error(source.loc, f"'{field}' of '{source.key}' names '{target}', not in sources.bib"
                            f"{suggest(target, keys)}", "crossref-missing")


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


def known_anchors(edition: Edition) -> dict[str, set[str] | None]:
    """The pages a content link may name, each with its anchors (None: any anchor, not checked)."""
    paragraphs = {b.id for part in edition.parts for b in blocks(part.file.body) if b.id}
    notes = {f"fn:{n.id}" for n in edition.notes}
    pages: dict[str, set[str] | None] = {
        ESSAY_PAGE: paragraphs | notes | {"notes"} | {f"note-{n.id}" for n in edition.notes},
        SOURCES_PAGE: {s.key for s in edition.sources},
        APPARATUS_PAGE: {f"app-{p.anchor}" for p in placed_interventions(edition, note_order(edition))},
        PERSONS_PAGE: {p.id for p in edition.persons},
        GLOSSARY_PAGE: {"archives", "abbreviations-and-terms"} | {f"archive-{r.id}" for r in edition.repositories},
        CHRONOLOGY_PAGE: set()}
    pages.update({PurePosixPath(p.loc.path).name: heading_ids(p) for p in edition.pages})
    return pages


def heading_ids(page: TextFile) -> set[str]:
    """The ids of a page's headings, as Python-Markdown's toc makes them, and ids set with attr_list."""
    titles = [str(page.meta.get("title", ""))] + HEADING.findall(page.body)
    return {slugify(t.strip(), "-") for t in titles} | set(ATTR_ID.findall(page.body))


def link_problem(target: str, pages: Mapping[str, set[str] | None], own_page: str) -> str | None:
    """What is wrong with a link written in the content, or None."""
    parts = urlsplit(target)
    if parts.scheme.lower() in ("http", "https", "mailto"):
        return None
    if parts.scheme or parts.netloc:
        return f"links may go to the edition's pages or to http(s) addresses, not '{target}'"
    page = parts.path or own_page
    if page not in pages:
        return f"link to a page that does not exist: '{target}'{suggest(page, pages)}"
    anchors = pages[page]
    if parts.fragment and anchors is not None and parts.fragment not in anchors:
        return f"link to an anchor that does not exist: '{target}'{suggest(parts.fragment, anchors)}"
    return None


def check_links(edition: Edition) -> Iterator[Diagnostic]:
    """Every [text](target) link in the content names a page and anchor that exist."""
    pages = known_anchors(edition)
    files = [(p.file, ESSAY_PAGE) for p in edition.parts] + [(n.file, ESSAY_PAGE) for n in edition.notes]
    files += [(p, PurePosixPath(p.loc.path).name) for p in edition.pages]
    for file, own in files:
        body = CODE_SPAN.sub(lambda m: " " * len(m.group()), file.body)
        for match in INLINE_LINK.finditer(body):
            problem = link_problem(match.group(1), pages, own)
            if problem:
                yield error(at(file, line_of(body, match.start())), problem, "link-missing")


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


def validate(edition: Edition) -> list[Diagnostic]:
    """Every problem in the edition, in no particular order."""
    checks = (check_essay, check_markers, check_notes, check_citations, check_sources, check_repositories,
              check_persons, check_terms, check_dates, check_links)
    found = [d for check in checks for d in check(edition)]
    for page in edition.pages:
        found.extend(check_front_matter(page, PAGE_KEYS, ("title",)))
        found.extend(check_text(page))
        generated = GENERATED_PAGES.get(PurePosixPath(page.loc.path).name)
        if generated:
            found.append(error(page.loc, f"page '{PurePosixPath(page.loc.path).name}' has the file name of the "
                               f"{generated} page; rename it", "page-name"))
    return found
