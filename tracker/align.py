"""(old sentences, new sentences) -> alignments. Pure.

1. Candidates: sentences whose typographic key (`normalize_typography`) is equal in both versions,
   and, among the sentences left without an identical partner, similar pairs (word and bigram
   Dice, or containment when one side grew). Large sets get their candidates from an inverted
   index on each sentence's rarest words, so no step scores all pairs of a long article.
2. Backbone: the max-weight chain of candidates in order in both versions (a weighted LIS, with
   closeness of relative position breaking ties): "same" or "edited" pairs. When two blocks trade
   places the longer block wins the chain, so the shorter one is the one reported moved.
3. Splits and merges: an edited pair grows to (1 old, 2 adjacent new) or the reverse when the
   joined text matches clearly better.
4. Moves: identical or similar sentences still unpaired are paired across the chain: "moved".
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from tracker.models import AlignKind, Alignment
from tracker.typography import normalize_typography

__all__ = ["align_sentences", "normalize_typography", "similarity"]

_WORD = re.compile(r"\w+")
_FACT = re.compile(r"\w*\d\w*|(?<=\W)[A-Z]\w*")  # numbers; capitalised words past the first
_CAPITALISED_COMMON = frozenset(
    "the a an he she it they we i you his her its their this that but and or in on at for"
    " of to mr mrs ms dr".split()
)

_EDIT_MIN = 0.34  # least similarity for an in-gap (in-order) pair
_MOVE_MIN = 0.5  # least similarity for a pair across gaps (a moved sentence)
_CONTAIN_MIN = 0.75  # containment that admits a pair whose other side grew a lot
_SPLIT_GAIN = 0.06  # how much a split/merge must raise the similarity over the 1-1 pair ...
_SPLIT_GAIN_CONTAINED = 0.005  # ... or less when the neighbour's words nearly all reappear
_ALL_PAIRS_MAX = 2500  # gaps up to this many pairs are scored exhaustively
_RARE_WORDS = 6  # index look-ups per sentence
_POSTING_MAX = 64  # words in more sentences than this are too common to look up
_CANDIDATES_MAX = 24  # partners scored per sentence in a large gap
_CLEARLY_BETTER = 0.1  # a mutual best partner this much better keeps a pair off the backbone
_FACT_WEIGHT = 0.2  # how much a pair's weight drops when none of its names and numbers agree


@dataclass(frozen=True, slots=True)
class _Features:
    key: str
    uni: frozenset[str]
    bi: frozenset[str]
    facts: frozenset[str]  # numbers and capitalised words past the first: names, places, dates


@dataclass(frozen=True, slots=True)
class _Pair:
    old: tuple[int, ...]
    new: tuple[int, ...]
    kind: AlignKind


def similarity(a: str, b: str) -> float:
    """Word and word-bigram Dice similarity of two sentences, 0.0 (unrelated) to 1.0."""
    return _score(_features(a), _features(b))


def align_sentences(old: Sequence[str], new: Sequence[str]) -> list[Alignment]:
    """Align two sentence lists; every index appears in exactly one Alignment."""
    fo = _FeatureList(old)
    fn = _FeatureList(new)
    identical = _identical_pairs(fo, fn)
    similar = _similar_pairs(identical, fo, fn)
    cands = _with_closeness([*identical, *similar], fo, fn)
    chain = _best_chain(cands)
    pairs = _grow_splits(chain, fo, fn)
    pairs += _leftover_identical(identical, pairs)
    pairs += _match_moves(pairs, fo, fn)
    return _reading_order(pairs, len(fo), len(fn))


# -- features and scores ---------------------------------------------------------------------


class _FeatureList:
    """Each sentence's comparison key, and its word features computed on first use: most
    sentences of an update are unchanged and only their key is ever needed."""

    __slots__ = ("_cache", "keys")

    def __init__(self, sentences: Sequence[str]) -> None:
        self.keys = [normalize_typography(s) for s in sentences]
        self._cache: dict[int, _Features] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, i: int) -> _Features:
        found = self._cache.get(i)
        if found is None:
            found = self._cache[i] = _key_features(self.keys[i])
        return found


def _features(s: str) -> _Features:
    return _key_features(normalize_typography(s))


def _key_features(key: str) -> _Features:
    words = _WORD.findall(key.lower())
    bigrams = frozenset(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    facts = frozenset(w.lower() for w in _FACT.findall(key)) - _CAPITALISED_COMMON
    return _Features(key, frozenset(words), bigrams, facts)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _score(a: _Features, b: _Features) -> float:
    if a.key == b.key:
        return 1.0
    if not a.bi and not b.bi:
        return _dice(a.uni, b.uni)
    return 0.6 * _dice(a.uni, b.uni) + 0.4 * _dice(a.bi, b.bi)


def _containment(part: _Features, whole: _Features) -> float:
    return len(part.uni & whole.uni) / len(part.uni) if part.uni else 0.0


def _fact_agreement(a: _Features, b: _Features) -> float:
    """Share of names and numbers the two sentences have in common (1.0 when neither has any)."""
    if not a.facts and not b.facts:
        return 1.0
    return _dice(a.facts, b.facts)


def _ranked(score: float, a: _Features, b: _Features) -> float:
    """A pair's weight for choosing between partners: rewording keeps the names and numbers,
    while a new sentence written on an old one's pattern replaces them."""
    return score * (1 - _FACT_WEIGHT * (1 - _fact_agreement(a, b)))


def _fact_containment(part: _Features, whole: _Features) -> float:
    """Share of a piece's names and numbers found in the whole (1.0 when it has none)."""
    return len(part.facts & whole.facts) / len(part.facts) if part.facts else 1.0


def _pair_weight(a: _Features, b: _Features) -> float:
    """Weight of a plausible pair (similarity, lowered when the facts differ), else 0.0."""
    score = _score(a, b)
    if score >= _EDIT_MIN:
        return _ranked(score, a, b)
    small, large = (a, b) if len(a.uni) <= len(b.uni) else (b, a)
    if len(small.uni) >= 4 and _containment(small, large) >= _CONTAIN_MIN:
        return _ranked(max(score, _EDIT_MIN), a, b)
    return 0.0


# -- anchors and backbone --------------------------------------------------------------------


def _identical_pairs(fo: _FeatureList, fn: _FeatureList) -> list[tuple[int, int, float]]:
    """Candidate pairs of sentences with equal keys (all pairs for rare duplicates)."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for j, key in enumerate(fn.keys):
        by_key[key].append(j)
    by_key_old: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(fo.keys):
        if key in by_key:
            by_key_old[key].append(i)
    pairs: list[tuple[int, int, float]] = []
    for key, olds in by_key_old.items():
        news = by_key[key]
        if len(olds) * len(news) <= 64:
            pairs += [(i, j, 1.0) for i in olds for j in news]
        else:
            pairs += [(i, j, 1.0) for i, j in zip(olds, news, strict=False)]
    return pairs


def _similar_pairs(
    identical: list[tuple[int, int, float]], fo: _FeatureList, fn: _FeatureList
) -> list[tuple[int, int, float]]:
    """Plausible edited pairs among the sentences that have no identical partner."""
    olds = sorted(set(range(len(fo))) - {i for i, _, _ in identical})
    news = sorted(set(range(len(fn))) - {j for _, j, _ in identical})
    scored = _scored_candidates(olds, news, fo, fn, _pair_weight)
    kept = _not_clearly_beaten(scored)
    return [(i, j, 0.9 * w) for (i, j), w in scored.items() if (i, j) in kept]


def _not_clearly_beaten(scored: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    """Pairs except those where one side has a clearly better partner that prefers it back.

    A sentence reworded and moved keeps its words' meaning and its names; a new sentence written
    on its pattern near the old place must not take it just because it is in order.
    """
    best_old: dict[int, tuple[float, int]] = {}
    best_new: dict[int, tuple[float, int]] = {}
    for (i, j), w in scored.items():
        best_old[i] = max(best_old.get(i, (0.0, -1)), (w, j))
        best_new[j] = max(best_new.get(j, (0.0, -1)), (w, i))
    kept: set[tuple[int, int]] = set()
    for (i, j), w in scored.items():
        wo, jo = best_old[i]
        wn, io = best_new[j]
        beaten_old = jo != j and wo > w + _CLEARLY_BETTER and best_new[jo][1] == i
        beaten_new = io != i and wn > w + _CLEARLY_BETTER and best_old[io][1] == j
        if not (beaten_old or beaten_new):
            kept.add((i, j))
    return kept


def _with_closeness(
    cands: list[tuple[int, int, float]], fo: _FeatureList, fn: _FeatureList
) -> list[tuple[int, int, float]]:
    """Break ties between equally good partners by how close their relative positions are."""
    so, sn = max(1, len(fo) - 1), max(1, len(fn) - 1)
    return [
        (i, j, w + 0.05 * (1 - abs(i / so - j / sn)) + _jitter(i, j, fo, fn)) for i, j, w in cands
    ]


def _jitter(i: int, j: int, fo: _FeatureList, fn: _FeatureList) -> float:
    """A tiny deterministic tie-breaker that is the same when old and new trade places.

    It keeps the result symmetric: what is added from a to b is what is removed from b to a.
    """
    ends = sorted((f"{i}:{fo.keys[i]}", f"{j}:{fn.keys[j]}"))
    return zlib.crc32("\x00".join(ends).encode("utf-8", "surrogatepass")) * 1e-15


def _leftover_identical(identical: list[tuple[int, int, float]], pairs: list[_Pair]) -> list[_Pair]:
    """Identical sentences off the in-order chain: moved."""
    used_old = {i for p in pairs for i in p.old}
    used_new = {j for p in pairs for j in p.new}
    out: list[_Pair] = []
    for i, j, _ in identical:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            out.append(_Pair((i,), (j,), "moved"))
    return out


def _best_chain(cands: Iterable[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """Max-weight chain of pairs strictly increasing in both indices (Fenwick-tree LIS)."""
    ordered = sorted(cands, key=lambda c: (c[0], -c[1]))
    if not ordered:
        return []
    js = sorted({c[1] for c in ordered})
    rank = {j: r + 1 for r, j in enumerate(js)}
    tree: list[tuple[float, int]] = [(0.0, -1)] * (len(js) + 1)
    back: list[int] = []
    best = (0.0, -1)
    for n, (_, j, w) in enumerate(ordered):
        prev = _prefix_max(tree, rank[j] - 1)
        total = (prev[0] + w, n)
        back.append(prev[1])
        _update(tree, rank[j], total)
        best = max(best, total)
    chain: list[tuple[int, int]] = []
    n = best[1]
    while n >= 0:
        chain.append((ordered[n][0], ordered[n][1]))
        n = back[n]
    return chain[::-1]


def _prefix_max(tree: list[tuple[float, int]], r: int) -> tuple[float, int]:
    best = (0.0, -1)
    while r > 0:
        best = max(best, tree[r])
        r -= r & -r
    return best


def _update(tree: list[tuple[float, int]], r: int, value: tuple[float, int]) -> None:
    while r < len(tree):
        if value > tree[r]:
            tree[r] = value
        r += r & -r


# -- splits and merges ----------------------------------------------------------------------


def _grow_splits(chain: list[tuple[int, int]], fo: _FeatureList, fn: _FeatureList) -> list[_Pair]:
    """Turn the chain into pairs, extending edited ones to splits or merges where it fits."""
    free_old = set(range(len(fo))) - {i for i, _ in chain}
    free_new = set(range(len(fn))) - {j for _, j in chain}
    out: list[_Pair] = []
    for i, j in chain:
        if fo.keys[i] == fn.keys[j]:
            out.append(_Pair((i,), (j,), "same"))
            continue
        old_side, new_side = _best_join(i, j, free_old, free_new, fo, fn)
        free_old.difference_update(old_side)
        free_new.difference_update(new_side)
        out.append(_Pair(old_side, new_side, "edited"))
    return out


def _best_join(
    i: int, j: int, free_old: set[int], free_new: set[int], fo: _FeatureList, fn: _FeatureList
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The best of: the 1-1 pair, a split with a free new neighbour, a merge with an old one."""
    base = _score(fo[i], fn[j])
    best: tuple[float, tuple[int, ...], tuple[int, ...]] = (0.0, (i,), (j,))
    for nb in (j - 1, j + 1):
        gain = _join_gain(fo[i], j, nb, base, free_new, fn)
        if gain:
            best = max(best, (gain + _jitter(i, nb, fo, fn), (i,), (min(j, nb), max(j, nb))))
    for nb in (i - 1, i + 1):
        gain = _join_gain(fn[j], i, nb, base, free_old, fo)
        if gain:
            best = max(best, (gain + _jitter(nb, j, fo, fn), (min(i, nb), max(i, nb)), (j,)))
    return best[1], best[2]


def _join_gain(
    one: _Features, k: int, nb: int, base: float, free: set[int], feats: _FeatureList
) -> float:
    """How much joining free neighbour `nb` to `k` raises the match with `one` (0.0: not enough)."""
    contained = _containment(feats[nb], one) if nb in free else 0.0
    if contained < 0.5 or _fact_containment(feats[nb], one) < 0.5:
        return 0.0
    lo, hi = min(k, nb), max(k, nb)
    gain = _score(one, _features(f"{feats.keys[lo]} {feats.keys[hi]}")) - base
    needed = _SPLIT_GAIN_CONTAINED if contained >= 0.8 else _SPLIT_GAIN
    return gain if gain > needed else 0.0


# -- candidates ------------------------------------------------------------------------------


def _scored_candidates(
    olds: list[int],
    news: list[int],
    fo: _FeatureList,
    fn: _FeatureList,
    weigh: Callable[[_Features, _Features], float],
) -> dict[tuple[int, int], float]:
    """Plausible (old, new) pairs with their weight; exhaustive only for small sets."""
    if len(olds) * len(news) <= _ALL_PAIRS_MAX:
        pairs: Iterable[tuple[int, int]] = ((i, j) for i in olds for j in news)
    else:
        forward = _indexed_pairs(olds, news, fo, fn)
        backward = _indexed_pairs(news, olds, fn, fo)
        pairs = set(forward).union((i, j) for j, i in backward)
    scored: dict[tuple[int, int], float] = {}
    for i, j in pairs:
        w = weigh(fo[i], fn[j])
        if w > 0:
            scored[(i, j)] = w
    return scored


def _indexed_pairs(
    olds: list[int], news: list[int], fo: _FeatureList, fn: _FeatureList
) -> list[tuple[int, int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for j in news:
        for word in fn[j].uni:
            postings[word].append(j)
    pairs: list[tuple[int, int]] = []
    for i in olds:
        words = [w for w in fo[i].uni if 0 < len(postings.get(w, ())) <= _POSTING_MAX]
        words.sort(key=lambda w: (len(postings[w]), w))
        hits: dict[int, int] = defaultdict(int)
        for word in words[:_RARE_WORDS]:
            for j in postings[word]:
                hits[j] += 1
        best = sorted(hits, key=lambda j: -hits[j])[:_CANDIDATES_MAX]
        pairs += [(i, j) for j in best]
    return pairs


# -- moves -----------------------------------------------------------------------------------


def _match_moves(pairs: list[_Pair], fo: _FeatureList, fn: _FeatureList) -> list[_Pair]:
    """Pair leftovers across gaps: each a sentence that changed its position (and maybe words)."""
    used_old = {i for p in pairs for i in p.old}
    used_new = {j for p in pairs for j in p.new}
    olds = [i for i in range(len(fo)) if i not in used_old]
    news = [j for j in range(len(fn)) if j not in used_new]
    if not olds or not news:
        return []
    scored = _scored_candidates(olds, news, fo, fn, _move_weight)
    out: list[_Pair] = []
    ranked = sorted(
        scored.items(), key=lambda item: -item[1] - _jitter(item[0][0], item[0][1], fo, fn)
    )
    for (i, j), _ in ranked:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            out.append(_Pair((i,), (j,), "moved"))
    return out


def _move_weight(a: _Features, b: _Features) -> float:
    score = _score(a, b)
    return _ranked(score, a, b) if score >= _MOVE_MIN else 0.0


# -- output ----------------------------------------------------------------------------------


def _reading_order(pairs: list[_Pair], n_old: int, n_new: int) -> list[Alignment]:
    """New version's reading order; removed sentences right after their old predecessor."""
    used_old = {i for p in pairs for i in p.old}
    used_new = {j for p in pairs for j in p.new}
    pairs = pairs + [_Pair((), (j,), "added") for j in range(n_new) if j not in used_new]
    where: dict[int, int] = {}
    for p in pairs:
        if p.kind != "moved":
            for i in p.old:
                where[i] = max(p.new)
    keyed = [((min(p.new), 1, 0), p) for p in pairs]
    anchor = -1
    for i in range(n_old):
        if i in where:
            anchor = where[i]
        elif i not in used_old:
            keyed.append(((anchor, 2, i), _Pair((i,), (), "removed")))
    keyed.sort(key=lambda kp: kp[0])
    return [Alignment(p.kind, p.old, p.new) for _, p in keyed]
