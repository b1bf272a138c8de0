"""The command line: `edition build|check|serve|export|new|import` (and `python build_site.py …`), dispatched
here alone."""
from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from edition.model import shown as escaped
from edition.site.build import build, check_content, commit_time, describe, shown
from edition.site.outputs import out_problem
from edition.site.write import BuildBusy, build_lock, source_date_epoch

COMMANDS = ("build", "check", "serve", "export", "new", "import")


def parser(prog: str) -> argparse.ArgumentParser:
    """The command line."""
    cli = argparse.ArgumentParser(prog=prog, description="Build a digital critical edition of an essay.")
    cli.add_argument("command", choices=COMMANDS)
    cli.add_argument("folder", nargs="?", help="with new: the folder to create the edition in; with import: the "
                     "manuscript (.md with footnotes, or .docx where pandoc is installed)")
    cli.add_argument("target", nargs="?", help="with import: the folder to create (default: named after the file)")
    cli.add_argument("--root", default=".", help="the edition's folder (default: here)")
    cli.add_argument("--out", default=None, help="where the site goes (default: ROOT/site)")
    cli.add_argument("--strict", action="store_true", help="warnings fail the build too")
    cli.add_argument("--port", type=int, default=8000, help="port for serve")
    cli.add_argument("--built", action="store_true", help="with check: check the links of the built site instead")
    return cli


def new(folder: str | None, prog: str) -> int:
    """`new DIR`: a minimal edition that builds at once."""
    from edition.new import create

    if not folder:
        print(f"{prog}: error: new needs a folder: {prog} new DIR", file=sys.stderr)
        return 2
    return create(Path(folder), prog)


def export_timed(root: Path, out: Path, strict: bool) -> int:
    """`export`, with one line saying what it wrote."""
    from edition.exports.export import export

    started = time.perf_counter()
    code = export(root, out, strict, describe(root))
    if code == 0:
        names = ", ".join(sorted(p.name for p in out.iterdir() if not p.name.startswith(".")))  # not the marker
        print(f"exported {names} in {time.perf_counter() - started:.1f} s → {shown(out, root)}/")
    return code


def locked(command: str, root: Path, out: Path, strict: bool, prog: str) -> int:
    """build or export, with a lock on the output folder."""
    try:
        with build_lock(out):  # two builds into one folder would corrupt it; other folders are independent
            if command == "export":  # dist/: the offline site as a zip, one HTML file, a PDF
                return export_timed(root, out, strict)
            return build(root, out, strict)
    except BuildBusy as exc:
        print(f"{prog}: error: {escaped(str(exc))}", file=sys.stderr)
        return 2


def main(argv: Sequence[str] | None = None, prog: str = "edition") -> int:
    """Run a command; 0 success, 1 content errors, 2 usage or environment errors."""
    args = parser(prog).parse_args(argv)
    if args.command == "new":
        return new(args.folder, prog)
    if args.command == "import":
        if not args.folder:
            print(f"{prog}: error: import needs a file: {prog} import FILE [DIR]", file=sys.stderr)
            return 2
        from edition.importer import import_manuscript
        return import_manuscript(Path(args.folder), Path(args.target) if args.target else None, prog)
    root = Path(args.root).resolve()
    if not root.is_dir():
        print(f"{prog}: error: no such folder: {escaped(args.root)}", file=sys.stderr)
        return 2
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    source_date_epoch(commit_time(root))
    if args.command == "serve":  # writes only build/, so it needs no lock against builds
        from edition.serve import serve
        return serve(root, args.port, prog)
    if args.command == "check" and not args.built:
        return check_content(root, args.strict)
    out = Path(args.out).resolve() if args.out else root / ("dist" if args.command == "export" else "site")
    if args.command == "check":
        from edition.exports.linkcheck import (
            check_built,  # only `check --built` reads built pages: not on the build's path
        )

        return check_built(out, out.parent / "dist", root)  # the exports beside the site
    problem = out_problem(root, out)  # before the lock, which writes beside the output
    if problem:
        print(f"{prog}: error: cannot write the output into {out}: {problem}", file=sys.stderr)
        return 2
    return locked(args.command, root, out, args.strict, prog)


def run(prog: str = "edition") -> int:
    """The command as a process (the installed `edition`, `build_site.py`): main(), then leave nothing for the
    garbage collector to walk on the way out."""
    code = main(prog=prog)
    # Python's finalization searches every object still alive for garbage (the loaded edition, MkDocs' pages,
    # the imported modules): about 0.07 s at the end of a build, to free memory the system frees anyway. Frozen,
    # they are passed over; atexit handlers, the flushing of streams and the modules' teardown still run.
    gc.freeze()
    return code
