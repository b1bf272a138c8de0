"""A synthetic edition k times the size of a real one, for benchmarks (issue #9).

    python bench/synth.py K TARGET [--source DIR]

Copy c (1 … k) of the real edition is written after copy c - 1:

* the essay: the body k times over in one file (an essay in several parts: one file per copy and
  part, so that the reading order stays copy by copy); paragraph ids renumbered
  (copy c of ¶n is ¶(n + (c - 1)·P), P the highest paragraph number), so ids run p1 … pN;
* the notes: k× the files; numeric ids and labels shifted the same way (copy c of note n is note
  n + (c - 1)·L), other ids and labels take the copy's number ('ack' → 'ack2', label '*' → '*2'), and
  every marker of a copy names its copy's note, so labels run 1 … N in marker order;
* each numbered note cites about 5 sources (3 to 7): its own citations plus 'see also' citations
  drawn with a Zipf-like weight from its copy's sources (a few popular ones cited from many notes)
  and, one time in ten, from copy 1's (works cited throughout a long edition); text and pandoc
  citation forms alternate;
* the sources: k× the entries, keys of copy c > 1 suffixed '-c<c>', with crossref and related fields
  pointing into the same copy (document volumes are copied too); archive and call numbers kept;
* interventions, person mentions and links written in the text travel with it (link targets to
  paragraphs, notes and sources are renumbered with the copy);
* registers/, pages/ and mkdocs.yml are copied as they are.

Copy c does not depend on k, so the edition for k = 10 is a prefix of the one for k = 100.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.site.write import copy_content  # noqa: E402  (only to copy files; the patterns below are our own)

# The toolkit's own patterns, repeated here so the generator does not depend on its internals.
FRONT = re.compile(r"\A(?:\ufeff)?---\n(.*?)\n(?:---|\.\.\.)[ \t]*\n?", re.DOTALL)
MARKER = re.compile(r"(?<![^\n])[ ]{0,3}\[\^[^\]]*\]:|\[\^([^\]\s]*)\]")
PARA_ID = re.compile(r"(\{:\s*#)([^\s}]+)")
CITE_KEY = re.compile(r"(?<=[\[\s;])@([A-Za-z0-9][A-Za-z0-9_:.\-/+]*)")
LINK = re.compile(r"(\]\(\s*<?)([^)\s>#]*)#([^)\s>]+)")
ENTRY = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*([{(])[ \t]*([^,\s]+)[ \t]*,", re.MULTILINE)
FIELD_REF = re.compile(r"(\b(?:crossref|related|xref)\s*=\s*[{\"])([^}\"]*)([}\"])", re.IGNORECASE)
CONTENT_COPIED = ("registers", "pages", "mkdocs.yml")


class Copy:
    """The renaming rules of one copy: paragraph ids, note ids and labels, source keys."""

    def __init__(self, number: int, para_step: int, note_step: int, label_step: int,
                 keys: list[str]) -> None:
        self.number = number
        self.para_step, self.note_step, self.label_step = para_step, note_step, label_step
        self.keys = {key: self.key(key) for key in keys}

    def shifted(self, text: str, step: int) -> str:
        """'12' → '12 + (c - 1)·step'; anything else gets the copy number appended (copy 1 unchanged)."""
        if self.number == 1:
            return text
        if text.isdigit():
            return str(int(text) + (self.number - 1) * step)
        return f"{text}{self.number}"

    def para(self, block_id: str) -> str:
        """A paragraph or block id of this copy."""
        if self.number > 1 and re.fullmatch(r"p\d+", block_id):
            return "p" + str(int(block_id[1:]) + (self.number - 1) * self.para_step)
        return f"{block_id}-c{self.number}" if self.number > 1 else block_id

    def note(self, note_id: str) -> str:
        """A note id (file name) of this copy."""
        return self.shifted(note_id, self.note_step)

    def label(self, label: str) -> str:
        """A note label of this copy."""
        return self.shifted(label, self.label_step)

    def key(self, key: str) -> str:
        """A source key of this copy."""
        return key if self.number == 1 else f"{key}-c{self.number}"

    def cite(self, match: re.Match[str]) -> str:
        """Rename one @key; a trailing '.' or ':' that is not part of a known key is kept as text."""
        key, tail = match.group(1), ""
        while key not in self.keys and key and key[-1] in ".:":
            key, tail = key[:-1], key[-1] + tail
        return f"@{self.keys.get(key, key)}{tail}" if key in self.keys else match.group(0)

    def link(self, match: re.Match[str]) -> str:
        """Renumber the anchor of a link to a paragraph, a note or a source."""
        opener, page, fragment = match.groups()
        if page in ("", "index.md"):
            if fragment.startswith("fn:"):
                fragment = "fn:" + self.note(fragment[3:])
            elif re.fullmatch(r"p\d+", fragment):
                fragment = self.para(fragment)
        elif page == "sources.md":
            fragment = self.keys.get(fragment, fragment)
        return f"{opener}{page}#{fragment}"

    def text(self, body: str) -> str:
        """A Markdown text of this copy: markers, paragraph ids, citations and links renamed."""
        if self.number == 1:
            return body
        body = MARKER.sub(lambda m: m.group(0) if m.group(1) is None else f"[^{self.note(m.group(1))}]", body)
        body = PARA_ID.sub(lambda m: m.group(1) + self.para(m.group(2)), body)
        body = CITE_KEY.sub(self.cite, body)
        return LINK.sub(self.link, body)


def split(text: str) -> tuple[dict, str]:
    """Front matter and body of a Markdown file."""
    found = FRONT.match(text)
    if not found:
        return {}, text
    return (yaml.safe_load(found.group(1)) or {}), text[found.end():]


def front(meta: dict) -> str:
    """YAML front matter, keys in their order, strings quoted as needed."""
    if not meta:
        return "---\n---\n"
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**6, default_style=None)
    return f"---\n{dumped}---\n"


def natural(text: str) -> tuple:
    """Sort '2' before '10'."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text))


def bib_entries(text: str) -> tuple[str, list[tuple[str, str, str]]]:
    """The text before the first entry, and each entry as (type, key, text)."""
    starts = list(ENTRY.finditer(text))
    head = text[: starts[0].start()] if starts else text
    entries = []
    for number, match in enumerate(starts):
        end = starts[number + 1].start() if number + 1 < len(starts) else len(text)
        entries.append((match.group(1).lower(), match.group(3), text[match.start():end]))
    return head, entries


def copy_entry(copy: Copy, kind: str, key: str, text: str) -> str:
    """One BibTeX entry in copy c: its key and the keys it refers to renamed."""
    if copy.number == 1 or kind in ("string", "preamble", "comment"):
        return text
    text = text.replace(key, copy.key(key), 1)
    return FIELD_REF.sub(lambda m: m.group(1) + ",".join(copy.keys.get(k.strip(), k.strip())
                                                        for k in m.group(2).split(",")) + m.group(3), text)


def words(value: str, limit: int = 8) -> str:
    """The first words of a BibTeX value, braces and Markdown specials removed."""
    cleaned = re.sub(r"[{}\\\[\]*_`^~<>|#]", "", value)
    return " ".join(cleaned.split()[:limit]) or "document"


def citable(entries: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """(key, printed words) of every entry a note may cite: not string macros, not whole volumes."""
    volumes = {m.group(2).strip() for _, _, text in entries for m in FIELD_REF.finditer(text)
               if m.group(1).lower().startswith("crossref")}
    found = []
    for kind, key, text in entries:
        if kind in ("string", "preamble", "comment") or key in volumes:
            continue
        title = re.search(r"\btitle\s*=\s*[{\"](.*?)[}\"]\s*,?\s*$", text, re.MULTILINE | re.IGNORECASE)
        found.append((key, words(title.group(1)) if title else key))
    return found


class Citer:
    """Draws the 'see also' citations of one copy: Zipf-like over its sources, 1 in 10 from copy 1."""

    def __init__(self, copy: Copy, sources: list[tuple[str, str]], first: Copy) -> None:
        self.copy, self.first = copy, first
        self.random = random.Random(f"synth-copy-{copy.number}")
        self.sources = sources[:]
        self.random.shuffle(self.sources)  # which sources are popular differs from copy to copy
        self.weights = [1 / (rank + 1) ** 0.9 for rank in range(len(self.sources))]
        self.turn = 0

    def extra(self, body: str) -> str:
        """'See also …' citations that bring a note to 3-7 citations (about 5)."""
        have = len(CITE_KEY.findall(body))
        want = self.random.randint(3, 7)
        if want <= have or not self.sources:
            return body
        cited = []
        for _ in range(want - have):
            key, printed = self.random.choices(self.sources, self.weights)[0]
            owner = self.first if self.random.random() < 0.1 else self.copy
            cited.append((owner.key(key), printed, self.random.randint(1, 400)))
        self.turn += 1
        if self.turn % 2:
            links = "; ".join(f"[{printed}, p. {page}][@{key}]" for key, printed, page in cited)
            return body.rstrip("\n") + f" See also {links}.\n"
        items = "; ".join(f"@{key}, p. {page}" for key, _, page in cited)
        return body.rstrip("\n") + f" Compare [see {items}].\n"


def read_edition(source_root: Path) -> tuple[list[tuple[str, dict, str]], dict[str, tuple[dict, str]], str,
                                             list[tuple[str, str, str]]]:
    """The essay's parts (name, front matter, body), the notes by id, and sources.bib split into entries."""
    parts = [(p.name, *split(p.read_text(encoding="utf-8-sig"))) for p in sorted((source_root / "essay").glob("*.md"))]
    notes = sorted((source_root / "footnotes").glob("*.md"), key=lambda p: natural(p.stem))
    note_texts = {p.stem: split(p.read_text(encoding="utf-8-sig")) for p in notes}
    head, entries = bib_entries((source_root / "sources.bib").read_text(encoding="utf-8-sig"))
    return parts, note_texts, head, entries


def make_copies(parts: list[tuple[str, dict, str]], notes: dict[str, tuple[dict, str]],
                entries: list[tuple[str, str, str]], k: int) -> list[Copy]:
    """The renaming rules of copies 1 … k."""
    paras = [int(m.group(2)[1:]) for _, _, body in parts for m in PARA_ID.finditer(body)
             if re.fullmatch(r"p\d+", m.group(2))]
    note_numbers = [int(n) for n in notes if n.isdigit()]
    labels = [int(str(meta.get("label"))) for meta, _ in notes.values() if str(meta.get("label", "")).isdigit()]
    keys = [key for kind, key, _ in entries if kind not in ("string", "preamble", "comment")]
    steps = (max(paras, default=0), max(note_numbers, default=0), max(labels, default=0))
    return [Copy(c, *steps, keys) for c in range(1, k + 1)]


def write_essay(target: Path, parts: list[tuple[str, dict, str]], copies: list[Copy]) -> None:
    """One essay file holding every copy; several parts give one file per copy and part, in reading order."""
    if len(parts) == 1:
        name, meta, body = parts[0]
        bodies = [copy.text(body.strip("\n")) for copy in copies]
        (target / "essay" / name).write_text(front(meta) + "\n" + "\n\n".join(bodies) + "\n", encoding="utf-8")
        return
    for copy in copies:
        for number, (name, meta, body) in enumerate(parts):
            if copy.number > 1 or number > 0:  # the edition's title and author belong to the first part only
                meta = {key: value for key, value in meta.items() if key == "heading"}
            text = front(meta) + "\n" + copy.text(body.strip("\n")) + "\n"
            (target / "essay" / f"{copy.number:04d}-{name}").write_text(text, encoding="utf-8")


def write_notes(target: Path, notes: dict[str, tuple[dict, str]], copies: list[Copy],
                sources: list[tuple[str, str]]) -> None:
    """Every copy of every note; numbered notes get their 'see also' citations."""
    for copy in copies:
        citer = Citer(copy, sources, copies[0])
        for note_id, (meta, body) in notes.items():
            label = str(meta.get("label", ""))
            text = copy.text(body)
            if label.isdigit():
                text = citer.extra(text)
            path = target / "footnotes" / f"{copy.note(note_id)}.md"
            path.write_text(front({**meta, "label": copy.label(label)}) + text, encoding="utf-8")


def write_sources(target: Path, head: str, entries: list[tuple[str, str, str]], copies: list[Copy]) -> None:
    """k× the entries; string macros and the preamble once."""
    with open(target / "sources.bib", "w", encoding="utf-8") as out:
        out.write(head)
        for copy in copies:
            for kind, key, text in entries:
                if copy.number == 1 or kind not in ("string", "preamble", "comment"):
                    out.write(copy_entry(copy, kind, key, text).rstrip("\n") + "\n\n")


def synthesize(source_root: Path, target: Path, k: int) -> None:
    """Write into target an edition k times the size of the one at source_root (target is replaced)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    source_root, target = Path(source_root), Path(target)
    parts, notes, head, entries = read_edition(source_root)
    copies = make_copies(parts, notes, entries, k)
    if target.exists():
        shutil.rmtree(target)
    (target / "essay").mkdir(parents=True)
    (target / "footnotes").mkdir()
    write_essay(target, parts, copies)
    write_notes(target, notes, copies, citable(entries))
    write_sources(target, head, entries, copies)
    copy_content(source_root, target, CONTENT_COPIED)


def main(argv: list[str] | None = None) -> int:
    """The command line."""
    cli = argparse.ArgumentParser(description="Write a synthetic edition k times the size of a real one.")
    cli.add_argument("k", type=int, help="how many copies of the edition")
    cli.add_argument("target", type=Path, help="the folder to write (replaced if it exists)")
    cli.add_argument("--source", type=Path, default=ROOT, help="the real edition (default: the repository)")
    args = cli.parse_args(argv)
    synthesize(args.source, args.target, args.k)
    print(f"wrote a synthetic edition, k = {args.k}, to {args.target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
