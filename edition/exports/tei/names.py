"""What the TEI writer's modules share: the namespace, element making, and ids that are valid NCNames."""
from __future__ import annotations

import re
import unicodedata
from typing import Mapping

from lxml import etree

TEI = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML}}}id"
XML_LANG = f"{{{XML}}}lang"
# What an NCName may not hold (letters, digits, '_', '-' and '.' stay; ':' and all else become '-').
NOT_NAME = re.compile(r"[^\w.-]", re.ASCII)


def tei(tag: str) -> str:
    """A TEI element's qualified name."""
    return f"{{{TEI}}}{tag}"


def sub(parent: etree._Element, tag: str, text: str | None = None,
        attrs: Mapping[str, str] | None = None) -> etree._Element:
    """Append a TEI element (attributes given as they are, empty ones left out) with its text."""
    element = etree.SubElement(parent, tei(tag), {k: v for k, v in (attrs or {}).items() if v})
    if text:
        element.text = text
    return element


def add_text(parent: etree._Element, text: str | None) -> None:
    """Append text at the end of an element: after its last child, or as its own text."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def squeezed(text: str) -> str:
    """Text on one line, runs of white space as one space."""
    return " ".join(text.split())


class Ids:
    """xml:ids that are NCNames and unique in the document: each name asked for is kept, or made one."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.given: dict[tuple[str, str], str] = {}

    def __call__(self, prefix: str, name: str) -> str:
        """The id for a thing of a kind (prefix) and a name; the same pair always gets the same id."""
        known = self.given.get((prefix, name))
        if known is not None:
            return known
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        base = prefix + NOT_NAME.sub("-", ascii_name) if name else prefix.rstrip("-")
        if not re.match(r"[A-Za-z_]", base):
            base = "x-" + base
        ident, count = base, 2
        while ident in self.taken:
            ident, count = f"{base}-{count}", count + 1
        self.taken.add(ident)
        self.given[(prefix, name)] = ident
        return ident

    def exact(self, name: str) -> str:
        """An id the site already gives (p12, iv-p12-1), kept as it is when it is a free NCName."""
        return self("", name)
