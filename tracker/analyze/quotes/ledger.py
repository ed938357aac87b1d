"""Two versions' quotes -> what was added, removed, reworded or re-attributed. Pure.

Quotes are matched by content, not position: first the ones whose words are the same and whose
speakers can be one person (unchanged, not reported), then the most similar remaining pairs by
word overlap (changed: reworded, re-attributed or both). What is left is added or removed.

A speaker that only changed form ("Mr. Smith" -> "John Smith") or that one version names and the
other leaves unattributed is not a re-attribution: a changed pair then carries one speaker, the
fuller name, on both sides. Only two different people make a re-attribution.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import deque
from collections.abc import Sequence
from itertools import accumulate

from tracker.analyze.people.mentions import same_person
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
    if list(old_paragraphs) == list(new_paragraphs) or list(old_sentences) == list(new_sentences):
        return QuoteLedger()  # the same text (its paragraphs apart) holds the same quotes
    old = _placed(old_paragraphs, old_sentences)
    new = _placed(new_paragraphs, new_sentences)
    old, new = _drop_unchanged(old, new)
    pairs = _pair_similar(old, new)
    paired_old = {id(a) for a, _ in pairs}
    paired_new = {id(b) for _, b in pairs}
    changed = [_one_speaker(a, b) for a, b in pairs]
    return QuoteLedger(
        added=tuple(q for q in new if id(q) not in paired_new),
        removed=tuple(q for q in old if id(q) not in paired_old),
        changed=tuple(sorted(changed, key=lambda p: (p[1].sentence, p[0].sentence))),
    )


def appended_quotes(
    new_paragraphs: Sequence[str], new_sentences: Sequence[str], start: int
) -> QuoteLedger:
    """The quotes of a block appended after an unchanged text (from sentence `start` on), kept
    apart: such a block is far more often a restored page than news, and the text before it,
    unchanged, holds the quotes it held."""
    late = tuple(q for q in _placed(new_paragraphs, new_sentences) if q.sentence >= start)
    return QuoteLedger(appended=late)


def _placed(paragraphs: Sequence[str], sentences: Sequence[str]) -> list[QuoteRef]:
    """Quotes of one version with the index of the sentence holding each quote's start."""
    text = "\n\n".join(paragraphs)
    starts = list(accumulate((_solid(s) for s in sentences), initial=0))[:-1]
    refs = []
    position = spaces = 0
    for q in sorted(extract_quotes(text), key=lambda q: q.start):
        gap = text[position : q.start]
        spaces += len(gap) - _solid(gap)
        position = q.start
        solid = q.start - spaces
        index = max(0, bisect.bisect_right(starts, solid) - 1) if sentences else 0
        refs.append(QuoteRef(q.text, q.speaker, q.cue, index))
    return refs


def _solid(text: str) -> int:
    """Count of non-space characters: sentence splitting keeps every one of them, in order.
    (`str.split` splits at the characters regex `\\s` matches, and of those only the plain space
    is printable: a printable text's spaces are its plain spaces.)"""
    if text.isprintable():
        return len(text) - text.count(" ")
    return len("".join(text.split()))


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(text))


def _one_person(a: str | None, b: str | None) -> bool:
    """Whether two speakers can be one person: the same name in any form, or one of them not
    named (an unattributed side is no claim that someone else spoke)."""
    if a is None or b is None:
        return True
    return a == b or same_person(a, b) or " ".join(_words(a)) == " ".join(_words(b))


def _one_speaker(old: QuoteRef, new: QuoteRef) -> tuple[QuoteRef, QuoteRef]:
    """A changed pair whose speakers are one person, written the same way on both sides (the
    fuller name); two different people are left as they are (a re-attribution)."""
    if old.speaker == new.speaker or not _one_person(old.speaker, new.speaker):
        return old, new
    names = [s for s in (new.speaker, old.speaker) if s]
    speaker = max(names, key=lambda s: len(s.split()))
    return dataclasses.replace(old, speaker=speaker), dataclasses.replace(new, speaker=speaker)


def _drop_unchanged(
    old: list[QuoteRef], new: list[QuoteRef]
) -> tuple[list[QuoteRef], list[QuoteRef]]:
    """Remove pairs with the same words whose speakers can be one person (one for one; the
    same speaker string first, else the earliest new quote whose speaker fits). New quotes
    wait per words and speaker, so a text repeating one quote costs one look-up per quote."""
    waiting: dict[tuple[str, ...], dict[str | None, deque[int]]] = {}
    for i, q in enumerate(new):
        waiting.setdefault(_words(q.text), {}).setdefault(q.speaker, deque()).append(i)
    gone_new: set[int] = set()
    kept_old = []
    for q in old:
        by_speaker = waiting.get(_words(q.text), {})
        queue = by_speaker.get(q.speaker)
        if not queue:
            fitting = [
                line for speaker, line in by_speaker.items()
                if line and _one_person(q.speaker, speaker)
            ]  # fmt: skip
            queue = min(fitting, key=lambda line: line[0], default=None)
        if queue:
            gone_new.add(queue.popleft())
        else:
            kept_old.append(q)
    return kept_old, [q for i, q in enumerate(new) if i not in gone_new]


def _similarity(sa: frozenset[str], sb: frozenset[str]) -> float:
    """Word overlap: Dice of the word sets, or containment when one quote grew or shrank."""
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
    old_words = [frozenset(_words(q.text)) for q in old]
    new_words = [frozenset(_words(q.text)) for q in new]
    scored = sorted(  # the pairs similar enough, best first
        entry
        for entry in (
            (-_similarity(a, b), abs(old[i].sentence - new[j].sentence), i, j)
            for i, a in enumerate(old_words)
            for j, b in enumerate(new_words)
        )
        if -entry[0] >= _SAME_CONTENT
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for _, _, i, j in scored:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((old[i], new[j]))
    return pairs
