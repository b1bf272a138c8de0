"""How big and how deep an input may be: every limit a located problem, found in one pass over the text (pure).

Content comes from strangers, and the parsers behind the build (libyaml, Python-Markdown, pybtex) spend time
and stack in proportion to what they are given: a few hundred bytes of YAML aliases expand to gigabytes, a few
hundred levels of nested lists or brackets exhaust Python's stack or make Python-Markdown's inline patterns
quadratic. Each limit below lies far above what an essay needs and far below what would hurt.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

MAX_FILE_BYTES = 2_000_000  # a text file of the edition (a part, a note, a register, sources.bib, mkdocs.yml)
# Characters of text (parts, notes, pages) an export takes: it holds the whole text in every format at once (the
# offline site, the single file, the EPUB, the TEI) and typesets it as a PDF, so its time and memory grow with
# the text; about 330 printed pages. `build` has no such limit (it builds 5 MB in seconds).
MAX_EXPORT_CHARS = 1_000_000
MAX_INDENT = 128  # columns of indentation of a Markdown line: 32 levels of nested lists or code in lists
MAX_BRACKETS = 32  # '[' or '(' open at once in one paragraph of Markdown
MAX_YAML_DEPTH = 32  # nested lists and mappings in a YAML document
# Aliases ('*name') in a YAML document: enough for a few merge keys ('<<: *base'); with so few, no document can
# expand to more than a few dozen times its own size (the "billion laughs" needs an alias to expand to many).
MAX_YAML_ALIASES = 10
# Control characters other than tab and line feed (carriage returns are read as line ends before this check).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What changes the bracket depth of Markdown: an escaped character (no change), a bracket, a blank line.
BRACKET = re.compile(r"\\.|[\[\]()]|\n[ \t]*\n", re.DOTALL)
INDENT = re.compile(r"^[ \t]*", re.MULTILINE)
YAML_OPEN = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken,
             yaml.FlowSequenceStartToken)
YAML_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def too_large(size: int) -> str | None:
    """Why a file of this many bytes is refused, or None."""
    if size <= MAX_FILE_BYTES:
        return None
    return f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (split it into several files)"


def export_too_large(sizes: list[tuple[str, int]]) -> tuple[str, str] | None:
    """The file at which an edition's text, files taken in order, passes the export limit, and the message."""
    total = 0
    for path, size in sizes:
        total += size
        if total > MAX_EXPORT_CHARS:
            return path, (f"the edition's text passes {MAX_EXPORT_CHARS:,} characters here; too long to export "
                          "(the PDF would take many minutes); `build` makes its site")
    return None


def control_character(text: str) -> tuple[int, str] | None:
    """The 0-based line of the first control character other than tab and line feed, and the message."""
    found = CONTROL.search(text)
    if found is None:
        return None
    return (text.count("\n", 0, found.start()),
            f"control character U+{ord(found.group()):04X} is not allowed in text (remove it)")


def indent_columns(prefix: str) -> int:
    """The width of a line's leading white space, a tab counted as reaching the next multiple of four."""
    columns = 0
    for char in prefix:
        columns = columns + 4 - columns % 4 if char == "\t" else columns + 1
    return columns


def markdown_depth(text: str) -> tuple[int, str] | None:
    """The 0-based line where a Markdown text nests deeper than the limits (indentation, open brackets), and why."""
    for match in INDENT.finditer(text):
        if len(match.group()) > MAX_INDENT // 4 and indent_columns(match.group()) > MAX_INDENT:
            return (text.count("\n", 0, match.start()),
                    f"line is indented by more than {MAX_INDENT} columns (lists or blocks nested too deeply)")
    depth = {"[": 0, "(": 0}
    for match in BRACKET.finditer(text):
        token = match.group()
        if token in "[(":
            depth[token] += 1
            if depth[token] > MAX_BRACKETS:
                return (text.count("\n", 0, match.start()),
                        f"more than {MAX_BRACKETS} '{token}' open at once in one paragraph")
        elif token in "])":
            opener = "[" if token == "]" else "("
            depth[opener] = max(depth[opener] - 1, 0)
        elif token[0] == "\n":
            depth = {"[": 0, "(": 0}  # Markdown's inline patterns never cross a blank line
    return None


def yaml_problem(text: str, loader_class: Any) -> tuple[int, str] | None:
    """The 0-based line of the first alias beyond the limit, or of nesting beyond the limit, in a YAML text, and
    why; found by the scanner alone (iterative), before the composer (recursive) sees the document."""
    loader = loader_class(text)
    depth = aliases = 0
    try:
        while loader.check_token():
            token = loader.get_token()
            if isinstance(token, yaml.AliasToken):
                aliases += 1
                if aliases > MAX_YAML_ALIASES:
                    return token.start_mark.line, f"more than {MAX_YAML_ALIASES} aliases ('*name'); write values out"
            elif isinstance(token, YAML_OPEN):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return token.start_mark.line, f"lists and mappings nested more than {MAX_YAML_DEPTH} deep"
            elif isinstance(token, YAML_CLOSE):
                depth -= 1
    finally:
        loader.dispose()
    return None


def yaml_cycle(root: yaml.Node | None) -> int | None:
    """The 0-based line of a list or mapping that contains itself through an alias ('&a [*a]'), or None: walked
    without recursion, each node once."""
    if root is None:
        return None
    state: dict[int, bool] = {}  # node id -> still being walked (True) or done (False)
    stack: list[tuple[yaml.Node, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        if not entering:
            state[id(node)] = False
            continue
        if state.get(id(node)) is True:
            return int(node.start_mark.line)
        if id(node) in state:
            continue
        state[id(node)] = True
        stack.append((node, False))
        stack.extend((child, True) for child in children(node))
    return None


def children(node: yaml.Node) -> list[yaml.Node]:
    """The nodes directly inside a YAML list or mapping (keys and values)."""
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []
