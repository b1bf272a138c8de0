"""The edition's own metadata: the first essay part's front matter and mkdocs.yml's site_url (pure)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

from edition.check.dates import impossible
from edition.load.common import suggest
from edition.model import Diagnostic, Edition, Loc, TextFile, error, warning
from edition.pages import GENERATED_PAGES

ISO = re.compile(r"\d{4}(-\d\d(-\d\d)?)?")
SITE_URL = re.compile(r"https?://[^\s/<>\"'`]+(/[^\s<>\"'`]*)?")
# The original publication, when given as a mapping instead of one line of text.
# The generated pages whose titles front matter 'pages' may give (the text's own is 'label').
PAGE_KINDS = tuple(kind for kind in GENERATED_PAGES.values() if kind != "essay")
PUBLISHED_KEYS = ("title", "journal", "book", "volume", "issue", "date", "pages", "publisher", "place", "doi", "url")


@dataclass(frozen=True)
class EditionMeta:
    """Who made the edition, when, where it lives, and what it is based on."""

    title: str
    author: str  # the authors as a byline shows them: 'A', 'A and B', 'A, B and C'
    affiliation: str = ""
    authors: tuple[str, ...] = ()  # each author's name (front matter 'author', a name or a list)
    editors: tuple[str, ...] = ()
    date: str = ""  # the edition's date, ISO 8601
    version: str = ""
    publisher: str = ""
    licence: str = ""
    site_url: str = ""
    published: Mapping[str, str] = field(default_factory=dict)  # the original publication; 'text' when one line
    language: str = "en"
    label: str = "Essay"  # what the text is called in the navigation ('Chapter', 'Article')
    page_labels: Mapping[str, str] = field(default_factory=dict)  # generated page kind -> its heading ('pages')

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


def names(value: Any) -> tuple[str, ...]:
    """A name or a YAML list of names, as a tuple of names."""
    if isinstance(value, list):
        return tuple(text(v) for v in value if text(v).strip())
    return (text(value),) if value else ()


def byline(people: tuple[str, ...]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return " and ".join(people) if len(people) < 3 else ", ".join(people[:-1]) + " and " + people[-1]


def edition_meta(edition: Edition) -> EditionMeta:
    """The edition's metadata, from whatever of it is present and well-formed."""
    meta = edition.meta
    published = meta.get("published")
    config = edition.config
    theme = config.get("theme") if isinstance(config.get("theme"), Mapping) else {}
    return EditionMeta(
        title=text(meta.get("title")), author=byline(names(meta.get("author"))), authors=names(meta.get("author")),
        affiliation=text(meta.get("affiliation")), editors=names(meta.get("editor")),
        label=text(meta.get("label")).strip() or "Essay",
        page_labels={str(k): text(v) for k, v in meta["pages"].items() if text(v).strip()}
        if isinstance(meta.get("pages"), dict) else {},
        date=text(meta.get("date")), version=text(meta.get("version")), publisher=text(meta.get("publisher")),
        licence=text(meta.get("licence")), site_url=text(config.get("site_url")),
        published={k: text(v) for k, v in published.items()} if isinstance(published, dict)
        else ({"text": text(published)} if published else {}),
        language=text((theme or {}).get("language")) or "en")


def several(value: str) -> bool:
    """Whether one string names several persons: 'A. Marsh, T. Reed' or 'Marsh and Reed', not 'Marsh, Helena'."""
    parts = [p.strip() for p in re.split(r",|\band\b|;", value)]
    return len(parts) > 1 and (" and " in f" {value} " or ";" in value or all(len(p.split()) > 1 for p in parts if p))


def check_date(where: Loc, key: str, value: Any) -> Iterator[Diagnostic]:
    """A date in front matter: ISO 8601 and a day that exists (YAML keeps an impossible date as text)."""
    if isinstance(value, str) and not ISO.fullmatch(value.strip()):
        yield error(where, f"'{key}' must be ISO 8601 (YYYY-MM-DD, YYYY-MM or YYYY), not '{value}'",
                    "front-matter-date")
    elif isinstance(value, str) and impossible(value):
        yield error(where, f"'{key}' is an impossible date, '{value}': {impossible(value)}", "front-matter-date")


def check_page_labels(where: Loc, pages: Any) -> Iterator[Diagnostic]:
    """'pages': the generated pages' titles, each named by its kind."""
    for key, value in pages.items() if isinstance(pages, dict) else ():
        if key not in PAGE_KINDS:
            yield error(where, f"unknown page '{key}' in 'pages'{suggest(str(key), PAGE_KINDS)} "
                        f"(the generated pages: {', '.join(PAGE_KINDS)})", "front-matter-unknown")
        elif not isinstance(value, str) or not value.strip():
            yield error(where, f"'pages.{key}' must be the page's title, as text", "front-matter-type")


def check_meta(file: TextFile) -> Iterator[Diagnostic]:
    """The edition keys' values: lists of authors and editors, ISO dates, a version as text, the original
    publication's keys."""
    def at(key: str) -> Loc:
        return Loc(file.loc.path, file.meta_lines.get(key, 2))
    meta = file.meta
    for key in ("author", "editor"):
        value = meta.get(key)
        if isinstance(value, list) and not all(isinstance(e, str) and e.strip() for e in value):
            yield error(at(key), f"'{key}' must be a name or a list of names", "front-matter-type")
        elif isinstance(value, str) and several(value):
            listed = ", ".join(p.strip() for p in re.split(r",|\band\b|;", value) if p.strip())
            yield warning(at(key), f"'{key}' names several persons in one string; write them as a list: "
                          f"{key}: [{listed}]", "front-matter-names")
    yield from check_date(at("date"), "date", meta.get("date"))
    version = meta.get("version")
    if isinstance(version, (int, float)) and not isinstance(version, bool):
        yield error(at("version"), f"'version' must be text, not the number {version!r} (YAML reads 1.10 as 1.1): "
                    "put it in quotes, version: '…'", "front-matter-version")
    yield from check_page_labels(at("pages"), meta.get("pages"))
    published = meta.get("published")
    if isinstance(published, dict):
        for key in published:
            if key not in PUBLISHED_KEYS:
                yield error(at("published"), f"unknown key '{key}' in 'published'{suggest(str(key), PUBLISHED_KEYS)}",
                            "front-matter-unknown")
        yield from check_date(at("published"), "published.date", published.get("date"))


def check_site_url(config: Mapping[str, Any], lines: Mapping[str, int] | None = None) -> Iterator[Diagnostic]:
    """site_url, when given, is an absolute http(s) address (the canonical URL and the sitemap use it), at its
    line."""
    url = config.get("site_url")
    if url is not None and not (isinstance(url, str) and SITE_URL.fullmatch(url)):
        yield error(Loc("mkdocs.yml", (lines or {}).get("site_url", 1)),
                    f"'site_url' must be an http(s) address, not '{url}'", "config-site-url")
