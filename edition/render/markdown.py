"""Turn the resolved edition into Markdown pages and a MkDocs configuration (pure)."""
from __future__ import annotations

import json
from collections import Counter
from functools import partial
from pathlib import PurePosixPath
from typing import Any, Iterable, Mapping

from pybtex.backends.plaintext import Backend as PlainBackend
from pybtex.database import Entry

from edition.check.fields import DEFAULT_FOLIO, plain_field
from edition.check.images import published_files
from edition.check.meta import EditionMeta, edition_meta, names
from edition.check.meta import byline as joined_names
from edition.check.sanitize import escape_html
from edition.load.config import merged
from edition.load.interventions import LABELS, label
from edition.load.markdown_scan import PANDOC_CITATION, pandoc_items
from edition.load.memo import Memo, entry_inputs, kept_texts
from edition.model import Note, Repository, Source
from edition.pages import (
    APPARATUS_PAGE,
    CHRONOLOGY_PAGE,
    ESSAY_PAGE,
    EXPORTS,
    GENERATED_PAGES,
    GLOSSARY_PAGE,
    PERSONS_PAGE,
    SOURCES_PAGE,
)
from edition.render.downloads import ALL_BIB, ALL_CSL, ALL_RIS, entry_files, entry_ris
from edition.render.markdown_text import attribute_value, link_title, markdown_url, plain
from edition.render.registers import (
    abbreviations,
    render_chronology,
    render_glossary,
    render_persons,
)
from edition.render.style import EditionStyle, Formatted, MarkdownBackend
from edition.resolve.links import Placed, Resolved, call_number

ASSET_DIR = "_edition"


def indent(text: str) -> str:
    """Indent continuation lines by four spaces, as a footnote definition needs."""
    return "\n".join(("    " + line) if line.strip() else "" for line in text.split("\n"))


def short_label(source: Source, sources: Mapping[str, Source],
                repositories: Mapping[str, Repository] | None = None) -> str:
    """A short reference: the shorthand; an archive's document by its repository and call number (never like a
    book, 'Author Year'); else surnames and year; else the volume's shorthand; else the title."""
    if source.fields.get("shorthand"):
        return plain_field(source.fields["shorthand"])
    repo = (repositories or {}).get(source.fields.get("archive", ""))
    if repo is not None:
        return f"{repo.abbr}, {plain_field(call_number(source.fields))}"
    people = source.persons.get("author") or source.persons.get("editor") or ()
    names = [plain_field(" ".join(p.last_names)) for p in people]
    if names:
        who = names[0] + " et al." if len(names) > 2 else " and ".join(names)
        year = source.fields.get("origdate", "")[:4] or source.fields.get("year") or source.fields.get("date", "")[:4]
        return f"{who} {year}".strip()
    volume = sources.get(source.fields.get("crossref", ""))
    if volume is not None and volume.fields.get("shorthand"):
        return plain_field(volume.fields["shorthand"])
    return plain_field(source.fields.get("title", source.key))


def locator(source: Source | None, suffix: str, repositories: Mapping[str, Repository]) -> str:
    """A bare leaf number cited from an archive's document takes that archive's abbreviation: 'f. 3r'."""
    repo = repositories.get(source.fields.get("archive", "")) if source is not None else None
    if repo is not None and suffix[:1].isdigit():
        return f"{repo.folio or DEFAULT_FOLIO} {suffix}"
    return suffix


def expand_pandoc(body: str, sources: Mapping[str, Source],
                  repositories: Mapping[str, Repository] | None = None) -> str:
    """Rewrite [see @key, p. 3] as 'see [Label, p. 3][@key]', which the links below resolve."""
    archives = repositories or {}

    def one(match: Any) -> str:
        out = []
        for item in pandoc_items(match.group(1)):
            if item is None:
                return str(match.group(0))
            prefix, key, suffix = item
            source = sources.get(key)
            label = plain(short_label(source, sources, archives) if source is not None else key)
            suffix = locator(source, suffix, archives)
            link = f"[{label}{', ' + suffix if suffix else ''}][@{key}]"
            out.append(f"{prefix} {link}".strip())
        return "; ".join(out)
    return PANDOC_CITATION.sub(one, body)


def note_definition(note: Note, sources: Mapping[str, Source],
                    repositories: Mapping[str, Repository] | None = None) -> str:
    """A note as a Markdown footnote definition."""
    body = expand_pandoc(note.file.body.strip("\n"), sources, repositories)
    return f"[^{attribute_value(note.id)}]: " + indent(body).lstrip()


def format_source(style: EditionStyle, key: str, entry: Entry) -> Formatted:
    """One entry formatted by pybtex, rendered for both uses."""
    text = style.format_entry(key, entry).text
    return Formatted(text.render(MarkdownBackend()), text.render(PlainBackend()))


def recalled_entries(resolved: Resolved, memo: Memo) -> dict[str, tuple[str, Formatted]]:
    """Every entry formatted once (the costliest step of rendering), or recalled from the memo; with its digest."""
    style = EditionStyle()
    return {key: memo.recall("format", entry_inputs(key, entry), partial(format_source, style, key, entry),
                             lambda kept: Formatted(*kept_texts(kept, 2)))
            for key, entry in resolved.entries.items()}


def formatted_entries(resolved: Resolved) -> dict[str, Formatted]:
    """Every entry formatted, by key."""
    style = EditionStyle()
    return {key: format_source(style, key, entry) for key, entry in resolved.entries.items()}


def link_definitions(formatted: Mapping[str, Formatted], keys: Iterable[str]) -> list[str]:
    """Reference-link definitions [@key]: sources.md#key "entry as plain text"."""
    lines = []
    for key in keys:
        target = f"{SOURCES_PAGE}#{attribute_value(key)}"
        lines.append(f'[@{key}]: {target} "{link_title(formatted[key].plain)}"')
    return lines


def render_essay(resolved: Resolved, formatted: Mapping[str, Formatted] | None = None) -> str:
    """The essay page: title, byline, every part, the notes and the citation links."""
    meta = resolved.edition.meta
    byline = plain(joined_names(names(meta.get("author")))) + (f" ({plain(str(meta['affiliation']))})"
                                                   if meta.get("affiliation") else "")
    out = [f"# {plain(str(meta.get('title', '')))}", "", byline, "{: .byline }", ""]
    sources = {s.key: s for s in resolved.edition.sources}
    archives = {r.id: r for r in resolved.edition.repositories}
    for part in resolved.edition.parts:
        if part.file.meta.get("heading"):
            out += [f"## {plain(str(part.file.meta['heading']))} {{: .editorial-heading }}", ""]
        out += [expand_pandoc(part.file.body.strip("\n"), sources, archives), ""]
    out += [note_definition(n, sources, archives) + "\n" for n in resolved.notes]
    cited = [k for k in resolved.entries if k in resolved.cited_by]
    formatted = formatted if formatted is not None else formatted_entries(resolved)
    return "\n".join(out + link_definitions(formatted, cited) + [""] + abbreviations(resolved)) + "\n"


def cited_in(resolved: Resolved, key: str) -> str:
    """'Cited in n. 2, n. 7.' with links to the notes."""
    note_ids = resolved.cited_by.get(key, ())
    if not note_ids:
        return ""
    links = ", ".join(f"[n.&nbsp;{plain(resolved.labels[n])}]({markdown_url(f'{ESSAY_PAGE}#fn:{n}')})"
                      for n in note_ids)
    return f" Cited in {links}."


# Words for BibTeX field names in the editor's record of an entry; other fields are named as they are.
FIELD_WORDS = {"address": "place", "journaltitle": "journal", "booktitle": "book"}


def person_names(source: Source, role: str) -> str:
    """The persons of a role as plain text: 'Fritz Taubert and …'."""
    return " and ".join(plain_field(" ".join(p.first_names + p.middle_names + p.prelast_names + p.last_names))
                        for p in source.persons.get(role, ()))


def editorial_record(source: Source) -> str:
    """' Printed as «…».' and ' Supplied by the editor: place (…).', from the entry's own printed and supplied."""
    out = ""
    if source.fields.get("printed"):
        out += f" Printed as «{plain(source.fields['printed'])}»."
    names = [n.strip().lower() for n in source.fields.get("supplied", "").split(",") if n.strip()]
    if names:
        values = [FIELD_WORDS.get(n, n) + (f" ({plain(source.fields[n])})" if source.fields.get(n) else
                                           f" ({plain(person_names(source, n))})" if source.persons.get(n) else "")
                  for n in names]
        out += f" Supplied by the editor: {', '.join(values)}."
    return out


def render_sources(resolved: Resolved, formatted: Mapping[str, Formatted] | None = None) -> str:
    """The Sources page: every entry, grouped, with its id and the notes that cite it."""
    formatted = formatted if formatted is not None else formatted_entries(resolved)
    own = {source.key: source for source in resolved.edition.sources}
    out = ["# Sources", "",
           f"All sources: [BibTeX]({ALL_BIB.as_posix()}){{: download }} (biblatex as the edition keeps it, with "
           "the fields classic BibTeX reads) · "
           f"[CSL-JSON]({ALL_CSL.as_posix()}){{: download }} (for Zotero and citeproc, with every archival "
           f"location) · [RIS]({ALL_RIS.as_posix()}){{: download }} (for EndNote, Mendeley and Zotero)",
           "{: .downloads }", ""]
    current = ""
    for group, sub, keys in resolved.groups:
        if group != current:
            out += [f"## {plain(group)}", ""]
            current = group
        if sub:
            out += [f"### {plain(sub)}", ""]
        for key in keys:
            text = formatted[key].markdown
            out += [text + editorial_record(own[key]) + cited_in(resolved, key),
                    f"{{: #{attribute_value(key)} .source }}", "",
                    entry_downloads(key)]
    return "\n".join(out)


def entry_downloads(key: str) -> str:
    """Links to one entry's BibTeX, CSL-JSON and RIS files."""
    bib, csl = entry_files(key)
    return (f"[BibTeX]({markdown_url(bib.as_posix())}){{: download }} · "
            f"[CSL-JSON]({markdown_url(csl.as_posix())}){{: download }} · "
            f"[RIS]({markdown_url(entry_ris(key).as_posix())}){{: download }}\n"
            "{: .downloads }\n")


def apparatus_entry(placed: Placed, labels: Mapping[str, str]) -> str:
    """One intervention: place, kind, printed and edited readings, reason."""
    item = placed.item
    what = [f"[{plain(placed.place)}]({markdown_url(f'{ESSAY_PAGE}#iv-{placed.anchor}')})"]
    if placed.lemma:  # the words of the text it concerns, closed by the bracket of a critical apparatus
        what.append(f"{plain(placed.lemma)}\\]")
    what.append(f"*{plain(label(item.kind, item.cert))}*")
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
    elif item.kind == "lacuna":
        what.append("supplied «\\[…\\]»")  # the sign the text shows at the gap
    if item.reason:
        what.append(plain(item.reason))
    return " · ".join(what) + f"\n{{: #app-{attribute_value(placed.anchor)} .apparatus-entry }}\n"


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


def render_pages(resolved: Resolved, formatted: Mapping[str, Formatted] | None = None) -> dict[PurePosixPath, str]:
    """Every Markdown page of the site, by path inside the docs folder, in navigation order (formatted: the
    entries, when the caller has them already)."""
    edition = resolved.edition
    formatted = formatted if formatted is not None else formatted_entries(resolved)
    pages = {ESSAY_PAGE: render_essay(resolved, formatted), SOURCES_PAGE: render_sources(resolved, formatted),
             APPARATUS_PAGE: render_apparatus(resolved)}
    if edition.persons:
        pages[PERSONS_PAGE] = render_persons(resolved)
    if edition.repositories or edition.terms:
        pages[GLOSSARY_PAGE] = render_glossary(resolved)
    if any(s.own_date for s in edition.sources):
        pages[CHRONOLOGY_PAGE] = render_chronology(resolved, formatted)
    for page in edition.pages:
        name = PurePosixPath(page.loc.path).name
        block = edition_block(edition_meta(edition)) if name == ABOUT_PAGE else ""
        pages[name] = f"# {plain(str(page.meta.get('title', '')))}\n\n{page.body.strip()}\n" + block
    labels = edition_meta(edition).page_labels  # the edition's own titles of the generated pages
    for name, kind in GENERATED_PAGES.items():
        if kind in labels and name in pages:
            pages[name] = f"# {plain(labels[kind])}\n" + pages[name].split("\n", 1)[1]
    return {PurePosixPath(name): text for name, text in pages.items()}


ABOUT_PAGE = "about.md"  # the editor's page that also shows the edition's metadata


def edition_block(meta: EditionMeta) -> str:
    """The edition's metadata as a list at the end of the About page ('' when there is none); with the site's
    address, the exports to download from it."""
    rows = [("Edited by", plain(", ".join(meta.editors))), ("Version", plain(meta.version)),
            ("Date", plain(meta.date)), ("Publisher", plain(meta.publisher)), ("Licence", plain(meta.licence)),
            ("First published", plain(meta.published_text())),
            ("Web address", f"<{markdown_url(meta.url)}>" if meta.url else ""),
            ("Download", export_links(meta.url))]
    items = [f"- **{label}:** {value}" for label, value in rows if value]
    return ("\n## This edition\n\n" + "\n".join(items) + "\n") if items else ""


def export_links(url: str) -> str:
    """The exports as links to the site's root, where a published site has them (the Pages workflow puts them
    there): '' without the site's address, for then no site has them."""
    return " · ".join(f"[{plain(label)}]({markdown_url(url + name)}){{: download }}"
                      for name, label, _ in EXPORTS) if url else ""


def page_titles(resolved: Resolved) -> dict[PurePosixPath, str]:
    """The titles editors give their own pages, as plain text, by page path."""
    return {PurePosixPath(PurePosixPath(p.loc.path).name): str(p.meta.get("title", "")) for p in resolved.edition.pages}


def nav(pages: Iterable[tuple[PurePosixPath, str]], titles: Mapping[PurePosixPath, str],
        label: str = "Essay") -> list[dict[str, str]]:
    """The site's navigation: each page under its title or first heading, the text under its label ('Essay',
    'Chapter': front matter 'label'; HTML-escaped, for the theme writes navigation titles unescaped)."""
    items = []
    for path, text in pages:
        title = label if path.as_posix() == ESSAY_PAGE else titles.get(path) or \
            text.split("\n", 1)[0].lstrip("# ").strip()
        items.append({escape_html(title): path.as_posix()})
    return items


def with_titles(pages: Mapping[PurePosixPath, str], titles: Mapping[PurePosixPath, str]) -> dict[PurePosixPath, str]:
    """The pages for MkDocs: an editor's title also as the page's 'title' metadata, HTML-escaped, so that the
    theme writes it into <title> as it is (it would unescape a title taken from the navigation)."""
    return {path: (f"---\ntitle: {json.dumps(escape_html(titles[path]))}\n---\n\n{text}" if path in titles else text)
            for path, text in pages.items()}


CONFIG_TEXTS = ("site_name", "site_description", "site_author", "copyright")


def mkdocs_config(resolved: Resolved, pages: Mapping[PurePosixPath, str], assets: Iterable[str],
                  site_dir: str) -> dict[str, Any]:
    """The editor's mkdocs.yml over the toolkit's defaults, with the pages, extensions and assets the build needs."""
    config = merged(resolved.edition.config, plain_title(resolved.edition.meta))
    for key in CONFIG_TEXTS:  # the theme writes these unescaped, into elements and attributes
        if isinstance(config.get(key), str):
            config[key] = escape_html(config[key], quote_single=False)
    config.update({"docs_dir": "docs", "site_dir": site_dir, "nav": nav(pages.items(), page_titles(resolved),
                                                                              edition_meta(resolved.edition).label),
                   "strict": True,
                   "use_directory_urls": False})
    config["validation"] = {"omitted_files": "warn", "absolute_links": "warn", "unrecognized_links": "warn",
                            "anchors": "warn"}
    config["markdown_extensions"] = config["markdown_extensions"] + [
        {"edition.render.mdext": {"labels": dict(resolved.labels), "sources_page": SOURCES_PAGE,
                                  "lemmata": {p.anchor: p.lemma for p in resolved.interventions},
                           "apparatus_page": APPARATUS_PAGE, "persons_page": PERSONS_PAGE,
                           "persons": [[p.id, list(p.spellings), list(p.exclude)]
                                       for p in resolved.edition.persons]}}]
    config["extra_css"] = [a for a in assets if a.endswith(".css")] + list(config.get("extra_css", []))
    config["extra_javascript"] = [a for a in assets if a.endswith(".js")] + list(config.get("extra_javascript", []))
    return config


def plain_title(meta: Mapping[str, Any]) -> str:
    """The essay's title as plain text, the site's name when mkdocs.yml gives none."""
    return " ".join(str(meta.get("title", "")).split())


def edition_files(resolved: Resolved) -> dict[PurePosixPath, bytes]:
    """The figures the pages show and the editor's own stylesheets, scripts and logo, at their paths in the site."""
    return {PurePosixPath(name): data for name, data in published_files(resolved.edition).items()}
