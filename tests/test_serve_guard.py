"""The live preview's guards, over HTTP without a browser: only Host 127.0.0.1/localhost is answered, pages carry
the site's Content-Security-Policy, a file name with line breaks and markup is shown as text on the error page, a
rebuild that raises is shown there too while the watching goes on, a busy port is one line."""
from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import markdown
import pytest
from editions import BUILD_SITE, MINI
from lxml import etree

from edition import serve as serve_module
from edition.model import Loc, error


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str = "/", host: str | None = None) -> tuple[int, str]:
    """Status and body of a GET to the preview, with the Host header given (else 127.0.0.1:port)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host if host is not None else f"127.0.0.1:{port}"})
        answer = connection.getresponse()
        return answer.status, answer.read().decode("utf-8", "replace")
    finally:
        connection.close()


def until(condition: object, timeout: float = 60) -> None:
    """Wait for a condition on the preview (a callable returning true), polling."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():  # type: ignore[operator]
                return
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail("the preview never reached the expected state")


def start(root: Path, port: int) -> subprocess.Popen[str]:
    """`serve` on a port, as an editor starts it."""
    return subprocess.Popen([sys.executable, str(BUILD_SITE), "serve", "--root", str(root), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(BUILD_SITE.parent)})


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """The mini edition served on a free port; stopped afterwards."""
    root = shutil.copytree(MINI, tmp_path / "edition")
    port = free_port()
    server = start(root, port)
    try:
        until(lambda: get(port)[0] == 200)
        yield root, port
    finally:
        server.terminate()
        server.communicate(timeout=30)


def article(page: str) -> etree._Element:
    """A served page, parsed."""
    return etree.fromstring(page, etree.HTMLParser())


def test_only_requests_for_127_0_0_1_or_localhost_are_answered(preview: tuple[Path, int]) -> None:
    _, port = preview
    answers = {host: get(port, host=host)[0] for host in (
        f"127.0.0.1:{port}", "127.0.0.1", f"localhost:{port}", "localhost", "evil.example", f"evil.example:{port}",
        f"127.0.0.1.evil.example:{port}", f"localhost:{port}.evil.example", "", "[::1]")}
    assert answers == {f"127.0.0.1:{port}": 200, "127.0.0.1": 200, f"localhost:{port}": 200, "localhost": 200,
                       "evil.example": 403, f"evil.example:{port}": 403, f"127.0.0.1.evil.example:{port}": 403,
                       f"localhost:{port}.evil.example": 403, "": 403, "[::1]": 403}
    assert get(port, host="evil.example") == (
        403, "403 Forbidden: the preview answers only http://127.0.0.1 and http://localhost\n")


def test_preview_pages_carry_the_policy_allowing_their_own_scripts(preview: tuple[Path, int]) -> None:
    from edition.site.csp import META_NAME, policy, policy_for, shipped_scripts, shipped_styles

    _, port = preview
    with_reload = policy_for(shipped_scripts() | {serve_module.reload_script()}, shipped_styles())
    for path, expected in (("/", with_reload), ("/sources.html", with_reload), ("/no-such-page/", policy())):
        page = article(get(port, path)[1])
        metas = [m.get("content") for m in page.iter("meta") if m.get("http-equiv") == META_NAME]
        assert metas == [expected], path  # the live-reload script's constant text, named by hash


def test_a_file_name_with_line_breaks_and_markup_is_text_on_the_error_page(preview: tuple[Path, int]) -> None:
    root, port = preview
    name = "x\n\n<img src=x onerror=alert(1)>\n```\n<script>alert(2)<\\script>"  # no '/' in a file name
    (root / "footnotes" / f"{name}.md").write_text('---\nlabel: "9"\n---\nText.\n', encoding="utf-8")
    until(lambda: "The edition has errors" in get(port)[1])
    page = article(get(port)[1])
    assert [e.tag for e in page.iter("img", "script") if e.get("src") == "x" or "alert" in (e.text or "")] == []
    shown = name.replace("\n", "\\n")
    assert [pre.xpath("string()") for pre in page.iter("pre")] == [
        f"footnotes/{shown}.md:1: error: note file name '{shown}' is not an id (letters, digits, '_', ':', '.' and "
        "'-'); rename the file [note-id]\n"
        f"footnotes/{shown}.md:1: error: note '{shown}' is never referenced from essay/ [note-unused]\n"]
    (root / "footnotes" / f"{name}.md").unlink()
    until(lambda: "The edition has errors" not in get(port)[1])  # and it keeps watching


def test_a_rebuild_that_raises_is_shown_and_the_watching_goes_on(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = shutil.copytree(MINI, tmp_path / "edition")
    assert serve_module.regenerate(root)
    calls: list[int] = []

    def broken(*_: object) -> None:
        calls.append(1)
        raise RuntimeError("generate <b>broke</b>")

    monkeypatch.setattr(serve_module, "generate", broken)
    assert not serve_module.regenerate(root)
    page = (root / "build" / "docs" / "index.md").read_text(encoding="utf-8")
    assert page.endswith("\n\n    .:1: error: internal error: RuntimeError: generate <b>broke</b> (please report it) "
                         "[internal]\n")
    monkeypatch.undo()
    assert serve_module.regenerate(root) and calls == [1]
    assert "The edition has errors" not in (root / "build" / "docs" / "index.md").read_text(encoding="utf-8")


def test_the_error_page_is_markdown_that_shows_every_message_as_text() -> None:
    hostile = error(Loc("footnotes/a\n\n<script>alert(1)</script>\n```\n~~~.md", 1),
                    "x\n    </code></pre><script>alert(2)</script>\u2028<b>", "code")
    html = markdown.markdown(serve_module.error_page([hostile]))
    page = article(f"<html><body>{html}</body></html>")
    assert [e.tag for e in page.iter("script", "b")] == []
    assert [pre.xpath("string()") for pre in page.iter("pre")] == [str(hostile) + "\n"]


def test_serve_on_a_busy_port_is_one_line(tmp_path: Path) -> None:
    root = shutil.copytree(MINI, tmp_path / "edition")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = start(root, port)
        stdout, stderr = server.communicate(timeout=120)
    assert (server.returncode, stdout, stderr) == (
        2, "", f"build_site.py: error: port {port} is already in use; choose another with --port\n")
