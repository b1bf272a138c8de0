"""Reading a manuscript to import: a Markdown file as it is, a Word file through pandoc (where installed)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")
# pandoc's Markdown without its extensions except footnotes, one line a paragraph: what the importer reads
PANDOC_FORMAT = "markdown_strict+footnotes"


class ManuscriptError(Exception):
    """A manuscript that cannot be read: one line for the editor."""


def read_manuscript(path: Path) -> str:
    """The manuscript as Markdown with footnotes ([^1] references and their definitions)."""
    if not path.is_file():
        raise ManuscriptError(f"no such file: {path}")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        pandoc = shutil.which("pandoc")
        if pandoc is None:
            raise ManuscriptError("reading a .docx needs pandoc (apt-get install pandoc), which is not installed")
        done = subprocess.run([pandoc, "--from", "docx", "--to", PANDOC_FORMAT, "--wrap", "none", str(path)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            message = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise ManuscriptError(f"pandoc could not read {path.name}: {message}")
        return done.stdout
    if suffix not in MARKDOWN_SUFFIXES:
        raise ManuscriptError(f"cannot import '{path.name}': a Markdown file (.md) or a Word file (.docx) is needed")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManuscriptError(f"{path.name} is not UTF-8 text (byte {exc.start})") from None
