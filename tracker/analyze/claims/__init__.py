"""Edited sentence pair -> the facts that changed in it (numbers, negations, names, hedges,
attributions). Rule-based and pure: cosmetic edits (punctuation, typos, case, quote style,
reordered clauses, synonyms of non-fact words) change no fact.

A heavily rewritten pair (few words in common) keeps only the changes that are clear without a
word-by-word alignment: a number whose neighbouring words match, a negation of a predicate that
the other version states, a swapped word in an otherwise kept phrase, a whole name."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from itertools import compress

from tracker.analyze.claims import lexicon as lx
from tracker.analyze.claims.names import name_changes
from tracker.analyze.claims.numbers import number_changes
from tracker.analyze.claims.order import JOINERS, order_change
from tracker.analyze.claims.text import (
    Hunk,
    Pair,
    Token,
    hunks,
    is_typo,
    similarity,
    span,
    tokenise,
)
from tracker.models import ClaimKind, FactChange

_WEIGHT: dict[ClaimKind, float] = {
    "number": 0.95,
    "negation": 0.9,
    "attribution": 0.85,
    "entity": 0.8,
    "hedge": 0.6,
}
_HEAVY = 0.5  # below this share of words in common a pair is a heavy rewrite
_HEAVY_CAP = 3  # most changes listed for a heavy rewrite
_SHORT = 3  # most words on either side of a hunk that a heavy rewrite still trusts


def fact_changes(old: str, new: str) -> list[FactChange]:
    """Every fact that changed between two versions of a sentence (or a joined group)."""
    pair = word_pair(old, new)
    if not pair.hunks:
        return []
    changes = [
        *number_changes(pair),
        *_word_changes("negation", pair),
        *_word_changes("attribution", pair),
        *name_changes(pair),
        *_word_changes("hedge", pair),
    ]
    swap = None if pair.heavy else order_change(pair)
    changes = _dedupe(_resolve_deny([*changes, *([swap] if swap else [])]))
    if pair.heavy:
        changes = sorted(changes, key=lambda c: -_WEIGHT[c.kind])[:_HEAVY_CAP]
    return changes


@lru_cache(maxsize=256)
def word_pair(old: str, new: str) -> Pair:
    """Both versions tokenised (a typo keyed as the word it misspells) with their diff. (Kept:
    the claims and the fact ledger both read an edited sentence pair; no caller changes the
    Pair's lists.)"""
    (old_t, old_n), (new_t, new_n) = tokenise(old), tokenise(new)
    new_t = _repair_typos(old_t, new_t)
    diff = hunks(old_t, new_t)
    heavy = bool(diff) and similarity(old_t, new_t) < _HEAVY
    return Pair(old_t, new_t, old_n, new_n, diff, heavy)


def is_cosmetic(old: str, new: str) -> bool:
    """True when no fact changed between the two versions."""
    return not fact_changes(old, new)


def is_surface_edit(old: str, new: str) -> bool:
    """True for a cosmetic edit in the strict sense: the same words, give or take punctuation,
    letter case, hyphenation, quote and dash style, typos, or clauses reflowed (reordered, or
    joined and split with conjunctions) as long as no two facts trade places."""
    old_words, new_words = _surface_words(old), _surface_words(new)
    if "".join(old_words) == "".join(new_words):
        return True
    if Counter(w for w in old_words if w not in JOINERS) == Counter(
        w for w in new_words if w not in JOINERS
    ):
        return order_change(word_pair(old, new)) is None
    return len(old_words) == len(new_words) and all(
        a == b or is_typo(a, b) for a, b in zip(old_words, new_words, strict=True)
    )


_SURFACE_WORD = re.compile(r"[^\W_]+")


def _surface_words(text: str) -> list[str]:
    return _SURFACE_WORD.findall(text.casefold())


def significance(old: str, new: str, changes: Sequence[FactChange]) -> float:
    """Rank an edit in [0, 1] as an editor would: a changed count, a negation, a swapped name
    or a new attribution verb 0.8 and up; a hedge, or a fact only one side states, about 0.6;
    a change of wording only (one neutral speech verb for another) under 0.3; a cosmetic edit
    0.0 .. 0.1. A heavy rewrite ranks lower: its facts are matched across a loose alignment."""
    old_t, new_t = tokenise(old)[0], tokenise(new)[0]
    total = max(len(old_t), len(new_t), 1)
    same = sum(min(i2 - i1, j2 - j1) for i1, i2, j1, j2 in _equal_blocks(old_t, new_t))
    changed = min(1.0, (total - same) / total)
    if not changes:
        return round(0.1 * changed, 3) if old != new else 0.0
    top = max(_weight(c) for c in changes)
    extra = 0.03 * min(len({c.kind for c in changes}) - 1, 3)
    score = top * (0.85 + 0.15 * (1.0 - changed)) + extra
    ratio = similarity(old_t, new_t)
    if ratio < _HEAVY:
        score *= 0.55 + 0.5 * ratio
    return round(min(1.0, score), 3)


def _weight(change: FactChange) -> float:
    """How much one change matters on its own."""
    both = bool(change.old and change.new)
    if change.kind == "number":
        old, new = change.old.casefold(), change.new.casefold()
        digits = [re.sub(r"\D", "", t) for t in (old, new)]
        kept = old.endswith(new) or new.endswith(old)
        if both and ((digits[0] and digits[0] == digits[1]) or kept):
            return 0.6  # the qualifier changed: "over 100" -> "about 100", "nearly three"
        return _WEIGHT["number"] if both else 0.7
    if change.kind == "attribution":
        lemmas = {lx.CUES.get(w.casefold(), "") for w in f"{change.old} {change.new}".split()}
        if both and lemmas - {""} and lemmas - {""} <= lx.NEUTRAL_CUES:
            return 0.25  # one neutral speech verb for another: wording
        return _WEIGHT["attribution"] if both else 0.6
    if change.kind == "entity" and not both:
        return 0.55
    return _WEIGHT[change.kind]


def _equal_blocks(old_t: list[Token], new_t: list[Token]) -> list[Hunk]:
    """The unchanged runs between the hunks, as (i1, i2, j1, j2)."""
    blocks: list[Hunk] = []
    i = j = 0
    for i1, i2, j1, j2 in [*hunks(old_t, new_t), (len(old_t), 0, len(new_t), 0)]:
        blocks.append((i, i1, j, j1))
        i, j = i2, j2
    return blocks


def _repair_typos(old_t: list[Token], new_t: list[Token]) -> list[Token]:
    """New tokens, with a one-word typo (or its fix) given the old word's key."""
    repaired = list(new_t)
    for i1, i2, j1, j2 in hunks(old_t, new_t):
        for a, j in zip(old_t[i1:i2], range(j1, j2), strict=False):
            b = new_t[j]
            if a.key.isalpha() and b.key.isalpha() and is_typo(a.key, b.key):
                if not (_lexical(a.key) and _lexical(b.key)):
                    repaired[j] = b.rekeyed(a.key)
    return repaired


def _lexical(key: str) -> bool:
    """True for fact and function words (a change between two of them is no typo)."""
    return any(key in words for words in (*lx.NOT_NAMES, lx.MONTHS, lx.CUES, lx.FUNCTION))


# ---- negations, hedges, attributions: single words ----------------------------------------


def _word_changes(kind: ClaimKind, pair: Pair) -> list[FactChange]:
    old_l = _facts(kind, pair.old, pair.new, pair.heavy)
    new_l = _facts(kind, pair.new, pair.old, pair.heavy)
    if not old_l and not new_l:  # most pairs: no word of the kind on either side
        return []
    old_f, new_f = Counter(old_l), Counter(new_l)
    gone, came = old_f - new_f, new_f - old_f
    if not gone and not came:
        return []
    out: list[FactChange] = []
    for i1, i2, j1, j2 in pair.hunks:
        local_gone = set(_facts(kind, pair.old, pair.new, pair.heavy, i1, i2)) & set(gone)
        local_came = set(_facts(kind, pair.new, pair.old, pair.heavy, j1, j2)) & set(came)
        if pair.heavy and max(i2 - i1, j2 - j1) > _SHORT:
            swap = kind == "attribution" and bool(local_gone) and bool(local_came)
            trailing = kind == "attribution" and (
                _trailing_cue(pair.old, i1, i2) or _trailing_cue(pair.new, j1, j2)
            )
            if not (swap or trailing):
                continue
        if local_gone or local_came:
            out.append(_describe(kind, pair, (i1, i2, j1, j2)))
    return out


def _trailing_cue(tokens: list[Token], start: int, end: int) -> bool:
    """True when tokens[start:end] ends the sentence with an attribution (', police said')."""
    return end >= len(tokens) - 1 and any(
        is_cue(tokens, i) for i in range(max(start, end - 2), end)
    )


def _facts(
    kind: ClaimKind,
    tokens: list[Token],
    other: list[Token],
    strict: bool,
    start: int = 0,
    end: int | None = None,
) -> list[str]:
    """The fact words of one kind among tokens[start:end], as comparable lemmas."""
    out: list[str] = []
    stop = len(tokens) if end is None else end
    words = _FACT_WORDS[kind]  # every fact word of the kind is one of these
    for i in compress(range(start, stop), [t.key in words for t in tokens[start:stop]]):
        key = tokens[i].key
        if kind == "negation" and key in lx.NEGATIONS:
            if (strict or key in lx.WEAK_NEGATIONS) and not _flips(tokens, i, other):
                continue
            out.append("not" if key in {"n't", "cannot"} else key)
        elif (
            kind == "hedge"
            and key in lx.HEDGES
            and not is_cue(tokens, i)
            and not (
                tokens[i].capital and not tokens[i].at_start  # "May 3" is a date
            )
        ):
            out.append(lx.HEDGES[key])
        elif kind == "attribution" and is_cue(tokens, i):
            out.append(lx.CUES[key])
    return out


_FACT_WORDS: dict[ClaimKind, Collection[str]] = {
    "negation": lx.NEGATIONS,
    "hedge": lx.HEDGES,
    "attribution": lx.CUES,
}


def _flips(tokens: list[Token], i: int, other: list[Token]) -> bool:
    """True when the negation at tokens[i] denies a predicate that `other` states un-negated."""
    predicate = _predicate(tokens, i)
    if predicate is None:
        return False
    for j, t in enumerate(other):
        if _same_stem(t.key, predicate) and not any(
            o.key in lx.NEGATIONS for o in other[max(j - 3, 0) : j]
        ):
            return True
    return False


def _predicate(tokens: list[Token], i: int) -> str | None:
    """The first content word within four words after a negation."""
    for t in tokens[i + 1 : i + 5]:
        if t.key not in lx.FUNCTION and t.key not in lx.NEGATIONS and not t.key.endswith("ly"):
            return t.key
    return None


def _same_stem(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and a[:4] == b[:4] and abs(len(a) - len(b)) <= 3)


_DETERMINERS = frozenset("the a an his her their its our my your".split())


def _possessive(t: Token) -> bool:
    """A possessive ("Lee's"), not a verb's short form ("she's", "that's": has, is)."""
    word = t.text.casefold()
    base = word.removesuffix("'s")
    return base != word and base not in lx.PRONOUNS and base not in _HAS_OR_IS


_HAS_OR_IS = frozenset("that there here who what where it let".split())


def is_cue(tokens: Sequence[Token], idx: int) -> bool:
    """True when tokens[idx] attributes a statement ("said", "according to", "denied that")."""
    t = tokens[idx]
    lemma = lx.CUES.get(t.key)
    if lemma is None or (t.capital and not t.at_start):
        return False
    nxt = tokens[idx + 1].key if idx + 1 < len(tokens) else ""
    prev = tokens[idx - 1].key if idx > 0 else ""
    prev_capital = tokens[max(idx - 1, 0)].capital
    if lemma == "according":
        return nxt == "to"
    if idx > 0 and (prev in _DETERMINERS or _possessive(tokens[idx - 1])):
        return False  # a noun: "her claim", "Lee's report", "the reports"
    if t.key == "alleged" and nxt not in {"that", "in", "on", "the", "he", "she", "they"}:
        return False  # "the alleged attacker" is a hedge
    if t.key == "added" and prev not in lx.PRONOUNS and not prev_capital:
        return False
    if t.key in {"reported", "reports"} and prev in {"first", "the", "a", "news", "media"}:
        return False
    return (
        lemma not in lx.WEAK_CUES
        or nxt in {"that", "on", "in"}
        or idx == len(tokens) - 1
        or prev in lx.PRONOUNS
        or prev_capital
    )


def _describe(kind: ClaimKind, pair: Pair, hunk: Hunk) -> FactChange:
    """The changed words of a hunk, or only its fact words when the hunk is long."""
    i1, i2, j1, j2 = hunk
    if i2 - i1 > 5 or j2 - j1 > 5:
        return FactChange(
            kind,
            _fact_text(kind, pair.old, pair.new, pair.old_text, (i1, i2)),
            _fact_text(kind, pair.new, pair.old, pair.new_text, (j1, j2)),
        )
    return FactChange(
        kind, span(pair.old[i1:i2], pair.old_text), span(pair.new[j1:j2], pair.new_text)
    )


def _fact_text(
    kind: ClaimKind, tokens: list[Token], other: list[Token], text: str, bounds: tuple[int, int]
) -> str:
    """Fact words of a hunk as printed; adjacent ones kept together ('did not')."""
    hits = [i for i in range(*bounds) if _facts(kind, tokens, other, False, i, i + 1)]
    runs: list[list[int]] = []
    for i in hits:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return " ".join(span([tokens[r[0]], tokens[r[-1]]], text) for r in runs)


# ---- across kinds -----------------------------------------------------------------------------


def _resolve_deny(changes: list[FactChange]) -> list[FactChange]:
    """ "said" -> "denied" is an attribution change; "met" -> "denied meeting" a negation."""
    attributions = {(c.old, c.new) for c in changes if c.kind == "attribution"}
    negations = {(c.old, c.new) for c in changes if c.kind == "negation"}
    out: list[FactChange] = []
    for c in changes:
        both = (c.old, c.new) in attributions and (c.old, c.new) in negations
        if both and c.kind == "negation" and _has_cue(c.old) and _has_cue(c.new):
            continue
        if both and c.kind == "attribution" and not (_has_cue(c.old) and _has_cue(c.new)):
            continue
        if c.kind == "entity" and any(c.old in a and c.new in b for a, b in attributions):
            continue  # the source named in an added or removed attribution clause
        out.append(c)
    return out


def _has_cue(text: str) -> bool:
    return any(w.casefold() in lx.CUES for w in re.findall(r"[A-Za-z]+", text))


def _dedupe(changes: Iterable[FactChange]) -> list[FactChange]:
    seen: set[tuple[str, str, str]] = set()
    out: list[FactChange] = []
    for c in changes:
        if (c.kind, c.old, c.new) not in seen:
            seen.add((c.kind, c.old, c.new))
            out.append(c)
    return out
