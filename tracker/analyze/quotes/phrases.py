"""Noun phrases of an attribution frame: the speaker phrase ending before a token or starting at
one ("Sen. Rob Portman", "a longtime friend", "election lawyer Joe Birkenstock")."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.analyze.quotes.roles import PERSON_ROLES
from tracker.analyze.quotes.speech_words import (
    CLAUSE_WORDS,
    CONNECTORS,
    DETERMINERS,
    MODIFIERS,
    PRONOUNS,
    RELATIVES,
    ROLES,
    STOP_CAPS,
    SUFFIXES,
    TITLES,
)
from tracker.analyze.quotes.tokens import Tok


def _is_name(word: str) -> bool:
    return word[:1].isupper() and word.rstrip(".") not in STOP_CAPS or word.rstrip(".") in TITLES


def _is_role(word: str) -> bool:
    return word.lower() in ROLES or word.lower() in PERSON_ROLES


_SOMEONE = frozenset(("one", "another"))  # stand for a person the text does not name
_CHAIN_REACH = 14
_CHAIN_DETERMINERS = frozenset("a an the one another two three several some".split())
_CHAIN_LINKS = frozenset("at of for from with in on to".split())
_POST_MODIFIERS = frozenset("familiar close based involved knowledgeable briefed".split())
# Unions read in loops, made once.
_SOMEONE_OR_PRONOUN = PRONOUNS | _SOMEONE
_HEAD_ENDS = _CHAIN_LINKS | _POST_MODIFIERS
_CLAUSE_OR_CONNECTOR = CLAUSE_WORDS | CONNECTORS
_CONNECTORS_BUT_THE = CONNECTORS - {"the"}


def _phrase_ok(words: Sequence[str]) -> bool:
    """A speaker phrase ends in a name or a role noun and is not all function words."""
    if not words:
        return False
    last = words[-1]
    if last.lower() in PRONOUNS:
        return len(words) == 1
    if last.lower() in DETERMINERS:
        return False
    if last.rstrip(".") in SUFFIXES and len(words) > 1:
        last = words[-2]
    return (_is_name(last) and last.rstrip(".") not in TITLES) or _is_role(last)


def _accept_backward(word: str) -> bool:
    low = word.lower()
    return _is_name(word) or _is_role(word) or low in MODIFIERS or low in CONNECTORS


def np_before(toks: Sequence[Tok], end: int) -> tuple[int, int] | None:
    """Token range [i, end) of the noun phrase ending just before index `end`, if any."""
    if end > 0 and toks[end - 1].text.lower() in _SOMEONE_OR_PRONOUN:
        return end - 1, end  # "he said", and "one said": someone, not the last speaker
    if end > 1 and toks[end - 1].text.lower() in RELATIVES:
        k = end - 2 if toks[end - 2].text == "," else end - 1
        return np_before(toks, k)
    found = name_phrase_before(toks, end)
    if found is None or not any(t.text[:1].isupper() for t in toks[found[0] : found[1]]):
        longer = _description_chain_before(toks, end)
        if longer and (found is None or longer[0] < found[0]):
            return longer
    return found or _described_before(toks, end)


def _description_chain_before(toks: Sequence[Tok], end: int) -> tuple[int, int] | None:
    """ "a senior editor at a party newspaper", "a person familiar with the matter": a
    determiner-led description whose head is a role, with the phrases after the head."""
    if end == 0 or not toks[end - 1].text.isalpha():
        return None
    best = None
    j = end - 1
    while j >= max(0, end - _CHAIN_REACH):
        word = toks[j].text
        low = word.lower()
        if low in _CHAIN_DETERMINERS and j < end - 1:
            if _head_is_role(toks, j + 1, end):
                best = (j, end)
            if j == 0 or toks[j - 1].text.lower() not in _CHAIN_LINKS:
                break
            j -= 2
            continue
        if not word.replace("-", "").isalpha() or low in CLAUSE_WORDS or low in RELATIVES:
            break
        if low in PRONOUNS or low in ("said", "says", "told", "is", "was", "are", "were"):
            break
        j -= 1
    return best


def _head_is_role(toks: Sequence[Tok], start: int, end: int) -> bool:
    """Whether the words from `start` up to the first linking word end in a role noun."""
    k = start
    while k < end and toks[k].text.lower() not in _HEAD_ENDS:
        k += 1
    return k > start and _is_role(toks[k - 1].text) and toks[k - 1].text.islower()


def _described_before(toks: Sequence[Tok], end: int) -> tuple[int, int] | None:
    """A short determiner-led description: "the New York businessman", "a longtime friend"."""
    if end == 0 or toks[end - 1].text.lower() in _CLAUSE_OR_CONNECTOR:
        return None
    for i in range(end - 2, max(-1, end - 7), -1):
        word = toks[i].text
        if not word[:1].isalnum():
            return None
        if word.lower() in CLAUSE_WORDS:
            return None
        if word.lower() in ("the", "a", "an", "another", "one"):
            return (i, end) if toks[end - 1].text[:1].isalpha() else None
    return None


def name_phrase_before(toks: Sequence[Tok], end: int) -> tuple[int, int] | None:
    i = end
    while i > 0:
        word = toks[i - 1].text
        if word.lower() in DETERMINERS or word.isdigit():
            i -= 1
            break
        if not _accept_backward(word):
            break
        i -= 1
    while i < end and toks[i].text.lower() in _CONNECTORS_BUT_THE:
        i += 1
    if i < end and toks[i].text.lower() == "the" and i + 1 < end and toks[i + 1].text == "and":
        i += 2
    words = [t.text for t in toks[i:end]]
    return (i, end) if _phrase_ok(words) else None


def np_after(toks: Sequence[Tok], start: int) -> tuple[int, int] | None:
    """Token range [start, j) of the noun phrase starting at index `start`, if any."""
    if _alone(toks, start):
        return start, start + 1  # `said another.`
    j = start
    if j < len(toks) and toks[j].text in _CONNECTORS_BUT_THE:
        return None
    if j < len(toks) and (toks[j].text.lower() in DETERMINERS or toks[j].text.isdigit()):
        j += 1
    while j < len(toks) and _accept_backward(toks[j].text):
        j += 1
    while j > start and toks[j - 1].text.lower() in CONNECTORS:
        j -= 1
    words = [t.text for t in toks[start:j]]
    return (start, j) if _phrase_ok(words) else None


def described_name_after(toks: Sequence[Tok], start: int) -> tuple[int, int] | None:
    """`said election lawyer Joe Birkenstock`, `said Clinton’s top foreign policy aide Jake
    Sullivan`: an owner's name or none, a few lowercase words, then a name."""
    first = start + 1 if start < len(toks) and _possessive_name(toks[start].text) else start
    if first == start:
        first = _premodifier_end(toks, start)
    j = first
    while j < len(toks) and j - first < 4 and _lowercase_word(toks[j].text):
        j += 1
    if j == first or j >= len(toks) or not toks[j].text[:1].isupper():
        return None
    if first > start and not _is_role(toks[j - 1].text):
        return None  # `said Smith on Tuesday`: no role noun before the second name
    found = np_after(toks, j)
    return (start, found[1]) if found else None


def _premodifier_end(toks: Sequence[Tok], start: int) -> int:
    """After a place or body naming where a role belongs ("Ohio" in `said Ohio furniture
    executive Dan Hale`): up to two capitalised words before a lowercase one; else `start`."""
    k = start
    while k < len(toks) and k - start < 2 and toks[k].text[:1].isupper():
        if not toks[k].text.replace("-", "").isalpha() or toks[k].text.rstrip(".") in TITLES:
            return start
        k += 1
    return k if k > start and k < len(toks) and _lowercase_word(toks[k].text) else start


def _possessive_name(word: str) -> bool:
    """ "Clinton’s", "NBC's": a name that owns the description after it."""
    return word[:1].isupper() and word.endswith(("’s", "'s")) and len(word) > 3


def _alone(toks: Sequence[Tok], start: int) -> bool:
    """ "another" or "one" standing alone for a person (`said another.`)."""
    if start >= len(toks) or toks[start].text.lower() not in _SOMEONE:
        return False
    return start + 1 == len(toks) or not toks[start + 1].text[:1].isalnum()


def _lowercase_word(word: str) -> bool:
    """ "presidential", "front-runner": a lowercase word, hyphens allowed."""
    return word.replace("-", "").isalpha() and word.islower()
