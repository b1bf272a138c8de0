"""Turn the resolved edition into Markdown pages and a MkDocs configuration (pure)."""
from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from pybtex.backends.plaintext import Backend as PlainBackend

from .interventions import LABELS
from .markdown_scan import PANDOC_CITATION, pandoc_items
from .markdown_text import plain
from .model import Note, Source
from .pages import APPARATUS_PAGE, CHRONOLOGY_PAGE, ESSAY_PAGE, GLOSSARY_PAGE, PERSONS_PAGE, SOURCES_PAGE
from .render_registers import (
    abbreviations,
    render_chronology,
    render_glossary,
    render_persons,
)
from .resolve import Placed, Resolved
from .style import EditionStyle, MarkdownBackend

if TYPE_CHECKING:
    from pybtex.richtext import Text

ASSET_DIR = "_edition"
OVERRIDES = Path(__file__).parent / "overrides"  # Material templates of the toolkit (font preload)


def indent(text: str) -> str:
    """Indent continuation lines by four spaces, as a footnote definition needs."""
    return "\n".join(("    " + line) if line.strip() else "" for line in text.split("\n"))


def short_label(source: Source, sources: Mapping[str, Source]) -> str:
    """A short reference: the shorthand; else surnames and year; else the volume's shorthand; else the title."""
    if source.fields.get("shorthand"):
        return source.fields["shorthand"]
    people = source.persons.get("author") or source.persons.get("editor") or ()
    names = [" ".join(p.last_names) for p in people]
    if names:
        who = names[0] + " et al." if len(names) > 2 else " and ".join(names)
        year = source.fields.get("year") or source.fields.get("date", "")[:4]
        return f"{who} {year}".strip()
    volume = sources.get(source.fields.get("crossref", ""))
    if volume is not None and volume.fields.get("shorthand"):
        return volume.fields["shorthand"]
    return source.fields.get("title", source.key)


def expand_pandoc(body: str, sources: Mapping[str, Source]) -> str:
    """Rewrite [see @key, p. 3] as 'see [Label, p. 3][@key]', which the links below resolve."""
    def one(match: Any) -> str:
        out = []
        for item in pandoc_items(match.group(1)):
            if item is None:
                return str(match.group(0))
            prefix, key, suffix = item
            label = short_label(sources[key], sources) if key in sources else key
            link = f"[{label}{', ' + suffix if suffix else ''}][@{key}]"
            out.append(f"{prefix} {link}".strip())
        return "; ".join(out)
    return PANDOC_CITATION.sub(one, body)


def note_definition(note: Note, sources: Mapping[str, Source]) -> str:
    """A note as a Markdown footnote definition."""
    body = expand_pandoc(note.file.body.strip("\n"), sources)
    return f"[^{note.id}]: " + indent(body).lstrip()


def formatted_entries(resolved: Resolved) -> dict[str, Text]:
    """Every entry formatted once by pybtex (formatting is the costliest step of rendering)."""
    style = EditionStyle()
    return {key: style.format_entry(key, entry).text for key, entry in resolved.entries.items()}


def link_definitions(formatted: Mapping[str, Text], keys: Iterable[str]) -> list[str]:
    """Reference-link definitions [@key]: sources.md#key "entry as plain text"."""
    plain = PlainBackend()
    lines = []
    for key in keys:
        text = formatted[key].render(plain).replace("\n", " ")
        lines.append(f'[@{key}]: {SOURCES_PAGE}#{key} "{text}"')
    return lines


def render_essay(resolved: Resolved, formatted: Mapping[str, Text] | None = None) -> str:
    """The essay page: title, byline, every part, the notes and the citation links."""
    meta = resolved.edition.meta
    byline = str(meta.get("author", "")) + (f" ({meta['affiliation']})" if meta.get("affiliation") else "")
    out = [f"# {meta.get('title', '')}", "", byline, "{: .byline }", ""]
    sources = {s.key: s for s in resolved.edition.sources}
    for part in resolved.edition.parts:
        if part.file.meta.get("heading"):
            out += [f"## {part.file.meta['heading']} {{: .editorial-heading }}", ""]
        out += [expand_pandoc(part.file.body.strip("\n"), sources), ""]
    out += [note_definition(n, sources) + "\n" for n in resolved.notes]
    cited = [k for k in resolved.entries if k in resolved.cited_by]
    formatted = formatted if formatted is not None else formatted_entries(resolved)
    return "\n".join(out + link_definitions(formatted, cited) + [""] + abbreviations(resolved)) + "\n"


def cited_in(resolved: Resolved, key: str) -> str:
    """'Cited in n. 2, n. 7.' with links to the notes."""
    note_ids = resolved.cited_by.get(key, ())
    if not note_ids:
        return ""
    links = ", ".join(f"[n.&nbsp;{resolved.labels[n]}]({ESSAY_PAGE}#fn:{n})" for n in note_ids)
    return f" Cited in {links}."


def render_sources(resolved: Resolved, formatted: Mapping[str, Text] | None = None) -> str:
    """The Sources page: every entry, grouped, with its id and the notes that cite it."""
    formatted = formatted if formatted is not None else formatted_entries(resolved)
    backend = MarkdownBackend()
    out = ["# Sources", ""]
    current = ""
    for group, sub, keys in resolved.groups:
        if group != current:
            out += [f"## {group}", ""]
            current = group
        if sub:
            out += [f"### {sub}", ""]
        for key in keys:
            text = formatted[key].render(backend)
            out += [text + cited_in(resolved, key), f"{{: #{key} .source }}", ""]
    return "\n".join(out)


def apparatus_entry(placed: Placed, labels: Mapping[str, str]) -> str:
    """One intervention: place, kind, printed and edited readings, reason."""
    item = placed.item
    what = [f"[{placed.place}]({ESSAY_PAGE}#iv-{placed.anchor})", f"*{LABELS.get(item.kind, item.kind)}*"]
    edited = item.edited.strip()
    if item.kind == "marker":
        note_id = edited.strip("[]^")
        edited = f"marker {labels.get(note_id, note_id)}"
    if item.op == "sub":
        what.append(f"printed «{plain(item.printed)}», edition «{plain(edited)}»")
    elif item.op == "add":
        what.append(f"supplied «{plain(edited)}»")
    elif item.op == "del":
        what.append(f"printed «{plain(item.printed)}», removed")
    if item.reason:
        what.append(plain(item.reason))
    return " · ".join(what) + f"\n{{: #app-{placed.anchor} .apparatus-entry }}\n"


def render_apparatus(resolved: Resolved) -> str:
    """The apparatus page: counts by kind, then every intervention in reading order."""
    counts = Counter(p.item.kind for p in resolved.interventions)
    out = ["# Apparatus", "",
           f"{len(resolved.interventions)} editorial interventions, in reading order: the essay, then the notes.",
           "", "| Kind | Number |", "| --- | ---: |"]
    out += [f"| {LABELS.get(kind, kind)} | {counts[kind]} |" for kind in LABELS if counts[kind]]
    out.append("")
    out += [apparatus_entry(p, resolved.labels) for p in resolved.interventions]
    return "\n".join(out)


def render_pages(resolved: Resolved) -> dict[PurePosixPath, str]:
    """Every Markdown page of the site, by path inside the docs folder, in navigation order."""
    edition = resolved.edition
    formatted = formatted_entries(resolved)
    pages = {ESSAY_PAGE: render_essay(resolved, formatted), SOURCES_PAGE: render_sources(resolved, formatted),
             APPARATUS_PAGE: render_apparatus(resolved)}
    if edition.persons:
        pages[PERSONS_PAGE] = render_persons(resolved)
    if edition.repositories or edition.terms:
        pages[GLOSSARY_PAGE] = render_glossary(resolved)
    if any(s.fields.get("date") for s in edition.sources):
        pages[CHRONOLOGY_PAGE] = render_chronology(resolved, formatted)
    for page in edition.pages:
        pages[PurePosixPath(page.loc.path).name] = f"# {page.meta.get('title', '')}\n\n{page.body.strip()}\n"
    return {PurePosixPath(name): text for name, text in pages.items()}


def nav(pages: Iterable[tuple[PurePosixPath, str]]) -> list[dict[str, str]]:
    """The site's navigation: each page under its first heading, the essay as 'Essay'."""
    items = []
    for path, text in pages:
        title = "Essay" if path.as_posix() == ESSAY_PAGE else text.split("\n", 1)[0].lstrip("# ").strip()
        items.append({title: path.as_posix()})
    return items


def mkdocs_config(resolved: Resolved, pages: Mapping[PurePosixPath, str], assets: Iterable[str],
                  site_dir: str) -> dict[str, Any]:
    """The editor's mkdocs.yml with the pages, extensions and assets the build needs."""
    config = copy.deepcopy(dict(resolved.edition.config))
    config.update({"docs_dir": "docs", "site_dir": site_dir, "nav": nav(pages.items()), "strict": True,
                   "use_directory_urls": False})
    config["validation"] = {"omitted_files": "warn", "absolute_links": "warn", "unrecognized_links": "warn",
                            "anchors": "warn"}
    extensions = [e for e in config.get("markdown_extensions", [])
                  if not (isinstance(e, dict) and "edition.mdext" in e)]
    for required in ("footnotes", "attr_list", "pymdownx.caret", "tables", "abbr"):
        if required not in extensions and not any(isinstance(e, dict) and required in e for e in extensions):
            extensions.append(required)
    extensions.append({"edition.mdext": {"labels": dict(resolved.labels), "sources_page": SOURCES_PAGE,
                                        "apparatus_page": APPARATUS_PAGE, "persons_page": PERSONS_PAGE,
                                        "persons": [[p.id, list(p.spellings), list(p.exclude)]
                                                    for p in resolved.edition.persons]}})
    config["markdown_extensions"] = extensions
    theme = config.get("theme")
    if isinstance(theme, Mapping) and not theme.get("custom_dir"):
        config["theme"] = {**dict(theme), "custom_dir": str(OVERRIDES)}
    config["extra_css"] = [a for a in assets if a.endswith(".css")] + list(config.get("extra_css", []))
    config["extra_javascript"] = [a for a in assets if a.endswith(".js")] + list(config.get("extra_javascript", []))
    return config
