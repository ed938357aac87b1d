"""Name runs of one article: capitalised stretches of the narration cut into the names they hold
("Sen. Ted Cruz", "Sarah Isgur Flores"), and per surname the run that stands for the most
mentions."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tracker.analyze.people.first_names import FEMALE, MALE
from tracker.extract.places import is_place

_TITLE = (
    r"(?:Sen|Sens|Rep|Reps|Del|Gov|Lt|Gen|Col|Maj|Capt|Sgt|Dr|Mr|Mrs|Ms|Prof|Rev|Sec|Adm|Atty"
    r"|Pres|Amb|Brig|Msgr|Fr|Supt|Cmdr)\."
)
_CAP = r"(?:(?:[A-Z]\.)+|[A-Z][\w’'\-]*)"
_JOINER = r"(?:(?:de|van|von|bin|al|del|da|di|la|le)[ \t]+)"
_RUN = re.compile(rf"(?:{_TITLE}[ \t]+)*{_CAP}(?:[ \t]+{_JOINER}?(?:{_TITLE}|{_CAP}))*")
_UPPER = re.compile(r"[A-Z]")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_JOINERS = frozenset("de van von bin al del da di la le".split())
CAPWORD = re.compile(r"[A-Z][\w’'\-]*")
# `\b[a-z][\w’'-]*` written so the scan can jump from one lowercase letter to the next.
_LOWER_WORD = re.compile(r"[a-z](?<!\w[a-z])[\w’'-]*")
_LOWER_FORM = re.compile(r"[a-z][\w’'-]*")  # what a match of `_LOWER_WORD` is
_LOOKUPS = 64  # words `WrittenLowercase` looks for one by one before it lists them all
_QUOTES = ("’", "'")
NAME_WORDS = 8  # the most words a name run keeps, titles included ("Senate Minority Leader ...")
LEADING_STOP = frozenset(
    """But And Or So Yet Also Meanwhile However Still Later Earlier Then Now In On At For As When
    While After Before Asked This That The A An Last Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday If Although Though Because Since Until Even Just Only What Why How Where Who
    It We I You He She They His Her Their Our My There Here Some Many Both Each Every No With
    From By To Of Under Over During Despite Through According Former Democrat Republican
    Democratic About Between Among Against Without Unlike Like Behind Inside Toward Towards Upon
    Into Onto Via Per Amid Photo Photos Video Image Credit Caption Senators Sens. Reps.
    Representatives Governors Presidents Ministers Messrs. Drs.""".split()
)
PERSON_TITLES = frozenset(
    """Sen. Sens. Rep. Reps. Del. Gov. Lt. Gen. Col. Maj. Capt. Sgt. Dr. Mr. Mrs. Ms. Prof. Rev.
    Sec. Adm. Atty. Pres. Amb. Brig. Msgr. Fr. Supt. Cmdr. President Senator Secretary Leader
    Governor Speaker Chairman Chairwoman Judge Mayor Attorney Minister Director Ambassador
    Commissioner Representative Congressman Congresswoman Chancellor Pope Prince Princess King
    Queen Sheriff Spokesman Spokeswoman President-elect Vice Justice""".split()
)
NOT_PERSON = frozenset(
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
    Francisco Orleans Vegas Washington Studies Research Sciences Society Academy Museum Library
    Authority Corporation Industries Laboratory Laboratories Technologies Airlines Institution
    Organization Organisation Division Studios Records Exchange Reserve""".split()
)


@dataclass(frozen=True, slots=True)
class Run:
    """One name as written: where it starts, and its words (the last one bare of a possessive
    ending)."""

    start: int
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Surname:
    """The runs ending in one surname, ready for `NameBook.fullest`: where each starts, how
    many of the runs each covers, for each index the best run up to it, and one run per
    distinct form of the name (its earliest), so a name written a thousand times is compared
    once."""

    runs: Sequence[Run]
    starts: list[int]
    cover: list[int]
    leaders: list[int]
    ordered: bool
    forms: list[int]

    @classmethod
    def of(cls, runs: Sequence[Run]) -> Surname:
        starts = [run.start for run in runs]
        ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
        earliest: dict[tuple[str, ...], int] = {}
        for i, run in enumerate(runs):
            seen = earliest.get(run.words)
            if seen is None or run.start < runs[seen].start:
                earliest[run.words] = i
        table = cls(runs, starts, _cover_counts(runs), [], ordered, sorted(earliest.values()))
        best = -1
        for i in range(len(runs)):
            best = i if best < 0 or table.better(i, best) else best
            table.leaders.append(best)
        return table

    def better(self, i: int, j: int) -> bool:
        """Whether run `i` stands for more mentions than run `j` (more words on ties)."""
        return (self.cover[i], len(self.runs[i].words)) > (self.cover[j], len(self.runs[j].words))


def name_runs(masked: str) -> Iterator[Run]:
    """Every name run of the masked text, in text order."""
    lowercase = WrittenLowercase(masked, _LOWER_WORD, _written_lowercase)
    for m in _runs(masked):
        run = m.group()
        if " " in run or "\t" in run:  # words of a run are apart by spaces or tabs only
            yield from _pieces(run, m.start(), lowercase)


class WrittenLowercase:
    """Whether a text writes a word as one of `pattern`'s matches. The first words asked about
    are looked for where they are written (`written(text, word)`: a text is asked about a few
    words, and listing every match took longer); past `_LOOKUPS` words every match is listed
    once, so a long text asked about many words is still read in one pass."""

    __slots__ = ("_known", "_listed", "_pattern", "_text", "_written")

    def __init__(
        self, text: str, pattern: re.Pattern[str], written: Callable[[str, str], bool]
    ) -> None:
        self._text = text
        self._pattern = pattern
        self._written = written
        self._known: dict[str, bool] = {}
        self._listed: frozenset[str] | None = None

    def __call__(self, word: str) -> bool:
        if self._listed is None and word not in self._known and len(self._known) >= _LOOKUPS:
            self._listed = frozenset(self._pattern.findall(self._text))
        if self._listed is not None:
            return word in self._listed
        if word not in self._known:
            self._known[word] = self._written(self._text, word)
        return self._known[word]


def _written_lowercase(masked: str, word: str) -> bool:
    """Whether `word` is one of the text's `_LOWER_WORD` matches, looked for where it is
    written (a few words are asked about; listing every lowercase word took longer). A match
    starts at a lowercase letter after no word character, unless a match that started earlier
    in the same stretch of word characters, apostrophes and hyphens holds it ("and" in
    "rock-and-roll"), and runs to that stretch's end."""
    if not _LOWER_FORM.fullmatch(word):
        return False
    at = masked.find(word)
    while at >= 0:
        if not word_char(masked, at - 1) and not _in_word(masked, at + len(word)):
            stretch = at
            while _in_word(masked, stretch - 1):
                stretch -= 1
            if stretch == at or not _LOWER_WORD.search(masked, stretch, at):
                return True
        at = masked.find(word, at + 1)
    return False


def word_char(text: str, i: int) -> bool:
    """Whether a word character (regex `\\w`) stands at `i`; none does outside the text."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _in_word(text: str, i: int) -> bool:
    """Whether `[\\w’'-]` (a stretch of a `CAPWORD` or `_LOWER_WORD` match) matches the
    character at `i`."""
    return word_char(text, i) or 0 <= i < len(text) and text[i] in "’'-"


def _cover_counts(runs: Sequence[Run]) -> list[int]:
    """For each run, how many runs of the same surname use only its words (compared once per
    distinct form)."""
    counts = Counter(run.words for run in runs)
    sets = {words: frozenset(words) for words in counts}
    cover = {
        words: sum(n for other, n in counts.items() if sets[other] <= mine)
        for words, mine in sets.items()
    }
    return [cover[run.words] for run in runs]


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


def capitalised(masked: str, words: Collection[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) of each capitalised word of the text (a `CAPWORD` match) that is one
    of `words` once bare of a possessive ending, in text order. A few words are looked for
    where they are written; past `_LOOKUPS` words, in an index of every capitalised word."""
    if len(words) > _LOOKUPS:
        index = _capitalised(masked)
        found = [(*span, word) for word in index.keys() & words for span in index[word]]
    else:
        found = [(*span, word) for word in words for span in _written_capitalised(masked, word)]
    found.sort()
    return found


def _written_capitalised(masked: str, word: str) -> list[tuple[int, int]]:
    """Where `CAPWORD` matches a word that is `word` bare of a possessive ending. A match opens
    at the first capital A-Z of a stretch of `[\\w’'-]` characters and runs to the stretch's end
    ("McDonald’s" is one match, "Donald" none)."""
    if not "A" <= word[:1] <= "Z":
        return []
    out = []
    at = masked.find(word)
    while at >= 0:
        start = at
        while _in_word(masked, start - 1) and not "A" <= masked[start - 1] <= "Z":
            start -= 1
        if not _in_word(masked, start - 1):  # no capital before it in its stretch
            end = at + len(word)
            while _in_word(masked, end):
                end += 1
            if bare(masked[at:end]) == word:
                out.append((at, end))
        at = masked.find(word, at + 1)
    return out


@lru_cache(maxsize=4)  # a whole text, of any length: per_text keeps only short ones
def _capitalised(masked: str) -> Mapping[str, tuple[tuple[int, int], ...]]:
    """Where each capitalised word of the text stands (the `CAPWORD` matches, in text order),
    by the word bare of a possessive ending."""
    found: dict[str, list[tuple[int, int]]] = {}
    for m in CAPWORD.finditer(masked):
        word = m.group()
        if word[-1] in "’'s":  # else `bare` keeps the word as it is
            word = bare(word)
        found.setdefault(word, []).append(m.span())
    return {word: tuple(spans) for word, spans in found.items()}


def bare(word: str) -> str:
    """A word (no whitespace in it) without its possessive ending: "Cruz’s" -> "Cruz"."""
    if word.endswith(_QUOTES):
        return word[:-1]
    if word.endswith("s") and word[-2:-1] in _QUOTES:
        return word[:-2]
    return word


def _pieces(run: str, start: int, lowercase: Callable[[str], bool]) -> list[Run]:
    """Name runs inside one capitalised stretch of two words or more, cut at everyday words
    ("He", "The", "But")."""
    out: list[Run] = []
    split = run.split()
    words: list[str] = []
    starts: list[int] = []
    end = 0
    for word in split:
        at = run.index(word, end)
        end = at + len(word)
        if _breaks_run(word, lowercase if not words else None):
            out.extend(_run(words, starts))
            words, starts = [], []
        else:
            words.append(word)
            starts.append(start + at)
    out.extend(_run(words, starts))
    return out


def _breaks_run(word: str, lowercase: Callable[[str], bool] | None) -> bool:
    """Everyday words, shouted headings, places written as initials ("U.S.") and quoted
    words are not parts of a name; a person's initials ("J.J.") are. So is, with `lowercase`,
    a word the article also writes in lowercase."""
    breaks = _word_breaks(word)
    if breaks is None:
        return lowercase is not None and lowercase(word.lower())
    return breaks


@lru_cache(maxsize=4096)  # names repeat: a word is read once per article
def _word_breaks(word: str) -> bool | None:
    """`_breaks_run` as far as the word alone tells; None when the word breaks a run only if the
    article also writes it in lowercase."""
    if _INITIALS.fullmatch(word):
        return is_place(word)
    if word in LEADING_STOP or (word.isupper() and len(word) > 3):
        return True
    if word[0] in "'’" or word[-1] in "'’" and not word.endswith(("s’", "s'")):
        return True
    if word.lower() in _JOINERS or word in PERSON_TITLES:
        return False
    return None


def _run(words: list[str], starts: list[int]) -> list[Run]:
    """The name at the end of a stretch of words: its last `NAME_WORDS` at most (a longer
    stretch is titles and organisations before the name, or not a name at all)."""
    if len(words) < 2 or words[-1].lower() in _JOINERS:
        return []
    words, starts = words[-NAME_WORDS:], starts[-NAME_WORDS:]
    last = bare(words[-1])
    return [Run(starts[0], (*words[:-1], last))]


def is_person(words: Sequence[str]) -> bool:
    if words[-1] in NOT_PERSON or not words[-1][:1].isupper():
        return False
    if any(w in PERSON_TITLES for w in words[:-1]):
        return True
    if len(words) > 3 and (words[-2] in MALE or words[-2] in FEMALE):
        return words[-2] not in NOT_PERSON  # "Clinton Senior Adviser Sidney Blumenthal"
    if len(words) > 3 or any(w in NOT_PERSON for w in words):
        return False
    return True
