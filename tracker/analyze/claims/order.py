"""Facts that traded places in an edited sentence pair: the same numbers, names and negations
in another order relative to each other ("Smith beat Jones" -> "Jones beat Smith", "51 to 49"
-> "49 to 51", a "not" moved from one clause to another). A clause moved whole to the other
end of the sentence, or names swapped within a list, keeps every fact in its relation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tracker.analyze.claims import lexicon as lx
from tracker.analyze.claims.names import is_entity
from tracker.analyze.claims.text import Pair, Token, span
from tracker.models import ClaimKind, FactChange

# Words that join or split clauses without adding a fact.
JOINERS = frozenset({"and", "but", "so", "then", "while", "which", "that", "as", "also"})
# Subjects a negation may be about: they anchor it to its clause.
_SUBJECTS = frozenset({"he", "she", "they", "we", "i"})
# Words that open a movable adverbial clause ("on Monday", "in Ohio").
_PREPOSITIONS = frozenset(
    "in on at for from with by after before during since under over until through within "
    "among amid despite following".split()
)
_NOT = {"n't": "not", "cannot": "not"}
_CURRENCY = "$\u00a3\u20ac\u00a5"
_RANK: dict[ClaimKind, int] = {"negation": 0, "number": 1, "entity": 2}


@dataclass(frozen=True, slots=True)
class _Word:
    """A word both versions have: its key, where it stands in its version, its fact kind."""

    key: str
    index: int
    kind: ClaimKind | None  # None for a plain word; "attribution" marks a subject anchor


def order_change(pair: Pair) -> FactChange | None:
    """The facts whose order relative to each other changed, as the phrase holding them in
    each version; None when every fact kept its relation."""
    old_spans = [range(i1, i2) for i1, i2, _, _ in pair.hunks]
    new_spans = [range(j1, j2) for _, _, j1, j2 in pair.hunks]
    moved = _keys(pair.old, old_spans) & _keys(pair.new, new_spans)
    if not any(_kind(pair.old, i) for r in old_spans for i in r if _norm(pair.old[i]) in moved):
        return None  # no fact word left one place for another
    old_w, new_w = _skeleton(pair.old, old_spans, moved), _skeleton(pair.new, new_spans, moved)
    fact_keys = {w.key for w in (*old_w, *new_w) if w.kind}
    old_f = [w for w in old_w if w.key in fact_keys]
    new_f = [w for w in new_w if w.key in fact_keys]
    if [w.key for w in old_f] == [w.key for w in new_f] or _clause_moved(old_w, new_w):
        return None
    changed = _inverted(old_f, new_f)
    kinds = [k for w in changed if (k := w.kind) in _RANK and k is not None]
    if not kinds:
        return None  # only subject anchors traded places
    (o1, o2), (n1, n2) = _regions(pair.old, pair.new, changed)
    kind = min(kinds, key=_RANK.__getitem__)
    return FactChange(
        kind, span(pair.old[o1:o2], pair.old_text), span(pair.new[n1:n2], pair.new_text)
    )


def _norm(t: Token) -> str:
    return _NOT.get(t.key, t.key)


def _keys(tokens: list[Token], spans: list[range]) -> Counter[str]:
    return Counter(_norm(tokens[i]) for r in spans for i in r)


def _skeleton(tokens: list[Token], spans: list[range], moved: Counter[str]) -> list[_Word]:
    """The words both versions have, in order: every unchanged word and the changed words
    that the other version has elsewhere (as often), joiners left out."""
    changed = {i for r in spans for i in r}
    left = Counter(moved)
    out: list[_Word] = []
    for i, t in enumerate(tokens):
        key = _norm(t)
        if key in JOINERS or (i in changed and left[key] <= 0):
            continue
        if i in changed:
            left[key] -= 1
        out.append(_Word(key, i, _kind(tokens, i)))
    return out


def _kind(tokens: list[Token], i: int) -> ClaimKind | None:
    key = tokens[i].key
    if key in lx.NEGATIONS:
        return "negation"
    if key[0].isdigit() or key[0] in _CURRENCY or key in lx.UNITS or key in lx.ORDINALS:
        return "number"
    if key in lx.MONTHS and (key != "may" or not tokens[i].at_start):
        return "number"
    if key in _SUBJECTS:
        return "attribution"
    return "entity" if is_entity(tokens, i) else None


def _clause_moved(old_w: list[_Word], new_w: list[_Word]) -> bool:
    """True when the new words are the old ones with one run of words moved past its
    neighbour: to or from either end of the sentence, as an adverbial phrase, or one name or
    number traded with the next in a list."""
    old_k, new_k = [w.key for w in old_w], [w.key for w in new_w]
    start = 0
    while start < len(old_k) and old_k[start] == new_k[start]:
        start += 1
    stop = len(old_k)
    while stop > start and old_k[stop - 1] == new_k[stop - 1]:
        stop -= 1
    middle, moved = old_w[start:stop], new_k[start:stop]
    at_edge = start == 0 or stop == len(old_k)
    for cut in range(1, len(middle)):
        head, tail = middle[:cut], middle[cut:]
        if [w.key for w in tail + head] != moved:
            continue
        adverbial = head[0].key in _PREPOSITIONS or tail[0].key in _PREPOSITIONS
        listed = all(w.kind in _RANK for w in middle)
        if at_edge or adverbial or listed:
            return True
    return False


def _inverted(old_f: list[_Word], new_f: list[_Word]) -> list[_Word]:
    """Old fact words that changed order with another fact word (each paired with the same
    occurrence in the new version, which is appended after the old ones)."""
    seen: Counter[str] = Counter()
    place: dict[tuple[str, int], int] = {}
    for n, w in enumerate(new_f):
        place[(w.key, seen[w.key])] = n
        seen[w.key] += 1
    seen.clear()
    order: list[int] = []
    for w in old_f:
        order.append(place[(w.key, seen[w.key])])
        seen[w.key] += 1
    hit = {
        k
        for a in range(len(order))
        for b in range(a + 1, len(order))
        if order[a] > order[b]
        for k in (a, b)
    }
    return [old_f[k] for k in sorted(hit)] + [new_f[order[k]] for k in sorted(hit)]


def _regions(
    old_t: list[Token], new_t: list[Token], moved: list[_Word]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """Token ranges of old and new holding the moved facts (a negation with its predicate),
    widened so both cover the same stretch where the versions agree around it."""
    half = len(moved) // 2
    old_r = _bounds(old_t, moved[:half])
    new_r = _bounds(new_t, moved[half:])
    keys_o, keys_n = [t.key for t in old_t], [t.key for t in new_t]
    prefix = _shared(keys_o, keys_n)
    suffix = min(_shared(keys_o[::-1], keys_n[::-1]), min(len(keys_o), len(keys_n)) - prefix)
    o_tail, n_tail = len(old_t) - old_r[1], len(new_t) - new_r[1]
    return (
        (_widen(old_r[0], new_r[0], prefix), len(old_t) - _widen(o_tail, n_tail, suffix)),
        (_widen(new_r[0], old_r[0], prefix), len(new_t) - _widen(n_tail, o_tail, suffix)),
    )


def _widen(mine: int, theirs: int, shared: int) -> int:
    """An edge distance moved out to the other version's when that falls where both agree."""
    return min(mine, theirs) if theirs <= shared else mine


def _bounds(tokens: list[Token], words: list[_Word]) -> tuple[int, int]:
    first = min(w.index for w in words)
    last = max(_predicate(tokens, w.index) if w.kind == "negation" else w.index for w in words)
    return first, last + 1


def _predicate(tokens: list[Token], i: int) -> int:
    """Where the word a negation at tokens[i] denies stands (itself when none follows)."""
    for j in range(i + 1, min(i + 5, len(tokens))):
        key = tokens[j].key
        if key not in lx.FUNCTION and key not in lx.NEGATIONS:
            return j
    return i


def _shared(a: list[str], b: list[str]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n
