"""The sources' formatting, their CSL-JSON items and the edition's own BibTeX entry: recalled from the memo
the last build left, or made (pure)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any, Mapping

from edition.check.meta import EditionMeta
from edition.load.memo import Memo, MemoDamaged, kept_as
from edition.render.cite import bibtex_inputs, cited_date, write_bibtex
from edition.render.downloads import recalled_items
from edition.render.markdown import recalled_entries
from edition.render.style import Formatted
from edition.resolve.links import Resolved


@dataclass(frozen=True)
class Recalled:
    """What pybtex makes for a build, and the memo the next build reads."""

    formatted: Mapping[str, Formatted]
    items: Mapping[str, dict[str, Any]]
    bib: str  # the edition's own entry, as the Cite control offers it
    kept: Mapping[str, Any]  # by digest: every value made or recalled now, and only those


def recall(resolved: Resolved, memo: Memo, meta: EditionMeta, date: str) -> Recalled:
    """Format every entry, convert it to CSL-JSON and write the edition's entry, each unless the memo has it; a
    memo holding a value of the wrong shape (its checksum right: written by hand or by another program) is
    ignored whole."""
    try:
        return recall_from(resolved, memo, meta, date)
    except MemoDamaged:
        return recall_from(resolved, Memo(memo.stamp), meta, date)


def recall_from(resolved: Resolved, memo: Memo, meta: EditionMeta, date: str) -> Recalled:
    """Format every entry, convert it to CSL-JSON and write the edition's entry, each unless the memo has it."""
    entries, items = recalled_entries(resolved, memo), recalled_items(resolved, memo)
    inputs = bibtex_inputs(meta, cited_date(meta, date))
    bib_digest, bib = memo.recall("cite", list(inputs), partial(write_bibtex, *inputs),
                                  partial(kept_as, str))
    kept: dict[str, Any] = {digest: [made.markdown, made.plain] for digest, made in entries.values()}
    kept.update(items.values())
    kept[bib_digest] = bib
    return Recalled({key: made for key, (_, made) in entries.items()}, {key: item for key, (_, item) in items.items()},
                    bib, kept)
