"""Who a sentence attributes what it says to: "the Rialto police" said, "according to the
Health Ministry", '"...," said Mr. King', and whether that source speaks for an institution.
Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.analyze.claims import is_cue
from tracker.analyze.claims import lexicon as claims_lx
from tracker.analyze.claims.text import Token, span
from tracker.analyze.facts import lexicon as lx

_INVERTED = frozenset("said says added adds wrote writes".split())
# Function words a source may hold ("a spokesman for the Ministry of Home Affairs").
_JOINERS = frozenset("the a an of for in at from with and".split())
_PASSIVE = frozenset("be been being is are was were to".split())
_LONGEST = 7  # words in a source


_APPOSITION = re.compile(r",\s+(?:a|an|the)\s[^,;]*")
_TOLD = frozenset("told tells tell telling".split())


@dataclass(frozen=True, slots=True)
class Source:
    text: str  # "" when the sentence attributes to a pronoun ("he said") or to no one
    official: bool  # speaks for an institution
    attributed: bool  # the sentence reports what someone said
    start: int = 0  # where the source's words (and a description after them) stand
    end: int = 0
    audience: tuple[int, int] = (0, 0)  # whom it was told to ("told The Los Angeles Times")


def source_of(tokens: Sequence[Token], text: str, persons: frozenset[str]) -> Source:
    """The source of the sentence's first attribution."""
    attributed = False
    audience = (0, 0)
    for i in range(len(tokens)):
        if tokens[i].key not in claims_lx.CUES or not is_cue(tokens, i):  # a cue's word first
            continue
        attributed = True
        if tokens[i].key in _TOLD and i + 1 < len(tokens):
            told = _phrase_after(tokens, text, i + 1)
            if told:
                audience = (told[0].start, told[-1].end)
        words = _phrase_of(tokens, text, i)
        if words:
            keys = {t.key for t in words}
            named = any(t.capital and t.key in persons for t in words)
            official = bool(keys & lx.OFFICIAL) or (named and bool(keys & lx.OFFICIAL_ROLES))
            shown = span(list(words), text)
            start = words[0].start
            end = _apposition_end(text, start + len(shown))
            return Source(shown, official, True, start, end, audience)
    return Source("", False, attributed, audience=audience)


def _apposition_end(text: str, end: int) -> int:
    """Where a description of the source that follows it ends (", a geologist at Dunmore
    University,"); `end` when none follows."""
    m = _APPOSITION.match(text, end)
    return m.end() if m else end


def _phrase_of(tokens: Sequence[Token], text: str, cue: int) -> Sequence[Token]:
    if tokens[cue].key == "according":
        return _phrase_after(tokens, text, cue + 2)
    gap = text[tokens[cue - 1].end : tokens[cue].start] if cue > 0 else ""
    if cue > 0 and not gap.strip():
        return _phrase_before(tokens, text, cue)
    nxt = tokens[cue + 1] if cue + 1 < len(tokens) else None
    inverted = tokens[cue].key in _INVERTED and ('"' in gap or "," in gap)
    if nxt is not None and inverted and (nxt.capital or nxt.key == "the" or '"' in gap):
        after = _phrase_after(tokens, text, cue + 1)  # '," said Mr. King.'
        end = cue + 1 + len(after)
        if after and (end == len(tokens) or "," in text[after[-1].end : tokens[end].start]):
            return after
    if "," in gap:  # an apposition closes just before the cue: the sentence's subject speaks
        return _phrase_after(tokens, text, 0)
    return []


def _source_word(t: Token) -> bool:
    return t.key in _JOINERS or (
        t.key not in claims_lx.FUNCTION and t.key not in claims_lx.CUES and t.key[0].isalpha()
    )


def _phrase_before(tokens: Sequence[Token], text: str, cue: int) -> Sequence[Token]:
    """The noun phrase just before a cue ('the Rialto police' said); none for a passive ('to
    be announced')."""
    if cue > 0 and tokens[cue - 1].key in _PASSIVE:
        return []
    start = cue
    while start > 0 and cue - start < _LONGEST:
        t = tokens[start - 1]
        between = text[t.end : tokens[start].start]
        if "," in between or '"' in between or not _source_word(t):
            break
        start -= 1
    return _trimmed(tokens[start:cue])


def _phrase_after(tokens: Sequence[Token], text: str, first: int) -> Sequence[Token]:
    end = first
    while end < len(tokens) and end - first < _LONGEST and _source_word(tokens[end]):
        if end > first and set(text[tokens[end - 1].end : tokens[end].start]) - set(" ."):
            break
        end += 1
    return _trimmed(tokens[first:end])


def _trimmed(words: Sequence[Token]) -> Sequence[Token]:
    while words and words[0].key in _JOINERS - {"the", "a", "an"}:
        words = words[1:]
    while words and words[-1].key in _JOINERS:
        words = words[:-1]
    if not words or all(t.key in lx.STOP for t in words):
        return []
    return words
