"""The PDF's Typst markup: hostile text stays text, the compiler reads nothing outside its root, figures fit."""
from __future__ import annotations

import base64
import dataclasses
import io
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pikepdf
import pytest
import typst

from edition.exports.meta import ExportMetadata, export_metadata
from edition.exports.pdf import MARGIN_PT, compile_markup, pdf_bytes, pdf_markup
from edition.exports.pdf_typst import Writer, string
from edition.site.build import checked

MINI = Path(__file__).parent.parent / "fixtures" / "mini_edition"

A4_WIDTH = 595.276  # points
METADATA = ExportMetadata(title="A title", author="An Author", editor="", date="2026-01-02", language="en",
                          version="1.0", description="")
PAYLOADS = ['#eval("1 + 1")', '#read("/etc/passwd")', '#image("/etc/hostname")', "$x^2$", "*not bold*",
            "_not emph_", "[bracket] ] [", "<label> @ref", "// not a comment", "/* nor this */", "= not a heading",
            "- not a list", "+ nor this", r"back\slash \#", "`raw`", '"quoted" and \'single\'', "~ -- --- ...",
            '#"string";', "#}) ] #{", "\\u{41}"]


def page(body: str) -> str:
    return (f'<!DOCTYPE html><html lang="en"><body><article class="md-typeset" id="page-essay"><h1 id="t">Essay</h1>'
            f"{body}</article></body></html>")


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (Debian's poppler-utils) is needed to read the PDF"
    (tmp_path / "out.pdf").write_bytes(pdf)
    done = subprocess.run([pdftotext, "-raw", str(tmp_path / "out.pdf"), "-"], capture_output=True, text=True,
                          check=True)
    return done.stdout


def test_a_string_literal_holds_any_text() -> None:
    assert string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
    assert string("tab\there") == '"tab\\there"'


def test_an_id_becomes_a_label_only_where_typst_can_hold_it_and_made_up_labels_do_not_collide() -> None:
    writer = Writer(ids=set())
    assert [writer.label(i) for i in ("fn:2", "p12", "a b>", "ed-id-0", "x]<y")] == [
        "fn:2", "p12", "ed-id-2", "ed-id-3", "ed-id-4"]


def test_hostile_text_in_a_paragraph_and_a_note_comes_out_as_text(tmp_path: Path) -> None:
    escaped = [p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for p in PAYLOADS]
    paragraphs = "".join(f'<p id="p{n}">{p}</p>' for n, p in enumerate(escaped, 1))
    note = ('<p id="p99">Called<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.</p>'
            '<div class="footnote"><ol><li data-label="1" id="fn:1"><p>' + " ".join(escaped) + "</p></li></ol></div>")
    text = pdf_text(pdf_bytes(page(paragraphs + note), METADATA), tmp_path)
    lines = [line.strip() for line in text.splitlines()]
    for payload in PAYLOADS:
        assert payload in lines, payload  # each paragraph, word for word
    assert "".join(" ".join(PAYLOADS).split()) in "".join(text.split())  # the note, word for word
    assert "root:" not in text


def test_the_compiler_reads_nothing_outside_its_root() -> None:
    with pytest.raises(typst.TypstError, match="not found"):
        compile_markup('#read("/etc/passwd")', {}, 0)
    with pytest.raises(typst.TypstError, match="escape the project root"):
        compile_markup('#read("../../../../etc/passwd")', {}, 0)


def png(width: int, height: int) -> bytes:
    """A grey PNG of the given size."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def image_widths(pdf: bytes) -> list[float]:
    """The width, in points, at which each image of the PDF is drawn (the `cm` before each `Do`)."""
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(BytesIO(pdf))
    widths: list[float] = []
    for number, pdf_page in enumerate(reader.pages):
        matrices: list[list[float]] = [[1, 0, 0, 1, 0, 0]]
        for operands, operator in ContentStream(pdf_page.get_contents(), reader).operations:
            if operator == b"q":
                matrices.append(list(matrices[-1]))
            elif operator == b"Q":
                matrices.pop()
            elif operator == b"cm":
                a, b, c, d, e, f = (float(x) for x in operands)
                m = matrices[-1]
                matrices[-1] = [a * m[0] + b * m[2], a * m[1] + b * m[3], c * m[0] + d * m[2], c * m[1] + d * m[3],
                                e * m[0] + f * m[2] + m[4], e * m[1] + f * m[3] + m[5]]
            elif operator == b"Do" and number >= 0:
                widths.append(abs(matrices[-1][0]))
    return widths


def test_a_figure_wider_than_the_page_is_scaled_inside_the_text_block_and_a_small_one_is_not_enlarged() -> None:
    wide, small = (base64.b64encode(png(w, h)).decode("ascii") for w, h in ((4000, 200), (60, 40)))
    body = (f'<figure class="edition-figure"><img alt="A wide plan" src="data:image/png;base64,{wide}">'
            "<figcaption>The plan</figcaption></figure>"
            f'<figure class="edition-figure"><img alt="A stamp" src="data:image/png;base64,{small}"></figure>')
    markup, figures = pdf_markup(page(body), METADATA)
    assert sorted(figures) == ["figures/0.png", "figures/1.png"]
    assert f"#let ed-margin = {MARGIN_PT}pt" in markup
    text_width = A4_WIDTH - 2 * MARGIN_PT
    widths = image_widths(pdf_bytes(page(body), METADATA))
    assert len(widths) == 2
    assert text_width - 1 <= widths[0] <= text_width  # the wide one: the text block's width exactly
    assert widths[1] == 60  # the small one at its own size (Typst: 72 px an inch), not enlarged


def test_a_figure_typst_cannot_decode_is_set_as_its_description(tmp_path: Path) -> None:
    broken = base64.b64encode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").decode("ascii")
    body = f'<figure class="edition-figure"><img alt="A damaged map" src="data:image/png;base64,{broken}"></figure>'
    text = pdf_text(pdf_bytes(page(body), METADATA), tmp_path)
    assert "A damaged map" in text


def test_the_xmp_names_every_author_and_editor_the_date_the_address_and_the_licence(tmp_path: Path) -> None:
    resolved, diagnostics = checked(MINI, strict=True)
    assert resolved is not None and diagnostics == []
    mini = export_metadata(resolved, "1.2", "2026-01-02")
    assert (mini.authors, mini.editors, mini.date, mini.url, mini.licence) == (
        ("Vera Lindqvist",), ("Jonas Ek", "Maria Holm"), "2024-05-17", "https://editions.example.org/tarasova/",
        "CC BY 4.0")
    two = dataclasses.replace(mini, author="Vera Lindqvist and Per Sund", authors=("Vera Lindqvist", "Per Sund"))
    pdf = pdf_bytes(page("<p>Text</p>"), two, 1767323044)
    assert pdf == pdf_bytes(page("<p>Text</p>"), two, 1767323044)  # no current time, no random /ID
    with pikepdf.open(io.BytesIO(pdf)) as document:
        xmp = document.open_metadata()
        assert xmp["dc:title"] == mini.title
        assert xmp["dc:creator"] == ["Vera Lindqvist", "Per Sund"]
        assert xmp["dc:contributor"] == {"Jonas Ek", "Maria Holm"}
        assert (xmp["dc:date"], xmp["dc:identifier"], xmp["dc:rights"]) == (
            ["2024-05-17"], "https://editions.example.org/tarasova/", "CC BY 4.0")
        assert (xmp["dc:language"], xmp["pdf:Keywords"], xmp["pdfuaid:part"]) == ({"en"}, "version 1.2", "1")
        assert (xmp["xmp:CreateDate"], xmp["xmp:ModifyDate"]) == ("2024-05-17T00:00:00Z", "2024-05-17T00:00:00Z")
        assert "xmp:MetadataDate" not in xmp and "pdf:Producer" not in xmp  # pikepdf leaves no mark or time
        assert str(document.docinfo["/Creator"]).startswith("Typst ")
        assert "/StructTreeRoot" in document.Root and document.Root.MarkInfo.Marked
    (tmp_path / "out.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(tmp_path / "out.pdf")], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info


def test_without_editors_address_or_licence_the_xmp_has_none_of_them() -> None:
    with pikepdf.open(io.BytesIO(pdf_bytes(page("<p>Text</p>"), METADATA))) as document:
        xmp = document.open_metadata()
        assert [key for key in ("dc:contributor", "dc:identifier", "dc:rights") if key in xmp] == []
        assert (xmp["dc:creator"], xmp["dc:date"]) == (["An Author"], ["2026-01-02"])
