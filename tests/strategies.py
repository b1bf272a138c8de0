"""The Hypothesis strategies of the property tests (test_property.py): fragments of an edition's inputs, right
and wrong, leaning on the characters its syntax is made of."""
from __future__ import annotations

import yaml
from hypothesis import strategies as st

KEYS = ("berg-1998", "okun-2005", "rgali-tarasova-1841-05-02", "pt-2-tarasova-1843-01-10", "pt-2")
NOTE_IDS = ("1", "2", "3", "thanks")

# Text that is mostly harmless but leans on the characters the edition's syntax is made of.
SPECIAL = "[]{}()@^~<>:;,.-+*_=#!`\"'\\|/ \n\t"
chars = st.one_of(st.sampled_from(SPECIAL), st.characters(exclude_categories=["Cs"]))
wild_text = st.text(chars, max_size=30)
plain_text = st.text(st.characters(categories=("L", "N", "Zs"), max_codepoint=0x17F), max_size=30)
keyish = st.one_of(st.sampled_from(KEYS), st.sampled_from(("unknown", "Berg-1998", "")), wild_text)

# Fragments of a note or a paragraph: the edition's own syntax, right and wrong.
markers = st.one_of(st.sampled_from(NOTE_IDS), wild_text).map(lambda i: f"[^{i}]")
citations = st.one_of(
    st.builds(lambda k, loc: f"[see @{k}, {loc}]", keyish, plain_text),
    st.builds(lambda words, k: f"[{words}][@{k}]", plain_text, keyish),
    st.builds(lambda a, b: f"[@{a}; @{b}, s. 28-29]", keyish, keyish),
    st.sampled_from(("[@]", "[x][@]", "[@key p. 3", "[x][@bad key]", "[see @; @]", "[@berg-1998,]", "@berg-1998",
                     "[x][@berg-1998][@okun-2005]", "[[@berg-1998]]", "[x]\n[@berg-1998]")),
)
kinds = st.sampled_from(("typo", "punct", "word", "marker", "artefact", "join", "lacuna", "comment", "", "oops"))
critic = st.one_of(
    st.builds(lambda a, b, k, r: f"{{~~{a}~>{b}~~}}{{>>{k}: {r}<<}}", wild_text, wild_text, kinds, plain_text),
    st.builds(lambda a, k, r: f"{{++{a}++}}{{>>{k}: {r}<<}}", wild_text, kinds, plain_text),
    st.builds(lambda a, k, r: f"{{--{a}--}}{{>>{k}: {r}<<}}", wild_text, kinds, plain_text),
    st.builds(lambda k, r: f"{{>>{k}: {r}<<}}", kinds, wild_text),
    st.builds(lambda m: f"{{++{m}++}}{{>>marker: restored<<}}", markers),
    st.sampled_from(("{++", "{--x", "{~~a~>b", "{>>typo", "<<}", "~~}", "{==x==}", "{++{--x--}++}{>>word<<}",
                     "{++a++}", "{--a--}{>>artefact<<}", "{>>lacuna<<}")),
)
links = st.one_of(
    st.builds(lambda t: f"[x]({t})", st.sampled_from((
        "index.md#p1", "index.md#p99", "sources.md#berg-1998", "sources.md#no-such-key", "nowhere.md", "about.md",
        "#p2", "#fn:2", "https://example.org/", "javascript:alert(1)", "mailto:a@b", "//evil.example/x",
        "apparatus.md#x", "persons.md#x", "", "<index.md>", "index.md \"title\""))),
    st.builds(lambda t: f"[x]({t})", wild_text),
)
html_bits = st.sampled_from(("<b>", "</i>", "<a onclick=\"x\">", "<!-- c -->", "javascript:", "`<b>`", "``[^1]``",
                             "<https://example.org>", "&amp;", "\\[^1]", "[^1]:", "{: #p1 }", "{: #p77 }"))
fragment = st.one_of(wild_text, plain_text, markers, citations, critic, links, html_bits)
body = st.lists(fragment, max_size=8).map("".join)

# Front matter: a mapping with random keys and values of every YAML type, or raw text.
yaml_values = st.one_of(st.none(), st.booleans(), st.integers(-3, 40), st.floats(allow_nan=False, width=16),
                        plain_text, wild_text, st.lists(plain_text, max_size=2),
                        st.dictionaries(plain_text, plain_text, max_size=2), st.dates())


def front_matter(keys: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Front matter text between the '---' lines: dumped YAML (possibly with a key twice) or raw text."""
    names = st.one_of(st.sampled_from(keys), wild_text)
    mapping = st.dictionaries(names, yaml_values, max_size=4).map(
        lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False) if d else "")
    doubled = st.builds(lambda k, a, b: f"{k}: {a}\n{k}: {b}\n", st.sampled_from(keys), plain_text, plain_text)
    raw = st.lists(st.one_of(wild_text, st.sampled_from(("label: 2", "label: '2", "label: [", "- a", "key: value: x",
                                                          "\tlabel: 1", "label: \"*\"", "...", "--- "))),
                   max_size=4).map("\n".join)
    return st.one_of(mapping, doubled, raw)


def markdown_file(meta: str, text: str, closed: bool = True) -> str:
    """A Markdown file with front matter; sometimes one that never closes it."""
    return f"---\n{meta.rstrip(chr(10))}\n" + ("---\n" if closed else "") + text + "\n"


# BibTeX: random types, keys, fields and values, with braces balanced or not.
bib_types = st.sampled_from(("book", "article", "unpublished", "inbook", "incollection", "misc", "online",
                             "string", "comment", "preamble", "Book", "weird", ""))
bib_fields = st.sampled_from(("title", "author", "editor", "date", "year", "archive", "fond", "opis", "delo",
                              "callnumber", "folio", "crossref", "related", "keywords", "shorthand", "pages",
                              "journal", "booktitle", "note", "x-field", "1bad", "title"))
bib_values = st.one_of(
    plain_text.map(lambda v: "{" + v + "}"),
    wild_text.map(lambda v: "{" + v + "}"),
    wild_text.map(lambda v: '"' + v + '"'),
    st.integers(0, 3000).map(str),
    st.sampled_from(("{1937-07-03}", "{3 May 1841}", "{1936-06/1936-07}", "{rgali}", "{nowhere}", "{pt-2}",
                     "{memoir, press}", "{Berg, Ingrid and Okun, M.}", "{{nested} braces}", "{open", "close}",
                     "jan", "undefinedmacro", "{a} # {b}", "{\\}", "{\\{}", "{}")),
)
bib_entry = st.builds(
    lambda t, k, fields, close: f"@{t}{{{k},\n" + "".join(f"  {n} = {v},\n" for n, v in fields) + "}\n" * close,
    bib_types, keyish, st.lists(st.tuples(bib_fields, bib_values), max_size=5), st.booleans())


# The registers: YAML lists of mappings with the register's keys (and others), or anything else.
REGISTERS = (("persons.yml", ("id", "name", "sort", "dates", "about", "spellings", "exclude")),
             ("glossary.yml", ("term", "expansion")),
             ("repositories.yml", ("id", "abbr", "name", "place", "printed")))
register_values = st.one_of(yaml_values, st.sampled_from(("Tarasova", "Anna Tarasova", "Pavel", "rgali", "PT", "")),
                            st.lists(st.sampled_from(("Tarasova", "Pavel", "Anna", "", "(", "1841")), max_size=3))


def register(keys: tuple[str, ...]) -> st.SearchStrategy[str]:
    """A register's text: a dumped list of entries, or a raw YAML fragment."""
    entry = st.dictionaries(st.one_of(st.sampled_from(keys), plain_text), register_values, max_size=len(keys) + 1)
    items = st.lists(st.one_of(entry, yaml_values), max_size=4)
    dumped = items.map(lambda xs: yaml.safe_dump(xs, allow_unicode=True, sort_keys=False))
    raw = st.lists(st.one_of(wild_text, st.sampled_from(("- id: rgali", "  abbr: X", "- [", "id: x", "-", "- term: PT",
                                                         "  expansion: y", "- id: rgali\n  id: other"))),
                   max_size=5).map("\n".join)
    return st.one_of(dumped, raw)
