"""Reading files below an edition's root: UTF-8 text and YAML, every failure kept as a diagnostic."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, TypeVar

import yaml

from edition.load import limits
from edition.model import Diagnostic, Loc, error

T = TypeVar("T")


def timestamp_or_text(loader: Any, node: yaml.ScalarNode) -> Any:
    """A YAML date as a date; an impossible one ('1937-02-30') as the text written, which the checks then refuse
    at its line (PyYAML itself raises a bare ValueError with no file or line)."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return str(node.value)


class SafeLoader(yaml.SafeLoader):
    """The pure-Python safe loader, impossible dates kept as text."""


class CSafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader where PyYAML was built with it (several times faster), impossible dates as text."""


for _loader in (SafeLoader, CSafeLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp_or_text)
LOADER = CSafeLoader


class YamlRefused(yaml.MarkedYAMLError):
    """A YAML document that parses but breaks a limit (aliases, depth): reported like a syntax error."""

    code = "yaml-limit"

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem=problem, problem_mark=yaml.Mark("", 0, line, 0, "", 0))


def parse_yaml(text: str, lines: Callable[[yaml.Node | None], T]) -> tuple[Any, T]:
    """A YAML document's data, and what `lines` reads from its node tree (the line of each key), from one parse
    with libyaml; on an error, parsed again in pure Python for its clearer message and line."""
    try:
        return parse_with(LOADER, text, lines)
    except YamlRefused:
        raise  # a limit, not a syntax error: the pure-Python parser would only say it again, slower
    except yaml.YAMLError:
        return parse_with(SafeLoader, text, lines)


def parse_with(loader_class: Any, text: str, lines: Callable[[yaml.Node | None], T]) -> tuple[Any, T]:
    """Compose the node tree, read the lines from it, then build the data from the same tree (what yaml.load
    does); the lines come first, for building the data rewrites merge keys ('<<') in the tree."""
    refused = limits.yaml_problem(text, loader_class)  # before composing: the composer recurses and expands
    if refused:
        raise YamlRefused(*refused)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        cycle = limits.yaml_cycle(node)
        if cycle is not None:
            raise YamlRefused(cycle, "an alias refers to the list or mapping it is inside of")
        found = lines(node)
        return (loader.construct_document(node) if node is not None else None), found
    finally:
        loader.dispose()


class Reader:
    """Reads files below an edition's root and collects what goes wrong."""

    def __init__(self, root: Path, content: tuple[str, ...] = ()) -> None:
        self.root = root
        self.real_root = Path(os.path.realpath(root))  # what every file's real path must lie inside
        # What a link inside the edition may point into (all of it when empty): not .git/ (whose config may hold
        # a CI server's token) nor an output.
        self.content = content
        self.diagnostics: list[Diagnostic] = []
        self.unreadable: set[str] = set()  # files whose content could not be read: later checks must not guess

    def fail(self, loc: Loc, message: str, code: str) -> None:
        """Record an error that makes a file unreadable."""
        self.diagnostics.append(error(loc, message, code))
        self.unreadable.add(loc.path)

    def rel(self, path: Path) -> str:
        """The path as the editor knows it: relative to the edition's root."""
        return path.relative_to(self.root).as_posix()

    def inside(self, path: Path) -> bool:
        """Whether a path below the root may be read: no symbolic link on its way leaves the edition's folder, and
        none points at nothing. Otherwise a located error at the first such link, and nothing is read: a link
        to /etc/passwd or /proc/self/environ would publish the build machine's files."""
        for link in links_on_the_way(self.root, path):
            problem = self.link_problem(link)
            if problem:
                self.fail(Loc(self.rel(link)), f"'{self.rel(link)}' {problem[0]}", problem[1])
                return False
        return True

    def link_problem(self, link: Path) -> tuple[str, str] | None:
        """What is wrong with one symbolic link below the root (message and code), or None."""
        real = Path(os.path.realpath(link))
        if not real.is_relative_to(self.real_root):
            return ("is a symbolic link that leaves the edition's folder; copy what it points to into the folder "
                    "instead", "outside-edition")
        if not real.exists():
            return "is a symbolic link to a file that does not exist", "dangling-link"
        target = real.relative_to(self.real_root)
        if self.content and target.parts[:1] not in [(name,) for name in self.content]:
            return (f"is a symbolic link to '{target.as_posix()}', which is not part of the edition's content",
                    "outside-edition")
        return None

    def text(self, path: Path) -> str | None:
        """Read a UTF-8 file (a byte-order mark and CRLF are accepted) within the size limit, without control
        characters other than tab and line feed."""
        if not self.inside(path):
            return None
        oversize = limits.too_large(path.stat().st_size)
        if oversize:
            self.fail(Loc(self.rel(path)), oversize, "file-too-large")
            return None
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
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        control = limits.control_character(text)
        if control:
            self.fail(Loc(self.rel(path), control[0] + 1), control[1], "control-character")
            return None
        return text

    def yaml_error(self, loc: Loc, exc: yaml.YAMLError, first_line: int) -> None:
        """Turn a YAML parse error into a located diagnostic."""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        if "end of stream" in problem and getattr(exc, "context_mark", None):
            mark = exc.context_mark  # type: ignore[attr-defined]  # e.g. a quote never closed: where it opens
        line = first_line + (mark.line if mark else 0)
        self.fail(Loc(loc.path, line), f"YAML: {problem}", getattr(exc, "code", "yaml-syntax"))


def links_on_the_way(root: Path, path: Path) -> list[Path]:
    """The symbolic links among a path below the root and the folders between them (lstat: the link itself)."""
    steps = path.relative_to(root).parts
    return [root.joinpath(*steps[:n]) for n in range(1, len(steps) + 1) if root.joinpath(*steps[:n]).is_symlink()]


def key_lines(node: yaml.Node | None, first_line: int) -> list[tuple[str, int]]:
    """Each top-level key of a YAML mapping with its line in the file, in order (repeats kept)."""
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(str(k.value), first_line + k.start_mark.line) for k, _ in node.value]


def node_lines(root: yaml.Node | None) -> dict[str, int]:
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

    if root is not None:
        walk(root, "")
    return lines


def item_keys(node: yaml.Node | None) -> list[tuple[int, list[tuple[str, int]]]] | None:
    """For a YAML list: each item's 1-based line and its keys with theirs (none for an item that is not a
    mapping); None for anything but a list."""
    if not isinstance(node, yaml.SequenceNode):
        return None
    return [(item.start_mark.line + 1,
             [(str(k.value), k.start_mark.line + 1) for k, _ in item.value] if isinstance(item, yaml.MappingNode)
             else []) for item in node.value]


def duplicate_keys(reader: Reader, path: str, keys: list[tuple[str, int]]) -> None:
    """YAML keeps the last of two equal keys silently; an editor should hear of it."""
    first: dict[str, int] = {}
    for key, line in keys:
        if key in first:
            reader.diagnostics.append(error(Loc(path, line), f"duplicate front-matter key '{key}' "
                                            f"(first given on line {first[key]})", "front-matter-duplicate-key"))
        first.setdefault(key, line)
