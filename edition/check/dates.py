"""Dates wherever the edition reads one: ISO 8601 forms, and only days and months that exist (pure)."""
from __future__ import annotations

import calendar
import re
from typing import Iterator

from edition.check.biblatex import DATE_FIELDS
from edition.model import Diagnostic, Edition, Loc, Source, error

# Only full ISO dates, months, years, or a range of them ("1936-06/1936-07") are accepted.
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
ISO_PART = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
LOOKS_ISO = re.compile(r"\b\d{4}-\d{1,2}(?:-\d{1,2})?\b")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
ISO_RULE = "YYYY-MM-DD, YYYY-MM, YYYY or a range FROM/TO"


def impossible(value: str) -> str:
    """What is impossible about an ISO-shaped date ('month 13 does not exist'), or '' for a real date."""
    for match in ISO_PART.finditer(value):
        year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
        if not 1 <= month <= 12:
            return f"month {month} does not exist"
        if day is not None and not 1 <= int(day) <= calendar.monthrange(year, month)[1]:
            return f"{calendar.month_name[month]} {year} has no day {int(day)}"
    return ""


def range_hint(value: str) -> str:
    """' (a range is written 1788/1793)' for '1788-93', the abbreviated range biblatex does not read."""
    match = re.fullmatch(r"(\d{2})(\d{2})-{1,2}(\d{2})", value.strip())
    if match and int(match.group(3)) > int(match.group(2)):
        return f" (a range is written {match.group(1)}{match.group(2)}/{match.group(1)}{match.group(3)})"
    return ""


def date_problem(value: str) -> str:
    """Why a value is not an ISO 8601 date biblatex and the edition read, or ''."""
    if not ISO_DATE.match(value.strip()):
        return f"is not ISO 8601 ({ISO_RULE}){range_hint(value)}"
    reason = impossible(value)
    return f"is impossible: {reason}{range_hint(value)}" if reason else ""


def at(source: Source, name: str) -> Loc:
    """The line of an entry's field."""
    return Loc(source.loc.path, source.field_lines.get(name, source.loc.line))


def source_dates(source: Source) -> Iterator[Diagnostic]:
    """An entry's date fields, 'year' and 'month'."""
    for name in DATE_FIELDS:
        value = source.fields.get(name)
        problem = date_problem(value) if value is not None else ""
        if problem:
            yield error(at(source, name), f"{name} '{value}' of '{source.key}' {problem}", "date-format")
    year = source.fields.get("year")
    if year is not None and not re.fullmatch(r"\d{1,4}", year.strip()):
        hint = range_hint(year) or " (a range or a full date goes in 'date')"
        yield error(at(source, "year"), f"year '{year}' of '{source.key}' is not a year{hint}", "date-format")
    month = source.fields.get("month")
    if month is not None and not (month.strip().isdigit() and 1 <= int(month) <= 12
                                  or month.strip().lower()[:3] in MONTHS):
        yield error(at(source, "month"), f"month '{month}' of '{source.key}' is not a month (1-12 or jan-dec)",
                    "date-format")


def check_dates(edition: Edition) -> Iterator[Diagnostic]:
    """Dates in sources.bib are ISO 8601 and exist; dates in a person's register entry exist."""
    for source in edition.sources:
        yield from source_dates(source)
    for person in edition.persons:
        for written in LOOKS_ISO.findall(person.dates):
            reason = impossible(written if len(written) >= 7 else "")
            if reason:
                yield error(person.loc, f"date '{written}' of person '{person.id}' is impossible: {reason}",
                            "date-impossible")
