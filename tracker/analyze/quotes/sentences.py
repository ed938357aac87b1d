"""The narration around quotations: the text with quoted words blanked out, so it can be split
into sentences and searched for cues without the quotes' own words interfering."""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Sequence

from tracker.analyze.quotes.scan import PARAGRAPH, Span

_MASK = "·"
_NOT_LINE_BREAK = re.compile(r"[^\n]")
# A boundary: a maximal run of marks, closers, then a space and a word that may open a
# sentence (or the end). Runs are found first and the rest matched after each: a single
# backtracking regex took quadratic time on a long run of dots.
_BOUNDARY_RUN = re.compile(r"[.!?…][.!?…]*[”\"»’')]*")  # `[.!?…]+`: a class first is scanned fast
_BOUNDARY_AFTER = re.compile(r"\s+[^\s·a-z]|\s*$")
_NO_END = re.compile(
    r"(?:\b(?:Sen|Rep|Gov|Lt|Gen|Col|Maj|Capt|Sgt|Dr|Mr|Mrs|Ms|Prof|Rev|St|Jr|Sr|Jan|Feb|Mar|Apr"
    r"|Aug|Sept|Sep|Oct|Nov|Dec|No|vs|etc|Inc|Corp|Co|Ltd|U\.S|U\.N|D\.C|Amb|Adm|Atty|Sens|Reps"
    r"|(?<!,\s)Del)|\b[A-Z])\.$"
)
_NO_END_REACH = 12
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][\w’'-]*")
_HEADLINE_SMALL = frozenset(
    "a an the and or but of in on at to for with by from as is are was be over into vs".split()
)  # `_NO_END` matches at most "Sept." and the boundary before it


def mask(text: str, spans: Sequence[Span]) -> str:
    """`text` with the quoted words blanked out; `spans` in text order, as `scan` gives them."""
    out: list[str] = []
    pos = 0
    for a, b in (piece for span in spans for piece in span.pieces):
        out += (text[pos:a], _blank(text[a:b]))
        pos = b
    out.append(text[pos:])
    return "".join(out)


def _blank(words: str) -> str:
    """Quoted words as mask characters, keeping line breaks and a closing [.,!?…]."""
    blank = _NOT_LINE_BREAK.sub(_MASK, words) if "\n" in words else _MASK * len(words)
    inner = words.rstrip()
    if inner and inner[-1] in ".,!?…":
        keep = len(inner) - 1
        blank = blank[:keep] + inner[-1] + blank[keep + 1 :]
    return blank


def blank_headlines(masked: str) -> str:
    """`masked` with headline lines (title case, four words or more, no quotation) blanked:
    their capitalised words ("Gold Star Mom Corners Obama") name no one."""
    out: list[str] = []
    pos = 0
    for para in PARAGRAPH.finditer(masked):
        line = para.group()
        lower = _LOWER_WORD.search(line)
        while lower and lower.group() in _HEADLINE_SMALL:
            lower = _LOWER_WORD.search(line, lower.end())
        if lower:
            continue  # a lowercase word that is not a title's small word: running text
        words = line.split()
        if len(words) >= 4 and _MASK not in line:
            content = [w for w in words if w.lower().strip(".,:;’'") not in _HEADLINE_SMALL]
            heads = [w.lstrip("‘’'“(")[:1] for w in content]  # `‘Islamic Terrorist.’`
            capped = sum(1 for h in heads if h.isupper() or h.isdigit())
            if capped == len(content) and capped >= 4:
                out += (masked[pos : para.start()], " " * len(line))
                pos = para.end()
    out.append(masked[pos:])
    return "".join(out)


def sentence_ranges(masked: str) -> list[tuple[int, int]]:
    """Sentence ranges of the masked text; a paragraph always ends a sentence."""
    out: list[tuple[int, int]] = []
    for para in PARAGRAPH.finditer(masked):
        start = para.start()
        for m in _BOUNDARY_RUN.finditer(masked, para.start(), para.end()):
            if not _BOUNDARY_AFTER.match(masked, m.end(), para.end()):
                continue
            if masked[m.start()] == "." and _no_end(masked, start, m.start()):
                continue
            out.append((start, m.end()))
            start = m.end()
        if masked[start : para.end()].strip():
            out.append((start, para.end()))
    return out


def _no_end(masked: str, start: int, dot: int) -> bool:
    """Whether the period at `dot` ends an abbreviation or an initial, not the sentence. Every
    word `_NO_END` knows has four letters at most, so a period after five letters or digits
    (most sentences' last word) is known to end the sentence without the regex."""
    if dot >= 5 and masked[dot - 5 : dot].isalnum():
        return False
    return _NO_END.search(masked, max(start, dot + 1 - _NO_END_REACH), dot + 1) is not None


def sentence_at(sentences: Sequence[tuple[int, int]], pos: int) -> int:
    """Index of the last sentence starting at or before `pos` (0 when none does)."""
    return max(0, bisect.bisect_right(sentences, (pos, sys.maxsize)) - 1)
