"""Small helpers every check uses: suggestions and places."""
from __future__ import annotations

import difflib
from typing import Iterable

from edition.model import Loc, TextFile


def distance(first: str, second: str) -> int:
    """Levenshtein's edit distance: insertions, deletions and substitutions of one character."""
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i]
        for j, b in enumerate(second, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' only for a slip: one edit in a short word, two in a long one, none in a number.

    A missing note 15 is not a misspelt note 5, nor 'estate.png' a misspelt 'letter.png'.
    """
    if word.isdigit():
        return ""
    limit = min(2, len(word) // 3)
    ranked = sorted((distance(word.casefold(), c.casefold()), -difflib.SequenceMatcher(None, word, c).ratio(), c)
                    for c in set(choices) if c != word)
    return f" (did you mean '{ranked[0][2]}'?)" if ranked and ranked[0][0] <= limit else ""


def at(file: TextFile, text_line: int) -> Loc:
    """The file location of a 0-based line of a file's body."""
    return Loc(file.loc.path, file.body_line + text_line)
