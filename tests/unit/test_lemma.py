"""The lemma of an apparatus entry, and the {==marked words==} a comment is about."""
from __future__ import annotations

from edition.load.interventions import parse, printed_reading
from edition.resolve.links import lemma_in


def lemmata(text: str) -> list[tuple[str, str]]:
    items, problems = parse(text)
    assert problems == []
    return [(item.kind, lemma_in(text, item)) for item in items]


def test_marked_words_are_the_lemma_of_their_comment_and_stay_as_printed() -> None:
    text = "that the {==Reichwehr==}{>>comment: a misprint for Reichswehr<<} were"
    assert lemmata(text) == [("comment", "Reichwehr")]
    assert printed_reading(text) == "that the Reichwehr were"


def test_a_correction_names_its_reading_and_punctuation_the_word_it_follows() -> None:
    text = "{~~the~>there~~}{>>typo: the for there<<} is *the* Soviets{++'++}{>>punct: possessive<<} view"
    assert lemmata(text) == [("typo", "there"), ("punct", "Soviets'")]


def test_a_point_names_the_last_four_words_before_it_or_the_first_after_it() -> None:
    text = ("{--&lt;sup>--}{>>artefact: garbled label markup<<}See [Printed *words* of a note, p. 63][@key]"
            "{>>comment: a remark<<} (my{>>lacuna: breaks off<<}")
    assert lemmata(text) == [("artefact", "See Printed words of…"), ("comment", "…a note, p. 63"),
                             ("lacuna", "…note, p. 63 (my")]


def test_a_restored_marker_names_the_words_it_follows() -> None:
    text = 'remained "un point"{++[^8]++}{>>marker: inferred from note 8<<}. Then'
    assert lemmata(text) == [("marker", 'remained "un point"')]


def test_marked_words_without_a_comment_are_refused() -> None:
    _, problems = parse("the {==Reichwehr==} were")
    assert [(p.offset, p.code) for p in problems] == [(4, "intervention-kind")]
