"""Names in one article: the fullest form of each person, and whom a pronoun or surname means.

Reads the article's text with its quotations masked out, so only the narration names people.
A person is a run of capitalised words with a title ("Sen. Ted Cruz"), a first and last name
("Sarah Isgur Flores"), or a named speaker (`_name_runs`). A pronoun means the most recent
person mentioned before it whose gender (from titles, "spokeswoman", and the pronouns that
follow the name) does not disagree with it (`_name_mentions`, `_name_gender`).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tracker.analyze.people.mentions import Mentions
from tracker.analyze.people.runs import (
    NOT_PERSON,
    PERSON_TITLES,
    Run,
    Surname,
    bare,
    is_person,
    name_runs,
)
from tracker.analyze.quotes.speakers import Attribution


@dataclass(slots=True)
class NameBook:
    """Every capitalised name run of one article, indexed by surname; and, built when a pronoun
    first needs it, every mention of a person by position."""

    runs: dict[str, list[Run]] = field(default_factory=dict)
    surnames: dict[str, Surname] = field(default_factory=dict)
    sentence_starts: list[int] = field(default_factory=list)
    masked: str = ""
    people: set[str] = field(default_factory=set)
    speakers: list[Attribution] = field(default_factory=list)
    mentions: Mentions | None = None

    @classmethod
    def build(
        cls, masked: str, speakers: Iterable[Attribution], sentence_starts: Sequence[int]
    ) -> NameBook:
        book = cls(sentence_starts=list(sentence_starts), masked=masked, speakers=list(speakers))
        for run in name_runs(masked):
            book.runs.setdefault(run.words[-1], []).append(run)
            if is_person(run.words):
                book.people.add(run.words[-1])
        book.people.update(bare(a.speaker.split()[-1]) for a in book.speakers if _named(a))
        return book

    def fullest(self, words: Sequence[str], position: int) -> str | None:
        """The name run before `position` (or at it) ending with `words` that stands for the
        most mentions ("Hillary Rodham Clinton" over a rarer "Bill Clinton"), longest on ties."""
        core = tuple(map(bare, words))
        runs = self.runs.get(core[-1], [])
        if core[-1] not in self.surnames:
            self.surnames[core[-1]] = Surname.of(runs)
        table = self.surnames[core[-1]]
        if len(core) == 1 and table.ordered:
            before = bisect.bisect_right(table.starts, position)
            best = table.leaders[before - 1] if before else -1
        else:
            best = -1
            for i, run in enumerate(runs):
                if run.start <= position and run.words[-len(core) :] == core:
                    best = i if best < 0 or table.better(i, best) else best
        return " ".join(runs[best].words) if best >= 0 else None

    def resolve(self, speaker: str, position: int) -> str:
        """The fullest name for a speaker phrase: pronouns and short names made whole."""
        if speaker.lower() in ("he", "she"):
            mentions = self._mentions()
            name = mentions.person_before(self.sentence_starts, position, speaker.lower())
            if name:
                mentions.said(position, name)
            return name or speaker
        words = speaker.split()
        core = [w for w in words if w not in PERSON_TITLES]
        if not core or not all(w[:1].isupper() for w in core) or len(core) > 2:
            return speaker
        full = self.fullest(core, position)
        return full if full and len(full.split()) > len(words) else speaker

    def _mentions(self) -> Mentions:
        """The mention index, built the first time a pronoun needs it."""
        if self.mentions is None:
            self.mentions = Mentions.index(
                self.masked, self.people, self.runs, self.fullest, self.speakers
            )
        return self.mentions


def _named(found: Attribution) -> bool:
    words = found.speaker.split()
    return all(w[:1].isupper() for w in words) and words[-1] not in NOT_PERSON
