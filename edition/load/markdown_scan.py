"""Find the edition's own syntax in Markdown source: markers, citations, paragraphs."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator

# A note reference; a definition "[^x]:" at the start of a line is not one.
MARKER = re.compile(r"(?<![^\n])[ ]{0,3}\[\^[^\]]*\]:|\[\^([^\]\s]*)\]")
DEFINITION = re.compile(r"^[ ]{0,3}\[\^([^\]]*)\]:", re.MULTILINE)
# [printed words][@key]: the printed text kept, linked to its source.
TEXT_CITATION = re.compile(r"\]\[@([^\]]*)\]")
# pandoc: [see @key1, p. 3; @key2] (a bracket holding @key, not preceded by ']')
PANDOC_CITATION = re.compile(r"(?<!\])\[([^\[\]]*?@[^\[\]]*)\](?![\[(])")
PANDOC_ITEM = re.compile(r"^(?P<prefix>[^@]*?)@(?P<key>[^\s,;\]]+)(?P<suffix>.*)$", re.DOTALL)
KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_:.\-/+]*$")
PARAGRAPH_ID = re.compile(r"^\{:\s*#([^\s}]+)[^}]*\}\s*$")
INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+\"[^\"]*\")?\s*\)")
# ![alt](path "caption"): a figure; the alt text describes it, the optional title is its caption.
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^()\s<>]*)>?(?:\s+\"(?P<caption>[^\"]*)\")?\s*\)")
# A code span opens with a whole run of backticks: starting inside a run too made a long run quadratic.
CODE_SPAN = re.compile(r"(?<!`)(`+)[^`].*?\1", re.DOTALL)
NEWLINE = re.compile("\n")


def markers(text: str) -> Iterator[re.Match[str]]:
    """Every note reference [^x] in a text (definitions excluded)."""
    return (m for m in MARKER.finditer(text) if m.group(1) is not None)


@dataclass(frozen=True)
class Citation:
    """One cited key at an offset of a text, with its locator or printed words."""

    key: str
    offset: int
    text: str  # the printed words, or the pandoc prefix/suffix
    pandoc: bool


@dataclass(frozen=True)
class Block:
    """A paragraph of Markdown: its first line (0-based within the text) and its id."""

    line: int
    text: str
    id: str | None
    id_line: int


def line_of(text: str, offset: int) -> int:
    """0-based line number of an offset (for one look-up; LineIndex for many)."""
    return text.count("\n", 0, offset)


class LineIndex:
    """0-based line numbers of offsets in one text, found by bisection over its newlines."""

    def __init__(self, text: str) -> None:
        self.newlines = [match.start() for match in NEWLINE.finditer(text)]

    def __call__(self, offset: int) -> int:
        """The 0-based line of an offset."""
        return bisect.bisect_left(self.newlines, offset)


def pandoc_items(inner: str) -> Iterator[tuple[str, str, str] | None]:
    """Split the inside of a pandoc citation into (prefix, key, suffix); None if malformed."""
    for chunk in inner.split(";"):
        found = PANDOC_ITEM.match(chunk.strip())
        yield (found.group("prefix").strip(), found.group("key"), found.group("suffix").lstrip(", ").strip()) \
            if found else None


def citations(text: str) -> Iterator[Citation | tuple[int, str]]:
    """Yield each citation, or (offset, message) for malformed citation syntax."""
    for match in TEXT_CITATION.finditer(text):
        key = match.group(1)
        if KEY.match(key):
            yield Citation(key, match.start(), "", False)
        else:
            yield match.start(), f"malformed citation key '@{key}'"
    for match in PANDOC_CITATION.finditer(text):
        for item in pandoc_items(match.group(1)):
            if item is None or not KEY.match(item[1]):
                yield match.start(), f"malformed citation '[{match.group(1)}]' (expected [prefix @key, locator])"
                break
            yield Citation(item[1], match.start(), match.group(1), True)


def is_figure(block: Block) -> bool:
    """A paragraph that holds one image and nothing else (a figure needs no paragraph id)."""
    found = IMAGE.fullmatch(block.text.strip())
    return found is not None


def blocks(text: str) -> list[Block]:
    """Split Markdown into paragraphs (blockquote markers removed) with their ids."""
    lines = [re.sub(r"^\s{0,3}>\s?", "", line) for line in text.split("\n")]
    result: list[Block] = []
    start: int | None = None
    for number, line in enumerate(lines + [""]):
        if line.strip() and start is None:
            start = number
        elif not line.strip() and start is not None:
            chunk = lines[start:number]
            found = PARAGRAPH_ID.match(chunk[-1].strip())
            result.append(Block(start, "\n".join(chunk), found.group(1) if found else None, number - 1))
            start = None
    return result
