"""The registers' pages: persons, archives and abbreviations, chronology (pure)."""
from __future__ import annotations

from typing import Mapping

from edition.check.dates import ISO_DATE
from edition.pages import ESSAY_PAGE, SOURCES_PAGE
from edition.render.markdown_text import abbreviation, attribute_value, markdown_url, plain
from edition.render.style import Formatted
from edition.resolve.links import Resolved
from edition.resolve.mentions import date_key, is_approximate


def stop(items: tuple[str, ...]) -> str:
    """The full stop that ends a list, unless its last item ends with one ('Brit. Mus.')."""
    return "" if items and items[-1].rstrip().endswith(".") else "."


def place_links(places: tuple[tuple[str, str], ...]) -> str:
    """Links to paragraphs and notes: '[¶3](index.md#p3), [n. 2](index.md#fn:2)'."""
    return ", ".join(f"[{plain(place)}]({markdown_url(f'{ESSAY_PAGE}#{target}')})" for place, target in places)


def render_persons(resolved: Resolved) -> str:
    """Every registered person, by surname: name, dates, identification, spellings, places."""
    out = ["# Persons", "",
           "Every person the essay and its notes name, under the usual form of the name, with the spellings "
           "this text uses and the paragraphs (¶) and notes (n.) where they occur.", ""]
    for person in sorted(resolved.edition.persons, key=lambda p: (p.sort.casefold(), p.id)):
        head = f"**{plain(person.sort)}**" + (f" ({plain(person.dates)})" if person.dates else "")
        lines = [head + (f". {plain(person.about)}" if person.about else "")]
        lines.append("Spelled: " + ", ".join(f"*{plain(s)}*" for s in person.spellings) + stop(person.spellings))
        places = resolved.mentions.get(person.id, ())
        if places:
            lines.append(f"In {place_links(places)}.")
        out += ["  \n".join(lines), f"{{: #{attribute_value(person.id)} .person-entry }}", ""]
    return "\n".join(out)


def render_glossary(resolved: Resolved) -> str:
    """The archives cited and the abbreviations and terms used."""
    out = ["# Archives and abbreviations", ""]
    if resolved.edition.repositories:
        out += ["## Archives", ""]
        for repo in sorted(resolved.edition.repositories, key=lambda r: r.abbr):
            printed = ", ".join(f"*{plain(p)}*" for p in repo.printed)
            text = f"**{plain(repo.abbr)}**: {plain(repo.name)}" + (f", {plain(repo.place)}" if repo.place else "")
            text = text.rstrip(".\\")
            out += [text + (f". Printed as {printed}{stop(repo.printed)}" if printed else "."),
                    f"{{: #archive-{attribute_value(repo.id)} .archive }}", ""]
    if resolved.edition.terms:
        out += ["## Abbreviations and terms", "", "| Term | Meaning |", "| --- | --- |"]
        out += [f"| {plain(t.term)} | {plain(t.expansion)} |"
                for t in sorted(resolved.edition.terms, key=lambda t: t.term.casefold())]
        out.append("")
    return "\n".join(out)


def render_chronology(resolved: Resolved, formatted: Mapping[str, Formatted]) -> str:
    """Every dated document, in date order, with its entry and the notes that cite it."""
    out = ["# Chronology", "",
           "The dated documents the notes cite, in date order. A date given only to the month or year, "
           "or as a range, is marked *c.* and placed at its start.", "",
           "| Date | Document | Cited in |", "| --- | --- | --- |"]
    dated = [s for s in resolved.edition.sources if ISO_DATE.match(s.own_date)]
    for source in sorted(dated, key=lambda s: (date_key(s.own_date), s.key)):
        date = source.own_date
        shown = ("c. " if is_approximate(date) else "") + plain(date)
        text = formatted[source.key].markdown
        text = " ".join(text.split()).replace("|", "\\|")  # a table cell holds one line
        notes = ", ".join(f"[n.&nbsp;{plain(resolved.labels[n])}]({markdown_url(f'{ESSAY_PAGE}#fn:{n}')})"
                          for n in resolved.cited_by.get(source.key, ()))
        out.append(f"| {shown} | [{text}]({SOURCES_PAGE}#{attribute_value(source.key)}) | {notes} |")
    return "\n".join(out) + "\n"


def abbreviations(resolved: Resolved) -> list[str]:
    """Definitions for Python-Markdown's abbr extension: '*[NAF]: Nouvelles acquisitions françaises'."""
    definitions = (abbreviation(t.term, t.expansion) for t in resolved.edition.terms)
    return [d for d in definitions if d is not None]
