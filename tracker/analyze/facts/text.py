"""Words of a sentence for the fact ledger: content-word stems, what lies inside quotation
marks, and the clauses a sentence says its things in. Pure."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from tracker.analyze.claims.text import Token
from tracker.analyze.facts import lexicon as lx

Span = tuple[int, int]
_SUFFIXES = tuple("ations ation ings ing ions ion ments ment edly ed es s".split())
# The shortest stem of four or more characters that one of the suffixes follows.
_STEM = re.compile(rf"(.{{4,}}?)(?:{'|'.join(_SUFFIXES)})", re.DOTALL)
_CLAUSE_BREAK = re.compile(
    r";\s+|\s+-\s+|,\s+(?=(?:and|but|while|although|though|whereas|as well as|who|which)\s)"
    r"|\s+(?=and that\s|but\s)"
)
_QUOTE_MARK = re.compile('"')
_MIN_CLAUSE = 3  # content words a clause needs to stand on its own


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of a sentence that says one thing; `keys` are its content-word stems."""

    start: int
    end: int
    keys: frozenset[str]
    quoted: float  # share of its words inside quotation marks
    plain: int = 0  # content words outside quotation marks (who it cites left out)
    said: frozenset[str] = frozenset()  # its lowercase words: what it says of whom it names

    def without(self, keys: frozenset[str]) -> Clause:
        """The clause with these content words left out (a new clause each time)."""
        return Clause(self.start, self.end, self.keys - keys, self.quoted, self.plain, self.said)


def stem(key: str) -> str:
    """A crude stem so that inflections meet ("killed", "killing" -> "kill"): the longest of
    the suffixes that leaves four letters or more."""
    key = key.removesuffix("'s")
    if not key.endswith(_SUFFIXES):  # most words: one test for all of them
        return key
    m = _STEM.fullmatch(key)
    return m.group(1) if m else key


@lru_cache(maxsize=1 << 16)
def key_stem(key: str) -> str | None:
    """The content-word stem of a token with this key; None for function words, pronouns,
    titles, cues. (Kept: a sentence repeats words, an article more so.)"""
    if key in lx.STOP or (len(key) < 2 and not key.isdigit()):
        return None
    if key[0].isalpha():
        return stem(key)
    return key.strip("$\u00a3\u20ac\u00a5%") or None  # "45%" and "45 percent" hold 45


def content_keys(tokens: Iterable[Token]) -> frozenset[str]:
    """Stems of the words that carry content: no function words, pronouns, titles or cues."""
    return frozenset(filter(None, map(key_stem, [t.key for t in tokens])))


def quote_states(texts: Iterable[str]) -> list[bool]:
    """For each sentence (its text as `tokenise` normalises it: plain quotation marks, no
    space before it), whether it starts inside a quotation opened by an earlier one (a
    quotation of several sentences); a sentence opening with a quotation mark starts afresh."""
    out = []
    inside = False
    for text in texts:
        if text.startswith('"'):
            inside = False
        out.append(inside)
        inside = (inside + text.count('"')) % 2 == 1
    return out


def quoted_spans(text: str, opened: bool) -> list[Span]:
    """Where the sentence's quotations stand (`opened`: one runs in from the sentence before)."""
    marks = [m.start() for m in _QUOTE_MARK.finditer(text)] if '"' in text else []
    if opened and text.lstrip()[:1] != '"':
        marks = [0, *marks]
    if len(marks) % 2:  # a quotation that goes on into the next sentence
        marks.append(len(text))
    return [(marks[k], marks[k + 1]) for k in range(0, len(marks) - 1, 2)]


def inside(pos: int, spans: Sequence[Span]) -> bool:
    """Whether `pos` lies within one of `spans` (in order, not overlapping): one binary search."""
    k = bisect.bisect_left(spans, (pos, pos)) - 1  # the last span that starts before `pos`
    return k >= 0 and spans[k][0] < pos < spans[k][1]


def clause_cuts(text: str, quoted: Sequence[Span]) -> list[int]:
    """Where a new clause may begin, outside quotations, with the sentence's start and end."""
    cuts = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text) if not inside(m.start(), quoted))]
    cuts.append(len(text))
    return cuts


def clause_bounds(cuts: Sequence[int], words: Words) -> list[Span]:
    """The clauses between the cuts, a piece too short to say anything joined to its neighbour
    (one piece, the whole sentence, needs no word counted)."""
    bounds: list[Span] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if bounds and len(words.keys_in(a, b)) < _MIN_CLAUSE:
            bounds[-1] = (bounds[-1][0], b)
        else:
            bounds.append((a, b))
    if len(bounds) > 1 and len(words.keys_in(*bounds[0])) < _MIN_CLAUSE:
        bounds[0:2] = [(bounds[0][0], bounds[1][1])]
    return bounds


class Words:
    """A sentence's words as columns in text order, so that the words of a stretch of it are a
    slice (found by binary search on where they start). The words in `skip` (who the sentence
    cites) are no content."""

    def __init__(
        self,
        tokens: Sequence[Token],
        keys: Sequence[str | None],
        quoted: Sequence[Span],
        skip: Span,
    ) -> None:
        self.starts = [t.start for t in tokens]
        self.keys = list(keys)
        first, last = self._range(*skip)
        self.keys[first:last] = [None] * (last - first)
        self.lower = [t.text[0].islower() for t in tokens]
        self.quoted = [False] * len(tokens)
        for a, b in quoted:  # strictly inside the marks
            first, last = bisect.bisect_right(self.starts, a), bisect.bisect_left(self.starts, b)
            self.quoted[first:last] = [True] * (last - first)

    def _range(self, start: int, end: int) -> tuple[int, int]:
        """The words that start in [start, end), as a range of indices."""
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)

    def keys_in(self, start: int, end: int) -> frozenset[str]:
        first, last = self._range(start, end)
        return frozenset(filter(None, self.keys[first:last]))

    def clause(self, start: int, end: int) -> Clause:
        first, last = self._range(start, end)
        keys, quoted = self.keys[first:last], self.quoted[first:last]
        share = sum(quoted) / len(quoted) if quoted else 0.0
        plain = {k for k, q in zip(keys, quoted, strict=True) if k and not q}
        said = frozenset(filter(None, compress(keys, self.lower[first:last])))
        return Clause(start, end, frozenset(filter(None, keys)), share, len(plain), said)
