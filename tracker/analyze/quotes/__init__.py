"""Text -> direct quotes with speakers. Pure, rule based, one pass over the text.

1. Scan (`scan.py`): pair quotation marks paragraph by paragraph (straight or curly,
   direction read from the characters around each mark); a quote left open at a paragraph's end
   continues when the next paragraph reopens the mark. Single marks inside a quote are nested
   quotes, part of its words.
2. Mask (`sentences.py`): the quoted words are blanked out, so the narration can be split
   into sentences and searched for cues without the quote's own words interfering.
3. Attribute: the frame of the quote's sentence (`speakers.attribute_after` / `_before`) names
   the speaker; scare quotes and titles are dropped (`titles.py`); an unattributed quote
   takes the speaker of the quote it continues (`continued.py`).
4. Resolve: pronouns and surnames become the fullest name the article gave (`names.NameBook`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from tracker.analyze.people.names import NameBook
from tracker.analyze.quotes.continued import inherit_speakers
from tracker.analyze.quotes.marks import normalize_marks
from tracker.analyze.quotes.scan import MARKS, WORD, Span, scan
from tracker.analyze.quotes.sentences import (
    blank_headlines,
    mask,
    sentence_at,
    sentence_ranges,
)
from tracker.analyze.quotes.speakers import (
    Attribution,
    adjacent_cue,
    attribute_after,
    attribute_before,
    attribute_subject,
    attribute_tag,
    bare_speech_clause,
    names_someone,
)
from tracker.analyze.quotes.titles import is_speech
from tracker.analyze.quotes.vet import vet
from tracker.models import Quote

_TAG_WORDS = 8
_HOW_TAG = re.compile(r"\s*(?:That|This)(?:\s+(?:was|is)|[’']s)\s+how\s+")
# `,” Hale said: “`: a tag that a colon ends introduces the quote after it, not the one before.
_INTRODUCES_NEXT = re.compile(r"[^.!?;:“”\"]{1,80}:\s*[“\"]")
# `While Lee, an old hand, laid out a plan for “…,” Hale used`: a quote inside a subordinate
# clause that opens the sentence is the clause's subject's, not the main clause's.
_SUBORDINATE = re.compile(r"\s*(?:While|Whereas|Although|Though|Because|Since|Unless)\s+(?=[A-Z])")
# `Acknowledging that Hale “says stupid stuff,” though, Lee did suggest`: a quote inside an
# opening participle phrase is the main clause's subject's.
_PARTICIPLE_OPENING = re.compile(r"\s*[A-Z][a-z]+ing\s+(?:that\s+)?[A-Z]")
_FRAME_REACH = 600  # characters of narration read on each side of a quote
# Quotations read per text: a long interview holds a few hundred; a page of tens of thousands
# (a hostile or broken page) would hold a run for minutes. The first ones are read, in order.
MAX_QUOTES = 2_000


def extract_quotes(text: str) -> list[Quote]:
    """Find direct quotations in `text` and who said them."""
    original = text
    text = normalize_marks(text)
    spans = scan(text)[:MAX_QUOTES]
    if not spans:
        return []
    masked = blank_headlines(mask(text, spans))
    sentences = sentence_ranges(masked)
    found = [_attribute(masked, sentences, s) for s in spans]
    kept = [(s, a) for s, a in zip(spans, found, strict=True) if is_speech(text, masked, s, a)]
    kept = inherit_speakers(masked, sentences, kept)
    book = NameBook.build(masked, [a for _, a in kept if a], [a for a, _ in sentences])
    resolved = [_resolved(book, a, kept, s) for s, a in kept]
    return [_quote(original, text, s, a) for (s, _), a in zip(kept, resolved, strict=True)]


def _frames(
    masked: str, sentences: Sequence[tuple[int, int]], span: Span
) -> tuple[int, str, int, str]:
    """(offset, words before the opening mark) and (offset, words after the closing mark)."""
    s0 = sentences[sentence_at(sentences, span.open)][0]
    s1 = sentences[sentence_at(sentences, span.close)]
    after = span.close + 1
    right_end = max(after, s1[1]) if s1[0] <= span.close else after
    para_end = masked.find("\n", after, right_end)
    right_end = para_end if para_end >= 0 else right_end
    s0, right_end = _window(masked, s0, span.open, after, right_end)
    return s0, masked[s0 : span.open], after, masked[after:right_end]


def _window(masked: str, lo: int, open_at: int, after: int, hi: int) -> tuple[int, int]:
    """The frames cut to `_FRAME_REACH` characters on each side of the quote, at a space: a
    sentence of thousands of quotes would otherwise have every frame read the whole sentence."""
    if open_at - lo > _FRAME_REACH:
        space = masked.find(" ", open_at - _FRAME_REACH, open_at)
        lo = space + 1 if space >= 0 else open_at
    if hi - after > _FRAME_REACH:
        space = masked.rfind(" ", after, after + _FRAME_REACH)
        hi = space if space >= 0 else after
    return lo, hi


def _attribute(masked: str, sentences: Sequence[tuple[int, int]], span: Span) -> Attribution | None:
    lo, left, ro, right = _frames(masked, sentences, span)
    if not right.strip() and not left.strip():
        ro, right = _tag_sentence(masked, sentences, span)
    found = _speaker(left, right, masked[span.close - 1 : ro + 2])
    if found is None:
        return None
    speaker, after = found
    return Attribution(speaker.speaker, speaker.cue, speaker.position + (ro if after else lo))


@functools.lru_cache(maxsize=1024)  # both versions of an article frame most quotes alike
def _speaker(left: str, right: str, close: str) -> tuple[Attribution, bool] | None:
    """The speaker the frames of a quote name, placed in its frame, and whether that is the frame
    after the quote (`right`) or before it (`left`); `close` runs from the quote's last
    character to the second of the frame after it."""
    if adjacent_cue(right) and not _INTRODUCES_NEXT.match(right):
        found = attribute_after(right, 0)
        if found is not None and names_someone(found):
            return found, True
        if found and not attribute_before(left, 0):
            return found, True
    before = attribute_before(left, 0)
    if before:
        return before, False
    found = attribute_after(right, 0)
    opener = _SUBORDINATE.match(left)
    if found is None and opener:
        return _framed(attribute_subject(left[opener.end() :], opener.end()), False)
    if found is None and _PARTICIPLE_OPENING.match(left) and "," in close:
        return _framed(attribute_subject(right, 0), True)  # `Granting that X “…,” Lee said`
    if found is None and close[0] in ",!?—":
        found = attribute_tag(right, 0)
    return (found, True) if found else _framed(attribute_subject(left, 0), False)


def _framed(found: Attribution | None, after: bool) -> tuple[Attribution, bool] | None:
    """`found` with the frame it is in, for `_speaker`."""
    return (found, after) if found else None


def _tag_sentence(masked: str, sentences: Sequence[tuple[int, int]], span: Span) -> tuple[int, str]:
    """A short sentence right after a quote ending in [.!?]: `“Wow!” Maher replied.`; or,
    in the paragraph after it, `That was how Ann Lee put it.`"""
    k = sentence_at(sentences, span.close) + 1
    if k >= len(sentences):
        return span.close + 1, ""
    if "\n" in masked[span.close : sentences[k][0]] and not _HOW_TAG.match(masked, sentences[k][0]):
        return span.close + 1, ""
    start, end = sentences[k]
    tail = masked[start:end]
    cut = min((tail.find(m) for m in MARKS if m in tail), default=len(tail))
    if len(WORD.findall(tail, 0, cut)) > _TAG_WORDS and not _opens_with_tag(tail[:cut]):
        return span.close + 1, ""
    return start, tail[:cut]


def _opens_with_tag(tail: str) -> bool:
    """A sentence after a quote that says who spoke it: `, she said`, `Ann Lee, a lawyer,
    told reporters.`, `That was how Ann Lee described it.`"""
    if adjacent_cue(tail) or _HOW_TAG.match(tail):
        return True
    return attribute_tag(tail, 0) is not None or bare_speech_clause(tail)


def _resolved(
    book: NameBook,
    found: Attribution | None,
    kept: Sequence[tuple[Span, Attribution | None]],
    span: Span,
) -> Attribution | None:
    """The speaker made whole ("he" -> "Sen. Ann Lee"), or None when the text does not say
    who it is; a named speaker is remembered for the pronouns after the quote."""
    if found is None:
        return None
    if found.speaker.lower() == "they":
        found = _plural_before(kept, span, found)
    name = vet(book.resolve(found.speaker, found.position, found.cue), found.cue)
    if name is None:
        return None
    name = book.canonical(name)
    book.said(span.open, name)
    return Attribution(name, found.cue, found.position)


def _plural_before(
    kept: Sequence[tuple[Span, Attribution | None]], span: Span, found: Attribution
) -> Attribution:
    for _, earlier in reversed(kept):
        if earlier is None or earlier.position >= found.position:
            continue
        head = earlier.speaker.split()[-1]
        if head.endswith("s") and earlier.speaker.lower() != "they" and head[:1].islower():
            return Attribution(earlier.speaker, found.cue, found.position)
    return found


def _quote(text: str, marked: str, span: Span, found: Attribution | None) -> Quote:
    """The quote's words from the original `text`; `marked` is its copy with every quotation
    mark written as a double one (`normalize_marks`)."""
    pieces = [_trim(text, a, b) for a, b in span.pieces]
    pieces = [(a, b) for a, b in pieces if a < b]
    a, b = pieces[-1]
    if b - a > 1 and text[b - 1] == ",":
        pieces[-1] = _trim(text, a, b - 1)
    start, end = pieces[0][0], pieces[-1][1]
    words = text[pieces[0][0] : pieces[0][1]]
    for (_, b0), (a1, b1) in zip(pieces, pieces[1:], strict=False):
        gap = "".join(
            c for c, m in zip(text[b0:a1], marked[b0:a1], strict=True) if c == m and m not in MARKS
        )
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
