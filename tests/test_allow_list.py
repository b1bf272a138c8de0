"""The allow-list (edition/site/clean.py) keeps every element, attribute, class and URL the editions' pages hold.

Each edition's pages are rendered as the site renders them (the same Markdown extensions, as the single file
runs them) and compared with the same HTML after the allow-list, both parsed: a difference is something the
toolkit writes that the list would drop, which must be added to it (or the toolkit changed).
"""
from __future__ import annotations

import copy
from pathlib import Path, PurePosixPath

import markdown
import pytest
from editions import MINI, REPO, TESTS, write_files
from lxml import html
from test_guide import FIGURE, examples, tiny_png

from edition.exports.single_html import markdown_options
from edition.load.folder import load
from edition.render.markdown import mkdocs_config, render_pages
from edition.resolve.links import resolve
from edition.site.clean import clean

EDITIONS = {"real": REPO, "mini": MINI, "second": TESTS / "fixtures" / "second_edition",
            "scaffold": REPO / "edition" / "scaffold"}


def rendered(root: Path) -> dict[PurePosixPath, str]:
    """Every page of an edition as Python-Markdown and the toolkit's extension render it, before the allow-list."""
    edition, diagnostics = load(root)
    assert diagnostics == []
    resolved = resolve(edition)
    pages = render_pages(resolved)
    names, configs = markdown_options(mkdocs_config(resolved, pages, [], "site")["markdown_extensions"])
    out = {}
    for path, text in pages.items():
        md = markdown.Markdown(extensions=names, extension_configs=copy.deepcopy(configs), output_format="html")
        out[path] = md.convert(text)
    return out


def shape(markup: str) -> list[tuple[object, ...]]:
    """Every element with its attributes, text and tail, in document order."""
    tree = html.fragment_fromstring(markup, create_parent="div")
    return [(e.tag, sorted(e.attrib.items()), e.text, e.tail) for e in tree.iter()]


@pytest.mark.parametrize("name", sorted(EDITIONS) + ["guide"])
def test_the_allow_list_drops_nothing_an_edition_writes(name: str, tmp_path: Path) -> None:
    if name == "guide":  # the edition TOOLKIT.md's examples make
        files: dict[str, str | bytes | None] = dict(examples())
        files.update({figure: tiny_png() for text in examples().values() for figure in FIGURE.findall(text)})
        pages = rendered(write_files(tmp_path / "guide", files))
    else:
        pages = rendered(EDITIONS[name])
    assert len(pages) >= 3
    changed = {path.as_posix(): [pair for pair in zip(shape(page), shape(clean(page))) if pair[0] != pair[1]][:3]
               for path, page in pages.items() if shape(page) != shape(clean(page))}
    assert changed == {}
