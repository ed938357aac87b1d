"""Numbers of an edited sentence pair, compared as whole phrases: a number with its qualifier
and unit ("more than 55", "$2 million", "5 percent", "50 miles", "March 3, 1991")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from tracker.analyze.claims import lexicon as lx
from tracker.analyze.claims.text import Hunk, Pair, Token, gap, span
from tracker.models import FactChange

_CURRENCY = "$\u00a3\u20ac\u00a5"
_NUMBER_WORDS = frozenset().union(lx.UNITS, lx.ORDINALS, lx.SCALES, lx.VAGUE, lx.MONTHS)


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """tokens[first:end] is a number phrase: qualifier, then number (from `core`), then unit
    (from `unit`)."""

    first: int
    core: int
    unit: int
    end: int
    qualifier: str  # lemma ("over" for "more than"), or ""
    value: str  # the number, comparable ("5 %" for "5 percent" and "5%")
    measure: str  # the unit, comparable

    @property
    def key(self) -> str:
        return f"{self.qualifier}|{self.value}|{self.measure}"


def number_changes(pair: Pair) -> list[FactChange]:
    """Number phrases that differ, a changed one paired with its counterpart. In a heavy
    rewrite only a changed value in the same context, or a number dropped from (or added to)
    a word that both versions have ('several officers' -> 'officers')."""
    old_p, new_p = number_phrases(pair.old, pair.old_text), number_phrases(pair.new, pair.new_text)
    gone, came = _unmatched(old_p, new_p), _unmatched(new_p, old_p)
    out: list[FactChange] = []
    for g in gone:
        c = _counterpart(pair, g, came)
        if c is not None:
            came.remove(c)
            if not pair.heavy or c.value + c.measure != g.value + g.measure:
                out.append(
                    FactChange("number", _shown(pair, g, c, True), _shown(pair, c, g, False))
                )
        elif not pair.heavy or _counted(pair.old, g, pair.new):
            out.append(FactChange("number", span(pair.old[g.first : g.end], pair.old_text), ""))
    out += [
        FactChange("number", "", span(pair.new[c.first : c.end], pair.new_text))
        for c in came
        if not pair.heavy or _counted(pair.new, c, pair.old)
    ]
    return out


def _counted(tokens: list[Token], p: NumberPhrase, other: list[Token]) -> bool:
    """True when the word after the phrase (what it counts) is a content word of `other`."""
    nxt = _content(tokens[p.end]) if p.end < len(tokens) else None
    return nxt is not None and nxt in {t.key for t in other}


def number_phrases(tokens: list[Token], text: str) -> list[NumberPhrase]:
    """Every number phrase of a tokenised sentence, in order."""
    out: list[NumberPhrase] = []
    end = 0
    for i in compress(range(len(tokens)), map(_number_word, [t.key for t in tokens])):
        if i < end or not _is_number(tokens, i):
            continue
        unit = i + 1
        while unit < len(tokens) and _joins(tokens, text, unit - 1):
            unit += 1
        end = _unit_end(tokens, text, unit)
        first, qualifier = _qualifier(tokens, text, i)
        value = " ".join(_value(t.key) for t in tokens[i:unit])
        measure = " ".join(t.key.rstrip("s") for t in tokens[unit:end])
        out.append(NumberPhrase(first, i, unit, end, qualifier, value, measure))
    return out


def _is_number(tokens: list[Token], i: int) -> bool:
    t = tokens[i]
    return _number_word(t.key) and (t.key != "may" or _is_month(t))


@lru_cache(maxsize=1 << 16)
def _number_word(key: str) -> bool:
    """Whether a word with this key is a number ("may" only when it names the month)."""
    if key[0].isdigit() or key[0] in _CURRENCY or key == "may" or key in _NUMBER_WORDS:
        return True
    if "-" not in key:
        return False
    parts = key.split("-")
    return len(parts) > 1 and any(p in lx.MONTHS or (p in lx.UNITS and p != "one") for p in parts)


def _is_month(t: Token) -> bool:
    return t.key in lx.MONTHS or (t.key == "may" and t.capital and not t.at_start)


def _joins(tokens: list[Token], text: str, j: int) -> bool:
    """True when tokens[j + 1] continues the number at tokens[j] ('March 3, 1991', '6-foot-3')."""
    between, nxt = gap(tokens, text, j), tokens[j + 1].key
    if between == " ":
        return _is_number(tokens, j + 1) or nxt in lx.CLOCK
    if between == "-":
        return _is_number(tokens, j + 1) or nxt in lx.MEASURES
    day_year = j > 0 and _is_month(tokens[j - 1]) and tokens[j].key.isdigit()
    return between == ", " and day_year and len(nxt) == 4 and nxt.isdigit()


def _unit_end(tokens: list[Token], text: str, unit: int) -> int:
    end = unit
    while end < len(tokens) and end - unit < 2 and tokens[end].key in lx.MEASURES:
        if gap(tokens, text, end - 1) not in {" ", "-"}:
            break
        end += 1
    per = end + 1 < len(tokens) and tokens[end].key == "per"
    return end + 2 if end > unit and per and tokens[end + 1].key in lx.MEASURES else end


def _qualifier(tokens: list[Token], text: str, core: int) -> tuple[int, str]:
    """Where the qualifier before tokens[core] starts, and its lemma."""
    for n in (3, 2, 1):
        start = core - n
        if start < 0:
            continue
        words = tuple([t.key for t in tokens[start:core]])
        lemma = lx.QUALIFIERS.get(words) or (words[0] if n == 2 and words[1] == "than" else "")
        if lemma and all(gap(tokens, text, k) == " " for k in range(start, core)):
            return start, lemma
    return core, ""


def _value(key: str) -> str:
    if key[0].isdigit() or key[0] in _CURRENCY:
        return key[:-1] + " %" if key.endswith("%") else key
    parts = key.split("-")
    if len(parts) > 1:  # "twenty-five" is 25; "three-year" and "three-dimensional" are 3
        numbers = [lx.UNITS[p] for p in parts if p in lx.UNITS]
        return str(sum(numbers)) if numbers else " ".join(p for p in parts if p in lx.MONTHS)
    if key in lx.UNITS:
        return str(lx.UNITS[key])
    if key in lx.ORDINALS:
        return f"#{lx.ORDINALS[key]}"
    if key in lx.VAGUE_SAME:
        return lx.VAGUE_SAME[key]
    return "%" if key == "percent" else key


def _unmatched(phrases: list[NumberPhrase], other: list[NumberPhrase]) -> list[NumberPhrase]:
    """Phrases with no phrase of the same value left in `other`."""
    left = [p.key for p in other]
    out: list[NumberPhrase] = []
    for p in phrases:
        if p.key in left:
            left.remove(p.key)
        else:
            out.append(p)
    return out


def _counterpart(pair: Pair, g: NumberPhrase, came: list[NumberPhrase]) -> NumberPhrase | None:
    """The new phrase that `g` became: same neighbouring words, same unit, same number with
    another qualifier, or (unless the pair is a heavy rewrite) the same hunk."""
    best, best_score = None, 0
    g_context = _context(pair.old, g)
    g_hunks = _hunks_touched(pair.hunks, g, 0)
    for c in came:
        score = 4 * bool(g_context & _context(pair.new, c))
        score += 2 * bool(g.measure and g.measure == c.measure)
        score += 2 * (g.value == c.value and g.measure == c.measure)
        if not pair.heavy and g_hunks & _hunks_touched(pair.hunks, c, 2):
            score += 1
        if score > best_score:
            best, best_score = c, score
    return best


def _context(tokens: list[Token], p: NumberPhrase) -> set[str]:
    """The content words right after and right before the phrase (past an article)."""
    after = tokens[p.end : p.end + 1]
    before = tokens[max(p.first - 2, 0) : p.first][::-1]
    if before and before[0].key not in {"the", "a", "an"}:
        before = before[:1]
    words = {_content(t) for t in [*after, *before[:2]]}
    return {w for w in words if w is not None}


def _content(t: Token) -> str | None:
    """The token's key, unless it is a function word, a title or part of a number."""
    key = t.key
    if key in lx.FUNCTION or key in lx.TITLES or key in lx.CLOCK or key[0].isdigit():
        return None
    return None if key in lx.UNITS or key in lx.MONTHS or key in lx.VAGUE else key


def _hunks_touched(diff: list[Hunk], p: NumberPhrase, side: int) -> set[int]:
    return {
        k for k, h in enumerate(diff) if h[side] < p.end and p.first < max(h[side + 1], h[side] + 1)
    }


def _shown(pair: Pair, p: NumberPhrase, other: NumberPhrase, is_old: bool) -> str:
    """The phrase as printed: the number, with its qualifier and unit when those changed too
    (all of it when only they changed)."""
    tokens, text = (pair.old, pair.old_text) if is_old else (pair.new, pair.new_text)
    other_tokens = pair.new if is_old else pair.old
    if p.value == other.value:
        return span(tokens[p.first : p.end], text)
    start = (
        p.core
        if _words(tokens, p.first, p.core) == _words(other_tokens, other.first, other.core)
        else p.first
    )
    end = (
        p.unit
        if _words(tokens, p.unit, p.end) == _words(other_tokens, other.unit, other.end)
        else p.end
    )
    return span(tokens[start:end], text)


def _words(tokens: list[Token], start: int, end: int) -> list[str]:
    return [t.key for t in tokens[start:end]]
