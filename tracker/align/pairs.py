"""Labelled pairs for `tracker.align`: the chain grown to splits and merges, then moves. Pure.

An edited pair of the chain grows to (1 old, 2 adjacent new) or the reverse when the joined text
matches clearly better. Identical or similar sentences still unpaired are paired across the
chain: "moved".
"""

from __future__ import annotations

from tracker.align.candidates import Candidate, Scored, scored_candidates
from tracker.align.features import (
    FeatureList,
    Features,
    containment,
    fact_containment,
    jitter,
    pair_score,
    ranked,
    sentence_features,
)
from tracker.models import Alignment

_MOVE_MIN = 0.5  # least similarity for a pair across gaps (a moved sentence)
_SPLIT_GAIN = 0.06  # how much a split/merge must raise the similarity over the 1-1 pair ...
_SPLIT_GAIN_CONTAINED = 0.005  # ... or less when the neighbour's words nearly all reappear


# -- splits and merges ----------------------------------------------------------------------


def grow_splits(chain: list[tuple[int, int]], fo: FeatureList, fn: FeatureList) -> list[Alignment]:
    """Turn the chain into pairs, extending edited ones to splits or merges where it fits."""
    free_old = set(range(len(fo))) - {i for i, _ in chain}
    free_new = set(range(len(fn))) - {j for _, j in chain}
    out: list[Alignment] = []
    for i, j in chain:
        if fo.keys[i] == fn.keys[j]:
            out.append(Alignment("same", (i,), (j,)))
            continue
        old_side, new_side = _best_join(i, j, free_old, free_new, fo, fn)
        free_old.difference_update(old_side)
        free_new.difference_update(new_side)
        out.append(Alignment("edited", old_side, new_side))
    return out


def _best_join(
    i: int, j: int, free_old: set[int], free_new: set[int], fo: FeatureList, fn: FeatureList
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The best of: the 1-1 pair, a split with a free new neighbour, a merge with an old one."""
    base = pair_score(fo[i], fn[j])
    best: tuple[float, tuple[int, ...], tuple[int, ...]] = (0.0, (i,), (j,))
    for nb in (j - 1, j + 1):
        gain = _join_gain(fo[i], j, nb, base, free_new, fn)
        if gain:
            best = max(best, (gain + jitter(i, nb, fo, fn), (i,), (min(j, nb), max(j, nb))))
    for nb in (i - 1, i + 1):
        gain = _join_gain(fn[j], i, nb, base, free_old, fo)
        if gain:
            best = max(best, (gain + jitter(nb, j, fo, fn), (min(i, nb), max(i, nb)), (j,)))
    return best[1], best[2]


def _join_gain(
    one: Features, k: int, nb: int, base: float, free: set[int], feats: FeatureList
) -> float:
    """How much joining free neighbour `nb` to `k` raises the match with `one` (0.0: not enough)."""
    contained = containment(feats[nb], one) if nb in free else 0.0
    if contained < 0.5 or fact_containment(feats[nb], one) < 0.5:
        return 0.0
    lo, hi = min(k, nb), max(k, nb)
    gain = pair_score(one, sentence_features(f"{feats.keys[lo]} {feats.keys[hi]}")) - base
    needed = _SPLIT_GAIN_CONTAINED if contained >= 0.8 else _SPLIT_GAIN
    return gain if gain > needed else 0.0


# -- moves -----------------------------------------------------------------------------------


def leftover_identical(identical: list[Candidate], pairs: list[Alignment]) -> list[Alignment]:
    """Identical sentences off the in-order chain: moved."""
    used_old = {i for p in pairs for i in p.old}
    used_new = {j for p in pairs for j in p.new}
    out: list[Alignment] = []
    for i, j, _ in identical:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            out.append(Alignment("moved", (i,), (j,)))
    return out


def match_moves(
    pairs: list[Alignment], fo: FeatureList, fn: FeatureList, edits: Scored
) -> list[Alignment]:
    """Pair leftovers across gaps: each a sentence that changed its position (and maybe words).

    A pair too unlike to be an edit (`edits`) is too unlike to be a move (`_MOVE_MIN` is above
    `EDIT_MIN`, and containment alone never makes a move): it is not weighed again.
    """
    used_old = {i for p in pairs for i in p.old}
    used_new = {j for p in pairs for j in p.new}
    olds = [i for i in range(len(fo)) if i not in used_old]
    news = [j for j in range(len(fn)) if j not in used_new]
    if not olds or not news:
        return []
    scored = scored_candidates(olds, news, fo, fn, _move_weight, edits)
    out: list[Alignment] = []
    ranked_pairs = sorted(
        scored.weights.items(), key=lambda item: -item[1] - jitter(item[0][0], item[0][1], fo, fn)
    )
    for (i, j), _ in ranked_pairs:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            out.append(Alignment("moved", (i,), (j,)))
    return out


def _move_weight(a: Features, b: Features) -> float:
    score = pair_score(a, b)
    return ranked(score, a, b) if score >= _MOVE_MIN else 0.0
