"""The published BibTeX: each entry as written, then the aliases it lacks; a part of an authorless book by xref."""
from __future__ import annotations

from pybtex.database import Person

from edition.model import Loc, Source
from edition.render.bibout import entry_bib, published_bib


def source(key: str, kind: str, fields: dict[str, str], **persons: tuple[Person, ...]) -> Source:
    return Source(key, kind, Loc("sources.bib"), fields, persons)


def test_aliases_follow_the_fields_as_written_in_either_delimiter() -> None:
    sources = {"k": source("k", "article", {"title": "T", "date": "1999-02", "journaltitle": "J"})}
    assert published_bib("@article(k,\n  title = {T},\n  date = {1999-02},\n  journaltitle = {J}\n)\n", sources) == (
        "@article(k,\n  title = {T},\n  date = {1999-02},\n  journaltitle = {J},\n"
        "  year = {1999},\n  month = {2},\n  journal = {J},\n)\n")
    assert published_bib('@article{k, title = "T", date = {1999-02}, journaltitle = {J}}\n% kept\n', sources) == (
        '@article{k, title = "T", date = {1999-02}, journaltitle = {J},\n'
        "  year = {1999},\n  month = {2},\n  journal = {J},\n}\n% kept\n")


def test_an_entry_with_every_alias_is_left_as_written() -> None:
    sources = {"k": source("k", "book", {"title": "T", "year": "1999"})}
    assert published_bib("@book{k,\n  title = {T},\n  year = {1999},\n}\n", sources) == (
        "@book{k,\n  title = {T},\n  year = {1999},\n}\n")


def test_a_part_of_an_authorless_book_cites_it_by_xref_with_what_it_inherits_and_carries_it() -> None:
    volume = source("vol", "book", {"title": "Documents", "year": "2003", "publisher": "P", "shorthand": "D 1"},
                    editor=(Person("Holm, Maria"),))
    part = source("doc", "inbook", {"title": "A letter", "date": "1936-03-20", "crossref": "vol", "pages": "5"},
                  author=(Person("Šeba, J."),))
    written = {"doc": "@inbook{doc,\n  author = {Šeba, J.},\n  title = {A letter},\n  date = {1936-03-20},\n"
                      "  crossref = {vol},\n  pages = {5},\n}\n",
               "vol": "@book{vol,\n  editor = {Holm, Maria},\n  title = {Documents},\n  year = {2003},\n"
                      "  publisher = {P},\n  shorthand = {D 1},\n}\n"}
    assert entry_bib("doc", written, {"doc": part, "vol": volume}) == (
        "@inbook{doc,\n  author = {Šeba, J.},\n  title = {A letter},\n  date = {1936-03-20},\n"
        "  xref = {vol},\n  pages = {5},\n  booktitle = {Documents},\n  publisher = {P},\n"
        "  editor = {Holm, Maria},\n  year = {1936},\n  month = {3},\n}\n\n" + written["vol"])
