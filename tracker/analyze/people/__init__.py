"""Contributor and note changes between two versions. Pure.

Recognising contributor lines and notes and parsing names is tracker.extract.people's job (the
same rules extraction uses); this module re-exports those and diffs two versions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from tracker.extract.people import (
    is_contributor_line,
    is_note,
    name_key,
    normalize_name,
    same_person,
    split_names,
    tidy_names,
)
from tracker.extract.typography import normalize_typography

__all__ = [
    "diff_names",
    "diff_notes",
    "is_contributor_line",
    "is_note",
    "normalize_name",
    "split_names",
]


def diff_names(old: Sequence[str], new: Sequence[str]) -> tuple[list[str], list[str]]:
    """(added, removed) people. Each side is the version's bylines and contributors together
    (a person who moves from one to the other stays), cleaned as extraction cleans them
    (garbled dates, credit words, places and layout text off), and compared as people:
    'Manu Raju' == 'MANU RAJU' == 'Manu K. Raju Jr.'."""
    old_names, new_names = tidy_names(old), tidy_names(new)
    added = [n for n in new_names if not any(same_person(n, o) for o in old_names)]
    removed = [o for o in old_names if not any(same_person(o, n) for n in new_names)]
    return _unique(added, name_key), _unique(removed, name_key)


def diff_notes(old: Sequence[str], new: Sequence[str]) -> tuple[list[str], list[str]]:
    """(added, removed) notes; typography and spacing do not count as a change."""
    old_keys = {_note_key(n) for n in old}
    new_keys = {_note_key(n) for n in new}
    added = [n for n in new if _note_key(n) not in old_keys]
    removed = [n for n in old if _note_key(n) not in new_keys]
    return _unique(added, _note_key), _unique(removed, _note_key)


def _note_key(note: str) -> str:
    """Alike for notes that sentence alignment would call "same", and across letter case."""
    return normalize_typography(note).casefold().strip(" .")


def _unique(items: Iterable[str], key: Callable[[str], str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        k = key(item)
        if k and k not in seen:
            seen.add(k)
            out.append(item)
    return out
