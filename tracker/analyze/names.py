"""Names in one article: the fullest form of each person, and whom a pronoun or surname means.

Reads the article's text with its quotations masked out, so only the narration names people.
A person is a run of capitalised words with a title ("Sen. Ted Cruz"), a first and last name
("Sarah Isgur Flores"), or a named speaker. A pronoun means the most recent person mentioned
before it whose gender (from titles, "spokeswoman", and the pronouns that follow the name) does
not disagree with it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from tracker.analyze._first_names import FEMALE, MALE
from tracker.analyze.speakers import Attribution

_TITLE = (
    r"(?:Sen|Sens|Rep|Reps|Del|Gov|Lt|Gen|Col|Maj|Capt|Sgt|Dr|Mr|Mrs|Ms|Prof|Rev|Sec|Adm|Atty"
    r"|Pres|Amb|Brig|Msgr|Fr|Supt|Cmdr)\."
)
_CAP = r"(?:[A-Z]\.|[A-Z][\w’'\-]*)"
_RUN = re.compile(
    rf"(?:{_TITLE}\s+)*{_CAP}(?:\s+(?:(?:de|van|von|bin|al|del|da|di|la|le)\s+)?(?:{_TITLE}|{_CAP}))*"
)
_UPPER = re.compile(r"[A-Z]")
_JOINERS = frozenset("de van von bin al del da di la le".split())
_CAPWORD = re.compile(r"[A-Z][\w’'\-]*")
# `\b[a-z][\w’'-]*` written so the scan can jump from one lowercase letter to the next.
_LOWER_WORD = re.compile(r"[a-z](?<!\w[a-z])[\w’'-]*")
_QUOTES = ("’", "'")
_NOTHING: frozenset[str] = frozenset()
_GENDERED = re.compile(
    r"\b(?:(?P<f>she|her|hers|herself|Mrs|Ms|Miss|spokeswoman|congresswoman|chairwoman"
    r"|businesswoman)|(?P<m>he|his|him|himself|Mr|spokesman|congressman|chairman"
    r"|businessman))\b"
)
_LEADING_STOP = frozenset(
    """But And Or So Yet Also Meanwhile However Still Later Earlier Then Now In On At For As When
    While After Before Asked This That The A An Last Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday If Although Though Because Since Until Even Just Only What Why How Where Who
    It We I You He She They His Her Their Our My There Here Some Many Both Each Every No With
    From By To Of Under Over During Despite Through According Former Democrat Republican
    Democratic About Between Among Against Without Unlike Like Behind Inside Toward Towards Upon
    Into Onto Via Per Amid""".split()
)
_PERSON_TITLES = frozenset(
    """Sen. Sens. Rep. Reps. Del. Gov. Lt. Gen. Col. Maj. Capt. Sgt. Dr. Mr. Mrs. Ms. Prof. Rev.
    Sec. Adm. Atty. Pres. Amb. Brig. Msgr. Fr. Supt. Cmdr. President Senator Secretary Leader
    Governor Speaker Chairman Chairwoman Judge Mayor Attorney Minister Director Ambassador
    Commissioner Representative Congressman Congresswoman Chancellor Pope Prince Princess King
    Queen Sheriff Spokesman Spokeswoman President-elect Vice""".split()
)
_NOT_PERSON = frozenset(
    """Department House Committee Senate Congress Agency Times Post News Party Court Office
    Council Ministry Association University Institute Commission Bureau Administration Service
    Network Campaign Inc Corp Company Group Foundation Center Republicans Democrats Republican
    Democrat States Kingdom Union York Korea America Street Journal Press Television Radio Club
    Fund Bank Board Force Army Navy Police Guard Airport Hospital School College Church Hall
    Square Park Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December County City Island Islands
    Valley River Lake Beach Coast Act Bill Law Day Week Year Street Avenue Road Affairs Security
    Republic Federation Nations Council Conference Convention Trust Coalition Alliance Project
    Program Initiative Center Centre Media Magazine Review Tribune Herald Daily Weekly Group
    Capital Partners Holdings International National Federal General Medical Health Care Energy
    Obamacare Twitter Facebook Google Apple White North South East West Mexico China Russia
    Iran Iraq Syria Israel Europe Africa Asia Carolina Dakota Virginia Jersey Hampshire Angeles
    Francisco Orleans Vegas Washington""".split()
)
_AFTER_PRONOUN = re.compile(r"\b(?:he|she)\b")
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


@dataclass(frozen=True, slots=True)
class _Run:
    start: int
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Surname:
    """The runs ending in one surname, ready for `NameBook.fullest`: where each starts, how
    many of the runs each covers, and for each index the best run up to it."""

    runs: Sequence[_Run]
    starts: list[int]
    cover: list[int]
    leaders: list[int]
    ordered: bool

    @classmethod
    def of(cls, runs: Sequence[_Run]) -> _Surname:
        starts = [run.start for run in runs]
        ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
        table = cls(runs, starts, _cover_counts(runs), [], ordered)
        best = -1
        for i in range(len(runs)):
            best = i if best < 0 or table.better(i, best) else best
            table.leaders.append(best)
        return table

    def better(self, i: int, j: int) -> bool:
        """Whether run `i` stands for more mentions than run `j` (more words on ties)."""
        return (self.cover[i], len(self.runs[i].words)) > (self.cover[j], len(self.runs[j].words))


@dataclass(slots=True)
class NameBook:
    """Every capitalised name run of one article, indexed by surname; and, built when a pronoun
    first needs it, every mention of a person by position."""

    runs: dict[str, list[_Run]] = field(default_factory=dict)
    surnames: dict[str, _Surname] = field(default_factory=dict)
    sentence_starts: list[int] = field(default_factory=list)
    masked: str = ""
    people: set[str] = field(default_factory=set)
    speakers: list[Attribution] = field(default_factory=list)
    indexed: bool = False
    mentions: list[tuple[int, str]] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)
    speaking: set[int] = field(default_factory=set)  # inside a speaker phrase, or a "he said"
    names_at: dict[int, tuple[int, bool]] = field(default_factory=dict)  # end, possessive
    ranks: dict[int, int] = field(default_factory=dict)  # `_rank` of a mention, once read

    @classmethod
    def build(
        cls, masked: str, speakers: Iterable[Attribution], sentence_starts: Sequence[int]
    ) -> NameBook:
        book = cls(sentence_starts=list(sentence_starts), masked=masked, speakers=list(speakers))
        common = set(_LOWER_WORD.findall(masked))
        for m in _runs(masked):
            for run in _pieces(m.group(), m.start(), common):
                book.runs.setdefault(run.words[-1], []).append(run)
                if _is_person(run.words):
                    book.people.add(run.words[-1])
        book.people.update(_bare(a.speaker.split()[-1]) for a in book.speakers if _named(a))
        return book

    def _index(self) -> None:
        """Every mention of a person, the genders, and the mentions inside speaker phrases."""
        if self.indexed:
            return
        self.indexed = True
        self._index_mentions(self.masked, self.people)
        for a in self.speakers:
            lo = bisect.bisect_left(self.mentions, (a.position, ""))
            hi = bisect.bisect_left(self.mentions, (a.position + len(a.speaker), ""))
            self.speaking.update(at for at, _ in self.mentions[lo:hi])

    def _index_mentions(self, masked: str, people: set[str]) -> None:
        votes: dict[str, Counter[str]] = {}
        for m in _CAPWORD.finditer(masked):
            word = _bare(m.group())
            if word not in people:
                continue
            name = self.fullest((word,), m.start()) or word
            if name not in votes:
                votes[name] = Counter()
            hints = _gender_near(masked, m.start(), m.end())
            if hints:
                votes[name].update(hints)
            self.mentions.append((m.start(), name))
            self.names_at[m.start()] = (m.end(), word != m.group())
        genders = {n: _gender_of(n, c) for n, c in votes.items()}
        self.gender = {n: g for n, g in genders.items() if g}
        self._index_roles(masked)
        self.mentions.sort()

    def _index_roles(self, masked: str) -> None:
        """ "the attorney general" as a mention of the one "Attorney General Jeff Stone"."""
        roles: dict[str, set[str]] = {}
        for runs in self.runs.values():
            for run in runs:
                if len(run.words) < 3:
                    continue
                title = [w for w in run.words[:-2] if w[:1].isupper() and not w.endswith(".")]
                if any(w in _PERSON_TITLES for w in title):
                    roles.setdefault(" ".join(title).lower(), set()).add(" ".join(run.words))
        for role, names in roles.items():
            if len(names) != 1:
                continue
            name = self.fullest(next(iter(names)).split()[-1:], len(masked)) or next(iter(names))
            self.mentions.extend((at, name) for at in _the_role(masked, role))

    def fullest(self, words: Sequence[str], position: int) -> str | None:
        """The name run before `position` (or at it) ending with `words` that stands for the
        most mentions ("Hillary Rodham Clinton" over a rarer "Bill Clinton"), longest on ties."""
        core = tuple(map(_bare, words))
        runs = self.runs.get(core[-1], [])
        if core[-1] not in self.surnames:
            self.surnames[core[-1]] = _Surname.of(runs)
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

    def person_before(self, position: int, pronoun: str) -> str | None:
        """The person a pronoun at `position` means: walking back sentence by sentence, the
        first-named person (the likely subject) of the nearest sentence naming one who fits."""
        self._index()
        want = "f" if pronoun == "she" else "m"
        k = bisect.bisect_right(self.sentence_starts, position) - 1
        end = position
        for start in reversed(self.sentence_starts[max(0, k - _SENTENCE_REACH) : k + 1]):
            lo = bisect.bisect_left(self.mentions, (start, ""))
            hi = bisect.bisect_left(self.mentions, (end, ""))
            fits = [(at, n) for at, n in self.mentions[lo:hi] if self.gender.get(n, want) == want]
            if fits:
                return min(fits, key=self._salience)[1]
            end = start
        return None

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

    def said(self, position: int, name: str) -> None:
        """Record that `name` spoke at `position` (a resolved "he said"), for later pronouns."""
        self._index()
        bisect.insort(self.mentions, (position, name))
        self.speaking.add(position)

    def resolve(self, speaker: str, position: int) -> str:
        """The fullest name for a speaker phrase: pronouns and short names made whole."""
        if speaker.lower() in ("he", "she"):
            name = self.person_before(position, speaker.lower())
            if name:
                self.said(position, name)
            return name or speaker
        words = speaker.split()
        core = [w for w in words if w not in _PERSON_TITLES]
        if not core or not all(w[:1].isupper() for w in core) or len(core) > 2:
            return speaker
        full = self.fullest(core, position)
        return full if full and len(full.split()) > len(words) else speaker


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


def _cover_counts(runs: Sequence[_Run]) -> list[int]:
    """For each run, how many runs of the same surname use only its words."""
    sets = [frozenset(r.words) for r in runs]
    return [sum(1 for other in sets if other <= mine) for mine in sets]


def _speaks(masked: str, start: int, end: int) -> bool:
    """Whether the name at [start, end) is the subject or object of a speech verb."""
    return bool(
        _SPEAKS_AFTER.match(masked, end) or _SPEAKS_BEFORE.search(masked, max(0, start - 80), start)
    )


def _gender_of(name: str, votes: Counter[str]) -> str | None:
    """A given name decides; otherwise titles, role nouns and the pronouns near the name."""
    words = [w for w in name.split() if w not in _PERSON_TITLES and not w.endswith(".")]
    if len(words) >= 2 and words[0] in MALE:
        return "m"
    if len(words) >= 2 and words[0] in FEMALE:
        return "f"
    return votes.most_common(1)[0][0] if votes else None


def _runs(masked: str) -> Iterator[re.Match[str]]:
    """`_RUN.finditer(masked)`, trying the pattern only where a capital letter starts."""
    pos = 0
    while capital := _UPPER.search(masked, pos):
        found = _RUN.match(masked, capital.start())
        if found:
            yield found
            pos = found.end()
        else:
            pos = capital.start() + 1


def _bare(word: str) -> str:
    """A word (no whitespace in it) without its possessive ending: "Cruz’s" -> "Cruz"."""
    if word.endswith(_QUOTES):
        return word[:-1]
    if word.endswith("s") and word[-2:-1] in _QUOTES:
        return word[:-2]
    return word


def _pieces(run: str, start: int, common: Collection[str]) -> list[_Run]:
    """Name runs inside one capitalised stretch, cut at everyday words ("He", "The", "But")."""
    out: list[_Run] = []
    split = run.split()
    if len(split) < 2:
        return out
    words: list[str] = []
    at = start
    end = 0
    for word in split:
        end = run.index(word, end) + len(word)
        if _breaks_run(word, common if not words else _NOTHING):
            out.extend(_run(words, at))
            words, at = [], start + end + 1
        else:
            words.append(word)
    out.extend(_run(words, at))
    return out


def _breaks_run(word: str, common: Collection[str]) -> bool:
    """Everyday words, shouted headings and quoted words are not parts of a name."""
    if word in _LEADING_STOP or (word.isupper() and len(word) > 3):
        return True
    if word[0] in "'’" or word[-1] in "'’" and not word.endswith(("s’", "s'")):
        return True
    return word.lower() in common and word.lower() not in _JOINERS and word not in _PERSON_TITLES


def _run(words: list[str], start: int) -> list[_Run]:
    if len(words) < 2 or words[-1].lower() in _JOINERS:
        return []
    last = _bare(words[-1])
    return [_Run(start, (*words[:-1], last))]


def _is_person(words: Sequence[str]) -> bool:
    if words[-1] in _NOT_PERSON or not words[-1][:1].isupper():
        return False
    if any(w in _PERSON_TITLES for w in words[:-1]):
        return True
    if len(words) > 3 or any(w in _NOT_PERSON for w in words):
        return False
    return True


def _named(found: Attribution) -> bool:
    words = found.speaker.split()
    return all(w[:1].isupper() for w in words) and words[-1] not in _NOT_PERSON


def _gender_near(masked: str, start: int, end: int) -> list[str]:
    """Gender hints around one mention: a title or role before it, the next pronoun after it."""
    out = []
    before = _GENDERED.search(masked, max(0, start - 14), start)
    if before and not before.group().islower() or before and before.group()[-3:] == "man":
        out.append("f" if before.group("f") else "m")
    window = masked[end : end + 60].split(".", 1)[0]
    after = _AFTER_PRONOUN.search(window)
    if after and not _CAPWORD.search(window, 1, after.start()):
        out.append("f" if after.group() == "she" else "m")
    return out
