"""The one policy for text from content files: what is escaped, which markup, attributes and URLs may pass.

Content is input from strangers. Plain-text fields (front matter, registers, BibTeX fields, labels, reasons)
are escaped here before they are written into Markdown or HTML; Markdown texts (the essay, notes, pages and
the edited readings of interventions) are scanned here, and whatever could run script or style the page is
an error with its place: raw HTML, attribute lists with anything but an id or a language, and link or image
URLs other than the edition's own pages and http(s)/mailto addresses.
"""
from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from typing import Iterator
from urllib.parse import urlsplit

from markdown.extensions.attr_list import get_attrs_and_remainder

from edition.load import interventions
from edition.load.markdown_scan import CODE_SPAN, LineIndex

# What an id written into an attribute list ({: #key }), a footnote's label ([^id]) or a link's fragment may
# hold: letters (any script), digits, '_', ':', '.', '-', nothing attr_list or a link reads as markup. Note ids,
# register ids and BibTeX keys are checked against it when the edition is checked (check/registers.py), so a
# refusal when Markdown is written (render/markdown_text.py) is the toolkit's own mistake.
IDENTIFIER = re.compile(r"[\w:.-]+")
IDENTIFIER_RULE = "letters, digits, '_', ':', '.' and '-'"

# What an attribute list in content may set: an id (paragraphs' stable ids, anchors on pages) and a language.
ALLOWED_ATTRIBUTES = ("id", "lang")
OUTSIDE_SCHEMES = ("http", "https", "mailto")
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
ID = re.compile(r"^[A-Za-z][\w:.-]*$")

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|^])")
# Characters a backslash does not escape in Python-Markdown: '&' and '<' start entities and tags, '~' a
# CriticMarkup or strike mark; they are written as entities instead.
HTML_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;"})
# Raw HTML: a tag, a comment or a declaration, except the autolinks <https://…> and <mailto:…>.
RAW_HTML = re.compile(r"<(?!https?://|mailto:)/?[A-Za-z!?][^>]*>|javascript\s*:", re.IGNORECASE)
# An attribute list as attr_list reads one, quotes honoured so that a '}' inside a value does not end it.
ATTR_LIST = re.compile(r"(?<!\\)\{:?(?P<inner>(?:[^{}\n\"']|\"[^\"\n]*\"|'[^'\n]*')*)\}")
# An inline link or image target: '](' up to its closing parenthesis (nested ones allowed), across lines.
LINK_OPEN = re.compile(r"\]\(")
PAREN = re.compile(r"[()]")
MAX_TARGET = 2048  # characters of a link's target and title: longer ones are refused, so each is read in bounded time
BLANK_LINE = re.compile(r"\n[ \t]*\n")
REFERENCE = re.compile(r"^[ ]{0,3}\[(?!\^)[^\[\]]+\]:[ \t]*\n?[ \t]*(?P<url><[^>\n]*>|\S+)", re.MULTILINE)
TITLE = re.compile(r"""(?<!\s)\s+(?:"[^"]*"|'[^']*'|\([^()]*\))\s*$""", re.DOTALL)
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]")


@dataclass(frozen=True)
class Finding:
    """Something in a Markdown text that the policy refuses, on a 0-based line of the text."""

    line: int
    message: str
    code: str


def escape_html(text: str, quote_single: bool = True) -> str:
    """Text for an HTML element or a double-quoted attribute: '&', '<', '>', '"' (and "'") as entities."""
    escaped = html.escape(text, quote=False).replace('"', "&quot;")
    return escaped.replace("'", "&#x27;") if quote_single else escaped


def plain(text: str) -> str:
    """Plain text as Markdown that shows exactly that text: markup escaped, HTML specials as entities."""
    folded = " ".join(text.split())
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", folded)
    return escaped.translate(HTML_SPECIAL)


def normal_url(url: str) -> str:
    """A URL as a browser reads it: entities decoded, Markdown escapes undone, white space and controls gone."""
    decoded = html.unescape(html.unescape(url))  # '&amp;#106;' would still be an entity after one pass
    decoded = re.sub(r"\\(.)", r"\1", decoded)
    return INVISIBLE.sub("", decoded)


def url_problem(url: str) -> str | None:
    """Why a link or image URL is refused, or None: only the edition's pages and http(s)/mailto outside."""
    if len(url) > MAX_TARGET:
        return f"link target is longer than {MAX_TARGET} characters (a parenthesis left open?)"
    target = normal_url(url.strip().strip("<>"))
    scheme = SCHEME.match(target)
    if scheme:
        if scheme.group(1).lower() in OUTSIDE_SCHEMES:
            return None
        return f"URL scheme '{scheme.group(1)}:' is not allowed (only links inside the edition, http(s) and mailto)"
    if target.startswith(("//", "\\\\", "/\\", "\\/")) or urlsplit(target).netloc:
        return f"URL '{url.strip()[:60]}' leaves the edition without http(s)"
    return None


def attribute_problems(inner: str) -> list[str]:
    """What an attribute list sets beyond an id and a language."""
    attrs, _ = get_attrs_and_remainder(inner)
    problems = []
    for key, value in attrs:
        name = "id" if key == "#" else "class" if key == "." else key
        shown = f"{key}{value}" if key in "#." else key
        if name not in ALLOWED_ATTRIBUTES:
            problems.append(f"attribute '{shown}' is not allowed in an attribute list "
                            f"(only #id and lang; write '\\{{' for a literal brace)")
        elif name == "lang" and not LANGUAGE.match(value or ""):
            problems.append(f"'{value}' is not a language tag (lang=fr, lang=ru-Latn)")
        elif name == "id" and not ID.match(value or ""):
            problems.append(f"'{value}' is not an id (a letter, then letters, digits, '-', '_', ':' or '.')")
    return problems


def closing_parens(text: str) -> dict[int, int]:
    """The offset of the ')' that closes each '(' of a text (unclosed ones left out), found in one pass."""
    closes: dict[int, int] = {}
    opened: list[int] = []
    for match in PAREN.finditer(text):
        if match.group() == "(":
            opened.append(match.start())
        elif opened:
            closes[opened.pop()] = match.start()
    return closes


def link_targets(text: str) -> Iterator[tuple[int, str]]:
    """(offset, URL) of every inline link or image, reference definition and autolink of a Markdown text."""
    closes = closing_parens(text)  # one pass: looking for each '](' its own ')' was quadratic
    breaks = [m.start() for m in BLANK_LINE.finditer(text)] + [len(text)]
    for match in LINK_OPEN.finditer(text):
        close = closes.get(match.end() - 1)
        if close is None:  # unclosed: no link can reach past its paragraph
            close = breaks[bisect.bisect_left(breaks, match.end())]
        target = text[match.end():min(close, match.end() + MAX_TARGET + 1)]  # bounded: refused when longer
        yield match.start(), target if len(target) > MAX_TARGET else TITLE.sub("", target)
    for match in REFERENCE.finditer(text):
        yield match.start("url"), match.group("url")


def reading_text(body: str) -> str:
    """A Markdown text as Markdown will read it: interventions' edited readings kept, printed ones and comments
    blanked (they are shown as plain text), code spans blanked; line breaks kept so that lines stay right."""
    def edited(match: re.Match[str]) -> str:
        kept = match.group("new") or match.group("add") or match.group("mark") or ""
        return kept + "\n" * (match.group().count("\n") - kept.count("\n"))
    text = interventions.PATTERN.sub(edited, body)
    return CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def check_markdown(body: str) -> Iterator[Finding]:
    """Everything in a Markdown text that could run script or style the page."""
    text = reading_text(body)
    line = LineIndex(text)  # the reading text keeps the body's lines, not its offsets
    for match in RAW_HTML.finditer(text):
        yield Finding(line(match.start()), f"raw HTML or script is not allowed in content: '{match.group()[:40]}'",
                      "unsafe-html")
    for match in ATTR_LIST.finditer(text):
        if interventions.OPENERS.match(match.group()):
            continue  # an unparsed intervention, reported by its own check
        for refused in attribute_problems(match.group("inner")):
            yield Finding(line(match.start()), refused, "unsafe-attribute")
    for offset, url in link_targets(text):
        problem = url_problem(url)
        if problem:
            yield Finding(line(offset), problem, "unsafe-url")
