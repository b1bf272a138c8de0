"""Compare the built essay page, read as printed, with the copy-text: every word and every punctuation mark."""
from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import html

# A token is a word or one mark of punctuation; white space separates tokens and is not compared.
TOKEN = re.compile(r"\w+|[^\w\s]")
TAG = re.compile(r"<[^>]+>")  # the copy-text is Markdown with HTML fragments: plain text, not a page
ESCAPED_STAR = "\\*"
NOTE_LINE = re.compile(r"^<sup>(?P<debris>&</sup>lt;sup>)?(?P<label>\d+|\\\*)</sup>[ ]*(?P<text>\S.*)$")
PARAGRAPH_ATTR = re.compile(r"^[>\s]*\{: #(?P<id>p\d+) \}\s*$")
LABEL_LINE = re.compile(r"^label:\s*[\"']?(?P<label>[^\"']+)[\"']?\s*$")
CONTEXT = 3  # tokens of context shown before a difference


@dataclass(frozen=True)
class Tokens:
    """A sequence of tokens, each with the place it came from."""

    tokens: tuple[str, ...]
    places: tuple[str, ...]


def visible(markdown: str) -> str:
    """What a reader of the rendered copy-text sees of a line: tags and emphasis marks gone, escapes read."""
    parts = TAG.sub(" ", markdown).split(ESCAPED_STAR)
    return "*".join(part.replace("*", "") for part in parts)


def tokens_of(text: str, place: str) -> Tokens:
    """The tokens of a text, all from one place."""
    found = tuple(TOKEN.findall(text))
    return Tokens(found, (place,) * len(found))


def join(*parts: Tokens) -> Tokens:
    """Concatenate token sequences."""
    return Tokens(tuple(t for p in parts for t in p.tokens), tuple(p for x in parts for p in x.places))


def copy_text(text: str) -> tuple[Tokens, Tokens, dict[str, Tokens]]:
    """Split the copy-text into its heading (author, title), its body and its notes by label."""
    lines = text.split("\n")
    heading = lines[2].lstrip("#")  # the title is a Markdown heading: its marks are markup
    head = join(tokens_of(visible(heading), "copy-text line 3"), tokens_of(visible(lines[0]), "copy-text line 1"))
    body: list[Tokens] = []
    notes: dict[str, Tokens] = {}
    for number, line in enumerate(lines[3:], 4):
        found = NOTE_LINE.match(line)
        if found:
            label = found.group("label").replace("\\", "")
            debris = "&lt;sup>" if found.group("debris") else ""
            notes[label] = tokens_of(debris + " " + visible(found.group("text")), f"copy-text line {number}")
        else:
            body.append(tokens_of(visible(line), f"copy-text line {number}"))
    return head, join(*body), notes


def classed(name: str) -> str:
    """XPath test for an element having a class."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def as_printed(article: html.HtmlElement) -> html.HtmlElement:
    """A copy of the page with every intervention undone: edited readings and apparatus links dropped."""
    article = copy.deepcopy(article)
    for element in article.xpath(f".//*[{classed('iv-edited')} or {classed('iv-app')}]"):
        element.drop_tree()
    for sup in article.iter("sup"):  # a superscript is set apart from its word, as in the copy-text
        sup.text, sup.tail = " " + (sup.text or ""), " " + (sup.tail or "")
    return article


def source_places(root: Path) -> dict[str, str]:
    """'¶N' and 'note L' -> 'file:line' of the paragraph or note in the edition's text files."""
    places: dict[str, str] = {}
    for essay in sorted((root / "essay").glob("*.md")):
        lines = essay.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines):
            found = PARAGRAPH_ATTR.match(line)
            if found:
                start = max(i for i in range(number) if lines[i].strip(" >"))
                places[f"¶{found.group('id')[1:]}"] = f"essay/{essay.name}:{start + 1}"
    for note in sorted((root / "footnotes").glob("*.md")):
        lines = note.read_text(encoding="utf-8").split("\n")
        label = next(m.group("label") for m in map(LABEL_LINE.match, lines) if m)
        closing = lines.index("---", 1)
        first = next(i for i in range(closing + 1, len(lines)) if lines[i].strip())
        places[f"note {label}"] = f"footnotes/{note.name}:{first + 1}"
    return places


def edition_text(page: html.HtmlElement) -> tuple[Tokens, Tokens, dict[str, Tokens]]:
    """The built essay page as printed: heading, body paragraphs and notes by label."""
    article = as_printed(page.xpath("//article")[0])
    title = article.xpath(".//h1")[0]
    byline = article.xpath(f".//p[{classed('byline')}]")[0]
    head = join(tokens_of(title.text_content(), "title"), tokens_of(byline.text_content(), "byline"))
    notes: dict[str, Tokens] = {}
    for item in article.xpath(f".//div[{classed('footnote')}]//li"):
        apparatus = f"{classed('note-label')} or {classed('note-heading')} or {classed('footnote-backref')}"
        for extra in item.xpath(f".//*[{apparatus}]"):
            extra.drop_tree()
        notes[item.get("data-label")] = tokens_of(item.text_content(), f"note {item.get('data-label')}")
    body = [tokens_of(p.text_content(), f"¶{p.get('id')[1:]}") for p in article.xpath(".//p[starts-with(@id, 'p')]")]
    return head, join(*body), notes


def reading(tokens: tuple[str, ...]) -> str:
    """Tokens shown as a reading."""
    return " ".join(tokens) or "(nothing)"


def differences(expected: Tokens, actual: Tokens, files: dict[str, str]) -> list[str]:
    """Say where two token sequences differ: the edition's file and line, the copy-text's line, both readings."""
    problems = []
    matcher = difflib.SequenceMatcher(a=expected.tokens, b=actual.tokens, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        where = actual.places[min(b1, len(actual.places) - 1)] if actual.places else "?"
        source = expected.places[min(a1, len(expected.places) - 1)] if expected.places else "?"
        before = reading(actual.tokens[max(0, b1 - CONTEXT):b1])
        problems.append(f"{files.get(where, where)} ({where}, {source}), after '{before}': "
                        f"copy-text has '{reading(expected.tokens[a1:a2])}', "
                        f"edition has '{reading(actual.tokens[b1:b2])}'")
    return problems


def compare(copy: str, page_html: bytes, root: Path) -> list[str]:
    """Every difference between the copy-text and the edition (whose text files are below root) read as printed."""
    files = source_places(root)
    head, body, notes = copy_text(copy)
    page_head, page_body, page_notes = edition_text(html.fromstring(page_html))
    problems = differences(head, page_head, files) + differences(body, page_body, files)
    for label in sorted(set(notes) | set(page_notes)):
        empty = Tokens((), ())
        problems += differences(notes.get(label, empty), page_notes.get(label, empty), files)
    return problems
