"""The backbone for `tracker.align`: the max-weight chain of candidates in order. Pure.

A weighted longest increasing subsequence over (old, new) candidate pairs, with closeness of
relative position breaking ties between equally good partners.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker.align.candidates import Candidate
from tracker.align.features import FeatureList, jitter


def with_closeness(cands: list[Candidate], fo: FeatureList, fn: FeatureList) -> list[Candidate]:
    """Break ties between equally good partners by how close their relative positions are."""
    so, sn = max(1, len(fo) - 1), max(1, len(fn) - 1)
    return [
        (i, j, w + 0.05 * (1 - abs(i / so - j / sn)) + jitter(i, j, fo, fn)) for i, j, w in cands
    ]


def best_chain(cands: Iterable[Candidate]) -> list[tuple[int, int]]:
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
        if total > best:
            best = total
    chain: list[tuple[int, int]] = []
    n = best[1]
    while n >= 0:
        chain.append((ordered[n][0], ordered[n][1]))
        n = back[n]
    return chain[::-1]


def _prefix_max(tree: list[tuple[float, int]], r: int) -> tuple[float, int]:
    best = (0.0, -1)
    while r > 0:
        if tree[r] > best:
            best = tree[r]
        r -= r & -r
    return best


def _update(tree: list[tuple[float, int]], r: int, value: tuple[float, int]) -> None:
    while r < len(tree):
        if value > tree[r]:
            tree[r] = value
        r += r & -r
