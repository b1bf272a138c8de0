"""Plain records that every stage of the pipeline passes on."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

from pybtex.database import BibliographyData

# What a terminal would act on rather than show: C0 and C1 controls (ESC starts a command), DEL, and the line and
# paragraph separators; each is shown as an escape, so one diagnostic stays one line and the terminal obeys none.
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: str) -> str:
    """Text for the terminal: every control character as a visible escape ('\\n', '\\x1b', '\\u2028')."""
    return CONTROLS.sub(lambda m: NAMED.get(m.group()) or escape_code(m.group()), text)


def escape_code(char: str) -> str:
    """'\\x1b' for ESC, '\\u2028' for a line separator."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass(frozen=True, order=True)
class Loc:
    """A place in the edition's files: repository-relative path and 1-based line."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the content, with its place and a stable code."""

    loc: Loc
    severity: str  # "error" or "warning"
    message: str
    code: str

    def __str__(self) -> str:
        return f"{shown(str(self.loc))}: {self.severity}: {shown(self.message)} [{self.code}]"

    def sort_key(self) -> tuple[str, int, str, str]:
        """Order diagnostics by file, line, then text, so output is stable."""
        return (self.loc.path, self.loc.line, self.code, self.message)


def error(loc: Loc, message: str, code: str) -> Diagnostic:
    """Make an error diagnostic."""
    return Diagnostic(loc, "error", message, code)


def warning(loc: Loc, message: str, code: str) -> Diagnostic:
    """Make a warning diagnostic."""
    return Diagnostic(loc, "warning", message, code)


def internal_error(exc: BaseException) -> Diagnostic:
    """An exception the toolkit did not foresee, as a diagnostic at the edition's folder (it names no file
    because it knows none): the run ends with exit 1 and its output untouched, never with a traceback."""
    return error(Loc("."), f"internal error: {type(exc).__name__}: {exc} (please report it)", "internal")


def frozen_map(data: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    """Return a read-only view of a mapping."""
    return MappingProxyType(dict(data or {}))


@dataclass(frozen=True)
class TextFile:
    """A Markdown file split into YAML front matter and body."""

    loc: Loc
    meta: Mapping[str, Any]
    meta_lines: Mapping[str, int]  # front-matter key -> line in the file
    body: str
    body_line: int  # line of the file on which the body starts


@dataclass(frozen=True)
class Part:
    """One file of the essay."""

    file: TextFile

    @property
    def loc(self) -> Loc:
        """Where the part's file starts."""
        return self.file.loc


@dataclass(frozen=True)
class Note:
    """One note: its id (the file name), its printed label and its body."""

    id: str
    label: str
    file: TextFile

    @property
    def loc(self) -> Loc:
        """Where the note's file starts."""
        return self.file.loc


@dataclass(frozen=True)
class Repository:
    """An archive that keeps documents, defined once."""

    id: str
    abbr: str
    name: str
    place: str
    printed: tuple[str, ...]
    loc: Loc
    folio: str = ""  # how this archive abbreviates a leaf ("l.", "f."); empty: the neutral default


@dataclass(frozen=True)
class Person:
    """A person in the register: the normal name and every spelling the text uses."""

    id: str
    name: str
    sort: str
    dates: str
    about: str
    spellings: tuple[str, ...]
    exclude: tuple[str, ...]  # phrases in which a spelling is not this person
    loc: Loc


@dataclass(frozen=True)
class Term:
    """An abbreviation or foreign term with its expansion."""

    term: str
    expansion: str
    loc: Loc


@dataclass(frozen=True)
class Source:
    """A BibTeX entry with the line it starts on."""

    key: str
    type: str
    loc: Loc
    fields: Mapping[str, str]  # own fields, lower-case names, crossref not applied
    persons: Mapping[str, tuple[Any, ...]] = field(default_factory=frozen_map)  # role -> pybtex Persons
    field_lines: Mapping[str, int] = field(default_factory=frozen_map)  # field name (lower case) -> its line

    @property
    def own_date(self) -> str:
        """The document's own date: 'origdate' where 'date' or 'year' is its volume's publication, else 'date'."""
        return self.fields.get("origdate") or self.fields.get("date", "")


@dataclass(frozen=True)
class Edition:
    """Everything loaded from an edition's folder."""

    parts: tuple[Part, ...]
    notes: tuple[Note, ...]
    sources: tuple[Source, ...]
    bibliography: BibliographyData = field(compare=False)
    repositories: tuple[Repository, ...]
    pages: tuple[TextFile, ...]
    config: Mapping[str, Any]  # the editor's mkdocs.yml
    persons: tuple[Person, ...] = ()
    terms: tuple[Term, ...] = ()
    unreadable: frozenset[str] = frozenset()  # files that failed to load: checks skip what they cannot know
    declared_keys: frozenset[str] = frozenset()  # keys written in a sources.bib that pybtex could not wholly read
    config_lines: Mapping[str, int] = field(default_factory=frozen_map)  # mkdocs.yml: dotted key path -> line
    files: Mapping[str, bytes] = field(default_factory=frozen_map)  # figures and files mkdocs.yml names, by path
    bib_text: str = field(default="", compare=False)  # sources.bib as written, offered for download

    @property
    def meta(self) -> Mapping[str, Any]:
        """The essay's metadata: the first part's front matter."""
        return self.parts[0].file.meta if self.parts else frozen_map()
