"""The sources to take away: sources.bib as written, CSL-JSON generated, and each entry alone (pure)."""
from __future__ import annotations

import re
from functools import partial
from pathlib import PurePosixPath
from typing import Any, Mapping

from edition.load.bibtex import chunks
from edition.load.memo import Memo, entry_inputs, kept_as
from edition.render.bibout import entry_bib, published_bib
from edition.render.csl import csl_item, csl_text
from edition.render.ris import ris_text
from edition.resolve.links import Resolved

FOLDER = PurePosixPath("cite")
ALL_BIB = FOLDER / "sources.bib"
ALL_CSL = FOLDER / "sources.json"
ALL_RIS = FOLDER / "sources.ris"


def entry_stem(key: str) -> str:
    """A file name for an entry's key (a key may hold characters a file name should not)."""
    return re.sub(r"[^\w.-]", "_", key)


def entry_files(key: str) -> tuple[PurePosixPath, PurePosixPath]:
    """The BibTeX and CSL-JSON files of one entry."""
    stem = FOLDER / "sources" / entry_stem(key)
    return stem.with_suffix(".bib"), stem.with_suffix(".json")


def entry_ris(key: str) -> PurePosixPath:
    """The RIS file of one entry."""
    return (FOLDER / "sources" / entry_stem(key)).with_suffix(".ris")


def written_entries(text: str) -> dict[str, str]:
    """Each entry of a BibTeX file exactly as written, by key (lower case)."""
    found = {}
    for key, start, end in chunks(text):
        body = text[start:end]
        close = body.rfind("}")  # what follows an entry's closing brace belongs to no entry
        found[key.lower()] = body[:close + 1].strip() + "\n" if close >= 0 else body.strip() + "\n"
    return found


def recalled_items(resolved: Resolved, memo: Memo) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every source as a CSL-JSON item, converted or recalled from the memo; with its digest."""
    return {key: memo.recall("csl", entry_inputs(key, entry), partial(csl_item, key, entry),
                        partial(kept_as, dict))
            for key, entry in resolved.entries.items()}


def csl_items(resolved: Resolved) -> dict[str, dict[str, Any]]:
    """Every source as a CSL-JSON item, by key."""
    return {key: csl_item(key, entry) for key, entry in resolved.entries.items()}


def source_files(resolved: Resolved, items: Mapping[str, dict[str, Any]] | None = None) -> dict[PurePosixPath, str]:
    """Every download the Sources page links (items: as csl_items gives them, when the caller has them already)."""
    text = resolved.edition.bib_text
    written = written_entries(text)
    items = items if items is not None else csl_items(resolved)
    sources = {s.key: s for s in resolved.edition.sources}
    files = {ALL_BIB: published_bib(text, sources), ALL_CSL: csl_text(list(items.values())),
             ALL_RIS: ris_text(items.values())}
    for key, item in items.items():
        bib, csl = entry_files(key)
        files[bib] = entry_bib(key, written, sources)
        files[csl] = csl_text([item])
        files[entry_ris(key)] = ris_text([item])
    return files
