"""Typographic variants of one text: the single table and comparison key every stage uses. Pure.

Sentence alignment, claim tokens, names and notes all treat curly and straight quotes, primes,
the modifier-letter apostrophe, dash styles, odd spaces, zero-width characters and the ellipsis
character alike, so a change that only swaps one of these is cosmetic everywhere at once.
"""

from __future__ import annotations

import re
import unicodedata

from tracker.extract.memo import per_text

_PLAIN = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`\u00b4\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043", "-"),
    **dict.fromkeys("\u00a0\u2007\u2009\u202f", " "),
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
    "\u2026": "...",
}
TYPOGRAPHY: dict[int, str] = {ord(char): plain for char, plain in _PLAIN.items()}  # str.translate
_REPLACEMENTS = tuple(_PLAIN.items())
_DASHES = re.compile(r"-{2,}")
# The letters outside ASCII that re.IGNORECASE matches to an ASCII letter ("İ", "ı", "ſ", the
# Kelvin sign), with that letter.
_IGNORECASE_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
# A space (text with its whitespace runs made single spaces) that does not stand between two
# word characters (`\w` is `str.isalnum()` or "_"): whitespace next to punctuation goes, between
# words it is one space.
_LOOSE_SPACE = re.compile(r" (?:(?<!\w )|(?!\w))")


@per_text(8192)
def normalize_typography(s: str) -> str:
    """Comparison key: equal keys mean the strings differ only in whitespace or typography.

    Curly and straight quotes, dash styles, ellipsis forms, NBSP and other spaces, zero-width
    characters and whitespace next to punctuation are all neutralised. (Kept per text: both
    versions of an article hold mostly the same sentences.)
    """
    s = plain_typography(unicodedata.normalize("NFKC", s))
    if "--" in s:
        s = _DASHES.sub("-", s)
    return _LOOSE_SPACE.sub("", " ".join(s.split()))


def plain_typography(s: str) -> str:
    """`s.translate(TYPOGRAPHY)`, ten times faster on text outside ASCII (where str.translate
    looks every character up in the table): no replacement holds a character of the table.
    The table's one ASCII character is the backtick, so ASCII text needs one look for it."""
    if s.isascii():
        return s.replace("`", "'")
    return _plain_outside_ascii(s)


@per_text(8192)  # the boilerplate, note, name and claim rules all read the same paragraphs
def _plain_outside_ascii(s: str) -> str:
    for char, plain in _REPLACEMENTS:
        if char in s:
            s = s.replace(char, plain)
    return s


def folded_lower(s: str) -> str:
    """`s` in lower case, where a piece of lower-case ASCII text stands wherever an
    IGNORECASE pattern finds it in `s`: a cheap `in` test tells that a regex cannot match.
    (The letters outside ASCII that such a pattern matches to an ASCII letter are made that
    letter first: "İ".lower() is two characters.)"""
    if not s.isascii() and any(chr(char) in s for char in _IGNORECASE_ASCII):
        s = s.translate(_IGNORECASE_ASCII)
    return s.lower()
