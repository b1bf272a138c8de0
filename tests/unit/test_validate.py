"""edition.check.validate: every content rule, each with its exact diagnostic."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from edition.check.validate import validate
from edition.load.folder import load
from edition.model import Loc

MakeEdition = Callable[..., Path]

REPOSITORIES = "- id: rgali\n  abbr: RGALI\n  name: Russian State Archive of Literature and Art\n"


def diagnostics(root: Path) -> list[str]:
    """Load and validate; every diagnostic as printed, sorted as the build sorts them."""
    edition, found = load(root)
    found = found + validate(edition)
    return [str(d) for d in sorted(found, key=lambda d: d.sort_key())]


def essay(body: str, front: str = "title: T\nauthor: A\n") -> str:
    """An essay part: front matter (lines 1 to n) and a body starting after a blank line."""
    return f"---\n{front}---\n\n{body}"


def note(body: str, label: str = '"1"') -> str:
    """A note file: its body starts on line 4."""
    return f"---\nlabel: {label}\n---\n{body}"


def test_base_edition_is_valid(make_edition: MakeEdition) -> None:
    assert diagnostics(make_edition()) == []


# Front matter

def test_unknown_key_with_suggestion(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A[^1].\n{: #p1 }\n", "title: T\nauthor: A\naffilation: X\n")})
    assert diagnostics(root) == ["essay/01.md:4: error: unknown front-matter key 'affilation' "
                                 "(did you mean 'affiliation'?) [front-matter-unknown]"]


def test_edition_keys_are_accepted_and_checked_where_they_are_written(make_edition: MakeEdition) -> None:
    good = ("title: T\nauthor: A\neditor: [B, C]\ndate: 2024-05-17\nversion: '1.2'\npublisher: P\nlicence: L\n"
            "published:\n  journal: J\n  volume: '3'\n")
    assert diagnostics(make_edition({"essay/01.md": essay("A[^1].\n{: #p1 }\n", good),
                                     "mkdocs.yml": "site_name: S\nsite_url: https://example.org/ed/\n"})) == []
    bad = ("title: T\nauthor: A\neditor: [B, 3]\ndate: 17 May 2024\nlicence: [x]\n"
           "published:\n  jornal: J\n")
    root = make_edition({"essay/01.md": essay("A[^1].\n{: #p1 }\n", bad),
                         "mkdocs.yml": "site_name: S\nsite_url: example.org\n"})
    assert diagnostics(root) == [
        "essay/01.md:4: error: 'editor' must be a name or a list of names [front-matter-type]",
        "essay/01.md:5: error: 'date' must be ISO 8601 (YYYY-MM-DD, YYYY-MM or YYYY), not '17 May 2024' "
        "[front-matter-date]",
        "essay/01.md:6: error: 'licence' must be a string, not list [front-matter-type]",
        "essay/01.md:7: error: unknown key 'jornal' in 'published' (did you mean 'journal'?) [front-matter-unknown]",
        "mkdocs.yml:2: error: 'site_url' must be an http(s) address, not 'example.org' [config-site-url]"]


def test_unknown_key_without_a_close_match(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": '---\nlabel: "1"\ncolour: red\n---\nA note.\n'})
    assert diagnostics(root) == ["footnotes/1.md:3: error: unknown front-matter key 'colour' [front-matter-unknown]"]


def test_value_of_the_wrong_type(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A[^1].\n{: #p1 }\n", "title: 1841\nauthor: A\n")})
    assert diagnostics(root) == [
        "essay/01.md:2: error: 'title' must be a string, not int (put it in quotes) [front-matter-type]"]


def test_a_yaml_boolean_is_not_a_string(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A[^1].\n{: #p1 }\n", "title: T\nauthor: yes\n")})
    assert diagnostics(root) == [
        "essay/01.md:3: error: 'author' must be a string or list, not bool (put it in quotes) [front-matter-type]"]


def test_a_label_may_be_a_number(make_edition: MakeEdition) -> None:
    assert diagnostics(make_edition({"footnotes/1.md": note("A note.\n", "1")})) == []


def test_a_label_may_not_be_a_float(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": note("A note.\n", "1.5")})
    assert diagnostics(root) == [
        "footnotes/1.md:2: error: 'label' must be a string or int, not float (put it in quotes) [front-matter-type]"]


def test_first_part_needs_title_and_author(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A[^1].\n{: #p1 }\n", "affiliation: X\n")})
    assert diagnostics(root) == ["essay/01.md:1: error: front matter lacks 'author' [front-matter-missing-key]",
                                 "essay/01.md:1: error: front matter lacks 'title' [front-matter-missing-key]"]


def test_later_parts_need_no_title(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/02.md": essay("B.\n{: #p2 }\n", "heading: Second part\n")})
    assert diagnostics(root) == []


def test_note_needs_a_label(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": "---\n---\nA note.\n"})
    assert diagnostics(root) == ["footnotes/1.md:1: error: front matter lacks 'label' [front-matter-missing-key]"]


def test_page_needs_a_title(make_edition: MakeEdition) -> None:
    root = make_edition({"pages/about.md": "---\nheading: About\n---\nText.\n"})
    assert diagnostics(root) == [
        "pages/about.md:1: error: front matter lacks 'title' [front-matter-missing-key]",
        "pages/about.md:2: error: unknown front-matter key 'heading' [front-matter-unknown]"]


def test_page_may_not_take_the_name_of_a_generated_page(make_edition: MakeEdition) -> None:
    root = make_edition({"pages/index.md": "---\ntitle: Index\n---\nText.\n"})
    edition, found = load(root)
    assert [d.loc for d in found + validate(edition)] == [Loc("pages/index.md", 1)]


# Paragraphs

def test_paragraph_without_id(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A[^1].\n{: #p1 }\n\nSecond paragraph,\nno id.\n")})
    assert diagnostics(root) == [
        "essay/01.md:9: error: paragraph has no id (end it with a line '{: #pN }') [para-id-missing]"]


def test_duplicate_paragraph_id_across_parts(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/02.md": essay("B.\n{: #p1 }\n", "heading: H\n")})
    assert diagnostics(root) == [
        "essay/02.md:6: error: paragraph id 'p1' is already used at essay/01.md:7 [para-id-duplicate]"]


def test_blockquote_paragraph_takes_its_id_inside_the_quote(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/02.md": essay("> Quoted,\n> two lines.\n> {: #p2 }\n", "heading: H\n")})
    assert diagnostics(root) == []


def test_note_defined_in_the_essay(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A[^1].\n{: #p1 }\n\n[^1]: A note here.\n{: #p2 }\n")})
    assert diagnostics(root) == [
        "essay/01.md:9: error: note '1' is defined in the essay; notes belong in footnotes/ [note-inline]"]


# Markers and notes

def test_marker_without_note_suggests_a_close_id(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A[^1] and B[^ack].\n{: #p1 }\n"),
                         "footnotes/ackn.md": note("Thanks.\n", '"*"')})
    assert diagnostics(root) == [
        "essay/01.md:6: error: no note file footnotes/ack.md for marker [^ack] (did you mean 'ackn'?) [note-missing]",
        "footnotes/ackn.md:1: error: note 'ackn' is never referenced from essay/ [note-unused]"]


def test_note_never_referenced(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/2.md": note("Unused.\n", '"2"')})
    assert diagnostics(root) == ["footnotes/2.md:1: error: note '2' is never referenced from essay/ [note-unused]"]


def test_numbered_labels_with_a_gap(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A[^1].\n{: #p1 }\n\nB[^3].\n{: #p2 }\n"),
                         "footnotes/3.md": note("Three.\n", '"3"')})
    assert diagnostics(root) == [
        "essay/01.md:9: error: note 3 is out of order: expected note 2 here (gap before it) [note-order]"]


def test_numbered_labels_out_of_order(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A[^2].\n{: #p1 }\n\nB[^1].\n{: #p2 }\n"),
                         "footnotes/2.md": note("Two.\n", '"2"')})
    assert diagnostics(root) == [
        "essay/01.md:6: error: note 2 is out of order: expected note 1 here (gap before it) [note-order]",
        "essay/01.md:9: error: note 1 is out of order: expected note 3 here (it comes too late) [note-order]"]


def test_star_labels_and_repeated_markers_do_not_count_in_the_order(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A[^1], B[^ack], C[^1] and D[^2].\n{: #p1 }\n"),
                         "footnotes/ack.md": note("Thanks.\n", '"*"'), "footnotes/2.md": note("Two.\n", '"2"')})
    assert diagnostics(root) == []


def test_label_used_twice(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A[^1], B[^ack] and C[^thanks].\n{: #p1 }\n"),
                         "footnotes/ack.md": note("Thanks.\n", '"*"'), "footnotes/thanks.md": note("More.\n", '"*"')})
    assert diagnostics(root) == [
        "footnotes/thanks.md:2: error: label '*' is already used by footnotes/ack.md [note-label-duplicate]"]


def test_note_containing_a_marker(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": note("A note.\nSee also[^2].\n")})
    assert diagnostics(root) == ["footnotes/1.md:5: error: a note cannot contain a note marker ([^2]) [note-nested]"]


# Citations

BIB = "@book{berg-1998,\n  title = {Letters},\n}\n"


def test_citations_of_both_forms_are_accepted(make_edition: MakeEdition) -> None:
    root = make_edition({"sources.bib": BIB,
                         "footnotes/1.md": note("[Berg, Letters][@berg-1998]; [see @berg-1998, p. 3].\n")})
    assert diagnostics(root) == []


def test_unknown_citation_key_with_suggestion(make_edition: MakeEdition) -> None:
    root = make_edition({"sources.bib": BIB, "footnotes/1.md": note("A.\n[see @berg-1989, p. 3].\n")})
    assert diagnostics(root) == ["footnotes/1.md:5: error: unknown citation key '@berg-1989', not in sources.bib "
                                 "(did you mean 'berg-1998'?) [key-missing]"]


def test_malformed_pandoc_citation(make_edition: MakeEdition) -> None:
    root = make_edition({"sources.bib": BIB, "footnotes/1.md": note("[see @berg-1998; ibid., p. 4].\n")})
    assert diagnostics(root) == ["footnotes/1.md:4: error: malformed citation '[see @berg-1998; ibid., p. 4]' "
                                 "(expected [prefix @key, locator]) [cite-syntax]"]


def test_malformed_key_in_a_printed_words_citation(make_edition: MakeEdition) -> None:
    root = make_edition({"sources.bib": BIB, "footnotes/1.md": note("[Berg, Letters][@berg 1998].\n")})
    assert diagnostics(root) == ["footnotes/1.md:4: error: malformed citation key '@berg 1998' [cite-syntax]"]


# Interventions

@pytest.mark.parametrize("markup", [
    "{~~teh~>the~~}{>>typo<<}", "{++,++}{>>punct: lost<<}", "{--17--}{>>artefact: page number<<}",
    "{>>join<<}", "{>>lacuna: leaf lost<<}", "{>>comment: as printed<<}", "{--<sup>--}{>>artefact: markup<<}",
    "{~~teh~>the~~}{>>typo (high)<<}", "{>>lacuna (low): leaf lost<<}",
])
def test_well_formed_interventions(markup: str, make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay(f"A[^1] {markup} b.\n{{: #p1 }}\n")})
    assert diagnostics(root) == []


def test_restored_marker_counts_as_a_marker(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A{++[^1]++}{>>marker: lost in the conversion<<}.\n{: #p1 }\n")})
    assert diagnostics(root) == []


@pytest.mark.parametrize(("markup", "message"), [
    ("{~~teh~>the~~}{>>tpyo: x<<}", "unknown intervention kind 'tpyo' (known: artefact, comment, join, lacuna, "
                                    "marker, punct, typo, word) [intervention-kind]"),
    ("{~~teh~>the~~}", "intervention has no {>>kind: reason<<} comment after it [intervention-kind]"),
    ("{++the++}{>>typo: x<<}", "'typo' cannot be used with this markup [intervention-kind]"),
    ("{>>lacuna<<}", "'lacuna' needs a reason: {>>lacuna: why<<} [intervention-reason]"),
    ("{--x--}{>>artefact:  <<}", "'artefact' needs a reason: {>>artefact: why<<} [intervention-reason]"),
    ("{++x++}{>>marker: lost<<}", "a restored marker must supply exactly one note reference, e.g. {++[^7]++} "
                                  "[intervention-syntax]"),
    ("{~~teh~>the~~}{>>typo (meduim): x<<}", "unknown certainty 'meduim' (did you mean 'medium'?) "
                                             "[intervention-cert]"),
    ("{>>join (low)<<}", "'join' changes no reading: say the doubt in its words, not as a certainty "
                         "[intervention-cert]"),
])
def test_malformed_intervention(markup: str, message: str, make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay(f"A[^1].\nB {markup} c.\n{{: #p1 }}\n")})
    assert diagnostics(root) == [f"essay/01.md:7: error: {message}"]


def test_unclosed_intervention_is_reported(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A[^1].\nB {++, c.\n{: #p1 }\n")})
    assert diagnostics(root) == ["essay/01.md:7: error: '{++' is never closed [intervention-syntax]"]


def test_unclosed_intervention_with_its_comment_is_one_error(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A[^1].\nB {++,{>>punct: lost<<} c.\n{: #p1 }\n")})
    assert diagnostics(root) == ["essay/01.md:7: error: '{++' is never closed [intervention-syntax]"]


def test_interventions_in_notes_are_checked(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": note("A {>>lacuna<<} note.\n")})
    assert diagnostics(root) == ["footnotes/1.md:4: error: 'lacuna' needs a reason: {>>lacuna: why<<} "
                                 "[intervention-reason]"]


# Raw HTML

def test_script_is_refused(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": note("A note.\nA <script src=x.js> here.\n")})
    assert diagnostics(root) == [
        "footnotes/1.md:5: error: raw HTML or script is not allowed in content: '<script src=x.js>' [unsafe-html]"]


def test_javascript_url_is_refused(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": note("Type javascript:void(0) in the address bar.\n")})
    assert diagnostics(root) == [
        "footnotes/1.md:4: error: raw HTML or script is not allowed in content: 'javascript:' [unsafe-html]"]


def test_html_in_a_supplied_text_is_refused(make_edition: MakeEdition) -> None:
    root = make_edition({"essay/01.md": essay("A[^1]{++<b>x++}{>>word: lost<<}.\n{: #p1 }\n")})
    assert diagnostics(root) == [
        "essay/01.md:6: error: raw HTML or script is not allowed in content: '<b>' [unsafe-html]"]


def test_autolink_is_not_html(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": note("See <https://example.org/letters>.\n")})
    assert diagnostics(root) == []


def test_less_than_in_prose_is_not_html(make_edition: MakeEdition) -> None:
    root = make_edition({"footnotes/1.md": note("Folios 3 < x and y > 2 are lost.\n")})
    assert diagnostics(root) == []


# Sources and repositories

ARCHIVAL = ("@unpublished{letter,\n  title = {Letter},\n  archive = {rgali},\n  fond = {1},\n  opis = {2},\n"
            "  delo = {3},\n}\n")


def test_archival_entry_with_repository_and_call_number(make_edition: MakeEdition) -> None:
    root = make_edition({"sources.bib": ARCHIVAL, "registers/repositories.yml": REPOSITORIES})
    assert diagnostics(root) == []


def test_call_number_may_be_given_whole(make_edition: MakeEdition) -> None:
    bib = "@unpublished{letter,\n  title = {Letter},\n  archive = {rgali},\n  callnumber = {MS 12},\n}\n"
    assert diagnostics(make_edition({"sources.bib": bib, "registers/repositories.yml": REPOSITORIES})) == []


def test_archival_entry_without_archive(make_edition: MakeEdition) -> None:
    bib = "@book{b,\n  title = {B},\n}\n\n" + ARCHIVAL.replace("  archive = {rgali},\n", "")
    root = make_edition({"sources.bib": bib, "registers/repositories.yml": REPOSITORIES})
    assert diagnostics(root) == [
        "sources.bib:5: error: archival entry 'letter' has no 'archive' (repository) [archive-missing]"]


def test_archival_entry_without_full_call_number(make_edition: MakeEdition) -> None:
    root = make_edition({"sources.bib": ARCHIVAL.replace("  opis = {2},\n", ""),
                         "registers/repositories.yml": REPOSITORIES})
    assert diagnostics(root) == ["sources.bib:1: error: archival entry 'letter' has no call number "
                                 "('callnumber', or 'fond', 'opis' and 'delo') [callnumber-missing]"]


def test_unknown_repository_with_suggestion(make_edition: MakeEdition) -> None:
    root = make_edition({"sources.bib": ARCHIVAL.replace("{rgali}", "{rgalli}"),
                         "registers/repositories.yml": REPOSITORIES})
    assert diagnostics(root) == [
        "sources.bib:3: error: unknown repository 'rgalli' in 'letter' (did you mean 'rgali'?) [repository-unknown]"]


def test_crossref_and_related_must_name_entries(make_edition: MakeEdition) -> None:
    bib = ("@book{vol-2,\n  title = {V},\n}\n\n@inbook{doc,\n  title = {D},\n  crossref = {vol-3},\n}\n\n"
           "@misc{copy,\n  title = {C},\n  related = {orig},\n}\n")
    assert diagnostics(make_edition({"sources.bib": bib})) == [
        "sources.bib:7: error: 'crossref' of 'doc' names 'vol-3', not in sources.bib (did you mean 'vol-2'?) "
        "[crossref-missing]",
        "sources.bib:12: error: 'related' of 'copy' names 'orig', not in sources.bib [crossref-missing]"]


def test_unknown_field_is_a_warning_at_its_own_line_with_a_suggestion(make_edition: MakeEdition) -> None:
    bib = ("@book{b,\n  author = {Berg, Ingrid},\n  title = {T},\n  adress = {Lund},\n  colour = {red},\n"
           "  printed = {Berg 1989},\n  supplied = {author},\n  langid = {english},\n}\n")
    assert diagnostics(make_edition({"sources.bib": bib})) == [
        "sources.bib:4: warning: unknown field 'adress' in 'b' is not shown (did you mean 'address'?) "
        "[bib-field-unknown]",
        "sources.bib:5: warning: unknown field 'colour' in 'b' is not shown [bib-field-unknown]"]


def test_repository_without_abbreviation_and_defined_twice(make_edition: MakeEdition) -> None:
    register = REPOSITORIES + "- id: rgali\n  name: Again\n"
    assert diagnostics(make_edition({"registers/repositories.yml": register})) == [
        "registers/repositories.yml:4: error: repository 'rgali' is defined twice [repository-duplicate]",
        "registers/repositories.yml:4: error: repository lacks 'abbr' [repository-field]"]


# The summary count

def test_summary_counts_the_diagnostics_it_prints(make_edition: MakeEdition, capsys: pytest.CaptureFixture[str]) \
        -> None:
    from edition.cli import main
    root = make_edition({"footnotes/1.md": note("<i>A</i> and <i>B</i>.\n")})
    assert main(["check", "--root", str(root)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1] == f"{len(lines) - 1} errors, 0 warnings; nothing written."



def test_ids_keys_and_note_names_written_into_attribute_lists_are_identifiers(make_edition: MakeEdition) -> None:
    root = make_edition({
        "sources.bib": "@book{a<b,\n  title = {T},\n  year = {1998},\n}\n",
        "registers/repositories.yml": REPOSITORIES + "- id: 'ra style=\"background:red\"'\n  abbr: RA\n  name: R\n",
        "registers/persons.yml": "- id: 'ek}'\n  name: Ek\n  sort: Ek\n  spellings: [Ek]\n",
        "essay/01.md": essay("Ek wrote[^1].\n{: #p1 }\n"),
        "footnotes/a b.md": note("A note.\n", '"2"')})
    assert diagnostics(root) == [
        "footnotes/a b.md:1: error: note file name 'a b' is not an id (letters, digits, '_', ':', '.' and '-'); "
        "rename the file [note-id]",
        "footnotes/a b.md:1: error: note 'a b' is never referenced from essay/ [note-unused]",
        "registers/persons.yml:1: error: person id 'ek}' is not an id (letters, digits, '_', ':', '.' and '-') "
        "[person-id]",
        "registers/repositories.yml:4: error: repository 'ra style=\"background:red\"' is not an id (letters, "
        "digits, '_', ':', '.' and '-') [repository-id]",
        "sources.bib:1: error: key 'a<b' is not an id (letters, digits, '_', ':', '.' and '-') [source-key]"]
