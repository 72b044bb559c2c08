"""Proof that an import lost nothing: every word of the source is found, in order, in what it became."""

from __future__ import annotations

from typing import Callable, Iterable


def missing_in_order(words: Iterable[str], target: str, key: Callable[[str], str] = str) -> list[str]:
    """The words not found in `target` after the previous word found (compared as `key` makes them)."""
    missing, cursor = [], 0
    for word in words:
        wanted = key(word)
        found = target.find(wanted, cursor)
        if found < 0:
            missing.append(word)
        else:
            cursor = found + len(wanted)
    return missing
