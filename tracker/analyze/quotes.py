"""Text -> direct quotes with speakers. Pure, rule based, one pass over the text.

1. Scan: pair quotation marks paragraph by paragraph (straight or curly, direction read from the
   characters around each mark); a quote left open at a paragraph's end continues when the next
   paragraph reopens the mark. Single marks inside a quote are nested quotes, part of its words.
2. Mask: the quoted words are blanked out, so the narration can be split into sentences and
   searched for cues without the quote's own words interfering.
3. Attribute: the frame of the quote's sentence (`speakers.attribute_after` / `_before`) names
   the speaker; an unattributed quote takes the speaker of the quote it continues.
4. Resolve: pronouns and surnames become the fullest name the article gave (`names.NameBook`).
"""

from __future__ import annotations

import bisect
import itertools
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.analyze.names import NameBook
from tracker.analyze.speakers import (
    Attribution,
    adjacent_cue,
    attribute_after,
    attribute_before,
    attribute_subject,
    attribute_tag,
)
from tracker.models import Quote

_MARKS = frozenset('"“”„«»')
_MARK = re.compile('["“”„«»]')
_OPENERS = frozenset("“„«")
_CLOSERS = frozenset("”»")
_OPEN_BEFORE = frozenset("([{—–-/:;")
_CLOSE_AFTER = frozenset(".,;:!?)]}—–-'’…")
_MASK = "·"
_NOT_LINE_BREAK = re.compile(r"[^\n]")
_WORD = re.compile(r"\w+(?:[’'.-]\w+)*")
_PARAGRAPH = re.compile(r"[^\n]+")
_BOUNDARY = re.compile(r"[.!?…]+[”\"»’')]*(?=\s+[^\s·a-z]|\s*$)")
_NO_END = re.compile(
    r"(?:\b(?:Sen|Rep|Gov|Lt|Gen|Col|Maj|Capt|Sgt|Dr|Mr|Mrs|Ms|Prof|Rev|St|Jr|Sr|Jan|Feb|Mar|Apr"
    r"|Aug|Sept|Sep|Oct|Nov|Dec|No|vs|etc|Inc|Corp|Co|Ltd|U\.S|U\.N|D\.C)|\b[A-Z])\.$"
)
_NO_END_REACH = 12  # `_NO_END` matches at most "Sept." and the boundary before it
_COLON_CUE = re.compile(r"(?:said|says|added|asked|wrote|tweeted|told \w+)\s*[:,]?\s*$", re.I)
_SHORT = 2
_TITLE_WORDS = 6  # a quote of more words is never taken for a title
_NAMED_TITLE_WORDS = 12  # ... unless its context names a work: `CNN's “State of the Union”`
_TAG_WORDS = 8
_MARKUP = re.compile(r"<[A-Za-z/][^<>]{0,400}>")
_TITLE_SMALL = frozenset(
    """a an the and or nor but of in on at to for with by from as is vs via
    de la le los las del y""".split()
)
_WORK_BEFORE = re.compile(
    r"(?:\b(?:show|program|programme|podcast|book|memoir|novel|film|movie|documentary|series"
    r"|sitcom|episode\s+of|broadcast\s+of|interview\s+with|appearance\s+on|appeared\s+on"
    r"|column|op-ed|editorial|essay|headline|segment|song|album|play|musical|star\s+of|on|On)"
    r"|\b[A-Z]{2,}[’']s)[\s,:]*$"
)
_BY_AUTHOR = re.compile(r"\s+by\s+(?:the\s+)?(?:[A-Z][\w.&-]*\s+){0,4}?[A-Z][\w.&-]*(?:[’']s?\s|:)")


@dataclass(frozen=True, slots=True)
class _Span:
    """One quotation as scanned: marks, the word ranges inside them (one per paragraph), and
    its first words."""

    open: int
    close: int
    pieces: tuple[tuple[int, int], ...]
    words: tuple[str, ...]


def extract_quotes(text: str) -> list[Quote]:
    """Find direct quotations in `text` and who said them."""
    spans = _scan(text)
    if not spans:
        return []
    masked = _mask(text, spans)
    sentences = _sentences(masked)
    found = [_attribute(masked, sentences, s) for s in spans]
    kept = [(s, a) for s, a in zip(spans, found, strict=True) if _keep(text, masked, s, a)]
    kept = _inherit(masked, sentences, kept)
    book = NameBook.build(masked, [a for _, a in kept if a], [a for a, _ in sentences])
    resolved = [_resolved(book, a, kept, s) for s, a in kept]
    return [_quote(text, s, a) for (s, _), a in zip(kept, _fill_pronouns(resolved), strict=True)]


# -- 1. scan ---------------------------------------------------------------------------------


def _role(text: str, i: int, lo: int, hi: int) -> str | None:
    """'open' or 'close' for the mark at `i`, from its flanks; None when only state can tell."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    left = (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()
    right = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER or nxt in _MARKS)
    if left != right:
        return "open" if left else "close"
    if text[i] in _OPENERS:
        return "open"
    if text[i] in _CLOSERS:
        return "close"
    return None


def _scan(text: str) -> list[_Span]:
    spans: list[tuple[int, int, tuple[tuple[int, int], ...]]] = []
    first = -1
    pieces: list[tuple[int, int]] = []
    last_end = 0
    markup = _markup(text)
    for para in _PARAGRAPH.finditer(text):
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
    found = (_Span(a, b, ranges, _words(text, ranges)) for a, b, ranges in spans)
    return [span for span in found if span.words]


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
    return bool(head) and head[0] in _MARKS and _role(text, start, lo, hi) != "close"


def _words(text: str, pieces: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """The quote's first words: as many as `_keep` reads (one more than a title has)."""
    found = (m.group() for a, b in pieces for m in _WORD.finditer(text, a, b))
    return tuple(itertools.islice(found, _NAMED_TITLE_WORDS + 1))


# -- 2. mask and sentences -------------------------------------------------------------------


def _mask(text: str, spans: Sequence[_Span]) -> str:
    """`text` with the quoted words blanked out; `spans` in text order, as `_scan` gives them."""
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


def _sentences(masked: str) -> list[tuple[int, int]]:
    """Sentence ranges of the masked text; a paragraph always ends a sentence."""
    out: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(masked):
        start = para.start()
        for m in _BOUNDARY.finditer(masked, para.start(), para.end()):
            if masked[m.start()] == "." and _NO_END.search(
                masked, max(start, m.start() + 1 - _NO_END_REACH), m.start() + 1
            ):
                continue
            out.append((start, m.end()))
            start = m.end()
        if masked[start : para.end()].strip():
            out.append((start, para.end()))
    return out


def _sentence_at(sentences: Sequence[tuple[int, int]], pos: int) -> int:
    """Index of the last sentence starting at or before `pos` (0 when none does)."""
    return max(0, bisect.bisect_right(sentences, (pos, sys.maxsize)) - 1)


# -- 3. attribute ----------------------------------------------------------------------------


def _frames(
    masked: str, sentences: Sequence[tuple[int, int]], span: _Span
) -> tuple[int, str, int, str]:
    """(offset, words before the opening mark) and (offset, words after the closing mark)."""
    s0 = sentences[_sentence_at(sentences, span.open)][0]
    s1 = sentences[_sentence_at(sentences, span.close)]
    after = span.close + 1
    right_end = max(after, s1[1]) if s1[0] <= span.close else after
    para_end = masked.find("\n", after)
    right_end = min(right_end, para_end) if para_end >= 0 else right_end
    return s0, masked[s0 : span.open], after, masked[after:right_end]


def _attribute(
    masked: str, sentences: Sequence[tuple[int, int]], span: _Span
) -> Attribution | None:
    lo, left, ro, right = _frames(masked, sentences, span)
    if not right.strip() and not left.strip():
        ro, right = _tag_sentence(masked, sentences, span)
    if adjacent_cue(right):
        found = attribute_after(right, ro)
        if found:
            return found
    found = attribute_before(left, lo) or attribute_after(right, ro)
    if found is None and masked[span.close - 1] in ",!?—":
        found = attribute_tag(right, ro)
    return found or attribute_subject(left, lo)


def _tag_sentence(
    masked: str, sentences: Sequence[tuple[int, int]], span: _Span
) -> tuple[int, str]:
    """A short sentence right after a quote ending in [.!?]: `“Wow!” Maher replied.`"""
    k = _sentence_at(sentences, span.close) + 1
    if k >= len(sentences) or "\n" in masked[span.close : sentences[k][0]]:
        return span.close + 1, ""
    start, end = sentences[k]
    tail = masked[start:end]
    cut = min((tail.find(m) for m in _MARKS if m in tail), default=len(tail))
    if len(_WORD.findall(tail, 0, cut)) > _TAG_WORDS and not _opens_with_tag(tail[:cut]):
        return span.close + 1, ""
    return start, tail[:cut]


def _opens_with_tag(tail: str) -> bool:
    return adjacent_cue(tail) or attribute_tag(tail, 0) is not None


def _keep(text: str, masked: str, span: _Span, found: Attribution | None) -> bool:
    """Drop scare quotes and titles: short or title-case quotes with no cue beside them, and
    titles of works whatever is beside them."""
    words = span.words
    if _names_work(text, span):
        return False
    right = masked[span.close + 1 : span.close + 60].split("\n", 1)[0]
    left = masked[max(0, span.open - 40) : span.open].rsplit("\n", 1)[-1]
    beside = adjacent_cue(right) or _COLON_CUE.search(left) is not None
    if len(words) <= _SHORT:
        return beside and found is not None
    titled = all(w[:1].isupper() or w.lower() in ("of", "the", "and", "a", "in") for w in words)
    inner = text[span.pieces[-1][0] : span.pieces[-1][1]].rstrip()
    return beside or not (titled and len(words) <= _TITLE_WORDS and inner[-1:] not in ".,!?")


def _names_work(text: str, span: _Span) -> bool:
    """A title of a work, not speech: `on CNN's “State of the Union.”`, `the book “Backfire”`,
    `“Met sued over painting,” by Jane Roe`."""
    if len(span.words) > _NAMED_TITLE_WORDS:
        return False
    if text[span.close - 1] == "," and _BY_AUTHOR.match(text, span.close + 1):
        return True
    if not _title_case(span.words):
        return False
    line = text.rfind("\n", 0, span.open) + 1
    return _WORK_BEFORE.search(text, max(line, span.open - 40), span.open) is not None


def _title_case(words: Sequence[str]) -> bool:
    """Every word capitalized but the short function words a title leaves lowercase."""
    return words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL for w in words
    )


def _inherit(
    masked: str,
    sentences: Sequence[tuple[int, int]],
    kept: Sequence[tuple[_Span, Attribution | None]],
) -> list[tuple[_Span, Attribution | None]]:
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
    done: Sequence[tuple[_Span, Attribution | None]],
    i: int,
) -> Attribution | None:
    span = done[i][0]
    before = done[i - 1][1] if i > 0 else None
    if before and _same_run(masked, sentences, done[i - 1][0], span, before.position):
        return before
    start = sentences[_sentence_at(sentences, span.open)][0]
    if not masked[start : span.open].strip():
        return _previous_paragraph_speaker(masked, sentences, done, i)
    return None


def _same_run(
    masked: str, sentences: Sequence[tuple[int, int]], a: _Span, b: _Span, tag: int = -1
) -> bool:
    """Whether quote `b` follows quote `a` (or its tag, `“…!” Maher replied.`) in the same or
    the next sentence of one paragraph."""
    if "\n" in masked[a.close : b.open]:
        return False
    last = _sentence_at(sentences, max(a.close, tag if tag < b.open else -1))
    return _sentence_at(sentences, b.open) - last <= 1


def _previous_paragraph_speaker(
    masked: str,
    sentences: Sequence[tuple[int, int]],
    done: Sequence[tuple[_Span, Attribution | None]],
    i: int,
) -> Attribution | None:
    span = done[i][0]
    k = _sentence_at(sentences, span.open) - 1
    if k < 0 or "\n\n\n" in masked[sentences[k][1] : span.open].replace(" ", ""):
        return None
    start, end = sentences[k]
    if i > 0 and done[i - 1][0].close >= start:
        return done[i - 1][1]
    found = attribute_before(masked[start:end], start)
    if found is None and masked[start:end].rstrip().endswith(":"):
        found = attribute_subject(masked[start:end], start)
    return found


# -- 4. resolve ------------------------------------------------------------------------------


def _resolved(
    book: NameBook,
    found: Attribution | None,
    kept: Sequence[tuple[_Span, Attribution | None]],
    span: _Span,
) -> Attribution | None:
    if found is None:
        return None
    if found.speaker.lower() == "they":
        return _plural_before(kept, span, found)
    name = book.resolve(found.speaker, found.position)
    return Attribution(name, found.cue, found.position)


def _fill_pronouns(found: Sequence[Attribution | None]) -> list[Attribution | None]:
    """A pronoun the narration could not resolve means the last named speaker before it."""
    out: list[Attribution | None] = []
    last: str | None = None
    for a in found:
        if a and a.speaker.lower() in ("he", "she") and last:
            a = Attribution(last, a.cue, a.position)
        elif a and a.speaker[:1].isupper() and a.speaker.lower() != "they":
            last = a.speaker
        out.append(a)
    return out


def _plural_before(
    kept: Sequence[tuple[_Span, Attribution | None]], span: _Span, found: Attribution
) -> Attribution:
    for _, earlier in reversed(kept):
        if earlier is None or earlier.position >= found.position:
            continue
        head = earlier.speaker.split()[-1]
        if head.endswith("s") and earlier.speaker.lower() != "they" and head[:1].islower():
            return Attribution(earlier.speaker, found.cue, found.position)
    return found


def _quote(text: str, span: _Span, found: Attribution | None) -> Quote:
    pieces = [_trim(text, a, b) for a, b in span.pieces]
    pieces = [(a, b) for a, b in pieces if a < b]
    a, b = pieces[-1]
    if b - a > 1 and text[b - 1] == ",":
        pieces[-1] = _trim(text, a, b - 1)
    start, end = pieces[0][0], pieces[-1][1]
    words = text[pieces[0][0] : pieces[0][1]]
    for (_, b0), (a1, b1) in zip(pieces, pieces[1:], strict=False):
        gap = "".join(c for c in text[b0:a1] if c not in _MARKS)
        words += gap + text[a1:b1]
    speaker = found.speaker if found else None
    cue = found.cue if found else None
    return Quote(words, speaker, cue, start, end)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
