"""Read an edition's folder into records: the only module that reads content files."""
from __future__ import annotations

import hashlib
import os
import re
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from pybtex import errors as pybtex_errors
from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import Parser as BibtexParser
from pybtex.scanner import PybtexSyntaxError

from edition.load.bibtex import brace_problems, entry_lines, field_lines, syntax_message
from edition.load.config import CONFIG_FILE, config_files
from edition.load.limits import markdown_depth
from edition.load.memo import MEMO_FILE, Memo, parse_memo
from edition.load.reader import Reader, duplicate_keys, key_lines, node_lines, parse_yaml
from edition.load.registers import load_persons, load_repositories, load_terms
from edition.model import (
    Diagnostic,
    Edition,
    Loc,
    Note,
    Part,
    Source,
    TextFile,
    error,
    frozen_map,
)

ESSAY_DIR = "essay"
NOTES_DIR = "footnotes"
PAGES_DIR = "pages"
BIB_FILE = "sources.bib"
FIGURES_DIR = "figures"
ASSETS_DIR = "assets"  # the editor's own stylesheets, scripts, logo (any path inside the folder will do)
# Everything an edition is made of (its outputs are not): what the live preview watches and a copy takes.
CONTENT = (ESSAY_DIR, NOTES_DIR, PAGES_DIR, "registers", BIB_FILE, CONFIG_FILE, FIGURES_DIR, ASSETS_DIR)
# theme/js/*.js make edition.js, theme/css/*.css make edition.css: the one script and stylesheet the pages load.
ASSEMBLED = {"js": "edition.js", "css": "edition.css"}


def split_front_matter(reader: Reader, path: Path) -> TextFile | None:
    """Split a Markdown file into its YAML front matter and its body."""
    text = reader.text(path)
    if text is None:
        return None
    loc = Loc(reader.rel(path))
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        reader.fail(loc, "file must start with YAML front matter ('---')", "front-matter-missing")
        return None
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
    if end is None:
        reader.fail(loc, "front matter is not closed with '---'", "front-matter-unclosed")
        return None
    source = "\n".join(lines[1:end])
    try:
        meta, lines_of = parse_yaml(source, lambda node: key_lines(node, 2))
    except yaml.YAMLError as exc:
        reader.yaml_error(loc, exc, 2)
        return None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        reader.fail(Loc(loc.path, 2), "front matter must be a mapping of keys to values", "front-matter-type")
        return None
    duplicate_keys(reader, loc.path, lines_of)
    body = "\n".join(lines[end + 1:])
    too_deep = markdown_depth(body)
    if too_deep:  # refused before any pattern or Python-Markdown reads it
        reader.fail(Loc(loc.path, end + 2 + too_deep[0]), too_deep[1], "markdown-depth")
        return None
    return TextFile(loc, frozen_map({str(k): v for k, v in meta.items()}), frozen_map(dict(lines_of)), body,
                    end + 2)


def folder_files(reader: Reader, folder: str) -> list[Path]:
    """The Markdown files of a content folder (none when the folder is missing or a link leaving the edition)."""
    path = reader.root / folder
    if not reader.inside(path) or not path.is_dir():
        return []
    return sorted(p for p in path.glob("*.md") if p.is_file() or p.is_symlink())  # a link is checked on reading


def readable(reader: Reader, path: Path) -> bool:
    """A file inside the edition that exists (a symbolic link leaving the edition is reported)."""
    return reader.inside(path) and path.is_file()


def markdown_files(reader: Reader, folder: str, code: str) -> list[Path]:
    """List the Markdown files of a folder, reporting a missing or empty one."""
    files = folder_files(reader, folder)
    if not files and folder not in reader.unreadable:
        reader.diagnostics.append(error(Loc(folder + "/"), f"no Markdown files in {folder}/", code))
    return files


def load_parts(reader: Reader) -> tuple[Part, ...]:
    """Read the essay's parts in the order of their names' numbers: 2-… before 10-… (as text 10- would sort
    first)."""
    paths = sorted(markdown_files(reader, ESSAY_DIR, "essay-empty"), key=lambda p: natural_key(p.name))
    files = (split_front_matter(reader, p) for p in paths)
    return tuple(Part(f) for f in files if f is not None)


def load_notes(reader: Reader) -> tuple[Note, ...]:
    """Read one note per file; the file name is the note's id."""
    notes = []
    for path in folder_files(reader, NOTES_DIR):
        file = split_front_matter(reader, path)
        if file is not None:
            label = file.meta.get("label")
            notes.append(Note(path.stem, "" if label is None else str(label), file))
    return tuple(sorted(notes, key=lambda n: natural_key(n.id)))


def natural_key(text: str) -> tuple[Any, ...]:
    """Sort '2' before '10'."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text))


def bib_error(rel: str, text: str, exc: Exception) -> Diagnostic:
    """Turn a pybtex error into a located diagnostic."""
    if isinstance(exc, PybtexSyntaxError):
        last = text.count("\n") + (0 if text.endswith("\n") else 1)
        return error(Loc(rel, min(exc.lineno or 1, max(last, 1))), f"BibTeX: {syntax_message(exc)}", "bib-syntax")
    message = str(exc)
    found = re.search(r"repeated bibliography entry: (\S+)", message)
    if found:
        wanted = found.group(1).lower()  # pybtex cuts a key with a space ('a b') to its first word
        lines = [ln for _, key, ln in entry_lines(text) if key.lower().split()[0] == wanted] or [1]
        first, again = lines[0], lines[-1]
        return error(Loc(rel, again), f"duplicate key '{found.group(1)}' (first defined on line {first})",
                     "bib-duplicate")
    return error(Loc(rel), f"BibTeX: {message}", "bib-error")


def bib_diagnostics(text: str, captured: list[Exception]) -> list[Diagnostic]:
    """Our brace check first; pybtex's own syntax errors only where it found nothing in that entry."""
    braces = brace_problems(text)
    found = [error(Loc(BIB_FILE, line), f"BibTeX: {message}", "bib-syntax") for line, _, _, message in braces]
    for exc in captured:
        line = getattr(exc, "lineno", None)
        if isinstance(exc, PybtexSyntaxError) and any(first <= (line or 0) for _, first, _, _ in braces):
            continue  # a brace left open confuses pybtex about everything after it
        found.append(bib_error(BIB_FILE, text, exc))
    return found


def load_bibliography(reader: Reader) -> tuple[tuple[Source, ...], BibliographyData, str]:
    """Parse sources.bib with pybtex, collecting every error it reports; also return its text."""
    path = reader.root / BIB_FILE
    if not reader.inside(path):
        return (), BibliographyData(), ""
    if not path.is_file():
        reader.fail(Loc(BIB_FILE), "sources.bib is missing", "bib-missing")
        return (), BibliographyData(), ""
    text = reader.text(path)
    if text is None:
        return (), BibliographyData(), ""
    # pybtex reports through a module-level hook; capture() keeps it local to this call.
    with pybtex_errors.capture() as captured:
        try:
            data = BibtexParser().parse_string(text)  # the class itself: no entry-point lookup
        except Exception as exc:  # noqa: BLE001 - every pybtex failure becomes a diagnostic
            captured.append(exc)
            data = BibliographyData()
    reader.diagnostics.extend(bib_diagnostics(text, captured))
    if captured:
        reader.unreadable.add(BIB_FILE)
    lines = {key.lower(): line for _, key, line in entry_lines(text)}
    by_field = field_lines(text)
    sources = tuple(
        Source(key, entry.type.lower(), Loc(BIB_FILE, lines.get(key.lower(), 1)),
               frozen_map({k.lower(): v for k, v in entry.fields.items()}),
               frozen_map({role.lower(): tuple(people) for role, people in entry.persons.items()}),
               frozen_map(by_field.get(key.lower(), {})))
        for key, entry in data.entries.items())
    return sources, data, text


def load_pages(reader: Reader) -> tuple[TextFile, ...]:
    """Read the edition's extra pages (the About page and the like)."""
    files = (split_front_matter(reader, p) for p in folder_files(reader, PAGES_DIR))
    return tuple(f for f in files if f is not None)


def load_config(reader: Reader) -> tuple[dict[str, Any], dict[str, int]]:
    """The editor's mkdocs.yml and its keys' lines; the environment's SITE_URL, where set, overrides its site_url
    (a deployment knows the address the site is published at)."""
    config, lines = load_config_file(reader)
    url = os.environ.get(SITE_URL_VARIABLE, "").strip()
    if url and (config or CONFIG_FILE not in reader.unreadable):
        config["site_url"] = url
    return config, lines


def load_config_file(reader: Reader) -> tuple[dict[str, Any], dict[str, int]]:
    """Read the editor's mkdocs.yml (optional: the build supplies everything it leaves out) and its keys' lines."""
    path = reader.root / CONFIG_FILE
    if not readable(reader, path):
        return {}, {}
    text = reader.text(path)
    if text is None:
        return {}, {}
    try:
        data, lines = parse_yaml(text or "", node_lines)
        data = data or {}
    except yaml.YAMLError as exc:
        reader.yaml_error(Loc(CONFIG_FILE), exc, 1)
        return {}, {}
    if not isinstance(data, dict):
        reader.fail(Loc(CONFIG_FILE), "mkdocs.yml must be a mapping of keys to values", "config-type")
        return {}, {}
    return data, lines


SITE_URL_VARIABLE = "SITE_URL"


def load_files(reader: Reader, config: dict[str, Any]) -> dict[str, bytes]:
    """The figures and the files mkdocs.yml names, by path inside the edition, as bytes; none through a symbolic
    link that leaves the edition (rglob does not descend into linked folders; a link to one is reported)."""
    folder = reader.root / FIGURES_DIR
    found = reader.inside(folder) and folder.is_dir()
    names = [reader.rel(p) for p in sorted(folder.rglob("*")) if p.is_file() or p.is_symlink()] if found else []
    names += config_files(config)
    return {name: (reader.root / name).read_bytes() for name in names if readable(reader, reader.root / name)}


def load(root: Path) -> tuple[Edition, list[Diagnostic]]:
    """Read an edition's folder; return its records and every problem met."""
    reader = Reader(root, CONTENT)
    parts = load_parts(reader)
    notes = load_notes(reader)
    sources, bibliography, bib_text = load_bibliography(reader)
    repositories = load_repositories(reader)
    pages = load_pages(reader)
    config, config_lines = load_config(reader)
    files = load_files(reader, config)  # before the unreadable files are taken: a refused link is one
    declared = frozenset(key for _, key, _ in entry_lines(bib_text)) if BIB_FILE in reader.unreadable else frozenset()
    edition = Edition(parts, notes, sources, bibliography, repositories, pages, frozen_map(config),
                      load_persons(reader), load_terms(reader), frozenset(reader.unreadable), declared,
                      config_lines=frozen_map(config_lines), files=frozen_map(files),
                      bib_text=bib_text)
    return edition, reader.diagnostics



def load_scaffold() -> dict[str, bytes]:
    """The files `new` writes: a minimal edition shipped inside the package."""
    return package_files("scaffold")


def load_assets() -> dict[str, bytes]:
    """The toolkit's own stylesheet and script, shipped inside the package: each one file joined from its parts."""
    files = package_files("theme")
    assets = {path: data for path, data in files.items() if path.split("/", 1)[0] not in ASSEMBLED}
    for folder, name in ASSEMBLED.items():
        assets[name] = assembled(files, folder)
    return dict(sorted(assets.items()))


def assembled(files: dict[str, bytes], folder: str) -> bytes:
    """The parts below a folder of theme/, one concern each, joined in the order of their names (01-…, 02-…).
    Joined here rather than loaded one by one, so that the site, the offline zip (file://, where module scripts
    are refused) and edition.html (inline, named by its hash in the policy) all carry one file."""
    return b"".join(data for path, data in sorted(files.items()) if path.startswith(f"{folder}/"))


def package_files(name: str) -> dict[str, bytes]:
    """Every file below a folder of the package, by relative path."""
    folder = Path(__file__).parents[1] / name
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def toolkit_stamp() -> str:
    """A digest of the toolkit's code and of the versions of pybtex and latexcodec: what the memo's values
    depend on besides their inputs. The code is known by each module's size and modification time, the test
    by which Python itself decides whether a module's compiled bytecode is current."""
    digest = hashlib.sha256()
    package = Path(__file__).parents[1]
    for path in sorted(package.rglob("*.py")):
        status = path.stat()
        digest.update(f"{path.relative_to(package).as_posix()} {status.st_size} {status.st_mtime_ns}\0".encode())
    for name in ("pybtex", "latexcodec"):
        digest.update(f"{name} {metadata.version(name)}\0".encode("utf-8"))
    return digest.hexdigest()


def load_memo(folder: Path) -> Memo:
    """The memo the last build left in a folder (an empty one when there is none, or it cannot be used)."""
    path = folder / MEMO_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = None
    return parse_memo(text, toolkit_stamp())
