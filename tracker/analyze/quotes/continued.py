"""Quotes that continue another: an unattributed quote in the same run of sentences as a
neighbour's quote, or opening the paragraph after its speaker's lead-in, takes that speaker."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.analyze.quotes.scan import Span
from tracker.analyze.quotes.sentences import sentence_at
from tracker.analyze.quotes.speakers import Attribution, attribute_before, attribute_subject
from tracker.analyze.quotes.speech_words import CUES

_DEMEANOR_WORDS = 5
_PARTICIPLE_LEAD = re.compile(r"(?:And\s+)?[A-Z][a-z]+ing(?:\s+that)?\s*[,:]?")
_DEMEANOR = frozenset(
    """sighs sighed pauses paused shrugs shrugged smiles smiled laughs laughed nods nodded
    grins grinned""".split()
)


def inherit_speakers(
    masked: str,
    sentences: Sequence[tuple[int, int]],
    kept: Sequence[tuple[Span, Attribution | None]],
) -> list[tuple[Span, Attribution | None]]:
    """An unattributed quote continuing a neighbour's quote (or paragraph) takes its speaker."""
    out = list(kept)
    for i, (span, found) in enumerate(kept):
        if found is None:
            out[i] = (span, _neighbour(masked, sentences, out, i))
    for i in range(len(out) - 2, -1, -1):
        span, found = out[i]
        if found is None and _same_run(masked, sentences, span, out[i + 1][0]):
            out[i] = (span, out[i + 1][1])
    return out


def _neighbour(
    masked: str,
    sentences: Sequence[tuple[int, int]],
    done: Sequence[tuple[Span, Attribution | None]],
    i: int,
) -> Attribution | None:
    span = done[i][0]
    before = done[i - 1][1] if i > 0 else None
    if before and _same_run(masked, sentences, done[i - 1][0], span, before.position):
        return before
    start = sentences[sentence_at(sentences, span.open)][0]
    if _PARTICIPLE_LEAD.fullmatch(masked[start : span.open].strip()):
        return _goes_on(masked, sentences, done, i)
    if not masked[start : span.open].strip():
        return _previous_paragraph_speaker(masked, sentences, done, i)
    return None


def _goes_on(
    masked: str,
    sentences: Sequence[tuple[int, int]],
    done: Sequence[tuple[Span, Attribution | None]],
    i: int,
) -> Attribution | None:
    """`Lee stated that the report “wasn’t good.” Adding, “…”`: a sentence that opens with a
    bare participle goes on with the speaker of the sentence before it in the paragraph."""
    span = done[i][0]
    k = sentence_at(sentences, span.open) - 1
    if k < 0 or "\n" in masked[sentences[k][1] : span.open]:
        return None
    start, end = sentences[k]
    if i > 0 and done[i - 1][0].close >= start and done[i - 1][1]:
        return done[i - 1][1]
    return attribute_before(masked[start:end], start) or attribute_subject(masked[start:end], start)


def _same_run(
    masked: str, sentences: Sequence[tuple[int, int]], a: Span, b: Span, tag: int = -1
) -> bool:
    """Whether quote `b` follows quote `a` (or its tag, `“…!” Maher replied.`) in the same or
    the next sentence of one paragraph."""
    if "\n" in masked[a.close : b.open]:
        return False
    last = sentence_at(sentences, max(a.close, tag if tag < b.open else -1))
    return sentence_at(sentences, b.open) - last <= 1


def _previous_paragraph_speaker(
    masked: str,
    sentences: Sequence[tuple[int, int]],
    done: Sequence[tuple[Span, Attribution | None]],
    i: int,
) -> Attribution | None:
    span = done[i][0]
    k = sentence_at(sentences, span.open) - 1
    if k < 0 or "\n\n\n" in masked[sentences[k][1] : span.open].replace(" ", ""):
        return None
    start, end = sentences[k]
    if i > 0 and done[i - 1][0].close >= start:
        return done[i - 1][1]
    found = attribute_before(masked[start:end], start)
    lead_in = masked[start:end].rstrip().endswith(":") or _demeanor(masked, start, end)
    if found is None and lead_in:
        found = attribute_subject(masked[start:end], start)
    return found


def _demeanor(masked: str, start: int, end: int) -> bool:
    """`She sighs. “I'm 50/50.”`: a sentence of a few words that ends in a verb of speaking or
    of manner (sighs, pauses, shrugs) hands the quote after it to its subject."""
    words = masked[start:end].split()
    if not 2 <= len(words) <= _DEMEANOR_WORDS or not words[-1].endswith("."):
        return False
    verb = words[-1].rstrip(".")
    return verb in _DEMEANOR or verb in CUES
