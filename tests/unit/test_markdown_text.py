"""edition.markdown_text.plain: a text written into a generated page is shown character for character."""
from __future__ import annotations

import markdown
import pytest
from lxml import html

from edition.markdown_text import plain

EXTENSIONS = ["footnotes", "attr_list", "pymdownx.caret", "tables", "abbr"]


def shown(markdown_text: str) -> str:
    """What a reader sees of one line of Markdown, rendered as the site renders it."""
    page = markdown.markdown(markdown_text, extensions=EXTENSIONS)
    return html.fragment_fromstring(page, create_parent="div").text_content()


@pytest.mark.parametrize("text", [
    "&lt;sup>", "<sup>", "&amp;", "a & b", "&#42;", "1<sup>-re</sup>", "\\[x\\]", "*a* _b_ `c`",
    "{--x--}{>>artefact: y<<}", "~~x~~", "1^-re^", "[x](y)", "a|b", "# not a heading", "- not a list",
    "(photocopy)).", "«\\<sup>»",
])
def test_plain_text_is_shown_exactly(text: str) -> None:
    assert shown(f"printed «{plain(text)}»") == f"printed «{text}»"


def test_plain_folds_white_space() -> None:
    assert shown(plain(" a \n b ")) == "a b"
