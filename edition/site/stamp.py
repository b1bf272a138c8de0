"""The version and date an export carries."""
from __future__ import annotations

import datetime as dt

ZIP_EPOCH_MIN = 315532800  # 1980-01-01, the earliest time a zip entry can carry


def build_epoch(value: str | None) -> int:
    """The build time in seconds: SOURCE_DATE_EPOCH (the last commit's time), else 1980-01-01."""
    try:
        return max(int(value or ""), ZIP_EPOCH_MIN)
    except ValueError:
        return ZIP_EPOCH_MIN


def build_date(epoch: int) -> str:
    """The build date as ISO 8601, in UTC."""
    return dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc).date().isoformat()


def stamp(version: str, date: str) -> str:
    """'version 1a2b3c4, 2026-11-25', as shown on every export."""
    return f"version {version or 'unknown'}, {date}"
