"""Citation metadata for the pages' heads: Highwire and Dublin Core tags, schema.org JSON-LD (pure)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from edition.check.meta import EditionMeta
from edition.pages import ESSAY_PAGE, SOURCES_PAGE
from edition.render.csl import csl_item
from edition.render.csl_case import plain_rich
from edition.resolve.links import Resolved

SCHEMA_TYPES = {"manuscript": "ArchiveComponent", "book": "Book", "chapter": "Chapter",
                "article-journal": "ScholarlyArticle", "article-newspaper": "NewsArticle", "thesis": "Thesis",
                "report": "Report", "webpage": "WebPage"}


def person(name: str, affiliation: str = "") -> dict[str, Any]:
    """A schema.org Person."""
    found: dict[str, Any] = {"@type": "Person", "name": name}
    if affiliation:
        found["affiliation"] = {"@type": "Organization", "name": affiliation}
    return found


def essay_tags(meta: EditionMeta, date: str) -> list[tuple[str, str]]:
    """Highwire (Google Scholar, Zotero) and Dublin Core tags of the essay page."""
    tags = [("citation_title", meta.title), ("citation_author", meta.author)]
    tags += [("citation_author_institution", meta.affiliation)]
    tags += [("citation_editor", e) for e in meta.editors]
    tags += [("citation_publication_date", date.replace("-", "/")), ("citation_publisher", meta.publisher),
             ("citation_public_url", meta.url), ("citation_language", meta.language),
             ("DC.title", meta.title), ("DC.creator", meta.author)]
    tags += [("DC.contributor", e) for e in meta.editors]
    tags += [("DC.date", date), ("DC.publisher", meta.publisher), ("DC.identifier", meta.url),
             ("DC.language", meta.language), ("DC.rights", meta.licence), ("DC.source", meta.published_text()),
             ("DC.type", "Text")]
    return [(k, v) for k, v in tags if v]


def csl_to_schema(item: Mapping[str, Any], url: str) -> dict[str, Any]:
    """One source (as CSL) as a schema.org CreativeWork, an archive's document as an ArchiveComponent."""
    names = lambda role: [person(" ".join(x for x in (n.get("given", ""), n["family"]) if x))  # noqa: E731
                          for n in item.get(role, [])]
    found: dict[str, Any] = {"@type": SCHEMA_TYPES.get(item["type"], "CreativeWork"), "name": plain_rich(item["title"])}
    if url:
        found["@id"] = f"{url}{SOURCES_PAGE.removesuffix('.md')}.html#{item['id']}"
    values = {"author": names("author"), "editor": names("editor"), "translator": names("translator"),
              "datePublished": "/".join("-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))
                                        for parts in item.get("issued", {}).get("date-parts", [])),
              "inLanguage": item.get("language"), "pagination": item.get("page"), "url": item.get("URL"),
              "description": item.get("note")}
    if item.get("container-title"):
        values["isPartOf"] = {"@type": "CreativeWork", "name": plain_rich(item["container-title"]),
                              **({"volumeNumber": item["volume"]} if item.get("volume") else {})}
    if item.get("publisher"):
        values["publisher"] = {"@type": "Organization", "name": item["publisher"]}
    if item.get("archive"):
        values["holdingArchive"] = {"@type": "ArchiveOrganization", "name": item["archive"],
                                    **({"address": item["archive-place"]} if item.get("archive-place") else {})}
        values["identifier"] = item.get("call-number") or item.get("archive_location")
    found.update({k: v for k, v in values.items() if v})
    return found


def essay_jsonld(meta: EditionMeta, date: str, sources: list[dict[str, Any]]) -> dict[str, Any]:
    """The edition as a schema.org ScholarlyArticle based on the printed article, citing its sources."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "ScholarlyArticle", "headline": meta.title,
                            "name": meta.title, "author": person(meta.author, meta.affiliation),
                            "inLanguage": meta.language, "citation": sources}
    values: dict[str, Any] = {"editor": [person(e) for e in meta.editors], "datePublished": date,
                              "version": meta.version, "license": meta.licence, "url": meta.url, "@id": meta.url}
    if meta.publisher:
        values["publisher"] = {"@type": "Organization", "name": meta.publisher}
    if meta.published:
        values["isBasedOn"] = {"@type": "ScholarlyArticle", "name": meta.published.get("title") or meta.title,
                               "author": person(meta.author), "description": meta.published_text(),
                               **({"datePublished": meta.published["date"]} if meta.published.get("date") else {})}
    data.update({k: v for k, v in values.items() if v})
    return data


def head_data(resolved: Resolved, meta: EditionMeta, date: str,
              items: Mapping[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """What the theme puts into the essay's and the Sources page's heads, by page (items: the sources' CSL-JSON
    items by key, when the caller has them already)."""
    items = items if items is not None else {k: csl_item(k, e) for k, e in resolved.entries.items()}
    sources = [csl_to_schema(items[k], meta.url) for k in resolved.entries]
    return {
        ESSAY_PAGE: {"meta": [list(t) for t in essay_tags(meta, meta.date or date)],
                     "jsonld": essay_jsonld(meta, meta.date or date,
                                            [s for s, k in zip(sources, resolved.entries) if k in resolved.cited_by])},
        SOURCES_PAGE: {"meta": [], "jsonld": {"@context": "https://schema.org", "@graph": sources}},
    }


def with_head(config: Mapping[str, Any], head: Mapping[str, Any], overrides: Path) -> dict[str, Any]:
    """A MkDocs configuration whose theme puts the given metadata into the pages' heads."""
    result = dict(config)
    theme = dict(result.get("theme") or {})
    theme.setdefault("custom_dir", str(overrides))
    result["theme"] = theme
    result["extra"] = {**dict(result.get("extra") or {}), "edition_head": dict(head)}
    return result
