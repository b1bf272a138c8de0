"""Citation metadata for the pages' heads: Highwire and Dublin Core tags, schema.org JSON-LD (pure)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from edition.check.meta import EditionMeta
from edition.pages import ESSAY_PAGE, EXPORTS, PDF_NAME, SOURCES_PAGE
from edition.render.csl import csl_item
from edition.render.csl_case import plain_rich
from edition.render.ris import coins
from edition.resolve.links import Resolved

PAGED = ("Chapter", "ScholarlyArticle", "NewsArticle")  # the types schema.org gives 'pagination' (Article, Chapter)
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
    authors = meta.authors or (meta.author,)
    tags = [("citation_title", meta.title)] + [("citation_author", a) for a in authors]
    tags += [("citation_author_institution", meta.affiliation)]
    tags += [("citation_editor", e) for e in meta.editors]
    tags += [("citation_publication_date", date.replace("-", "/")), ("citation_publisher", meta.publisher),
             ("citation_public_url", meta.url), ("citation_pdf_url", meta.url and meta.url + PDF_NAME),
             ("citation_language", meta.language),
             ("DC.title", meta.title)] + [("DC.creator", a) for a in authors]
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
              "inLanguage": item.get("language"), "url": item.get("URL"),
              "pagination": item.get("page") if found["@type"] in PAGED else None,
              "description": item.get("note", "").replace("\n", " ") or None}
    if item.get("container-title"):
        values["isPartOf"] = container(item)
    if item.get("publisher"):
        values["publisher"] = {"@type": "Organization", "name": item["publisher"]}
    if item.get("archive"):
        values["holdingArchive"] = {"@type": "ArchiveOrganization", "name": item["archive"],
                                    **({"address": item["archive-place"]} if item.get("archive-place") else {})}
        values["identifier"] = item.get("call-number") or item.get("archive_location")
    found.update({k: v for k, v in values.items() if v})
    return found


def one_or_list(items: list[dict[str, Any]]) -> Any:
    """One person as an object (as schema.org writes one), several as a list."""
    return items[0] if len(items) == 1 else items


def container(item: Mapping[str, Any]) -> dict[str, Any]:
    """What a source is part of: a journal or a book, by way of its volume and issue where it gives them."""
    journal = item["type"].startswith("article")
    found: dict[str, Any] = {"@type": "Periodical" if journal else "Book", "name": plain_rich(item["container-title"])}
    if item.get("volume"):
        found = {"@type": "PublicationVolume", "volumeNumber": item["volume"], "isPartOf": found}
    if journal and item.get("issue"):
        found = {"@type": "PublicationIssue", "issueNumber": item["issue"], "isPartOf": found}
    return found


def based_on(meta: EditionMeta) -> dict[str, Any]:
    """The printed article, as far as the edition's front matter identifies it (at least its title and author)."""
    pub = meta.published
    found: dict[str, Any] = {"@type": "ScholarlyArticle", "name": pub.get("title") or meta.title,
                             "author": one_or_list([person(a) for a in meta.authors or (meta.author,)])}
    if pub:
        found["description"] = meta.published_text()
    if pub.get("date"):
        found["datePublished"] = pub["date"]
    return found


def open_graph(meta: EditionMeta, description: str) -> list[tuple[str, str]]:
    """OpenGraph properties of the essay page (og:url only where the site's address is known)."""
    region = "-" in meta.language  # og:locale is language_TERRITORY ('en_GB'); a bare 'en' says nothing more
    tags = [("og:title", meta.title), ("og:type", "article"), ("og:url", meta.url), ("og:description", description),
            ("og:locale", meta.language.replace("-", "_") if region else "")]
    return [(k, v) for k, v in tags if v]


def downloads(url: str) -> list[dict[str, str]]:
    """The exports at a published site's root, as schema.org media objects (none without the site's address)."""
    return [{"@type": "MediaObject", "name": label, "contentUrl": url + name, "encodingFormat": media}
            for name, label, media in EXPORTS] if url else []


def essay_jsonld(meta: EditionMeta, date: str, sources: list[dict[str, Any]]) -> dict[str, Any]:
    """The edition as a schema.org ScholarlyArticle based on the printed article, citing its sources."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "ScholarlyArticle", "headline": meta.title,
                            "name": meta.title,
                            "author": one_or_list([person(a, meta.affiliation)
                                                   for a in meta.authors or (meta.author,)]),
                            "inLanguage": meta.language, "citation": sources}
    values: dict[str, Any] = {"editor": [person(e) for e in meta.editors], "datePublished": date,
                              "version": meta.version, "license": meta.licence, "url": meta.url, "@id": meta.url}
    if meta.publisher:
        values["publisher"] = {"@type": "Organization", "name": meta.publisher}
    values["isBasedOn"] = based_on(meta)
    values["encoding"] = downloads(meta.url)
    data.update({k: v for k, v in values.items() if v})
    return data


def head_data(resolved: Resolved, meta: EditionMeta, date: str,
              items: Mapping[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """What the theme puts into the essay's and the Sources page's heads, by page (items: the sources' CSL-JSON
    items by key, when the caller has them already)."""
    items = items if items is not None else {k: csl_item(k, e) for k, e in resolved.entries.items()}
    sources = [csl_to_schema(items[k], meta.url) for k in resolved.entries]
    description = str(resolved.edition.config.get("site_description") or "")
    return {
        # wide: the theme marks the page before its header, so the first paint has the essay's wide layout
        ESSAY_PAGE: {"wide": True, "meta": [list(t) for t in essay_tags(meta, meta.date or date)],
                     "og": [list(t) for t in open_graph(meta, description)],
                     "jsonld": essay_jsonld(meta, meta.date or date,
                                            [s for s, k in zip(sources, resolved.entries) if k in resolved.cited_by])},
        SOURCES_PAGE: {"meta": [], "jsonld": {"@context": "https://schema.org", "@graph": sources},
                       "coins": [coins(items[k]) for k in resolved.entries]},
    }


def with_head(config: Mapping[str, Any], head: Mapping[str, Any], overrides: Path) -> dict[str, Any]:
    """A MkDocs configuration whose theme puts the given metadata into the pages' heads."""
    result = dict(config)
    theme = dict(result.get("theme") or {})
    theme.setdefault("custom_dir", str(overrides))
    result["theme"] = theme
    result["extra"] = {**dict(result.get("extra") or {}), "edition_head": dict(head)}
    return result
