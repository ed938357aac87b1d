"""The unit of the fact ledger: one fact of one sentence."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.models import FactKind


@dataclass(frozen=True, slots=True)
class Atom:
    """One fact of a sentence. The same `key` in two versions is the same fact, however it is
    worded; the same `slot` with another key is that fact changed ("20 killed" -> "26 killed").
    `start`/`end` are offsets in the sentence's normal text; `about` says what the fact is
    about (what a number counts, a person's role)."""

    kind: FactKind
    key: str
    slot: str
    text: str
    start: int
    end: int
    about: str = ""
    weak: bool = False  # too vague to report on its own ("several", a lone "one")
