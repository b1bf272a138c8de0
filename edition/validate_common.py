"""Small helpers every check uses: suggestions and places."""
from __future__ import annotations

import difflib
from typing import Iterable

from .model import Loc, TextFile


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a close match exists."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def at(file: TextFile, text_line: int) -> Loc:
    """The file location of a 0-based line of a file's body."""
    return Loc(file.loc.path, file.body_line + text_line)
