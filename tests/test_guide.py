"""The toolkit guide (TOOLKIT.md): its example files make an edition that builds strictly; it lists every key."""
from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

from editions import REPO, run_build_site, write_files
from lxml import html

from edition.load.config import EDITOR_KEYS, THEME_KEYS

GUIDE = REPO / "TOOLKIT.md"
EXAMPLE = re.compile(r'^```\w+ title="(?P<path>[^"]+)"\n(?P<body>.*?)^```$', re.MULTILINE | re.DOTALL)
FIGURE = re.compile(r"!\[[^\]]*\]\((figures/[^\s)]+)")


def tiny_png() -> bytes:
    """A valid one-pixel PNG, for the figures the guide's examples name."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + \
        chunk(b"IEND", b"")


def examples() -> dict[str, str]:
    """Every block of the guide that carries a file name, by that name."""
    return {m.group("path"): m.group("body") for m in EXAMPLE.finditer(GUIDE.read_text(encoding="utf-8"))}


def test_the_guide_has_a_whole_edition() -> None:
    assert sorted(examples()) == ["assets/edition.css", "essay/01-letters.md", "footnotes/1.md", "footnotes/2.md",
                                  "mkdocs.yml", "pages/about.md", "registers/glossary.yml", "registers/persons.yml",
                                  "registers/repositories.yml", "sources.bib"]


def test_the_guides_examples_build_strictly(tmp_path: Path) -> None:
    files: dict[str, str | bytes | None] = dict(examples())
    files.update({name: tiny_png() for text in examples().values() for name in FIGURE.findall(text)})
    root = write_files(tmp_path / "guide-edition", files)
    done = run_build_site(root, "build", "--strict")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("built 7 pages, 2 notes, 2 sources in ")
    tree = html.parse(str(root / "site" / "index.html")).getroot()
    assert tree.xpath("//figure/figcaption/text()") == ["The harbour in 1843"]
    assert tree.xpath("string(//body/@data-md-color-primary)") == "teal"


def test_the_guide_lists_every_key_an_editor_may_set() -> None:
    rows = re.findall(r"^\| `([^`]+)`(?:, `([^`]+)`)? \|", GUIDE.read_text(encoding="utf-8"), re.MULTILINE)
    listed = {key for row in rows for key in row if key}
    expected = set(EDITOR_KEYS) - {"theme"} | {f"theme.{k}" for k in THEME_KEYS if k != "name"}
    assert expected <= listed, sorted(expected - listed)
