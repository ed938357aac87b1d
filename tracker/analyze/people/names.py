"""Names in one article: the fullest form of each person, and whom a pronoun or surname means.

Reads the article's text with its quotations masked out, so only the narration names people.
A person is a run of capitalised words with a title ("Sen. Ted Cruz"), a first and last name
("Sarah Isgur Flores"), or a named speaker (`_name_runs`). A pronoun means the most recent
person mentioned before it whose gender (from titles, "spokeswoman", and the pronouns that
follow the name) does not disagree with it (`_name_mentions`, `_name_gender`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from tracker.analyze.people.first_names import FEMALE, MALE
from tracker.analyze.people.gender import gender_near
from tracker.analyze.people.mentions import Mentions, same_person, speaks_after
from tracker.analyze.people.runs import (
    LEADING_STOP,
    NOT_PERSON,
    PERSON_TITLES,
    Run,
    Surname,
    WrittenLowercase,
    bare,
    capitalised,
    is_person,
    name_runs,
    word_char,
)
from tracker.analyze.quotes.bodies import (
    DOCUMENTS,
    body_before,
    definite_body,
    floor_before,
    is_body,
    issuer,
    named_body,
    owned,
    sentence_before,
    subject_at,
)
from tracker.analyze.quotes.roles import (
    OFFICES,
    PERSON_ROLES,
    TITLE_ROLES,
    definite_role,
    descriptions,
    named_roles,
    role_gender,
)
from tracker.analyze.quotes.speakers import Attribution
from tracker.analyze.quotes.speech_words import STOP_CAPS
from tracker.analyze.quotes.vet import vet

_APPOSED_ROLES = (
    "leader spokesman spokeswoman official lawyer member director president minister candidate "
    "adviser aide professor analyst founder chairman chairwoman executive activist resident "
    "student teacher doctor economist expert senator governor secretary ambassador head chief "
    "writer author researcher veteran supporter owner mother father son daughter wife husband "
    "friend"
).split()
_PERSON_AFTER = re.compile(
    r"(?:[’']s?)?,\s+(?:\d{1,3},|who\b|whose\b|(?:(?:a|an|the|his|her|[A-Z][\w.]*[’']s?)\s+)?"
    r"(?:[\w’'.-]+\s+){0,5}?(?:" + "|".join(_APPOSED_ROLES) + r")\b)"
)
_GIVEN = MALE | FEMALE
_NOT_LEADING = frozenset("His Her Its Their Our My The A An This That One".split())
_NOT_NAMES = STOP_CAPS | LEADING_STOP | frozenset(("He", "She", "They", "It", "We", "Who"))
_SINGLE_SPEAKER = re.compile(  # `\b[A-Z]`, the boundary checked behind the letter (a faster scan)
    r"([A-Z](?<!\w[A-Z])[a-z][\w’'-]+)(?:[’']s)?\s+(?:also\s+)?"
    r"(?:said|says|told|tells|added|wrote|argued|insisted|noted|explained|recalled)\b"
)
_SUFFIX = frozenset(("Jr", "Sr", "II", "III", "IV"))
_APPOSED = re.compile(r"[A-Z][\w.’'-]*,\s+$")
_PRONOUNS = frozenset("he she they it we i you who".split())
_HONORIFICS = frozenset(
    "Rabbi Pastor Imam Bishop Archbishop Cardinal Father Reverend Sheikh".split()
)
_TITLES_AND_HONORIFICS = PERSON_TITLES | _HONORIFICS
_REPLIES = frozenset("replied replies answered answers responded responds".split())
_NAME_WORDS = r"((?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w’'-]+)"
_ASKED = re.compile(rf"\basked\s+{_NAME_WORDS}\b|\b{_NAME_WORDS}\s+was\s+asked\b")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_CUE_BEFORE = re.compile(
    r"[,”\"]\s*(?:said|says|noted|notes|added|adds|wrote|writes|explained|argued|observed)\s+$"
)


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
    roles: list[tuple[int, str, str]] | None = None  # position, role noun, person key
    named: list[tuple[int, str, str]] = field(default_factory=list)  # `named_roles`, once
    canon: dict[str, str] = field(default_factory=dict)  # `canonical`, once per name
    surname_first: dict[str, dict[str, int]] | None = None  # first word -> 3-word name, start
    by_last: dict[str, list[str]] | None = None  # speaker phrases by their last word
    spoke: list[tuple[int, str]] = field(default_factory=list)  # every `said`, in order
    lowercase: WrittenLowercase | None = None  # `_written_lowercase`, made once

    @classmethod
    def build(
        cls, masked: str, speakers: Iterable[Attribution], sentence_starts: Sequence[int]
    ) -> NameBook:
        book = cls(sentence_starts=list(sentence_starts), masked=masked, speakers=list(speakers))
        book.named = list(named_roles(masked))
        maybe: set[str] = set()
        for run in name_runs(masked):
            book.runs.setdefault(run.words[-1], []).append(run)
            if is_person(run.words):
                if _evidently_person(masked, run):
                    book.people.add(run.words[-1])
                else:
                    maybe.add(run.words[-1])
        book.people.update(
            bare(a.speaker.split()[-1]) for a in book.speakers if _named(a) and vet(a.speaker)
        )  # not "Audiences" of `Audiences can expect him to`: no speaker, so no person
        book.people.update(
            bare(name.split()[-1]) for _, _, name in book.named if len(name.split()) > 1
        )
        book.people.update(_used_alone(masked, maybe - book.people))
        book.people.update(_speaking_alone(masked, book.people))
        return book

    def fullest(self, words: Sequence[str], position: int) -> str | None:
        """The name run before `position` (or at it) ending with `words` that stands for the
        most mentions ("Hillary Rodham Clinton" over a rarer "Bill Clinton"), longest on ties."""
        core = tuple(map(bare, words))
        table = self._surname(core[-1])
        runs = table.runs
        if len(core) == 1 and table.ordered:
            before = bisect.bisect_right(table.starts, position)
            best = table.leaders[before - 1] if before else -1
        else:
            best = -1
            for i in table.forms:
                run = runs[i]
                if run.start <= position and run.words[-len(core) :] == core:
                    best = i if best < 0 or table.better(i, best) else best
        found = " ".join(runs[best].words) if best >= 0 else None
        if len(core) == 1 and (
            found is None or all(w in PERSON_TITLES for w in runs[best].words[:-1])
        ):
            return self._surname_first(core, position) or found
        return found

    def _surname(self, surname: str) -> Surname:
        if surname not in self.surnames:
            self.surnames[surname] = Surname.of(self.runs.get(surname, []))
        return self.surnames[surname]

    def _surname_first(self, core: Sequence[str], position: int) -> str | None:
        """The one person's name run that starts with a family name ("Mr. Teo" for
        "Teo Soh Lung"), when no run ends with it."""
        if self.surname_first is None:
            self.surname_first = {}
            for same in self.runs.values():
                for run in same:
                    if len(run.words) == 3 and run.words[0] not in _GIVEN and is_person(run.words):
                        names = self.surname_first.setdefault(run.words[0], {})
                        name = " ".join(run.words)
                        names[name] = min(run.start, names.get(name, run.start))
        names = self.surname_first.get(core[0], {})
        found = [name for name, start in names.items() if start <= position]
        return found[0] if len(found) == 1 else None

    def resolve(self, speaker: str, position: int, cue: str = "") -> str | None:
        """The fullest name for a speaker phrase: pronouns, descriptions ("the lawyer") and
        short names made whole; None for a pronoun or description the text leaves unclear."""
        if speaker.lower() in ("he", "she"):
            asked = self._asked_before(position) if cue.split(" ")[0] in _REPLIES else None
            if asked:
                return asked
            return self._mentions().person_before(self.sentence_starts, position, speaker.lower())
        if speaker.lower() == "it":
            found = body_before(self.masked, position, self.sentence_starts)
            return self._body(found, position) if found else self._body_spoke(position)
        own = owned(speaker)
        if own:
            return self._owner(own[0], own[1], position)
        body = definite_body(speaker)
        if body in DOCUMENTS:
            found = issuer(self.masked, body, position)
            return self._body(found, position) if found else speaker
        if body:
            return named_body(self.masked, body, position) or speaker
        role = definite_role(speaker)
        if role:
            found = self._described_earlier(role, position) or self.role_person(role, position)
            if found or role in OFFICES:
                return found  # "the senator": only someone the article calls one
            return self._mentions().described_before(
                self.sentence_starts, position, role_gender(role)
            )
        words = speaker.split()
        core = [w for w in words if w not in PERSON_TITLES]
        if not core or not all(w[:1].isupper() for w in core) or len(core) > 2:
            return speaker
        full = self.fullest(core, position)
        return full if full and len(full.split()) > len(words) else speaker

    def _asked_before(self, position: int) -> str | None:
        """Who "he replied" means after a question: the one the sentence before says was
        asked ("A reporter asked Ann Lee how she felt." / "Lee was asked, “…?”")."""
        k = bisect.bisect_right(self.sentence_starts, position) - 1
        if k < 1 or "\n\n" in self.masked[self.sentence_starts[k - 1] : position].strip():
            return None
        asked = list(_ASKED.finditer(self.masked, self.sentence_starts[k - 1], position))
        last = asked[-1] if asked else None  # the last question before the reply
        words = (last.group(1) or last.group(2)).split() if last else []
        if not words or bare(words[-1]) not in self.people:
            return None
        return self.fullest([bare(w) for w in words], position) or " ".join(words)

    def _body_spoke(self, position: int) -> str | None:
        """The body that spoke last, in this paragraph or the one before (`“…,” the
        newspaper said. ¶ “…,” it added.`), when no person spoke after it."""
        floor = floor_before(self.masked, position)
        last = self.spoke[-1] if self.spoke else None
        if last is None or not floor <= last[0] < position:
            return None
        return last[1] if is_body(last[1]) else None

    def _owner(self, pronoun: str, thing: str, position: int) -> str | None:
        """ "his campaign" -> "Mr. Romney’s campaign"; "its statement" -> the body its sentence
        is about ("The Shafik campaign"); None when the owner is unclear."""
        if pronoun in ("his", "her"):
            who = "he" if pronoun == "his" else "she"
            name = self._mentions().person_before(self.sentence_starts, position, who)
            return f"{name}’s {thing}" if name else f"{pronoun} {thing}"
        if pronoun == "its":
            subject = subject_at(sentence_before(self.masked, position))
            return self._body(subject, position) if subject else None
        return None

    def _body(self, subject: str, position: int) -> str:
        """A body as the article names it: "the ministry" -> "Ministry of Home Affairs"."""
        noun = definite_body(subject)
        return (named_body(self.masked, noun, position) if noun else None) or subject

    def canonical(self, name: str) -> str:
        """The fullest form the article gives a named speaker ("Sen. John Smith" for "Mr. Smith",
        "Smith" or "John Smith of Ohio"), when every run of that surname that fits is one person;
        a description ("a senior official") stays as written."""
        if name not in self.canon:
            self.canon[name] = self._canonical(name)
        return self.canon[name]

    def _canonical(self, name: str) -> str:
        if name.split()[-1][:1].islower():
            return name  # "Mr. Romney’s campaign", "a senior official"
        words = [w for w in name.split() if w[:1].isupper() and w.rstrip(".,") not in _SUFFIX]
        if not words or words[-1] in PERSON_TITLES:
            return name
        table = self._surname(bare(words[-1]))
        forms = (table.runs[i] for i in table.forms)
        fits = [
            (run.start, _person_words(run.words, self._written_lowercase, self._after_of(run)))
            for run in forms
            if is_person(run.words) and same_person(" ".join(run.words), name)
        ]
        given = {g for g in (_given_name(w) for _, w in fits) if g}
        if not fits or len(given) > 1:
            return name
        best = max(fits, key=lambda r: (len(r[1]), -r[0]))[1]
        if _given_name(best) is None and len(words) > len(best):
            return name
        return self._with_role(" ".join(best))

    def _after_of(self, run: Run) -> bool:
        """Whether the run follows "of", as a title's last word does ("Chief of Staff")."""
        return self.masked[max(0, run.start - 3) : run.start] == "of "

    def _written_lowercase(self, word: str) -> bool:
        """Whether the article writes `word` (a lowercase word) as a word of its own."""
        if self.lowercase is None:
            self.lowercase = WrittenLowercase(self.masked, _LOWER_WORD, _written_lowercase)
        return self.lowercase(word)

    def _with_role(self, name: str) -> str:
        """A speaker phrase that writes `name` with a role before it ("Kremlin spokesman Dmitri
        Peskov"), when the article gives one; else `name`."""
        if self.by_last is None:
            self.by_last = {}
            for a in self.speakers:
                for last in a.speaker.split()[-1:]:
                    self.by_last.setdefault(last, []).append(a.speaker)
        longer = [
            speaker
            for speaker in self.by_last.get(name.split()[-1], [])
            if speaker.endswith(name)
            and len(speaker) > len(name)
            and speaker[:1].isupper()
            and speaker.split()[0] not in _NOT_LEADING
            and len(_person_words(speaker.split(), self._written_lowercase)) == len(speaker.split())
        ]
        return max(longer, key=len) if longer else name

    def said(self, position: int, name: str) -> None:
        """Record that `name` spoke at `position`, for the pronouns after it: a person by name,
        or an unnamed one ("a senior official") that no pronoun after it may skip."""
        self.spoke.append((position, name))
        mentions = self._mentions()
        if any(w[:1].isupper() for w in name.split()[1:]) or name[:1].isupper():
            if name.split()[0].lower() not in ("a", "an", "one", "the"):
                mentions.said(position, name)
                return
        if name.split()[-1] in PERSON_ROLES:
            mentions.said_unnamed(position, role_gender(name.split()[-1]))

    def _mentions(self) -> Mentions:
        """The mention index, built the first time a pronoun needs it."""
        if self.mentions is None:
            self.mentions = Mentions.index(
                self.masked,
                self.people,
                self.runs,
                self.fullest,
                self.speakers,
                self.role_person,
                self._full_at(),
            )
        return self.mentions

    def _full_at(self) -> dict[int, str]:
        """The whole name ending at each surname's position, when it has a given name."""
        out: dict[int, str] = {}
        for same in self.runs.values():
            for run in same:
                core = [w for w in run.words if w not in PERSON_TITLES]
                if len(core) >= 2 and is_person(run.words):
                    at = self.masked.find(run.words[-1], run.start)
                    out[at] = " ".join(run.words)
        return out

    def role_person(self, role: str, position: int) -> str | None:
        """The one named person the article ties to `role` before `position` ("Gov. Ann Lee"
        for "the governor"), or None when it ties none or several."""
        if self.roles is None:
            self.roles = self._role_table()
        keys = {key for at, r, key in self.roles if r == role and at < position}
        if len(keys) != 1:
            return None
        key = keys.pop()
        runs = self.runs.get(key, [])
        surname = runs[0].words[-1] if runs else key
        return self.fullest((surname,), position)

    def _role_table(self) -> list[tuple[int, str, str]]:
        table = [(at, role, bare(name.split()[-1])) for at, role, name in self.named]
        for same in self.runs.values():
            for run in same:
                table += [
                    (run.start, TITLE_ROLES[w], run.words[-1])
                    for w in run.words[:-1]
                    if w in TITLE_ROLES
                ]
        return [(at, role, key) for at, role, key in table if key in self.people]

    def _described_earlier(self, role: str, position: int) -> str | None:
        """ "the organizer" after "an organizer at a field office" in the paragraph before or
        "a senior official said": that same unnamed person, as first described."""
        for a in reversed(self.speakers):
            words = a.speaker.split()
            if a.position < position and words[0].lower() in ("a", "an", "one"):
                if words[-1] == role:
                    return a.speaker
        floor = self.masked.rfind("\n", 0, self.masked.rfind("\n", 0, position) - 1) + 1
        for start, end, found in descriptions(self.masked, floor, position):
            head = self.masked[start:end]
            apposed = _APPOSED.search(self.masked, max(0, start - 40), start)
            if found == role and head[:1] in "Aa" and not apposed:
                return head
        return None


def _named(found: Attribution) -> bool:
    words = found.speaker.split()
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return False
    return all(w[:1].isupper() for w in words) and words[-1] not in NOT_PERSON


def _person_words(
    words: Sequence[str], lowercase: Callable[[str], bool], after_of: bool = False
) -> Sequence[str]:
    """A name run without one capitalised word before a given name that is no title but a word
    the article also writes in lowercase, or a role: an adjective or role noun that only the
    sentence's start capitalised ("Rival Ann Lee", "Comedian Ann Lee" -> "Ann Lee"); or the end
    of a title the run was cut from ("Secretary of State Ann Lee" gives "State Ann Lee")."""
    if len(words) >= 3 and words[0].endswith(("’s", "'s")) and words[1][:1].isupper():
        return words[1:]  # "NBC’s Dante Chinni": the owner is no part of the name
    if len(words) < 3 or words[0] in _TITLES_AND_HONORIFICS or words[0] in _GIVEN:
        return words
    if words[1] not in _GIVEN:
        return words
    low = words[0].lower()
    return words[1:] if after_of or lowercase(low) or low in PERSON_ROLES else words


def _written_lowercase(masked: str, word: str) -> bool:
    """Whether `word` is one of the text's `_LOWER_WORD` matches (a whole word of letters a-z),
    looked for where it is written."""
    if not (word.isascii() and word.isalpha() and word.islower()):
        return False
    at = masked.find(word)
    while at >= 0:
        end = at + len(word)
        if not word_char(masked, at - 1) and not word_char(masked, end):
            return True
        at = masked.find(word, at + 1)
    return False


def _given_name(words: Sequence[str]) -> str | None:
    core = [w for w in words if w not in PERSON_TITLES and w.rstrip(".,") not in _SUFFIX]
    return core[0] if len(core) > 1 else None


def _evidently_person(masked: str, run: Run) -> bool:
    """A name run that can only be a person's: a title or a common given name in it, an age,
    "who" or a role in apposition after it."""
    words = run.words
    if any(w in PERSON_TITLES for w in words[:-1]) or any(w in _GIVEN for w in words[:-1]):
        return True  # "Secretary of State Hillary Clinton" gives the run "State Hillary Clinton"
    if _CUE_BEFORE.search(masked, max(0, run.start - 30), run.start):
        return True  # `…, noted NBC’s Dante Chinni.`: the subject of an inverted speech verb
    end = masked.find(words[-1], run.start) + len(words[-1])
    return _PERSON_AFTER.match(masked, end) is not None or speaks_after(masked, end)


def _speaking_alone(masked: str, known: set[str]) -> set[str]:
    """Single names that speak and are then "he" or "she" ("Ginsburg said in an interview
    that she ..."), as a person's surname is and a wire service's name is not."""
    out: set[str] = set()
    for m in _SINGLE_SPEAKER.finditer(masked):
        word = m.group(1)
        if word in known or word in out or word in NOT_PERSON or word in _NOT_NAMES:
            continue
        before = masked[max(0, m.start() - 25) : m.start()].split()
        if before and before[-1][:1].isupper() and not before[-1].endswith((".", ",")):
            continue  # part of a longer name
        if gender_near(masked, m.start(1), m.end(1)):
            out.add(word)
    return out


def _used_alone(masked: str, surnames: set[str]) -> set[str]:
    """The surnames the narration also uses alone ("Tsipras said"), as it does a person's and
    not a place's ("Santa Monica") or a body's ("the Brotherhood")."""
    if not surnames:
        return set()
    return {word for at, end, word in capitalised(masked, surnames) if _alone(masked, at, end)}


def _alone(masked: str, start: int, end: int) -> bool:
    """Whether the capitalised word at [start, end) stands alone, no capitalised word beside
    it and no "the" or "of" before it."""
    before = masked[max(0, start - 30) : start].split()
    after = masked[end : end + 30].split()
    if before and (before[-1][:1].isupper() or before[-1] in ("the", "of")):
        return False
    return not (after and after[0][:1].isupper())
