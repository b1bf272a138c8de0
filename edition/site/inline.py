"""The inline texts of edition.html that its policy names by hash: its one <style> (edition.css, fonts inlined)
and its scripts (edition.js and single.js); the same for every edition, so the site's policy knows them."""
from __future__ import annotations

import base64
import re
from pathlib import Path, PurePosixPath
from typing import Mapping
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

TEMPLATES = Path(__file__).parents[1] / "exports" / "templates"
STYLE = "single.css.j2"  # the single file's stylesheet, edition.css inlined into it
SCRIPT = "single.js"  # the single file's own reading aids, after the theme's edition.js
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
FONT_FACE = re.compile(r"@font-face\s*\{[^{}]*\}")
FONT_FAMILY = re.compile(r"""font-family\s*:\s*(['"])(.+?)\1""")
UNICODE_RANGE = re.compile(r"unicode-range\s*:\s*([^;}]+)")
MIME = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
        ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif",
        ".jpeg": "image/jpeg", ".webp": "image/webp"}



class ExportError(Exception):
    """The combined file would have a broken link or a duplicate id."""


def inline_urls(css: str, files: Mapping[str, bytes]) -> str:
    """A stylesheet with each url() of a file beside it (fonts/…) replaced by a data: URL."""
    def one(match: re.Match[str]) -> str:
        target = match.group(2).strip()
        data = files.get(target.removeprefix("./"))
        if data is None or urlsplit(target).scheme:
            return match.group(0)
        mime = MIME.get(PurePosixPath(target).suffix.lower(), "application/octet-stream")
        return f'url("data:{mime};base64,{base64.b64encode(data).decode("ascii")}")'
    return CSS_URL.sub(one, css)


def separate_subsets(css: str) -> str:
    """One font family per unicode-range subset ('Source Serif 4', 'Source Serif 4 subset 2'), each use naming all.

    WeasyPrint, which once printed the PDF from this file, mixed up the glyphs of two faces of one family that only
    unicode-range tells apart (it printed a letter such as 'š' with a stray mark); browsers read either form alike,
    and the file keeps its bytes. @font-face blocks hold no braces, so a
    regular expression finds them.
    """
    subsets: dict[str, list[str]] = {}  # family -> its distinct unicode ranges, first seen first

    def rename(match: re.Match[str]) -> str:
        block = match.group(0)
        family, ranges = FONT_FAMILY.search(block), UNICODE_RANGE.search(block)
        if family is None or ranges is None:
            return block
        known = subsets.setdefault(family.group(2), [])
        key = " ".join(ranges.group(1).split())
        if key not in known:
            known.append(key)
        number = known.index(key) + 1
        if number == 1:
            return block
        return block[:family.start(2)] + f"{family.group(2)} subset {number}" + block[family.end(2):]

    renamed = FONT_FACE.sub(rename, css)
    pieces = re.split(f"({FONT_FACE.pattern})", renamed)
    for family, known in subsets.items():
        if len(known) > 1:
            names = ", ".join([f'"{family}"'] + [f'"{family} subset {n}"' for n in range(2, len(known) + 1)])
            for index in range(0, len(pieces), 2):  # the text between @font-face blocks
                pieces[index] = pieces[index].replace(f'"{family}"', names).replace(f"'{family}'", names)
    return "".join(pieces)


def environment() -> jinja2.Environment:
    """The exports' templates, escaped."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def single_style(assets: Mapping[str, bytes]) -> str:
    """The text of the single file's one <style> element: its own rules and edition.css, fonts inlined (the same
    for every edition, so that the policy can name it by hash)."""
    css = separate_subsets(inline_urls(assets.get("edition.css", b"").decode("utf-8"), assets))
    if "</style" in css.lower():
        raise ExportError("edition.css contains '</style'")
    return environment().get_template(STYLE).render(edition_css=Markup(css))


def single_scripts(assets: Mapping[str, bytes]) -> dict[str, str]:
    """The text of the single file's inline scripts, by file name: the theme's edition.js and its own single.js."""
    scripts = {"edition.js": assets.get("edition.js", b"").decode("utf-8"),
               SCRIPT: (TEMPLATES / SCRIPT).read_text(encoding="utf-8")}
    for name, script in scripts.items():
        if "</script" in script.lower() or "<!--" in script:
            raise ExportError(f"{name} contains '</script' or '<!--'")
    return scripts
