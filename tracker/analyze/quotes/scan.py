"""Quotation marks paired into quotations, paragraph by paragraph: straight or curly, their
direction read from the characters around each mark; a quote left open at a paragraph's end
continues when the next paragraph reopens the mark. Single marks inside a quote are nested
quotes, part of its words."""

from __future__ import annotations

import bisect
import itertools
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass

MARKS = frozenset('"“”„«»')
_MARK = re.compile('["“”„«»]')
_OPENERS = frozenset("“„«")
_CLOSERS = frozenset("”»")
_OPEN_BEFORE = frozenset("([{—–-/:;")
_CLOSE_AFTER = frozenset(".,;:!?)]}—–-'’…")
WORD = re.compile(r"\w+(?:[’'.-]\w+)*")
PARAGRAPH = re.compile(r"[^\n]+")
NAMED_TITLE_WORDS = 12  # the most words a title has when its context names a work
_MARKUP = re.compile(r"<[A-Za-z/][^<>]{0,400}>")


@dataclass(frozen=True, slots=True)
class Span:
    """One quotation as scanned: marks, the word ranges inside them (one per paragraph), and
    its first words."""

    open: int
    close: int
    pieces: tuple[tuple[int, int], ...]
    words: tuple[str, ...]


def scan(text: str) -> list[Span]:
    """Every quotation of `text` that holds a word, in text order."""
    spans: list[tuple[int, int, tuple[tuple[int, int], ...]]] = []
    first = -1
    pieces: list[tuple[int, int]] = []
    last_end = 0
    markup = _markup(text)
    for para in PARAGRAPH.finditer(text):
        lo, hi = para.span()
        if pieces and not _reopens(text, lo, hi):
            spans.append((first, last_end, tuple(pieces)))
            pieces = []
        opened = -1
        for mark in _MARK.finditer(text, lo, hi):
            i = mark.start()
            if markup and _inside(markup, i):
                continue
            role = _role(text, i, lo, hi) or ("close" if opened >= 0 else "open")
            if role == "open" and (opened < 0 or text[i] in _OPENERS):
                if opened >= 0 and text[opened] != '"':
                    pieces = []
                opened = i
                first = i if not pieces else first
            elif role == "close" and opened >= 0:
                spans.append((first, i, (*pieces, (opened + 1, i))))
                pieces, opened = [], -1
        if opened >= 0:
            pieces.append((opened + 1, hi))
            last_end = hi
    if pieces:
        spans.append((first, last_end, tuple(pieces)))
    found = (Span(a, b, ranges, _words(text, ranges)) for a, b, ranges in spans)
    return [span for span in found if span.words]


def _role(text: str, i: int, lo: int, hi: int) -> str | None:
    """'open' or 'close' for the mark at `i`, from its flanks; None when only state can tell."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    left = (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()
    right = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER or nxt in MARKS)
    if left != right:
        return "open" if left else "close"
    if text[i] in _OPENERS:
        return "open"
    if text[i] in _CLOSERS:
        return "close"
    return None


def _markup(text: str) -> list[tuple[int, int]]:
    """Ranges of markup tags left in the text (`<tweet date="May 2">`): their marks quote
    attribute values, not words."""
    return [m.span() for m in _MARKUP.finditer(text)] if "<" in text else []


def _inside(ranges: Sequence[tuple[int, int]], i: int) -> bool:
    k = bisect.bisect_right(ranges, (i, sys.maxsize)) - 1
    return k >= 0 and ranges[k][0] < i < ranges[k][1]


def _reopens(text: str, lo: int, hi: int) -> bool:
    """Whether a paragraph starts by reopening the quotation left open above it."""
    head = text[lo:hi].lstrip()
    start = hi - len(head)
    return bool(head) and head[0] in MARKS and _role(text, start, lo, hi) != "close"


def _words(text: str, pieces: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """The quote's first words: as many as `is_speech` reads (one more than a title has)."""
    found = (m.group() for a, b in pieces for m in WORD.finditer(text, a, b))
    return tuple(itertools.islice(found, NAMED_TITLE_WORDS + 1))
