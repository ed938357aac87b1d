"""Words and punctuation marks of an attribution frame, as `speakers` reads them."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from tracker.analyze.quotes.speech_words import TITLES

_TOKEN = re.compile(r"\w[\w’'\-.&]*|[^\w\s·]")
_ASIDE = re.compile(r"\([^()\n]{1,24}\)")
_CONTRACTION = re.compile(r"(?i)(he|she|they|it|we|i|you)[’'](?:s|d|ll|re|ve)$")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")


class Tok(NamedTuple):
    """One word or punctuation mark of a frame and where it is (a tuple: cheap to make)."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Tok]:
    """Words and punctuation marks of `text`; abbreviations and initials keep their periods."""
    return list(iter_tokens(text))


def iter_tokens(text: str) -> Iterator[Tok]:
    """`tokenize`, one token at a time (a caller that needs only the first few stops early)."""
    if "(" in text:
        text = _ASIDE.sub(lambda m: " " * len(m.group()), text)
    for m in _TOKEN.finditer(text):
        word = m.group()
        start, end = m.span()
        contraction = _CONTRACTION.match(word) if "'" in word or "’" in word else None
        if contraction:
            cut = start + contraction.end(1)
            yield Tok(contraction.group(1), start, cut)
            yield Tok(word[contraction.end(1) :], cut, end)
        elif word[-1] == "." and len(word) > 1 and not _is_abbreviation(word):
            yield Tok(word[:-1], start, end - 1)
            yield Tok(".", end - 1, end)
        else:
            yield Tok(word, start, end)


@functools.lru_cache(maxsize=64)
def frame_tokens(text: str) -> tuple[Tok, ...]:
    """`tokenize`, remembered for the last few frames: several rules read the same frame
    (`attribute_before`, then `attribute_subject`), and two versions of one article share most."""
    return tuple(tokenize(text))


def _is_abbreviation(word: str) -> bool:
    return word[:-1] in TITLES or _INITIALS.fullmatch(word) is not None
