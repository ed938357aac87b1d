"""Words of a sentence for the fact ledger: content-word stems, what lies inside quotation
marks, and the clauses a sentence says its things in. Pure."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tracker.analyze.claims.text import Token
from tracker.analyze.facts import lexicon as lx
from tracker.extract.typography import TYPOGRAPHY

Span = tuple[int, int]
_SUFFIXES = "ations ation ings ing ions ion ments ment edly ed es s".split()
_CLAUSE_BREAK = re.compile(
    r";\s+|\s+-\s+|,\s+(?=(?:and|but|while|although|though|whereas|as well as|who|which)\s)"
    r"|\s+(?=and that\s|but\s)"
)
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


@lru_cache(maxsize=1 << 16)
def stem(key: str) -> str:
    """A crude stem so that inflections meet ("killed", "killing" -> "kill")."""
    key = key.removesuffix("'s")
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 4:
            return key[: -len(suffix)]
    return key


def word_key(t: Token) -> str | None:
    """The content-word stem of a token; None for function words, pronouns, titles, cues."""
    key = t.key
    if key in lx.STOP or (len(key) < 2 and not key.isdigit()):
        return None
    if key[0].isalpha():
        return stem(key)
    return key.strip("$\u00a3\u20ac\u00a5%") or None  # "45%" and "45 percent" hold 45


def content_keys(tokens: Iterable[Token]) -> frozenset[str]:
    """Stems of the words that carry content: no function words, pronouns, titles or cues."""
    return frozenset(k for k in map(word_key, tokens) if k)


def quote_states(sentences: Iterable[str]) -> list[bool]:
    """For each sentence, whether it starts inside a quotation opened by an earlier one (a
    quotation of several sentences); a sentence opening with a quotation mark starts afresh."""
    out = []
    inside = False
    for sentence in sentences:
        text = sentence.translate(TYPOGRAPHY)
        if text.lstrip().startswith('"'):
            inside = False
        out.append(inside)
        inside = (inside + text.count('"')) % 2 == 1
    return out


def quoted_spans(text: str, opened: bool) -> list[Span]:
    """Where the sentence's quotations stand (`opened`: one runs in from the sentence before)."""
    marks = [m.start() for m in re.finditer('"', text)]
    if opened and text.lstrip()[:1] != '"':
        marks = [0, *marks]
    if len(marks) % 2:  # a quotation that goes on into the next sentence
        marks.append(len(text))
    return [(marks[k], marks[k + 1]) for k in range(0, len(marks) - 1, 2)]


def inside(pos: int, spans: Sequence[Span]) -> bool:
    """Whether `pos` lies within one of `spans` (in order, not overlapping): one binary search."""
    k = bisect.bisect_left(spans, (pos, pos)) - 1  # the last span that starts before `pos`
    return k >= 0 and spans[k][0] < pos < spans[k][1]


def clauses(
    text: str,
    tokens: Sequence[Token],
    keys: Sequence[str | None],
    quoted: Sequence[Span],
    skip: Span = (0, 0),
) -> list[Clause]:
    """The sentence cut where a new clause begins (";", ", and", ", but", a dash), outside
    quotations; a piece too short to say anything stays with its neighbour. `keys` are the
    tokens' content words; the words in `skip` (who the sentence cites) are no content."""
    words = [
        (
            t.start,
            None if skip[0] <= t.start < skip[1] else k,
            bool(quoted) and inside(t.start, quoted),
        )
        for t, k in zip(tokens, keys, strict=True)
    ]
    lower = {t.start for t in tokens if t.text[:1].islower()}
    cuts = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text) if not inside(m.start(), quoted))]
    cuts.append(len(text))
    bounds: list[Span] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if bounds and len(_keys_in(words, (a, b))) < _MIN_CLAUSE:
            bounds[-1] = (bounds[-1][0], b)
        else:
            bounds.append((a, b))
    if len(bounds) > 1 and len(_keys_in(words, bounds[0])) < _MIN_CLAUSE:
        bounds[0:2] = [(bounds[0][0], bounds[1][1])]
    out = []
    for a, b in bounds:
        held = [w for w in words if a <= w[0] < b]
        share = sum(w[2] for w in held) / len(held) if held else 0.0
        plain = len({k for _, k, q in held if k and not q})
        said = frozenset(k for start, k, _ in held if k and start in lower)
        out.append(Clause(a, b, _keys_in(held, (a, b)), share, plain, said))
    return out


def _keys_in(words: Sequence[tuple[int, str | None, bool]], bounds: Span) -> frozenset[str]:
    return frozenset(k for start, k, _ in words if k and bounds[0] <= start < bounds[1])
