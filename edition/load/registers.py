"""Reading the registers: archives, persons and the glossary, each a YAML list of mappings."""
from __future__ import annotations

import difflib
from typing import Any

import yaml

from edition.load.reader import Reader, item_keys, parse_yaml
from edition.model import Loc, Person, Repository, Term, error

REPOSITORIES_FILE = "registers/repositories.yml"
PERSONS_FILE = "registers/persons.yml"
GLOSSARY_FILE = "registers/glossary.yml"


def load_yaml_list(reader: Reader, name: str, keys: tuple[str, ...]) -> list[tuple[dict[str, Any], Loc]]:
    """Read a register: a YAML list of mappings with the given keys, each with the line it starts on."""
    path = reader.root / name
    text = reader.text(path) if path.is_file() or path.is_symlink() else None
    if text is None:
        return []
    try:
        data, items_of = parse_yaml(text, item_keys)
    except yaml.YAMLError as exc:
        reader.yaml_error(Loc(name), exc, 1)
        return []
    if data is None:
        return []
    if not isinstance(data, list) or items_of is None:
        reader.diagnostics.append(error(Loc(name), "expected a YAML list of entries", "register-type"))
        return []
    items = []
    for item, (line, item_keys_lines) in zip(data, items_of):
        loc = Loc(name, line)
        if isinstance(item, dict):
            items.append(({str(k): v for k, v in item.items()}, loc))
            for key, key_line in item_keys_lines:
                if key not in keys:
                    close = difflib.get_close_matches(key, keys, n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    reader.diagnostics.append(error(Loc(name, key_line), f"unknown key '{key}'{hint}",
                                                    "register-key"))
        else:
            reader.diagnostics.append(error(loc, "each entry must be a mapping of keys to values", "register-type"))
    return items


def strings(value: Any) -> tuple[str, ...]:
    """A YAML value read as a list of strings."""
    if value is None:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def text_of(item: dict[str, Any], key: str) -> str:
    """A YAML value read as a string ('' when absent)."""
    value = item.get(key)
    return "" if value is None else str(value)


def load_repositories(reader: Reader) -> tuple[Repository, ...]:
    """Read the archives' register."""
    keys = ("id", "abbr", "name", "place", "printed", "folio")
    return tuple(Repository(text_of(i, "id"), text_of(i, "abbr"), text_of(i, "name"), text_of(i, "place"),
                            strings(i.get("printed")), loc, text_of(i, "folio"))
                 for i, loc in load_yaml_list(reader, REPOSITORIES_FILE, keys))


def load_persons(reader: Reader) -> tuple[Person, ...]:
    """Read the persons' register."""
    return tuple(Person(text_of(i, "id"), text_of(i, "name"), text_of(i, "sort") or text_of(i, "name"),
                        text_of(i, "dates"), text_of(i, "about"), strings(i.get("spellings")),
                        strings(i.get("exclude")), loc)
                 for i, loc in load_yaml_list(reader, PERSONS_FILE,
                                              ("id", "name", "sort", "dates", "about", "spellings", "exclude")))


def load_terms(reader: Reader) -> tuple[Term, ...]:
    """Read the glossary of abbreviations and terms."""
    return tuple(Term(text_of(i, "term"), text_of(i, "expansion"), loc)
                 for i, loc in load_yaml_list(reader, GLOSSARY_FILE, ("term", "expansion")))
