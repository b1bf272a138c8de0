"""The Content-Security-Policy computed from the files the toolkit ships, and the output check, unit by unit."""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import material
import pytest

from edition.exports.linkcheck import check_site
from edition.load.folder import load_assets
from edition.site import csp
from edition.site.outputcheck import EPUB_XML, Finding, Output, check_output, script_file_shipped

MATERIAL = Path(material.__file__).parent / "templates"
PACKAGE = Path(csp.__file__).parents[1]


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_policy_names_exactly_the_given_scripts_styles_and_style_attributes_by_hash() -> None:
    scripts, styles = sorted([sha("var a = 1;"), sha("var b;")]), sha("p{}")
    assert csp.policy_for(["var a = 1;", "var b;", "var a = 1;"], ["p{}"], ["text-align: left;"]) == (
        f"default-src 'self'; script-src 'self' {' '.join(scripts)}; "
        f"style-src 'self' 'unsafe-hashes' {styles} {sha('text-align: left;')}; img-src 'self' data:; "
        "font-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; frame-src 'none'; "
        "base-uri 'none'; form-action 'none'")
    assert csp.policy_for([], []) == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "
        "connect-src 'self'; worker-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'; "
        "form-action 'none'")


def test_a_template_gives_its_constant_scripts_and_styles_only(tmp_path: Path) -> None:
    template = tmp_path / "page.html"
    template.write_text("\n".join([
        "{% block scripts %}<script>var a = 1;</script>",
        '<script>var b = "{{ base_url }}";</script>',  # varies per page: not hashable, must be overridden
        '<script src="{{ \'x.js\' | url }}"></script>',
        '<script type="application/json">{"c": 3}</script>',
        "<script>{% if x %}var d;{% endif %}</script>",
        "<style>p { margin: 0 }</style><style>:root{--f:\"{{ font }}\"}</style>{% endblock %}",
    ]), encoding="utf-8")
    scripts, styles = list(csp.elements_in(template, "script")), list(csp.elements_in(template, "style"))
    assert (scripts, styles) == (["var a = 1;"], ["p { margin: 0 }"])
    assert csp.policy_for(scripts, styles).split("; ")[1:3] == [
        "script-src 'self' 'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='",
        "style-src 'self' 'sha256-7IWhgxoOGTB5NQzjGk9OPt0FwhVeBvZGoWgF9xLLh8c='"]


def test_the_shipped_scripts_are_the_templates_constant_ones_and_the_single_files() -> None:
    scripts = csp.shipped_scripts()
    ours = (PACKAGE / "site" / "overrides" / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    constant = ours.split("<script", 1)[1].split(">", 1)[1].split("</script>")[0]
    assert constant.startswith("__md_scope=new URL(document.currentScript.dataset.mdScope,location),")
    assert constant in scripts  # ours, in place of Material's, whose text holds the page's base URL
    assert not any("{{" in s or "{%" in s for s in scripts)
    palette = (MATERIAL / "partials" / "javascripts" / "palette.html").read_text(encoding="utf-8")
    assert palette.split("<script>", 1)[1].split("</script>")[0] in scripts
    assert load_assets()["edition.js"].decode("utf-8") in scripts
    assert (PACKAGE / "exports" / "templates" / "single.js").read_text(encoding="utf-8") in scripts
    assert [s[:20] for s in csp.shipped_styles()] == ["/* ---- base: what t"]  # the single file's one <style>


def test_the_overridden_base_script_is_material_s_own_with_the_scope_read_from_its_element() -> None:
    """A new Material whose base script changes fails here, before a page's script is refused in readers' browsers."""
    material_script = (MATERIAL / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    ours = (PACKAGE / "site" / "overrides" / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    theirs = material_script.split("<script>", 1)[1].split("</script>")[0]
    mine = ours.split("<script", 1)[1].split(">", 1)[1].split("</script>")[0]
    assert mine == theirs.replace('"{{ config.extra.scope | d(base_url) }}"', "document.currentScript.dataset.mdScope")
    assert '<script data-md-scope="{{ config.extra.scope | d(base_url) | e }}">' in ours


def test_the_policy_has_no_inline_wildcard_and_is_the_same_for_every_page() -> None:
    policy = csp.policy()
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "'unsafe-hashes'" not in policy  # no style attribute at all: table alignment is a class
    assert policy == csp.policy_for(csp.shipped_scripts(), csp.shipped_styles())
    assert csp.policy_meta() == policy  # the live preview's
    assert csp.policy_element() == f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


PAGE = """<!DOCTYPE html>
<html><head>
  <meta charset="utf-8">
<title>t</title>
<script>alert(1)</script>
</head><body><p>text</p></body></html>
"""


def test_the_policy_goes_after_the_charset_whatever_the_page_holds() -> None:
    page = csp.with_csp(PAGE)
    lines = page.split("\n")
    assert lines[:4] == ["<!DOCTYPE html>", "<html><head>", '  <meta charset="utf-8">', csp.policy_element()]
    assert "\n".join(lines[:3] + lines[4:]) == PAGE
    assert sha("alert(1)") not in page  # the page's own script is not allowed by being there
    with pytest.raises(ValueError, match="already has"):
        csp.with_csp(page)


def page(body: str, head: str = "") -> bytes:
    """A page with the edition's policy (line 3) and a body starting on line 5."""
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n{csp.policy_element()}\n{head}</head><body>\n'
            f'{body}\n</body></html>\n').encode()


def findings(files: dict[str, bytes], **kinds: object) -> list[str]:
    return [f"{f.path}:{f.line}: {f.message}" for f in check_output(Output(files, **kinds))]  # type: ignore[arg-type]


SHIPPED_SCRIPT = load_assets()["edition.js"].decode("utf-8")


def test_a_page_of_shipped_scripts_material_forms_and_aligned_cells_passes() -> None:
    body = "\n".join([
        f"<script>{SHIPPED_SCRIPT}</script>",
        '<script src="assets/edition.js"></script>',
        '<script type="application/ld+json">{"a": 1}</script>',
        '<form class="md-search__form" name="search"><input></form>',
        '<table><tr><td class="edition-align-right">1</td></tr></table>',
        '<img src="data:image/png;base64,AAAA" alt="">',
    ])
    files = {"index.html": page(body), "assets/edition.js": SHIPPED_SCRIPT.encode(), "a.css": b"p{}",
             "sitemap.xml": b"<urlset/>", "figures/a.png": b"\x89PNG"}
    assert findings(files) == []


def test_each_refused_construct_has_its_own_message() -> None:
    body = "\n".join([
        "<script>alert(1)</script>",
        '<script src="evil.js"></script>',  # a file of the output: refused as a file, by its hash
        '<script src="https://cdn.example/x.js"></script>',
        '<script type="text/javascript">alert(1)</script>',
        "<style>body{display:none}</style>",
        '<meta http-equiv="refresh" content="0;url=https://login.example/">',
        '<form action="https://login.example/"><input></form>',
        '<form class="md-search__form" name="search" action="https://login.example/"></form>',
        '<iframe src="https://a.example/"></iframe>',
        '<object data="x"></object>',
        '<embed src="x">',
        '<base href="https://a.example/">',
        '<p onclick="a()" OnMouseOver="b()">x</p>',
        '<p style="color:red">x</p>',
        '<td style="text-align: right; background: red">1</td>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<img src="data:image/svg+xml,<svg/>" alt="">',
        '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
    ])
    assert findings({"index.html": page(body), "evil.js": b"alert(2)"}) == [
        "evil.js:1: script file not shipped by the theme or the edition",
        "index.html:5: inline script not shipped by the theme or the edition",
        "index.html:7: script 'https://cdn.example/x.js' is not a file of the edition",
        "index.html:8: inline script not shipped by the theme or the edition",
        "index.html:9: <style> element not shipped by the theme or the edition",
        "index.html:10: <meta http-equiv=\"refresh\">",
        "index.html:11: <form> element",
        "index.html:12: <form> element",
        "index.html:13: <iframe> element",
        "index.html:14: <object> element",
        "index.html:15: <embed> element",
        "index.html:16: <base> element",
        "index.html:17: event handler 'onclick' on <p>",
        "index.html:17: event handler 'onmouseover' on <p>",
        "index.html:18: style attribute on <p>: 'color:red'",
        "index.html:19: style attribute on <td>: 'text-align: right; background: red'",
        "index.html:20: javascript: URL in <a href>",
        "index.html:21: vbscript: URL in <a href>",
        "index.html:22: data: URL in <a href>",
        "index.html:23: data: URL in <img src>",
        "index.html:24: javascript: URL in <a href>",
    ]


def test_a_page_without_the_edition_s_own_policy_is_refused() -> None:
    loose = '<meta http-equiv="Content-Security-Policy" content="script-src \'unsafe-inline\'">'
    files = {"bare.html": b"<!DOCTYPE html><html><head></head><body><p>x</p></body></html>",
             "loose.html": f"<!DOCTYPE html><html><head>{loose}</head><body></body></html>".encode()}
    assert findings(files) == [
        "bare.html:1: page has no Content-Security-Policy",
        'loose.html:1: <meta http-equiv="Content-Security-Policy">',
        "loose.html:1: page has no Content-Security-Policy",
    ]


def test_file_types_a_browser_could_run_are_refused_unless_the_output_makes_them() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    files = {"figures/x.svg": svg, "figures/x.htm": b"<script>alert(1)</script>", "x.xhtml": b"<html/>",
             "x.mjs": b"", "notes": b""}
    assert findings(files) == [
        "figures/x.htm:1: file type '.htm' not made by the edition",
        "figures/x.svg:1: file type '.svg' not made by the edition",
        "notes:1: file type 'notes' not made by the edition",
        "x.mjs:1: file type '.mjs' not made by the edition",
        "x.xhtml:1: file type '.xhtml' not made by the edition",
    ]


def test_xml_files_are_read_as_xml_with_their_scripts_handlers_and_stylesheets() -> None:
    xhtml = (b'<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="x.xsl"?>\n'
             b'<html xmlns="http://www.w3.org/1999/xhtml"><body>\n'
             b'<p onclick="a()">x</p>\n<script>alert(1)</script>\n'
             b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
             b'<a xlink:href="javascript:x()">y</a></svg>\n</body></html>\n')
    files = {"OEBPS/p.xhtml": xhtml, "OEBPS/broken.xhtml": b"<html><p></html>", "mimetype": b"application/epub+zip"}
    assert findings(files, xml_suffixes=EPUB_XML, needs_policy=False) == [
        "OEBPS/broken.xhtml:1: not well-formed XML",
        "OEBPS/p.xhtml:2: xml-stylesheet processing instruction",
        "OEBPS/p.xhtml:4: event handler 'onclick' on <p>",
        "OEBPS/p.xhtml:5: inline script not shipped by the theme or the edition",
        "OEBPS/p.xhtml:6: javascript: URL in <a href>",
    ]


def test_generated_script_files_pass_only_as_a_json_literal_of_their_exact_shape() -> None:
    downloads = (PACKAGE / "exports" / "templates" / "offline-downloads.js").read_text(encoding="utf-8")
    data = json.dumps({"edition.bib": "@misc{x}"})
    assert script_file_shipped("search/search_index.js", b'var __index = {"docs": []}')
    assert script_file_shipped("_offline/downloads.js", f"var EDITION_FILES = {data};\n{downloads}".encode())
    assert not script_file_shipped("search/search_index.js", b'var __index = {"docs": []};alert(1)')
    assert not script_file_shipped("search/search_index.js", b"var __index = alert(1)")
    assert not script_file_shipped("_offline/downloads.js", f"var EDITION_FILES = {data};\n{downloads}x".encode())
    assert not script_file_shipped("x/index.js", b'var __index = {"docs": []}')


def test_check_built_reports_the_output_check_with_the_link_check(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(page('<a href="missing.html">x</a>\n<script>alert(1)</script>'))
    assert [str(p) for p in check_site(site)] == [
        "index.html:5: error: link to a missing page 'missing.html' [link-check]",
        "index.html:6: error: inline script not shipped by the theme or the edition [unsafe-output]",
    ]
    assert check_output(Output({"a.html": page("<p>x</p>")})) == []
    assert Finding("a", 1, "m") == Finding("a", 1, "m")
