"""Figures: a paragraph that holds only an image becomes <figure>, its title the caption (Python-Markdown)."""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor


def only_image(paragraph: etree.Element) -> etree.Element | None:
    """The image a paragraph consists of, or None when it holds anything else."""
    children = list(paragraph)
    if len(children) != 1 or children[0].tag != "img":
        return None
    if (paragraph.text or "").strip() or (children[0].tail or "").strip():
        return None
    return children[0]


class FigureProcessor(Treeprocessor):
    """<p><img alt title></p> -> <figure class="edition-figure"><img alt><figcaption>title</figcaption></figure>."""

    def run(self, root: etree.Element) -> None:
        for paragraph in list(root.iter("p")):
            image = only_image(paragraph)
            if image is None:
                continue
            caption = image.attrib.pop("title", "")
            image.tail = None
            paragraph.tag = "figure"
            paragraph.text = None
            paragraph.set("class", " ".join(filter(None, (paragraph.get("class"), "edition-figure"))))
            if caption:
                etree.SubElement(paragraph, "figcaption").text = caption  # text: the serializer escapes it
