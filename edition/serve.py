"""Live preview: regenerate the pages when a content file changes; MkDocs serves and reloads."""
from __future__ import annotations

import sys
import threading
import time
from pathlib import Path, PurePosixPath

from .build import checked, generate, report
from .load import CONTENT
from .model import Diagnostic
from .write import write_tree

BUILD_DIR = "build"


def snapshot(root: Path) -> dict[Path, float]:
    """Modification times of every content file (a new or deleted file changes it too)."""
    times: dict[Path, float] = {}
    for name in CONTENT:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        times.update({f: f.stat().st_mtime for f in files})
    return times


def error_page(diagnostics: list[Diagnostic]) -> str:
    """A page listing the diagnostics, shown in place of every page until the content builds again."""
    lines = [str(d) for d in sorted(set(diagnostics), key=Diagnostic.sort_key) if d.severity == "error"]
    code = "\n".join("    " + line for line in lines)  # a code block: the messages are shown, never interpreted
    return ("# The edition has errors\n\nThe last save could not be built. This page reloads by itself "
            f"when the errors are fixed.\n\n{code}\n")


def show_errors(docs: Path, diagnostics: list[Diagnostic]) -> None:
    """Put the error page in place of every page of the preview, so the browser shows it wherever it is."""
    page = error_page(diagnostics)
    write_tree(docs, {PurePosixPath(p.name): page for p in docs.glob("*.md")})


def regenerate(root: Path) -> bool:
    """Render the pages again; on content errors show them in the browser instead of the last good pages."""
    resolved, diagnostics = checked(root, strict=False)
    report(diagnostics, strict=False, wrote=resolved is not None)
    docs = root / BUILD_DIR / "docs"
    if resolved is None:
        if docs.is_dir():
            show_errors(docs, diagnostics)
        return False
    generate(resolved, docs, root / BUILD_DIR / "site")
    return True


def watch(root: Path, stop: threading.Event, interval: float = 0.1) -> None:
    """Poll the content files and regenerate on every change."""
    seen = snapshot(root)
    while not stop.wait(interval):
        now = snapshot(root)
        if now != seen:
            seen = now
            started = time.perf_counter()
            if regenerate(root):
                print(f"pages regenerated in {time.perf_counter() - started:.2f} s", file=sys.stderr)


def serve(root: Path, port: int) -> int:
    """Serve the edition on 127.0.0.1:PORT until interrupted."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    if not regenerate(root):
        return 1
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(root, stop), daemon=True)
    watcher.start()
    print(f"serving the edition on http://127.0.0.1:{port}/ (it rebuilds on every save; Ctrl-C stops)", flush=True)
    try:
        mkdocs_serve(str(root / BUILD_DIR / "mkdocs.yml"), livereload=True, dev_addr=f"127.0.0.1:{port}")
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return 0
