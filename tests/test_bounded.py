"""Bounded and total: inputs too large or too deep are refused with their place, the scans stay linear, every
failure is a located diagnostic, control characters never reach the terminal.

The large inputs are made here rather than committed. No test times anything: each input is large enough that
the quadratic scans the toolkit had (49 s for 32 KB of '](' in `check`, 75 s for 40 KB of nested brackets in
`build`) would run for many minutes, and each test asserts only the exact outcome.
"""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from editions import BUILD_SITE, MINI

from edition.check.sanitize import MAX_TARGET, check_markdown
from edition.cli import main
from edition.load import interventions, limits
from edition.load.markdown_scan import CODE_SPAN
from edition.model import Loc, error, internal_error, shown

NOTE_2 = (MINI / "footnotes" / "2.md").read_text(encoding="utf-8")  # 3 lines of front matter, then the text


def command(root: Path, *args: str) -> tuple[int, str, str]:
    """Run the command line in this process: exit code, standard error, standard output."""
    stderr, stdout = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
        code = main([*args, "--root", str(root)])
    return code, stderr.getvalue(), stdout.getvalue()


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    """A copy of the mini edition."""
    return shutil.copytree(MINI, tmp_path / "edition")


def refused(*lines: str) -> tuple[int, str, str]:
    """What `check` and `build` print for these errors."""
    count = f"{len(lines)} error{'s' * (len(lines) != 1)}"
    return 1, "".join(f"{line}\n" for line in lines) + f"{count}, 0 warnings; nothing written.\n", ""


def test_a_note_of_32_kb_of_link_openers_is_refused_at_its_line(edition: Path) -> None:
    (edition / "footnotes" / "2.md").write_text(NOTE_2 + "\n" + "](" * 16_000 + "\n", encoding="utf-8")
    assert command(edition, "check") == refused(
        "footnotes/2.md:6: error: more than 32 '(' open at once in one paragraph [markdown-depth]")


def test_link_targets_are_found_in_one_pass() -> None:
    """The policy's own scan, without the limit in front of it: 64 KB of unclosed '](' in one paragraph; each
    target is read up to MAX_TARGET characters and refused as too long, except the last ones, which are short."""
    text = "](" * 32_000
    findings = list(check_markdown(text))
    long_ones = sum(f.message.startswith("link target is longer") for f in findings)
    short = MAX_TARGET // 2 + 1  # the last '](' whose rest of the text is at most MAX_TARGET characters
    assert (len(findings), long_ones) == (32_000 - short, 32_000 - short)


def test_40_kb_of_nested_brackets_is_refused_by_build(edition: Path) -> None:
    (edition / "footnotes" / "2.md").write_text(NOTE_2 + "\n" + "[" * 20_000 + "]" * 20_000 + "\n",
                                                encoding="utf-8")
    assert command(edition, "build") == refused(
        "footnotes/2.md:6: error: more than 32 '[' open at once in one paragraph [markdown-depth]")
    assert not (edition / "site").exists()


def test_300_nested_list_levels_are_refused_at_the_first_line_too_deep(edition: Path) -> None:
    lines = "\n".join("    " * level + f"- level {level}" for level in range(300))
    (edition / "footnotes" / "2.md").write_text(NOTE_2 + "\n" + lines + "\n", encoding="utf-8")
    assert command(edition, "build") == refused(
        "footnotes/2.md:39: error: line is indented by more than 128 columns (lists or blocks nested too deeply) "
        "[markdown-depth]")


def test_a_5_mb_essay_is_refused_by_its_size(edition: Path) -> None:
    part = edition / "essay" / "02-closing.md"
    paragraph = "A letter read aloud, copied and kept in a bundle by the family for many years. " * 10
    part.write_text(part.read_text(encoding="utf-8") + "".join(
        f"\n{paragraph}\n{{: #q{n} }}\n" for n in range(6_500)), encoding="utf-8")
    size = part.stat().st_size
    assert size > 5_000_000
    assert command(edition, "export") == refused(
        f"essay/02-closing.md:1: error: file is {size:,} bytes; the limit is 2,000,000 (split it into several "
        "files) [file-too-large]")


def test_an_edition_over_the_export_limit_is_refused_by_export_and_built_by_build(edition: Path,
                                                                                   tmp_path: Path) -> None:
    """1.2 MB of text in two parts under the file limit: `build` makes the site; `export` names the file at
    which the text passes the limit, before it starts on anything."""
    paragraph = "A letter read aloud, copied and kept in a bundle by the family for many years. " * 10
    closing, more = edition / "essay" / "02-closing.md", edition / "essay" / "03-more.md"
    closing.write_text(closing.read_text(encoding="utf-8") + "".join(
        f"\n{paragraph}\n{{: #c{n} }}\n" for n in range(750)), encoding="utf-8")
    more.write_text("---\n---\n" + "".join(f"\n{paragraph}\n{{: #m{n} }}\n" for n in range(750)), encoding="utf-8")
    code, stderr, stdout = command(edition, "build")
    assert (code, stderr, stdout.startswith("built ")) == (0, "", True)
    assert command(edition, "export", "--out", str(tmp_path / "dist")) == refused(
        "essay/03-more.md:1: error: the edition's text passes 1,000,000 characters here; too long to export "
        "(the PDF would take many minutes); `build` makes its site [export-too-large]")
    assert not (tmp_path / "dist").exists()


def test_interventions_left_open_are_sought_no_further_than_the_next_one() -> None:
    text = "{++" * 30_000 + "\n\n{++a++}{>>punct: lost<<}"
    found, problems = interventions.parse(text)
    assert [(i.op, i.kind, i.edited) for i in found] == [("add", "punct", "a")]
    assert len(problems) == 30_000


def test_a_long_run_of_backticks_is_one_run() -> None:
    assert [m.group() for m in CODE_SPAN.finditer("`" * 100_000 + " x `y`")] == ["`y`"]


def test_a_yaml_scan_stops_at_the_limits() -> None:
    from edition.load.reader import LOADER

    assert limits.yaml_problem("a: " + "[" * 100_000 + "]" * 100_000, LOADER) == (
        0, "lists and mappings nested more than 32 deep")
    assert limits.yaml_problem("a: &a [1]\n" + "".join(f"b{n}: *a\n" for n in range(11)), LOADER) == (
        11, "more than 10 aliases ('*name'); write values out")
    assert limits.yaml_problem("base: &b {a: 1}\nitem:\n  <<: *b\n", LOADER) is None  # a merge key is fine


def test_control_characters_are_escaped_for_the_terminal() -> None:
    diagnostic = error(Loc("footnotes/a\n\x1b[2Jb.md", 3), "bad \x1b]0;title\x07 text\u2028\t\r\x85", "code")
    assert str(diagnostic) == ("footnotes/a\\n\\x1b[2Jb.md:3: error: bad \\x1b]0;title\\x07 text\\u2028\\t\\r\\x85 "
                               "[code]")
    assert shown("caf\u00e9 \u00a0ok") == "caf\u00e9 \u00a0ok"  # printable text is left as it is


def test_a_file_name_with_controls_is_escaped_in_the_diagnostics(edition: Path) -> None:
    (edition / "footnotes" / "x\x1b[31m\n.md").write_text('---\nlabel: "9"\n---\nText.\n', encoding="utf-8")
    assert command(edition, "check") == refused(
        "footnotes/x\\x1b[31m\\n.md:1: error: note file name 'x\\x1b[31m\\n' is not an id (letters, digits, '_', ':', "
        "'.' and '-'); rename the file [note-id]",
        "footnotes/x\\x1b[31m\\n.md:1: error: note 'x\\x1b[31m\\n' is never referenced from essay/ [note-unused]")


def test_an_exception_in_a_stage_is_a_located_diagnostic(edition: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from edition.site import build

    def broken(*_: object) -> None:
        raise RuntimeError("the renderer broke")

    monkeypatch.setattr(build, "generate", broken)
    assert command(edition, "build") == refused(
        ".:1: error: internal error: RuntimeError: the renderer broke (please report it) [internal]")
    assert str(internal_error(KeyError("x"))) == (
        ".:1: error: internal error: KeyError: 'x' (please report it) [internal]")


def test_new_into_a_link_to_nothing_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    done = subprocess.run([sys.executable, str(BUILD_SITE), "new", "dangling"], cwd=tmp_path, capture_output=True,
                          text=True, check=False, env={**os.environ, "PYTHONPATH": str(BUILD_SITE.parent)})
    assert (done.returncode, done.stdout, done.stderr) == (
        2, "", "build_site.py: error: dangling is a symbolic link to nothing; choose a new folder\n")
    assert not (tmp_path / "nowhere").exists()
