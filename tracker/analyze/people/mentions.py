"""Every mention of a person in one article by position, and whom a pronoun means: the most
salient mention (a speaker, then a subject) in the nearest sentence before it naming a person
whose gender does not disagree."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tracker.analyze.people.gender import gender_near, gender_of, name_gender, title_gender
from tracker.analyze.people.runs import LEADING_STOP, PERSON_TITLES, Run, bare, capitalised
from tracker.analyze.quotes.roles import descriptions, role_gender
from tracker.analyze.quotes.speakers import Attribution
from tracker.extract.places import is_place

_PREPOSITIONS = frozenset(
    "in at of from to with by for on about against than into like over under after before".split()
)
_SENTENCE_REACH = 4
_OTHER_NAME = re.compile(r"(?<![.!?”\"\n]\s)(?<!^)\b[A-Z][a-z][\w’'-]*(?:\s+[A-Z][\w’'-]+)*")
_PARAGRAPHS = 6  # line breaks a pronoun may be from the last quote's speaker it means
_GAP = 3000  # characters: past this, a pronoun does not reach back to the last quote
_SPEECH = (
    r"(?:said|says|told|tells|added|adds|wrote|writes|asked|explained|noted|argued|insisted"
    r"|warned|replied|responded|continued|recalled|acknowledged|tweeted|stated|declared)"
)
_SPEAKS_AFTER = re.compile(
    rf"(?:[’']s?)?(?:,[^,.;“”\"·]{{1,80}},)?\s+(?:(?:also|later|then|has|had|once)\s+)?{_SPEECH}\b"
)


def _word_opening(words: Sequence[str]) -> str:
    """`\\b(?:word|word...)` written to open with a class of the words' first letters (the word
    boundary checked behind that letter), so the regex engine skips to those letters at C
    speed; the words are tried in the order given."""
    firsts = "".join(dict.fromkeys(word[0] for word in words))
    tails = "|".join(f"(?<={re.escape(word[0])}){re.escape(word[1:])}" for word in words)
    return rf"[{firsts}](?<!\w[{firsts}])(?:{tails})"


_NAMES_BEFORE = r"\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}$"
# `(?:[,”"·—]\s*{_SPEECH}|\b[Aa]ccording to)`, opening with a class as `_word_opening` does.
_SAID_BEFORE = re.compile(
    rf"[,”\"·—Aa](?:(?<=[,”\"·—])\s*{_SPEECH}|(?<=[Aa])(?<!\w[Aa])ccording to){_NAMES_BEFORE}"
)
_OF_BEFORE = re.compile(
    _word_opening(("of", "for", "at", "from")) + r"[ \t]+(?:the[ \t]+)?(?:[A-Z][\w’'&-]*[ \t]+)*$"
)
_CLAUSE_END = re.compile(r"(?:[’']s?)?\s*(?:[,.;:—(]|$|\s+(?:of|from|in|at)\b)")
_MODIFIER_BEFORE = re.compile(r"\b(?:the|The|a|an)\s+$")
_TOLD_BEFORE = re.compile(
    _word_opening(("told", "tells", "asked", "asks", "interviewed", "thanked", "called"))
    + _NAMES_BEFORE
)
_SUBJECT_LEAD = re.compile(
    r"\s*(?:[A-Z][^,;:\n]{0,70},\s+)?(?:(?:And|But|So|Then|Still|Yet|Now)\s+)?"
    r"(?:(?:the|a|an|[A-Z]\w*[’']s)\s+[^,;:\n]{0,60},\s+)?(?:[A-Z][\w.’'-]*\s+)*"
)
_SUFFIXES = frozenset(("Jr", "Sr", "II", "III", "IV"))
_REPORTED_ASIDE = re.compile(rf"\s+(?:{_SPEECH}|reported|reports),")
_ASKED_LEAD = re.compile(r"\s*(?:Asked|Pressed|Questioned)\b[^.;:“”\"]*,\s*")
_BARE_SUBJECT = re.compile(
    r"\s*(?:(?:But|And|So|Yet|Then|Still)\s+)?([A-Z][a-z][a-z-]+)\s+(?:[a-z]+ly\s+)?"
    r"(?:[a-z]{3,}ed|admits|says|argues|insists|notes|adds|writes)\b"
)
_NOT_SUBJECTS = LEADING_STOP | frozenset(
    """The This That These Those It He She They We I You His Her Its Their Our One Many Some
    Most Officials Police Critics Others Republicans Democrats Voters Supporters Delegates
    Friends Prosecutors Asked Pressed Told""".split()
)
# `\b(?:[Hh]e|[Ss]he|His|Her)\b(?!-)`, written to open with its first letter (the word boundary
# before it checked behind that letter), so the scan skips every other character at C speed.
_PRONOUN = re.compile(r"[HhSs](?<!\w[HhSs])(?:(?<=[Hh])e|(?<=[Ss])he|(?<=H)is|(?<=H)er)\b(?!-)")
_PRONOUN_GENDER = {"he": "m", "his": "m", "she": "f", "her": "f"}
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+(?=[A-Z“\"·])|\n+")
_APPOSED_BEFORE = re.compile(r"[A-Z][\w.’'-]*[’']?,\s+$")
_APPOSED_AFTER = re.compile(r",?\s+(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]+\b")
_PREDICATE_BEFORE = re.compile(
    r"\b(?:is|was|are|were|be|been|being|became|becomes|become|remains|remained|as|named"
    r"|appointed|hired|like|than)\s+$|\b(?:[Hh]e|[Ss]he)[’']s\s+$"  # `She's a Sanders supporter`
)


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
    described: list[tuple[int, str]] = field(default_factory=list)  # unnamed person, gender
    key_gender: dict[str, str] = field(default_factory=dict)  # by `person_key`, when one
    pronouns: list[tuple[int, str]] = field(default_factory=list)  # the narration's he/she
    read: int = 0  # how many of `pronouns` are resolved (into `mentions`)
    spoken: list[tuple[int, str]] = field(default_factory=list)  # quote speakers, in order

    @classmethod
    def index(
        cls,
        masked: str,
        people: set[str],
        runs: Mapping[str, Sequence[Run]],
        fullest: Callable[[Sequence[str], int], str | None],
        speakers: Iterable[Attribution],
        role_person: Callable[[str, int], str | None],
        full_at: Mapping[int, str],
    ) -> Mentions:
        """Every mention of a person, the genders, and the mentions inside speaker phrases.
        `full_at` gives the whole name written at a surname's position ("George W. Bush")."""
        found = cls(masked)
        found._index_names(people, fullest, full_at)
        found._index_roles(runs, fullest)
        found._index_descriptions(role_person)
        found.mentions.sort()
        found.pronouns = [(m.start(), m.group().lower()) for m in _PRONOUN.finditer(masked)]
        for a in speakers:
            lo = bisect.bisect_left(found.mentions, (a.position, ""))
            hi = bisect.bisect_left(found.mentions, (a.position + len(a.speaker), ""))
            found.speaking.update(
                at
                for at, _ in found.mentions[lo:hi]
                if not found.names_at.get(at, (at, False))[1]  # not "Trump’s" in "Trump’s son"
            )
        return found

    def _index_names(
        self,
        people: set[str],
        fullest: Callable[[Sequence[str], int], str | None],
        full_at: Mapping[int, str],
    ) -> None:
        """Each capitalised word that is a known person's surname, as the name written there
        when it is whole, else that person's fullest name; and the gender the hints around the
        mentions vote for. A name after "the" modifies a noun ("the Clinton campaign")."""
        masked = self.masked
        votes: dict[str, Counter[str]] = {}
        decided: dict[str, bool] = {}  # whether the name alone tells the gender
        for start, end, word in capitalised(masked, people):
            if _MODIFIER_BEFORE.search(masked, max(0, start - 5), start):
                continue
            name = full_at.get(start) or fullest((word,), start) or word
            if name not in votes:
                votes[name] = Counter()
                decided[name] = name_gender(name) is not None
            hints = [] if decided[name] else gender_near(masked, start, end)
            if hints:
                votes[name].update(hints)  # read only when the name gives no gender
            self.mentions.append((start, name))
            self.names_at[start] = (end, end - start != len(word))
        genders = {n: gender_of(n, c) for n, c in votes.items()}
        self.gender = {n: g for n, g in genders.items() if g}
        by_key: dict[str, set[str]] = {}
        for n, g in self.gender.items():
            by_key.setdefault(person_key(n), set()).add(g)
        self.key_gender = {k: next(iter(g)) for k, g in by_key.items() if len(g) == 1}

    def _index_descriptions(self, role_person: Callable[[str, int], str | None]) -> None:
        """Each person the narration describes without a name ("a protest leader"): a mention of
        the named person when it is "the <role>" of exactly one, else an unnamed person."""
        masked = self.masked
        for start, end, role in descriptions(masked):
            if _APPOSED_BEFORE.search(masked, max(0, start - 60), start) or _APPOSED_AFTER.match(
                masked, end
            ):
                continue  # "Ann Cole, a lawyer," / "the lawyer, Ann Cole,": the name counts
            if _PREDICATE_BEFORE.search(masked, max(0, start - 30), start):
                continue  # "she was a lawyer": no one new
            if not (
                _SPEAKS_AFTER.match(masked, end)
                or _opens_clause(masked, _clause_start(masked, start), start)
            ):
                continue  # "hired a lawyer": in the background, not the one who speaks next
            if masked[start] in "Tt":
                name = role_person(role, start)  # "the lawyer": someone met before
                if name:
                    self.mentions.append((start, name))
            else:
                self.described.append((start, role_gender(role) or ""))
        self.described.sort()

    def _gender(self, name: str) -> str | None:
        return title_gender(name) or self.gender.get(name) or self.key_gender.get(person_key(name))

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
        """The person a pronoun at `position` means, or None when the text does not make it
        clear. The narration's own "he" and "she" before it are read first, in order, so a
        chain of them ("Mr. Lee spoke. He said... Later he added") keeps its person."""
        want = "f" if pronoun == "she" else "m"
        self._read_pronouns(sentence_starts, position)
        name = self._nearest(sentence_starts, position, want, False) or self._last_speaker(
            position, want
        )
        if self.read < len(self.pronouns) and self.pronouns[self.read][0] == position:
            self._read_one(name)
        return name

    def _last_speaker(self, position: int, want: str) -> str | None:
        """The last quote's speaker for a pronoun further on, when that speaker is known to be
        a `want` and no one who could also be one is mentioned in between (the article went
        on quoting the same person)."""
        before = [(at, name) for at, name in self.spoken[-4:] if at < position]
        if not before:
            return None
        at, name = before[-1]
        if position - at > _GAP or self._gender(name) != want:
            return None
        if self.masked.count("\n", at, position) > _PARAGRAPHS:
            return None
        if _OTHER_NAME.search(self.masked, at, position):
            return None  # `noted NBC’s Dante Chinni`: someone the index may not know
        lo = bisect.bisect_right(self.mentions, (at, "\uffff"))
        hi = bisect.bisect_left(self.mentions, (position, ""))
        for _, other in self.mentions[lo:hi]:
            if not same_person(other, name) and self._gender(other) in (None, want):
                return None
        lo = bisect.bisect_right(self.described, (at, "\uffff"))
        hi = bisect.bisect_left(self.described, (position, ""))
        if any(g in ("", want) for _, g in self.described[lo:hi]):
            return None
        return name

    def described_before(
        self, sentence_starts: Sequence[int], position: int, gender: str | None
    ) -> str | None:
        """The person "the senator" at `position` means: the only person of the nearest
        sentence that names one, if it names only one."""
        self._read_pronouns(sentence_starts, position)
        return self._nearest(sentence_starts, position, gender, True)

    def _read_pronouns(self, sentence_starts: Sequence[int], position: int) -> None:
        while self.read < len(self.pronouns) and self.pronouns[self.read][0] < position:
            at, word = self.pronouns[self.read]
            self._read_one(self._nearest(sentence_starts, at, _PRONOUN_GENDER[word], False))

    def _read_one(self, name: str | None) -> None:
        at, word = self.pronouns[self.read]
        self.read += 1
        if name:
            bisect.insort(self.mentions, (at, name))
            self.names_at[at] = (at + len(word), False)

    def _nearest(
        self, sentence_starts: Sequence[int], position: int, want: str | None, only: bool
    ) -> str | None:
        """Walking back sentence by sentence through the paragraph of `position` and the one
        before, the first sentence that names someone who fits decides: its most salient
        person (a speaker, then the subject) unless a described, unnamed person ("a protest
        leader") comes first or another person of the same standing competes; with `only`,
        its one person."""
        k = bisect.bisect_right(sentence_starts, position) - 1
        floor = self._paragraph_floor(position)
        end = position
        if k >= 0 and _ASKED_LEAD.fullmatch(self.masked, sentence_starts[k], end):
            end = sentence_starts[k]  # `Asked about Lee's plan, she replied`: she is not Lee
        for start in reversed(sentence_starts[max(0, k - _SENTENCE_REACH) : k + 1]):
            if end <= floor:
                break
            start = max(start, floor)
            if self._unknown_subject(start, end):
                return None  # `Cruz openly admitted …`: someone the index does not know
            found = self._candidates(start, end, want)
            if found and only:
                found = [c for c in found if self._salience((c[0], c[2]))[0] < 2]
                alone = bool(found) and all(same_person(c[2], found[0][2]) for c in found)
                return found[0][2] or None if alone else None
            if found:
                return self._decide(start, found)
            end = start
        return None

    def _unknown_subject(self, start: int, end: int) -> bool:
        """Whether the sentence in [start, end) opens with one capitalised word the index
        holds no person for, and a verb: a subject a later "he" may well mean."""
        found = _BARE_SUBJECT.match(self.masked, start, end)
        if found is None or found.group(1) in _NOT_SUBJECTS:
            return False
        word = found.group(1)
        if is_place(word) or (word.endswith("s") and not word.endswith("ss")):
            return False  # `Belgium failed to`, `Employees treated well stay`: no he
        at = found.start(1)
        i = bisect.bisect_left(self.mentions, (at, ""))
        return not (i < len(self.mentions) and self.mentions[i][0] == at)

    def _candidates(self, start: int, end: int, want: str | None) -> list[tuple[int, str, str]]:
        """(position, person key, name) of each person in [start, end) whose gender does not
        disagree; an unnamed described person has the name ""."""
        lo = bisect.bisect_left(self.mentions, (start, ""))
        hi = bisect.bisect_left(self.mentions, (end, ""))
        found = [
            (at, person_key(n), n)
            for at, n in self.mentions[lo:hi]
            if want is None or self._gender(n) in (None, want)
        ]
        lo = bisect.bisect_left(self.described, (start, ""))
        hi = bisect.bisect_left(self.described, (end, ""))
        found += [
            (at, f"#{at}", "") for at, g in self.described[lo:hi] if want is None or g in ("", want)
        ]
        return sorted(found)

    def _decide(self, start: int, found: Sequence[tuple[int, str, str]]) -> str | None:
        best = min(found, key=lambda c: self._salience((c[0], c[2])))
        if not best[2]:
            return None
        rank = self._salience((best[0], best[2]))[0]
        rivals = [
            c
            for c in found
            if not same_person(c[2], best[2]) and self._salience((c[0], c[2]))[0] == rank
        ]
        if rivals and rank > 0 and not _opens_clause(self.masked, start, best[0]):
            subject = [
                c
                for c in rivals
                if c[2] and _opens_clause(self.masked, start, c[0]) and not self._aside(c[0])
            ]
            if subject and all(same_person(c[2], subject[0][2]) for c in subject):
                best, rivals = subject[0], [best]  # `Like Lee, the former X customer, Hale …`
        if rivals and (rank == 0 or not _opens_clause(self.masked, start, best[0])):
            return None
        return best[2]

    def _aside(self, at: int) -> bool:
        """Whether the name at `at` only reports the sentence (`, The Post's Ann Lee reported,`)."""
        end = self.names_at.get(at, (at, False))[0]
        return _REPORTED_ASIDE.match(self.masked, end) is not None

    def _paragraph_floor(self, position: int) -> int:
        """Where the paragraph before the one holding `position` starts."""
        here = self.masked.rfind("\n", 0, position)
        if here < 0:
            return 0
        end = here  # the end of the paragraph before, blank lines and spaces left out
        while end > 0 and self.masked[end - 1] in "\n ":
            end -= 1
        return self.masked.rfind("\n", 0, end) + 1

    def said(self, position: int, name: str) -> None:
        """Record that `name` spoke at `position` (a quote's resolved speaker), for later
        pronouns."""
        bisect.insort(self.mentions, (position, name))
        self.speaking.add(position)
        self.spoken.append((position, name))

    def said_unnamed(self, position: int, gender: str | None) -> None:
        """Record that an unnamed person ("a senior official") spoke at `position`."""
        bisect.insort(self.described, (position, gender or ""))
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
        """0 for a name that is the subject of a speech verb, 2 for a possessive, the object of
        a preposition or of "told", 1 otherwise."""
        if at not in self.names_at:
            return 1
        end, possessive = self.names_at[at]
        if _OF_BEFORE.search(self.masked, max(0, at - 80), at):
            return 2  # `Lewis of the Center for Nonproliferation Studies wrote`: not Studies
        if _SPEAKS_AFTER.match(self.masked, end) or (
            _SAID_BEFORE.search(self.masked, max(0, at - 80), at)
            and _CLAUSE_END.match(self.masked, end)
        ):
            return 0
        if possessive or _after_preposition(self.masked, at):
            return 2
        return 2 if _TOLD_BEFORE.search(self.masked, max(0, at - 60), at) else 1


def speaks_after(masked: str, end: int) -> bool:
    """Whether the name ending at `end` is the subject of a speech verb ("Ann Lee, 45, said")."""
    return _SPEAKS_AFTER.match(masked, end) is not None


@lru_cache(maxsize=4096)  # the same pairs of names come up for each pronoun and quote
def same_person(a: str, b: str) -> bool:
    """Whether two forms of a name can be one person: the same surname, and the same given
    name when both give one ("Mr. Bush" and "George W. Bush", not "Jeb Bush" and "George W.
    Bush"); an unnamed person ("") is no one else."""
    if not a or not b:
        return a == b
    if person_key(a) != person_key(b):
        return False
    titles = title_gender(a), title_gender(b)
    if None not in titles and titles[0] != titles[1]:
        return False  # "Mr. Khan" and "Ms. Khan"
    first_a, first_b = _given(a), _given(b)
    return not first_a or not first_b or bool(first_a & first_b)


def _given(name: str) -> frozenset[str]:
    """The given names before the surname: the capitalised words after the last title or
    lowercase word, initials left out ("White House spokesman Josh Earnest" -> {"Josh"})."""
    words = [w for w in name.replace(",", " ").split() if w.rstrip(".") not in _SUFFIXES]
    out: list[str] = []
    for w in words[:-1]:
        if w in PERSON_TITLES or not w[:1].isupper():
            out = []
        elif not (len(w) <= 2 and w.endswith(".")):
            out.append(w)
    return frozenset(out)


@lru_cache(maxsize=4096)  # asked of each mention a pronoun weighs
def person_key(name: str) -> str:
    """One key for every form of one person's name: the surname ("Sen. Ann Lee" -> "lee")."""
    words = [w for w in name.replace(",", " ").split() if w.rstrip(".") not in _SUFFIXES]
    return bare(words[-1]).lower() if words else ""


def _clause_start(masked: str, at: int) -> int:
    """Where the sentence holding `at` starts (after the last sentence end or line break)."""
    ends = list(_SENTENCE_END.finditer(masked, max(0, at - 300), at))
    return ends[-1].end() if ends else max(0, at - 300)


def _opens_clause(masked: str, start: int, at: int) -> bool:
    """Whether the name at `at` is the subject its sentence opens with (after a lead-in
    phrase, a conjunction or a description in apposition)."""
    return _SUBJECT_LEAD.fullmatch(masked, start, at) is not None


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
