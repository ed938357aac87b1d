"""Cue words and phrases: which token is a speech verb ("said", "according to", "pointed out")
and the words that belong with it ("told reporters", "said in a statement")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.analyze.quotes.phrases import np_after
from tracker.analyze.quotes.speech_words import (
    BACK_VERBS,
    CUES,
    NOT_AFTER_CALLED,
    PARTICIPLES,
    SUBJECT_CUES,
)
from tracker.analyze.quotes.tokens import Tok

# Every word `is_cue` can accept: the rest are rejected before its special cases.
_MAYBE_CUES = (
    CUES
    | SUBJECT_CUES
    | PARTICIPLES
    | BACK_VERBS
    | frozenset("called calls calling put puts pointed according".split())
)
_AGREE = frozenset("agree agrees agreed disagree disagrees disagreed".split())
_CUE_TAIL = re.compile(
    r"(?:\s*,[^,.“”\"]{1,40},)?\s*(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?,?\s+|(?:late|early|last|this)\s+\w+\s+)?"
    r"((?:in|on|at|during|via|through)\s+(?:a|an|the|his|her|their|its)?\s*(?:[\w’'-]+\s+){0,3}?"
    r"(?:statement|interview|tweet|post|e-?mail|speech|conference|briefing|release|letter|video"
    r"|message|appearance|hearing|rally|Twitter|Facebook|Instagram|op-ed|call|column|memo|filing"
    r"|broadcast|podcast|radio|television|program|show)s?)\b"
)


def is_cue(toks: Sequence[Tok], i: int) -> bool:
    """Whether token `i` is a cue verb where it stands ("according to", "shot back", not
    "called for")."""
    word = toks[i].text.lower()
    if word not in _MAYBE_CUES:
        return False
    if i > 0 and toks[i].text[:1].isupper() and word != "according":
        return False
    if word in BACK_VERBS:
        return i + 1 < len(toks) and toks[i + 1].text.lower() == "back"
    if word in ("called", "calls", "calling"):
        nxt = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
        return nxt not in NOT_AFTER_CALLED
    if word in ("put", "puts"):
        return i + 1 < len(toks) and toks[i + 1].text.lower() == "it"
    if word == "pointed":
        return i + 1 < len(toks) and toks[i + 1].text.lower() == "out"
    if word == "according":
        return i + 1 < len(toks) and toks[i + 1].text.lower() == "to"
    if word in _AGREE:
        return i + 1 >= len(toks) or toks[i + 1].text.lower() != "to"  # `agreed to pay`: a deed
    return word in CUES or word in SUBJECT_CUES or word in PARTICIPLES


def cue_phrase(text: str, toks: Sequence[Tok], cue: int, after: int) -> tuple[str, int]:
    """The cue's words ("told reporters", "said in a statement") and the index after them."""
    word = toks[cue].text
    end = cue + 1
    if word.lower() in ("according", "pointed"):
        return f"{word} {toks[cue + 1].text}", cue + 2
    if word.lower() in ("told", "tells", "tell", "telling", "asked") and end < len(toks):
        obj = np_after(toks, end)
        if obj and obj[1] == len(toks) and obj[1] - obj[0] > 1:
            obj = (obj[0], obj[0] + 1)
        if obj and obj[1] - obj[0] <= 4:
            end = obj[1]
    phrase = text[toks[cue].start : toks[end - 1].end]
    tail_from = toks[max(end, after) - 1].end
    tail = _CUE_TAIL.match(text, tail_from)
    if tail:
        phrase = f"{phrase} {tail.group(1)}"
    return phrase, end
