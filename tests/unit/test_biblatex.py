"""biblatex's whole data model: every entry type with every field passes the check and reaches the page."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from lxml import etree

from edition.check import biblatex
from edition.check.fields import ENTRY_TYPES, EXTENSION, KNOWN, NOT_SHOWN, SHOWN
from edition.check.validate import validate
from edition.load.folder import load
from edition.render.markdown import render_sources
from edition.resolve.links import resolve

MakeEdition = Callable[..., Path]
BIBER_MODEL = Path("/usr/share/perl5/Biber/biber-tool.conf")  # Debian's biber (installed by .ci/run)
DERIVED = re.compile(r"(orig|event|url)?(end)?(day|hour|minute|second|timezone|yeardivision|month|year)")
LINKING = ("crossref", "related", "xdata", "xref", "entryset", "ids")  # name other entries
DATES = {"date": "1901-02-03", "origdate": "1850", "eventdate": "1900-05-01/1900-05-03", "urldate": "2020-01-01",
         "year": "1901", "month": "2", "sortyear": "1901"}


def test_the_model_is_biber_s_default_data_model() -> None:
    model = etree.parse(str(BIBER_MODEL)).find(".//datamodel")
    assert model is not None
    types = {e.text for e in model.find("entrytypes")}  # type: ignore[union-attr]
    fields = {f.text for f in model.find("fields")}  # type: ignore[union-attr]
    written = {f for f in fields if f and (not DERIVED.fullmatch(f) or f in ("year", "month"))}
    assert (set(biblatex.ENTRY_TYPES), set(biblatex.FIELDS)) == (types, written)


def test_every_field_is_shown_or_on_the_list_of_fields_not_shown() -> None:
    model = biblatex.FIELDS | set(biblatex.FIELD_ALIASES)
    assert (sorted(model - KNOWN), sorted(SHOWN & set(NOT_SHOWN))) == ([], [])
    assert set(ENTRY_TYPES) == set(biblatex.ENTRY_TYPES) | set(biblatex.TYPE_ALIASES)


def value(name: str, kind: str) -> str:
    """A field's value: a date where a date is read, a person where names are, else a word that names both."""
    if name in DATES:
        return DATES[name]
    if name in biblatex.NAME_LISTS:
        return f"{name.capitalize()}{kind.capitalize()}, Ann"
    if name == "url":
        return f"https://example.org/{kind}"
    if name in LINKING:
        return "parent"
    return f"{name.capitalize()}{kind.capitalize()}"


def matrix() -> str:
    """One entry of each type with every field of the model and every alias."""
    names = sorted((biblatex.FIELDS | set(biblatex.FIELD_ALIASES)) - {"keywords"})
    entries = ["@book{parent,\n  title = {Parent},\n  year = {1900},\n}\n"]
    for kind in ENTRY_TYPES:
        fields = "".join(f"  {name} = {{{value(name, kind)}}},\n" for name in names)
        entries.append(f"@{kind}{{m-{kind},\n{fields}}}\n")
    return "\n".join(entries)


def test_every_type_with_every_field_passes_the_check(make_edition: MakeEdition) -> None:
    edition, diagnostics = load(make_edition({"sources.bib": matrix()}))
    found = [d for d in [*diagnostics, *validate(edition)] if d.code.startswith(("bib", "date"))]
    assert found == []
    page = re.sub(r"\\(.)", r"\1", render_sources(resolve(edition)))
    blocks = {m.group(1): b for b in page.split("\n\n") for m in [re.search(r"\{: #m-(\w+) \.source \}", b)] if m}
    assert sorted(blocks) == sorted(ENTRY_TYPES)
    # alternatives of which the entry shows the first (location before address …) and the edition's own fields
    alternatives = {"address", "location", "school", "institution", "organization", "journal", "issue", "editoratype",
                    "editorbtype", "editorctype", "date", "year", "month", "url", "doi"}
    shown = sorted(SHOWN - alternatives - set(EXTENSION))
    nowhere = [name for name in shown if not any(value(name, kind).split(",")[0] in blocks[kind]
                                                 for kind in ENTRY_TYPES)]
    assert nowhere == []
    everywhere = ("subtitle", "titleaddon", "origdate", "origlocation", "volumes", "pagetotal", "chapter",
                  "eventtitle", "foreword", "editora", "eprint", "note", "addendum", "author")
    assert [(kind, name) for kind in ENTRY_TYPES for name in everywhere
            if value(name, kind).split(",")[0] not in blocks[kind]] == []


def test_biblatex_fields_render_as_a_reader_expects(make_edition: MakeEdition) -> None:
    bib = ("@book{h,\n  author = {Marsh, Helena},\n  title = {The Wall},\n  subtitle = {A Frontier},\n"
           "  titleaddon = {With Maps},\n  maintitle = {Roman Britain},\n  volume = {2},\n  volumes = {3},\n"
           "  pagetotal = {412},\n  location = {London},\n  publisher = {Hale},\n  date = {1999},\n"
           "  origdate = {1887},\n  origlocation = {Edinburgh},\n  language = {english},\n}\n")
    edition, _ = load(make_edition({"sources.bib": bib}))
    page = re.sub(r"\\(.)", r"\1", render_sources(resolve(edition)))
    assert ("Helena Marsh.\n*Roman Britain*.\n*The Wall: A Frontier. With Maps*, vol. 2.\nLondon, Hale, 1999.\n"
            "3 vols., 412 pp. Originally published Edinburgh, 1887.") in page


def test_a_misspelt_field_is_a_warning_whose_suggestion_is_not_a_field_the_entry_has(
        make_edition: MakeEdition) -> None:
    bib = ("@book{a,\n  title = {T},\n  year = {1999},\n  volumse = {3},\n}\n\n"
           "@book{b,\n  title = {T},\n  year = {1999},\n  volume = {2},\n  volumez = {3},\n}\n")
    edition, _ = load(make_edition({"sources.bib": bib}))
    found = [str(d) for d in validate(edition) if d.code == "bib-field-unknown"]
    assert found == [
        "sources.bib:4: warning: unknown field 'volumse' in 'a' is not shown (did you mean 'volume'?) "
        "[bib-field-unknown]",
        "sources.bib:11: warning: unknown field 'volumez' in 'b' is not shown (did you mean 'volumes'?) "
        "[bib-field-unknown]"]
