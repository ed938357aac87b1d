"""Quotation conventions beyond double quotes, rewritten as double quotes in a copy of the text
of the same length, so the scanner reads one convention and every offset stays true.

- Doubled apostrophes (''like this'' and the TeX-like ``like this''), common in newspaper
  archives and wire copy: the two characters become one mark and a space.
- British single quotes (‘like this’ and 'like this'), when an article quotes with single marks
  and nests double ones: the single pairs become double marks and the nested double marks single
  ones. Apostrophes ("don't", "the '90s", "Jones' car", "rock 'n' roll") are never marks.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

_DOUBLED = re.compile(r"``|'{2,3}")
_SINGLE = re.compile("['‘’]")
_DOUBLE = re.compile('["“”]')
_PARAGRAPH = re.compile(r"[^\n]+")
_OPEN_LEFT = frozenset('([{—–-/:;"“')
_CLOSE_RIGHT = frozenset(',.;:!?)]}—–-…"”')
_ELISION = re.compile(
    r"(?i)(?:n['’]|(?:n|em|til|till|tis|twas|cause|cos|cuz|bout|round|ol|nuff|kay|sup|scuse|s"
    r"|\d\d?s?|\d+s)\b)"
)
_POSSESSIVE_END = frozenset("sSzx")
_AFTER_POSSESSIVE_SPEECH = re.compile(
    r"\s+(?:he|she|they|it|we|I|said|says|asked|added|replied|told|wrote)\b"
)


def normalize_marks(text: str) -> str:
    """`text` with doubled apostrophes and British single quotation marks written as double
    quotation marks (the same length: each extra character becomes a space)."""
    out = _doubled(text) if "''" in text or "``" in text else text
    if "'" not in out and "‘" not in out:
        return out  # only "'" and "‘" open a single quotation: "’" alone is an apostrophe
    return _british(out)


def _doubled(text: str) -> str:
    chars = list(text)
    for m in _DOUBLED.finditer(text):
        i, j = m.span()
        prev = text[i - 1] if i > 0 else " "
        nxt = text[j] if j < len(text) else " "
        if m.group() == "``":
            chars[i : i + 2] = [" ", "“"]
            continue
        opening = (prev.isspace() or prev in _OPEN_LEFT) and not nxt.isspace()
        closing = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_RIGHT or nxt in "'’")
        if prev.isdigit() and not opening:
            continue  # 12'' is inches
        if opening and not closing:
            chars[i : i + 2] = [" ", '"']  # a third apostrophe opens a nested quote
        elif closing:
            chars[j - 2 : j] = ['"', " "]  # a first of three closes a nested quote
    return "".join(chars)


def _british(text: str) -> str:
    """Single quotation marks as double ones (and nested doubles as singles) when the article
    quotes with single marks."""
    doubles = _double_spans(text)
    singles = [p for p in _single_pairs(text) if not _within(doubles, p)]
    speechy = [p for p in singles if _is_quotation(text, p)]
    outside = [d for d in doubles if not _within(singles, d)]
    if not speechy or len(speechy) <= len(outside):
        return text
    chars = list(text)
    for a, b in singles:
        chars[a] = "“"
        if text[b : b + 1] in ("'", "’"):  # else left open at a paragraph's end
            chars[b] = "”"
    for a, b in doubles:
        if _within(singles, (a, b)):
            chars[a], chars[b] = "‘", "’"
    return "".join(chars)


def _is_quotation(text: str, pair: tuple[int, int]) -> bool:
    """A pair around three words or more (a coined term or a title is shorter, or in title case)."""
    return len(text[pair[0] + 1 : pair[1]].split()) >= 3


def _within(spans: Sequence[tuple[int, int]], inner: tuple[int, int]) -> bool:
    """Whether a span of `spans` (in text order, none overlapping) holds `inner`: only the last
    one opening before it can (a bisection, not a walk over every span)."""
    k = bisect.bisect_left(spans, (inner[0], -1)) - 1
    return k >= 0 and spans[k][0] < inner[0] and inner[1] < spans[k][1]


def _double_spans(text: str) -> list[tuple[int, int]]:
    """Pairs of double quotation marks in each paragraph, by their flanks."""
    out: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        opened = -1
        for m in _DOUBLE.finditer(text, *para.span()):
            i = m.start()
            prev = text[i - 1] if i > para.start() else " "
            if opened < 0 and (text[i] == "“" or prev.isspace() or prev in _OPEN_LEFT):
                opened = i
            elif opened >= 0 and text[i] != "“":
                out.append((opened, i))
                opened = -1
    return out


def _single_pairs(text: str) -> list[tuple[int, int]]:
    """Single quotation marks paired by their flanks, paragraph by paragraph; apostrophes are
    left out. A quotation left open runs to the paragraph's end when the next paragraph
    reopens it (the closing index is then the paragraph's end)."""
    out: list[tuple[int, int]] = []
    paragraphs = [p.span() for p in _PARAGRAPH.finditer(text)]
    for k, (lo, hi) in enumerate(paragraphs):
        opened = -1
        for m in _SINGLE.finditer(text, lo, hi):
            i = m.start()
            if opened < 0 and _opens(text, i, lo):
                opened = i
            elif opened >= 0 and i > opened + 1 and _closes(text, i, hi):
                out.append((opened, i))
                opened = -1
        if opened >= 0 and k + 1 < len(paragraphs):
            nxt = paragraphs[k + 1][0]
            if _opens(text, nxt, nxt) and (opened == lo or text[lo:opened].rstrip()[-1:] in ":,"):
                out.append((opened, hi))
    return out


def _opens(text: str, i: int, lo: int) -> bool:
    if text[i] == "’":
        return False
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if not (prev.isspace() or prev in _OPEN_LEFT):
        return False
    if not (nxt.isalnum() or nxt in '“"(…$£€'):
        return False
    return _ELISION.match(text, i + 1) is None


def _closes(text: str, i: int, hi: int) -> bool:
    if text[i] == "‘":
        return False
    prev = text[i - 1]
    nxt = text[i + 1] if i + 1 < hi else " "
    if prev.isspace() or nxt.isalnum():
        return False
    if nxt.isspace() and prev in _POSSESSIVE_END:
        return _AFTER_POSSESSIVE_SPEECH.match(text, i + 1) is not None or i + 1 >= hi
    return nxt.isspace() or nxt in _CLOSE_RIGHT
