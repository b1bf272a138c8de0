"""edition.render.markdown_text: a text written into a generated page or BibTeX file is shown character for character,
and never becomes markup, another link, an attribute list or another field."""
from __future__ import annotations

import markdown
import pytest
from lxml import html
from pybtex.database import parse_string

from edition.check.meta import EditionMeta
from edition.render.cite import bibtex
from edition.render.markdown_text import abbreviation, attribute_value, bibtex_value, link_title, markdown_url, plain

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


def test_markdown_url_encodes_what_could_end_a_link_or_start_markup() -> None:
    assert markdown_url("https://a.example/)<script>alert(1)</script>") == \
        "https://a.example/%29%3Cscript%3Ealert%281%29%3C/script%3E"
    assert markdown_url('https://a.example/){: style="position:fixed;inset:0" }') == \
        "https://a.example/%29%7B:%20style=%22position:fixed;inset:0%22%20%7D"
    assert markdown_url("index.md#fn:a b") == "index.md#fn:a%20b"


@pytest.mark.parametrize("url", ["https://a.example/)<script>alert(1)</script>",
                                 'https://a.example/){: style="position:fixed;inset:0" }', "https://a.example/ [x]"])
def test_an_encoded_url_stays_one_link_to_itself(url: str) -> None:
    page = html.fragment_fromstring(markdown.markdown(f"[a]({markdown_url(url)})", extensions=EXTENSIONS),
                                    create_parent="div")
    assert [(a.get("href"), a.text) for a in page.iter("a")] == [(markdown_url(url), "a")]
    assert page.xpath("//@style | //script") == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "//a.example/x", "vbscript:x"])
def test_markdown_url_refuses_what_is_neither_the_editions_nor_http_nor_mail(url: str) -> None:
    with pytest.raises(ValueError):
        markdown_url(url)


def test_link_title_is_one_line_with_its_quotes_as_entities() -> None:
    assert link_title('A "B"\n& C') == "A &quot;B&quot; &amp; C"
    page = markdown.markdown(f'[a](x.md "{link_title(chr(34) + "q" + chr(34) + " & <b>")}")', extensions=EXTENSIONS)
    assert html.fragment_fromstring(page).find(".//a").get("title") == '"q" & <b>'


@pytest.mark.parametrize("value", ["berg-1998", "smith:2001", "a.b_c", "_x", "9", "\u00fc", "-"])
def test_attribute_value_keeps_an_identifier(value: str) -> None:
    assert attribute_value(value) == value


@pytest.mark.parametrize("value", ['ra style="background:red"', "a}b", "", "a b", "x<y", "a\nb", "a]b"])
def test_attribute_value_refuses_anything_else(value: str) -> None:
    with pytest.raises(ValueError):
        attribute_value(value)


def test_bibtex_value_escapes_braces_quotes_and_backslashes() -> None:
    assert bibtex_value('1.0}, note = {x "y" \\z\n') == \
        '1.0\\textbraceright{}, note = \\textbraceleft{}x {"}y{"} \\textbackslash{}z'


def test_an_abbreviation_stays_on_one_line_or_is_left_out() -> None:
    assert abbreviation("NAF\n<script>alert(1)</script>", "Nouvelles\nacquisitions") == \
        "*[NAF <script>alert(1)</script>]: Nouvelles acquisitions"
    assert [abbreviation(term, "x") for term in ("a]b", "a\\b", "[a", " \n")] == [None, None, None, None]


def test_a_front_matter_value_cannot_add_a_field_to_the_editions_bibtex() -> None:
    meta = EditionMeta(title='On {braces} and "quotes"', author="Vera Lindqvist", version="1.0}, note = {x")
    assert bibtex(meta, "2024-05-17") == (
        "@misc{lindqvist-braces,\n"
        '    author = "Lindqvist, Vera",\n'
        '    title = {On \\textbraceleft{}braces\\textbraceright{} and {"}quotes{"}},\n'
        '    howpublished = "Digital critical edition",\n'
        '    date = "2024-05-17",\n'
        '    year = "2024",\n'
        '    version = "1.0\\textbraceright{}, note = \\textbraceleft{}x"\n'
        "}\n")
    (entry,) = parse_string(bibtex(meta, "2024-05-17"), "bibtex").entries.values()
    assert sorted(entry.fields) == ["date", "howpublished", "title", "version", "year"]
