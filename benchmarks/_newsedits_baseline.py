"""Baseline sentence matchers for bench_align.py.

- `lexical_edges`: a NewsEdits-style matcher (Spangher et al. 2022): every sentence's best partner
  on the other side by a BLEU-2-like n-gram precision (geometric mean of unigram and bigram
  precision), taken in both directions and kept above a threshold; all pairs are scored.
- `difflib_edges`: difflib.SequenceMatcher over whole sentences; "equal" runs are edges and a
  "replace" run of equal length on both sides is paired position by position.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Sequence

_WORD = re.compile(r"\w+")
Edge = tuple[int, int]
THRESHOLD = 0.6  # tuned by bench_align.py --tune on a seed apart from the reported one


def _grams(sentence: str) -> tuple[Counter[str], Counter[str]]:
    words = _WORD.findall(sentence.lower())
    bigrams = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    return Counter(words), Counter(bigrams)


def _precision(hyp: Counter[str], ref: Counter[str]) -> float:
    total = sum(hyp.values())
    if not total:
        return 0.0
    return sum(min(n, ref[g]) for g, n in hyp.items()) / total


def _bleu2(hyp: tuple[Counter[str], Counter[str]], ref: tuple[Counter[str], Counter[str]]) -> float:
    p1 = _precision(hyp[0], ref[0])
    p2 = _precision(hyp[1], ref[1]) if hyp[1] else p1
    return math.sqrt(p1 * p2) if p1 and p2 else 0.0


def best_partners(old: Sequence[str], new: Sequence[str]) -> list[tuple[float, int, int]]:
    """Each sentence's best partner on the other side, both directions: (score, old, new).

    Ties (repeated sentences) go to the partner closest in relative position.
    """
    go = [_grams(s) for s in old]
    gn = [_grams(s) for s in new]
    so, sn = max(1, len(go) - 1), max(1, len(gn) - 1)
    out: list[tuple[float, int, int]] = []
    for i, a in enumerate(go):
        scores = [(_bleu2(a, b), -abs(i / so - j / sn), j) for j, b in enumerate(gn)]
        if scores:
            best, _, j = max(scores)
            out.append((best, i, j))
    for j, b in enumerate(gn):
        scores = [(_bleu2(b, a), -abs(i / so - j / sn), i) for i, a in enumerate(go)]
        if scores:
            best, _, i = max(scores)
            out.append((best, i, j))
    return out


def lexical_edges(
    old: Sequence[str], new: Sequence[str], threshold: float = THRESHOLD
) -> set[Edge]:
    return {(i, j) for score, i, j in best_partners(old, new) if score >= threshold}


def difflib_edges(old: Sequence[str], new: Sequence[str]) -> set[Edge]:
    sm = difflib.SequenceMatcher(a=list(old), b=list(new), autojunk=False)
    edges: set[Edge] = set()
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            edges.update((i1 + k, j1 + k) for k in range(i2 - i1))
    return edges
