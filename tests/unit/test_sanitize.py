"""The sanitising policy, unit by unit (the Content-Security-Policy and the output check: test_policy.py)."""
from __future__ import annotations

from pathlib import PurePosixPath

import markdown
import pytest
from lxml import html

from edition.check import sanitize
from edition.render.markdown import nav, with_titles
from edition.render.style import MarkdownBackend


@pytest.mark.parametrize(("url", "refused"), [
    ("index.md#p1", None),
    ("sources.md", None),
    ("#fn:2", None),
    ("https://example.org/a?b=c", None),
    ("HTTP://example.org", None),
    ("mailto:editor@example.org", None),
    ("javascript:alert(1)", "javascript"),
    ("JaVaScRiPt:alert(1)", "JaVaScRiPt"),
    ("&#106;avascript:alert(1)", "javascript"),
    ("&#x6A;avascript:alert(1)", "javascript"),
    ("&#0000106;avascript:alert(1)", "javascript"),
    ("&amp;#106;avascript:alert(1)", "javascript"),
    ("java\nscript:alert(1)", "javascript"),
    ("java&#9;script:alert(1)", "javascript"),
    (" \x01javascript:alert(1)", "javascript"),
    ("java\\script:alert(1)", "javascript"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("data:text/html,<script>", "data"),
    ("//evil.example/", "leaves"),
])
def test_a_url_is_judged_after_decoding_entities_escapes_and_white_space(url: str, refused: str | None) -> None:
    problem = sanitize.url_problem(url)
    if refused is None:
        assert problem is None
    else:
        assert problem is not None and refused in problem


def test_attribute_lists_allow_an_id_and_a_language_only() -> None:
    assert sanitize.attribute_problems(' #p12 lang="ru-Latn" ') == []
    assert sanitize.attribute_problems("lang=fr") == []
    assert sanitize.attribute_problems('onclick="alert(1)" .note style="color:red" title=x') == [
        f"attribute '{name}' is not allowed in an attribute list (only #id and lang; write '\\{{' for a literal brace)"
        for name in ("onclick", ".note", "style", "title")]
    assert sanitize.attribute_problems("lang='en\" onfocus=\"x'") == [
        "'en\" onfocus=\"x' is not a language tag (lang=fr, lang=ru-Latn)"]
    assert sanitize.attribute_problems("#1x") == [
        "'1x' is not an id (a letter, then letters, digits, '-', '_', ':' or '.')"]


def test_a_markdown_text_is_checked_on_the_lines_it_is_written() -> None:
    body = ("{~~teh~>the~~}{>>typo: spread\nover two lines<<} text\n"
            "*x*{: onclick=\"a\" }\n"
            "`<script>` in code is text\n"
            "[r]: &#106;avascript:alert(1)\n"
            "{++<b>++}{>>word: r<<}\n")
    found = [(f.line, f.code) for f in sanitize.check_markdown(body)]
    assert found == [(5, "unsafe-html"), (2, "unsafe-attribute"), (4, "unsafe-url")]


def test_plain_text_renders_as_itself_through_markdown() -> None:
    text = 'a <img src=x onerror=alert(1)> & *b* [c](javascript:x) {: onclick=y } &lt; `d` 1. _e_'
    rendered = markdown.markdown(sanitize.plain(text), extensions=["attr_list"])
    tree = html.fragment_fromstring(rendered)
    assert (tree.tag, len(tree), tree.text_content()) == ("p", 0, text)


def test_escape_html_escapes_quotes_for_attributes() -> None:
    assert sanitize.escape_html("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#x27;"
    assert sanitize.escape_html("Ken's", quote_single=False) == "Ken's"


def test_titles_reach_the_navigation_and_the_page_metadata_escaped() -> None:
    about = PurePosixPath("about.md")
    pages = {PurePosixPath("index.md"): "# T\n", about: "# About \\<x\\>\n\ntext\n"}
    titles = {about: 'About <img src=x onerror="y">'}
    assert nav(pages.items(), titles) == [{"Essay": "index.md"},
                                          {"About &lt;img src=x onerror=&quot;y&quot;&gt;": "about.md"}]
    assert with_titles(pages, titles)[about] == \
        '---\ntitle: "About &lt;img src=x onerror=&quot;y&quot;&gt;"\n---\n\n# About \\<x\\>\n\ntext\n'


def test_a_bibtex_link_to_a_script_url_is_shown_as_its_text_only() -> None:
    backend = MarkdownBackend()
    assert backend.format_href("javascript:alert(1)", "click") == "click"
    assert backend.format_href("https://example.org", "site") == "[site](https://example.org)"
