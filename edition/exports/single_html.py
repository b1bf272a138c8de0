"""One self-contained HTML file of the whole edition, from the same resolved model as the site."""
from __future__ import annotations

import base64
import copy
import html
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Iterable, Mapping
from urllib.parse import unquote, urlsplit

import markdown
from lxml import html as lhtml
from markupsafe import Markup

from edition.check.images import published_files
from edition.check.meta import edition_meta
from edition.exports.single_search import script_json, search_index
from edition.pages import ESSAY_PAGE
from edition.render.cite import citation_files
from edition.resolve.links import Resolved
from edition.site.clean import cleaned
from edition.site.csp import with_csp
from edition.site.inline import CSS_URL, MIME, SCRIPT, ExportError, environment, single_scripts, single_style

TEMPLATE = "single.html.j2"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
OUTBOUND = {"http", "https", "mailto"}
PARAGRAPH_ID = re.compile(r"p(\d+)")
@dataclass
class Section:
    """One page of the site as a section of the combined file."""

    name: str  # the page's path in the site's docs: "sources.md"
    anchor: str  # the section's id: "page-sources"
    title: str
    tree: lhtml.HtmlElement  # a <div> holding the page's HTML


def markdown_options(extensions: Iterable[Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """MkDocs' markdown_extensions as Python-Markdown's extensions and extension_configs (toc, as MkDocs adds it)."""
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for item in extensions:
        if isinstance(item, Mapping):
            for name, options in item.items():
                names.append(str(name))
                configs[str(name)] = dict(options or {})
        else:
            names.append(str(item))
    if "toc" not in names:
        names.append("toc")
    return names, configs


def page_tree(text: str, names: list[str], configs: Mapping[str, Mapping[str, Any]]) -> lhtml.HtmlElement:
    """A page's Markdown as Python-Markdown renders it, through the allow-list as on the site, parsed into a <div>."""
    md = markdown.Markdown(extensions=names, extension_configs=copy.deepcopy(dict(configs)), output_format="html")
    rendered = md.convert(text)
    kept, refused = cleaned(rendered)
    if refused:  # the site's build refuses the same page first; this keeps the exports' own path as strict
        raise ExportError(refused)
    return lhtml.fragment_fromstring(kept, create_parent="div")


def page_anchor(name: str) -> str:
    """The id of a page's section: 'page-essay', 'page-sources' …"""
    stem = PurePosixPath(name).stem
    return "page-essay" if name == ESSAY_PAGE else f"page-{stem}"


def page_title(name: str, tree: lhtml.HtmlElement, label: str = "Essay") -> str:
    """A page's name in the contents: the text's label ('Essay'), else its first heading."""
    if name == ESSAY_PAGE:
        return label
    heading = tree.find(".//h1")
    return " ".join(heading.text_content().split()) if heading is not None else PurePosixPath(name).stem


def decorate_essay(tree: lhtml.HtmlElement) -> None:
    """What the site's script adds to the essay, made static: paragraph numbers and a heading over the notes."""
    for paragraph in tree.iter("p"):
        found = PARAGRAPH_ID.fullmatch(paragraph.get("id", ""))
        if found:
            number = lhtml.Element("a", {"class": "pnum", "href": f"#{paragraph.get('id')}",
                                         "aria-label": f"Paragraph {found.group(1)}"})
            sign = lhtml.Element("span", {"class": "pnum-sign"})
            sign.text = "¶"
            sign.tail = found.group(1)
            number.append(sign)
            number.tail = paragraph.text
            paragraph.text = None
            paragraph.insert(0, number)


def printed_out_of_flow(tree: lhtml.HtmlElement) -> None:
    """The printed reading of each intervention taken out of the text: the exports read as the corrected text
    without their stylesheet. It stays in the intervention's data-printed and title (the popover, the as-printed
    view's generated content) and in the Apparatus page's entry."""
    for printed in tree.find_class("iv-printed"):
        printed.drop_tree()  # its tail, the text after it, is kept


def unique_ids(sections: list[Section], taken: Iterable[str]) -> dict[str, dict[str, str]]:
    """Make every id unique in the combined file: a heading whose id is taken gets its page's name in front.

    Returns, for each page, its ids as written -> its ids in the combined file. Any other clash is an error.
    """
    seen = set(taken) | {s.anchor for s in sections}
    renames: dict[str, dict[str, str]] = {}
    for section in sections:
        mapping: dict[str, str] = {}
        stem = section.anchor.removeprefix("page-")
        for element in section.tree.iter():
            old = element.get("id")
            if not old:
                continue
            new = old
            if new in seen:
                if element.tag not in HEADINGS:
                    raise ExportError(f"{section.name}: id '{old}' is used elsewhere in the combined file")
                new, count = f"{stem}-{old}", 2
                while new in seen:
                    new, count = f"{stem}-{old}-{count}", count + 1
                element.set("id", new)
            seen.add(new)
            mapping.setdefault(old, new)
        renames[section.name] = mapping
    return renames


def local_href(value: str, page: str, sections: Mapping[str, Section], renames: Mapping[str, Mapping[str, str]]) -> str:
    """A link between the site's pages as a link inside the combined file: 'sources.md#x' -> '#x'."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.query:
        return value
    path = parts.path.removeprefix("./")
    target = page if not path else path
    if target not in sections:
        return value  # not a page of the edition: left for the link check to report
    if not parts.fragment:
        return f"#{sections[target].anchor}"
    fragment = unquote(parts.fragment)
    return "#" + renames[target].get(fragment, fragment)


def rewrite_links(sections: list[Section], renames: Mapping[str, Mapping[str, str]]) -> None:
    """Point every link between pages, and every link inside one, at its place in the combined file."""
    by_name = {s.name: s for s in sections}
    for section in sections:
        for element in section.tree.iter():
            value = element.get("href")
            if value is not None:
                element.set("href", local_href(value, section.name, by_name, renames))


def inline_images(sections: list[Section], files: Mapping[str, bytes]) -> None:
    """Every figure of the edition as a data: URL, so that the file holds its images."""
    for section in sections:
        for image in section.tree.iter("img"):
            data = files.get(image.get("src", ""))
            if data is not None:
                mime = MIME.get(PurePosixPath(image.get("src", "")).suffix.lower(), "application/octet-stream")
                image.set("src", f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}")


def inner_html(tree: lhtml.HtmlElement) -> str:
    """The serialized content of an element, without the element itself."""
    head = html.escape(tree.text, quote=False) if tree.text else ""
    return head + "".join(lhtml.tostring(child, encoding="unicode", method="html") for child in tree)


def document_problems(text: str) -> list[str]:
    """Why a combined file is not self-contained: duplicate ids, broken in-page links, outside resources."""
    root = lhtml.document_fromstring(text)
    problems: list[str] = []
    ids: dict[str, int] = {}
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("id"):
            ids[element.get("id", "")] = ids.get(element.get("id", ""), 0) + 1
    problems += [f"id '{i}' is used {n} times" for i, n in sorted(ids.items()) if n > 1]
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        href, src = element.get("href"), element.get("src")
        if href is not None and href.startswith("#"):
            if unquote(href[1:]) not in ids:
                problems.append(f"link to a missing id: {href}")
        elif href is not None and not (element.tag == "a" and urlsplit(href).scheme in OUTBOUND):
            problems.append(f"<{element.tag} href> outside the file: {href}")
        if src is not None and not src.startswith("data:"):
            problems.append(f"<{element.tag} src> outside the file: {src}")
    styles = [s.text or "" for s in root.iter("style")] + [e.get("style", "") for e in root.iter() if e.get("style")]
    for style in styles:
        problems += [f"url() outside the file: {m.group(2)[:60]}" for m in CSS_URL.finditer(style)
                     if not m.group(2).strip().startswith("data:")]
    return problems


def combined_sections(pages: Mapping[PurePosixPath, str], extensions: Iterable[Any],
                      label: str = "Essay") -> list[Section]:
    """Every page rendered with the site's Markdown extensions, ids made unique, links made in-page."""
    names, configs = markdown_options(extensions)
    sections = []
    for path, text in pages.items():
        name = path.as_posix()
        tree = page_tree(text, names, configs)
        if name == ESSAY_PAGE:
            decorate_essay(tree)
        printed_out_of_flow(tree)
        for element in tree.find_class("downloads"):  # the files they link stay with the site
            element.drop_tree()
        sections.append(Section(name, page_anchor(name), page_title(name, tree, label), tree))
    renames = unique_ids(sections, taken=("title-page", "contents", "colophon"))
    rewrite_links(sections, renames)
    return sections


def essay_first(pages: Mapping[PurePosixPath, str]) -> dict[PurePosixPath, str]:
    """The pages in the order of the exports: the essay, then the others as the site lists them."""
    return {p: pages[p] for p in sorted(pages, key=lambda p: p.as_posix() != ESSAY_PAGE)}
def palette_accent(theme: Mapping[str, Any]) -> str:
    """The accent colour's name of the light scheme (the first) in the theme's palette; edition.css draws on it."""
    palette = theme.get("palette")
    first = palette[0] if isinstance(palette, list) and palette else palette
    return str(first.get("accent") or "") if isinstance(first, Mapping) else ""


def single_html(resolved: Resolved, pages: Mapping[PurePosixPath, str], extensions: Iterable[Any],
                assets: Mapping[str, bytes], version: str, date: str) -> str:
    """The whole edition as one HTML file: title page, essay and notes, and every other page, all CSS inline."""
    sections = combined_sections(essay_first(pages), extensions, edition_meta(resolved.edition).label)
    inline_images(sections, published_files(resolved.edition))
    style, scripts = single_style(assets), single_scripts(assets)
    meta = resolved.edition.meta
    edition = edition_meta(resolved.edition)
    config = resolved.edition.config
    theme: Mapping[str, Any] = config["theme"] if isinstance(config.get("theme"), Mapping) else {}
    text = environment().get_template(TEMPLATE).render(
        language=str(theme.get("language") or "en"), title=str(meta.get("title", "")),
        author=edition.author, affiliation=str(meta.get("affiliation") or ""),
        published=edition.published_text(), editors=", ".join(edition.editors), publisher=edition.publisher,
        licence=edition.licence, site_name=str(config.get("site_name") or ""),
        description=str(config.get("site_description") or ""), version=version or "unknown", date=date,
        notes=any(s.tree.get_element_by_id("notes", None) is not None for s in sections if s.name == ESSAY_PAGE),
        accent=palette_accent(theme),
        style=Markup(style), edition_js=Markup(scripts["edition.js"]), single_js=Markup(scripts[SCRIPT]),
        search_data=Markup(script_json(search_index(sections))),
        cite_data=Markup(script_json({p.name: text for p, text in citation_files(edition, date).items()})),
        sections=[{"anchor": s.anchor, "title": s.title, "html": Markup(inner_html(s.tree))}
                  for s in sections])
    text = with_csp(text)
    problems = document_problems(text)
    if problems:
        raise ExportError("the single HTML file is not self-contained: " + "; ".join(problems[:10]))
    return text
