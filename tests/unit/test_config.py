"""edition.load.config: the keys an editor may set in mkdocs.yml, located errors, the defaults the build supplies."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from edition.check.validate import validate
from edition.load.config import DEFAULTS, merged
from edition.load.folder import load

MakeEdition = Callable[..., Path]


def diagnostics(root: Path) -> list[str]:
    """Load and validate; every diagnostic as printed, sorted."""
    edition, found = load(root)
    return [str(d) for d in sorted(found + validate(edition), key=lambda d: d.sort_key())]


def test_a_minimal_config_gets_the_editions_look() -> None:
    config = merged({"site_name": "S"}, "Title")
    assert config["theme"] == DEFAULTS["theme"]
    assert (config["site_name"], config["theme"]["font"], config["plugins"]) == ("S", False, ["search"])


def test_no_config_takes_the_essays_title_as_site_name() -> None:
    assert merged({}, "The essay's title")["site_name"] == "The essay's title"


def test_the_editors_theme_keys_replace_the_defaults_one_by_one() -> None:
    theme = merged({"theme": {"language": "fr", "palette": {"primary": "teal"}}}, "T")["theme"]
    assert (theme["name"], theme["language"], theme["palette"], theme["font"]) == (
        "material", "fr", {"primary": "teal"}, False)


def test_supported_keys_are_valid(make_edition: MakeEdition) -> None:
    config = ("site_name: S\nsite_description: D\nsite_author: A\ncopyright: C\nsite_url: https://example.org/\n"
              "extra_css: [assets/mine.css]\nextra_javascript: [assets/mine.js]\ntheme:\n  language: fr\n"
              "  logo: assets/logo.png\n  palette:\n    - media: '(prefers-color-scheme: light)'\n"
              "      scheme: default\n      primary: teal\n      accent: amber\n"
              "      toggle: {icon: material/brightness-7, name: Dark}\n"
              "    - scheme: slate\n      primary: black\n      accent: lime\n")
    root = make_edition({"mkdocs.yml": config, "assets/mine.css": "p {}", "assets/mine.js": "", "assets/logo.png": b""})
    assert diagnostics(root) == []


def test_unknown_keys_are_errors_at_their_line(make_edition: MakeEdition) -> None:
    config = ("site_name: S\nsite_auther: A\nmarkdown_extensions: [toc]\ntheme:\n  name: readthedocs\n"
              "  font: {text: Roboto}\n  palette:\n    primary: indgo\n    accent: sienna\n    colour: x\n")
    assert diagnostics(make_edition({"mkdocs.yml": config})) == [
        "mkdocs.yml:2: error: unknown or unsupported key 'site_auther' (did you mean 'site_author'?); "
        "the build supplies the rest itself [config-unknown-key]",
        "mkdocs.yml:3: error: unknown or unsupported key 'markdown_extensions'; "
        "the build supplies the rest itself [config-unknown-key]",
        "mkdocs.yml:5: error: 'theme.name' cannot be 'readthedocs' [config-value]",
        "mkdocs.yml:6: error: unknown or unsupported key 'theme.font'; the build supplies the rest itself "
        "[config-unknown-key]",
        "mkdocs.yml:8: error: 'theme.palette.primary' cannot be 'indgo' (did you mean 'indigo'?) [config-value]",
        "mkdocs.yml:9: error: 'theme.palette.accent' cannot be 'sienna' [config-value]",
        "mkdocs.yml:10: error: unknown or unsupported key 'theme.palette.colour'; "
        "the build supplies the rest itself [config-unknown-key]"]


def test_named_files_must_exist_inside_the_edition(make_edition: MakeEdition) -> None:
    config = ("site_name: S\nextra_css:\n  - assets/missing.css\n  - https://cdn.example.org/x.css\n"
              "extra_javascript: script.js\ntheme:\n  favicon: ../icon.png\n")
    assert diagnostics(make_edition({"mkdocs.yml": config})) == [
        "mkdocs.yml:3: error: 'extra_css' names a file that does not exist: 'assets/missing.css' [config-file]",
        "mkdocs.yml:4: error: 'extra_css' must name a file inside the edition's folder, "
        "not 'https://cdn.example.org/x.css' [config-file]",
        "mkdocs.yml:5: error: 'extra_javascript' must be a list of files [config-type]",
        "mkdocs.yml:7: error: 'theme.favicon' must name a file inside the edition's folder, not '../icon.png' "
        "[config-file]"]


def test_values_of_the_wrong_type(make_edition: MakeEdition) -> None:
    config = "site_name: [a, b]\ntheme: dark\n"
    assert diagnostics(make_edition({"mkdocs.yml": config})) == [
        "mkdocs.yml:1: error: 'site_name' must be text [config-type]",
        "mkdocs.yml:2: error: 'theme' must be a mapping (language, palette, logo, favicon) [config-type]"]
