"""The site's configuration: the keys an editor may set in mkdocs.yml, and everything else the build supplies."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Iterator, Mapping
from urllib.parse import urlsplit

from edition.load.common import suggest
from edition.model import Diagnostic, Loc, error

CONFIG_FILE = "mkdocs.yml"

# What the build supplies whatever mkdocs.yml says: the edition's look, with nothing fetched from outside.
DEFAULTS: dict[str, Any] = {
    "theme": {
        "name": "material",
        "language": "en",
        "font": False,  # no Google Fonts: the site requests nothing from outside
        # No content.footnote.tooltips: the edition's own script previews the notes (one preview at a time).
        "features": ["navigation.footer", "search.highlight"],
        # Light and dark, following the reader's system, with a toggle in the header.
        "palette": [
            {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "indigo", "accent": "indigo",
             "toggle": {"icon": "material/weather-night", "name": "Dark mode"}},
            {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo", "accent": "indigo",
             "toggle": {"icon": "material/weather-sunny", "name": "Light mode"}},
        ],
    },
    "plugins": ["search"],
    "hooks": [str(Path(__file__).parents[1] / "site" / "hooks.py")],  # the toolkit's own; an editor's are refused
    "markdown_extensions": [
        {"footnotes": {"BACKLINK_TEXT": "↩"}},
        "attr_list",
        "pymdownx.caret",
        "tables",
        "abbr",
        {"toc": {"permalink": False, "toc_depth": 2}},  # the notes' own headings (h3) serve the search
    ],
}

# The keys an editor may set, each with what it is (the toolkit guide lists the same).
EDITOR_KEYS: dict[str, str] = {
    "site_name": "the title in the header and the browser tab (default: the essay's title)",
    "site_description": "one sentence describing the edition, for search engines",
    "site_author": "the author named in the pages' metadata",
    "copyright": "the line at the foot of every page",
    "site_url": "the address the site will be published at",
    "extra_css": "stylesheets of the edition's own, paths inside the edition's folder",
    "extra_javascript": "scripts of the edition's own, paths inside the edition's folder",
    "theme": "language, palette, logo and favicon",
}
THEME_KEYS = ("language", "palette", "logo", "favicon", "name")
PALETTE_KEYS = ("scheme", "primary", "accent", "media", "toggle")
TOGGLE_KEYS = ("icon", "name")
FILE_LISTS = ("extra_css", "extra_javascript")
THEME_FILES = ("logo", "favicon")
SCHEMES = ("default", "slate")
# Material for MkDocs' colour names (https://squidfunk.github.io/mkdocs-material/setup/changing-the-colors/).
ACCENTS = ("red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal", "green",
           "light green", "lime", "yellow", "amber", "orange", "deep orange", "custom",
           "brown")  # brown: a primary colour only in Material; the edition's stylesheet gives it as an accent too
PRIMARIES = ACCENTS + ("grey", "blue grey", "black", "white")


def merged(editor: Mapping[str, Any], title: str) -> dict[str, Any]:
    """The editor's keys over the defaults: theme settings one by one, the rest whole."""
    config = copy.deepcopy(DEFAULTS)
    config["site_name"] = title or "Edition"
    for key, value in editor.items():
        if key == "theme" and isinstance(value, Mapping):
            config["theme"].update(copy.deepcopy(dict(value)))
        else:
            config[key] = copy.deepcopy(value)
    config["theme"]["name"] = "material"
    return config


def config_files(editor: Mapping[str, Any]) -> list[str]:
    """The edition's own files the configuration names (stylesheets, scripts, logo, favicon)."""
    names = [str(v) for key in FILE_LISTS if isinstance(editor.get(key), list) for v in editor[key]]
    theme = editor.get("theme")
    if isinstance(theme, Mapping):
        names += [str(theme[key]) for key in THEME_FILES if isinstance(theme.get(key), str)]
    return [n for n in names if safe_path(n)]


def safe_path(name: str) -> bool:
    """A relative path inside the edition's folder, not an address elsewhere."""
    parts = urlsplit(name)
    return bool(name) and not (parts.scheme or parts.netloc or name.startswith("/") or ".." in name.split("/"))


class ConfigCheck:
    """Checks mkdocs.yml key by key, locating each problem on its line."""

    def __init__(self, lines: Mapping[str, int], files: Mapping[str, bytes]) -> None:
        self.lines = lines
        self.files = files

    def at(self, path: str) -> Loc:
        """The line of a dotted key path (or of its nearest parent)."""
        while path and path not in self.lines:
            path = path.rpartition(".")[0]
        return Loc(CONFIG_FILE, self.lines.get(path, 1))

    def unknown(self, data: Mapping[str, Any], allowed: tuple[str, ...], prefix: str) -> Iterator[Diagnostic]:
        """Keys the build does not support."""
        for key in data:
            if str(key) not in allowed:
                where = f"{prefix}." if prefix else ""
                yield error(self.at(where + str(key)),
                            f"unknown or unsupported key '{where}{key}'{suggest(str(key), allowed)}; "
                            f"the build supplies the rest itself", "config-unknown-key")

    def text(self, data: Mapping[str, Any], key: str, path: str) -> Iterator[Diagnostic]:
        """A value that must be a string."""
        if key in data and not isinstance(data[key], str):
            yield error(self.at(path), f"'{path}' must be text", "config-type")

    def choice(self, data: Mapping[str, Any], key: str, path: str, choices: tuple[str, ...]) -> Iterator[Diagnostic]:
        """A value from a fixed list."""
        value = data.get(key)
        if value is not None and str(value).lower() not in choices:
            yield error(self.at(path), f"'{path}' cannot be '{value}'{suggest(str(value).lower(), choices)}",
                        "config-value")

    def file(self, name: Any, path: str) -> Iterator[Diagnostic]:
        """A file of the edition's own that must exist inside its folder."""
        key = path.rstrip("0123456789").rstrip(".")  # 'extra_css', not 'extra_css.0': the line says which
        if not isinstance(name, str) or not safe_path(name):
            yield error(self.at(path), f"'{key}' must name a file inside the edition's folder, not '{name}'",
                        "config-file")
        elif name not in self.files:
            yield error(self.at(path), f"'{key}' names a file that does not exist: '{name}'", "config-file")

    def palette(self, palette: Any, path: str) -> Iterator[Diagnostic]:
        """One scheme of colours, or a list of them for a light/dark toggle."""
        schemes = palette if isinstance(palette, list) else [palette]
        for number, scheme in enumerate(schemes):
            here = f"{path}.{number}" if isinstance(palette, list) else path
            if not isinstance(scheme, Mapping):
                yield error(self.at(here), f"'{here}' must be a mapping of scheme, primary and accent",
                            "config-type")
                continue
            yield from self.unknown(scheme, PALETTE_KEYS, here)
            yield from self.choice(scheme, "scheme", f"{here}.scheme", SCHEMES)
            yield from self.choice(scheme, "primary", f"{here}.primary", PRIMARIES)
            yield from self.choice(scheme, "accent", f"{here}.accent", ACCENTS)
            if isinstance(scheme.get("toggle"), Mapping):
                yield from self.unknown(scheme["toggle"], TOGGLE_KEYS, f"{here}.toggle")

    def theme(self, theme: Any) -> Iterator[Diagnostic]:
        """The theme keys an editor may set."""
        if not isinstance(theme, Mapping):
            yield error(self.at("theme"), "'theme' must be a mapping (language, palette, logo, favicon)",
                        "config-type")
            return
        yield from self.unknown(theme, THEME_KEYS, "theme")
        yield from self.choice(theme, "name", "theme.name", ("material",))
        yield from self.text(theme, "language", "theme.language")
        if "palette" in theme:
            yield from self.palette(theme["palette"], "theme.palette")
        for key in THEME_FILES:
            if key in theme:
                yield from self.file(theme[key], f"theme.{key}")

    def run(self, editor: Mapping[str, Any]) -> Iterator[Diagnostic]:
        """Every problem of the editor's mkdocs.yml."""
        yield from self.unknown(editor, tuple(EDITOR_KEYS), "")
        for key in ("site_name", "site_description", "site_author", "copyright", "site_url"):
            yield from self.text(editor, key, key)
        for key in FILE_LISTS:
            if key in editor and not isinstance(editor[key], list):
                yield error(self.at(key), f"'{key}' must be a list of files", "config-type")
            names = editor[key] if isinstance(editor.get(key), list) else []
            for number, name in enumerate(names):
                yield from self.file(name, f"{key}.{number}")
        if "theme" in editor:
            yield from self.theme(editor["theme"])


def check_config(editor: Mapping[str, Any], lines: Mapping[str, int], files: Mapping[str, bytes]) -> list[Diagnostic]:
    """Every problem of the editor's mkdocs.yml, each at its line."""
    return list(ConfigCheck(lines, files).run(editor))
