"""The names of the pages the build generates (one place for render, validate and the exports)."""
from __future__ import annotations

ESSAY_PAGE = "index.md"
SOURCES_PAGE = "sources.md"
APPARATUS_PAGE = "apparatus.md"
PERSONS_PAGE = "persons.md"
GLOSSARY_PAGE = "glossary.md"
CHRONOLOGY_PAGE = "chronology.md"

# page -> what it is, for an editor told that a page of theirs may not take its name
GENERATED_PAGES = {ESSAY_PAGE: "essay", SOURCES_PAGE: "sources", APPARATUS_PAGE: "apparatus",
                   PERSONS_PAGE: "persons", GLOSSARY_PAGE: "glossary", CHRONOLOGY_PAGE: "chronology"}

# The exports `export` writes, as a reader downloads them: (file, what it is, media type). A published edition
# has them at its site's root (the Pages workflow puts them there); the essay's JSON-LD names them (encoding).
EXPORTS = (("edition.pdf", "PDF", "application/pdf"), ("edition.epub", "EPUB", "application/epub+zip"),
           ("edition.html", "one HTML file", "text/html"), ("edition.tei.xml", "TEI P5", "application/tei+xml"),
           ("edition-site.zip", "the site for offline reading (zip)", "application/zip"))
