"""The TEI's back matter from the model: persons, sources (biblStruct; archival documents as msDesc),
repositories, glossary, chronology, and the record of each intervention."""
from __future__ import annotations

import re
from typing import Iterable, Mapping

from lxml import etree
from pybtex.database import Entry
from pybtex.database import Person as BibPerson

from edition.check.dates import ISO_DATE
from edition.check.fields import plain_field
from edition.exports.tei.names import XML_ID, XML_LANG, Ids, squeezed, sub
from edition.load.interventions import label
from edition.model import Person, Repository, Source
from edition.resolve.links import Placed, Resolved

LIFE = re.compile(r"^(\d{3,4})\s*[–-]\s*(\d{3,4})$")
ANALYTIC = ("journaltitle", "journal", "booktitle")
CALL_PARTS = ("fond", "opis", "papka", "delo", "folio")


def field(entry: Entry, name: str) -> str:
    """A field as plain text ('' when absent)."""
    return squeezed(plain_field(entry.fields.get(name, "")))


def person_name(parent: etree._Element, role: str, person: BibPerson) -> None:
    """An author or editor: forenames and surname when BibTeX tells them apart."""
    holder = sub(parent, role)
    name = sub(holder, "persName")
    first = squeezed(plain_field(" ".join(person.first_names + person.middle_names)))
    last = squeezed(plain_field(" ".join(person.prelast_names + person.last_names + person.lineage_names)))
    if first:
        sub(name, "forename", first).tail = " "
    sub(name, "surname", last or first)


def persons(parent: etree._Element, entry: Entry, roles: Iterable[str]) -> None:
    """Every person of the given roles, in order."""
    for role in roles:
        for person in entry.persons.get(role, ()):
            person_name(parent, "author" if role == "author" else "editor", person)


def dated(parent: etree._Element, tag: str, when: str) -> None:
    """A date as written, with its ISO form in @when where it is one day, month or year."""
    date = sub(parent, tag, when)
    if ISO_DATE.match(when) and "/" not in when:
        date.set("when", when)


def imprint(monogr: etree._Element, entry: Entry, when: str) -> None:
    """Place, publisher, the year of publication, and the volume, issue and pages."""
    printed = sub(monogr, "imprint")
    place = field(entry, "location") or field(entry, "address")
    if place:
        sub(printed, "pubPlace", place)
    if field(entry, "publisher"):
        sub(printed, "publisher", field(entry, "publisher"))
    if when or not len(printed):  # an imprint says at least when: an empty date where nothing is known
        dated(printed, "date", when)
    for unit, name in (("volume", "volume"), ("issue", "number"), ("page", "pages")):
        if field(entry, name):
            sub(monogr, "biblScope", field(entry, name), {"unit": unit})


def bibl_struct(parent: etree._Element, key: str, entry: Entry, ident: str) -> None:
    """A published source: analytic (article, chapter, document in a volume) and monograph, series, note."""
    struct = sub(parent, "biblStruct", attrs={"type": entry.type.lower()})
    struct.set(XML_ID, ident)
    host = next((name for name in ANALYTIC if field(entry, name)), "")
    # a document printed in a volume (crossref): its own date is the document's, the volume's year the imprint's
    in_volume = bool(field(entry, "crossref"))
    if host:
        analytic = sub(struct, "analytic")
        persons(analytic, entry, ("author",))
        sub(analytic, "title", field(entry, "title") or key, {"level": "a"})
        own = field(entry, "origdate") or (field(entry, "date") if in_volume else "")
        if own:
            dated(analytic, "date", own)
        monogr = sub(struct, "monogr")
        persons(monogr, entry, ("editor", "translator"))
        sub(monogr, "title", field(entry, host), {"level": "m" if host == "booktitle" else "j"})
    else:
        monogr = sub(struct, "monogr")
        persons(monogr, entry, ("author", "editor", "translator"))
        sub(monogr, "title", field(entry, "title") or key, {"level": "m"})
    # with origdate the document's own date, 'date' or 'year' is the volume's publication (see TOOLKIT.md)
    published = (field(entry, "date") or field(entry, "year")) if field(entry, "origdate") else (
        field(entry, "year") if in_volume else field(entry, "date") or field(entry, "year"))
    imprint(monogr, entry, published)
    if field(entry, "series"):
        sub(sub(struct, "series"), "title", field(entry, "series"), {"level": "s"})
    for name in ("note", "howpublished", "addendum"):
        if field(entry, name):
            sub(struct, "note", field(entry, name), {"type": name})


def ms_desc(parent: etree._Element, key: str, entry: Entry, ident: str, repo_id: str) -> None:
    """An archival document: where it is kept and under which call number, then what it is."""
    desc = sub(parent, "msDesc")
    desc.set(XML_ID, ident)
    where = sub(desc, "msIdentifier")
    if field(entry, "archiveplace"):
        sub(where, "settlement", field(entry, "archiveplace"))
    sub(where, "repository", field(entry, "archivename"), {"ref": f"#{repo_id}"})
    if field(entry, "callnumbertext"):
        sub(where, "idno", field(entry, "callnumbertext"), {"type": "callNumber"})
    for name in CALL_PARTS:
        if field(entry, name):
            sub(where, "idno", field(entry, name), {"type": name})
    item = sub(sub(desc, "msContents"), "msItem")
    for person in entry.persons.get("author", ()):
        sub(item, "author", squeezed(plain_field(str(person))))
    sub(item, "title", field(entry, "title") or key)
    if field(entry, "origdate") or field(entry, "date"):
        dated(item, "docDate", field(entry, "origdate") or field(entry, "date"))
    if field(entry, "note"):
        sub(item, "note", field(entry, "note"))


def list_bibl(parent: etree._Element, resolved: Resolved, sources: Mapping[str, str],
              repositories: Mapping[str, str]) -> None:
    """Every source once, in the Sources page's groups."""
    by_key = {s.key: s for s in resolved.edition.sources}
    for group, subgroup, keys in resolved.groups:
        listing = sub(parent, "listBibl")
        sub(listing, "head", f"{group}: {subgroup}" if subgroup else group)
        for key in keys:
            entry = resolved.entries[key]
            archive = by_key[key].fields.get("archive", "")
            if archive in repositories:
                ms_desc(listing, key, entry, sources[key], repositories[archive])
            else:
                bibl_struct(listing, key, entry, sources[key])


def list_person(parent: etree._Element, people: Iterable[Person], ids: Mapping[str, str]) -> None:
    """Each person: the usual name, the sort form, every printed spelling, the dates, what the register says."""
    listing = sub(parent, "listPerson")
    for person in people:
        node = sub(listing, "person")
        node.set(XML_ID, ids[person.id])
        sub(node, "persName", person.name, {"type": "main"})
        if person.sort:
            sub(node, "persName", person.sort, {"type": "sort"})
        for spelling in person.spellings:
            sub(node, "persName", spelling, {"type": "variant"})
        life = LIFE.match(person.dates.strip())
        if life:
            sub(node, "birth", life.group(1), {"when": life.group(1).zfill(4)})
            sub(node, "death", life.group(2), {"when": life.group(2).zfill(4)})
        elif person.dates:
            sub(node, "floruit", person.dates)
        if person.about:
            sub(node, "note", person.about)


def list_org(parent: etree._Element, repositories: Iterable[Repository], ids: Mapping[str, str]) -> None:
    """The archives: name, abbreviation, the forms the text prints, and the place."""
    listing = sub(parent, "listOrg")
    for repo in repositories:
        org = sub(listing, "org")
        org.set(XML_ID, ids[repo.id])
        sub(org, "orgName", repo.name, {"type": "full"})
        sub(org, "orgName", repo.abbr, {"type": "abbr"})
        for printed in repo.printed:
            sub(org, "orgName", printed, {"type": "variant"})
        if repo.place:
            sub(org, "placeName", repo.place)


def glossary(parent: etree._Element, resolved: Resolved, ids: Mapping[str, str]) -> None:
    """The abbreviations and foreign terms with their expansions."""
    listing = sub(parent, "list", attrs={"type": "gloss"})
    for term in resolved.edition.terms:
        label = sub(listing, "label")
        sub(label, "term", term.term).set(XML_ID, ids[term.term])
        sub(listing, "item", term.expansion)


def list_event(parent: etree._Element, sources: Iterable[Source], ids: Mapping[str, str]) -> None:
    """The chronology: each dated source an event at its date (a range from/to), pointing at the source."""
    dated = sorted((s for s in sources if ISO_DATE.match(s.own_date)), key=lambda s: (s.own_date, s.key))
    listing = sub(parent, "listEvent")
    for source in dated:
        start, _, end = source.own_date.partition("/")
        event = sub(listing, "event", attrs={"from": start, "to": end} if end else {"when": start})
        sub(event, "label", source.own_date)
        sub(event, "desc", squeezed(plain_field(source.fields.get("title", source.key))))
        sub(event, "ptr", attrs={"target": f"#{ids[source.key]}"})


def apparatus(parent: etree._Element, records: Iterable[tuple[str, Placed]]) -> None:
    """Each intervention's kind and reason, pointing at its place in the text."""
    for ident, placed in records:
        item = placed.item
        text = label(item.kind, item.cert) + (f": {squeezed(item.reason)}" if item.reason else "")
        sub(parent, "note", text, {"type": "intervention", "subtype": item.kind, "target": f"#{ident}"})


def back_matter(back: etree._Element, resolved: Resolved, ids: Ids, tables: Mapping[str, Mapping[str, str]],
                records: Iterable[tuple[str, Placed]]) -> None:
    """The back: registers, sources, chronology, apparatus, each a <div> of its own."""
    edition = resolved.edition
    sections = [("persons", "Persons", edition.persons, lambda d: list_person(d, edition.persons,
                                                                              tables["persons"])),
                ("repositories", "Archives", edition.repositories,
                 lambda d: list_org(d, edition.repositories, tables["repositories"])),
                ("glossary", "Abbreviations and terms", edition.terms,
                 lambda d: glossary(d, resolved, tables["terms"])),
                ("sources", "Sources", edition.sources,
                 lambda d: list_bibl(d, resolved, tables["sources"], tables["repositories"])),
                ("chronology", "Chronology", [s for s in edition.sources if ISO_DATE.match(s.own_date)],
                 lambda d: list_event(d, edition.sources, tables["sources"]))]
    for kind, title, items, write in sections:
        if items:
            div = sub(back, "div", attrs={"type": kind})
            sub(div, "head", title).set(XML_LANG, "en")  # the toolkit's words, whatever the edition's language
            write(div)
    records = list(records)
    if records:
        div = sub(back, "div", attrs={"type": "apparatus"})
        sub(div, "head", "Apparatus").set(XML_LANG, "en")
        apparatus(div, records)
