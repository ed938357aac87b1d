"""Names in one article: the fullest form of each person, and whom a pronoun or surname means.

Reads the article's text with its quotations masked out, so only the narration names people.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tracker.analyze.speakers import Attribution

_TITLE = r"(?:Sen|Rep|Gov|Lt|Gen|Col|Maj|Capt|Sgt|Dr|Mr|Mrs|Ms|Prof|Rev|Sec|Adm|Atty|Pres|Amb|Brig)\."
_CAP = r"(?:[A-Z]\.|[A-Z][\w’'\-]*)"
_RUN = re.compile(
    rf"(?:{_TITLE}\s+)*{_CAP}(?:\s+(?:(?:de|van|von|bin|al|del|da|di|la|le)\s+)?(?:{_TITLE}|{_CAP}))*"
)
_POSSESSIVE = re.compile(r"(?:[’']s?)$")
_LEADING_STOP = frozenset(
    """But And Or So Yet Also Meanwhile However Still Later Earlier Then Now In On At For As When
    While After Before Asked This That The A An Last Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday If Although Though Because Since Until Even Just Only What Why How Where Who
    It We I You He She They His Her Their Our My There Here Some Many Both Each Every No With
    From By To Of Under Over During Despite Through According""".split()
)
_PERSON_TITLES = frozenset(
    """Sen. Rep. Gov. Lt. Gen. Col. Maj. Capt. Sgt. Dr. Mr. Mrs. Ms. Prof. Rev. Sec. Adm. Atty.
    Pres. Amb. Brig. President Senator Secretary Leader Governor Speaker Chairman Chairwoman
    Judge Mayor Attorney Minister Director Ambassador Commissioner Representative Congressman
    Congresswoman Chancellor Pope Prince Princess King Queen Sheriff Spokesman
    Spokeswoman""".split()
)
_NOT_PERSON_LAST = frozenset(
    """Department House Committee Senate Congress Agency Times Post News Party Court Office
    Council Ministry Association University Institute Commission Bureau Administration Service
    Network Campaign Inc Corp Company Group Foundation Center Republicans Democrats Republican
    Democrat States Kingdom Union York Korea America Street Journal Press Journal Television
    Radio Club Fund Bank Board Force Army Navy Police Guard Airport Hospital School College
    Church Hall Square Park Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
_PRONOUN_REACH = 2500


@dataclass(frozen=True, slots=True)
class _Run:
    start: int
    words: tuple[str, ...]

    @property
    def surname(self) -> str:
        return self.words[-1]


@dataclass(slots=True)
class NameBook:
    """Every capitalised name run of one article, indexed by surname and by position."""

    runs: dict[str, list[_Run]] = field(default_factory=dict)
    mentions: list[tuple[int, str]] = field(default_factory=list)

    @classmethod
    def build(cls, masked: str, speakers: Iterable[Attribution]) -> NameBook:
        book = cls()
        for m in _RUN.finditer(masked):
            run = _clean_run(m.group().split(), m.start())
            if run:
                book.runs.setdefault(run.surname, []).append(run)
        people = {run.surname for runs in book.runs.values() for run in runs if _is_person(run)}
        people.update(_surname_of(a.speaker) for a in speakers if _is_named(a.speaker))
        for m in re.finditer(r"[A-Z][\w’'\-]*", masked):
            word = _POSSESSIVE.sub("", m.group())
            if word in people:
                book.mentions.append((m.start(), word))
        return book

    def fullest(self, words: Sequence[str], position: int) -> str | None:
        """The longest earlier name run ending with `words` (a surname, or first and last)."""
        core = tuple(_POSSESSIVE.sub("", w) for w in words)
        best: _Run | None = None
        for run in self.runs.get(core[-1], []):
            if run.start > position or run.words[-len(core) :] != core:
                continue
            if best is None or len(run.words) > len(best.words):
                best = run
        return " ".join(best.words) if best else None

    def person_before(self, position: int) -> str | None:
        """The person whose name was mentioned most recently before `position`."""
        i = bisect.bisect_left(self.mentions, (position, ""))
        if i == 0 or position - self.mentions[i - 1][0] > _PRONOUN_REACH:
            return None
        where, surname = self.mentions[i - 1]
        return self.fullest((surname,), where) or surname

    def resolve(self, speaker: str, position: int) -> str:
        """The fullest name for a speaker phrase: pronouns and short names made whole."""
        if speaker.lower() in ("he", "she"):
            return self.person_before(position) or speaker
        words = speaker.split()
        core = [w for w in words if w not in _PERSON_TITLES]
        if not core or not all(w[:1].isupper() for w in core) or len(core) > 2:
            return speaker
        full = self.fullest(core, position)
        return full if full and len(full.split()) > len(words) else speaker


def _clean_run(words: list[str], start: int) -> _Run | None:
    while words and words[0] in _LEADING_STOP:
        start += len(words[0]) + 1
        words = words[1:]
    if len(words) < 2:
        return None
    words[-1] = _POSSESSIVE.sub("", words[-1])
    return _Run(start, tuple(words))


def _is_person(run: _Run) -> bool:
    if run.surname in _NOT_PERSON_LAST or not run.surname[:1].isupper():
        return False
    return any(w in _PERSON_TITLES for w in run.words[:-1])


def _is_named(speaker: str) -> bool:
    words = speaker.split()
    return bool(words) and all(w[:1].isupper() for w in words) and words[-1] not in _NOT_PERSON_LAST


def _surname_of(speaker: str) -> str:
    return _POSSESSIVE.sub("", speaker.split()[-1])
