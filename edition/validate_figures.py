"""Figures and the site's configuration: alt text, files that exist, nothing fetched from outside."""
from __future__ import annotations

from typing import Iterator

from .config import check_config
from .markdown_scan import CODE_SPAN, IMAGE, line_of
from .model import Diagnostic, Edition, TextFile, error
from .validate_common import at, suggest


def content_files(edition: Edition) -> list[TextFile]:
    """Every Markdown file that reaches a page."""
    return [p.file for p in edition.parts] + [n.file for n in edition.notes] + list(edition.pages)


def image_problem(alt: str, src: str, files: list[str]) -> str | None:
    """What is wrong with one image, or None."""
    if "://" in src or src.startswith("//") or ":" in src.split("/")[0]:
        return f"images must be files of the edition (figures/…), not '{src}'"
    if src not in files:
        return f"image file does not exist: '{src}'{suggest(src, files)}"
    if not alt.strip():
        return f"image '{src}' has no alt text (write what it shows: ![a map of …]({src}))"
    return None


def check_figures(edition: Edition) -> Iterator[Diagnostic]:
    """Every ![alt](figures/…) names a file of the edition and describes it."""
    files = sorted(edition.files)
    for file in content_files(edition):
        body = CODE_SPAN.sub(lambda m: " " * len(m.group()), file.body)
        for match in IMAGE.finditer(body):
            problem = image_problem(match.group("alt"), match.group("src"), files)
            if problem:
                yield error(at(file, line_of(body, match.start())), problem, "figure")


def check_site_config(edition: Edition) -> list[Diagnostic]:
    """The editor's mkdocs.yml: supported keys only, files that exist."""
    return check_config(edition.config, edition.config_lines, edition.files)
