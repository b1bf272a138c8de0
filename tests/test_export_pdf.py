"""`build_site.py export`: the real edition's PDF (typeset by Typst), read by pypdf, pdfinfo and pdftotext."""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

from exported import note_items
from lxml import html
from pypdf import PdfReader
from pypdf.generic import ContentStream

from edition.exports import export as ex

A4_HEIGHT, A4_WIDTH, HEAD, FOOT = 842, 595, 70, 75  # points; the running head and the folio lie outside
DROPPED = re.compile(r"[\s\-\u00ad\u2010]")  # white space and hyphens (a line's end may add or drop them)


def pdf_text(path: Path) -> tuple[int, str]:
    """The PDF's page count and its text without whitespace (blind to line breaks)."""
    reader = PdfReader(str(path))
    text = "".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), "".join(text.split())


def poppler_text(path: Path, *options: str) -> str:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (Debian's poppler-utils) is needed to read the PDF"
    return subprocess.run([pdftotext, *options, str(path), "-"], capture_output=True, text=True, check=True).stdout


def first_words(li: html.HtmlElement, count: int = 4) -> str:
    """The first words a reader sees in a note: no printed readings, label or hidden links."""
    copy = html.fromstring(html.tostring(li))
    for hidden in copy.xpath('.//*[contains(@class, "iv-printed") or contains(@class, "note-label")'
                             ' or contains(@class, "note-heading")'
                             ' or contains(@class, "iv-app") or contains(@class, "footnote-backref")]'):
        hidden.drop_tree()
    return " ".join(copy.text_content().split()[:count])


def test_the_pdf_has_pages_and_every_note(dist: Path, single: html.HtmlElement) -> None:
    pages, text = pdf_text(dist / ex.PDF_NAME)
    assert pages > 1
    missing = [(li.get("id"), first_words(li)) for li in note_items(single)
               if "".join(first_words(li).split()) not in text]
    assert missing == []
    assert "Sources" in text and "Apparatus" in text


def pdf_links(reader: PdfReader) -> list[tuple[int, int, float, list[float]]]:
    """Every internal link: its page, its destination's page and height, its rectangle."""
    page_index = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    links = []
    for number, page in enumerate(reader.pages):
        for annotation in (a.get_object() for a in page.get("/Annots", [])):
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                dest = annotation["/Dest"]
                links.append((number, page_index[dest[0].idnum], float(dest[3]),
                              [float(x) for x in annotation["/Rect"]]))
    return links


def test_the_pdf_links_notes_and_sources_inside_itself(dist: Path, single: html.HtmlElement) -> None:
    reader = PdfReader(str(dist / ex.PDF_NAME))
    links = pdf_links(reader)  # every destination is a page of the document (pdf_links would fail otherwise)
    sources = single.xpath('//a[contains(@class, "citation")]')
    assert len(links) > len(sources) + 2 * len(note_items(single))
    assert {"Sources", "Apparatus", "Persons", "Chronology"} <= {item.title for item in reader.outline
                                                            if not isinstance(item, list)}


def test_every_pdf_note_marker_and_every_note_link_both_ways_with_an_area(dist: Path, single: html.HtmlElement) -> None:
    reader = PdfReader(str(dist / ex.PDF_NAME))
    links = pdf_links(reader)
    # a note's number (at the text block's left edge) links to its marker; the marker, on the same page, to the
    # note: its link's area holds the point the number's link lands on, and it lands just above the number
    left = min(rect[0] for *_, rect in links)
    numbers = [(n, target, y, r) for n, target, y, r in links if abs(r[0] - left) < 1 and r[3] - r[1] < 11
               and r[2] - r[0] < 8 and y > r[3]]
    pairs = [(number, [m for m in links if m[0] == number[1] and m[1] == number[0]
                       and m[3][1] - 1 <= number[2] <= m[3][3] + 1 and 0 <= m[2] - number[3][3] < 15])
             for number in numbers]
    assert len(pairs) == len(note_items(single))
    for (page, target, _, rect), markers in pairs:
        assert target == page and len(markers) == 1, (page, rect)  # the note at the foot of its marker's page
        for x1, y1, x2, y2 in (rect, markers[0][3]):
            assert abs(x2 - x1) > 2 and abs(y2 - y1) > 5, (x1, y1, x2, y2)  # a box a pointer can hit


def test_the_pdf_is_tagged_with_xmp_metadata(dist: Path) -> None:
    assert shutil.which("pdfinfo"), "pdfinfo (poppler-utils) is needed"
    info = subprocess.run(["pdfinfo", str(dist / ex.PDF_NAME)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Tagged"].strip() == "yes" and fields["Metadata Stream"].strip() == "yes"
    assert fields["PDF version"].strip() == "1.7"
    xmp = PdfReader(str(dist / ex.PDF_NAME)).xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": "The deadlock in Soviet-Czechoslovak military relations and Beneš's "
                                         "perception of the Red Army purge of 1937"}
    assert (xmp.dc_creator, xmp.dc_language) == (["Oleg Ken"], ["en"])
    assert xmp.xmp_create_date.date().isoformat() == "2026-01-02"  # the edition's date, also dc:date
    assert [d.date().isoformat() for d in xmp.dc_date] == ["2026-01-02"]
    assert (xmp.dc_contributor, xmp.dc_identifier, xmp.dc_rights) == ([], None, {})  # no editor, site_url, licence
    assert "version " in (xmp.pdf_keywords or "")
    assert xmp.custom_properties == {} and "pdfuaid" in xmp.rdf_root.toxml()


def test_the_pdf_registers_give_the_page_of_each_paragraph_and_note(dist: Path) -> None:
    pages, text = pdf_text(dist / ex.PDF_NAME)
    found = re.findall(r"¶12\(p\.(\d+)\)", text)
    assert found and all(2 <= int(n) <= pages for n in found)


def test_the_pdf_numbers_its_pages_in_the_footer(dist: Path) -> None:
    reader = PdfReader(str(dist / ex.PDF_NAME))
    tails = ["".join(page.extract_text().split())[-6:] for page in reader.pages[1:4]]
    assert [t.endswith(str(n)) for n, t in enumerate(tails, 2)] == [True, True, True]


# ------------------------------------------------------------ the notes as printed, without editorial brackets


def note_reading(li: html.HtmlElement) -> str:
    """A note as the edition reads it (corrected readings, daggers to the apparatus; no printed readings or
    back link), its label first, white space and hyphens dropped."""
    copy = html.fromstring(html.tostring(li))
    for hidden in copy.xpath('.//*[contains(@class, "iv-printed") or contains(@class, "note-label")'
                             ' or contains(@class, "note-heading") or contains(@class, "footnote-backref")]'):
        hidden.drop_tree()
    return DROPPED.sub("", li.get("data-label") + copy.text_content())


def found_across_pages(reading: str, pages: list[str]) -> bool:
    """Whether a note's reading is on one page, or begins at the end of one and goes on at the next's foot."""
    for number, page in enumerate(pages):
        if reading[:24] not in page:
            continue
        known = next(k for k in range(len(reading), 0, -1) if reading[:k] in page)
        rest = reading[known:]
        if not rest or (page.endswith(reading[:known]) and number + 1 < len(pages) and rest in pages[number + 1]):
            return True
    return False


def test_every_note_in_the_pdf_reads_as_the_edition_with_no_bracket_added(dist: Path, single: html.HtmlElement) -> None:
    # each page without its running head and folio, as pdftotext reads it (the article's superscripts inline)
    text = poppler_text(dist / ex.PDF_NAME, "-raw", "-x", "0", "-y", str(HEAD), "-W", str(A4_WIDTH),
                        "-H", str(A4_HEIGHT - HEAD - FOOT))
    pages = [DROPPED.sub("", page) for page in text.split("\f")]
    missing = [li.get("data-label") for li in note_items(single) if not found_across_pages(note_reading(li), pages)]
    assert missing == []
    joined = "".join(pages)
    for printed in ("1re", "2éme", "2nd"):  # the article's own superscripts, unbracketed (notes 4, 8, 10, 12 …)
        assert printed in joined
    assert not re.search(r"\[(-?re|-?éme|nd|rd|th)\]", joined)


# ------------------------------------------------------------ the structure tree (PDF/UA-1)


def struct_elements(reader: PdfReader) -> list[Any]:
    """Every structure element of the tree, in document order."""
    found: list[Any] = []

    def walk(node: Any) -> None:
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid, "keys") and "/S" in kid:
                found.append(kid)
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"].get_object())
    return found


def marked_content(reader: PdfReader) -> tuple[set[tuple[int, int]], list[dict[str, Any]], int]:
    """(page, MCID) of every tagged sequence, the properties of every marked sequence and artifact, and how many
    text or image operators stand outside both."""
    mcids: set[tuple[int, int]] = set()
    sequences: list[dict[str, Any]] = []
    loose = 0
    for number, page in enumerate(reader.pages):
        stack: list[dict[str, Any]] = []
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator in (b"BDC", b"BMC"):
                props = operands[1] if operator == b"BDC" and hasattr(operands[1], "keys") else {}
                entry = {"tag": str(operands[0]), "page": number, **{str(k): v for k, v in dict(props).items()}}
                stack.append(entry)
                sequences.append(entry)
                if "/MCID" in entry:
                    mcids.add((number, int(entry["/MCID"])))
            elif operator == b"EMC" and stack:
                stack.pop()
            elif operator in (b"TJ", b"Tj", b"Do") and not stack:
                loose += 1
    return mcids, sequences, loose


def referenced(element: Any, page: int | None, page_of: dict[int, int]) -> list[tuple[int | None, int]]:
    """The (page, MCID) pairs a structure element points to directly."""
    if "/Pg" in element:
        page = page_of[element.raw_get("/Pg").idnum]
    kids = element.get("/K")
    out = []
    for kid in kids if isinstance(kids, list) else [kids]:
        if isinstance(kid, int):
            out.append((page, kid))
        elif hasattr(kid, "get_object") and hasattr(kid.get_object(), "keys"):
            kid = kid.get_object()
            if kid.get("/Type") == "/MCR":
                out.append((page_of[kid.raw_get("/Pg").idnum] if "/Pg" in kid else page, int(kid["/MCID"])))
    return out


def test_the_structure_tree_points_to_real_content_with_notes_headings_languages_and_artifacts(
        dist: Path, single: html.HtmlElement) -> None:
    reader = PdfReader(str(dist / ex.PDF_NAME))
    page_of = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    elements = struct_elements(reader)
    mcids, sequences, loose = marked_content(reader)
    pointed = [pair for element in elements for pair in referenced(element, None, page_of)]
    assert pointed and [pair for pair in pointed if pair not in mcids] == []  # every element's content exists
    assert [e for e in elements if e.get("/K") is None] == []  # no element without content
    assert loose == 0  # every text and image is tagged content or an artifact
    kinds = Counter(str(e["/S"]) for e in elements)
    assert kinds["/Note"] == len(note_items(single))
    assert {k for k in kinds if re.fullmatch(r"/H\d*", k)} == {"/H1", "/H2", "/H3"}
    artifacts = [s for s in sequences if s["tag"] == "/Artifact"]
    for number in range(1, len(reader.pages)):  # the running head and the folio of every page but the title's
        assert {str(s.get("/Subtype")) for s in artifacts if s["page"] == number} >= {"/Header", "/Footer"}, number
    marked = single.xpath("//body//*[@lang]")
    languages = {str(s["/Lang"]) for s in sequences if "/Lang" in s} | {str(e["/Lang"]) for e in elements
                                                                      if "/Lang" in e}
    assert {e.get("lang").split("-")[0] for e in marked} <= languages
    assert len([s for s in sequences if "/Lang" in s]) >= len(marked)
    assert str(reader.trailer["/Root"]["/Lang"]) == "en"


# ------------------------------------------------------------ typography


def essay_lines(path: Path) -> tuple[list[int], list[int]]:
    """Characters a line of the essay's pages (before the Sources): of body text, and of the notes (words of a
    smaller size than the body's, in lines of more than a few words), read by `pdftotext -bbox`."""
    reader = PdfReader(str(path))
    sources = next(item for item in reader.outline if not isinstance(item, list) and item.title == "Sources")
    last = reader.get_destination_page_number(sources)
    bbox = html.fromstring(poppler_text(path, "-bbox", "-l", str(last)).encode("utf-8"))
    lines: dict[tuple[int, float, float], list[str]] = {}
    for number, page in enumerate(bbox.iter("page")):
        for word in page.iter("word"):
            height = round(float(word.get("ymax")) - float(word.get("ymin")), 1)
            lines.setdefault((number, round(float(word.get("ymax"))), height), []).append(word.text or "")
    sizes = Counter(height for (_, _, height), words in lines.items() for _ in words)
    body = sizes.most_common(1)[0][0]
    lengths = {key: len(" ".join(words)) for key, words in lines.items()
               if key[0] > 0 and HEAD < key[1] < A4_HEIGHT - FOOT}  # not the running head or the folio
    return ([n for (_, _, h), n in lengths.items() if h == body],
            [n for (_, _, h), n in lengths.items() if h < 0.92 * body and n > 30])


def test_the_notes_run_to_at_most_90_characters_a_line_and_the_text_to_about_75(dist: Path) -> None:
    body, notes = essay_lines(dist / ex.PDF_NAME)
    assert len(notes) > 100 and max(notes) <= 90
    assert len(body) > 300 and 60 <= sorted(body)[len(body) // 2] <= 75 and max(body) <= 85
