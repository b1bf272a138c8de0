"""The edition's own citation, as BibTeX and CSL-JSON files for the Cite control (pure)."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import PurePosixPath
from typing import Any

from pybtex.database import BibliographyData, Entry, Person

from edition.check.meta import EditionMeta
from edition.render.csl import date_parts, name
from edition.render.markdown_text import bibtex_value

BIB_FILE = PurePosixPath("cite/edition.bib")
CSL_FILE = PurePosixPath("cite/edition.json")
MEDIUM = "Digital critical edition"


def citation_key(meta: EditionMeta) -> str:
    """'ken-deadlock': the author's surname and the title's first significant word, in ASCII."""
    def ascii_word(text: str) -> str:
        plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
        words = [w for w in re.findall(r"[a-z0-9]+", plain) if w not in ("the", "a", "an", "on", "of")]
        return words[0] if words else "edition"
    author = (meta.authors[0] if meta.authors else meta.author).split()
    return f"{ascii_word(author[-1] if author else '')}-{ascii_word(meta.title)}"


def first_published(meta: EditionMeta) -> str:
    """'First published: …' or ''."""
    return f"First published: {meta.published_text()}" if meta.published else ""


def bibtex_inputs(meta: EditionMeta, date: str) -> tuple[str, dict[str, str], dict[str, list[str]]]:
    """What the edition's BibTeX entry is written from: its key, its fields (biblatex's date and version,
    BibTeX's year) and its persons."""
    values = {"title": meta.title, "howpublished": MEDIUM, "date": date, "year": date[:4], "version": meta.version,
              "publisher": meta.publisher, "url": meta.url, "note": first_published(meta)}
    persons = {"author": list(meta.authors) or ([meta.author] if meta.author else []), "editor": list(meta.editors)}
    # every value escaped: a '}' in a version or a title would otherwise end its field and start another
    return (citation_key(meta), {k: bibtex_value(v) for k, v in values.items() if v},
            {k: [bibtex_value(n) for n in v] for k, v in persons.items() if v})


def write_bibtex(key: str, fields: dict[str, str], persons: dict[str, list[str]]) -> str:
    """One entry as BibTeX, written by pybtex."""
    # imported here: its LaTeX encoder (latexcodec) is slow to import, and a rebuild recalls this text instead
    from pybtex.database.output.bibtex import Writer as BibtexWriter

    entry = Entry("misc", fields=fields, persons={role: [Person(n) for n in names] for role, names in persons.items()})
    return BibliographyData({key: entry}).to_string(BibtexWriter)  # the class: no entry-point lookup


def bibtex(meta: EditionMeta, date: str) -> str:
    """The edition as a BibTeX entry."""
    return write_bibtex(*bibtex_inputs(meta, date))


def csl_json(meta: EditionMeta, date: str) -> str:
    """The edition as CSL-JSON, the printed article as its original."""
    item: dict[str, Any] = {"id": citation_key(meta), "type": "article", "title": meta.title, "medium": MEDIUM}
    if meta.author:
        item["author"] = [name(Person(a)) for a in meta.authors or (meta.author,)]
    if meta.editors:
        item["editor"] = [name(Person(e)) for e in meta.editors]
    issued = date_parts(date)
    pub = meta.published
    values = {"issued": issued, "version": meta.version, "publisher": meta.publisher, "URL": meta.url,
              "note": first_published(meta), "original-date": date_parts(pub.get("date", "")),
              "original-title": (pub.get("title") or meta.title) if pub else "",
              "original-publisher": pub.get("publisher"),
              "original-publisher-place": pub.get("place")}
    item.update({k: v for k, v in values.items() if v})
    return json.dumps([item], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def cited_date(meta: EditionMeta, date: str) -> str:
    """The date the edition is cited with: its own, else the build's ('' if unknown)."""
    return meta.date or date


def citation_files(meta: EditionMeta, date: str, bib: str | None = None) -> dict[PurePosixPath, str]:
    """The files the Cite control offers for download (date: the build's; bib: the BibTeX file when the caller
    has it already)."""
    date = cited_date(meta, date)
    return {BIB_FILE: bib if bib is not None else bibtex(meta, date), CSL_FILE: csl_json(meta, date)}
