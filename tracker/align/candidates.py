"""Candidate pairs for `tracker.align`: identical keys, then similar sentences. Pure.

Small sets are scored exhaustively. Large sets get their candidates from an inverted index on
each sentence's rarest words, so no step scores all pairs of a long article.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from tracker.align.features import FeatureList, Features, pair_weight

Candidate = tuple[int, int, float]  # (old index, new index, weight)

_ALL_PAIRS_MAX = 2500  # gaps up to this many pairs are scored exhaustively
_RARE_WORDS = 6  # index look-ups per sentence
_POSTING_MAX = 64  # words in more sentences than this are too common to look up
_CANDIDATES_MAX = 24  # partners scored per sentence in a large gap
_CLEARLY_BETTER = 0.1  # a mutual best partner this much better keeps a pair off the backbone


def identical_pairs(fo: FeatureList, fn: FeatureList) -> list[Candidate]:
    """Candidate pairs of sentences with equal keys (all pairs for rare duplicates)."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for j, key in enumerate(fn.keys):
        by_key[key].append(j)
    by_key_old: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(fo.keys):
        if key in by_key:
            by_key_old[key].append(i)
    pairs: list[Candidate] = []
    for key, olds in by_key_old.items():
        news = by_key[key]
        if len(olds) * len(news) <= 64:
            pairs += [(i, j, 1.0) for i in olds for j in news]
        else:
            pairs += [(i, j, 1.0) for i, j in zip(olds, news, strict=False)]
    return pairs


@dataclass(frozen=True, slots=True)
class Scored:
    """Pairs weighed by `scored_candidates`: the plausible ones with their weight, and which
    pairs were weighed at all (every pair of `olds` and `news`, or only `pairs`)."""

    weights: dict[tuple[int, int], float]
    olds: frozenset[int]
    news: frozenset[int]
    pairs: frozenset[tuple[int, int]] | None = None  # None: all of olds x news

    def found_implausible(self, i: int, j: int) -> bool:
        """Whether (i, j) was weighed and found implausible (weight 0)."""
        if (i, j) in self.weights or i not in self.olds or j not in self.news:
            return False
        return self.pairs is None or (i, j) in self.pairs


def edit_scores(identical: list[Candidate], fo: FeatureList, fn: FeatureList) -> Scored:
    """The sentences that have no identical partner, weighed pair by pair (`pair_weight`)."""
    olds = sorted(set(range(len(fo))) - {i for i, _, _ in identical})
    news = sorted(set(range(len(fn))) - {j for _, j, _ in identical})
    return scored_candidates(olds, news, fo, fn, pair_weight)


def similar_pairs(scored: Scored) -> list[Candidate]:
    """Plausible edited pairs among the sentences that have no identical partner."""
    kept = _not_clearly_beaten(scored.weights)
    return [(i, j, 0.9 * w) for (i, j), w in scored.weights.items() if (i, j) in kept]


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


def scored_candidates(
    olds: list[int],
    news: list[int],
    fo: FeatureList,
    fn: FeatureList,
    weigh: Callable[[Features, Features], float],
    known: Scored | None = None,
) -> Scored:
    """Plausible (old, new) pairs with their weight; exhaustive only for small sets.

    Pairs that an earlier weighing, `known`, found implausible are not weighed again: `weigh`
    must find them implausible too.
    """
    weights: dict[tuple[int, int], float] = {}
    if len(olds) * len(news) <= _ALL_PAIRS_MAX:
        if olds:
            new_features = [(j, fn[j]) for j in news]
            for i in olds:
                a = fo[i]
                for j, b in new_features:
                    if known is None or not known.found_implausible(i, j):
                        w = weigh(a, b)
                        if w > 0:
                            weights[(i, j)] = w
        return Scored(weights, frozenset(olds), frozenset(news))
    forward = _indexed_pairs(olds, news, fo, fn)
    backward = _indexed_pairs(news, olds, fn, fo)
    pairs = set(forward).union((i, j) for j, i in backward)
    for i, j in pairs:
        if known is None or not known.found_implausible(i, j):
            w = weigh(fo[i], fn[j])
            if w > 0:
                weights[(i, j)] = w
    return Scored(weights, frozenset(olds), frozenset(news), frozenset(pairs))


def _indexed_pairs(
    olds: list[int], news: list[int], fo: FeatureList, fn: FeatureList
) -> list[tuple[int, int]]:
    """Each old sentence with the new ones sharing most of its rarest words."""
    postings = _postings(news, fn)
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


def _postings(news: list[int], fn: FeatureList) -> dict[str, list[int]]:
    """Inverted index: each word to the sentences holding it, in the order given."""
    postings: dict[str, list[int]] = defaultdict(list)
    for j in news:
        for word in fn[j].uni:
            postings[word].append(j)
    return postings
