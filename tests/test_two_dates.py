"""A document printed in a collection carries two dates: its own (origdate, CSL original-date) and its
volume's year of publication (year, CSL issued), and every bibliography a reader makes shows both."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from editions import REPO

from edition.check.fields import plain_field
from edition.load.folder import load
from edition.render.csl import csl_json
from edition.resolve.links import resolve


def chicago(tmp_path: Path) -> tuple[dict[str, dict[str, object]], list[str]]:
    """The real edition's CSL-JSON items, and the lines of pandoc's Chicago author-date bibliography of them."""
    edition, diagnostics = load(REPO)
    assert [d for d in diagnostics if d.severity == "error"] == []
    text = csl_json(resolve(edition).entries.items())
    (tmp_path / "sources.json").write_text(text, encoding="utf-8")
    (tmp_path / "all.md").write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
    pandoc = shutil.which("pandoc")
    assert pandoc, "pandoc is not installed (apt-get install pandoc; .ci/run does it)"
    # pandoc's built-in style is Chicago author-date: no --csl needed
    done = subprocess.run([pandoc, "all.md", "--citeproc", "--bibliography=sources.json", "--to=plain",
                           "--wrap=none"], capture_output=True, text=True, check=False, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return {i["id"]: i for i in json.loads(text)}, done.stdout.splitlines()


def test_chicago_gives_each_collection_its_year_of_publication_and_each_document_its_own(tmp_path: Path) -> None:
    items, lines = chicago(tmp_path)
    pavlu = [line for line in lines if "Pavlů to Krofta" in line]
    seba = [line for line in lines if "Zpráva J. Šeby" in line]
    assert pavlu == ["Pavlů, Bohdan. (1936) 1978. “Pavlů to Krofta.” In Dokumenty i materialy po istorii "
                     "sovetsko-chekhoslovatskikh otnosheniy, 3:285. Moscow: Nauka."]
    assert seba == ["Šeba, J. (1936) 2003. “Zpráva J. Šeby.” In Československá zahraniční politika v roce 1936, "
                    "1:271. Praha: Karolinum."]
    edition, _ = load(REPO)
    documents = [s for s in edition.sources if s.fields.get("crossref")]
    assert len(documents) == 12  # Chilston's despatch of 30 March 1935 once, with its enclosure
    wrong = []
    for source in documents:
        own, year = source.fields["origdate"], source.fields["year"]
        item = items[source.key]
        parts = [int(p) for p in own.split("-")]
        if item.get("original-date") != {"date-parts": [parts]} or item.get("issued") != {"date-parts": [[int(year)]]}:
            wrong.append((source.key, item.get("original-date"), item.get("issued")))
        title = plain_field(source.fields["title"])
        dated = (f"({own[:4]}) {year}. “{title}.”", f"“{title}.” ({own[:4]}) {year}.")  # by author, or anonymous
        if not any(d in line.replace("\u2019", "'") for line in lines for d in dated):
            wrong.append((source.key, own, year))
    assert wrong == []
    volumes = {s.fields["crossref"] for s in documents}
    undated = [k for k in sorted(volumes) if not items[k].get("issued")]
    assert undated == []


def test_a_documents_own_date_orders_the_chronology_and_the_year_of_publication_does_not_enter_it() -> None:
    edition, _ = load(REPO)
    by_key = {s.key: s for s in edition.sources}
    assert (by_key["dmischo-3-pavlu-1936-11-09"].own_date, by_key["dmischo-3"].own_date,
            by_key["avprf-litvinov-stalin-1931-04-08"].own_date) == ("1936-11-09", "", "1931-04-08")
