"""The edition as one TEI P5 document (dist/edition.tei.xml), from the same resolved edition as the other exports.

The essay page is rendered as the site renders it (the edition's Markdown extension makes the interventions,
markers, persons, terms and citations elements) and that tree is written as TEI with lxml (text.py); the
registers, sources and chronology come from the model (tei_back.py). The schema it is checked against is
edition/exports/schema/edition-tei.rng, the project's own, in TEI's namespace and content models.
"""
from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any, Iterable, Mapping

from lxml import etree
from lxml import html as lhtml

from edition.check.meta import EditionMeta, edition_meta
from edition.exports.single_html import markdown_options, page_tree
from edition.exports.tei.back import back_matter
from edition.exports.tei.names import TEI, XML_ID, XML_LANG, Ids, sub, tei
from edition.exports.tei.text import Context, Converter, body
from edition.pages import ESSAY_PAGE
from edition.render.markdown import ABOUT_PAGE
from edition.resolve.links import Resolved

BLOCKS_AS_P = frozenset({"p", "h2", "h3", "h4", "h5", "h6"})  # the blocks a projectDesc holds as they are
# Elements that hold only other elements: indented; every other element keeps its text exactly as written.
STRUCTURAL = frozenset({
    "TEI", "teiHeader", "fileDesc", "titleStmt", "editionStmt", "publicationStmt", "availability", "sourceDesc",
    "encodingDesc", "projectDesc", "editorialDecl", "correction", "normalization", "punctuation", "interpretation",
    "profileDesc", "langUsage", "text", "front", "docTitle", "body", "back", "div", "quote", "figure", "listBibl",
    "biblStruct", "analytic", "monogr", "imprint", "series", "msDesc", "msIdentifier", "msContents", "msItem",
    "listPerson", "person", "listOrg", "org", "list", "label", "listEvent", "event", "respStmt", "bibl"})
ENCODING = (
    ("correction", "A correction of the copy-text is a choice of sic (the printed reading) and corr (the edition's, "
                   "its kind in type); text the editor adds is supplied, text removed (conversion artefacts, stray "
                   "punctuation) is surplus, each with its kind as reason; a lacuna is gap. Each has the xml:id of "
                   "its place on the site, and a note in the apparatus (back, div type apparatus) gives its kind and "
                   "reason. Where the editor states a certainty, cert carries it (high, medium, low or unknown); "
                   "without cert none is stated."),
    ("normalization", "The text keeps the copy-text's spellings: persName and term point at the registers, "
                      "which give the usual forms and every printed one."),
    ("punctuation", "Punctuation the editor supplies is supplied, punctuation removed is surplus, both with "
                    "reason punct; all other punctuation is the copy-text's."),
    ("interpretation", "Persons are persName pointing at listPerson; abbreviations and terms are term pointing at "
                       "the glossary; citations are ref pointing at the source's biblStruct or msDesc; notes stand "
                       "at their markers with the article's own label in n (a restored marker's note inside "
                       "supplied); editorial comments are note type editorial; other languages are foreign or "
                       "carry xml:lang."))


def title_stmt(header: etree._Element, meta: EditionMeta) -> str:
    """Title, author, editors and their responsibility; returns the editors' ids as a resp value."""
    stmt = sub(header, "titleStmt")
    sub(stmt, "title", meta.title or "Untitled", {"type": "main"})
    sub(stmt, "title", "Digital critical edition", {"type": "sub"}).set(XML_LANG, "en")
    if meta.author:
        sub(stmt, "author", meta.author)
    resp = []
    for number, name in enumerate(meta.editors, 1):
        editor = sub(stmt, "editor", name)
        editor.set(XML_ID, f"editor-{number}")
        resp.append(f"#editor-{number}")
    for name in meta.editors:
        respons = sub(stmt, "respStmt")
        sub(respons, "resp", "critical edition: text, interventions, notes and registers").set(XML_LANG, "en")
        sub(respons, "name", name)
    return " ".join(resp)


def publication_stmt(header: etree._Element, meta: EditionMeta, date: str) -> None:
    """Who publishes it, under which licence, when and where."""
    stmt = sub(header, "publicationStmt")
    if meta.publisher:
        sub(stmt, "publisher", meta.publisher)
    elif meta.editors:
        sub(stmt, "authority", ", ".join(meta.editors))
    else:  # nobody to name as responsible for the publication: TEI's prose form, in the toolkit's words
        sub(stmt, "p", f"No publisher or editor is named{f' (version of {date})' if date else ''}.").set(XML_LANG, "en")
        return
    if meta.licence:
        target = meta.licence if meta.licence.startswith(("http://", "https://")) else ""
        sub(sub(stmt, "availability"), "licence", meta.licence, {"target": target})
    if date:
        sub(stmt, "date", date, {"when": date})
    if meta.url:
        sub(stmt, "idno", meta.url, {"type": "URI"})


def source_desc(header: etree._Element, meta: EditionMeta) -> None:
    """The copy-text: the printed article, as far as the edition's metadata identifies it."""
    bibl = sub(sub(header, "sourceDesc"), "bibl", attrs={"type": "copyText"})
    if meta.author:
        sub(bibl, "author", meta.author)
    sub(bibl, "title", meta.title or "Untitled", {"level": "a"})
    pub = meta.published
    if pub.get("journal") or pub.get("book"):
        sub(bibl, "title", pub.get("journal") or pub["book"], {"level": "j" if pub.get("journal") else "m"})
    for unit, key in (("volume", "volume"), ("issue", "issue"), ("page", "pages")):
        if pub.get(key):
            sub(bibl, "biblScope", pub[key], {"unit": unit})
    for tag, key in (("pubPlace", "place"), ("publisher", "publisher"), ("date", "date")):
        if pub.get(key):
            sub(bibl, tag, pub[key])
    if pub.get("doi"):
        sub(bibl, "idno", pub["doi"], {"type": "DOI"})
    if pub.get("url"):
        sub(bibl, "ptr", attrs={"target": pub["url"]})
    if pub.get("text"):
        sub(bibl, "note", pub["text"])


def encoding_desc(header: etree._Element, about: lhtml.HtmlElement | None, converter: Converter) -> None:
    """The About page as the project's description; how the edition is encoded, part by part."""
    desc = sub(header, "encodingDesc")
    if about is not None:
        project = sub(desc, "projectDesc")
        for block in about:
            if not isinstance(block.tag, str) or block.tag == "h1":
                continue
            converter.block(block, project if block.tag in BLOCKS_AS_P else sub(project, "p"))
        if not len(project):
            sub(project, "p", "The edition has no About page.")
    decl = sub(desc, "editorialDecl")
    decl.set(XML_LANG, "en")  # the toolkit's own account of its encoding
    for tag, text in ENCODING:
        sub(sub(decl, tag), "p", text)


def lang_usage(header: etree._Element, main: str, used: Iterable[str]) -> None:
    """Every language the edition marks, the main one first."""
    usage = sub(sub(header, "profileDesc"), "langUsage")
    for ident in dict.fromkeys([main, *sorted(set(used) - {main})]):
        sub(usage, "language", ident, {"ident": ident})


def front(text: etree._Element, meta: EditionMeta) -> None:
    """The title and byline as the essay page prints them."""
    matter = sub(text, "front")
    sub(sub(matter, "docTitle"), "titlePart", meta.title or "Untitled", {"type": "main"})
    if meta.author:
        byline = sub(matter, "byline")
        sub(byline, "docAuthor", meta.author).tail = f" ({meta.affiliation})" if meta.affiliation else None


def indent(element: etree._Element, level: int = 0) -> None:
    """Indent the elements that hold only elements; text is never touched."""
    name = etree.QName(element).localname
    children = list(element)
    if name in STRUCTURAL and children and not (element.text or "").strip() \
            and all(not (c.tail or "").strip() for c in children):
        element.text = "\n" + "  " * (level + 1)
        for child in children:
            child.tail = "\n" + "  " * (level + 1)
        children[-1].tail = "\n" + "  " * level
    for child in children:
        indent(child, level + 1)


def rendered(pages: Mapping[PurePosixPath, str], name: str, extensions: Iterable[Any]) -> lhtml.HtmlElement | None:
    """A page of the site as the site renders it (through the allow-list), or None when there is none."""
    text = pages.get(PurePosixPath(name))
    if text is None:
        return None
    names, configs = markdown_options(extensions)
    return page_tree(text, names, configs)


def id_tables(resolved: Resolved, ids: Ids) -> dict[str, dict[str, str]]:
    """The xml:ids of everything the text points at, made once so that each is unique."""
    edition = resolved.edition
    return {"persons": {p.id: ids("person-", p.id) for p in edition.persons},
            "repositories": {r.id: ids("repo-", r.id) for r in edition.repositories},
            "terms": {t.term: ids("term-", t.term) for t in edition.terms},
            "sources": {s.key: ids("bib-", s.key) for s in edition.sources}}


def tei_document(resolved: Resolved, pages: Mapping[PurePosixPath, str], extensions: Iterable[Any],
                 version: str, date: str) -> etree._Element:
    """The edition as a TEI element tree."""
    extensions = list(extensions)
    meta = edition_meta(resolved.edition)
    essay = rendered(pages, ESSAY_PAGE, extensions)
    ids = Ids()
    ids.taken.update(f"editor-{n}" for n in range(1, len(meta.editors) + 1))
    tables = id_tables(resolved, ids)
    root = etree.Element(tei("TEI"), nsmap={None: TEI})
    root.set(XML_LANG, meta.language or "en")
    header = sub(root, "teiHeader")
    file_desc = sub(header, "fileDesc")
    resp = title_stmt(file_desc, meta)
    edition_date = meta.date or date
    edition = sub(sub(file_desc, "editionStmt"), "edition", f"Version {version or meta.version or 'unknown'}",
                  {"n": version or meta.version})
    if edition_date:
        edition.text += ", "
        sub(edition, "date", edition_date, {"when": edition_date})
    publication_stmt(file_desc, meta, edition_date)
    source_desc(file_desc, meta)
    notes = {str(li.get("id"))[3:]: li for li in essay.iter("li") if str(li.get("id", "")).startswith("fn:")} \
        if essay is not None else {}
    context = Context(resolved, ids, tables["sources"], tables["persons"], tables["terms"], resp, notes)
    encoding_desc(header, rendered(pages, ABOUT_PAGE, extensions), Converter(context))
    text = sub(root, "text")
    front(text, meta)
    body_element = sub(text, "body")
    if essay is not None:
        body(essay, context, body_element)
    back_matter(sub(text, "back"), resolved, ids, tables, context.apparatus)
    lang_usage(header, meta.language or "en", (str(e.get(XML_LANG)) for e in text.iter() if e.get(XML_LANG)))
    indent(root)
    return root


def tei_bytes(resolved: Resolved, pages: Mapping[PurePosixPath, str], extensions: Iterable[Any],
              version: str, date: str) -> bytes:
    """dist/edition.tei.xml: UTF-8, with its XML declaration, the same bytes for the same edition."""
    root = tei_document(resolved, pages, extensions, version, date)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
