"""BibTeX text checks that pybtex does not make, and its errors made precise (pure)."""
from __future__ import annotations

import re
from typing import Iterator

from pybtex.scanner import PybtexSyntaxError

# The start of a BibTeX entry: @type{key,  (pybtex keeps no line numbers).
ENTRY_START = re.compile(r"^\s*@\s*(\w+)\s*[{(]\s*([^,\n]+?)\s*,", re.MULTILINE)
FIELD_START = re.compile(r"\s*([A-Za-z][\w-]*)\s*=")
FIELD_BEFORE = re.compile(r"([A-Za-z][\w-]*)\s*=\s*$")
BRACKET_OR_LINE = re.compile(r"[{}()\n]")
BRACE_OR_LINE = re.compile(r"[{}\n]")


def line_at(text: str, offset: int) -> int:
    """1-based line of an offset."""
    return text.count("\n", 0, offset) + 1


def entry_lines(text: str) -> Iterator[tuple[str, str, int]]:
    """Yield (type, key, line) for every entry start in BibTeX text."""
    line, counted = 1, 0
    for match in ENTRY_START.finditer(text):
        line += text.count("\n", counted, match.start(2))  # count only since the last entry: linear
        counted = match.start(2)
        if match.group(1).lower() not in ("string", "preamble", "comment"):
            yield match.group(1).lower(), match.group(2), line


def field_lines(text: str) -> dict[str, dict[str, int]]:
    """Entry key (lower case) -> field name (lower case) -> the line the field starts on."""
    found: dict[str, dict[str, int]] = {}
    line = None
    for key, start, end in chunks(text):  # each chunk ends where the next begins: its lines carry on from there
        fields: dict[str, int] = {}
        depth, line = 0, line_at(text, start) if line is None else line
        for match in BRACKET_OR_LINE.finditer(text, start, end):  # only these characters matter: skip the rest
            offset, char = match.start(), match.group()
            if char == "\n":
                line += 1
                field = FIELD_START.match(text, offset + 1) if depth == 1 and offset + 1 < end else None
                if field:
                    fields.setdefault(field.group(1).lower(), line)
            elif text[offset - 1] != "\\":
                depth += 1 if char in "{(" else -1
        found[key.lower()] = fields
    return found


def chunks(text: str) -> Iterator[tuple[str, int, int]]:
    """(key, start offset, end offset) of each entry: from its '@' to the next entry's."""
    starts = [(m.group(2), m.start()) for m in ENTRY_START.finditer(text)]
    for (key, start), (_, end) in zip(starts, starts[1:] + [("", len(text))]):
        yield key, start, end


def unbalanced(text: str, key: str, start: int, end: int) -> tuple[int, str] | None:
    """(offset, message) for a brace left open in one entry, or None."""
    stack: list[int] = []
    for match in BRACE_OR_LINE.finditer(text, start, end):  # only these characters matter: skip the rest
        offset, char = match.start(), match.group()
        if char == "\n":
            if len(stack) >= 2 and offset + 1 < end and FIELD_START.match(text, offset + 1):
                break  # a new field begins while a value is still open
        elif text[offset - 1] == "\\":
            continue
        elif char == "{":
            stack.append(offset)
        elif stack:
            stack.pop()
    else:
        if not stack:
            return None
    if len(stack) == 1:
        return stack[0], f"entry '{key}' is not closed with '}}'"
    opened = stack[-1]
    field = FIELD_BEFORE.search(text, text.rfind("\n", 0, opened) + 1, opened)
    name = f" in field '{field.group(1)}'" if field else ""
    return opened, f"unbalanced braces{name} of '{key}'"


def brace_problems(text: str) -> list[tuple[int, int, int, str]]:
    """(line, first line, last line of the entry's span, message) for each entry with a brace left open."""
    found = []
    for key, start, end in chunks(text):
        problem = unbalanced(text, key, start, end)
        if problem:
            found.append((line_at(text, problem[0]), line_at(text, start), line_at(text, end), problem[1]))
    return found


def syntax_message(exc: PybtexSyntaxError) -> str:
    """pybtex's message without its 'in line N' (the diagnostic gives the line)."""
    base = exc.args[0] if exc.args else str(exc)
    if exc.error_type == "undefined string":
        return f"undefined string: {base} (put a value in braces: {{{base}}})"
    if base == "'}' expected":
        return "',' or '}' expected"
    return str(base)
