"""Two versions' quotes -> what was added, removed, reworded or re-attributed. Pure.

Quotes are matched by content, not position: first the ones whose words and speaker are the
same (unchanged, not reported), then the most similar remaining pairs by word overlap (changed:
reworded, re-attributed or both). What is left is added or removed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from itertools import accumulate

from tracker.analyze.quotes import extract_quotes
from tracker.models import QuoteLedger, QuoteRef

_WORD = re.compile(r"\w+")
_SAME_CONTENT = 0.5


def quote_ledger(
    old_paragraphs: Sequence[str],
    new_paragraphs: Sequence[str],
    old_sentences: Sequence[str],
    new_sentences: Sequence[str],
) -> QuoteLedger:
    """The quotes that changed between two versions, each placed in its version's sentences."""
    old = _placed(old_paragraphs, old_sentences)
    new = _placed(new_paragraphs, new_sentences)
    old, new = _drop_unchanged(old, new)
    changed = _pair_similar(old, new)
    paired_old = {id(a) for a, _ in changed}
    paired_new = {id(b) for _, b in changed}
    return QuoteLedger(
        added=tuple(q for q in new if id(q) not in paired_new),
        removed=tuple(q for q in old if id(q) not in paired_old),
        changed=tuple(sorted(changed, key=lambda p: (p[1].sentence, p[0].sentence))),
    )


_SPACE = re.compile(r"\s")


def _placed(paragraphs: Sequence[str], sentences: Sequence[str]) -> list[QuoteRef]:
    """Quotes of one version with the index of the sentence holding each quote's start."""
    text = "\n\n".join(paragraphs)
    starts = list(accumulate((_solid(s) for s in sentences), initial=0))[:-1]
    refs = []
    position = spaces = 0
    for q in sorted(extract_quotes(text), key=lambda q: q.start):
        spaces += len(_SPACE.findall(text, position, q.start))
        position = q.start
        solid = q.start - spaces
        index = max(0, bisect.bisect_right(starts, solid) - 1) if sentences else 0
        refs.append(QuoteRef(q.text, q.speaker, q.cue, index))
    return refs


def _solid(text: str) -> int:
    """Count of non-space characters: sentence splitting keeps every one of them, in order."""
    return len(text) - len(_SPACE.findall(text))


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(text))


def _speaker_key(speaker: str | None) -> str:
    return " ".join(_words(speaker or ""))


def _drop_unchanged(
    old: list[QuoteRef], new: list[QuoteRef]
) -> tuple[list[QuoteRef], list[QuoteRef]]:
    """Remove pairs with the same words and the same speaker (one for one)."""
    waiting: dict[tuple[tuple[str, ...], str], list[int]] = {}
    for i, q in enumerate(new):
        waiting.setdefault((_words(q.text), _speaker_key(q.speaker)), []).append(i)
    gone_new: set[int] = set()
    kept_old = []
    for q in old:
        slot = waiting.get((_words(q.text), _speaker_key(q.speaker)))
        if slot:
            gone_new.add(slot.pop(0))
        else:
            kept_old.append(q)
    return kept_old, [q for i, q in enumerate(new) if i not in gone_new]


def _similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Word overlap: Dice of the word sets, or containment when one quote grew or shrank."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    common = len(sa & sb)
    dice = 2 * common / (len(sa) + len(sb))
    contained = common / min(len(sa), len(sb)) if min(len(sa), len(sb)) >= 3 else 0.0
    return max(dice, 0.9 * contained)


def _pair_similar(
    old: Sequence[QuoteRef], new: Sequence[QuoteRef]
) -> list[tuple[QuoteRef, QuoteRef]]:
    """Greedy best-first pairing of quotes whose words overlap enough to be the same quote."""
    old_words = [_words(q.text) for q in old]
    new_words = [_words(q.text) for q in new]
    scored = sorted(
        (
            (-_similarity(a, b), abs(old[i].sentence - new[j].sentence), i, j)
            for i, a in enumerate(old_words)
            for j, b in enumerate(new_words)
        ),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for neg, _, i, j in scored:
        if -neg < _SAME_CONTENT:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((old[i], new[j]))
    return pairs
