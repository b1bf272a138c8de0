"""The exports' pure parts: the zip, the offline configuration, the single file's sections, fonts and search,
the PDF page, the EPUB's stylesheet and ids, the stamp, the title page."""
from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

import pytest
from lxml import html

from edition.exports import export as ex
from edition.exports import offline as export_site
from edition.exports import single_html
from edition.load.folder import load, load_assets
from edition.pages import EXPORTS
from edition.render.head import downloads
from edition.resolve.links import resolve
from edition.site import inline, stamp

# ------------------------------------------------------------ pure functions


def test_zip_bytes_is_reproducible_sorted_and_fixed() -> None:
    files = {"b.html": b"<p>b</p>", "a/c.js": b"c", "a.css": b"a"}
    data = export_site.zip_bytes(files, 1795630289)
    assert data == export_site.zip_bytes(dict(reversed(list(files.items()))), 1795630289)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [f"{export_site.ZIP_FOLDER}/{n}" for n in ("a.css", "a/c.js", "b.html")]
        assert {i.date_time for i in archive.infolist()} == {(2026, 11, 25, 18, 11, 28)}
    with zipfile.ZipFile(io.BytesIO(export_site.zip_bytes(files, 0))) as archive:  # before 1980: the earliest zip time
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_offline_config_adds_offline_search_and_the_local_polyfill() -> None:
    config = {"plugins": ["search"], "theme": {"name": "material", "features": ["navigation.instant",
              "navigation.instant.prefetch", "content.footnote.tooltips"]}, "copyright": "C",
              "extra": {"polyfills": ["https://unpkg.com/iframe-worker/shim"]}, "use_directory_urls": True}
    result = export_site.offline_config(config, "abc1234", "2026-11-25")
    assert result["plugins"] == ["search", "offline"]
    assert result["theme"]["features"] == ["content.footnote.tooltips"]
    assert result["extra"]["polyfills"] == [f"{export_site.OFFLINE_DIR}/{export_site.SHIM}"]
    assert result["use_directory_urls"] is False
    assert result["extra_javascript"] == [f"{export_site.OFFLINE_DIR}/{export_site.DOWNLOADS}"]
    assert result["copyright"] == "C · version abc1234, 2026-11-25"
    assert config["plugins"] == ["search"]  # the site's own configuration is left as it was
    mapping = export_site.offline_config({"plugins": {"search": {"lang": "en"}, "tags": None}}, "", "2026-11-25")
    assert mapping["plugins"] == [{"search": {"lang": "en"}}, "tags", "offline"]
    assert mapping["copyright"] == "version unknown, 2026-11-25"


def test_links_between_pages_become_links_inside_the_file() -> None:
    pages = {PurePosixPath("index.md"): "# Title\n\nText[^1] and [about](about.md).\n{: #p1 }\n\n[^1]: A note.\n",
             PurePosixPath("about.md"): "# About\n\n## Title\n\nSee [the text](index.md#p1), [note](index.md#fn:1),"
                                        " [here](#title) and [outside](https://example.org/x).\n"}
    sections = single_html.combined_sections(pages, ["footnotes", "attr_list", {"toc": {"permalink": False}}])
    about = sections[1].tree
    assert about.xpath("//h2/@id") == ["about-title"]  # the essay's heading keeps 'title'
    assert about.xpath("//a/@href") == ["#p1", "#fn:1", "#about-title", "https://example.org/x"]
    assert sections[0].tree.xpath('//a[text()="about"]/@href') == ["#page-about"]


def test_a_clash_of_ids_that_are_not_headings_is_an_error() -> None:
    pages = {PurePosixPath("index.md"): "# A\n\nText.\n{: #x }\n", PurePosixPath("b.md"): "# B\n\nMore.\n{: #x }\n"}
    with pytest.raises(single_html.ExportError, match="'x'"):
        single_html.combined_sections(pages, ["attr_list"])


def test_fonts_are_inlined_and_each_unicode_range_gets_its_own_family() -> None:
    css = ('@font-face { font-family: "F"; src: url("fonts/a.woff2") format("woff2"); unicode-range: U+0000-00FF; }\n'
           '@font-face { font-family: "F"; src: url("fonts/b.woff2") format("woff2"); unicode-range: U+0100-02BA; }\n'
           'body { font-family: "F", serif; }')
    result = inline.separate_subsets(inline.inline_urls(css, {"fonts/a.woff2": b"A", "fonts/b.woff2": b"B"}))
    assert 'url("data:font/woff2;base64,QQ==")' in result and 'url("data:font/woff2;base64,Qg==")' in result
    assert 'font-family: "F subset 2"; src: url("data:font/woff2;base64,Qg==")' in result
    assert 'body { font-family: "F", "F subset 2", serif; }' in result


def test_document_problems_finds_what_would_leave_the_file() -> None:
    page = ('<html><head><style>a { background: url("x.png") }</style></head><body><p id="a">x</p><p id="a">y</p>'
            '<a href="#b">b</a><a href="https://example.org/">ok</a><img src="y.png"><a href="c.md">c</a>'
            '</body></html>')
    problems = single_html.document_problems(page)
    assert any("'a' is used 2 times" in p for p in problems)
    assert any("#b" in p for p in problems) and any("y.png" in p for p in problems)
    assert any("c.md" in p for p in problems) and any("x.png" in p for p in problems)
    assert not any("example.org" in p for p in problems)


def mini_sections() -> list[single_html.Section]:
    pages = {PurePosixPath("index.md"): "# Title\n\nText[^1] of it.\n{: #p1 }\n\n[^1]: A mendacious note.\n",
             PurePosixPath("about.md"): "# About\n\n## Sources\n\nSee [the note](index.md#fn:1).\n"}
    return single_html.combined_sections(pages, ["footnotes", "attr_list", {"toc": {"permalink": False}}])


def test_the_search_index_holds_each_block_with_the_place_it_links_to() -> None:
    from edition.exports.single_search import script_json, search_index

    index = search_index(mini_sections())
    assert index == [
        {"id": "title", "title": "Essay: Title", "text": "Title"},
        {"id": "p1", "title": "Essay, ¶ 1", "text": "Text of it."},  # no marker's label
        {"id": "fn:1", "title": "Note 1", "text": "A mendacious note."},
        {"id": "about", "title": "About", "text": "About"},
        {"id": "sources", "title": "About: Sources", "text": "Sources"},
        {"id": "sources", "title": "About: Sources", "text": "See the note."},
    ]
    assert script_json([{"text": "</script><!--"}]) == '[{"text":"\\u003c/script>\\u003c!--"}]'


def test_the_pdf_markup_sets_each_note_at_its_marker_and_brackets_only_a_restored_marker() -> None:
    from edition.exports.pdf_typst import document_body

    page = ('<html><head><title>t</title></head><body><nav><ol><li><a href="#notes">Notes</a></li></ol></nav>'
            '<article id="page-essay"><p id="p1">Text<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a>'
            '</sup> more<span class="iv iv-marker"><span class="iv-edited"><sup id="fnref:2"><a class="footnote-ref"'
            ' href="#fn:2">2</a></sup></span></span>.</p><div class="footnote"><h2 id="notes">Notes</h2><ol>'
            '<li id="fn:1" data-label="1"><h3 class="note-heading">Note 1</h3><p><span class="note-label">1</span> '
            'A note. <a class="footnote-backref" href="#fnref:1">↩</a></p></li><li id="fn:2" data-label="2"><p>'
            'The 1<sup>re</sup> <a href="#p1">¶1</a></p></li></ol></div></article><script>x()</script></body></html>')
    body, figures = document_body(html.document_fromstring(page))
    assert figures == {}
    assert body == (
        '#ed-page[#metadata(none)<page-essay>#metadata(none)<p1>#"Text";#metadata(none)<fnref:1>'
        '#footnote(numbering: _ => "1")[#metadata(none)<fn:1>#h(0.3em)#"A note.";]#" more";#ed-restored['
        '#metadata(none)<fnref:2>#footnote(numbering: _ => "2")[#metadata(none)<fn:2>#h(0.3em)#"The 1";#super[#"re";]'
        '#" ";#link(<p1>)[#"¶1";]]]#".";]\n')


def test_the_epub_stylesheet_leaves_out_selectors_e_readers_cannot_read() -> None:
    from edition.exports.epub_css import epub_css

    css = ('@font-face { font-family: "F"; src: url("fonts/a.woff2"); }\n'
           'a:has(b), .c, d:is(.e) { color: red }\n.f:not(.g) { x: 1 }\n.h:not(.i .j) { x: 2 }\n'
           '@media (min-width: 10px) { .k:has(.l) { x: 3 } .m { x: 4 } }\n@media print { .n:has(.o) { x: 5 } }')
    assert epub_css(css) == ('@font-face { font-family: "F"; src: url("fonts/a.woff2"); }\n.c { color: red }\n'
                             '.f:not(.g) { x: 1 }\n@media (min-width: 10px) {\n.m { x: 4 }\n}\n')


def test_the_epub_stylesheet_keeps_less_motion_for_readers_who_ask_for_it() -> None:
    from edition.exports.epub_css import epub_css

    css = epub_css(load_assets()["edition.css"].decode("utf-8"))
    motion = css[css.index("@media (prefers-reduced-motion"):]  # the table alignment's classes follow it
    assert motion[:motion.index("\n}\n") + 3] == (
        '@media (prefers-reduced-motion: reduce) {\n*, ::before, ::after {\n    transition: none !important;\n'
        '    animation: none !important;\n  }\nhtml {\n    scroll-behavior: auto;\n  }\n'
        '.md-typeset .footnote li:target, .md-typeset sup[id^="fnref"]:target, .md-typeset .iv:target {\n'
        '    background-color: var(--ed-wash);\n  }\n}\n')


def test_epub_ids_become_xml_names_and_links_cross_files() -> None:
    from edition.exports import epub as export_epub

    sections = mini_sections()
    files = export_epub.rename_ids(sections)
    export_epub.relink(sections, files)
    assert (files["fn-1"], files["sources"]) == ("essay.xhtml", "about.xhtml")
    assert sections[1].tree.xpath("//a/@href") == ["essay.xhtml#fn-1"]
    assert sections[0].tree.xpath('//a[@class="footnote-ref"]/@href') == ["#fn-1"]


def test_build_epoch_and_date() -> None:
    assert stamp.build_epoch("1795630289") == 1795630289
    assert stamp.build_epoch(None) == stamp.build_epoch("junk") == stamp.ZIP_EPOCH_MIN
    assert stamp.build_date(1795630289) == "2026-11-25"


def test_without_git_an_export_shows_the_editions_own_version_and_date() -> None:
    from edition.check.meta import EditionMeta

    meta = EditionMeta(title="T", author="A", version="1.2", date="2024-05-17")
    assert ex.export_stamp("", None, meta) == ("1.2", "2024-05-17")  # no git: the front matter's
    assert ex.export_stamp("1a2b3c4", "1795630289", meta) == ("1a2b3c4", "2026-11-25")  # git's when known
    assert ex.export_stamp("", None, EditionMeta(title="T", author="A")) == ("", "1980-01-01")


def test_the_title_page_names_the_editors_and_the_original_publication() -> None:
    from editions import MINI

    from edition.render.markdown import mkdocs_config, render_pages

    edition, _ = load(MINI)
    resolved = resolve(edition)
    pages = render_pages(resolved)
    extensions = mkdocs_config(resolved, pages, [], "site")["markdown_extensions"]
    page = html.fromstring(single_html.single_html(resolved, pages, extensions, {}, "1.2", "2024-05-17"))
    texts = [" ".join(p.text_content().split()) for p in page.xpath("//header[@id='title-page']/p")]
    assert texts[:6] == ["A digital critical edition", "Vera Lindqvist", "Uppsala",
                         "Nordic Review of Letters 12, no. 3 (2003): 41-58", "Edited by Jonas Ek, Maria Holm",
                         "Uppsala Digital Editions · CC BY 4.0"]


def test_the_vendored_shim_is_kept_out_of_the_assets_linked_on_every_page() -> None:

    assert not any("iframe-worker" in name for name in load_assets())


def test_the_single_file_takes_its_accent_from_the_palette() -> None:
    light = {"scheme": "default", "primary": "white", "accent": "brown"}
    dark = {"scheme": "slate", "primary": "black", "accent": "amber"}
    assert single_html.palette_accent({"palette": [light, dark]}) == "brown"  # the light scheme: it is printed
    assert single_html.palette_accent({"palette": light}) == "brown"
    assert single_html.palette_accent({}) == ""



def test_the_exports_the_site_names_are_the_files_export_writes() -> None:
    assert [name for name, _, _ in EXPORTS] == ["edition.pdf", "edition.epub", "edition.html", "edition.tei.xml",
                                                 "edition-site.zip"]
    assert downloads("") == []
    assert downloads("https://example.org/ed/")[3] == {"@type": "MediaObject", "name": "TEI P5",
                                                      "contentUrl": "https://example.org/ed/edition.tei.xml",
                                                      "encodingFormat": "application/tei+xml"}
