"""Words of a sentence for claim detection: tokens with comparison keys, the word-level diff
of two versions, and typo distance."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import compress, repeat
from operator import is_not, itemgetter, not_
from re import Match
from typing import NamedTuple

from tracker.analyze.claims import lexicon as lx
from tracker.extract.memo import per_text
from tracker.extract.typography import TYPOGRAPHY, plain_typography

Hunk = tuple[int, int, int, int]  # old[i1:i2] became new[j1:j2]

# A word: a lowercase hyphenated compound, a word (with apostrophes and inner dots), a number,
# "n't", or one letter, digit or symbol the others miss. (No number starts with a letter, so
# numbers may be tried after words; a compound's letters hold no hyphen, so its run is
# possessive: giving a letter back can never let a hyphen match.)
_WORD = (
    r"[a-z\u00df-\u024f]++(?:-[A-Za-z\u00c0-\u024f]+)+"
    r"|[A-Za-z\u00c0-\u024f]+(?:['.][A-Za-z\u00c0-\u024f]+)*(?:\.(?=\s+[a-z]))?"
    r"|[$\u00a3\u20ac\u00a5]?\d+(?:[.,:/]\d+)*(?:%|st\b|nd\b|rd\b|th\b|s\b|m\b|bn\b)?"
    r"|n't|[\w$\u00a3\u20ac\u00a5%]"
)
# Between words: spaces and punctuation (no word holds or opens with one). Group 1 is the gap's
# last mark after which a word opens a clause, if any; group 2 the word after the gap (none
# only at the end of the text). Every run is possessive: the gap always ends where a word
# starts, each match starts where the one before ended, and nothing is matched twice.
_OPENS = r"""[.!?":;\-(\[]"""
_BETWEEN = r"""[^\w$\u00a3\u20ac\u00a5%.!?":;\-(\[]"""
_TOKEN = re.compile(rf"(?:{_BETWEEN}*+({_OPENS}))*+{_BETWEEN}*+({_WORD})?")
_SPLIT_NT = re.compile(r"(?i)^(\w+?)(n't)$")
_CONTRACTION = re.compile(r"(?i)\wn't")  # a text without it holds no word to split
# The characters of the typography table within ASCII ("`"): an ASCII text without them is plain.
_TYPOGRAPHIC_ASCII = re.compile(f"[{re.escape(''.join(chr(c) for c in TYPOGRAPHY if c < 128))}]")
_LOOSE_POSSESSIVE = re.compile(r"(?<=\w) 's\b")


class Token(NamedTuple):
    """One word (a tuple: the comparisons read thousands of them per article)."""

    text: str  # as printed (typography normalised)
    key: str  # casefolded comparison form
    start: int  # position in the sentence after typography normalisation
    end: int
    capital: bool
    at_start: bool  # opens the sentence, a quote or a clause after a dash or colon

    def rekeyed(self, key: str) -> Token:
        return self._replace(key=key)


@dataclass(frozen=True, slots=True)
class Pair:
    """Both versions of an edited sentence, tokenised, with their word-level diff."""

    old: list[Token]
    new: list[Token]
    old_text: str
    new_text: str
    hunks: list[Hunk]
    heavy: bool  # few words in common: only clear changes are reported


def tokenise(text: str) -> tuple[list[Token], str]:
    """Word tokens (punctuation dropped) of the normalised text, and that text."""
    tokens, normal = _tokens(text)
    return list(tokens), normal


@per_text()  # claims and facts read each sentence, most of them in both versions
def _tokens(text: str) -> tuple[tuple[Token, ...], str]:
    """The words of the text, found and built column by column by the regex engine and
    `map` (no Python step per word): a word opens a clause after one of the marks of group 1."""
    plain = text
    if not text.isascii() or _TYPOGRAPHIC_ASCII.search(text):
        plain = plain_typography(text)
    normal = " ".join(plain.split())
    if " 's" in normal:  # the pattern's own text: elsewhere it cannot match
        normal = _LOOSE_POSSESSIVE.sub("'s", normal)
    found = list(_TOKEN.finditer(normal))
    while found and found[-1].lastindex != 2:  # the gap after the last word
        found.pop()
    if not found:
        return (), normal
    words = list(map(Match.group, found, repeat(2)))
    opening = list(map(is_not, map(Match.group, found, repeat(1)), repeat(None)))
    opening[0] = True
    keys = list(map(str.casefold, words))  # a word of letters only is its own key
    for i in compress(range(len(keys)), map(not_, map(str.isalpha, keys))):
        keys[i] = _key(words[i])
    columns = zip(
        words,
        keys,
        map(Match.start, found, repeat(2)),
        map(Match.end, found),
        map(str.isupper, map(itemgetter(0), words)),
        opening,
        strict=True,
    )
    tokens = list(map(tuple.__new__, repeat(Token), columns))  # Token(*row), no Python call
    if _CONTRACTION.search(normal):
        tokens = [piece for t in tokens for piece in _split_contraction(t)]
    return tuple(tokens), normal


@lru_cache(maxsize=1 << 16)
def _key(piece: str) -> str:
    key = piece.casefold().rstrip(".")
    if key.isalpha():  # most words: no digit, hyphen or possessive
        return key
    if any(c.isdigit() for c in key):
        return key.replace(",", "")
    key = key[:-2] if key.endswith("'s") else key
    keep = any(p in lx.UNITS or p in lx.MONTHS for p in key.split("-"))
    return key if keep else key.replace("-", "")


def _split_contraction(t: Token) -> list[Token]:
    """A word ending in "n't" as two tokens ("didn't" -> "did", "n't"; "can't" -> "can", "n't";
    "won't" -> "will", "n't")."""
    m = _SPLIT_NT.match(t.text) if "'" in t.text else None
    if m is None:
        return [t]
    head, cut = m.group(1), t.start + len(m.group(1))
    stem, nt = {"ca": ("can", "n't"), "wo": ("will", "n't")}.get(head.casefold(), m.groups())
    return [
        Token(stem, _key(stem), t.start, t.start + len(stem), stem[0].isupper(), t.at_start),
        Token(nt, _key(nt), cut, cut + 3, nt[0].isupper(), False),
    ]


def hunks(old_t: list[Token], new_t: list[Token]) -> list[Hunk]:
    """The changed runs of words, as (i1, i2, j1, j2)."""
    out: list[Hunk] = []
    i = j = 0
    for i1, j1, size in _blocks(_keys(old_t), _keys(new_t)):
        if i < i1 or j < j1:
            out.append((i, i1, j, j1))
        i, j = i1 + size, j1 + size
    return out


def similarity(old_t: list[Token], new_t: list[Token]) -> float:
    """Share of words the two versions have in common, in order (1.0 for two empty texts)."""
    if not old_t and not new_t:
        return 1.0
    matched = sum(size for _, _, size in _blocks(_keys(old_t), _keys(new_t)))
    return 2.0 * matched / (len(old_t) + len(new_t))


def _keys(tokens: list[Token]) -> tuple[str, ...]:
    return tuple([t.key for t in tokens])


Block = tuple[int, int, int]  # old[i:i + size] == new[j:j + size]


@lru_cache(maxsize=64)
def _blocks(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[Block, ...]:
    """The words the two versions have in common, in order, as difflib's matching blocks (the
    last one (len(old), len(new), 0)); one matcher serves the diff and the similarity of a pair.

    difflib's matcher takes time that grows with the square of the words when they repeat (a
    "sentence" of a thousand short quotes); past `_EXACT_PAIRS` the common start and end are
    matched first and only what lies between goes to the matcher, if that is small enough.
    """
    if len(old) * len(new) <= _EXACT_PAIRS:
        return _matched(old, new)
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    rest_old, rest_new = old[head : len(old) - tail], new[head : len(new) - tail]
    if len(rest_old) * len(rest_new) <= _EXACT_PAIRS:
        between = [(i + head, j + head, n) for i, j, n in _matched(rest_old, rest_new)[:-1]]
    else:
        between = []  # one changed run
    ends = [(0, 0, head), *between, (len(old) - tail, len(new) - tail, tail)]
    return (*(b for b in ends if b[2]), (len(old), len(new), 0))


_EXACT_PAIRS = 250_000  # old words x new words matched exactly: far beyond any real sentence


def _matched(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[Block, ...]:
    blocks = SequenceMatcher(None, old, new, False).get_matching_blocks()
    return tuple((i, j, n) for i, j, n in blocks)


def span(tokens: list[Token], text: str) -> str:
    """The text from the first token to the last, with a closing abbreviation dot ('a.m.')."""
    if not tokens:
        return ""
    end = tokens[-1].end
    if "." in tokens[-1].text and text[end : end + 1] == ".":
        end += 1
    return text[tokens[0].start : end]


def gap(tokens: list[Token], text: str, i: int) -> str:
    """The characters between tokens[i] and tokens[i + 1]."""
    return text[tokens[i].end : tokens[i + 1].start]


def is_typo(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 5 or a[0].isdigit() or b[0].isdigit():
        return False
    limit = 1 if max(len(a), len(b)) <= 7 else 2
    return _distance(a, b, limit) <= limit


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions cost 1), or a number past `limit`
    once it is sure to be past it. Only cells within `limit` of the diagonal are worked out:
    a cell further off is at least its distance from the diagonal, so counting it as
    `limit` + 1 changes no distance up to `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    past = limit + 1
    prev2: list[int] = []
    prev = [min(j, past) for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        cur = [min(i, past)] + [past] * len(b)
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit and min(prev) >= limit:
            return past  # a row is never below the least of the row before and the one
            # before that plus one: every row from here on is past `limit`
        prev2, prev = prev, cur
    return prev[-1]
