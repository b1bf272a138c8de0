"""What every export says about the edition in its metadata (PDF XMP, EPUB package), from one place."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from .resolve import Resolved


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


def export_metadata(resolved: Resolved, version: str, date: str) -> ExportMetadata:
    """The metadata of the essay's front matter and the edition's configuration; the build date stands for the date."""
    meta = resolved.edition.meta
    config = resolved.edition.config
    theme: Mapping[str, Any] = config["theme"] if isinstance(config.get("theme"), Mapping) else {}
    return ExportMetadata(
        title=str(meta.get("title") or ""), author=str(meta.get("author") or ""),
        editor=str(meta.get("editor") or ""), date=str(meta.get("date") or date),
        language=str(theme.get("language") or "en"), version=version or "unknown",
        description=str(config.get("site_description") or ""))
