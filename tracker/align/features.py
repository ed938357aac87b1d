"""Sentence features and pair scores for `tracker.align`. Pure.

A sentence is compared by its typographic key (`normalize_typography`), its words, its word
bigrams and its facts (numbers and capitalised words past the first: names, places, dates).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from typing import TypeVar

from tracker.extract.typography import normalize_typography

_Item = TypeVar("_Item")
_WORD = re.compile(r"\w+")
# Whole words holding a digit, and capitalised words past the first: names, places, dates.
# Tried at word starts only (the same matches as `\w*\d\w*|(?<=\W)[A-Z]\w*`, which backtracks
# through every word from every letter of it).
_FACT = re.compile(r"(?<!\w)(?:(?=\w*\d)|(?<=\W)(?=[A-Z]))\w+")
_CAPITALISED_COMMON = frozenset(
    "the a an he she it they we i you his her its their this that but and or in on at for"
    " of to mr mrs ms dr".split()
)

EDIT_MIN = 0.34  # least similarity for an in-gap (in-order) pair
_CONTAIN_MIN = 0.75  # containment that admits a pair whose other side grew a lot
_FACT_WEIGHT = 0.2  # how much a pair's weight drops when none of its names and numbers agree


class Features:
    """A sentence's comparison key, words and word bigrams, and its facts (numbers and
    capitalised words past the first: names, places, dates). The facts are worked out on
    first use and kept: most pairs are too unlike for their facts ever to be weighed."""

    __slots__ = ("_facts", "bi", "key", "uni")

    def __init__(self, key: str, uni: frozenset[str], bi: frozenset[tuple[str, str]]) -> None:
        self.key = key
        self.uni = uni
        self.bi = bi
        self._facts: frozenset[str] | None = None

    @property
    def facts(self) -> frozenset[str]:
        if self._facts is None:
            self._facts = _key_facts(self.key)
        return self._facts


class FeatureList:
    """Each sentence's comparison key, and its word features computed on first use: most
    sentences of an update are unchanged and only their key is ever needed."""

    __slots__ = ("_cache", "keys")

    def __init__(self, sentences: Sequence[str]) -> None:
        self.keys = [normalize_typography(s) for s in sentences]
        self._cache: dict[int, Features] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, i: int) -> Features:
        found = self._cache.get(i)
        if found is None:
            found = self._cache[i] = _key_features(self.keys[i])
        return found


def sentence_features(s: str) -> Features:
    return _key_features(normalize_typography(s))


def _key_features(key: str) -> Features:
    words = _WORD.findall(key.lower())
    bigrams = frozenset(zip(words, words[1:], strict=False))
    return Features(key, frozenset(words), bigrams)


def _key_facts(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _FACT.findall(key)) - _CAPITALISED_COMMON


def _dice(a: frozenset[_Item], b: frozenset[_Item]) -> float:
    if not a and not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def pair_score(a: Features, b: Features) -> float:
    """Word and word-bigram Dice similarity, 1.0 for equal keys."""
    if a.key == b.key:
        return 1.0
    return _unequal_score(a, b, len(a.uni & b.uni))


def _unequal_score(a: Features, b: Features, shared_words: int) -> float:
    """`pair_score` of two different keys that have `shared_words` words in common."""
    words = 2 * shared_words / (len(a.uni) + len(b.uni)) if a.uni or b.uni else 0.0
    if not a.bi and not b.bi:
        return words
    return 0.6 * words + 0.4 * _dice(a.bi, b.bi)


def containment(part: Features, whole: Features) -> float:
    """Share of a piece's words found in the whole (0.0 when it has none)."""
    return len(part.uni & whole.uni) / len(part.uni) if part.uni else 0.0


def _fact_agreement(a: Features, b: Features) -> float:
    """Share of names and numbers the two sentences have in common (1.0 when neither has any)."""
    if not a.facts and not b.facts:
        return 1.0
    return _dice(a.facts, b.facts)


def ranked(score: float, a: Features, b: Features) -> float:
    """A pair's weight for choosing between partners: rewording keeps the names and numbers,
    while a new sentence written on an old one's pattern replaces them."""
    return score * (1 - _FACT_WEIGHT * (1 - _fact_agreement(a, b)))


def fact_containment(part: Features, whole: Features) -> float:
    """Share of a piece's names and numbers found in the whole (1.0 when it has none)."""
    return len(part.facts & whole.facts) / len(part.facts) if part.facts else 1.0


def pair_weight(a: Features, b: Features) -> float:
    """Weight of a plausible pair (similarity, lowered when the facts differ), else 0.0.

    The shorter side's `containment` in the other is worked out from the same shared words.
    """
    if a.key == b.key:
        return ranked(1.0, a, b)
    shared = len(a.uni & b.uni)
    score = _unequal_score(a, b, shared)
    if score >= EDIT_MIN:
        return ranked(score, a, b)
    small = min(len(a.uni), len(b.uni))
    if small >= 4 and shared / small >= _CONTAIN_MIN:
        return ranked(max(score, EDIT_MIN), a, b)
    return 0.0


def jitter(i: int, j: int, fo: FeatureList, fn: FeatureList) -> float:
    """A tiny deterministic tie-breaker that is the same when old and new trade places.

    It keeps the result symmetric: what is added from a to b is what is removed from b to a.
    """
    old_end, new_end = f"{i}:{fo.keys[i]}", f"{j}:{fn.keys[j]}"
    first, last = (old_end, new_end) if old_end <= new_end else (new_end, old_end)
    return zlib.crc32(f"{first}\x00{last}".encode("utf-8", "surrogatepass")) * 1e-15
