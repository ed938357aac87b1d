"""Text -> sentences. Pure.

A hand-written scanner: every line is a paragraph (paragraphs are never merged), and inside a
paragraph each run of terminal punctuation (". ! ? …", with any closing quotes or brackets after
it) followed by whitespace is a candidate boundary. A candidate is kept only when the next word
can start a sentence and the word before the mark is not an abbreviation that binds to what
follows ("Sen. Warren", "Jan. 5", "J. K. Rowling", "5 a.m. Sunday"). Ambiguous abbreviations
("U.S.", "Calif.", "Inc.", initials) end a sentence only when a typical sentence opener follows.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A candidate is a run of terminal punctuation (group 1), then closing quotes/brackets (2),
# then the whitespace we may cut at (3, a candidate only when not empty). Every part after the
# marks may be empty and each is greedy, so a match never fails once the marks are found and
# nothing is tried twice: requiring the whitespace in the pattern made it backtrack, in
# quadratic time on long runs of dots or marks with no space after. (`[.!?]+` is spelt with a
# branch per mark: a pattern whose branches each open with one character lets the regex engine
# skip to the next mark without trying the pattern at each position.)
_CANDIDATE = re.compile(r"(…|\.[.!?]*|![.!?]*|\?[.!?]*)([\"'”’»)\]]*)(\s*)")
_WORD_CHARS = frozenset(".'’-_")
_NEXT_WORD = re.compile(r"[\"'“‘«(\[]*([\w'’-]*)")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){1,}[A-Za-z]?$")
_SPEECH_AFTER = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){0,3}(?:said|says|asked|told|added|wrote|replied|shouted|"
    r"recalled|explained|continued|insisted|tweeted|declared|argued|noted)\b"
)

# Titles and name parts that always bind to the next word: never the end of a sentence.
_TITLES = frozenset(
    "mr mrs ms messrs mmes dr prof rep reps sen sens gov govs gen lt col sgt cpl pvt capt cmdr "
    "adm maj brig rev fr msgr hon pres supt det insp atty amb ald assn dept".split()
)
# Abbreviations that bind to a following number ("No. 3", "Jan. 5", "Vol. 2").
_NUMBER_PREFIX = frozenset(
    "no nos vol vols art fig figs p pp ch sec jan feb mar apr jun jul aug sep sept oct nov dec "
    "op".split()
)
# Abbreviations that usually continue the sentence but may end one.
_AMBIGUOUS = frozenset(
    "jr sr st mt ft ave blvd rd inc corp co ltd llc bros etc vs v al approx est dept univ "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "mon tue tues wed thu thur thurs fri sat sun".split()
)
# US state abbreviations: after "City, St." a capitalised word starts a new sentence.
_STATES = frozenset(
    "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont "
    "neb nev okla ore pa penn tenn tex va vt wash wis wyo".split()
)
_AFTER_PLACE = re.compile(r"\w,\s+$")
# Words that typically open a sentence: after an ambiguous abbreviation they signal a boundary.
_OPENERS = frozenset(
    "the a an he she it they we i you his her its their our my your this that these those "
    "there here but and or so yet in on at for if when while after before as since although "
    "though however still then now not no some many most all one two both each last earlier "
    "later meanwhile also among by from with under what why how who where which nor "
    "instead indeed despite during until unless because once thus hence".split()
)


def split_sentences(text: str) -> list[str]:
    """Split `text` into sentences, paragraph first; never merges paragraphs."""
    out: list[str] = []
    for line in text.splitlines():
        para = line.strip()
        if para:
            out.extend(_split_paragraph(para) if len(para) <= _CACHED_CHARS else _pieces(para))
    return out


_CACHED_CHARS = 10_000  # longer paragraphs are split again when asked again


@lru_cache(maxsize=4096)  # both versions of an article hold mostly the same paragraphs
def _split_paragraph(para: str) -> tuple[str, ...]:
    return tuple(_pieces(para))


def _pieces(para: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for cand in _CANDIDATE.finditer(para):
        cut, end = cand.span(3)
        if cut == end or end >= len(para) or not _is_boundary(para, cand):
            continue
        piece = para[start:cut].strip()
        if piece:
            pieces.append(piece)
        start = end
    tail = para[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


# How far back a boundary test looks for the word before the mark (keeps long paragraphs linear).
_LOOKBACK = 100


def _is_boundary(para: str, cand: re.Match[str]) -> bool:
    """Whether a candidate (a match of `_CANDIDATE`) ends a sentence."""
    end = cand.end()
    nxt_match = _NEXT_WORD.match(para, end)
    nxt = nxt_match.group(1) if nxt_match else ""
    first = para[end]
    if not (first.isupper() or first.isdigit() or first in "\"'“‘«([" or nxt[:1].isupper()):
        return False
    if first.isalpha() and not first.isupper():
        return False
    mark, closers = cand.group(1, 2)
    if mark in ("!", "?") or mark.startswith(("!", "?")):
        return not (closers and _SPEECH_AFTER.match(para, end))
    if mark != ".":
        return nxt.lower() in _OPENERS or bool(closers)
    return _period_ends_sentence(para, cand.start(), nxt, bool(closers))


def _period_ends_sentence(para: str, at: int, nxt: str, closed: bool) -> bool:
    before = para[max(0, at - _LOOKBACK) : at]
    word = before[_word_start(before) :]
    if closed or not word:
        return True
    bare = word.rsplit(".", 1)[-1] if "." in word and not _DOTTED.match(word) else word
    key = bare.lower().strip("'’-")
    if key in _TITLES:
        return False
    if key in _NUMBER_PREFIX and nxt[:1].isdigit():
        return False
    if key.isdigit() and at == len(word):  # a list number opening the (stripped) paragraph
        return False
    opener = nxt.lower() in _OPENERS
    if key in _STATES:
        return opener or bool(_AFTER_PLACE.search(before[: -len(word)]))
    if key in _AMBIGUOUS or _DOTTED.match(word) or (len(key) == 1 and key.isalpha()):
        return opener
    return True


def _word_start(before: str) -> int:
    """Where the word (letters, digits, `.`, `'`, `-`) ending `before` starts: a backward scan."""
    k = len(before)
    while k > 0 and (before[k - 1].isalnum() or before[k - 1] in _WORD_CHARS):
        k -= 1
    return k
