"""The edition's data read by tools nobody here wrote: pandoc, biber, citeproc, Zotero's readers of page heads.

pandoc and biber are Debian packages (.ci/run installs them); a missing tool fails these tests.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from editions import MINI, REPO
from lxml import html
from pybtex.database import parse_file, parse_string

from edition.check.fields import EXTENSION, plain_field
from edition.load.folder import load
from edition.render.csl import csl_json
from edition.resolve.links import call_number, resolve

EDITIONS = {"real": REPO, "mini": MINI}
PARTS = ("fond", "opis", "papka", "delo", "folio", "callnumber")


def tool(name: str) -> str:
    """The path of a command-line tool; its absence is a failure, not a skip."""
    path = shutil.which(name)
    assert path, f"{name} is not installed (apt-get install {name}; .ci/run does it)"
    return path


def run(*command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a tool; fail on a non-zero exit."""
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd)
    assert done.returncode == 0, done.stderr
    return done


def same_letters(text: str) -> str:
    """A title as pandoc prints it, with its smart apostrophes and quotation marks made plain."""
    return text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')


@pytest.mark.parametrize("name", EDITIONS)
def test_pandoc_reads_each_archival_call_number_whole_and_every_title_with_its_capitals(name: str) -> None:
    bib = EDITIONS[name] / "sources.bib"
    items = {i["id"]: i for i in json.loads(run(tool("pandoc"), "--from=biblatex", "--to=csljson", str(bib)).stdout)}
    entries = parse_file(str(bib)).entries
    archival = [k for k, e in entries.items() if e.fields.get("archive")]
    assert archival and len(items) == len(entries)
    incomplete = [(k, items[k].get("call-number")) for k in archival
                  if not all(entries[k].fields[p] in items[k].get("call-number", "") for p in PARTS
                             if entries[k].fields.get(p))]
    assert incomplete == []
    recased = [(k, i.get("title")) for k, i in items.items()
               if same_letters(i.get("title", "")) != plain_field(entries[k].fields.get("title", ""))]
    assert recased == []
    assert [k for k, i in items.items() if not i.get("language")] == []


@pytest.mark.parametrize("name", EDITIONS)
def test_a_chicago_bibliography_from_our_csl_json_gives_each_archive_and_call_number(name: str,
                                                                                     tmp_path: Path) -> None:
    edition, diagnostics = load(EDITIONS[name])
    assert [d for d in diagnostics if d.severity == "error"] == []
    resolved = resolve(edition)
    (tmp_path / "sources.json").write_text(csl_json(resolved.entries.items()), encoding="utf-8")
    (tmp_path / "all.md").write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
    # pandoc's built-in style is Chicago author-date
    text = run(tool("pandoc"), "all.md", "--citeproc", "--bibliography=sources.json", "--to=plain", "--wrap=none",
               cwd=tmp_path).stdout.casefold()  # the style capitalises a call number that begins a sentence
    repositories = {r.id: r for r in edition.repositories}
    missing = []
    for source in edition.sources:
        repo = repositories.get(source.fields.get("archive", ""))
        if repo is not None:
            for part in (repo.name, repo.place, call_number(source.fields), source.fields.get("folio", "")):
                if part and part.casefold() not in text:
                    missing.append((source.key, part))
    assert missing == []


def biber_warnings(bib: Path, tmp_path: Path) -> list[str]:
    """biber's data-model warnings for a .bib file, without the entry's name."""
    shutil.copy(bib, tmp_path / "sources.bib")
    done = run(tool("biber"), "--tool", "--validate-datamodel", "sources.bib", cwd=tmp_path)
    return [re.sub(r"^.*\(sources\.bib\): ", "", line) for line in (done.stdout + done.stderr).splitlines()
            if re.match(r"(WARN|ERROR) - ", line)]


@pytest.mark.parametrize("name", EDITIONS)
def test_biber_warns_only_of_our_documented_fields_and_of_data_the_sources_do_not_give(name: str,
                                                                                        tmp_path: Path) -> None:
    bib = EDITIONS[name] / "sources.bib"
    used = {f.lower() for e in parse_file(str(bib)).entries.values() for f in e.fields} & set(EXTENSION)
    unexplained, ignored = [], set()
    for warning in biber_warnings(bib, tmp_path):
        field = re.fullmatch(r"Field '(\w+)' invalid in data model - ignoring", warning)
        if field and field.group(1) in EXTENSION:
            ignored.add(field.group(1))
        elif not re.fullmatch(r"Missing mandatory field (?:'(author|editor)'|- one of 'date, year' "
                              r"must be defined)", warning):
            # only an anonymous document or an undated volume may lack what biber wants: nothing is invented
            unexplained.append(warning)
    assert unexplained == []
    assert ignored == used  # biber did read the file, and names exactly our documented extension fields


def test_the_essay_page_carries_highwire_dublin_core_and_json_ld(mini_built: Path) -> None:
    page = html.parse(str(mini_built / "site" / "index.html")).getroot()
    tags: dict[str, list[str]] = {}
    for meta in page.xpath("//head/meta[@name]"):
        tags.setdefault(meta.get("name"), []).append(meta.get("content"))
    title = "A provincial correspondence: the letters of Anna Tarasova, 1839-1848"
    url = "https://editions.example.org/tarasova/"
    assert {k: tags.get(k) for k in ("citation_title", "citation_author", "citation_editor",
                                     "citation_publication_date", "citation_public_url", "DC.title", "DC.creator",
                                     "DC.contributor", "DC.date", "DC.identifier", "DC.rights")} == {
        "citation_title": [title], "citation_author": ["Vera Lindqvist"],
        "citation_editor": ["Jonas Ek", "Maria Holm"], "citation_publication_date": ["2024/05/17"],
        "citation_public_url": [url], "DC.title": [title], "DC.creator": ["Vera Lindqvist"],
        "DC.contributor": ["Jonas Ek", "Maria Holm"], "DC.date": ["2024-05-17"], "DC.identifier": [url],
        "DC.rights": ["CC BY 4.0"]}
    (script,) = page.xpath("//head/script[@type='application/ld+json']")
    data = json.loads(script.text)
    assert (data["@type"], data["headline"], data["author"]["name"], [e["name"] for e in data["editor"]],
            data["datePublished"], data["url"], data["version"], data["isBasedOn"]["description"]) == (
        "ScholarlyArticle", title, "Vera Lindqvist", ["Jonas Ek", "Maria Holm"], "2024-05-17", url, "1.2",
        "Nordic Review of Letters 12, no. 3 (2003): 41-58")
    assert sorted(c["name"] for c in data["citation"]) == sorted(
        ["Provincial Households in Letters", "Two bundles of family letters", "Letter to Pavel Tarasov",
         "Letter to Pavel Tarasov"])
    assert page.xpath("//head/link[@rel='canonical']/@href") == [url + "index.html"]


def test_the_sources_page_carries_json_ld_for_every_entry(mini_built: Path) -> None:
    page = html.parse(str(mini_built / "site" / "sources.html")).getroot()
    (script,) = page.xpath("//head/script[@type='application/ld+json']")
    graph = {item["@id"].rsplit("#", 1)[1]: item for item in json.loads(script.text)["@graph"]}
    assert sorted(graph) == sorted(page.xpath("//p[contains(@class, 'source')]/@id"))
    letter = graph["rgali-tarasova-1841-05-02"]
    assert (letter["@type"], letter["holdingArchive"]["name"], letter["identifier"]) == (
        "ArchiveComponent", "Rossiiskii gosudarstvennyi arkhiv literatury i iskusstva (Russian State Archive of "
        "Literature and Art)", "RGALI, f. 1234, op. 1, d. 56, fol. 7")


def test_the_cite_files_parse_with_pybtex_and_pandoc_and_have_a_date(mini_built: Path) -> None:
    cite = mini_built / "site" / "cite"
    (entry,) = parse_string((cite / "edition.bib").read_text(encoding="utf-8"), "bibtex").entries.values()
    assert (entry.fields["date"], entry.fields["year"], entry.fields["version"], entry.fields["url"],
            [str(p) for p in entry.persons["editor"]]) == (
        "2024-05-17", "2024", "1.2", "https://editions.example.org/tarasova/", ["Ek, Jonas", "Holm, Maria"])
    assert entry.fields["note"] == "First published: Nordic Review of Letters 12, no. 3 (2003): 41-58"
    (item,) = json.loads(run(tool("pandoc"), "--from=biblatex", "--to=csljson", str(cite / "edition.bib")).stdout)
    assert (item["issued"], item["URL"], [e["family"] for e in item["editor"]]) == (
        {"date-parts": [[2024, 5, 17]]}, "https://editions.example.org/tarasova/", ["Ek", "Holm"])
    (csl,) = json.loads((cite / "edition.json").read_text(encoding="utf-8"))
    assert (csl["issued"], csl["version"], csl["original-date"]) == (
        {"date-parts": [[2024, 5, 17]]}, "1.2", {"date-parts": [[2003]]})


def test_the_sources_page_links_every_download(mini_built: Path) -> None:
    site = mini_built / "site"
    page = html.parse(str(site / "sources.html")).getroot()
    links = page.xpath("//p[contains(@class, 'downloads')]//a[@download]/@href")
    assert len(links) == 3 + 3 * len(page.xpath("//p[contains(@class, ' source') or @class='source']"))
    assert [h for h in links if not (site / h).is_file()] == []
    whole = (site / "cite" / "sources.bib").read_text(encoding="utf-8")
    # as written, with the classic aliases added (tests/test_takeaway_bib.py reads it with other tools)
    assert list(parse_string(whole, "bibtex").entries) == list(parse_file(str(MINI / "sources.bib")).entries)
    one = (site / "cite" / "sources" / "okun-2005.bib").read_text(encoding="utf-8")
    assert one.startswith("@article{okun-2005,") and one in whole
    assert [i["id"] for i in json.loads((site / "cite" / "sources" / "okun-2005.json").read_text())] == ["okun-2005"]
