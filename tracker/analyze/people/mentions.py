"""Every mention of a person in one article by position, and whom a pronoun means: the most
salient mention (a speaker, then a subject) in the nearest sentence before it naming a person
whose gender does not disagree."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from tracker.analyze.people.gender import gender_near, gender_of
from tracker.analyze.people.runs import CAPWORD, PERSON_TITLES, Run, bare
from tracker.analyze.quotes.speakers import Attribution

_PREPOSITIONS = frozenset(
    "in at of from to with by for on about against than into like over under after before".split()
)
_SENTENCE_REACH = 4
_SPEECH = (
    r"(?:said|says|told|tells|added|adds|wrote|writes|asked|explained|noted|argued|insisted"
    r"|warned|replied|responded|continued|recalled|acknowledged|tweeted|stated|declared)"
)
_SPEAKS_AFTER = re.compile(
    rf"(?:[’']s?)?(?:,[^,.;“”\"·]{{1,80}},)?\s+(?:(?:also|later|then|has|had|once)\s+)?{_SPEECH}\b"
)
_SPEAKS_BEFORE = re.compile(rf"\b(?:{_SPEECH}|according to)\s+(?:[A-Z][\w.’'-]*\s+){{0,4}}$")


@dataclass(slots=True)
class Mentions:
    """Where each person is mentioned (sorted), their genders, and which mentions are inside a
    speaker phrase or a "he said"."""

    masked: str
    mentions: list[tuple[int, str]] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)
    speaking: set[int] = field(default_factory=set)  # inside a speaker phrase, or a "he said"
    names_at: dict[int, tuple[int, bool]] = field(default_factory=dict)  # end, possessive
    ranks: dict[int, int] = field(default_factory=dict)  # `_rank` of a mention, once read

    @classmethod
    def index(
        cls,
        masked: str,
        people: set[str],
        runs: Mapping[str, Sequence[Run]],
        fullest: Callable[[Sequence[str], int], str | None],
        speakers: Iterable[Attribution],
    ) -> Mentions:
        """Every mention of a person, the genders, and the mentions inside speaker phrases."""
        found = cls(masked)
        found._index_names(people, fullest)
        found._index_roles(runs, fullest)
        found.mentions.sort()
        for a in speakers:
            lo = bisect.bisect_left(found.mentions, (a.position, ""))
            hi = bisect.bisect_left(found.mentions, (a.position + len(a.speaker), ""))
            found.speaking.update(at for at, _ in found.mentions[lo:hi])
        return found

    def _index_names(
        self, people: set[str], fullest: Callable[[Sequence[str], int], str | None]
    ) -> None:
        """Each capitalised word that is a known person's surname, as that person's fullest
        name; and the gender the hints around the mentions vote for."""
        masked = self.masked
        votes: dict[str, Counter[str]] = {}
        for m in CAPWORD.finditer(masked):
            word = bare(m.group())
            if word not in people:
                continue
            name = fullest((word,), m.start()) or word
            if name not in votes:
                votes[name] = Counter()
            hints = gender_near(masked, m.start(), m.end())
            if hints:
                votes[name].update(hints)
            self.mentions.append((m.start(), name))
            self.names_at[m.start()] = (m.end(), word != m.group())
        genders = {n: gender_of(n, c) for n, c in votes.items()}
        self.gender = {n: g for n, g in genders.items() if g}

    def _index_roles(
        self,
        runs: Mapping[str, Sequence[Run]],
        fullest: Callable[[Sequence[str], int], str | None],
    ) -> None:
        """ "the attorney general" as a mention of the one "Attorney General Jeff Stone"."""
        roles: dict[str, set[str]] = {}
        for same_surname in runs.values():
            for run in same_surname:
                if len(run.words) < 3:
                    continue
                title = [w for w in run.words[:-2] if w[:1].isupper() and not w.endswith(".")]
                if any(w in PERSON_TITLES for w in title):
                    roles.setdefault(" ".join(title).lower(), set()).add(" ".join(run.words))
        masked = self.masked
        for role, names in roles.items():
            if len(names) != 1:
                continue
            name = fullest(next(iter(names)).split()[-1:], len(masked)) or next(iter(names))
            self.mentions.extend((at, name) for at in _the_role(masked, role))

    def person_before(
        self, sentence_starts: Sequence[int], position: int, pronoun: str
    ) -> str | None:
        """The person a pronoun at `position` means: walking back sentence by sentence, the
        first-named person (the likely subject) of the nearest sentence naming one who fits."""
        want = "f" if pronoun == "she" else "m"
        k = bisect.bisect_right(sentence_starts, position) - 1
        end = position
        for start in reversed(sentence_starts[max(0, k - _SENTENCE_REACH) : k + 1]):
            lo = bisect.bisect_left(self.mentions, (start, ""))
            hi = bisect.bisect_left(self.mentions, (end, ""))
            fits = [(at, n) for at, n in self.mentions[lo:hi] if self.gender.get(n, want) == want]
            if fits:
                return min(fits, key=self._salience)[1]
            end = start
        return None

    def said(self, position: int, name: str) -> None:
        """Record that `name` spoke at `position` (a resolved "he said"), for later pronouns."""
        bisect.insort(self.mentions, (position, name))
        self.speaking.add(position)

    def _salience(self, mention: tuple[int, str]) -> tuple[int, int]:
        """Within one sentence: a speaker first, then the first-named; possessives and objects
        of prepositions last."""
        at = mention[0]
        if at in self.speaking:
            return 0, at
        if at not in self.ranks:
            self.ranks[at] = self._rank(at)
        return self.ranks[at], at

    def _rank(self, at: int) -> int:
        """0 for a name that is the subject or object of a speech verb, 2 for a possessive or
        the object of a preposition, 1 otherwise."""
        if at not in self.names_at:
            return 1
        end, possessive = self.names_at[at]
        if _speaks(self.masked, at, end):
            return 0
        return 2 if possessive or _after_preposition(self.masked, at) else 1


def _the_role(masked: str, role: str) -> Iterator[int]:
    """Where `\b[Tt]he {role}\b` matches in `masked`, one after another (as `re.finditer`)."""
    needle = f"he {role}"
    found = masked.find(needle, 1)
    while found >= 0:
        at, end = found - 1, found + len(needle)
        if masked[at] in "Tt" and _boundary(masked, at) and _boundary(masked, end):
            yield at
            found = masked.find(needle, end + 1)
        else:
            found = masked.find(needle, found + 1)


def _boundary(text: str, i: int) -> bool:
    """Regex `\b` at `i`: a word character on one side only."""
    before = i > 0 and _is_word(text[i - 1])
    return before != (i < len(text) and _is_word(text[i]))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _after_preposition(masked: str, start: int) -> bool:
    before = masked[max(0, start - 40) : start].split()
    while before and before[-1].lower() not in _PREPOSITIONS:
        if not (before[-1][:1].isupper() or before[-1] == "the"):
            break
        before.pop()
    return bool(before) and before[-1].lower() in _PREPOSITIONS


def _speaks(masked: str, start: int, end: int) -> bool:
    """Whether the name at [start, end) is the subject or object of a speech verb."""
    return bool(
        _SPEAKS_AFTER.match(masked, end) or _SPEAKS_BEFORE.search(masked, max(0, start - 80), start)
    )
