"""What every export says about the edition in its metadata (PDF XMP, EPUB package), from one place."""
from __future__ import annotations

from dataclasses import dataclass

from edition.check.meta import edition_meta
from edition.resolve.links import Resolved


@dataclass(frozen=True)
class ExportMetadata:
    """The edition's bibliographic description, as the exports carry it."""

    title: str
    author: str
    editor: str  # empty where the edition names none
    date: str  # ISO 8601
    language: str  # BCP 47
    version: str
    description: str
    authors: tuple[str, ...] = ()  # each author, for the EPUB's and the PDF's dc:creator
    editors: tuple[str, ...] = ()  # each editor, for the PDF's dc:contributor
    url: str = ""  # the published site's address (site_url), empty without one
    licence: str = ""  # the edition's licence as its front matter names it ('CC BY 4.0')


def export_metadata(resolved: Resolved, version: str, date: str) -> ExportMetadata:
    """The edition's own metadata (front matter and configuration); the build's date and version where it has none."""
    meta = edition_meta(resolved.edition)
    config = resolved.edition.config
    return ExportMetadata(
        title=meta.title, author=meta.author, editor=", ".join(meta.editors), date=meta.date or date,
        language=meta.language or "en", version=version or meta.version or "unknown",
        description=str(config.get("site_description") or ""), authors=meta.authors,
        editors=meta.editors, url=meta.url, licence=meta.licence)
