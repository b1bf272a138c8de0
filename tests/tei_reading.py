"""Read edition.tei.xml back: the corrected and the printed reading of each paragraph and note, by the same
definitions as the fidelity test (tests/fidelity.py): an edited reading is what the site shows, a printed reading
what the copy-text printed, a superscript set apart from its word."""
from __future__ import annotations

import copy
from pathlib import Path

from fidelity import Tokens, classed, join, tokens_of
from lxml import etree, html

from edition.exports.tei.names import TEI, XML_ID

NS = {"t": TEI}
SCHEMA = Path(__file__).resolve().parents[1] / "edition" / "exports" / "schema" / "edition-tei.rng"


def local(element: etree._Element) -> str:
    """An element's name without its namespace."""
    return etree.QName(element).localname


def reading(element: etree._Element, printed: bool) -> str:
    """The text of an element in one reading (its tail not included); notes at their markers left out."""
    out = [element.text or ""]
    for child in element:
        out.append(part(child, printed))
        out.append(child.tail or "")
    return "".join(out)


def part(child: etree._Element, printed: bool) -> str:
    """One child's contribution to a reading."""
    name, kind = local(child), child.get("type")
    if name == "note":
        return f" {child.get('n')} " if printed and child.get("place") == "foot" else ""
    if name == "ref" and kind == "noteAnchor":
        return f" {child.get('n')} " if printed else ""
    if name == "sic":
        return reading(child, printed) if printed else ""
    if name == "corr":
        return "" if printed else reading(child, printed)
    if name == "supplied":
        return "" if printed else reading(child, printed)
    if name == "surplus":
        return reading(child, printed) if printed else ""
    if name == "gap":
        return "" if printed else "[…]"
    if name == "p":  # a note's paragraphs, apart as on the page
        return f" {reading(child, printed)} "
    if name == "hi" and child.get("rend") == "superscript" and printed:
        return f" {reading(child, printed)} "
    return reading(child, printed)


def squeezed(text: str) -> str:
    """Text with runs of white space as one space, none at the ends."""
    return " ".join(text.split())


def certainties(root: etree._Element) -> dict[str, str]:
    """'iv-p12-1' -> the certainty the TEI states for that intervention: the @cert of the element that carries it
    (of the choice's corr), for each one that states one."""
    found = {}
    for element in root.iter():
        ident = str(element.get(XML_ID, ""))
        if not ident.startswith("iv-"):
            continue
        carrier = element.find("t:corr", NS) if local(element) == "choice" else element
        if carrier is not None and carrier.get("cert") is not None:
            found[ident] = carrier.get("cert")
    return found


def paragraphs(root: etree._Element) -> list[etree._Element]:
    """The body's paragraphs, not those of its notes."""
    return list(root.xpath(".//t:body//t:p[not(ancestor::t:note)]", namespaces=NS))


def tei_units(root: etree._Element, printed: bool) -> dict[str, str]:
    """'p12' and 'n. 12' -> the reading of each paragraph of the body and each note at its marker."""
    units = {p.get(XML_ID): squeezed(reading(p, printed)) for p in paragraphs(root)}
    for note in root.iterfind(".//t:body//t:note[@place='foot']", NS):
        units[f"n. {note.get('n')}"] = squeezed(reading(note, printed))
    return units


def site_units(article: html.HtmlElement) -> dict[str, str]:
    """The same units on the site's essay page: the edition's reading, without markers, labels and links back."""
    article = copy.deepcopy(article)
    dropped = " or ".join(classed(name) for name in ("iv-printed", "iv-app", "note-label", "note-heading",
                                                     "footnote-backref"))
    for element in article.xpath(f".//*[{dropped}] | .//sup[starts-with(@id, 'fnref')]"):
        element.drop_tree()
    units = {p.get("id"): squeezed(p.text_content()) for p in article.xpath(".//p[starts-with(@id, 'p')]")}
    for item in article.xpath(".//li[starts-with(@id, 'fn:')]"):
        units[f"n. {item.get('data-label')}"] = squeezed(item.text_content())
    return units


def printed_tokens(root: etree._Element) -> tuple[Tokens, Tokens, dict[str, Tokens]]:
    """The TEI read as printed, as fidelity.copy_text splits the copy-text: heading, body, notes by label."""
    title = " ".join(reading(t, True) for t in root.iterfind(".//t:front/t:docTitle/t:titlePart", NS))
    byline = " ".join(reading(b, True) for b in root.iterfind(".//t:front/t:byline", NS))
    head = join(tokens_of(title, "title"), tokens_of(byline, "byline"))
    body = [tokens_of(reading(p, True), f"¶{p.get('n')}") for p in paragraphs(root)]
    notes = {str(n.get("n")): tokens_of(reading(n, True), f"note {n.get('n')}")
             for n in root.iterfind(".//t:body//t:note[@place='foot']", NS)}
    return head, join(*body), notes
