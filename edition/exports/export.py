"""Exports for reading without a server: the offline site as a zip, one self-contained HTML file, a PDF, an EPUB.

`python build_site.py export` writes dist/edition-site.zip, dist/edition.html, dist/edition.pdf,
dist/edition.epub and dist/edition.tei.xml. The
functions that make their contents are pure; `write_exports` alone writes to disk, into a work folder
swapped in for dist/ only once everything is made, so a failed export leaves the previous dist/ as it was.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Mapping

from edition.check.images import published_files
from edition.check.meta import EditionMeta, edition_meta
from edition.exports.epub import epub_bytes
from edition.exports.epubcheck import epubcheck_started
from edition.exports.meta import ExportMetadata, export_metadata
from edition.exports.offline import offline_site, site_files, zip_bytes
from edition.exports.pdf import PdfUnavailable, pdf_bytes
from edition.exports.single_html import ExportError, single_html
from edition.exports.tei.writer import tei_bytes
from edition.load.folder import load_assets
from edition.load.limits import export_too_large
from edition.model import Diagnostic, Loc, error, internal_error
from edition.pages import EPUB_NAME, HTML_NAME, PDF_NAME, TEI_NAME, ZIP_NAME
from edition.render.markdown import render_pages
from edition.resolve.links import Resolved
from edition.site.build import checked, mkdocs_diagnostics, output_diagnostics, own_scripts, report
from edition.site.outputcheck import EPUB_XML, Output, site_output, zip_members
from edition.site.outputs import MARKER, MARKER_TEXT
from edition.site.stamp import build_date, build_epoch
from edition.site.write import make_workdir, remove, remove_stale, replace_dir

PDF_INSTALL = "install Typst's Python binding and pikepdf ('pip install typst pikepdf')"


def write_exports(dist: Path, files: Mapping[str, bytes]) -> None:
    """Write every export into a fresh folder beside dist/ and swap it in; on failure dist/ stays as it was."""
    remove_stale(dist)
    work = make_workdir(dist)
    try:
        out = work / "out"
        out.mkdir()
        for name, data in sorted({**files, MARKER: MARKER_TEXT.encode("utf-8")}.items()):  # marked: ours
            (out / name).write_bytes(data)
        replace_dir(out, dist)
    finally:
        remove(work)


def export_outputs(exports: Mapping[str, bytes], own: frozenset[str] = frozenset()) -> dict[str, Output]:
    """Each export a browser or a reader opens, by its label, as an output for the output check: the offline
    site's zip members, edition.html, the EPUB's members (their pages are XHTML; a reader does not read the policy)."""
    outputs: dict[str, Output] = {}
    if ZIP_NAME in exports:
        outputs[ZIP_NAME] = site_output(zip_members(exports[ZIP_NAME]), own)
    if HTML_NAME in exports:
        outputs[""] = Output({HTML_NAME: exports[HTML_NAME]})
    if EPUB_NAME in exports:
        outputs[EPUB_NAME] = Output(zip_members(exports[EPUB_NAME]), EPUB_XML, needs_policy=False)
    return outputs


def export_diagnostics(label: str, exports: Mapping[str, bytes], own: frozenset[str]) -> list[Diagnostic]:
    """The output check's findings in every export, located inside it ('dist/edition-site.zip/…/index.html:12')."""
    return [d for name, output in export_outputs(exports, own).items()
            for d in output_diagnostics("/".join(filter(None, (label, name))), output)]


def export_stamp(version: str, epoch: str | None, meta: EditionMeta) -> tuple[str, str]:
    """The version and date an export shows: git's when known, else the edition's own (front matter)."""
    date = build_date(build_epoch(epoch)) if epoch or not meta.date else meta.date
    return version or meta.version, date


def export(root: Path, dist: Path, strict: bool, version: str) -> int:
    """`build_site.py export`: the zip, the HTML file and the PDF into dist/; 0, 1 content errors, 2 Typst's."""
    resolved, diagnostics = checked(root, strict)
    if resolved is None:
        return report(diagnostics, strict, wrote=False)
    try:
        return export_resolved(resolved, diagnostics, dist, strict, version)
    except Exception as exc:  # noqa: BLE001 - a stage that fails is a diagnostic; dist/ stays as it was
        return report([*diagnostics, internal_error(exc)], strict, wrote=False)


def finish_exports(resolved: Resolved, files: dict[str, bytes], page: str, rendered: tuple[Any, Any],
                   metadata: ExportMetadata, stamp: tuple[str, str, int], label: str, strict: bool) -> int | None:
    """The TEI, the output check of every export and the PDF, added to files; None, or the exit status where
    the export stops here."""
    (pages, extensions), (version, date, epoch) = rendered, stamp
    files[TEI_NAME] = tei_bytes(resolved, pages, extensions, version, date)
    unsafe = export_diagnostics(label, files, own_scripts(resolved))
    if unsafe:
        return report(unsafe, strict, wrote=True)
    try:
        files[PDF_NAME] = pdf_bytes(page, metadata, epoch)
    except PdfUnavailable as exc:
        print(f"build_site.py: warning: PDF skipped: {exc}; {PDF_INSTALL}", file=sys.stderr)
    except Exception as exc:  # Typst failed on the page: write nothing, keep the previous dist/
        print(f"build_site.py: error: PDF: Typst failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    return None


def export_resolved(resolved: Resolved, diagnostics: list[Diagnostic], dist: Path, strict: bool, version: str) -> int:
    """The exports of content that passed the checks."""
    edition = resolved.edition
    files_in_order = [p.file for p in edition.parts] + [n.file for n in edition.notes] + list(edition.pages)
    too_large = export_too_large([(f.loc.path, len(f.body)) for f in files_in_order])
    if too_large:
        return report([*diagnostics, error(Loc(too_large[0]), too_large[1], "export-too-large")], strict, wrote=False)
    epoch = build_epoch(os.environ.get("SOURCE_DATE_EPOCH"))
    meta = edition_meta(resolved.edition)
    version, date = export_stamp(version, os.environ.get("SOURCE_DATE_EPOCH"), meta)
    work = make_workdir(dist)
    try:
        config, messages = offline_site(resolved, work, version, date)
        diagnostics += mkdocs_diagnostics(messages)
        if report(diagnostics, strict, wrote=True):
            return 1
        files = {ZIP_NAME: zip_bytes(site_files(work / "site"), epoch)}
    finally:
        remove(work)
    pages, extensions, assets = render_pages(resolved), config.get("markdown_extensions", []), load_assets()
    metadata = export_metadata(resolved, version, date)
    try:
        page = single_html(resolved, pages, extensions, assets, version, date)
        files[EPUB_NAME] = epub_bytes(resolved.edition.meta, resolved.edition.config, pages, extensions, assets,
                                      metadata, epoch, published_files(resolved.edition))
    except ExportError as exc:
        print(f"build_site.py: error: {exc}", file=sys.stderr)
        return 1
    files[HTML_NAME] = page.encode("utf-8")
    # epubcheck reads the EPUB while the TEI and the PDF are made
    with epubcheck_started(files[EPUB_NAME], EPUB_NAME) as epub_errors:
        failed = finish_exports(resolved, files, page, (pages, extensions), metadata, (version, date, epoch),
                                dist.name, strict)
        if failed is None:
            refused = epub_errors()
            if refused:
                print("build_site.py: error: epubcheck refuses the EPUB: " + "; ".join(refused[:10]),
                      file=sys.stderr)
                failed = 1
    if failed is not None:
        return failed
    write_exports(dist, files)
    return 0
