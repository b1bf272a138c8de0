"""The Markdown pages rendered for the mini edition equal tests/golden/mini_edition/ (--update-golden rewrites)."""
from __future__ import annotations

import difflib

import pytest
from editions import GOLDEN, MINI

from edition.check.validate import validate
from edition.load.folder import load
from edition.render.markdown import render_pages
from edition.resolve.links import resolve


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """Every page render_pages produces for the mini edition, by file name."""
    edition, diagnostics = load(MINI)
    assert [str(d) for d in diagnostics + validate(edition)] == []
    return {path.as_posix(): text for path, text in render_pages(resolve(edition)).items()}


def golden_names() -> list[str]:
    return sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))


def test_every_rendered_page_has_a_golden_file(pages: dict[str, str], update_golden: bool) -> None:
    if update_golden:
        for stale in set(golden_names()) - set(pages):
            (GOLDEN / stale).unlink()
        for name, text in pages.items():
            path = GOLDEN / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    assert sorted(pages) == golden_names(), "run pytest --update-golden and review the new files"


@pytest.mark.parametrize("name", golden_names())
def test_page_matches_golden(name: str, pages: dict[str, str], update_golden: bool) -> None:
    golden = GOLDEN / name
    if update_golden and name in pages:
        golden.write_text(pages[name], encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    actual = pages.get(name)
    assert actual is not None, f"render_pages no longer produces {name}"
    diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                        fromfile=f"golden/{name}", tofile=f"rendered/{name}"))
    assert actual == expected, f"{name} differs from its golden file (pytest --update-golden rewrites it):\n{diff}"
