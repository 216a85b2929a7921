"""Helpers that make error messages name the closest match and stay short."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["did_you_mean", "quote_list"]


def did_you_mean(name: str, candidates: Iterable[str], *, n: int = 3) -> str:
    """Return `` (did you mean 'x'?)`` for the closest candidates, or an empty string.

    Args:
        name: The name the user wrote.
        candidates: The names that exist.
        n: The most suggestions to give.

    Returns:
        A string to append to a message; empty when nothing is close.
    """
    matches = difflib.get_close_matches(name, list(candidates), n=n, cutoff=0.6)
    if not matches:
        return ""
    return f" (did you mean {' or '.join(repr(m) for m in matches)}?)"


def quote_list(names: Iterable[str], *, limit: int = 5) -> str:
    """Return sorted names quoted with ``repr``, capped at ``limit`` ("and N more")."""
    items = sorted(names)
    shown = ", ".join(repr(n) for n in items[:limit])
    if len(items) > limit:
        shown += f" and {len(items) - limit} more"
    return shown
