"""The certainty an intervention may state after its kind, {>>marker (medium): why<<}: parsed, checked, shown."""
from __future__ import annotations

import pytest
from markdown import Markdown

from edition.load.interventions import Intervention, label, parse, printed_reading
from edition.render.markdown import apparatus_entry
from edition.render.mdext import EditionExtension, tip
from edition.resolve.links import Placed

MARKER = "said{++[^4]++}{>>marker (medium): inferred: probably the source<<}."


def test_a_certainty_after_the_kind_is_parsed_and_the_reason_keeps_its_colons() -> None:
    items, problems = parse(MARKER)
    assert problems == []
    assert items == [Intervention("add", "marker", "", "[^4]", "inferred: probably the source", 4, 66, "medium")]


def test_no_parentheses_state_no_certainty() -> None:
    items, problems = parse("said{++[^4]++}{>>marker: inferred (probably): the source<<}.")
    assert problems == []
    assert [(i.kind, i.cert, i.reason) for i in items] == [("marker", "", "inferred (probably): the source")]


@pytest.mark.parametrize(("markup", "expected"), [
    ("{~~teh~>the~~}{>>typo (high)<<}", ("typo", "high", "")),
    ("{--17--}{>>artefact ( low ): page number<<}", ("artefact", "low", "page number")),
    ("{>>lacuna (unknown): leaf lost<<}", ("lacuna", "unknown", "leaf lost")),
    ("{++,++}{>>punct(medium): lost<<}", ("punct", "medium", "lost")),
])
def test_every_kind_that_changes_a_reading_may_state_a_certainty(markup: str, expected: tuple[str, ...]) -> None:
    items, problems = parse(markup)
    assert problems == []
    assert [(i.kind, i.cert, i.reason) for i in items] == [expected]


@pytest.mark.parametrize(("markup", "message"), [
    ("A{++[^4]++}{>>marker (meduim): why<<}", "unknown certainty 'meduim' (did you mean 'medium'?)"),
    ("A{++[^4]++}{>>marker (High): why<<}", "unknown certainty 'High' (did you mean 'high'?)"),
    ("A{++[^4]++}{>>marker (sure): why<<}", "unknown certainty 'sure' (known: high, medium, low, unknown)"),
    ("A{>>join (low)<<}", "'join' changes no reading: say the doubt in its words, not as a certainty"),
    ("A{>>comment (high): as printed<<}",
     "'comment' changes no reading: say the doubt in its words, not as a certainty"),
    ("A{==words==}{>>comment (low): as printed<<}",
     "'comment' changes no reading: say the doubt in its words, not as a certainty"),
])
def test_an_unknown_or_refused_certainty_is_a_located_problem(markup: str, message: str) -> None:
    _, problems = parse(markup)
    assert [(p.offset, p.message, p.code) for p in problems] == [(1, message, "intervention-cert")]


def test_empty_parentheses_are_no_certainty_but_an_unknown_kind() -> None:
    _, problems = parse("A{++[^4]++}{>>marker (): why<<}")
    assert [(p.offset, p.code) for p in problems] == [(1, "intervention-kind")]


def test_the_printed_reading_ignores_the_certainty() -> None:
    assert printed_reading(MARKER) == printed_reading(MARKER.replace(" (medium)", "")) == "said."


def test_the_label_names_the_certainty_only_when_stated() -> None:
    assert label("marker", "medium") == "restored note marker (certainty: medium)"
    assert label("marker") == label("marker", "") == "restored note marker"
    assert tip("typo", "teh", "transposed", "low") == "corrected misprint (certainty: low); printed: teh; transposed"
    assert tip("typo", "teh", "transposed") == "corrected misprint; printed: teh; transposed"


def test_the_rendered_intervention_carries_the_certainty_in_its_title() -> None:
    md = Markdown(extensions=["footnotes", EditionExtension()])
    html = md.convert(MARKER + "\n\n[^4]: A note.\n")
    assert 'title="restored note marker (certainty: medium); inferred: probably the source"' in html
    plain = Markdown(extensions=["footnotes", EditionExtension()]).convert(
        MARKER.replace(" (medium)", "") + "\n\n[^4]: A note.\n")
    assert 'title="restored note marker; inferred: probably the source"' in plain


def test_the_apparatus_entry_names_the_certainty_with_the_kind() -> None:
    (item,), _ = parse(MARKER)
    entry = apparatus_entry(Placed("p3-1", "¶3", "p3", item, "said"), {"4": "4"})
    assert entry == ("[¶3](index.md#iv-p3-1) · said\\] · *restored note marker \\(certainty: medium\\)* · "
                     "supplied «marker 4» · inferred: probably the source\n{: #app-p3-1 .apparatus-entry }\n")
