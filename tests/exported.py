"""The exports' tests share these: the real edition committed at a fixed time, exported as an editor would."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lxml import html

from edition.exports import export as ex

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
LABELS = ["1", "*"] + [str(n) for n in range(2, 33)]
EXPORTS = (ex.ZIP_NAME, ex.HTML_NAME, ex.PDF_NAME, ex.EPUB_NAME, ex.TEI_NAME)
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")  # Debian's epubcheck; its /usr/bin/epubcheck needs binfmt
XHTML = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
COMMITTED = "2026-01-02T03:04:05+00:00"  # the commit of the copy below: a fixed time gives a fixed hash

def run_export(root: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python build_site.py export --root ROOT --out OUT` as an editor would."""
    command = [sys.executable, str(REPO / "build_site.py"), "export", "--root", str(root), "--out", str(out)]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=str(REPO), env=env)


def git(root: Path, *args: str) -> str:
    """Run git in an edition's folder as a fixed editor at a fixed time; return what it prints."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED}
    command = ["git", "-c", "init.defaultBranch=main", "-C", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout.strip()


def note_items(root: html.HtmlElement) -> list[html.HtmlElement]:
    return root.xpath('//li[starts-with(@id, "fn:")]')
