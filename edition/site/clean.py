"""The one allow-list for rendered HTML: exactly what Markdown and the edition's extension write, nothing else.

The checks in check/sanitize.py read the Markdown source and report what they refuse with its place; a browser reads
the HTML that Python-Markdown makes of it, and the two can disagree (code spans, raw tags, references inside a
quote). This allow-list is applied to every page's content HTML, on the site (a MkDocs hook) and in the single
file and the EPUB, so the output is safe whatever the parser did. nh3 (the Ammonia sanitizer) parses the HTML
as a browser does and writes it again: the text is unchanged, the serialisation may differ.

The lists below were taken from building the real edition and the test editions and collecting every element,
attribute and class in the content area; anything added to the extension must be added here.
"""
from __future__ import annotations

import re
from collections import Counter

import nh3
from lxml import html as lhtml

# Every element the content area holds: Markdown's own, tables, footnotes, abbr, caret (^sup^, ^^ins^^),
# figures (render/figures.py), and the spans and links of interventions, persons and citations (render/mdext.py).
TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre", "code", "hr", "br",
    "em", "strong", "sup", "ins", "a", "img", "abbr", "span", "div", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td",
})

# Attributes on any element: ids (paragraphs, notes, headings, registers' entries) and a language (attr_list).
GENERIC_ATTRIBUTES = frozenset({"id", "lang"})

# Attributes per element, beside the generic ones and 'class' (which ALLOWED_CLASSES governs).
ATTRIBUTES: dict[str, frozenset[str]] = {
    # links: footnote markers and backlinks (aria-label, title), citations (data-key), persons (data-person),
    # links with a title, the Sources page's downloads (download, its value fixed below)
    "a": frozenset({"href", "title", "aria-label", "data-key", "data-person"}),
    "img": frozenset({"src", "alt", "title"}),
    "abbr": frozenset({"title"}),
    "ol": frozenset({"start"}),  # a numbered list that does not start at 1
    "li": frozenset({"data-label"}),  # a note's printed label
    # interventions (data-*, title), person mentions inside links (data-person)
    "span": frozenset({"title", "data-intervention", "data-printed", "data-reason", "data-person", "data-lemma"}),
}

# Attributes that may only take these values.
ATTRIBUTE_VALUES: dict[str, dict[str, frozenset[str]]] = {
    "a": {"download": frozenset({""})},
    "span": {"tabindex": frozenset({"0"}), "data-search-exclude": frozenset({""})},
}

# Classes per element; any other class is dropped (the theme's classes could restyle or hide the page).
ALLOWED_CLASSES: dict[str, frozenset[str]] = {
    "a": frozenset({"citation", "footnote-backref", "footnote-ref", "iv-app", "person"}),
    "div": frozenset({"footnote"}),
    "figure": frozenset({"edition-figure"}),
    "h2": frozenset({"ed-notes-heading", "editorial-heading"}),
    "h3": frozenset({"note-heading"}),
    "p": frozenset({"apparatus-entry", "archive", "byline", "downloads", "person-entry", "source"}),
    "span": frozenset({"iv", "iv-artefact", "iv-comment", "iv-edited", "iv-join", "iv-lacuna", "iv-marker",
                       "iv-printed", "iv-punct", "iv-typo", "iv-word", "note-label", "person"}),
    # table alignment, written as classes instead of style attributes (mdext.AlignmentProcessor)
    "th": frozenset({"edition-align-left", "edition-align-right", "edition-align-center"}),
    "td": frozenset({"edition-align-left", "edition-align-right", "edition-align-center"}),
}

# Links and images: the edition's own (relative) addresses, and these outside.
URL_SCHEMES = frozenset({"http", "https", "mailto"})

LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
THEME_ID = re.compile(r"__")  # the theme's own ids (__drawer, __search, __palette_0 …): never the content's


def attribute_filter(tag: str, name: str, value: str) -> str | None:
    """Drop an id that could stand for one of the theme's and a lang that is not a language tag."""
    if name == "id" and THEME_ID.match(value):
        return None
    if name == "lang" and not LANGUAGE.fullmatch(value):
        return None
    return value


CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags={"script", "style"},  # dropped with their text, which would otherwise show as text
    attributes={"*": set(GENERIC_ATTRIBUTES), **{tag: set(names) for tag, names in ATTRIBUTES.items()}},
    attribute_filter=attribute_filter,
    strip_comments=True,
    link_rel=None,  # nothing added: the pages are ours
    tag_attribute_values={tag: {name: set(values) for name, values in attrs.items()}
                          for tag, attrs in ATTRIBUTE_VALUES.items()},
    url_schemes=set(URL_SCHEMES),
    allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
)


def clean(html: str) -> str:
    """Content HTML with only the allow-listed elements, attributes, classes and URLs left."""
    return CLEANER.clean(html)


def inventory(markup: str) -> Counter[str]:
    """Every element, attribute (with its value) and class of an HTML fragment, as words a message can name."""
    items: Counter[str] = Counter()
    if not markup.strip():
        return items
    root = lhtml.fragment_fromstring(markup, create_parent="div")
    for element in root.iterdescendants():
        if not isinstance(element.tag, str):
            continue  # comments: Markdown writes none, and the source check refuses them in content
        items[f"<{element.tag}>"] += 1
        for name, value in element.attrib.items():
            if name == "class":
                items.update(f"class '{word}' on <{element.tag}>" for word in value.split())
            else:
                items[f"{name}=\"{value[:40]}\" on <{element.tag}>"] += 1
    return items


def removed(markup: str, cleaned: str) -> list[str]:
    """What the allow-list took out of a fragment (elements, attributes, classes), sorted; [] when nothing."""
    return sorted((inventory(markup) - inventory(cleaned)).keys())


def refusal(what: list[str]) -> str:
    """The message for content the allow-list removed: the build stops rather than publish less than was written."""
    shown = ", ".join(what[:5]) + (f" and {len(what) - 5} more" if len(what) > 5 else "")
    return f"markup the allow-list does not keep (the page is not published without it): {shown}"


def cleaned(markup: str) -> tuple[str, str | None]:
    """A fragment through the allow-list, and the refusal when the list removed anything from it (else None)."""
    kept = clean(markup)
    what = removed(markup, kept)
    return kept, refusal(what) if what else None
