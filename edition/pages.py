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
