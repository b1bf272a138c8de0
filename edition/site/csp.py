"""The Content-Security-Policy of every page the edition ships: the site, the offline zip and edition.html.

The policy is computed once per process from the files the toolkit ships, never from a built page: the inline
scripts written in the templates the theme renders (Material's own, those of edition/overrides/ in their place,
and the exports') and the scripts the single file inlines from the package's .js files, each by its sha256; the
single file's one <style> likewise. A template script whose text holds a Jinja expression cannot be named by a
hash: edition/overrides/ replaces the one Material renders (partials/javascripts/base.html) with a constant
script that reads its value from a data- attribute. Whatever a page holds beyond these is refused by the browser
and, before it is published, by the output check (edition/site/outputcheck.py).

Script files stay allowed from 'self': a content file cannot become a script of the site (figures/ publishes
checked raster images only), and the output check refuses every .js file of an output that is not one the
toolkit ships (by its sha256). No style attribute is allowed: the edition's extension writes table alignment as
classes (mdext.AlignmentProcessor).
"""
from __future__ import annotations

import base64
import functools
import hashlib
import os
from pathlib import Path
from typing import Iterable, Iterator

from lxml import etree, html

META_NAME = "Content-Security-Policy"
TEMPLATE_SUFFIXES = (".html", ".j2")
OVERRIDES = Path(__file__).parent / "overrides"
EXPORT_TEMPLATES = Path(__file__).parents[1] / "exports" / "templates"
DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("frame-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'none'"),
)


def parsed(page: str | bytes) -> etree._Element:
    """A page parsed by libxml2's HTML parser (lxml.etree's: lxml.html adds only a slower import here)."""
    return etree.fromstring(page, etree.HTMLParser())


def source_hash(text: str) -> str:
    """A CSP hash source for a script's or a style's text: 'sha256-…'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def has_jinja(text: str) -> bool:
    """Whether a template's text holds a Jinja expression or statement (its rendered text varies)."""
    return any(mark in text for mark in ("{{", "{%", "{#"))


def elements_in(template: Path, tag: str) -> Iterator[str]:
    """The text of every element of one tag written in a template, those with a Jinja expression left out."""
    text = template.read_text(encoding="utf-8", errors="replace")
    if f"<{tag}" not in text:
        return
    root = html.fragment_fromstring(text, create_parent="div")
    for element in root.iter(tag):
        if element.get("src") is not None or element.get("type") is not None:
            continue  # a script file, or a data block (the theme's JSON configuration, the JSON-LD)
        content = element.text or ""
        if content.strip() and not has_jinja(content):
            yield content


def theme_templates() -> list[Path]:
    """The templates the theme renders: Material's, each replaced by edition/overrides/' file of the same path,
    then the exports' own."""
    import material

    chosen: dict[str, Path] = {}
    for folder in (Path(material.__file__).parent / "templates", OVERRIDES):
        chosen |= {p.relative_to(folder).as_posix(): p for p in templates_below(folder)}
    return [chosen[name] for name in sorted(chosen)] + sorted(EXPORT_TEMPLATES.glob("*.j2"))


def templates_below(folder: Path) -> Iterator[Path]:
    """The template files below a folder; hidden folders (Material's ten thousand icons) are not walked."""
    for parent, folders, names in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f != "assets")
        yield from (Path(parent) / n for n in sorted(names) if n.endswith(TEMPLATE_SUFFIXES))


@functools.lru_cache(maxsize=1)
def shipped_scripts() -> frozenset[str]:
    """The text of every inline script the toolkit ships: the templates' constant ones and the single file's."""
    from edition.load.folder import load_assets
    from edition.site.inline import single_scripts

    found = {text for template in theme_templates() for text in elements_in(template, "script")}
    return frozenset(found | set(single_scripts(load_assets()).values()))


@functools.lru_cache(maxsize=1)
def shipped_styles() -> frozenset[str]:
    """The text of every <style> element the toolkit ships: the templates' constant ones and the single file's."""
    from edition.load.folder import load_assets
    from edition.site.inline import single_style

    found = {text for template in theme_templates() for text in elements_in(template, "style")}
    return frozenset(found | {single_style(load_assets())})


def policy_for(scripts: Iterable[str], styles: Iterable[str], style_attributes: Iterable[str] = ()) -> str:
    """The policy that allows these inline scripts, <style> texts and style attributes, by hash, and files of
    the site itself."""
    script_src = ["'self'", *sorted({source_hash(s) for s in scripts})]
    attributes = sorted({source_hash(s) for s in style_attributes})
    style_src = ["'self'", *(["'unsafe-hashes'"] if attributes else []), *sorted({source_hash(s) for s in styles}),
                 *attributes]
    chosen = {"script-src": " ".join(script_src), "style-src": " ".join(style_src)}
    return "; ".join(f"{name} {chosen.get(name, value)}" for name, value in DIRECTIVES)


@functools.lru_cache(maxsize=1)
def policy() -> str:
    """The policy of every page the edition ships and of the live preview's pages (computed once per process)."""
    return policy_for(shipped_scripts(), shipped_styles())


def policy_meta() -> str:
    """The policy's text, with no page input: what a <meta http-equiv> or a header of the live preview carries."""
    return policy()


def policy_element(extra_scripts: tuple[str, ...] = ()) -> str:
    """The policy as a <meta http-equiv> element (its text needs no escaping: hashes, keywords and names)."""
    text = policy_for(shipped_scripts() | set(extra_scripts), shipped_styles()) if extra_scripts else policy()
    return f'<meta http-equiv="{META_NAME}" content="{text}">'


def with_csp(page: str, extra_scripts: tuple[str, ...] = ()) -> str:
    """A built page with the policy as the first thing after <meta charset> (else <head>); extra_scripts are
    scripts the caller itself adds (the live preview's reload script), never taken from the page."""
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
    return page[:at] + "\n" + policy_element(extra_scripts) + page[at:]
