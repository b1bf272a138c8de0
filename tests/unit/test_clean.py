"""edition.site.clean: the one allow-list keeps exactly what the edition writes and refuses everything else."""
from __future__ import annotations

import pytest

from edition.exports.single_html import ExportError, page_tree
from edition.site.clean import clean, removed


@pytest.mark.parametrize("markup", [
    '<p id="p1" lang="fr">Un texte &amp; une note<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
    "</p>",
    '<span class="iv iv-typo" data-intervention="typo" tabindex="0" title="corrected misprint; printed: teh" '
    'data-printed="teh" id="iv-p2-1"><span class="iv-printed" data-search-exclude="">teh</span>'
    '<span class="iv-edited">the</span><a class="iv-app" href="apparatus.md#app-p2-1" aria-label="apparatus entry">'
    "†</a></span>",
    '<a class="citation" data-key="berg-1998" href="sources.md#berg-1998" title="Ingrid Berg.">Berg 1998</a>',
    '<a class="person" data-person="ek" href="persons.md#ek">Ek</a>',
    '<p class="downloads"><a download="" href="cite/sources.bib">BibTeX</a></p>',
    '<figure class="edition-figure"><img alt="A title page" src="figures/title.png"><figcaption>Title</figcaption>'
    "</figure>",
    '<table><thead><tr><th>Kind</th><th class="edition-align-right">Number</th></tr></thead>'
    '<tbody><tr><td>lacuna</td><td class="edition-align-center">1</td></tr></tbody></table>',
    '<p>An <abbr title="Nouvelles acquisitions">NAF</abbr> and <a href="https://a.example/x?y=1">a</a>, '
    '<a href="mailto:ed@a.example">mail</a>.</p>',
    '<ol start="3"><li data-label="3" id="fn:3"><p>Note.</p></li></ol>',
    '<div class="footnote"><hr><h2 class="ed-notes-heading" id="notes">Notes</h2></div>',
])
def test_what_the_edition_writes_is_kept_exactly(markup: str) -> None:
    assert clean(markup) == markup


@pytest.mark.parametrize(("markup", "kept"), [
    ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
    ("<p>a<style>p { color: red }</style>b</p>", "<p>ab</p>"),
    ('<p style="position:fixed;inset:0">a</p>', "<p>a</p>"),
    ('<td style="text-align: right;">1</td>', "1"),  # a cell outside a table is no cell
    ('<a href="#x" onclick="alert(1)" onMouseOver="alert(2)">a</a>', '<a href="#x">a</a>'),
    ('<img src="x.png" alt="" onerror="alert(1)">', '<img src="x.png" alt="">'),
    ('<iframe src="https://a.example/"></iframe>b', "b"),
    ('<object data="x.swf"></object><embed src="x.swf">b', "b"),
    ('<form action="https://a.example/"><input name="q"><button>Go</button></form>', "Go"),
    ('<meta http-equiv="refresh" content="0; url=https://a.example/">b', "b"),
    ('<a href="javascript:alert(1)">a</a>', "<a>a</a>"),
    ('<a href=" JaVaScRiPt:alert(1)">a</a>', "<a>a</a>"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">a</a>', "<a>a</a>"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="a">', '<img alt="a">'),
    ('<a href="vbscript:x" title="t">a</a>', '<a title="t">a</a>'),
    ('<p class="md-header byline">a</p>', '<p class="byline">a</p>'),
    ('<span class="md-search">a</span>', '<span class="">a</span>'),  # an empty class: harmless
    ('<p id="__drawer">a</p>', "<p>a</p>"),
    ('<p lang="fr onclick">a</p>', "<p>a</p>"),
    ('<svg onload="alert(1)"><circle r="1"></circle></svg>b', "b"),
    ('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', ""),  # foreign content goes whole
    ("<p>a<!-- a comment -->b</p>", "<p>ab</p>"),
    ('<mailto:x style="color:red" onclick="alert(1)">b', "b"),
    ('<a href="https://a.example/" target="_blank" rel="opener">a</a>', '<a href="https://a.example/">a</a>'),
    ('<span data-secret="x" tabindex="-1">a</span>', "<span>a</span>"),
])
def test_everything_else_is_refused(markup: str, kept: str) -> None:
    assert clean(markup) == kept


# What Python-Markdown let through the source checks (tests/fixtures/injection/md-*): the single file and the EPUB
# refuse the page, naming what the allow-list would have removed, as the site's build does.
PARSER_BYPASSES = [
    ("A run of one ` <script>alert(31)</script> `` closes nothing.", "<script>"),
    ("An escaped backtick \\` <script>alert(32)</script> and a lone one ` after it.", "<script>"),
    ("A code span that opens `here\n\n<script>alert(33)</script>\n\nand closes` in another paragraph.", "<script>"),
    ('Write to <mailto:x style="position:fixed;inset:0" onclick="alert(34)"> the editors.',
     '<mailto:x>, onclick="alert(34)" on <mailto:x>, style="position:fixed;inset:0" on <mailto:x>'),
    ("> A quoted [home page][h].\n>\n> [h]: data:text/html;base64,PHNjcmlwdD5hbGVydCgzNSk8L3NjcmlwdD4=",
     'href="data:text/html;base64,PHNjcmlwdD5hbGVydC" on <a>'),
]


@pytest.mark.parametrize(("text", "what"), PARSER_BYPASSES)
def test_the_single_file_and_the_epub_refuse_what_the_allow_list_would_remove(text: str, what: str) -> None:
    with pytest.raises(ExportError) as refused:
        page_tree(text, ["attr_list", "footnotes", "abbr", "tables", "toc"], {})
    assert str(refused.value) == f"markup the allow-list does not keep (the page is not published without it): {what}"


def test_what_the_allow_list_removes_is_named() -> None:
    markup = '<p class="byline md-header">a<script>x</script><a href="#x" onclick="y">b</a></p>'
    assert removed(markup, clean(markup)) == ["<script>", "class 'md-header' on <p>", 'onclick="y" on <a>']
    assert removed("<p>a</p>", clean("<p>a</p>")) == []
