"""The sanitising policy, the Content-Security-Policy and the check of built pages, unit by unit."""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path, PurePosixPath

import markdown
import pytest
from lxml import html

from edition import csp, sanitize
from edition.linkcheck import check_site
from edition.render import nav, with_titles
from edition.style import MarkdownBackend


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


PAGE = """<!DOCTYPE html>
<html><head>
  <meta charset="utf-8">
<title>t</title>
<script>var a = 1;</script>
<script type="application/json">{"b": 2}</script>
<script src="x.js"></script>
</head><body><p>text</p><script>
  var c = "</p>";
</script></body></html>
"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_policy_allows_the_pages_own_inline_scripts_by_hash_and_nothing_inline_else() -> None:
    page = csp.with_csp(PAGE)
    hashes = " ".join(sorted([sha("var a = 1;"), sha('\n  var c = "</p>";\n')]))
    assert page.split("\n")[:4] == [
        "<!DOCTYPE html>", "<html><head>",
        '  <meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\' {hashes}; '
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'\">"]
    assert page.replace(page.split("\n")[3] + "\n", "") == PAGE
    with pytest.raises(ValueError, match="already has"):
        csp.with_csp(page)


def site_with(tmp_path: Path, body: str, head: str = "") -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "x.js").write_text("", encoding="utf-8")
    page = f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">{head}</head><body>\n{body}\n</body></html>\n'
    (site / "index.html").write_text(csp.with_csp(page), encoding="utf-8")
    return site


def test_check_built_finds_nothing_on_a_clean_page(tmp_path: Path) -> None:
    site = site_with(tmp_path, '<table><tr><td style="text-align: right;">1</td></tr></table><script src="x.js">'
                     "</script>")
    assert check_site(site) == []


def test_check_built_reports_handlers_styles_scripts_and_script_urls(tmp_path: Path) -> None:
    site = site_with(tmp_path, "\n".join([
        '<p onclick="a()">x</p>',
        '<p style="color:red">x</p>',
        "<script>alert(1)</script>",
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<img src="data:image/png;base64,AAAA" alt="">',
        '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
        '<object data="x.js"></object>',
    ]))
    assert [str(p) for p in check_site(site)] == [  # line 1 is the doctype, 2 the head, 3 the policy
        "index.html:4: error: event handler 'onclick' on <p> [unsafe-output]",
        "index.html:5: error: style attribute on <p>: 'color:red' [unsafe-output]",
        "index.html:6: error: script not shipped by the theme or the edition [unsafe-output]",
        "index.html:7: error: javascript: URL in <a href> [unsafe-output]",
        "index.html:8: error: data: URL in <a href> [unsafe-output]",
        "index.html:10: error: javascript: URL in <a xlink:href> [unsafe-output]",
        "index.html:11: error: <object> element [unsafe-output]",
    ]


def test_check_built_reports_a_page_without_its_policy(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!DOCTYPE html><html><head></head><body><p>x</p></body></html>", "utf-8")
    loose = '<meta http-equiv="Content-Security-Policy" content="script-src \'self\' \'unsafe-inline\'">'
    (site / "loose.html").write_text(f"<!DOCTYPE html><html><head>{loose}</head><body></body></html>", "utf-8")
    assert [str(p) for p in check_site(site)] == [
        "index.html:1: error: page has no Content-Security-Policy [unsafe-output]",
        "loose.html:1: error: the page's Content-Security-Policy allows inline or evaluated script, or objects "
        "[unsafe-output]",
    ]
