"""Names of an edited sentence pair, compared as whole names ("Cynthia Kelley", "City of Los
Angeles"): a name kept in any case, spelling, abbreviation or acronym is no change."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

from tracker.analyze.claims import lexicon as lx
from tracker.analyze.claims.text import Pair, Token, gap, is_typo, span
from tracker.models import FactChange

_NOT_NAMES = frozenset().union(*lx.NOT_NAMES)


@dataclass(frozen=True, slots=True)
class Name:
    """tokens[first:end] is a name; `words` are its keys without titles and joiners."""

    first: int
    end: int
    words: frozenset[str]
    weak: bool  # a lone capitalised word that may be an adjective or a sentence opener


def name_changes(pair: Pair) -> list[FactChange]:
    """Names that differ: swapped in place, gone or come. A name that keeps its last word
    ('Cynthia Kelley' -> 'Ms. Kelley') is the same name, changed only when another name
    sharing words takes its place ('Vladimir Putin' -> 'Boris Putin')."""
    old_n, new_n = names_in(pair.old, pair.old_text), names_in(pair.new, pair.new_text)
    if not old_n and not new_n:
        return []
    short = _abbreviations(pair.old, pair.old_text) | _abbreviations(pair.new, pair.new_text)
    in_new, in_old = _Other.of(pair.new, short), _Other.of(pair.old, short)
    gone = [(n, m) for n in old_n if (m := _missing(n, pair.old, in_new))]
    came = [(n, m) for n in new_n if (m := _missing(n, pair.new, in_old))]
    out: list[FactChange] = []
    for g, g_missing in gone:
        kept = _head(pair.old, g) not in g_missing
        match = next(
            (
                (c, c_missing)
                for c, c_missing in came
                if (_head(pair.new, c) not in c_missing) == kept
                and not (g.weak and c.weak and not _speaker(pair, g, True))
                and _same_slot(pair, g, c)
            ),
            None,
        )
        old_text = _words_of(pair.old, pair.old_text, g, g_missing)
        if match is not None:
            came.remove(match)
            out.append(FactChange("entity", old_text, _words_of(pair.new, pair.new_text, *match)))
        elif not kept and _reportable(pair, g, True):
            out.append(FactChange("entity", span(pair.old[g.first : g.end], pair.old_text), ""))
    for c, c_missing in came:
        if _head(pair.new, c) in c_missing and _reportable(pair, c, False):
            out.append(FactChange("entity", "", span(pair.new[c.first : c.end], pair.new_text)))
    return out


def _speaker(pair: Pair, name: Name, is_old: bool) -> bool:
    """True for a lone word that owns something ("Trump's") or speaks ("Trump said")."""
    tokens, text = (pair.old, pair.old_text) if is_old else (pair.new, pair.new_text)
    word = tokens[name.first]
    after = tokens[name.end].key if name.end < len(tokens) else ""
    return word.text.endswith("'s") or after in lx.CUES


def _head(tokens: list[Token], name: Name) -> str:
    """The last word of a name (a surname, the noun of 'City of Los Angeles')."""
    return next(t.key for t in reversed(tokens[name.first : name.end]) if t.key in name.words)


def _words_of(tokens: list[Token], text: str, name: Name, missing: frozenset[str]) -> str:
    """The name's words in `missing`, from the first to the last, as printed."""
    idx = [i for i in range(name.first, name.end) if tokens[i].key in missing]
    return span([tokens[idx[0]], tokens[idx[-1]]], text)


def names_in(tokens: list[Token], text: str) -> list[Name]:
    """Every name of a tokenised sentence (runs of capitalised words), in order."""
    out: list[Name] = []
    end = 0
    for i in compress(range(len(tokens)), [t.capital for t in tokens]):  # none else is one
        if i < end or not is_entity(tokens, i):
            continue
        end = i + 1
        while end < len(tokens) and _tight(tokens, text, end - 1):
            if is_entity(tokens, end):
                end += 1
            elif _joiner(tokens, end) and _tight(tokens, text, end):
                end += 2
            else:
                break
        words = frozenset(
            t.key for t in tokens[i:end] if t.key not in lx.TITLES and t.key not in lx.NAME_JOINERS
        )
        if words and max(len(w) for w in words) > 1:  # a lone letter is a label, not a name
            out.append(Name(i, end, words, end == i + 1 and _weak(tokens, i)))
    return out


def is_entity(tokens: list[Token], i: int) -> bool:
    """True when tokens[i] can be a word of a name (capitalised, not a title, month or
    fact word, not a common sentence opener)."""
    t = tokens[i]
    if not t.capital or t.key in lx.TITLES or t.key in lx.MONTHS:
        return False
    if (t.key in lx.CUES and t.at_start) or t.key in lx.PERSONAL:
        return False
    if t.key in _NOT_NAMES:
        return False
    if not t.at_start:
        return True
    if t.key in lx.FUNCTION:
        return False
    follows_capital = i + 1 < len(tokens) and tokens[i + 1].capital
    return follows_capital or t.text.isupper() or t.key not in lx.COMMON_STARTS


def _tight(tokens: list[Token], text: str, j: int) -> bool:
    """True when tokens[j] and tokens[j + 1] can be words of one name."""
    between = gap(tokens, text, j)
    return between in {" ", "-"} or (between == ". " and len(tokens[j].key) == 1)


def _joiner(tokens: list[Token], i: int) -> bool:
    t = tokens[i]
    return (
        t.key in lx.NAME_JOINERS
        and not t.capital
        and i + 1 < len(tokens)
        and (is_entity(tokens, i + 1))
    )


def _weak(tokens: list[Token], i: int) -> bool:
    """A lone word opening the sentence, or a nationality before a lower-case noun."""
    t = tokens[i]
    if t.text.isupper() and len(t.key) > 1:
        return False
    before_noun = i + 1 < len(tokens) and not tokens[i + 1].capital
    return t.at_start or (before_noun and t.key.endswith(lx.DEMONYM_ENDINGS))


@dataclass(frozen=True, slots=True)
class _Other:
    """What the other version offers to find a name in: worked out once for all its names."""

    keys: frozenset[str]
    acronyms: frozenset[str]
    initials: str  # each word's first letter, a space for a lowercase word
    content: str  # the first letters of its capitalised words but "of" and "the"
    short: set[str]  # abbreviations in either version

    @classmethod
    def of(cls, other: list[Token], short: set[str]) -> _Other:
        return cls(
            frozenset(t.key for t in other),
            frozenset(
                t.key.replace(".", "") for t in other if t.text.isupper() and len(t.text) > 1
            ),
            "".join(t.key[0] if t.capital else " " for t in other),
            "".join(t.key[0] for t in other if t.capital and t.key not in {"of", "the"}),
            short,
        )


def _missing(name: Name, tokens: list[Token], other: _Other) -> frozenset[str]:
    """The words of `name` that the other version lacks in any case or spelling; none when
    the name is an acronym the other spells out, or the other's acronym spells it out."""
    if _spelled_out(name, tokens, other) or _initials(name, tokens) in other.acronyms:
        return frozenset()
    keys = other.keys
    return frozenset(
        w for w in name.words if w not in keys and not _variant_of(w, keys, other.short)
    )


def _variant_of(word: str, keys: frozenset[str], short: set[str]) -> bool:
    """True when one of `keys` is `word` misspelt, in the plural or singular, or abbreviated
    ('Fig.' for 'Figure')."""
    for k in keys:
        if abs(len(k) - len(word)) <= 2 and len(word) >= 5 and is_typo(word, k):
            return True
        if word in {k + "s", k[:-1]} or _abbreviates(word, k, short):
            return True
    return False


def _abbreviates(a: str, b: str, short: set[str]) -> bool:
    if len(a) > len(b):
        a, b = b, a
    return a in short and len(a) >= 3 and b.startswith(a) and a != b


def _abbreviations(tokens: list[Token], text: str) -> set[str]:
    """Keys of capitalised words written with a closing dot ('Calif.', 'Fig.')."""
    return {
        t.key
        for t in tokens
        if t.capital and (t.text.endswith(".") or text[t.end : t.end + 1] == ".")
    }


def _initials(name: Name, tokens: list[Token]) -> str:
    words = [t for t in tokens[name.first : name.end] if t.key not in lx.TITLES]
    return "".join(t.key[0] for t in words) if len(words) > 1 else ""


def _spelled_out(name: Name, tokens: list[Token], other: _Other) -> bool:
    """True when the name is one acronym ('U.S.', 'FBI') of a capitalised run in `other`."""
    if name.end - name.first != 1:
        return False
    letters = tokens[name.first].key.replace(".", "")
    if not 2 <= len(letters) <= 6 or not letters.isalpha():
        return False
    return letters in other.initials or (letters in other.content and len(letters) > 2)


def _same_slot(pair: Pair, g: Name, c: Name) -> bool:
    """True when `c` took the place of `g`: names sharing words, or names filling the same
    short hunk from the same end."""
    if g.words & c.words:
        return True
    for i1, i2, j1, j2 in pair.hunks:
        if not (i1 < g.end and g.first < i2 and j1 < c.end and c.first < j2):
            continue
        short = i2 - i1 <= g.end - g.first + 2 and j2 - j1 <= c.end - c.first + 2
        aligned = (g.first <= i1 and c.first <= j1) or (g.end >= i2 and c.end >= j2)
        return short and aligned
    return False


def _reportable(pair: Pair, name: Name, is_old: bool) -> bool:
    """A whole name gone or come is a change unless it is weak or stands for a pronoun."""
    return not name.weak and not _for_pronoun(pair, name, is_old)


def _for_pronoun(pair: Pair, name: Name, is_old: bool) -> bool:
    """'He' -> 'Mr. Mubarak' or 'Mr. Mubarak's' -> 'his': the same person named differently."""
    side = 0 if is_old else 2
    for h in pair.hunks:
        if h[side] <= name.first < h[side + 1]:
            mine = (pair.old if is_old else pair.new)[h[side] : h[side + 1]]
            theirs = (pair.new if is_old else pair.old)[h[2 - side] : h[3 - side]]
            pronoun = 1 <= len(theirs) <= 2 and all(t.key in lx.PERSONAL for t in theirs)
            return pronoun and 1 <= len(mine) <= 4 and all(t.capital for t in mine)
    return False
