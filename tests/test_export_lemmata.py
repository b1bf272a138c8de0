"""Every export names the words each apparatus entry concerns (its lemma), as the site's Apparatus does."""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import html

from edition.exports import export as ex
from edition.exports import offline as export_site
from edition.load.folder import load
from edition.resolve.links import resolve


def lemmata(edition: Path) -> list[str]:
    """Each intervention's lemma with its closing bracket, in reading order, white space folded."""
    loaded, _ = load(edition)
    return [" ".join(p.lemma.split()) + "]" for p in resolve(loaded).interventions]


def entries(page: html.HtmlElement) -> list[str]:
    """The text of each apparatus entry of a page, white space folded."""
    return [" ".join(e.text_content().split()) for e in page.xpath('//*[contains(@class, "apparatus-entry")]')]


def unnamed(expected: list[str], texts: list[str]) -> list[tuple[str, str]]:
    """The entries that do not name their lemma (and a different number of entries is a mismatch too)."""
    assert len(texts) == len(expected)
    return [(lemma, text) for lemma, text in zip(expected, texts) if f" · {lemma} · " not in text]


def test_every_apparatus_entry_names_its_words_in_every_view(edition: Path, dist: Path,
                                                             single: html.HtmlElement) -> None:
    expected = lemmata(edition)
    assert "Reichwehr]" in expected and "President Beneš]" in expected and "…1937, p. 63 (my]" in expected
    with zipfile.ZipFile(dist / ex.ZIP_NAME) as archive:
        site = html.document_fromstring(archive.read(f"{export_site.ZIP_FOLDER}/apparatus.html"))
        popovers = [s.get("data-lemma", "") + "]" for s in html.document_fromstring(
            archive.read(f"{export_site.ZIP_FOLDER}/index.html")).xpath("//span[@data-intervention]")]
    with zipfile.ZipFile(dist / ex.EPUB_NAME) as archive:
        epub = [t for name in sorted(archive.namelist()) if name.endswith(".xhtml")
                for t in entries(html.document_fromstring(archive.read(name)))]
    views = {"site": unnamed(expected, entries(site)), "edition.html": unnamed(expected, entries(single)),
             "EPUB": unnamed(expected, epub), "popovers": [(a, b) for a, b in zip(expected, popovers) if a != b]}
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (Debian's poppler-utils) is needed to read the PDF"
    text = " ".join(subprocess.run([pdftotext, str(dist / ex.PDF_NAME), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    views["PDF"] = [(lemma, "") for lemma in expected if lemma not in text]
    assert {name: wrong for name, wrong in views.items() if wrong} == {}
