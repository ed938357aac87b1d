"""Word-level changes between two sentences. Pure. (Placeholder until the word diff lands.)"""

from __future__ import annotations


def inline_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Return [("=", text) | ("-", text) | ("+", text), ...] at word granularity."""
    if old == new:
        return [("=", old)]
    return [("-", old), ("+", new)]
