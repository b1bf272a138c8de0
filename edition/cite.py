"""The edition's own citation, as BibTeX and CSL-JSON files for the Cite control (pure)."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import PurePosixPath
from typing import Any, Mapping

from pybtex.database import BibliographyData, Entry, Person

BIB_FILE = PurePosixPath("cite/edition.bib")
CSL_FILE = PurePosixPath("cite/edition.json")
MEDIUM = "Digital critical edition"


def citation_key(meta: Mapping[str, Any]) -> str:
    """'ken-deadlock': the author's surname and the title's first significant word, in ASCII."""
    def ascii_word(text: str) -> str:
        plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
        words = [w for w in re.findall(r"[a-z0-9]+", plain) if w not in ("the", "a", "an", "on", "of")]
        return words[0] if words else "edition"
    author = str(meta.get("author", "")).split()
    return f"{ascii_word(author[-1] if author else '')}-{ascii_word(str(meta.get('title', '')))}"


def bibtex(meta: Mapping[str, Any]) -> str:
    """The edition as a BibTeX entry, written by pybtex."""
    fields = {"title": str(meta.get("title", "")), "howpublished": MEDIUM}
    if meta.get("published"):
        fields["note"] = f"First published: {meta['published']}"
    entry = Entry("misc", fields=fields)
    if meta.get("author"):
        entry.persons["author"] = [Person(str(meta["author"]))]
    return BibliographyData({citation_key(meta): entry}).to_string("bibtex")


def csl_json(meta: Mapping[str, Any]) -> str:
    """The edition as CSL-JSON."""
    item: dict[str, Any] = {"id": citation_key(meta), "type": "article", "title": str(meta.get("title", "")),
                            "medium": MEDIUM}
    if meta.get("author"):
        person = Person(str(meta["author"]))
        item["author"] = [{"family": " ".join(person.last_names),
                           "given": " ".join(person.first_names + person.middle_names)}]
    if meta.get("published"):
        item["note"] = f"First published: {meta['published']}"
    return json.dumps([item], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def citation_files(meta: Mapping[str, Any]) -> dict[PurePosixPath, str]:
    """The files the Cite control offers for download."""
    return {BIB_FILE: bibtex(meta), CSL_FILE: csl_json(meta)}
