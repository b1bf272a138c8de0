"""Figures that are what they say: raster images known by their first bytes, published only when shown."""
from __future__ import annotations

from pathlib import PurePosixPath
from typing import Iterator

from edition.load.config import config_files
from edition.load.markdown_scan import CODE_SPAN, IMAGE, line_of
from edition.model import Edition, TextFile

FIGURES = "figures/"
# The kinds a page may show, by file name ending. SVG is not among them: it can carry script, handlers and
# outside references, and at its own address in the site it runs in the site's origin.
RASTER = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP", ".gif": "GIF", ".avif": "AVIF"}
KINDS = "PNG, JPEG, WebP, GIF or AVIF"


def avif_brand(data: bytes) -> bool:
    """An ISO media file whose ftyp box names the AVIF brand (major or compatible)."""
    end = min(int.from_bytes(data[:4], "big"), 64)
    return any(data[i:i + 4] in (b"avif", b"avis") for i in range(8, end - 3, 4))


def image_kind(data: bytes) -> str | None:
    """The raster format a file's first bytes declare, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    if data[4:8] == b"ftyp" and avif_brand(data):
        return "AVIF"
    return None


def kind_problem(src: str, data: bytes) -> str | None:
    """What keeps a file from being shown as a figure (its kind, then its bytes), or None."""
    kind = RASTER.get(PurePosixPath(src).suffix.lower())
    if kind is None:
        return (f"'{src}' cannot be shown: figures must be {KINDS} images (an SVG or HTML file could run "
                "script in the site); convert it to PNG")
    found = image_kind(data)
    if found is None:
        return f"'{src}' is not a {kind} image (its first bytes are not a {kind} file's); save it again as {kind}"
    if found != kind:
        return f"'{src}' is a {found} image, not a {kind} one: give it the file name ending of its kind"
    return None


def content_files(edition: Edition) -> list[TextFile]:
    """Every Markdown file that reaches a page."""
    return [p.file for p in edition.parts] + [n.file for n in edition.notes] + list(edition.pages)


def image_references(edition: Edition) -> Iterator[tuple[TextFile, int, str, str]]:
    """Every ![alt](src) outside code: its file, the 0-based line in the body, the alt text and the path."""
    for file in content_files(edition):
        body = CODE_SPAN.sub(lambda m: " " * len(m.group()), file.body)
        for match in IMAGE.finditer(body):
            yield file, line_of(body, match.start()), match.group("alt"), match.group("src")


def published_files(edition: Edition) -> dict[str, bytes]:
    """The files the site and the exports carry: the figures a page shows that are what their names say, and
    the files mkdocs.yml names. Nothing else in figures/ is copied (validation warns about it)."""
    shown = {src for _, _, _, src in image_references(edition)}
    named = set(config_files(edition.config))
    return {name: data for name, data in edition.files.items()
            if name in named or (name in shown and kind_problem(name, data) is None)}


def unshown_figures(edition: Edition) -> list[str]:
    """The files in figures/ that no page shows."""
    shown = {src for _, _, _, src in image_references(edition)}
    named = set(config_files(edition.config))
    return sorted(n for n in edition.files if n.startswith(FIGURES) and n not in shown and n not in named)
