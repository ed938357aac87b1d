"""Numbers and dates of a sentence as facts: a number with what it counts ("20 people were
killed" -> 20, counting deaths), a date or a time ("Friday", "March 3, 1991", "5:25 a.m."),
an age ("Mr. King, 47,"). Pure."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from tracker.analyze.claims import lexicon as claims_lx
from tracker.analyze.claims.numbers import NumberPhrase
from tracker.analyze.claims.text import Token, span
from tracker.analyze.facts import lexicon as lx
from tracker.analyze.facts.atom import Atom
from tracker.analyze.facts.text import Span, stem

_YEAR = re.compile(r"^(1[89][0-9][0-9]|20[0-9][0-9])s?$")
_CURRENCY = "$\u00a3\u20ac\u00a5"
_AFTER = 5  # words after a number its event may stand in ("26 people were killed")
_MONEY = {"dollar": "$", "euro": "\u20ac", "pound": "\u00a3"}  # "5 million dollars" is $5 million
_POSSESSIVES = frozenset("the his her their its those these".split())


def number_atoms(
    tokens: Sequence[Token],
    text: str,
    phrases: Iterable[NumberPhrase],
    clause_at: Callable[[int], Span],
) -> list[Atom]:
    """Each number phrase of the sentence as a number or date fact (ordinals and vague counts
    such as "several" are no fact of their own); `clause_at` gives the span of the clause a
    position of the sentence stands in (asked only of a number that counts something)."""
    out = []
    for p in phrases:
        if _is_date(tokens[p.core : p.end], p):
            out.append(_date(tokens, text, p))
            continue
        core = tokens[p.core].key
        if core in claims_lx.ORDINALS or core in lx.VAGUE or _glued(tokens, text, p.core):
            continue
        out.append(_number(tokens, text, p, clause_at(tokens[p.first].start)))
    return out


def _glued(tokens: Sequence[Token], text: str, k: int) -> bool:
    """A digit written against a word, part of a name or code ("VH1", "G7", "F-16", "COVID-19"),
    counts nothing."""
    before = tokens[k - 1] if k else None
    between = text[before.end : tokens[k].start] if before else " "
    return before is not None and between in {"", "-"} and before.text[-1:].isalpha()


def _date(tokens: Sequence[Token], text: str, p: NumberPhrase) -> Atom:
    words = tokens[p.first : p.end]
    key = " ".join(t.key for t in tokens[p.core : p.end])
    return Atom("date", f"date|{p.qualifier}|{key}", "date|" + _before(tokens, p.first),
                span(list(words), text), words[0].start, words[-1].end)  # fmt: skip


def _number(tokens: Sequence[Token], text: str, p: NumberPhrase, clause: Span) -> Atom:
    """A number keyed by its value and by what it counts: the event ("were killed") or the
    noun ("buildings"), else its unit; a number nothing describes is keyed by its value
    alone. `about` says what it counts as printed ("people killed")."""
    words = tokens[p.first : p.end]
    core = tokens[p.core].key
    value, unit = _value_and_unit(p, core)
    if _years_old(tokens, p):  # "a 24-year-old man", "24 years old"
        value, unit = value.removesuffix(" yearold"), ""
        counted, event, what = None, None, "age"
    else:
        counted = _counted(tokens, text, p)
        event = None if p.measure else _event(tokens, p, clause)  # "50 miles" counts miles
        what = lx.EVENTS[event.key] if event else counted.key.removesuffix("s") if counted else ""
    if not (what or unit) and _is_age(tokens, p):
        what = "age"
    slot = f"number|{unit}|{what or unit}"
    if not (what or unit):
        slot += "?"  # nothing says what it counts: only a restating sentence may change it
    weak = (core in lx.WEAK_NUMBERS and not p.measure) or core in claims_lx.VAGUE
    shown = " ".join(t.text for t in (counted, event) if t) or (what if what == "age" else "")
    qualifier = "" if p.qualifier == "about" else p.qualifier  # "about 50" says 50
    return Atom("number", f"{slot}|{qualifier}|{value}", slot, span(list(words), text),
                words[0].start, words[-1].end, shown, weak)  # fmt: skip


def _value_and_unit(p: NumberPhrase, core: str) -> tuple[str, str]:
    """The number and its unit, one way however printed ("45%", "45 percent"; "$5 million",
    "5 million dollars")."""
    if p.value.endswith(" %"):
        return p.value.removesuffix(" %"), "%"
    if core[0] in _CURRENCY:
        return p.value[1:], core[0]
    return p.value, _MONEY.get(p.measure, p.measure)


def _is_date(words: Sequence[Token], p: NumberPhrase) -> bool:
    keys = [t.key for t in words]
    if any(k in lx.DATE_WORDS or k in claims_lx.CLOCK for k in keys):
        return True
    if any(t.key == "may" and t.capital and not t.at_start for t in words):
        return True
    if any(":" in k and k.replace(":", "").isdigit() for k in keys):
        return True
    return not p.measure and len(keys) == 1 and bool(_YEAR.match(keys[0]))


def _counted(tokens: Sequence[Token], text: str, p: NumberPhrase) -> Token | None:
    """The noun a number counts: 'four white officers', 'three of the officers'."""
    i = p.end
    if i < len(tokens) and tokens[i].key == "of":
        i += 1
        while i < len(tokens) and tokens[i].key in _POSSESSIVES:
            i += 1
    head = None
    for k in range(i, min(i + 3, len(tokens))):
        t, key = tokens[k], tokens[k].key
        if k > 0 and text[tokens[k - 1].end : t.start].strip():
            break  # punctuation ends the phrase
        if key in lx.STOP or key in lx.EVENTS or not key[0].isalpha() or t.capital:
            break
        head = t
        if key in lx.PLURALS or (key.endswith("s") and not key.endswith("ss")):
            break  # a plural noun ends the phrase: "40 residents [spent]"
    return head


def _event(tokens: Sequence[Token], p: NumberPhrase, clause: Span) -> Token | None:
    """What happened to what is counted: the word of EVENTS nearest the number inside its
    clause, a few words after it ("12 people were killed") or anywhere before it ("killing
    at least 12", "the death toll from the quake rose to 31")."""
    after = [(k - p.end, t) for k, t in enumerate(tokens[p.end : p.end + _AFTER], p.end)]
    before = [(p.first - k, t) for k, t in enumerate(tokens[: p.first])]
    found = [
        (distance, t)
        for distance, t in [*after, *before]
        if t.key in lx.EVENTS and clause[0] <= t.start < clause[1]
    ]
    return min(found, key=lambda x: x[0])[1] if found else None


def _years_old(tokens: Sequence[Token], p: NumberPhrase) -> bool:
    after = tokens[p.end].key if p.end < len(tokens) else ""
    return p.value.endswith(" yearold") or (p.measure == "year" and after == "old")


def _is_age(tokens: Sequence[Token], p: NumberPhrase) -> bool:
    """'Mr. King, 47,' or 'He was 47.' or 'aged 47'."""
    value = tokens[p.core].key
    if not (value.isascii() and value.isdigit()) or p.first != p.core or p.first == 0:
        return False
    if not 0 < int(value) < 120:
        return False
    prev = tokens[p.first - 1]
    last = p.end >= len(tokens)
    return prev.key in lx.AGE_CUES or (prev.key in {"was", "is"} and last) or prev.capital


def _before(tokens: Sequence[Token], first: int) -> str:
    """The nearest content word before position `first`, stemmed ('' at the start)."""
    for t in reversed(tokens[max(first - 4, 0) : first]):
        if t.key not in lx.STOP and t.key[0].isalpha():
            return stem(t.key)
    return ""
