"""The site's search entries (edition/site/search.py): one a paragraph, note, register entry and table row."""
from __future__ import annotations

from edition.site.search import index_page

ESSAY = """<h1 id="the-title">The Title</h1>
<p class="byline">A. Author</p>
<p id="p1">First <span class="iv iv-typo" tabindex="0"><span class="iv-printed" data-search-exclude="">frist</span>\
<span class="iv-edited">word</span><a aria-label="apparatus entry" class="iv-app" href="apparatus.html#app-p1-1">†</a>\
</span> here<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.</p>
<blockquote><p id="p2">Quoted.</p></blockquote>
<div class="footnote"><ol><li id="fn:1"><h3 class="note-heading" id="note-1">Note 1</h3>\
<p><span class="note-label">1</span> A note. <a class="footnote-backref" href="#fnref:1">↩</a></p></li></ol></div>"""
TABLE = """<h1 id="chronology">Chronology</h1>
<p>The documents in date order.</p>
<table><thead><tr><th>Date</th><th>Document</th></tr></thead>
<tbody><tr><td>1935</td><td>A letter</td></tr><tr><td>1936</td><td>A report</td></tr></tbody></table>"""


def test_the_essay_gives_one_entry_a_paragraph_and_a_note_in_plain_text_ranked_first() -> None:
    indexed = index_page(ESSAY, "index.html", "Essay")
    assert indexed.content == ESSAY  # nothing to add
    assert [(e["location"], e["title"], e["text"], e["boost"]) for e in indexed.entries] == [
        ("index.html", "The Title", "A. Author", 4.0),
        ("index.html#p1", "Essay, ¶ 1", "First word here.", 4.0),
        ("index.html#p2", "Essay, ¶ 2", "Quoted.", 4.0),
        ("index.html#note-1", "Note 1", "A note.", 4.0),
    ]


def test_a_table_gives_one_entry_a_row_and_each_row_an_id_to_open_at() -> None:
    indexed = index_page(TABLE, "chronology.html", "Chronology")
    assert [(e["location"], e["title"], e["text"], "boost" in e) for e in indexed.entries] == [
        ("chronology.html", "Chronology", "The documents in date order.", False),
        ("chronology.html#row-1", "Chronology: 1935", "1935 A letter", False),
        ("chronology.html#row-2", "Chronology: 1936", "1936 A report", False),
    ]
    assert '<tr id="row-1"><td>1935</td>' in indexed.content and '<tr id="row-2"><td>1936</td>' in indexed.content
    assert indexed.content.count("<th>") == 2
