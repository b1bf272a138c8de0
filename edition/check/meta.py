"""The edition's own metadata: the first essay part's front matter and mkdocs.yml's site_url (pure)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

from edition.load.common import suggest
from edition.model import Diagnostic, Edition, Loc, TextFile, error

ISO = re.compile(r"\d{4}(-\d\d(-\d\d)?)?")
SITE_URL = re.compile(r"https?://[^\s/<>\"'`]+(/[^\s<>\"'`]*)?")
# The original publication, when given as a mapping instead of one line of text.
PUBLISHED_KEYS = ("title", "journal", "book", "volume", "issue", "date", "pages", "publisher", "place", "doi", "url")


@dataclass(frozen=True)
class EditionMeta:
    """Who made the edition, when, where it lives, and what it is based on."""

    title: str
    author: str
    affiliation: str = ""
    editors: tuple[str, ...] = ()
    date: str = ""  # the edition's date, ISO 8601
    version: str = ""
    publisher: str = ""
    licence: str = ""
    site_url: str = ""
    published: Mapping[str, str] = field(default_factory=dict)  # the original publication; 'text' when one line
    language: str = "en"

    @property
    def url(self) -> str:
        """The essay page's canonical URL ('' without site_url)."""
        return (self.site_url.rstrip("/") + "/") if self.site_url else ""

    def published_text(self) -> str:
        """The original publication in one line: 'Journal 3, no. 2 (1999): 10-20'."""
        pub = self.published
        if pub.get("text"):
            return pub["text"]
        where = pub.get("journal") or pub.get("book", "")
        numbers = ", ".join(x for x in (pub.get("volume", ""), f"no. {pub['issue']}" if pub.get("issue") else "")
                            if x)
        head = ", ".join(x for x in (where + (f" {numbers}" if numbers else ""),
                                     ", ".join(x for x in (pub.get("place", ""), pub.get("publisher", "")) if x))
                         if x.strip())
        text = head + (f" ({pub['date']})" if pub.get("date") else "") + (f": {pub['pages']}" if pub.get("pages")
                                                                              else "")
        return text + (f". doi:{pub['doi']}" if pub.get("doi") else "")


def text(value: Any) -> str:
    """A YAML scalar as text; a YAML date as ISO 8601."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def edition_meta(edition: Edition) -> EditionMeta:
    """The edition's metadata, from whatever of it is present and well-formed."""
    meta = edition.meta
    editors = meta.get("editor")
    published = meta.get("published")
    config = edition.config
    theme = config.get("theme") if isinstance(config.get("theme"), Mapping) else {}
    return EditionMeta(
        title=text(meta.get("title")), author=text(meta.get("author")), affiliation=text(meta.get("affiliation")),
        editors=tuple(text(e) for e in editors) if isinstance(editors, list) else ((text(editors),) if editors
                                                                                   else ()),
        date=text(meta.get("date")), version=text(meta.get("version")), publisher=text(meta.get("publisher")),
        licence=text(meta.get("licence")), site_url=text(config.get("site_url")),
        published={k: text(v) for k, v in published.items()} if isinstance(published, dict)
        else ({"text": text(published)} if published else {}),
        language=text((theme or {}).get("language")) or "en")


def check_meta(file: TextFile) -> Iterator[Diagnostic]:
    """The edition keys' values: a list of editors, an ISO date, the original publication's keys."""
    def at(key: str) -> Loc:
        return Loc(file.loc.path, file.meta_lines.get(key, 2))
    meta = file.meta
    editors = meta.get("editor")
    if isinstance(editors, list) and not all(isinstance(e, str) and e.strip() for e in editors):
        yield error(at("editor"), "'editor' must be a name or a list of names", "front-matter-type")
    date = meta.get("date")
    if isinstance(date, str) and not ISO.fullmatch(date.strip()):
        yield error(at("date"), f"'date' must be ISO 8601 (YYYY-MM-DD, YYYY-MM or YYYY), not '{date}'",
                    "front-matter-date")
    published = meta.get("published")
    if isinstance(published, dict):
        for key in published:
            if key not in PUBLISHED_KEYS:
                yield error(at("published"), f"unknown key '{key}' in 'published'{suggest(str(key), PUBLISHED_KEYS)}",
                            "front-matter-unknown")


def check_site_url(config: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """site_url, when given, is an absolute http(s) address (the canonical URL and the sitemap use it)."""
    url = config.get("site_url")
    if url is not None and not (isinstance(url, str) and SITE_URL.fullmatch(url)):
        yield error(Loc("mkdocs.yml"), f"'site_url' must be an http(s) address, not '{url}'", "config-site-url")
