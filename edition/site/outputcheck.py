"""The output check: every file of an output (the site, the offline zip, edition.html, the EPUB) read before it is
published, and refused unless all that can run or restyle it is what the toolkit ships.

The second line of defence behind the sanitising of content: whatever reached an output is read with lxml (each
page parsed once), and a page may hold only the inline scripts and <style> elements the toolkit ships (by their
sha256, edition/site/csp.py), script files that are files of the output the toolkit ships (by their sha256), the
policy itself and no other <meta http-equiv>; no form, frame, object, embed or base element, no event handler,
no style attribute, no script URL. A file type a browser could run and
that the toolkit does not make (.htm, .xhtml or .svg in a site) is refused whatever it holds.
"""
from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Iterator, Mapping
from urllib.parse import unquote, urlsplit

from lxml import etree

from edition.check.sanitize import normal_url
from edition.load.folder import load_assets
from edition.site.csp import META_NAME, policy, shipped_scripts, shipped_styles, source_hash

URL_ATTRS = ("href", "src", "action", "formaction", "data", "poster", "background", "srcset")  # xlink:href: href
DATA_TYPES = ("application/json", "application/ld+json")  # data blocks: no browser runs them
# Material's own forms (the palette's toggle, the search box), exactly as its templates write them: they send
# nothing anywhere (the policy's form-action 'none' holds them to that). Any other form is refused.
MATERIAL_FORMS = ({"class": "md-header__option", "data-md-component": "palette"},
                  {"class": "md-search__form", "name": "search"})
REFUSED_ELEMENTS = ("form", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal")
WATCHED = REFUSED_ELEMENTS + ("script", "style", "meta")  # the elements judged by their kind
WATCHED_ELEMENTS = etree.XPath("//*[" + " or ".join(f"local-name()='{tag}'" for tag in WATCHED) + "]")
# Handlers (any case), style attributes, and URL attributes that could hold a scheme (a colon, once parsed).
WATCHED_ATTRIBUTES = etree.XPath(
    "//@*[starts-with(translate(local-name(), 'ON', 'on'), 'on') or local-name()='style' or (contains(., ':') and ("
    + " or ".join(f"local-name()='{name}'" for name in URL_ATTRS + ("xlink:href",)) + "))]")  # HTML's parser: one name
SCRIPT_SCHEMES = ("javascript", "vbscript", "data")
RASTER_DATA = re.compile(r"^data:image/(png|jpeg|gif|webp|avif)[;,]", re.IGNORECASE)
HTML_SUFFIXES = (".html",)
# Files no browser runs: the site's stylesheets, data, downloads, images, fonts; an EPUB's container files.
INERT_SUFFIXES = (".css", ".json", ".gz", ".map", ".txt", ".bib", ".ris", ".csl", ".png", ".jpg", ".jpeg", ".gif",
                  ".webp", ".avif", ".ico", ".woff", ".woff2", ".ttf", ".otf", ".pdf")
SITE_XML = (".xml",)  # the sitemap
EPUB_XML = (".xhtml", ".xml", ".opf", ".ncx")
EPUB_INERT = ("mimetype",)
EXPORT_TEMPLATES = Path(__file__).parents[1] / "exports" / "templates"
# Script files made at build time, each a JSON literal under a fixed head and above a shipped script (or nothing):
# Material's offline search index, and the offline site's Cite panel (edition/exports/offline.py: downloads_script).
DATA_SCRIPTS: dict[str, tuple[str, Path | None]] = {
    "search_index.js": ("var __index = ", None),
    "downloads.js": ("var EDITION_FILES = ", EXPORT_TEMPLATES / "offline-downloads.js"),
}


@dataclass(frozen=True)
class Finding:
    """Something an output holds that the toolkit did not ship: where, and what."""

    path: str
    line: int
    message: str


@dataclass(frozen=True)
class Output:
    """The files of one output by their path inside it, and what it may hold besides inert files."""

    files: Mapping[str, bytes]
    xml_suffixes: tuple[str, ...] = SITE_XML
    needs_policy: bool = True  # the site's and edition.html's pages; an EPUB reader does not read the policy
    prefix: str = "/"  # the path the site is served under: 404.html links from it
    own_scripts: frozenset[str] = frozenset()  # the sha256 of the editor's own scripts (extra_javascript)


def toolkit_folders() -> list[Path]:
    """Where the script files the toolkit ships are: Material's assets and the package itself."""
    import material

    return [Path(material.__file__).parent / "templates" / "assets", Path(__file__).parents[1]]


@functools.lru_cache(maxsize=1)
def shipped_files() -> frozenset[str]:
    """The sha256 of every script file the toolkit ships."""
    found = {hashlib.sha256(data).hexdigest() for name, data in load_assets().items() if name.endswith(".js")}
    for folder in toolkit_folders():  # the assembled edition.js is no file of the package: its parts are
        for parent, _, names in os.walk(folder):
            found |= {hashlib.sha256((Path(parent) / n).read_bytes()).hexdigest() for n in names if n.endswith(".js")}
    return frozenset(found)


@functools.lru_cache(maxsize=1)
def shipped_hashes() -> tuple[frozenset[str], frozenset[str]]:
    """The hash sources of the inline scripts and of the <style> elements the toolkit ships."""
    return frozenset(map(source_hash, shipped_scripts())), frozenset(map(source_hash, shipped_styles()))


def data_script_shipped(path: str, data: bytes) -> bool:
    """Whether a generated script file is its shipped form: a JSON literal between a fixed head and tail (the
    offline site's search index, the Cite panel's downloads), so that it declares data and runs nothing else."""
    name = PurePosixPath(path).name
    if name not in DATA_SCRIPTS:
        return False
    head, tail_file = DATA_SCRIPTS[name]
    tail = f";\n{tail_file.read_text(encoding='utf-8')}" if tail_file else ""
    text = data.decode("utf-8", errors="replace")
    if not (text.startswith(head) and text.endswith(tail)):
        return False
    try:
        return isinstance(json.loads(text[len(head):len(text) - len(tail)]), dict)
    except ValueError:
        return False


def script_file_shipped(path: str, data: bytes, own: frozenset[str] = frozenset()) -> bool:
    """Whether a .js file of an output is one the toolkit ships, or one of the editor's own scripts."""
    digest = hashlib.sha256(data).hexdigest()
    return digest in shipped_files() or digest in own or data_script_shipped(path, data)


def edition_scripts(files: Mapping[str, bytes], config: Mapping[str, Any]) -> frozenset[str]:
    """The sha256 of the editor's own scripts: the edition's files (as loaded) that mkdocs.yml names in
    extra_javascript; the edition's scripts as much as the toolkit's, and no other file of the edition."""
    named = config.get("extra_javascript") or []
    return frozenset(hashlib.sha256(files[n]).hexdigest() for n in named if isinstance(n, str) and n in files)


def check_output(output: Output) -> list[Finding]:
    """Everything in an output that the toolkit did not ship, sorted by file and line."""
    findings: list[Finding] = []
    for path, data in sorted(output.files.items()):
        findings.extend(sorted(file_findings(output, path, data), key=lambda f: f.line))
    return findings


def file_findings(output: Output, path: str, data: bytes) -> Iterator[Finding]:
    """What is wrong with one file of an output, by its type."""
    suffix = PurePosixPath(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        yield from page_findings(output, path, etree.fromstring(data, etree.HTMLParser()))
    elif suffix in output.xml_suffixes:
        yield from xml_findings(output, path, data)
    elif suffix == ".js":
        if not script_file_shipped(path, data, output.own_scripts):
            yield Finding(path, 1, "script file not shipped by the theme or the edition")
    elif suffix not in INERT_SUFFIXES and PurePosixPath(path).name not in EPUB_INERT:
        yield Finding(path, 1, f"file type '{suffix or PurePosixPath(path).name}' not made by the edition")


def xml_findings(output: Output, path: str, data: bytes) -> Iterator[Finding]:
    """An XML file (the sitemap, an EPUB's pages and package) read as XML, its elements as a page's."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        yield Finding(path, exc.lineno or 1, "not well-formed XML")
        return
    for node in root.itersiblings(preceding=True):
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-stylesheet":
            yield Finding(path, node.sourceline or 1, "xml-stylesheet processing instruction")
    yield from element_findings(output, path, root)


def page_findings(output: Output, path: str, root: etree._Element | None) -> Iterator[Finding]:
    """An HTML page's findings, and a missing or foreign policy."""
    if root is None:
        return
    yield from element_findings(output, path, root)
    if output.needs_policy and not any(is_policy(m) for m in root.iter("meta")):
        yield Finding(path, 1, "page has no Content-Security-Policy")


def is_policy(meta: etree._Element) -> bool:
    """Whether a <meta> is the edition's own policy, exactly."""
    return (meta.get("http-equiv") or "").lower() == META_NAME.lower() and meta.get("content") == policy()


def local(name: object) -> str:
    """An element's or attribute's name without its namespace or prefix, lower-case ('' for comments and
    processing instructions): an SVG <a xlink:href> read as HTML or as XML is the same."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower() if isinstance(name, str) else ""


def element_findings(output: Output, path: str, root: etree._Element) -> Iterator[Finding]:
    """Every refused element and attribute below a root, with its line (found by XPath: libxml2 walks the tree,
    Python sees only the few nodes that matter)."""
    for element in WATCHED_ELEMENTS(root):
        tag = local(element.tag)
        yield from (Finding(path, element.sourceline or 1, m) for m in element_problems(output, path, element, tag))
    for value in WATCHED_ATTRIBUTES(root):
        element = value.getparent()
        for message in attribute_problems(local(element.tag), value.attrname, str(value)):
            yield Finding(path, element.sourceline or 1, message)


def element_problems(output: Output, path: str, element: etree._Element, tag: str) -> Iterator[str]:
    """What one element holds that the toolkit did not ship."""
    if tag in REFUSED_ELEMENTS and not (tag == "form" and dict(element.attrib) in MATERIAL_FORMS):
        yield f"<{tag}> element"
    elif tag == "script":
        yield from script_problems(output, path, element)
    elif tag == "style" and source_hash(element.text or "") not in shipped_hashes()[1]:
        yield "<style> element not shipped by the theme or the edition"
    elif tag == "meta" and element.get("http-equiv") is not None and not is_policy(element):
        yield f"<meta http-equiv=\"{element.get('http-equiv')}\">"


def script_problems(output: Output, path: str, script: etree._Element) -> Iterator[str]:
    """A script file that is not a shipped file of the output, an inline script the toolkit did not ship."""
    src = script.get("src")
    if src is not None:
        target = linked_file(output, path, src)
        if target is None or not target.endswith(".js"):
            yield f"script '{src}' is not a file of the edition"
    elif (script.get("type") or "").strip().lower() not in DATA_TYPES:
        if source_hash(script.text or "") not in shipped_hashes()[0]:
            yield "inline script not shipped by the theme or the edition"


def linked_file(output: Output, page: str, url: str) -> str | None:
    """The output's file a relative or root-relative URL names, or None (another site, no such file)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    target = unquote(parts.path)
    if target.startswith(output.prefix):
        target = target[len(output.prefix):]
    elif not target.startswith("/"):
        target = (PurePosixPath(page).parent / target).as_posix()
    name = os.path.normpath(target).lstrip("/")
    return name if name in output.files else None


def attribute_problems(tag: str, name: str, value: str) -> Iterator[str]:
    """Event handlers, style attributes and script URLs."""
    name = local(name)  # xlink:href is an href
    if name.startswith("on"):
        yield f"event handler '{name}' on <{tag}>"
    elif name == "style":
        yield f"style attribute on <{tag}>: '{value[:40]}'"
    elif name in URL_ATTRS:
        target = normal_url(value).lower()
        scheme = target.split(":", 1)[0] if ":" in target else ""
        if scheme in SCRIPT_SCHEMES and not (tag == "img" and RASTER_DATA.match(target)):
            yield f"{scheme}: URL in <{tag} {name}>"


def folder_files(folder: Path) -> dict[str, bytes]:
    """Every file below a folder by its relative path (the built site, before it is swapped in)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def served_prefix(files: Mapping[str, bytes]) -> str:
    """The path the site is served under ('/tarasova/'), from its sitemap's first address; '/' without one."""
    sitemap = files.get("sitemap.xml")
    if sitemap is None:
        return "/"
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    first = etree.fromstring(sitemap, parser).find(".//{*}loc")
    path = urlsplit(first.text or "").path if first is not None else "/"
    return path[:path.rfind("/") + 1] or "/"


def site_output(files: Mapping[str, bytes], own_scripts: frozenset[str] = frozenset()) -> Output:
    """A site's files (served or offline) as an output."""
    return Output(files, prefix=served_prefix(files), own_scripts=own_scripts)


def zip_members(data: bytes) -> dict[str, bytes]:
    """Every file of a zip (the offline site, an EPUB) by its name in the archive, read in memory."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
