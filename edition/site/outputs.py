"""Where outputs may go: never over the edition, and only over a folder the toolkit made (its marker file says so)."""
from __future__ import annotations

import os
from pathlib import Path

from edition.load.folder import CONTENT
from edition.pages import EPUB_NAME, HTML_NAME, PDF_NAME, ZIP_NAME

MARKER = ".edition-output"  # written into every site/ and dist/ the toolkit makes
MARKER_TEXT = "Made by the edition toolkit: the next build or export replaces this folder whole.\n"
# What the exports are called (exports/export.py names them too): a dist/ of these alone was made before the marker.
EXPORT_NAMES = frozenset({ZIP_NAME, HTML_NAME, PDF_NAME, EPUB_NAME})
SITE_SIGNS = ("sitemap.xml", "_edition")  # MkDocs' sitemap and the toolkit's own assets: a site built before it


def made_by_toolkit(folder: Path) -> bool:
    """A folder the toolkit wrote: it holds the marker, or (an output from before the marker) a site with the
    toolkit's assets, or nothing but exports."""
    names = {p.name for p in folder.iterdir()}
    return MARKER in names or all(sign in names for sign in SITE_SIGNS) or names <= EXPORT_NAMES


def real(path: Path) -> Path:
    """A path with every symbolic link resolved (what a write would reach)."""
    return Path(os.path.realpath(path))


def out_problem(root: Path, out: Path) -> str | None:
    """Why an output folder must not be written (replaced whole), or None."""
    home, target = real(root), real(out)
    if target == home:
        return "it is the edition's folder, which the output would replace"
    if home.is_relative_to(target):
        return "it contains the edition's folder, which the output would replace"
    for name in CONTENT:
        content = real(root / name)
        if target.is_relative_to(content):
            return f"it lies inside the edition's content ('{name}')"
    if target.exists() and not target.is_dir():
        return "it is a file, not a folder"
    if target.is_dir() and any(target.iterdir()) and not made_by_toolkit(target):
        return f"it is not empty and was not made by the toolkit (it has no {MARKER} file); empty it or choose " \
               "another --out"
    return None
