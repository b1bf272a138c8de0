"""The Sources page shows every field: a matrix of entry types and fields, sorting and punctuation."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from edition.check.fields import KNOWN, NOT_SHOWN, SHOWN
from edition.load.folder import load
from edition.render.markdown import render_sources
from edition.resolve.links import resolve

MakeEdition = Callable[..., Path]
MATRIX = Path(__file__).parent.parent / "fixtures" / "field-matrix" / "sources.bib"
DOUBLED = re.compile(r"(?<!\.)\.\.(?!\.)|[,;:]\.|\.[;:]")  # "D.C.," is an abbreviation, not a doubling
REPOSITORIES = "- id: rgali\n  abbr: RGALI\n  name: Russian State Archive\n  place: Moscow\n  folio: l.\n"


def entries(make_edition: MakeEdition, bib: str) -> dict[str, str]:
    """Each entry's line block on the Sources page, by key, with Markdown's escapes removed."""
    edition, diagnostics = load(make_edition({"sources.bib": bib, "registers/repositories.yml": REPOSITORIES}))
    assert [d for d in diagnostics] == []
    page = render_sources(resolve(edition))
    found = {}
    for block in page.split("\n\n"):
        key = re.search(r"\{: #([\w-]+) \.source \}", block)
        if key:
            found[key.group(1)] = re.sub(r"\\(.)", r"\1", block.split("\n{:")[0])
    return found


def test_every_field_of_every_type_is_shown(make_edition: MakeEdition) -> None:
    text = MATRIX.read_text(encoding="utf-8")
    shown = entries(make_edition, text)
    missing = []
    for chunk in text.split("\n@")[0:]:
        key = re.search(r"\{([\w-]+),", chunk).group(1)  # type: ignore[union-attr]
        for name, value in re.findall(r"^  (\w+) = \{(.*)\},$", chunk, re.MULTILINE):
            if name in ("archive",):
                continue  # shown as the repository's name (below)
            for part in re.split(r" and ", value):
                surname = part.split(",")[0]
                if surname not in shown[key]:
                    missing.append(f"{key}: {name} = {surname}")
    assert missing == []
    assert len(shown) == 12


def test_editors_are_ed_or_eds_and_follow_an_author(make_edition: MakeEdition) -> None:
    shown = entries(make_edition, MATRIX.read_text(encoding="utf-8"))
    assert shown["matrix-year"].startswith("Sam Solo, ed.\n*TitleYear*, no. IssueYear.\n1888.")
    assert "Edited by Eve EditorOneBook and Ed EditorTwoBook, translated by Tom TranslatorBook." in shown[
        "matrix-book"]
    assert "Russian State Archive (RGALI), Moscow, CallnumberUnpublished, l. FolioUnpublished." in shown[
        "matrix-unpublished"]


def test_no_entry_ends_in_doubled_punctuation(make_edition: MakeEdition) -> None:
    bib = ("@book{a,\n  author = {Berg, Ingrid},\n  title = {Letters.},\n  note = {Revised.},\n"
           "  addendum = {See also p. 3.},\n  year = {1998},\n}\n\n"
           "@article{b,\n  author = {Okun, M.},\n  title = {Bundles?},\n  journal = {Review.},\n  year = {2005},\n}\n")
    shown = entries(make_edition, bib)
    assert shown["a"] == "Ingrid Berg.\n*Letters.*\n1998.\nRevised. See also p. 3."
    assert shown["b"] == 'M. Okun.\n"Bundles?".\n*Review.*, 2005.'
    assert [t for t in shown.values() if DOUBLED.search(t)] == []


def test_no_entry_of_the_real_or_the_mini_edition_ends_in_doubled_punctuation() -> None:
    from editions import MINI, REPO

    for root in (REPO, MINI):
        edition, _ = load(root)
        page = re.sub(r"\\(.)", r"\1", render_sources(resolve(edition)))
        assert (root.name, DOUBLED.findall(page)) == (root.name, [])


def test_books_and_articles_sort_by_author_then_title(make_edition: MakeEdition) -> None:
    bib = ("@book{z,\n  author = {Zorn, A.},\n  title = {Early},\n  year = {1900},\n}\n\n"
           "@article{b2,\n  author = {Berg, I.},\n  title = {Second},\n  journal = {J},\n  year = {1901},\n}\n\n"
           "@book{b1,\n  author = {Berg, I.},\n  title = {First},\n  year = {2000},\n}\n")
    assert list(entries(make_edition, bib)) == ["b1", "b2", "z"]


def test_the_lists_of_fields_do_not_overlap() -> None:
    assert (SHOWN & set(NOT_SHOWN), "adress" in KNOWN) == (set(), False)


# Text that exercises every route through latex_text: plain, braced, and each thing latexcodec decodes.
LATEX_CASES = [
    "", "Plain title", "Braced {Capitals} and {{double}}", "pp. 599--600", "1914---1918", "``quoted''",
    "Tie~here", "Ca\\v{s}e", "\\emph{stressed}", "50\\% off", "a $x$ b", " leading space", "two  spaces",
    "line\nbreak", "tab\there", "Gr,,ff", "!`Hola!", "?`Qué?", "Zapis' besedy {Aroseva}", "« Naggiar à {Laval} »",
    "Ř-ž - single dash", "it's", "#hash", "unbalanced {brace",
]


def from_latex_or_error(function: Callable[[str], object], value: str) -> object:
    """What a LaTeX reader returns for a value, or the name of the error it raises."""
    try:
        return function(value)
    except Exception as exc:  # noqa: BLE001 - the same failure is the expected result for broken LaTeX
        return type(exc).__name__


def bib_values() -> list[str]:
    """Every field value of the real edition's, the second edition's and the field matrix's sources.bib."""
    from pybtex.database.input.bibtex import Parser

    root = Path(__file__).parent.parent.parent
    files = [root / "sources.bib", MATRIX, *sorted((root / "tests" / "fixtures").glob("*/sources.bib"))]
    return [value for file in files for entry in Parser().parse_file(str(file)).entries.values()
            for value in entry.fields.values()]


def test_latex_text_reads_every_value_as_pybtex_does() -> None:
    from pybtex.richtext import Text

    from edition.check.fields import latex_text

    values = LATEX_CASES + bib_values()
    differ = [v for v in values if from_latex_or_error(latex_text, v) != from_latex_or_error(Text.from_latex, v)]
    assert differ == []
    assert len(values) > 500


def test_latex_text_agrees_with_pybtex_on_random_text() -> None:
    import random

    from pybtex.richtext import Text

    from edition.check.fields import latex_text

    chance = random.Random(16)  # seeded: a failure names a string that fails again
    alphabet = list("ab cÁ-`',!?.;:()[]\"«»ěščЯ ^_&@*/{}\\~%$#\n\t\u00a0\u2013")
    values = ["".join(chance.choice(alphabet) for _ in range(chance.randint(0, 14))) for _ in range(20000)]
    differ = [v for v in values if from_latex_or_error(latex_text, v) != from_latex_or_error(Text.from_latex, v)]
    assert differ == []


def test_plain_field_decodes_ligatures_and_ties() -> None:
    from edition.check.fields import plain_field

    assert [plain_field(v) for v in ("599--600", "{Beneš}~and {Stalin}", "Ca\\v{s}e", "bad {brace")] == [
        "599–600", "Beneš\u00a0and Stalin", "Caše", "bad {brace"]


def test_the_checked_entry_types_are_the_style_s_templates() -> None:
    """The check names the entry types itself (it stays below rendering): exactly those the style can format."""
    from edition.check.fields import ENTRY_TYPES
    from edition.render.style import EditionStyle

    templates = sorted(name[4:-9] for name in vars(EditionStyle) if re.fullmatch(r"get_\w+_template", name))
    assert ENTRY_TYPES == tuple(templates)
