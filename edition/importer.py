"""`import FILE [DIR]`: an edition from a manuscript with footnotes (Markdown as pandoc writes it, or a .docx
through pandoc): paragraphs get their ids, notes their files, headings start parts; the rest is the scaffold."""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from edition.load.folder import load_scaffold
from edition.load.manuscript import ManuscriptError, read_manuscript
from edition.new import create

DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
FRONT = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
DEFAULT_AUTHOR = "The author"
REPLACED = ("essay/01-text.md", "footnotes/1.md", "sources.bib")  # the scaffold's example text, note and source


@dataclass
class Manuscript:
    """What the importer found: the title and author, the parts (heading, paragraphs) and the notes."""

    title: str = ""
    author: str = ""
    parts: list[tuple[str, list[str]]] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # the manuscript's note id -> its text


def split_definitions(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """The body's lines without the footnote definitions, and each definition's text (continuation lines are
    indented by four spaces or a tab; a blank line between them keeps a note's paragraphs apart)."""
    body: list[str] = []
    notes: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        match = DEFINITION.match(line)
        if match:
            current = notes.setdefault(match.group(1), [])
            current.append(match.group(2))
        elif current is not None and (line.startswith(("    ", "\t")) or not line.strip()):
            current.append(line[4:] if line.startswith("    ") else line.lstrip("\t"))
        else:
            current = None
            body.append(line)
    return body, {k: "\n".join(v).strip() for k, v in notes.items()}


def parse(text: str, fallback_title: str) -> Manuscript:
    """The manuscript's parts and notes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = Manuscript()
    front = FRONT.match(text)
    if front:
        try:
            meta = yaml.safe_load(front.group(1))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict):
            found.title = str(meta.get("title") or "")
            author = meta.get("author")
            found.author = ", ".join(map(str, author)) if isinstance(author, list) else str(author or "")
        text = text[front.end():]
    body, found.notes = split_definitions(text.split("\n"))
    heading, paragraphs = "", list[str]()
    for block in re.split(r"\n[ \t]*\n", "\n".join(body)):
        block = block.strip("\n")
        match = HEADING.match(block) if "\n" not in block else None
        if not block.strip():
            continue
        if match and not found.title and not found.parts and not paragraphs:
            found.title = match.group(2)
        elif match:
            if paragraphs:
                found.parts.append((heading, paragraphs))
                heading, paragraphs = match.group(2), []
            else:
                heading = f"{heading}: {match.group(2)}" if heading else match.group(2)
        else:
            paragraphs.append(block)
    if paragraphs or not found.parts:
        found.parts.append((heading, paragraphs))
    found.title = found.title or fallback_title
    return found


def slug(text: str) -> str:
    """An ASCII file-name word for a heading ('' without one)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain)[:4])


def edition_files(found: Manuscript) -> dict[str, str]:
    """The edition's essay parts and notes: paragraphs numbered p1 …, notes 1 … in the order of their calls."""
    files: dict[str, str] = {}
    numbers: dict[str, str] = {}

    def renumber(match: re.Match[str]) -> str:
        if match.group(1) not in found.notes:
            return match.group(0)  # a call without a definition: the check names it
        number = numbers.setdefault(match.group(1), str(len(numbers) + 1))
        return f"[^{number}]"

    paragraph = 0
    for index, (heading, paragraphs) in enumerate(found.parts, start=1):
        front = []
        if index == 1:
            front += [f"title: {json.dumps(found.title, ensure_ascii=False)}",
                      f"author: {json.dumps(found.author or DEFAULT_AUTHOR, ensure_ascii=False)}"]
        if heading:
            front.append(f"heading: {json.dumps(heading, ensure_ascii=False)}")
        text = []
        for block in paragraphs:
            paragraph += 1
            text.append(f"{REFERENCE.sub(renumber, block)}\n{{: #p{paragraph} }}\n")
        name = f"essay/{index:02d}-{slug(heading) or 'text'}.md"
        files[name] = "---\n" + "".join(f"{line}\n" for line in front) + "---\n\n" + "\n".join(text)
    for old, number in numbers.items():
        files[f"footnotes/{number}.md"] = f'---\nlabel: "{number}"\n---\n{found.notes[old]}\n'
    files["sources.bib"] = ""
    return files


def scaffolded(found: Manuscript) -> dict[str, bytes]:
    """The scaffold with the manuscript's text, notes and title in place of its examples."""
    files = {k: v for k, v in load_scaffold().items() if k not in REPLACED}
    config = files["mkdocs.yml"].decode("utf-8")
    config = re.sub(r'^site_name: .*$', lambda _: f"site_name: {json.dumps(found.title, ensure_ascii=False)}",
                    config, count=1, flags=re.MULTILINE)
    files["mkdocs.yml"] = config.encode("utf-8")
    files.update({k: v.encode("utf-8") for k, v in edition_files(found).items()})
    return files


def import_manuscript(file: Path, folder: Path | None, prog: str) -> int:
    """Read the manuscript and write the edition into a new folder (default: named after the file)."""
    try:
        text = read_manuscript(file)
    except ManuscriptError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    found = parse(text, file.stem.replace("-", " ").replace("_", " "))
    files = scaffolded(found)
    target = folder if folder is not None else file.with_suffix("")
    notes = sum(1 for name in files if name.startswith("footnotes/"))
    paragraphs = sum(len(p) for _, p in found.parts)
    return create(target, prog, {PurePosixPath(k): v for k, v in files.items()},
                  f"imported {file.name}: {len(found.parts)} part(s), {paragraphs} paragraphs, {notes} notes")
