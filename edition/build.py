"""The one place that knows the order: load, validate, resolve, render, write."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import Sequence

from .cite import citation_files
from .csp import with_csp
from .linkcheck import check_exports, check_site
from .load import load, load_assets
from .model import Diagnostic, Loc, error
from .render import ASSET_DIR, mkdocs_config, page_titles, render_pages, with_titles
from .resolve import Resolved, resolve
from .validate import validate
from .write import (
    BuildBusy,
    build_lock,
    make_workdir,
    remove,
    remove_stale,
    replace_dir,
    rewrite_pages,
    run_mkdocs,
    source_date_epoch,
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


def checked(root: Path, strict: bool) -> tuple[Resolved | None, list[Diagnostic]]:
    """Load and validate; resolve only content that has no errors."""
    edition, diagnostics = load(root)
    diagnostics += validate(edition)
    failed = any(d.severity == "error" for d in diagnostics) or (strict and diagnostics)
    return (None if failed else resolve(edition)), diagnostics


def generate(resolved: Resolved, docs: Path, site_dir: Path) -> Path:
    """Write the Markdown pages, assets and mkdocs.yml; return the config's path."""
    assets = {PurePosixPath(ASSET_DIR) / name: data for name, data in load_assets().items()}
    pages = render_pages(resolved)
    write_tree(docs, {**with_titles(pages, page_titles(resolved)), **citation_files(resolved.edition.meta), **assets})
    config_file = docs.parent / "mkdocs.yml"
    write_config(config_file, mkdocs_config(resolved, pages, [p.as_posix() for p in sorted(assets)], str(site_dir)))
    return config_file


def mkdocs_diagnostics(messages: list[str]) -> list[Diagnostic]:
    """MkDocs' complaints about the generated pages, as diagnostics."""
    return [error(Loc("mkdocs"), f"MkDocs: {m}", "mkdocs") for m in messages]


def build(root: Path, out: Path, strict: bool) -> int:
    """Build the site into a work folder and swap it in only when all went well."""
    resolved, diagnostics = checked(root, strict)
    if resolved is None:
        return report(diagnostics, strict, wrote=False)
    remove_stale(out)
    work = make_workdir(out)
    try:
        config_file = generate(resolved, work / "docs", work / "site")
        diagnostics += mkdocs_diagnostics(run_mkdocs(config_file, strict=True))
        if report(diagnostics, strict, wrote=True):
            return 1
        rewrite_pages(work / "site", with_csp)
        replace_dir(work / "site", out)
        return 0
    finally:
        remove(work)


def check_built(out: Path, dist: Path) -> int:
    """Check the links and the safety of a built site and of the exports beside it; 2 when there is no site."""
    if not out.is_dir():
        print(f"build_site.py: error: no built site at {out}; run 'build' first", file=sys.stderr)
        return 2
    problems = check_site(out)
    checked_what = f"{out.name}/"
    if dist.is_dir():
        problems += check_exports(dist)
        checked_what += f" and {dist.name}/"
    for problem in problems:
        print(problem, file=sys.stderr)
    unsafe = sum(p.code == "unsafe-output" for p in problems)
    links = len(problems) - unsafe
    print(f"{links} link problem{'s' * (links != 1)} in {checked_what}", file=sys.stderr)
    if unsafe:
        print(f"{unsafe} unsafe item{'s' * (unsafe != 1)} in {checked_what}", file=sys.stderr)
    return 1 if problems else 0


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


def parser() -> argparse.ArgumentParser:
    """The command line."""
    cli = argparse.ArgumentParser(prog="build_site.py", description="Build the critical edition.")
    cli.add_argument("command", choices=("build", "check", "serve", "export"))
    cli.add_argument("--root", default=".", help="the edition's folder (default: here)")
    cli.add_argument("--out", default=None, help="where the site goes (default: ROOT/site)")
    cli.add_argument("--strict", action="store_true", help="warnings fail the build too")
    cli.add_argument("--port", type=int, default=8000, help="port for serve")
    cli.add_argument("--built", action="store_true", help="with check: check the links of the built site instead")
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; 0 success, 1 content errors, 2 usage or environment errors."""
    args = parser().parse_args(argv)
    root = Path(args.root).resolve()
    if not root.is_dir():
        print(f"build_site.py: error: no such folder: {args.root}", file=sys.stderr)
        return 2
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    source_date_epoch(commit_time(root))
    if args.command == "serve":  # writes only build/, so it needs no lock against builds
        from .serve import serve
        return serve(root, args.port)
    if args.command == "check" and not args.built:
        return report(checked(root, args.strict)[1], args.strict, False)
    out = Path(args.out).resolve() if args.out else root / ("dist" if args.command == "export" else "site")
    if args.command == "check":
        return check_built(out, out.parent / "dist")  # the exports beside the site
    try:
        with build_lock(out):  # two builds into one folder would corrupt it; other folders are independent
            if args.command == "export":  # dist/: the offline site as a zip, one HTML file, a PDF
                from .export import export
                return export(root, out, args.strict, describe(root))
            return build(root, out, args.strict)
    except BuildBusy as exc:
        print(f"build_site.py: error: {exc}", file=sys.stderr)
        return 2
