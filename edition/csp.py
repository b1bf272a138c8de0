"""The Content-Security-Policy of every page the edition ships: the site, the offline zip and edition.html.

The policy is written into each page as a <meta http-equiv> after the page is built, so that the inline
scripts it allows are exactly those the page holds (the theme's and the edition's own, by their sha256):
nothing from content can add a script, and a script added to the theme later is allowed without a list
kept by hand. Styles may be inline (Python-Markdown's table alignment writes style attributes; the single
file keeps its stylesheet inline); content cannot write a style attribute, the sanitising policy refuses it.
"""
from __future__ import annotations

import base64
import hashlib
from typing import Iterable

from lxml import etree

JS_TYPES = ("", "text/javascript", "application/javascript", "module")
DIRECTIVES = (
    ("default-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
)
META_NAME = "Content-Security-Policy"


def parsed(page: str) -> etree._Element:
    """A page parsed by libxml2's HTML parser (lxml.etree's: lxml.html adds only a slower import here)."""
    return etree.fromstring(page, etree.HTMLParser())


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script a browser would run on a page, in order."""
    return scripts_in(parsed(page))


def scripts_in(root: etree._Element) -> list[str]:
    """The text of every inline script a browser would run in a parsed page, in order."""
    return [script.text or "" for script in root.iter("script")
            if script.get("src") is None and (script.get("type") or "").strip().lower() in JS_TYPES]


def source_hash(script: str) -> str:
    """A CSP hash source for a script's text: 'sha256-…'."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(scripts: Iterable[str]) -> str:
    """The policy for a page holding these inline scripts: scripts from the site itself or with these hashes."""
    hashes = sorted({source_hash(s) for s in scripts})
    script_src = " ".join(["'self'"] + hashes)
    directives = [DIRECTIVES[0], ("script-src", script_src), *DIRECTIVES[1:]]
    return "; ".join(f"{name} {value}" for name, value in directives)


def with_csp(page: str) -> str:
    """A built page with its Content-Security-Policy as the first thing after <meta charset> (else <head>)."""
    root = parsed(page)
    if any((m.get("http-equiv") or "").lower() == META_NAME.lower() for m in root.iter("meta")):
        raise ValueError("the page already has a Content-Security-Policy")
    lower = page.lower()
    head = lower.find("<head>")
    if head < 0:
        raise ValueError("the page has no <head> to hold its Content-Security-Policy")
    at = head + len("<head>")
    rest = lower[at:]
    if rest.lstrip().startswith("<meta charset"):  # the charset stays first, within the first 1024 bytes
        at = lower.index(">", at + len(rest) - len(rest.lstrip())) + 1
    meta = f'\n<meta http-equiv="{META_NAME}" content="{policy(scripts_in(root))}">'
    return page[:at] + meta + page[at:]
