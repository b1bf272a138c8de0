"""The one place that knows the order: load, validate, resolve, render, write."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath

from edition.check.meta import edition_meta
from edition.check.validate import validate
from edition.load.folder import load, load_assets, load_memo
from edition.load.memo import MEMO_FILE, memo_text
from edition.model import Diagnostic, Loc, error, internal_error
from edition.model import shown as escaped
from edition.render.cite import citation_files
from edition.render.downloads import source_files
from edition.render.head import head_data, with_head
from edition.render.markdown import ASSET_DIR, edition_files, mkdocs_config, page_titles, render_pages, with_titles
from edition.render.recall import recall
from edition.resolve.links import Resolved, resolve
from edition.site.csp import with_csp
from edition.site.outputcheck import Output, check_output, edition_scripts, folder_files, site_output
from edition.site.outputs import MARKER, MARKER_TEXT
from edition.site.stamp import build_date, build_epoch
from edition.site.write import (
    make_workdir,
    remove,
    remove_stale,
    replace_dir,
    rewrite_pages,
    run_mkdocs,
    write_config,
    write_tree,
)


def report(diagnostics: list[Diagnostic], strict: bool, wrote: bool) -> int:
    """Print every diagnostic, sorted, and a summary; return the exit code."""
    diagnostics = sorted(set(diagnostics), key=Diagnostic.sort_key)  # one file read twice must not count twice
    for item in diagnostics:
        print(item, file=sys.stderr)
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    failed = errors > 0 or (strict and warnings > 0)
    if diagnostics:
        tail = "nothing written." if failed or not wrote else "site written."
        print(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}; {tail}",
              file=sys.stderr)
    return 1 if failed else 0


OVERRIDES = Path(__file__).parent / "overrides"  # the theme's head block: the pages' citation metadata


def checked(root: Path, strict: bool) -> tuple[Resolved | None, list[Diagnostic]]:
    """Load and validate; resolve only content that has no errors. An exception is a diagnostic too: `check`
    and `build` then say the same, and neither ends with a traceback."""
    try:
        edition, diagnostics = load(root)
        diagnostics += validate(edition)
        failed = any(d.severity == "error" for d in diagnostics) or (strict and diagnostics)
        return (None if failed else resolve(edition)), diagnostics
    except Exception as exc:  # noqa: BLE001 - reported with the rest; the previous site stays
        return None, [internal_error(exc)]


def generate(resolved: Resolved, docs: Path, site_dir: Path) -> Path:
    """Write the Markdown pages, assets and mkdocs.yml, and the memo beside them; return the config's path."""
    assets = {PurePosixPath(ASSET_DIR) / name: data for name, data in load_assets().items()}
    memo, meta, date = load_memo(docs.parent), edition_meta(resolved.edition), known_build_date()
    made = recall(resolved, memo, meta, date)
    pages = render_pages(resolved, made.formatted)
    write_tree(docs, {**edition_files(resolved), **with_titles(pages, page_titles(resolved)),
                      **citation_files(meta, date, made.bib), **source_files(resolved, made.items), **assets},
               prune=True)
    config_file = docs.parent / "mkdocs.yml"
    config = mkdocs_config(resolved, pages, [p.as_posix() for p in sorted(assets)], str(site_dir))
    write_config(config_file, with_head(config, head_data(resolved, meta, date, made.items), OVERRIDES))
    write_tree(docs.parent, {PurePosixPath(MEMO_FILE): memo_text(memo.stamp, made.kept)})
    return config_file


def known_build_date() -> str:
    """The last commit's date when the build knows it (SOURCE_DATE_EPOCH), else ''."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return build_date(build_epoch(epoch)) if epoch else ""


def mkdocs_diagnostics(messages: list[str]) -> list[Diagnostic]:
    """MkDocs' complaints about the generated pages, as diagnostics."""
    return [error(Loc("mkdocs"), f"MkDocs: {m}", "mkdocs") for m in messages]


def output_diagnostics(label: str, output: Output) -> list[Diagnostic]:
    """The output check's findings in an output, located by the output's name ('site/index.html:12')."""
    return [error(Loc(f"{label}/{f.path}", f.line), f.message, "unsafe-output") for f in check_output(output)]


def own_scripts(resolved: Resolved) -> frozenset[str]:
    """The editor's own scripts (extra_javascript), by sha256, as loaded from the edition's folder."""
    return edition_scripts(resolved.edition.files, resolved.edition.config)


def published(site: Path, label: str, own: frozenset[str]) -> list[Diagnostic]:
    """Give a freshly built site's pages their policy, then check every file of it before it is swapped in."""
    rewrite_pages(site, with_csp)
    return output_diagnostics(label, site_output(folder_files(site), own))


def plural(count: int, word: str) -> str:
    """'1 note', '33 notes'."""
    return f"{count} {word}{'s' * (count != 1)}"


def summary(resolved: Resolved, pages: int) -> str:
    """What a build made: 'built 8 pages, 33 notes, 50 sources'."""
    edition = resolved.edition
    return f"{plural(pages, 'page')}, {plural(len(edition.notes), 'note')}, {plural(len(edition.sources), 'source')}"


def build(root: Path, out: Path, strict: bool) -> int:
    """Build the site into a work folder and swap it in only when all went well."""
    started = time.perf_counter()
    resolved, diagnostics = checked(root, strict)
    if resolved is None:
        return report(diagnostics, strict, wrote=False)
    remove_stale(out)
    work, docs = make_workdir(out), sources_dir(out) / "docs"
    try:
        try:
            config_file = generate(resolved, docs, work / "site")
            diagnostics += (mkdocs_diagnostics(run_mkdocs(config_file, strict=True))
                            or published(work / "site", out.name, own_scripts(resolved)))
        except Exception as exc:  # noqa: BLE001 - a stage that fails is one more diagnostic, the site untouched
            diagnostics.append(internal_error(exc))
        if report(diagnostics, strict, wrote=True):
            return 1
        write_tree(work / "site", {PurePosixPath(MARKER): MARKER_TEXT})  # the next build may replace it
        replace_dir(work / "site", out)
        pages = len(list(docs.glob("*.md")))
        print(f"built {summary(resolved, pages)} in {time.perf_counter() - started:.1f} s → {shown(out, root)}/")
        return 0
    finally:
        remove(work)


def sources_dir(out: Path) -> Path:
    """Where MkDocs' input for an output folder is kept between builds (.site.src/ beside site/), under the
    output's lock: a rebuild then rewrites only the pages and files that changed."""
    return out.parent / f".{out.name}.src"


def shown(path: Path, root: Path) -> str:
    """A path as the editor knows it: relative to the edition's folder where it lies inside it."""
    return escaped(path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path))


def check_content(root: Path, strict: bool) -> int:
    """Validate the content only; say so in one line when all is well."""
    resolved, diagnostics = checked(root, strict)
    code = report(diagnostics, strict, False)
    if code == 0 and resolved is not None:
        edition = resolved.edition
        print(f"checked {plural(len(edition.parts), 'part')}, {plural(len(edition.notes), 'note')}, "
              f"{plural(len(edition.sources), 'source')}: no errors")
    return code


def commit_time(root: Path) -> str | None:
    """The last commit's time, for reproducible timestamps (None outside git)."""
    try:
        done = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                              capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout.strip() or None


def describe(root: Path) -> str:
    """The edition's version for the exports: the short commit, '-dirty' for uncommitted changes ('' outside git)."""
    try:
        done = subprocess.run(["git", "-C", str(root), "describe", "--always", "--dirty"],
                              capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
