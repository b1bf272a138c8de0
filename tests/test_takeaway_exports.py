"""The EPUB and edition.html read without their stylesheets as the corrected text: the printed reading of each
intervention is out of the flow (in its data-printed, its popover and the Apparatus), never beside the edited one."""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree, html

XHTML = "{http://www.w3.org/1999/xhtml}"


def flow_problems(tree: etree._Element, prefix: str = "") -> list[tuple[str, str, str]]:
    """(id, printed, what the flow reads) for every intervention whose printed reading is in the text."""
    problems = []
    spans = tree.xpath(f"//{prefix}span[@data-printed]", namespaces={"x": XHTML[1:-1]})
    assert spans
    for span in spans:
        classes = [(e.get("class") or "").split() for e in span.iter() if isinstance(e.tag, str)]
        if any("iv-printed" in c for c in classes):
            problems.append((span.get("id", ""), span.get("data-printed", ""), "an iv-printed span"))
    return problems


def test_the_epub_without_styles_reads_as_the_corrected_text(real_dist: Path) -> None:
    with zipfile.ZipFile(real_dist / "edition.epub") as epub:
        essay = etree.fromstring(epub.read("OEBPS/essay.xhtml") if "OEBPS/essay.xhtml" in epub.namelist()
                                 else epub.read(next(n for n in epub.namelist() if n.endswith("essay.xhtml"))))
    assert flow_problems(essay, "x:") == []
    word = essay.xpath("//x:span[@data-printed='quilty']", namespaces={"x": XHTML[1:-1]})
    assert [" ".join("".join(w.itertext()).split()).rstrip("†") for w in word] == ["guilty"]


def test_edition_html_without_styles_reads_as_the_corrected_text(real_dist: Path) -> None:
    single = html.document_fromstring((real_dist / "edition.html").read_bytes())
    assert flow_problems(single) == []
    (word,) = single.xpath("//span[@data-printed='quilty']")
    assert word.text_content().rstrip("†") == "guilty"
