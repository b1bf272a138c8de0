"""The sources as RIS, which Zotero, EndNote and Mendeley import, and as COinS, which Zotero's connector reads
from the Sources page (pure). Both are written from the CSL-JSON items, so all three say the same.

RIS tags as Zotero's RIS translator reads them: DB the archive, AN the location in the archive, CN the call
number, M2 (Zotero's Extra) 'archive-place: …', which Zotero has no field for; N1 a note per line of the
entry's note and addendum.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping
from urllib.parse import urlencode

from edition.render.csl_case import plain_rich

RIS_TYPES = {"manuscript": "MANSCPT", "chapter": "CHAP", "book": "BOOK", "article-journal": "JOUR",
             "article-newspaper": "NEWS", "thesis": "THES", "report": "RPRT", "webpage": "ELEC",
             "paper-conference": "CPAPER"}
# editors: Zotero reads A2 as the editor of a part or an article, A3 as the editor of a book
EDITOR_TAG = {"BOOK": "A3"}


def ris_name(name: Mapping[str, str]) -> str:
    """A CSL name as RIS writes it: 'Family, Given'."""
    return ", ".join(x for x in (name.get("family", ""), name.get("given", "")) if x)


def ris_date(item: Mapping[str, Any]) -> tuple[str, str]:
    """(PY, DA) from a CSL date: the year, and 'YYYY/MM/DD/' with what the date gives."""
    parts = (item.get("issued") or {}).get("date-parts") or []
    if not parts or not parts[0]:
        return "", ""
    first = [str(p) if i == 0 else f"{int(p):02d}" for i, p in enumerate(parts[0])]
    return first[0], "/".join(first + [""] * (3 - len(first))) + "/"


def ris_lines(item: Mapping[str, Any]) -> list[tuple[str, str]]:
    """One CSL item as RIS (tag, value) lines, from TY to ER."""
    kind = RIS_TYPES.get(item["type"], "GEN")
    lines = [("TY", kind), ("ID", item["id"]), ("TI", plain_rich(item.get("title", "")))]
    lines += [("AU", ris_name(n)) for n in item.get("author", [])]
    lines += [(EDITOR_TAG.get(kind, "A2"), ris_name(n)) for n in item.get("editor", [])]
    lines += [("A4", ris_name(n)) for n in item.get("translator", [])]
    year, date = ris_date(item)
    lines += [("PY", year), ("DA", date)]
    series = plain_rich(item.get("collection-title", ""))
    lines += [("T2", plain_rich(item.get("container-title", "")) or (series if kind == "BOOK" else ""))]
    lines += [("T3", series if kind != "BOOK" else "")]
    first, _, last = str(item.get("page", "")).partition("-")
    lines += [("VL", item.get("volume", "")), ("IS", item.get("issue", "")), ("SP", first), ("EP", last),
              ("ET", item.get("edition", "")), ("PB", item.get("publisher", "")),
              ("CY", item.get("publisher-place", "")), ("LA", item.get("language", "")),
              ("DB", item.get("archive", "")), ("AN", item.get("archive_location", "")),
              ("CN", item.get("call-number", "")), ("LB", item.get("citation-label", "")),
              ("UR", item.get("URL", "")), ("DO", item.get("DOI", ""))]
    notes = [line for line in item.get("note", "").split("\n") if line]
    lines += [("N1", n) for n in notes if not n.startswith("archive-place: ")]
    lines += [("M2", n) for n in notes if n.startswith("archive-place: ")]
    return [(tag, str(value)) for tag, value in lines if value] + [("ER", "")]


def ris_text(items: Iterable[Mapping[str, Any]]) -> str:
    """CSL items as the text of a RIS file (CRLF-free: every reader here takes LF)."""
    return "\n".join("\n".join(f"{tag}  - {value}".rstrip() for tag, value in ris_lines(item)) + "\n"
                     for item in items)


def coins(item: Mapping[str, Any]) -> str:
    """One CSL item as a COinS ContextObject (the title of a span of class Z3988): a published work in OpenURL's
    book or journal format, an archive's document in its Dublin Core format, whose source names the archive,
    identifier the call number and coverage the archive's place."""
    kind = item["type"]
    names = [ris_name(n) for n in item.get("author", [])]
    year, _ = ris_date(item)
    date = "-".join(str(p) if i == 0 else f"{int(p):02d}"
                    for i, p in enumerate(((item.get("issued") or {}).get("date-parts") or [[]])[0])) or year
    title, container = plain_rich(item.get("title", "")), plain_rich(item.get("container-title", ""))
    pairs: list[tuple[str, str]] = [("ctx_ver", "Z39.88-2004"), ("rfr_id", "info:sid/edition:sources")]
    if kind.startswith("article"):
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"), ("rft.genre", "article"), ("rft.atitle", title),
                  ("rft.jtitle", container), ("rft.volume", item.get("volume", "")),
                  ("rft.issue", item.get("issue", "")), ("rft.pages", item.get("page", "")), ("rft.date", date)]
        pairs += [("rft.au", n) for n in names]
    elif kind in ("book", "chapter", "paper-conference"):
        part = kind != "book"
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", "bookitem" if part else "book"),
                  ("rft.atitle" if part else "rft.btitle", title), ("rft.btitle" if part else "", container),
                  ("rft.series", plain_rich(item.get("collection-title", ""))),
                  ("rft.volume", item.get("volume", "")), ("rft.pages", item.get("page", "")),
                  ("rft.pub", item.get("publisher", "")), ("rft.place", item.get("publisher-place", "")),
                  ("rft.date", date)]
        pairs += [("rft.au", n) for n in names]
    else:
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"), ("rft.type", kind), ("rft.title", title),
                  ("rft.date", date), ("rft.source", item.get("archive", "")),
                  ("rft.identifier", item.get("call-number", "")), ("rft.coverage", item.get("archive-place", ""))]
        pairs += [("rft.creator", n) for n in names]
    pairs += [("rft.language", item.get("language", ""))]
    pairs += [("rft.description", n) for n in item.get("note", "").split("\n") if n]
    return urlencode([(k, str(v)) for k, v in pairs if k and v])
