"""Small helpers for writing Markdown text (the escaping itself is the sanitising policy's)."""
from __future__ import annotations

from .sanitize import plain

__all__ = ["plain"]
