"""The BibTeX the edition publishes: every entry as the editor wrote it, plus what other readers need (pure).

Each entry keeps every field verbatim. Where a field has a classic-BibTeX (or citation.js BibTeX-mode) alias
that the entry lacks, the alias is added after the entry's own fields: `year` (and `month`) from `date`,
`journal` from `journaltitle`, `address` from `location`, `school` from `institution` in a thesis, `language`
from `langid`. A part of an authorless book (`@inbook` cross-referencing an `@book` with no author), which
makes citation.js reject the whole file, cites its volume with biblatex's `xref` instead of `crossref`, and
the fields it inherited are written into it: nothing it inherited is lost. A single entry's file carries the
entry it cross-references after it, so that it is complete on its own.
"""
from __future__ import annotations

import re
from typing import Mapping

from edition.load.bibtex import chunks
from edition.model import Source

# classic alias <- biblatex field
ALIASES = (("journal", "journaltitle"), ("address", "location"), ("language", "langid"))
THESES = ("thesis", "phdthesis", "mastersthesis")
BOOK_PARTS = ("inbook", "bookinbook", "suppbook")  # citation.js gives these the volume's author as bookauthor
# a volume's fields its part does not inherit (biblatex's default inheritance)
NOT_INHERITED = ("ids", "crossref", "xref", "entryset", "entrysubtype", "execute", "label", "options", "presort",
                 "related", "relatedoptions", "relatedstring", "relatedtype", "shorthand", "shorthandintro",
                 "sortkey", "shorttitle", "sorttitle", "indextitle", "indexsorttitle", "printed", "supplied")
TITLES = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
DATE = re.compile(r"(\d{4})(?:-(\d\d))?")


def date_aliases(fields: Mapping[str, str]) -> dict[str, str]:
    """year (and month) from a biblatex date, where the entry gives neither."""
    match = DATE.match(fields.get("date", ""))
    if not match or fields.get("year"):
        return {}
    found = {"year": match.group(1)}
    if match.group(2) and not fields.get("month") and "/" not in fields["date"]:
        found["month"] = str(int(match.group(2)))
    return found


def orphan_part(source: Source, sources: Mapping[str, Source]) -> Source | None:
    """The authorless book a part cross-references (the case citation.js cannot convert), or None."""
    parent = sources.get(source.fields.get("crossref", ""))
    if parent is None or source.type not in BOOK_PARTS or parent.type not in ("book", "mvbook"):
        return None
    return None if parent.persons.get("author") else parent


def added_fields(source: Source, sources: Mapping[str, Source]) -> dict[str, str]:
    """The fields the published copy adds to an entry, in order, by name."""
    own = {**source.fields, **{role: "x" for role in source.persons}}
    added: dict[str, str] = {}
    parent = orphan_part(source, sources)
    if parent is not None:
        added["xref"] = parent.key
        for name, value in parent.fields.items():
            name = TITLES.get(name, name)
            dated = name in ("date", "year", "month") and (own.get("date") or own.get("year"))
            if name not in NOT_INHERITED and not own.get(name) and not dated:
                added[name] = value
        for role, persons in parent.persons.items():
            if role not in own:
                added[role] = " and ".join(str(p) for p in persons)
    fields = {**source.fields, **added}
    added.update(date_aliases(fields))
    for alias, field in ALIASES:
        if fields.get(field) and not own.get(alias) and alias not in added:
            added[alias] = fields[field]
    if source.type in THESES and fields.get("institution") and not own.get("school"):
        added["school"] = fields["institution"]
    return added


def closing(body: str) -> int:
    """The offset of an entry's closing delimiter: '}' or, for @type(key, …), ')'."""
    opened = re.match(r"\s*@\s*\w+\s*([{(])", body)
    return body.rfind(")" if opened and opened.group(1) == "(" else "}")


def published_entry(body: str, source: Source, sources: Mapping[str, Source]) -> str:
    """One entry's text as written, its aliases added before its closing delimiter."""
    added = added_fields(source, sources)
    close = closing(body)
    head = body[:close].rstrip()
    if "xref" in added:  # the part cites its volume without inheriting from it: citation.js reads it
        head = re.sub(r"(?im)^(\s*)crossref(\s*=)", r"\1xref\2", head, count=1)
        del added["xref"]
    if not added:
        return body[:close + 1]
    lines = "".join(f"  {name} = {{{value}}},\n" for name, value in added.items())
    return f"{head if head.endswith(',') else head + ','}\n{lines}{body[close]}"


def published_bib(text: str, sources: Mapping[str, Source]) -> str:
    """The whole sources.bib as published: everything as written, each entry with its aliases."""
    pieces, last = [], 0
    for key, start, end in chunks(text):
        pieces.append(text[last:start])
        body = text[start:end]
        close = closing(body)
        source = sources.get(key)
        if source is not None and close >= 0:
            pieces.append(published_entry(body[:close + 1], source, sources) + body[close + 1:])
        else:
            pieces.append(body)
        last = end
    return "".join(pieces) + text[last:]


def entry_bib(key: str, written: Mapping[str, str], sources: Mapping[str, Source]) -> str:
    """One entry's file: the entry as published, then the entry it cross-references (classic BibTeX wants the
    volume after its parts)."""
    source = sources.get(key)
    if source is None:
        return written.get(key.lower(), "")
    out = [published_entry(written.get(key.lower(), "").rstrip(), source, sources) + "\n"]
    parent = sources.get(source.fields.get("crossref", ""))
    if parent is not None and parent.key != key:
        out.append(published_entry(written.get(parent.key.lower(), "").rstrip(), parent, sources) + "\n")
    return "\n".join(out)
