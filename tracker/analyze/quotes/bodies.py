"""Speakers that are bodies or their documents: "the ministry said" is the Ministry of Home
Affairs the article named; "the statement said" is whoever the article said issued a statement
("The ministry, in a statement, rejected..."); "its statement added" is the subject of its
sentence ("The Shafik campaign ..., but its statement added"). Pure functions of the masked text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from tracker.analyze.quotes.subjects import sentence_subject
from tracker.analyze.quotes.tokens import tokenize

DOCUMENTS = frozenset(
    """statement report letter release memo email e-mail post tweet filing complaint study
    survey poll ad advertisement video website site editorial column book memoir transcript
    message announcement""".split()
)
BODIES = frozenset(
    """ministry department agency company campaign committee council commission center centre
    embassy court party group organization organisation foundation institute office
    administration government board union bank army police network newspaper firm""".split()
)
_MORE_BODIES = frozenset(
    """association university bureau service corporation corp inc co coalition alliance
    network station council legislature parliament senate congress assembly regime
    secretariat commission authority piece article paper""".split()
)
_REACH = 2000  # characters an "it" reaches back for its body
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+(?=[A-Z“\"·])|\n+")
# "in a statement", "issued a written statement", "released its report"
_ISSUED = (
    r"\b(?:in|issued|released|put out|sent|posted|published)\s+(?:a|an|its|his|her|their)"
    r"\s+(?:\w+\s+)?{noun}\b"
)
_PRONOUNS = frozenset("he she it they we i you who which that this".split())


def owned(speaker: str) -> tuple[str, str] | None:
    """("its", "statement") for "its statement": a possessive pronoun and what it owns."""
    words = speaker.split()
    if len(words) >= 2 and words[0].lower() in ("its", "his", "her", "their"):
        if all(w[:1].islower() for w in words[1:]):
            return words[0].lower(), " ".join(words[1:])
    return None


def definite_body(speaker: str) -> str | None:
    """The noun of "the ministry" / "the statement" (a body or a document), else None."""
    words = speaker.split()
    if len(words) < 2 or words[0] not in ("the", "The") or any(w[:1].isupper() for w in words[1:]):
        return None
    head = words[-1].lower()
    return head if head in BODIES or head in DOCUMENTS else None


def named_body(masked: str, noun: str, position: int) -> str | None:
    """The one capitalised name before `position` that holds `noun` ("Ministry of Home Affairs"
    for "the ministry"), or None when there is none or more than one."""
    starts, ends, first, second = _body_names(masked, noun)
    before = bisect.bisect_right(ends, position)  # names ending at or before `position`
    if before > second:
        return None  # two names already
    found = {first} if before else set()
    if before < len(starts) and starts[before] < position:  # a name running past `position`
        cut = _body_pattern(noun).finditer(masked, starts[before], position)
        found |= {name for name in map(_body_name, cut) if name and name != _capital(noun)}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=64)
def _body_pattern(noun: str) -> re.Pattern[str]:
    """`(?:[A-Z][\\w.’'&-]*\\s+)*Ministry\\b(?:\\s+(?:of|for|on)\\s+...)?`, written to open with a
    class of the letters a match can open with (a capitalised word's, or the noun's own), so
    the regex engine skips to those at C speed; the words before the noun are tried most first,
    as `*` does, and the noun alone last."""
    name = _capital(noun)
    first, opens = f"[A-Z{re.escape(name[0])}]", re.escape(name[0])
    words = rf"(?<=[A-Z])[\w.’'&-]*\s+(?:[A-Z][\w.’'&-]*\s+)*{re.escape(name)}"
    alone = rf"(?<={opens}){re.escape(name[1:])}"
    return re.compile(
        rf"{first}(?:{words}|{alone})\b(?:\s+(?:of|for|on)\s+(?:the\s+)?(?:[A-Z][\w.’'&-]*(?:\s+|$))+)?"
    )


def _capital(noun: str) -> str:
    return noun[:1].upper() + noun[1:]


def _body_name(m: re.Match[str]) -> str:
    name = m.group().strip()
    return "" if name.startswith(("The ", "A ")) else name


@lru_cache(maxsize=32)
def _body_names(masked: str, noun: str) -> tuple[list[int], list[int], str, int]:
    """Where each capitalised name holding `noun` starts and ends, in order; the first of those
    names; and how many of them precede the first other name (all of them when there is none).
    Found once per text and noun, however many quotations ask: a scan per quotation grew with
    the square of the text."""
    cap = _capital(noun)
    starts: list[int] = []
    ends: list[int] = []
    first, second = "", -1
    if cap not in masked:
        return starts, ends, first, 0
    for m in _body_pattern(noun).finditer(masked):
        name = _body_name(m)
        if not name or name == cap:
            continue
        if not ends:
            first = name
        elif second < 0 and name != first:
            second = len(ends)
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends, first, len(ends) if second < 0 else second


def issuer(masked: str, noun: str, position: int) -> str | None:
    """Who issued "the statement": the subject of the latest sentence before `position`, in
    its paragraph or the one before, that mentions a statement."""
    floor = masked.rfind("\n", 0, masked.rfind("\n", 0, position) - 1) + 1
    starts = [floor] + [m.end() for m in _SENTENCE_END.finditer(masked, floor, position)]
    for start, end in reversed(list(zip(starts, [*starts[1:], position], strict=True))):
        sentence = masked[start:end]
        if not re.search(_ISSUED.format(noun=re.escape(noun)), sentence):
            continue
        found = subject_at(sentence)
        if found and (found[:1].isupper() and found.split()[0] not in ("A", "An")):
            return found
    return None


def body_before(masked: str, position: int, starts: Sequence[int]) -> str | None:
    """The body an "it said" at `position` means: the subject of its own sentence, or else of
    the sentence before it in the paragraph or the one above, when that subject is a body
    ("The Justice Department declined to comment. “…,” it said."); None when that subject is
    anything else: "it" then stands for a thing, or the text does not say. `starts` are where
    the sentences of `masked` start."""
    floor = floor_before(masked, position)
    k = bisect.bisect_right(starts, position) - 1
    ends = [position, *starts[max(0, k) : k + 1]]
    for start in reversed(starts[max(0, k - 1) : k + 1]):
        end = ends.pop(0)
        found = subject_at(masked[max(start, floor) : end]) if end > floor else None
        if found is not None:
            return found if is_body(found) else None
    return None


def floor_before(masked: str, position: int) -> int:
    """Where the paragraph before the one holding `position` starts, at most `_REACH`
    characters back."""
    lo = max(0, position - _REACH)
    return max(lo, masked.rfind("\n", lo, masked.rfind("\n", lo, position) - 1) + 1)


def is_body(phrase: str) -> bool:
    """ "The Justice Department", "the ministry", "Mr. Trump's campaign", "the report": a
    phrase whose head noun names a body or a document."""
    head = phrase.split()[-1].lower().rstrip(".")
    return head in BODIES or head in DOCUMENTS or head in _MORE_BODIES


def subject_at(sentence: str) -> str | None:
    """The subject a sentence opens with, when it is not a pronoun."""
    toks = tokenize(sentence)
    span = sentence_subject(toks)
    if span is None:
        return None
    text = sentence[toks[span[0]].start : toks[span[1] - 1].end]
    return None if text.lower() in _PRONOUNS else text


def sentence_before(masked: str, position: int) -> str:
    """The text of the sentence holding `position`, up to it."""
    ends = list(_SENTENCE_END.finditer(masked, max(0, position - 400), position))
    return masked[ends[-1].end() if ends else max(0, position - 400) : position]
