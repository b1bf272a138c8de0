"""Links written in the content: every page and anchor they name must exist."""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Iterator, Mapping
from urllib.parse import urlsplit

from markdown.extensions.toc import slugify

from edition.check.sanitize import url_problem
from edition.load.common import at, suggest
from edition.load.markdown_scan import CODE_SPAN, IMAGE, INLINE_LINK, blocks, line_of
from edition.model import Diagnostic, Edition, TextFile, error
from edition.pages import APPARATUS_PAGE, CHRONOLOGY_PAGE, ESSAY_PAGE, GLOSSARY_PAGE, PERSONS_PAGE, SOURCES_PAGE
from edition.resolve.links import note_order, placed_interventions

HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
ATTR_ID = re.compile(r"\{:?[^}]*#([\w:-]+)[^}]*\}")


def known_anchors(edition: Edition) -> dict[str, set[str] | None]:
    """The pages a content link may name, each with its anchors (None: any anchor, not checked)."""
    paragraphs = {b.id for part in edition.parts for b in blocks(part.file.body) if b.id}
    notes = {f"fn:{n.id}" for n in edition.notes}
    pages: dict[str, set[str] | None] = {
        ESSAY_PAGE: paragraphs | notes | {"notes"} | {f"note-{n.id}" for n in edition.notes},
        SOURCES_PAGE: {s.key for s in edition.sources},
        APPARATUS_PAGE: {f"app-{p.anchor}" for p in placed_interventions(edition, note_order(edition))},
        PERSONS_PAGE: {p.id for p in edition.persons},
        GLOSSARY_PAGE: {"archives", "abbreviations-and-terms"} | {f"archive-{r.id}" for r in edition.repositories},
        CHRONOLOGY_PAGE: set()}
    pages.update({PurePosixPath(p.loc.path).name: heading_ids(p) for p in edition.pages})
    return pages


def heading_ids(page: TextFile) -> set[str]:
    """The ids of a page's headings, as Python-Markdown's toc makes them, and ids set with attr_list."""
    titles = [str(page.meta.get("title", ""))] + HEADING.findall(page.body)
    return {slugify(t.strip(), "-") for t in titles} | set(ATTR_ID.findall(page.body))


def link_problem(target: str, pages: Mapping[str, set[str] | None], own_page: str) -> str | None:
    """What is wrong with a link written in the content, or None."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or url_problem(target):
        return None  # outside the edition: allowed or refused by the sanitising policy, not a missing page
    page = parts.path or own_page
    if page not in pages:
        return f"link to a page that does not exist: '{target}'{suggest(page, pages)}"
    anchors = pages[page]
    if parts.fragment and anchors is not None and parts.fragment not in anchors:
        return f"link to an anchor that does not exist: '{target}'{suggest(parts.fragment, anchors)}"
    return None


def check_links(edition: Edition) -> Iterator[Diagnostic]:
    """Every [text](target) link in the content names a page and anchor that exist."""
    pages = known_anchors(edition)
    files = [(p.file, ESSAY_PAGE) for p in edition.parts] + [(n.file, ESSAY_PAGE) for n in edition.notes]
    files += [(p, PurePosixPath(p.loc.path).name) for p in edition.pages]
    for file, own in files:
        body = CODE_SPAN.sub(lambda m: " " * len(m.group()), file.body)
        body = IMAGE.sub(lambda m: " " * len(m.group()), body)  # images are checked as figures
        for match in INLINE_LINK.finditer(body):
            problem = link_problem(match.group(1), pages, own)
            if problem:
                yield error(at(file, line_of(body, match.start())), problem, "link-missing")
