"""Live preview: regenerate the pages when a content file changes; MkDocs builds, serves and reloads.

The preview answers only requests addressed to 127.0.0.1 or localhost (another Host header is a page of some
other site whose name was pointed at this machine: DNS rebinding), gives its pages the Content-Security-Policy
of the built site, and keeps watching whatever fails: a rebuild that raises shows the error page instead.
"""
from __future__ import annotations

import errno
import shutil
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable

from mkdocs.livereload import LiveReloadServer

from edition.load.folder import CONTENT
from edition.model import Diagnostic, internal_error
from edition.site.build import checked, generate, report
from edition.site.csp import with_csp
from edition.site.write import write_tree

BUILD_DIR = "build"
HOSTS = ("127.0.0.1", "localhost")


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
    # An indented code block: the messages are shown, never interpreted. Each diagnostic is one line (its line
    # breaks and other controls are escapes), so no text of the edition can end the block and start markup.
    code = "\n".join("    " + line for line in lines)
    return ("# The edition has errors { #edition-errors }\n\nThe last save could not be built. This page reloads "
            "by itself "
            f"when the errors are fixed.\n\n{code}\n")


def show_errors(docs: Path, diagnostics: list[Diagnostic]) -> None:
    """Put the error page in place of every page of the preview, so the browser shows it wherever it is."""
    page = error_page(diagnostics)
    write_tree(docs, {PurePosixPath(p.name): page for p in docs.glob("*.md")})


def regenerate(root: Path) -> bool:
    """Render the pages again; on content errors, or on any failure, show them in the browser instead of the
    last good pages."""
    docs = root / BUILD_DIR / "docs"
    try:
        resolved, diagnostics = checked(root, strict=False)
        if resolved is not None:
            generate(resolved, docs, root / BUILD_DIR / "site")
    except Exception as exc:  # noqa: BLE001 - the preview must go on watching whatever went wrong
        resolved, diagnostics = None, [internal_error(exc)]
    report(diagnostics, strict=False, wrote=resolved is not None)
    if resolved is None and docs.is_dir():
        show_errors(docs, diagnostics)
    return resolved is not None


def watch(root: Path, stop: threading.Event, interval: float = 0.1,
          rebuilt: Callable[[], None] = lambda: None) -> None:
    """Poll the content files and regenerate on every change; then ask MkDocs to build at once (rather than
    when its own polling of the pages' folder notices them, up to half a second later)."""
    seen = snapshot(root)
    while not stop.wait(interval):
        try:
            now = snapshot(root)
        except OSError:  # a file deleted between listing and reading its time: look again
            continue
        if now != seen:
            seen = now
            started = time.perf_counter()
            if regenerate(root):
                print(f"pages regenerated in {time.perf_counter() - started:.2f} s", file=sys.stderr)
            rebuilt()  # the new pages, or the error page


def host_allowed(host: str, port: int) -> bool:
    """Whether a request's Host header names this preview: 127.0.0.1 or localhost, with its port or none."""
    return host in HOSTS or host in {f"{name}:{port}" for name in HOSTS}


# MkDocs' live-reload script ends in a call with two values that change on every request; written as a call that
# reads them from its element's data- attributes, its text is one constant that the policy names by hash.
RELOAD_CALL = "livereload(${epoch}, ${request_id});"
RELOAD_CONSTANT = "livereload(+document.currentScript.dataset.epoch, +document.currentScript.dataset.request);"


def reload_script() -> str:
    """MkDocs' live-reload script with its values read from data- attributes (one text for every page)."""
    from mkdocs.livereload import _SCRIPT_TEMPLATE

    template = _SCRIPT_TEMPLATE.template
    if RELOAD_CALL not in template:
        raise RuntimeError("MkDocs' live-reload script changed: edition/serve.py must follow it")
    return template.replace(RELOAD_CALL, RELOAD_CONSTANT)


def with_reload(page: bytes, epoch: int, request: int) -> bytes:
    """A preview page with the live-reload script before </body>, and the site's policy plus that script's hash
    (the script is the preview's own, never read from the page)."""
    script = reload_script()
    end = page.rfind(b"</body>")
    end = len(page) if end < 0 else end
    element = f'<script data-epoch="{int(epoch)}" data-request="{int(request)}">{script}</script>'.encode("utf-8")
    return with_csp((page[:end] + element + page[end:]).decode("utf-8"), (script,)).encode("utf-8")


def with_policy(page: bytes) -> bytes:
    """A preview page without the live-reload script (MkDocs' 404) with the built site's policy."""
    return with_csp(page.decode("utf-8")).encode("utf-8")


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, answering only requests for 127.0.0.1 or localhost, its pages with the
    Content-Security-Policy of the built site."""

    bound = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.port = kwargs["port"]
        self.set_app(self.guarded)

    def rebuild_now(self) -> None:
        """Build at once, as MkDocs' own watcher does when it notices a change (its condition and flag)."""
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def bind(self) -> None:
        """Take the port now, before anything is built, so that a busy one is said at once."""
        self.server_bind()
        self.server_activate()
        self.bound = True

    def server_bind(self) -> None:
        """Bind once (serve() binds again)."""
        if not self.bound:
            super().server_bind()

    def server_activate(self) -> None:
        """Listen once (serve() listens again)."""
        if not self.bound:
            super().server_activate()

    def guarded(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """403 for any other Host; else MkDocs' answer."""
        if not host_allowed(environ.get("HTTP_HOST", ""), self.port):
            start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"403 Forbidden: the preview answers only http://127.0.0.1 and http://localhost\n"]
        answer: Iterable[bytes] = self.serve_request(environ, start_response)
        return answer

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        """The page with the live-reload script and the policy that allows it (MkDocs' own would be refused)."""
        return with_reload(content, epoch, round(time.monotonic() * 1000))


def error_file(site_dir: Path, code: int) -> bytes | None:
    """MkDocs' 404 page for a missing file, with the policy (None: MkDocs' plain text)."""
    page = site_dir / "404.html"
    return with_policy(page.read_bytes()) if code == 404 and page.is_file() else None


def mkdocs_builder(config_file: Path, site_dir: str, port: int, docs: Path) -> tuple[Any, Callable[[], None]]:
    """MkDocs' configuration for the preview and the function that builds it into site_dir; a build that
    raises puts the error page in place of the pages and builds that instead."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def config() -> Any:
        loaded = load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=f"127.0.0.1:{port}")
        loaded.site_url = f"http://127.0.0.1:{port}/"
        return loaded

    def builder() -> None:
        try:
            build(config(), serve_url=f"http://127.0.0.1:{port}/")
        except Exception as exc:  # noqa: BLE001 - MkDocs failing on generated pages must not stop the preview
            show_errors(docs, [internal_error(exc)])
            build(config(), serve_url=f"http://127.0.0.1:{port}/")

    return config(), builder


def serve(root: Path, port: int, prog: str = "edition") -> int:
    """Serve the edition on 127.0.0.1:PORT until interrupted; 2 when the port is taken."""
    if not regenerate(root):
        return 1
    site_dir = tempfile.mkdtemp(prefix="edition-preview-")
    config, builder = mkdocs_builder(root / BUILD_DIR / "mkdocs.yml", site_dir, port, root / BUILD_DIR / "docs")
    server = PreviewServer(builder=builder, host="127.0.0.1", port=port, root=site_dir)
    server.error_handler = partial(error_file, Path(site_dir))
    try:
        server.bind()
    except OSError as exc:
        busy = exc.errno == errno.EADDRINUSE
        print(f"{prog}: error: port {port} is {'already in use' if busy else 'not available'}"
              f"{'; choose another with --port' if busy else f' ({exc.strerror})'}", file=sys.stderr)
        server.server_close()
        shutil.rmtree(site_dir, ignore_errors=True)
        return 2
    return run(root, server, builder, config, site_dir)


def run(root: Path, server: PreviewServer, builder: Callable[[], None], config: Any, site_dir: str) -> int:
    """Build once, watch the content, serve until interrupted."""
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(root, stop), kwargs={"rebuilt": server.rebuild_now},
                               daemon=True)
    try:
        builder()
        # MkDocs watches only the generated mkdocs.yml (a watched path is what makes it add the live-reload
        # script; the file changes only with the navigation): only regenerate() writes the pages, and the
        # content watcher asks for the build as soon as it has (watching the pages too would build them all
        # twice, the second time up to half a second later).
        server.watch(str(root / BUILD_DIR / "mkdocs.yml"))
        watcher.start()
        print(f"serving the edition on http://127.0.0.1:{server.port}/ (it rebuilds on every save; Ctrl-C stops)",
              flush=True)
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0
