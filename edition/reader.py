"""Reading files below an edition's root: UTF-8 text and YAML, every failure kept as a diagnostic."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .model import Diagnostic, Loc, error

# libyaml's safe loader when PyYAML was built with it (several times faster), else the pure-Python one.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)



def load_yaml(text: str) -> Any:
    """Parse YAML with libyaml; on an error, parse again in pure Python for its clearer message and line."""
    try:
        return yaml.load(text, Loader=LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)


def compose_yaml(text: str) -> yaml.Node | None:
    """The YAML node tree (for the line of each key), with the same fallback as load_yaml."""
    try:
        return yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError:
        return yaml.compose(text)


class Reader:
    """Reads files below an edition's root and collects what goes wrong."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.diagnostics: list[Diagnostic] = []
        self.unreadable: set[str] = set()  # files whose content could not be read: later checks must not guess

    def fail(self, loc: Loc, message: str, code: str) -> None:
        """Record an error that makes a file unreadable."""
        self.diagnostics.append(error(loc, message, code))
        self.unreadable.add(loc.path)

    def rel(self, path: Path) -> str:
        """The path as the editor knows it: relative to the edition's root."""
        return path.relative_to(self.root).as_posix()

    def text(self, path: Path) -> str | None:
        """Read a UTF-8 file (a byte-order mark and CRLF are accepted)."""
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            self.fail(
                Loc(self.rel(path), line),
                f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
                "encoding")
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def yaml_error(self, loc: Loc, exc: yaml.YAMLError, first_line: int) -> None:
        """Turn a YAML parse error into a located diagnostic."""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        if "end of stream" in problem and getattr(exc, "context_mark", None):
            mark = exc.context_mark  # type: ignore[attr-defined]  # e.g. a quote never closed: where it opens
        line = first_line + (mark.line if mark else 0)
        self.fail(Loc(loc.path, line), f"YAML: {problem}", "yaml-syntax")


def key_lines(source: str, first_line: int) -> list[tuple[str, int]]:
    """Each top-level key of a YAML mapping with its line in the file, in order (repeats kept)."""
    node = compose_yaml(source)
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(str(k.value), first_line + k.start_mark.line) for k, _ in node.value]


def node_lines(source: str) -> dict[str, int]:
    """The 1-based line of every key and list item of a YAML document, by dotted path ('theme.palette.0')."""
    lines: dict[str, int] = {}

    def walk(node: yaml.Node, path: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = f"{path}.{key.value}" if path else str(key.value)
                lines.setdefault(here, key.start_mark.line + 1)
                walk(value, here)
        elif isinstance(node, yaml.SequenceNode):
            for number, item in enumerate(node.value):
                here = f"{path}.{number}"
                lines.setdefault(here, item.start_mark.line + 1)
                walk(item, here)

    root = compose_yaml(source)
    if root is not None:
        walk(root, "")
    return lines


def duplicate_keys(reader: Reader, path: str, keys: list[tuple[str, int]]) -> None:
    """YAML keeps the last of two equal keys silently; an editor should hear of it."""
    first: dict[str, int] = {}
    for key, line in keys:
        if key in first:
            reader.diagnostics.append(error(Loc(path, line), f"duplicate front-matter key '{key}' "
                                            f"(first given on line {first[key]})", "front-matter-duplicate-key"))
        first.setdefault(key, line)
