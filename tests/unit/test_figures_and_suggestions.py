"""Figures in the text (edition.render.figures) and 'did you mean' only for a slip (edition.load.common.suggest)."""
from __future__ import annotations

import markdown
from lxml import html

from edition.load.common import suggest
from edition.render.figures import FigureProcessor


def rendered(text: str) -> html.HtmlElement:
    """Markdown through Python-Markdown with the figure processor alone."""
    md = markdown.Markdown(extensions=["attr_list"])
    md.treeprocessors.register(FigureProcessor(md), "edition-figures", 6.8)
    return html.fragment_fromstring(md.convert(text), create_parent="div")


def test_an_image_alone_in_its_paragraph_is_a_figure_with_its_title_as_caption() -> None:
    tree = rendered('![A map of Rome](figures/rome.png "Rome & its <walls>")\n')
    figure = tree.xpath("figure")[0]
    assert (figure.get("class"), [c.tag for c in figure]) == ("edition-figure", ["img", "figcaption"])
    assert dict(figure[0].attrib) == {"alt": "A map of Rome", "src": "figures/rome.png"}
    assert figure[1].text_content() == "Rome & its <walls>"


def test_a_figure_without_title_has_no_caption() -> None:
    assert [c.tag for c in rendered("![A seal](figures/seal.png)\n").xpath("figure/*")] == ["img"]


def test_an_image_inside_a_sentence_stays_in_its_paragraph() -> None:
    tree = rendered("See ![a seal](figures/seal.png) here.\n")
    assert (tree.xpath("figure"), tree.xpath("p/img/@src")) == ([], ["figures/seal.png"])


def test_suggestions_for_slips() -> None:
    assert suggest("thank", ["thanks", "ack"]) == " (did you mean 'thanks'?)"
    assert suggest("site_auther", ["site_author", "site_name"]) == " (did you mean 'site_author'?)"
    assert suggest("Indgo", ["indigo"]) == " (did you mean 'indigo'?)"


def test_no_suggestion_for_a_different_word_or_number() -> None:
    assert suggest("15", ["5", "1", "14", "16"]) == ""
    assert suggest("nowhere.md", ["sources.md", "index.md"]) == ""
    assert suggest("figures/estate.png", ["figures/letter.png"]) == ""
    assert suggest("ab", ["abc"]) == ""
