"""(old sentences, new sentences) -> alignments. Pure.

1. Candidates (`candidates.py`): sentences whose typographic key (`normalize_typography`) is
   equal in both versions, and, among the sentences left without an identical partner, similar
   pairs (word and bigram Dice, or containment when one side grew; `features.py`). Large
   sets get their candidates from an inverted index on each sentence's rarest words, so no step
   scores all pairs of a long article.
2. Backbone (`chain.py`): the max-weight chain of candidates in order in both versions (a
   weighted LIS, with closeness of relative position breaking ties): "same" or "edited" pairs.
   When two blocks trade places the longer block wins the chain, so the shorter one is the one
   reported moved.
3. Splits and merges (`pairs.py`): an edited pair grows to (1 old, 2 adjacent new) or the
   reverse when the joined text matches clearly better.
4. Moves (`pairs.py`): identical or similar sentences still unpaired are paired across the
   chain: "moved".
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.align.candidates import edit_scores, identical_pairs, similar_pairs
from tracker.align.chain import best_chain, with_closeness
from tracker.align.features import FeatureList, pair_score, sentence_features
from tracker.align.pairs import grow_splits, leftover_identical, match_moves
from tracker.extract.typography import normalize_typography
from tracker.models import Alignment

__all__ = ["align_sentences", "normalize_typography", "similarity"]

# Below this many sentences, n "same" pairs (weight 1.05 each) outweigh any chain of n - 1
# pairs (each at most 1.05 plus a jitter under 4.3e-6): the in-order match is provably the best.
_UNCHANGED_PROOF_MAX = 200_000


def similarity(a: str, b: str) -> float:
    """Word and word-bigram Dice similarity of two sentences, 0.0 (unrelated) to 1.0."""
    return pair_score(sentence_features(a), sentence_features(b))


def align_sentences(old: Sequence[str], new: Sequence[str]) -> list[Alignment]:
    """Align two sentence lists; every index appears in exactly one Alignment."""
    if len(old) <= _UNCHANGED_PROOF_MAX and list(old) == list(new):
        # The common update that leaves the body alone: what the steps below would find, at
        # no cost (no typographic key is worked out).
        return [Alignment("same", (i,), (i,)) for i in range(len(old))]
    fo = FeatureList(old)
    fn = FeatureList(new)
    identical = identical_pairs(fo, fn)
    edits = edit_scores(identical, fo, fn)
    similar = similar_pairs(edits)
    cands = with_closeness([*identical, *similar], fo, fn)
    chain = best_chain(cands)
    pairs = grow_splits(chain, fo, fn)
    pairs += leftover_identical(identical, pairs)
    pairs += match_moves(pairs, fo, fn, edits)
    return _reading_order(pairs, len(fo), len(fn))


def _reading_order(pairs: list[Alignment], n_old: int, n_new: int) -> list[Alignment]:
    """New version's reading order; removed sentences right after their old predecessor."""
    used_old = {i for p in pairs for i in p.old}
    used_new = {j for p in pairs for j in p.new}
    pairs = pairs + [Alignment("added", (), (j,)) for j in range(n_new) if j not in used_new]
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
            keyed.append(((anchor, 2, i), Alignment("removed", (i,), ())))
    keyed.sort(key=lambda kp: kp[0])
    return [p for _, p in keyed]
