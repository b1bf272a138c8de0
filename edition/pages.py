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

# The files `export` writes (one place for the exports, the output checks, the site's head and the Cite panel).
PDF_NAME = "edition.pdf"
EPUB_NAME = "edition.epub"
HTML_NAME = "edition.html"
TEI_NAME = "edition.tei.xml"
ZIP_NAME = "edition-site.zip"
# As a reader downloads them: (file, what it is, media type). A published edition has them at its site's root
# (the Pages workflow puts them there); the essay's JSON-LD names them (encoding).
EXPORTS = ((PDF_NAME, "PDF", "application/pdf"), (EPUB_NAME, "EPUB", "application/epub+zip"),
           (HTML_NAME, "one HTML file", "text/html"), (TEI_NAME, "TEI P5", "application/tei+xml"),
           (ZIP_NAME, "the site for offline reading (zip)", "application/zip"))
