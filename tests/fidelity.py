"""Compare the words of the built essay page, read as printed, with the copy-text's words."""
from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass

from lxml import html

WORD = re.compile(r"\w+")
TAG = re.compile(r"<[^>]+>")  # the copy-text is Markdown with HTML fragments: plain text, not a page
NOTE_LINE = re.compile(r"^<sup>(?P<debris>&</sup>lt;sup>)?(?P<label>\d+|\\\*)</sup>[ ]*(?P<text>\S.*)$")


@dataclass(frozen=True)
class Words:
    """A sequence of words, each with the place it came from."""

    words: tuple[str, ...]
    places: tuple[str, ...]


def visible(markdown: str) -> str:
    """What a reader of the rendered copy-text sees of a line: tags gone, escapes read."""
    return TAG.sub(" ", markdown).replace("\\*", "*")


def words_of(text: str, place: str) -> Words:
    """The words of a text, all from one place."""
    found = tuple(WORD.findall(text))
    return Words(found, (place,) * len(found))


def join(*parts: Words) -> Words:
    """Concatenate word sequences."""
    return Words(tuple(w for p in parts for w in p.words), tuple(p for x in parts for p in x.places))


def copy_text(text: str) -> tuple[Words, Words, dict[str, Words]]:
    """Split the copy-text into its heading (author, title), its body and its notes by label."""
    lines = text.split("\n")
    head = join(words_of(visible(lines[2]), "title"), words_of(visible(lines[0]), "byline"))
    body: list[Words] = []
    notes: dict[str, Words] = {}
    for number, line in enumerate(lines[3:], 4):
        found = NOTE_LINE.match(line)
        if found:
            label = found.group("label").replace("\\", "")
            debris = "&lt;sup>" if found.group("debris") else ""
            notes[label] = words_of(debris + " " + visible(found.group("text")), f"copy-text line {number}")
        else:
            body.append(words_of(visible(line), f"copy-text line {number}"))
    return head, join(*body), notes


def as_printed(article: html.HtmlElement) -> html.HtmlElement:
    """A copy of the page with every intervention undone: edited readings dropped, printed ones kept."""
    article = copy.deepcopy(article)
    for element in article.xpath(".//*[contains(concat(' ', @class, ' '), ' iv-edited ')]"):
        element.drop_tree()
    for sup in article.iter("sup"):  # a superscript is set apart from its word, as in the copy-text
        sup.text, sup.tail = " " + (sup.text or ""), " " + (sup.tail or "")
    return article


def classed(name: str) -> str:
    """XPath test for an element having a class."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def edition_text(page: html.HtmlElement) -> tuple[Words, Words, dict[str, Words]]:
    """The built essay page as printed: heading, body paragraphs and notes by label."""
    article = as_printed(page.xpath("//article")[0])
    title = article.xpath(".//h1")[0]
    byline = article.xpath(f".//p[{classed('byline')}]")[0]
    head = join(words_of(title.text_content(), "title"), words_of(byline.text_content(), "byline"))
    notes: dict[str, Words] = {}
    for item in article.xpath(f".//div[{classed('footnote')}]//li"):
        apparatus = f"{classed('note-label')} or {classed('note-heading')} or {classed('footnote-backref')}"
        for extra in item.xpath(f".//*[{apparatus}]"):
            extra.drop_tree()
        notes[item.get("data-label")] = words_of(item.text_content(), f"note {item.get('data-label')}")
    body = [words_of(p.text_content(), f"¶{p.get('id')[1:]}") for p in article.xpath(".//p[starts-with(@id, 'p')]")]
    return head, join(*body), notes


def differences(expected: Words, actual: Words, what: str) -> list[str]:
    """Say where two word sequences differ, naming the place on each side."""
    problems = []
    matcher = difflib.SequenceMatcher(a=expected.words, b=actual.words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        printed = " ".join(expected.words[a1:a2]) or "(nothing)"
        edited = " ".join(actual.words[b1:b2]) or "(nothing)"
        where = actual.places[min(b1, len(actual.places) - 1)] if actual.places else "?"
        source = expected.places[min(a1, len(expected.places) - 1)] if expected.places else "?"
        problems.append(f"{what}, {where} ({source}): copy-text has '{printed}', edition has '{edited}'")
    return problems


def compare(copy: str, page_html: bytes) -> list[str]:
    """Every difference between the copy-text and the edition read as printed."""
    head, body, notes = copy_text(copy)
    page_head, page_body, page_notes = edition_text(html.fromstring(page_html))
    problems = differences(head, page_head, "heading") + differences(body, page_body, "body")
    for label in sorted(set(notes) | set(page_notes)):
        empty = Words((), ())
        problems += differences(notes.get(label, empty), page_notes.get(label, empty), f"note {label}")
    return problems
