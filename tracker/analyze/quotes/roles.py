"""People named by what they are: "a protest leader", "the lawyer", "the spokeswoman". A
definite description ("the lawyer said") points back to someone the article introduced; it means
a named person only when the article ties exactly one name to that role ("Mr. Hale's lawyer,
Ann Cole," / "lawyer Ann Cole" / "Ann Cole, a lawyer for" / "Gov. Ann Cole" for "the
governor")."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Collection, Iterator
from functools import lru_cache

PERSON_ROLES = frozenset(
    """spokesman spokeswoman spokesperson official aide adviser advisor lawyer attorney judge
    leader protester demonstrator activist student teacher doctor resident witness man woman
    boy girl father mother son daughter wife husband friend neighbor neighbour analyst expert
    professor economist strategist pollster executive founder chairman chairwoman director
    president senator governor congressman congresswoman representative minister secretary
    mayor candidate nominee voter diplomat researcher scientist worker soldier officer
    policeman farmer driver owner editor reporter writer author historian commissioner
    businessman businesswoman mogul host anchor ambassador envoy general commander chief
    prosecutor investigator detective sheriff priest cleric pastor rabbi imam bishop
    member supporter critic opponent organizer volunteer survivor victim relative cousin
    brother sister uncle aunt grandmother grandfather lawmaker legislator negotiator
    manager consultant operative official delegate attendee participant salesman saleswoman
    nurse pilot lieutenant sergeant captain colonel coach player actor actress singer comedian
    columnist commentator blogger founder cofounder partner employee teenager child kid""".split()
)
FEMALE_ROLES = frozenset(
    """spokeswoman woman girl mother daughter wife chairwoman congresswoman businesswoman
    sister aunt grandmother""".split()
)
MALE_ROLES = frozenset(
    """spokesman man boy father son husband chairman congressman businessman policeman
    brother uncle grandfather""".split()
)
# Offices a person holds by title: "the senator" means only someone the article calls one.
OFFICES = frozenset(
    """president senator governor congressman congresswoman representative minister secretary
    mayor judge justice ambassador general commander chairman chairwoman chancellor speaker
    sheriff prosecutor commissioner director""".split()
)
# A title before a name, and the role noun a later "the <role>" uses for that person.
TITLE_ROLES = {
    "Sen.": "senator",
    "Senator": "senator",
    "Gov.": "governor",
    "Governor": "governor",
    "Rep.": "representative",
    "Representative": "representative",
    "Congressman": "congressman",
    "Congresswoman": "congresswoman",
    "President": "president",
    "Mayor": "mayor",
    "Judge": "judge",
    "Justice": "justice",
    "Dr.": "doctor",
    "Gen.": "general",
    "General": "general",
    "Secretary": "secretary",
    "Minister": "minister",
    "Ambassador": "ambassador",
    "Amb.": "ambassador",
    "Sheriff": "sheriff",
    "Prof.": "professor",
    "Professor": "professor",
    "Chancellor": "chancellor",
    "Speaker": "speaker",
}
_DETERMINER = r"(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother)"
_MODIFIER = r"(?:[\w’'.-]+[ \t]+){0,4}?"
_NAME = r"(?:[A-Z][\w.’'-]*[ \t]+){0,3}[A-Z][\w’'-]+"
# "Ann Cole, a lawyer for", "Ann Cole, Mr. Hale's lawyer,"; "lawyer Ann Cole", "the lawyer,
# Ann Cole,"
_ROLE_LEAD = rf",[ \t]+(?:{_DETERMINER}|his|her|their|its|[A-Z][\w.]*[’']s?)[ \t]+{_MODIFIER}$"
_NAME_THEN_ROLE = re.compile(rf"({_NAME}){_ROLE_LEAD}")
# What follows the name's comma in `_NAME_THEN_ROLE`: it holds no comma, so that comma is the last
# one before the role, and a match of this from there is needed for a match at all (a cheap test).
_AFTER_NAME = re.compile(_ROLE_LEAD)
_LOWER = r"(?<![\w’'.-])[a-z]+\b(?![’'-])"  # a lowercase word, whole
_LAST_LOWER = re.compile(r"(?<![\w’'.-])[a-z]+\Z")  # `_LOWER` at the end of a text


def _one_of(words: Collection[str]) -> str:
    """A regex alternation of `words`, grouped by first letter (a branch fails on its first
    letter, so a position is tried against a few words, not all of them)."""
    by_letter: dict[str, list[str]] = defaultdict(list)
    for word in sorted(words):
        by_letter[word[0]].append(word[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in by_letter.items())


# `_LOWER` restricted to the role nouns: the same matches as `_LOWER` whose word is a role noun
# (a lowercase word never starts inside another, so skipping the other words moves no match).
_ROLE = re.compile(_LOWER.replace("[a-z]+", f"(?:{_one_of(PERSON_ROLES)})"))
# `\b{_DETERMINER}[ \t]+(?:[\w’'.-]+[ \t]+){0,4}$`, written to open with the determiners' first
# letters (the word boundary checked behind that letter), so the regex engine skips the others.
_DETERMINED = re.compile(
    r"[AaTtOo](?<!\w[AaTtOo])(?:(?<=[Aa])n?|(?<=[Tt])he|(?<=[Oo])ne|(?<=[Aa])nother)"
    r"[ \t]+(?:[\w’'.-]+[ \t]+){0,4}$"
)
_NAME_AFTER_ROLE = re.compile(rf",?[ \t]+({_NAME})")
_SPEAKS = re.compile(r"[ \t]+(?:said|says|told|added|wrote)\b")
_ROLE_REACH = 90
_NOT_DESCRIBED = frozenset("one another".split())


def descriptions(masked: str, lo: int = 0, hi: int | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, role noun) of each singular description of a person in the narration of
    `masked[lo:hi]` (offsets in `masked`; `lo` starts a line)."""
    for start, end, role in _roles_in(masked, lo, len(masked) if hi is None else hi):
        det = _DETERMINED.search(masked, max(lo, start - 60), start)
        if det is None:
            continue
        head = masked[det.start() : start].split()
        if len(head) == 1 and head[0].lower() in _NOT_DESCRIBED:
            continue  # "one man" is a description; "one leader" rarely means a person met
        yield det.start(), end, role


@lru_cache(maxsize=4)  # a whole text, of any length: per_text keeps only short ones
def _roles(masked: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, word) of each role noun of the text (a lowercase word in `PERSON_ROLES`)."""
    return tuple((m.start(), m.end(), m.group()) for m in _ROLE.finditer(masked))


def _roles_in(masked: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """`_roles(masked[lo:hi])`, in `masked`'s offsets, read from the whole text's role nouns
    (the same, as `lo` starts a line: a word there starts in both), but for a word `hi` cuts:
    the text's end ends a word that in `masked` may go on."""
    found = _roles(masked)
    first = bisect.bisect_left(found, (lo,))
    last = bisect.bisect_left(found, (hi,))
    inside = [role for role in found[first:last] if role[1] < hi]
    cut = _LAST_LOWER.search(masked, lo, hi) if masked[hi - 1 : hi].islower() else None
    if cut and cut.group() in PERSON_ROLES:
        inside.append((cut.start(), cut.end(), cut.group()))
    return inside


def role_gender(role: str) -> str | None:
    if role in FEMALE_ROLES:
        return "f"
    if role in MALE_ROLES:
        return "m"
    return None


def named_roles(masked: str) -> Iterator[tuple[int, str, str]]:
    """(position, role noun, name as written) for each name the narration ties to a role:
    "Ann Cole, a lawyer for ..." (not "..., a lawyer said") and "lawyer Ann Cole"."""
    for start, end, role in _roles(masked):
        lo = max(0, start - _ROLE_REACH)
        comma = masked.rfind(",", lo, start)
        before = None
        if comma >= 0 and _AFTER_NAME.match(masked, comma, start):
            before = _NAME_THEN_ROLE.search(masked, lo, start)
        if before and not _SPEAKS.match(masked, end):
            yield before.start(1), role, before.group(1)
        after = _NAME_AFTER_ROLE.match(masked, end)
        if after:
            yield after.start(1), role, after.group(1)


def definite_role(speaker: str) -> str | None:
    """The role noun of a definite description of one person ("the lawyer", "the former
    spokesman"), None for anything else (a name, "the company", "a lawyer")."""
    words = speaker.split()
    if len(words) < 2 or words[0] not in ("the", "The"):
        return None
    if any(w[:1].isupper() for w in words[1:]):
        return None
    return words[-1] if words[-1] in PERSON_ROLES else None
