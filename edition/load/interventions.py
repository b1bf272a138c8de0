"""Editorial interventions written in CriticMarkup with a kind comment: parsing only."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator

from edition.load.common import suggest

# An operation, optionally followed at once by its {>>kind: reason<<} comment.
# Markup never runs across a blank line: an unclosed one must not swallow the next paragraph; nor across the
# opening of another: an unclosed one is then sought no further than the next, which keeps the scan linear.
ANY = r"(?:(?!\n\s*\n|\{(?:~~|\+\+|--|>>|==)).)"
OP = (rf"\{{(?:~~(?P<old>(?:(?!~>){ANY})*?)~>(?P<new>{ANY}*?)~~|\+\+(?P<add>{ANY}*?)\+\+|--(?P<rem>{ANY}*?)--"
      rf"|==(?P<mark>{ANY}*?)==)\}}"
      rf"(?:\{{>>(?P<note>{ANY}*?)<<\}})?")
POINT = rf"\{{>>(?P<point>{ANY}*?)<<\}}"
PATTERN = re.compile(f"{OP}|{POINT}", re.DOTALL)
OPENERS = re.compile(r"\{(?:~~|\+\+|--|>>|==)")
FOOTNOTE_REF = re.compile(r"^\[\^[^\]\s]+\]$")

# kind -> (operations it may use, whether a reason is required)
KINDS: dict[str, tuple[frozenset[str], bool]] = {
    "typo": (frozenset({"sub"}), False),
    "punct": (frozenset({"sub", "add", "del"}), False),
    "word": (frozenset({"sub", "add", "del"}), False),
    "marker": (frozenset({"add"}), True),
    "artefact": (frozenset({"del", "sub"}), True),
    "join": (frozenset({"point"}), False),
    "lacuna": (frozenset({"point"}), True),
    "comment": (frozenset({"point", "mark"}), True),  # a mark: {==the words==}{>>comment: …<<}
}

LABELS = {
    "typo": "corrected misprint", "punct": "punctuation", "word": "word",
    "marker": "restored note marker", "artefact": "removed conversion artefact",
    "join": "joined sentence", "lacuna": "lacuna", "comment": "editorial comment",
}

# TEI's data.certainty: the values of an optional statement after the kind, {>>marker (medium): why<<}
CERTAINTIES = ("high", "medium", "low", "unknown")
# Kinds that change no reading: a doubt about them belongs in their words, and TEI writes them as notes
UNCERTIFIED = frozenset({"join", "comment"})
KIND_CERT = re.compile(r"(?P<kind>[^()]*)\((?P<cert>[^()]*)\)")  # one way to match: linear on any text


@dataclass(frozen=True)
class Intervention:
    """One editorial intervention found in a text."""

    op: str  # "sub", "add", "del", "mark" (words commented on, unchanged) or "point"
    kind: str
    printed: str  # what the copy-text has ("" for a supplied text or a point)
    edited: str  # what the edition reads (Markdown; "" for a removal or a point)
    reason: str
    start: int  # offset of the markup in the text
    end: int
    cert: str = ""  # the stated certainty (one of CERTAINTIES, once checked), "" where none is stated


@dataclass(frozen=True)
class Problem:
    """Malformed intervention markup at an offset of the text."""

    offset: int
    message: str
    code: str


def split_comment(comment: str) -> tuple[str, str, str]:
    """Split 'kind (certainty): reason' into its kind, its certainty ("" if none) and its reason."""
    head, _, reason = comment.partition(":")
    found = KIND_CERT.fullmatch(head.strip())
    if found is None or not found.group("cert").strip():
        return head.strip(), "", reason.strip()
    return found.group("kind").strip(), found.group("cert").strip(), reason.strip()


def label(kind: str, cert: str = "") -> str:
    """What an intervention is, as a reader is told: its kind and, when stated, its certainty."""
    name = LABELS.get(kind, kind)
    return f"{name} (certainty: {cert})" if cert else name


def from_match(match: re.Match[str]) -> Intervention:
    """Build an intervention from a PATTERN match (not yet checked)."""
    groups = match.groupdict()
    if groups["point"] is not None:
        kind, cert, reason = split_comment(groups["point"])
        return Intervention("point", kind, "", "", reason, match.start(), match.end(), cert)
    kind, cert, reason = split_comment(groups["note"] or "")
    if groups["old"] is not None:
        op, printed, edited = "sub", groups["old"], groups["new"]
    elif groups["mark"] is not None:
        op, printed, edited = "mark", groups["mark"], groups["mark"]
    elif groups["add"] is not None:
        op, printed, edited = "add", "", groups["add"]
    else:
        op, printed, edited = "del", groups["rem"], ""
    return Intervention(op, kind, printed, edited, reason, match.start(), match.end(), cert)


def check_cert(item: Intervention) -> Iterator[Problem]:
    """Say what is wrong with an intervention's stated certainty."""
    if not item.cert:
        return
    if item.kind in UNCERTIFIED:
        yield Problem(item.start, f"'{item.kind}' changes no reading: say the doubt in its words, not as a "
                      "certainty", "intervention-cert")
    elif item.cert not in CERTAINTIES:
        hint = suggest(item.cert, CERTAINTIES) or f" (known: {', '.join(CERTAINTIES)})"
        yield Problem(item.start, f"unknown certainty '{item.cert}'{hint}", "intervention-cert")


def check(item: Intervention, has_comment: bool) -> Iterator[Problem]:
    """Say what is wrong with one intervention."""
    where = item.start
    if not has_comment and item.op == "mark":
        yield Problem(where, "marked words need a comment after them: {==words==}{>>comment: why<<}",
                      "intervention-kind")
        return
    if not has_comment:
        yield Problem(where, "intervention has no {>>kind: reason<<} comment after it", "intervention-kind")
        return
    if item.kind not in KINDS:
        known = ", ".join(sorted(KINDS))
        yield Problem(where, f"unknown intervention kind '{item.kind}' (known: {known})", "intervention-kind")
        return
    yield from check_cert(item)
    ops, needs_reason = KINDS[item.kind]
    if item.op not in ops:
        yield Problem(where, f"'{item.kind}' cannot be used with this markup", "intervention-kind")
    if needs_reason and not item.reason:
        yield Problem(where, f"'{item.kind}' needs a reason: {{>>{item.kind}: why<<}}", "intervention-reason")
    inner = item.printed + item.edited + item.reason
    if OPENERS.search(inner):
        yield Problem(where, "interventions cannot be nested", "intervention-syntax")
    if item.kind == "marker" and not FOOTNOTE_REF.match(item.edited.strip()):
        yield Problem(where, "a restored marker must supply exactly one note reference, e.g. {++[^7]++}",
                      "intervention-syntax")


def parse(text: str) -> tuple[list[Intervention], list[Problem]]:
    """Find every intervention in a text and every malformed one."""
    found = [(m, from_match(m)) for m in PATTERN.finditer(text)]
    starts = [m.start() for m, _ in found]  # matches are sorted and disjoint: bisect finds the one around
    ends = [m.end() for m, _ in found]

    def covered(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < ends[index]
    unclosed = [o for o in OPENERS.finditer(text) if not covered(o.start())]
    problems = [Problem(o.start(), f"'{o.group()}' is never closed", "intervention-syntax") for o in unclosed]
    for match, item in found:
        near = [o.start() for o in unclosed if abs(o.start() - match.start()) < 200]
        if near and (item.op == "point" or match.group("note") is None):
            continue  # the kind comment of a broken operation, or an operation whose comment is broken
        has_comment = match.group("point") is not None or match.group("note") is not None
        problems.extend(check(item, has_comment))
    return [item for _, item in found], sorted(problems, key=lambda p: p.offset)


def printed_reading(text: str) -> str:
    """Undo every intervention: the text as the copy-text printed it."""
    def undo(match: re.Match[str]) -> str:
        item = from_match(match)
        return item.printed
    return PATTERN.sub(undo, text)
