"""The sources as CSL-JSON, the data model of Zotero and citeproc, with every archival location (pure)."""
from __future__ import annotations

import json
import re
from typing import Any, Iterable, Mapping

from pybtex.database import Entry, Person

from edition.check.fields import plain_field
from edition.render.csl_case import bcp47, rich_title

CSL_TYPES = {"unpublished": "manuscript", "inbook": "chapter", "incollection": "chapter", "book": "book",
             "collection": "book", "proceedings": "book", "inproceedings": "paper-conference",
             "article": "article-journal", "thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis",
             "report": "report", "techreport": "report", "online": "webpage"}
# CSL variable <- the first of these fields the entry has
TEXT_FIELDS = (("container-title", ("booktitle", "journaltitle", "journal")), ("collection-title", ("series",)),
               ("volume", ("volume",)), ("issue", ("number", "issue")), ("page", ("pages",)),
               ("edition", ("edition",)), ("publisher", ("publisher", "institution", "organization", "school")),
               ("publisher-place", ("address", "location")), ("URL", ("url",)), ("DOI", ("doi",)))
ROLES = (("author", "author"), ("editor", "editor"), ("translator", "translator"))
TITLES = ("container-title", "collection-title")  # CSL rich text, their case kept (csl_case)


def name(person: Person) -> dict[str, str]:
    """A pybtex name as a CSL name."""
    family = plain_field(" ".join(person.prelast_names + person.last_names))
    given = plain_field(" ".join(person.first_names + person.middle_names))
    return {"family": family, "given": given} if given else {"family": family}


def date_parts(value: str) -> dict[str, Any] | None:
    """'1937-07-03', '1937-04', '1937' or a range '1936-06/1936-07' as CSL date-parts."""
    ends = value.split("/")
    parts = [[int(p) for p in end.split("-")] for end in ends if re.fullmatch(r"\d{4}(-\d\d){0,2}", end)]
    return {"date-parts": parts} if parts and len(parts) == len(ends) else ({"literal": value} if value else None)


def archival(fields: Mapping[str, str]) -> dict[str, str]:
    """CSL archive, archive-place and archive_location from the fields the resolver spelled out."""
    if not fields.get("archivename"):
        return {}
    location = fields.get("callnumbertext", "")
    if fields.get("folio"):
        location += f", {fields.get('foliolabel', '')} {plain_field(fields['folio'])}".replace("  ", " ")
    item = {"archive": fields["archivename"], "archive_location": location.strip(", ")}
    if fields.get("archiveplace"):
        item["archive-place"] = fields["archiveplace"]
    return item


def text_fields(fields: Mapping[str, str], language: str = "") -> dict[str, str]:
    """The CSL variables that take one field's text (titles as rich text that keeps its case in this language)."""
    found = {}
    for variable, names in TEXT_FIELDS:
        if fields.get("archivename") and variable.startswith("publisher"):
            continue  # an archive's document has no publisher: 'howpublished' and 'address' name the archive
        value = next((fields[n] for n in names if fields.get(n)), "")
        if value:
            found[variable] = rich_title(value, language) if variable in TITLES else plain_field(value)
    return found


def notes(fields: Mapping[str, str], item: Mapping[str, Any]) -> str:
    """CSL note (Zotero's Extra): the entry's note, its addendum and the archive's place, each on a line of its
    own ('archive-place: …', which Zotero reads back from Extra and has no field for)."""
    lines = [plain_field(fields[n]) for n in ("note", "addendum") if fields.get(n)]
    if item.get("archive-place"):
        lines.append(f"archive-place: {item['archive-place']}")
    return "\n".join(lines)


def csl_item(key: str, entry: Entry) -> dict[str, Any]:
    """One source as a CSL-JSON item."""
    fields = entry.fields
    keywords = {k.strip().lower() for k in fields.get("keywords", "").split(",")}
    kind = "article-newspaper" if entry.type == "article" and "press" in keywords else \
        CSL_TYPES.get(entry.type, "document")
    language = bcp47(fields.get("langid", ""))
    item: dict[str, Any] = {"id": key, "type": kind, "title": rich_title(fields.get("title", ""), language)}
    for role, csl_role in ROLES:
        if entry.persons.get(role):
            item[csl_role] = [name(p) for p in entry.persons[role]]
    issued = date_parts(fields.get("date", "") or fields.get("year", ""))
    if issued:
        item["issued"] = issued
    original = date_parts(fields.get("origdate", ""))  # a document's own date, printed in a later volume
    if original:
        item["original-date"] = original
    item.update(text_fields(fields, language))
    item.update(archival(fields))
    note = notes(fields, item)
    if note:
        item["note"] = note
    if language:
        item["language"] = language
    if fields.get("library") or item.get("archive_location"):
        item["call-number"] = plain_field(fields.get("library", "")) or \
            f"{fields.get('archiveabbr', '')}, {item['archive_location']}".strip(", ")
    if fields.get("shorthand"):
        item["citation-label"] = plain_field(fields["shorthand"])
    return item


def csl_json(entries: Iterable[tuple[str, Entry]]) -> str:
    """Many sources as one CSL-JSON file."""
    return csl_text([csl_item(k, e) for k, e in entries])


def csl_text(items: list[dict[str, Any]]) -> str:
    """CSL-JSON items as the text of a file."""
    return json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
