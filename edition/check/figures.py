"""Figures and the site's configuration: alt text, files that exist and are images, nothing fetched from outside."""
from __future__ import annotations

from typing import Iterator, Mapping

from edition.check.images import image_references, kind_problem, unshown_figures
from edition.load.common import at, suggest
from edition.load.config import check_config, config_files
from edition.model import Diagnostic, Edition, Loc, error, warning


def refused(edition: Edition, name: str) -> bool:
    """A file the loader refused to read (a symbolic link leaving the edition, or below one): reported there."""
    return any(name == bad or name.startswith(bad + "/") for bad in edition.unreadable)


def image_problem(alt: str, src: str, files: Mapping[str, bytes]) -> str | None:
    """What is wrong with one image, or None."""
    if "://" in src or src.startswith("//") or ":" in src.split("/")[0]:
        return f"images must be files of the edition (figures/…), not '{src}'"
    if src not in files:
        return f"image file does not exist: '{src}'{suggest(src, files)}"
    problem = kind_problem(src, files[src])
    if problem:
        return problem
    if not alt.strip():
        return f"image '{src}' has no alt text (write what it shows: ![a map of …]({src}))"
    return None


def check_figures(edition: Edition) -> Iterator[Diagnostic]:
    """Every ![alt](figures/…) names an image file of the edition and describes it; files no page shows are
    not published, and the editor hears of them."""
    for file, line, alt, src in image_references(edition):
        problem = None if refused(edition, src) else image_problem(alt, src, edition.files)
        if problem:
            yield error(at(file, line), problem, "figure")
    for name in unshown_figures(edition):
        yield warning(Loc(name), f"'{name}' is not shown by any page, so it is not published", "figure-unused")


def check_site_config(edition: Edition) -> list[Diagnostic]:
    """The editor's mkdocs.yml: supported keys only, files that exist (a refused link is reported by the loader)."""
    files = {**{name: b"" for name in config_files(edition.config) if refused(edition, name)}, **edition.files}
    return check_config(edition.config, edition.config_lines, files)
