"""Check built pages against the sanitising policy: no event handler, style, script or script URL from content.

The second line of defence behind edition/sanitize.py: whatever reached a built page is read with lxml, and a
script is accepted only when the theme or the edition ships it (a file of the site, or an inline script of
one of the templates, Jinja expressions standing for any text), a style attribute only as Python-Markdown's
table alignment, and every page must carry its Content-Security-Policy.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from lxml import html

from .csp import JS_TYPES, META_NAME, inline_scripts, source_hash
from .sanitize import normal_url

TEMPLATE_SUFFIXES = (".html", ".j2")
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
TABLE_ALIGN = re.compile(r"^text-align:\s*(left|right|center);?$")
SCRIPT_SCHEMES = ("javascript", "vbscript", "data")
RASTER_DATA = re.compile(r"^data:image/(png|jpeg|gif|webp|avif)[;,]", re.IGNORECASE)
URL_ATTRS = ("href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "srcset")


def template_folders() -> list[Path]:
    """Where the theme's and the edition's templates are: Material's and the package's own."""
    import material

    return [Path(material.__file__).parent / "templates", Path(__file__).parent]


def template_scripts(folder: Path) -> Iterator[str]:
    """The text of every <script> element written in the templates below a folder."""
    for path in sorted(folder.rglob("*")):
        if path.suffix in TEMPLATE_SUFFIXES and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            if "<script" in text:
                root = html.fragment_fromstring(text, create_parent="div")
                yield from (s.text or "" for s in root.iter("script") if (s.text or "").strip())


@functools.lru_cache(maxsize=1)
def shipped_patterns() -> tuple[re.Pattern[str], ...]:
    """Each template script as a pattern: its literal text, and where a Jinja expression stands any text that
    stays inside its string (Material writes them into quoted strings); scripts of expressions only are left out."""
    patterns = set()
    for folder in template_folders():
        for script in template_scripts(folder):
            pieces = JINJA.split(script.strip())
            if "".join(pieces).strip():
                patterns.add('[^"\n]*?'.join(re.escape(p) for p in pieces))
    # The edition's own script files, which the single-file export writes inline.
    patterns |= {re.escape(path.read_text(encoding="utf-8").strip()) for path in package_scripts()}
    return tuple(re.compile(p) for p in sorted(patterns))


def package_scripts() -> list[Path]:
    """The package's own JavaScript files (the theme's and the exports')."""
    return sorted(Path(__file__).parent.rglob("*.js"))


def shipped(script: html.HtmlElement, page: Path, root: Path) -> bool:
    """Whether a script element is the theme's or the edition's: a .js file of the site, a template script, or
    a data block (a type no browser runs, such as Material's JSON configuration)."""
    src = script.get("src")
    if src is not None:
        parts = urlsplit(src)
        base = root if parts.path.startswith("/") else page.parent  # 404.html links from the site's root
        target = (base / parts.path.lstrip("/")).resolve()
        return not (parts.scheme or parts.netloc) and target.suffix == ".js" and target.is_relative_to(root)
    if (script.get("type") or "").strip().lower() not in JS_TYPES:
        return True
    text = str(script.text or "").strip()
    return any(p.fullmatch(text) for p in shipped_patterns())


def csp_problem(tree: html.HtmlElement, page_text: str) -> str | None:
    """What is wrong with a page's Content-Security-Policy, or None."""
    metas = [m for m in tree.iter("meta") if (m.get("http-equiv") or "").lower() == META_NAME.lower()]
    if not metas:
        return "page has no Content-Security-Policy"
    policy = metas[0].get("content") or ""
    directives = {d.strip().split(" ")[0]: d.strip() for d in policy.split(";") if d.strip()}
    scripts = directives.get("script-src", "")
    if "'unsafe-inline'" in scripts or "'unsafe-eval'" in policy or "object-src 'none'" not in policy:
        return "the page's Content-Security-Policy allows inline or evaluated script, or objects"
    missing = [h for h in map(source_hash, inline_scripts(page_text)) if h not in scripts]
    return f"{len(missing)} inline script(s) not allowed by the page's policy" if missing else None


def element_problems(element: html.HtmlElement) -> Iterator[str]:
    """Event handlers, styles and script URLs on one element."""
    for name, value in element.attrib.items():
        lowered = name.lower()
        if lowered.startswith("on"):
            yield f"event handler '{name}' on <{element.tag}>"
        elif lowered == "style" and not (element.tag in ("th", "td") and TABLE_ALIGN.match(value.strip())):
            yield f"style attribute on <{element.tag}>: '{value[:40]}'"
        elif lowered in URL_ATTRS:
            target = normal_url(value).lower()
            scheme = target.split(":", 1)[0] if ":" in target else ""
            if scheme in SCRIPT_SCHEMES and not (element.tag == "img" and RASTER_DATA.match(target)):
                yield f"{scheme}: URL in <{element.tag} {name}>"


def unsafe_output(root: Path, page: Path, tree: html.HtmlElement) -> Iterator[tuple[int, str]]:
    """(line, message) for everything on a built page that the policy does not allow."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        line = element.sourceline or 1
        for problem in element_problems(element):
            yield line, problem
        if element.tag == "script" and not shipped(element, page, root):
            yield line, "script not shipped by the theme or the edition"
        if element.tag in ("object", "embed", "base"):
            yield line, f"<{element.tag}> element"
    policy_problem = csp_problem(tree, page.read_text(encoding="utf-8", errors="replace"))
    if policy_problem:
        yield 1, policy_problem
