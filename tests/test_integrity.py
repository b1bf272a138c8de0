"""Integrity of the output (issue #8): atomic replacement, one build per output, reproducible bytes,
the built-site link check, and BibTeX text that stays text.

Every build here runs `build_site.py` as a subprocess, as an editor would, with SOURCE_DATE_EPOCH fixed so
that two builds of the same content can be compared byte for byte.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

from editions import BUILD_SITE, MINI, REPO, copy_mini, overlay, snapshot, write_files
from lxml import html

EPOCH = "1700000000"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUSY = "build_site.py: error: another build into site/ is running\n"


def command(*args: str) -> list[str]:
    return [sys.executable, str(BUILD_SITE), *args]


def environment() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run build_site.py with the fixed timestamp; return the finished process."""
    return subprocess.run(command(*args), capture_output=True, text=True, check=False, cwd=str(REPO),
                          env=environment())


def build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run("build", "--root", str(root), *args)


def built(root: Path) -> dict[str, bytes]:
    """Build an edition that must build cleanly; return its site's bytes."""
    done = build(root)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return snapshot(root / "site")


def leftovers(root: Path) -> list[str]:
    """Work folders and old sites that a build left beside root/site."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".site.new-", ".site.old")))


def large_edition(target: Path, extra: int = 300) -> Path:
    """The mini edition with a third part of `extra` more paragraphs, each with a note citing its own book.

    Built from the fixture rather than copied from the real edition, which others edit while tests run;
    it takes a second or two to build, long enough to stop a build half-way.
    """
    copy_mini(target)
    paragraphs, entries = ["---\nheading: More letters\n---\n"], []
    for n in range(4, 4 + extra):
        paragraphs.append(f"Letter {n} speaks of the harvest and of the roads[^{n}].\n{{: #p{n + 3} }}\n")
        write_files(target, {f"footnotes/{n}.md": f'---\nlabel: "{n}"\n---\n[Letter {n}, PT II, p. {n}][@gen-{n}]; '
                                                  f"[see @berg-1998, p. {n}].\n"})
        entries.append(f"@book{{gen-{n},\n  author = {{Writer, Number{n}}},\n  title = {{Collected letters, "
                       f"volume {n}}},\n  year = {{{1800 + n}}},\n}}\n")
    bib = (MINI / "sources.bib").read_text(encoding="utf-8") + "\n" + "\n".join(entries)
    write_files(target, {"essay/03-more.md": "\n".join(paragraphs), "sources.bib": bib})
    return target


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes], what: str, timeout: float = 120) -> None:
    """Poll until condition() holds while the process still runs; fail if it ends or time runs out first."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"the build ended (exit {process.returncode}) before {what}"
        assert time.monotonic() < deadline, f"no {what} after {timeout} s"
        time.sleep(0.002)


@contextlib.contextmanager
def holding_lock(root: Path) -> Iterator[None]:
    """Hold the lock a build into root/site takes, as a build that is running would."""
    with open(root / ".site.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- atomic output ---------------------------------------------------------------------------------

def test_failed_build_leaves_the_site_byte_identical(tmp_path: Path) -> None:
    root = copy_mini(tmp_path / "edition")
    before = built(root)
    write_files(root, {"footnotes/2.md": '---\nlabel: "2"\n---\nA note <script>alert(1)</script>.\n'})
    done = build(root)
    assert done.returncode == 1 and "[unsafe-html]" in done.stderr
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_killed_build_leaves_the_site_byte_identical(tmp_path: Path) -> None:
    root = large_edition(tmp_path / "edition")
    before = built(root)
    with subprocess.Popen(command("build", "--root", str(root)), cwd=str(REPO), env=environment(),
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as process:
        # A deterministic point half-way: the new pages are generated and MkDocs is writing the new site.
        wait_for(lambda: any((w / "site").is_dir() for w in root.glob(".site.new-*")), process,
                 "MkDocs writing into a .site.new-* work folder")
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    assert snapshot(root / "site") == before
    stale = leftovers(root)
    assert len(stale) == 1 and stale[0].startswith(".site.new-")

    assert built(root) == before  # the same content again: the same site
    assert leftovers(root) == []  # the next build removed the killed build's work folder


# The swap renames site/ to .site.old and then the new site to site/: a build killed between the two
# renames leaves no site/ at all. Simulated by a build that kills itself right after the first rename.
KILL_DURING_SWAP = """
import os, signal, sys
from edition.site import write
exchange = write.exchange
def killing_exchange(first, second):
    result = exchange(first, second)  # the new site is in place; the old one waits to be removed
    os.kill(os.getpid(), signal.SIGKILL)
    return result
write.exchange = killing_exchange
from edition.cli import main
sys.exit(main(sys.argv[1:]))
"""


def kill_during_swap(root: Path) -> None:
    done = subprocess.run([sys.executable, "-c", KILL_DURING_SWAP, "build", "--root", str(root)], cwd=str(REPO),
                          env=environment(), capture_output=True, text=True, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr


def test_build_killed_during_the_swap_leaves_a_whole_site(tmp_path: Path) -> None:
    change = {"footnotes/thanks.md": '---\nlabel: "*"\n---\nI thank the archivists.\n'}
    after = built(write_files(copy_mini(tmp_path / "changed"), change))
    root = copy_mini(tmp_path / "edition")
    before = built(root)
    write_files(root, change)
    kill_during_swap(root)
    assert (root / "site").is_dir()  # the previous site or the new one, never none
    assert snapshot(root / "site") in (before, after)


def test_build_after_a_kill_during_the_swap_recovers(tmp_path: Path) -> None:
    root = copy_mini(tmp_path / "edition")
    before = built(root)
    kill_during_swap(root)
    assert built(root) == before
    assert leftovers(root) == []


def test_successful_build_replaces_the_output_whole(tmp_path: Path) -> None:
    root = copy_mini(tmp_path / "edition")
    write_files(root, {"pages/extra.md": "---\ntitle: Extra\n---\nA page that will be removed.\n"})
    first = built(root)
    assert "extra.html" in first and b"reading room" in first["index.html"]

    essay = (root / "essay" / "01-opening.md").read_text(encoding="utf-8")
    assert essay.count("[^thanks]") == 1
    write_files(root, {"essay/01-opening.md": essay.replace("[^thanks]", ""), "footnotes/thanks.md": None,
                       "pages/extra.md": None})
    second = built(root)
    assert b"reading room" not in second["index.html"]
    assert not any(b"reading room" in data for data in second.values())  # the search index too
    assert "extra.html" not in second

    fresh = copy_mini(tmp_path / "fresh")  # the same content built into an empty folder
    write_files(fresh, {"essay/01-opening.md": essay.replace("[^thanks]", ""), "footnotes/thanks.md": None})
    assert built(fresh) == second
    assert leftovers(root) == []


def test_a_rebuild_rewrites_only_the_kept_input_that_changed(tmp_path: Path) -> None:
    root = copy_mini(tmp_path / "edition")
    built(root)
    docs = root / ".site.src" / "docs"
    before = {p.relative_to(docs).as_posix(): p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    time.sleep(0.05)  # a rewritten file gets a later time even on a coarse clock
    note = root / "footnotes" / "thanks.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    site = built(root)
    after = {p.relative_to(docs).as_posix(): p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    assert sorted(after) == sorted(before) and len(after) > 10
    assert [name for name in after if after[name] != before[name]] == ["index.md"]
    assert b"A new sentence." in site["index.html"]


def test_damaged_or_stray_kept_input_never_reaches_the_site(tmp_path: Path) -> None:
    root = copy_mini(tmp_path / "edition")
    reference = built(copy_mini(tmp_path / "reference"))
    built(root)
    docs = root / ".site.src" / "docs"
    (docs / "index.md").write_text("half a page", encoding="utf-8")  # as a build killed while writing it leaves it
    (docs / "stray.md").write_text("# Stray\n", encoding="utf-8")
    (docs / "sources.md").unlink()
    (docs / "cite" / "gone").mkdir()
    assert built(root) == reference
    assert not (docs / "stray.md").exists() and not (docs / "cite" / "gone").exists()


def test_compiled_templates_are_kept_and_a_damaged_one_is_compiled_again(tmp_path: Path) -> None:
    root = copy_mini(tmp_path / "edition")
    first = built(root)
    cache = root / ".site.src" / ".templates"
    kept = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(kept) > 20  # Material's templates and the edition's override
    assert built(root) == first
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == kept  # reused, not written again
    for damaged in sorted(cache.iterdir())[:5]:
        damaged.write_bytes(b"not bytecode")
    assert built(root) == first


# --- one build per output --------------------------------------------------------------------------

def test_a_second_build_into_the_same_output_is_refused(tmp_path: Path) -> None:
    root = copy_mini(tmp_path / "edition")
    before = built(root)
    with holding_lock(root):
        done = build(root)
        assert (done.returncode, done.stderr, done.stdout) == (2, BUSY, "")
        assert snapshot(root / "site") == before
        assert leftovers(root) == []
        other = build(root, "--out", str(tmp_path / "elsewhere" / "site"))  # another output is independent
        assert (other.returncode, other.stderr) == (0, "")
    assert built(root) == before  # the lock released, the next build runs
    checked = run("check", "--built", "--out", str(root / "site"))
    assert (checked.returncode, checked.stderr) == (0, "0 link problems in site/\n")


def test_two_builds_started_together_leave_a_complete_site(tmp_path: Path) -> None:
    root = copy_mini(tmp_path / "edition")
    reference = built(copy_mini(tmp_path / "reference"))
    processes = [subprocess.Popen(command("build", "--root", str(root)), cwd=str(REPO), env=environment(),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in processes]
    results = sorted((p.returncode, err, out.startswith("built ")) for p, (out, err) in zip(processes, outputs))
    assert results in ([(0, "", True), (0, "", True)], [(0, "", True), (2, BUSY, False)]), results
    assert snapshot(root / "site") == reference
    assert leftovers(root) == []


# --- reproducible output ---------------------------------------------------------------------------

def test_two_builds_of_the_same_content_are_byte_identical(tmp_path: Path) -> None:
    started = time.monotonic()
    first = built(copy_mini(tmp_path / "one" / "edition"))
    time.sleep(max(0.0, 1.1 - (time.monotonic() - started)))  # a second apart: the wall clock must not show
    second = built(copy_mini(tmp_path / "two" / "edition"))
    assert "sitemap.xml.gz" in first and "index.html" in first
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


# --- check --built ---------------------------------------------------------------------------------

def test_check_built_passes_a_built_site(mini_built: Path) -> None:
    done = run("check", "--built", "--out", str(mini_built / "site"))
    assert (done.returncode, done.stderr, done.stdout) == (0, "0 link problems in site/\n", "")


def lines_with(page: Path, text: str) -> list[int]:
    """1-based numbers of the lines of a file that contain a text."""
    return [n for n, line in enumerate(page.read_text(encoding="utf-8").split("\n"), 1) if text in line]


def insert_line(page: Path, before: str, line: str) -> int:
    """Put a line of its own in front of the first line containing `before`; return its number."""
    lines = page.read_text(encoding="utf-8").split("\n")
    at = next(n for n, text in enumerate(lines) if before in text)
    page.write_text("\n".join(lines[:at] + [line] + lines[at:]), encoding="utf-8")
    return at + 1


def test_check_built_lists_every_problem_with_page_and_line(mini_built: Path, tmp_path: Path) -> None:
    site = shutil.copytree(mini_built / "site", tmp_path / "site")
    # 1. An id that links target: every link to note 1 now points nowhere.
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.count(' id="fn:1"') == 1
    (site / "index.html").write_text(index.replace(' id="fn:1"', ""), encoding="utf-8")
    expected = {f"index.html:{n}: error: link to a missing anchor '#fn:1' [link-check]"
                for n in lines_with(site / "index.html", 'href="#fn:1"')}
    for page in sorted(site.glob("*.html")):
        expected |= {f"{page.name}:{n}: error: link to a missing anchor 'index.html#fn:1' [link-check]"
                     for n in lines_with(page, 'href="index.html#fn:1"')}
    assert len(expected) >= 3  # the marker, the Sources page, the Chronology
    # 2. An id used twice (after the last line that links note 1, so that their numbers stay).
    twice = insert_line(site / "index.html", "</body>", '<span id="p2"></span>')
    expected.add(f"index.html:{twice}: error: id 'p2' used twice [link-check]")
    # 3. A script loaded from outside the site.
    script = insert_line(site / "about.html", "</head>", '<script src="https://x.example/a.js"></script>')
    expected.add(f"about.html:{script}: error: <script> loads 'https://x.example/a.js' from outside the site "
                 "[link-check]")

    links = len(expected)
    expected.add(f"about.html:{script}: error: script 'https://x.example/a.js' is not a file of the edition "
                 "[unsafe-output]")

    done = run("check", "--built", "--out", str(site))
    lines = done.stderr.splitlines()
    assert done.returncode == 1
    assert lines[-2:] == [f"{links} link problems in site/", "1 unsafe item in site/"]
    assert sorted(lines[:-2]) == sorted(expected)


# --- BibTeX text stays text ------------------------------------------------------------------------

SPECIAL = "<b>bold</b> & *stars* _under_ [link](x)"


def sources_entry(root: Path, key: str) -> html.HtmlElement:
    page = html.fromstring((root / "site" / "sources.html").read_bytes())
    found = page.xpath(f'//*[@id="{key}"]')
    assert len(found) == 1
    return found[0]


def test_bibtex_markup_is_shown_as_text(tmp_path: Path) -> None:
    case = FIXTURES / "ok-bib-special-chars"
    root = copy_mini(tmp_path / "edition")
    overlay(case, root)
    assert SPECIAL in (root / "sources.bib").read_text(encoding="utf-8")
    done = build(root)
    assert (done.returncode, done.stderr) == (0, (case / "expected.txt").read_text(encoding="utf-8"))

    entry = sources_entry(root, "berg-1998")
    assert SPECIAL in entry.text_content()
    assert entry.xpath(".//b") == []
    titles = entry.xpath(".//em")  # the style sets a book's title in italics: that one <em>, holding only text
    assert len(titles) == 1 and len(titles[0]) == 0 and SPECIAL in titles[0].text_content()
    assert entry.xpath('.//a[@href="x"]') == []
    assert all(a.get("href", "").startswith("index.html#fn:") for a in entry.xpath(".//a"))
    essay = html.fromstring((root / "site" / "index.html").read_bytes())
    tooltips = [a.get("title", "") for a in essay.xpath('//a[@data-key="berg-1998"]')]
    assert tooltips and all(SPECIAL in t for t in tooltips)


def test_bibtex_caret_is_shown_as_text(tmp_path: Path) -> None:
    root = copy_mini(tmp_path / "edition")
    bib = (MINI / "sources.bib").read_text(encoding="utf-8")
    write_files(root, {"sources.bib": bib.replace("{Provincial {Households} in {Letters}}", "{Households, 2^nd^ ed.}")})
    assert built(root)
    entry = sources_entry(root, "berg-1998")
    assert entry.xpath(".//sup") == [] and "2^nd^" in entry.text_content()
