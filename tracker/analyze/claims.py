"""Edited sentence pair -> the facts that changed in it (numbers, negations, names, hedges,
attributions). Rule-based and pure: cosmetic edits (punctuation, typos, case, quote style,
reordered clauses, synonyms of non-fact words) change no fact."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from tracker.models import ClaimKind, FactChange

_KINDS: tuple[ClaimKind, ...] = ("number", "negation", "attribution", "entity", "hedge")
_WEIGHT: dict[ClaimKind, float] = {
    "number": 1.0,
    "negation": 0.9,
    "attribution": 0.8,
    "entity": 0.7,
    "hedge": 0.6,
}

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2026": "...",
    }
)
_TOKEN = re.compile(
    r"[$\u00a3\u20ac\u00a5]?\d+(?:[.,:/]\d+)*(?:%|st\b|nd\b|rd\b|th\b|s\b|m\b|bn\b)?"
    r"|[a-z\u00df-\u024f]+(?:-[A-Za-z\u00c0-\u024f]+)+"
    r"|[A-Za-z\u00c0-\u024f]+(?:['.][A-Za-z\u00c0-\u024f]+)*(?:\.(?=\s+[a-z]))?"
    r"|n't|\S"
)
_SPLIT_NT = re.compile(r"(?i)^(\w+?)(n't)$")


def _words_of(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _lemmas(text: str) -> dict[str, str]:
    """'lemma: form form; lemma: form' -> {form: lemma}."""
    out: dict[str, str] = {}
    for group in text.split(";"):
        lemma, forms = group.split(":")
        out.update(dict.fromkeys(forms.split(), lemma.strip()))
    return out


_UNITS = dict(
    zip(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
        "eighty ninety dozen twice half".split(),
        [*range(21), 30, 40, 50, 60, 70, 80, 90, 12, 2, 0.5],
        strict=True,
    )
)
_ORDINALS = dict(
    zip(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "twentieth hundredth".split(),
        [*range(1, 13), 20, 100],
        strict=True,
    )
)
_MODIFIERS = _lemmas(
    "about: about around roughly approximately some estimated; nearly: nearly almost; "
    "over: over than; under: under; only: only exactly just; least: least; up: up"
)
_SCALES = _words_of("hundred thousand million billion trillion percent % m bn")
_VAGUE = _words_of(
    "dozens hundreds thousands millions billions several few handful numerous scores tens "
    "multiple many single once thrice"
)
_MONTHS = _words_of(
    "january february march april june july august september october november december jan "
    "feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday yesterday today tomorrow tonight weekend"
)
_NEGATIONS = _words_of(
    "not n't never no none nobody nothing neither nor cannot deny denies denied denying "
    "without nowhere"
)
_HEDGES = _lemmas(
    "allegedly: allegedly alleged; reportedly: reportedly; may: may; might: might; "
    "could: could; possibly: possibly possible; apparently: apparently apparent; "
    "likely: likely unlikely; probably: probably; perhaps: perhaps; "
    "appear: appear appears appeared appearing; seem: seem seems seemed; "
    "purportedly: purportedly; suspected: suspected; presumably: presumably; "
    "supposedly: supposedly; unconfirmed: unconfirmed"
)
_CUES = _lemmas(
    "say: said says say saying; tell: told tells tell telling; deny: denied denies deny "
    "denying; claim: claimed claims claim; acknowledge: acknowledged acknowledges "
    "acknowledging; admit: admitted admits; confirm: confirmed confirms; state: stated "
    "states; insist: insisted insists; allege: alleged alleges; assert: asserted asserts; "
    "argue: argued argues; contend: contended contends; announce: announced announces; "
    "report: reported reports; write: wrote writes; testify: testified testifies; "
    "concede: conceded concedes; suggest: suggested suggests; warn: warned warns; "
    "dispute: disputed disputes; reject: rejected; according: according; "
    "explain: explained explains; stress: stressed; maintain: maintained; note: noted; "
    "estimate: estimated; declare: declared; reveal: revealed; add: added"
)
_WEAK_CUES = _words_of("note add maintain estimate report allege claim reveal")
_TITLES = _words_of(
    "mr mrs ms miss dr sen senator rep representative gov governor gen general president "
    "secretary minister prime chief judge justice lt col sgt capt prof professor rev vice "
    "king queen prince princess pope mayor director chairman chairwoman speaker attorney "
    "officer adm maj cpl pvt st sir lord lady former the de van von of jr sr"
)
_FUNCTION = _words_of(
    "a an the he she it they we i you his her its their our my your this that these those "
    "there here in on at for from with by of to under over after before when while if "
    "although though despite during since as but and or so yet still also however meanwhile "
    "earlier later last next some many most all both each several other another such no not "
    "only even just according asked what who why how where which instead then now until "
    "because among amid about more less one two three four five six seven eight nine ten "
    "speaking following once like unlike without within through again yes well be do does "
    "did is are was were has have had will would can could may might should must let please"
)
_COMMON_STARTS = _FUNCTION | _words_of(
    "officials police authorities people critics experts analysts witnesses residents "
    "investigators sources democrats republicans voters supporters protesters students "
    "women men children workers lawmakers prosecutors officers troops soldiers doctors "
    "scientists researchers leaders members it's that's there's he's she's we're they're "
    "i'm let's"
)
_PRONOUNS = _words_of(
    "he she they we i it officials police spokesman spokeswoman spokesperson authorities "
    "sources statement"
)
_PERSONAL = _words_of("he she his her him they them their it its i we")
_NOT_NAMES = (_UNITS, _ORDINALS, _NEGATIONS, _HEDGES, _VAGUE, _SCALES)
_PUNCT_ONLY = re.compile(r"^[^\w$\u00a3\u20ac\u00a5%]+$")
_SENTENCE_END = {".", "!", "?", '"', ":", ";", "-", "(", "["}


@dataclass(frozen=True, slots=True)
class _Token:
    text: str  # as printed (typography normalised)
    key: str  # casefolded comparison form
    start: int  # True position in the sentence after typography normalisation
    end: int
    capital: bool
    at_start: bool


def fact_changes(old: str, new: str) -> list[FactChange]:
    """Every fact that changed between two versions of a sentence (or a joined group)."""
    old_n, new_n = _normalise(old), _normalise(new)
    old_t, new_t = _words(old_n), _words(new_n)
    new_t = _repair_typos(old_t, new_t)
    if [t.key for t in old_t] == [t.key for t in new_t]:
        return []
    hunks = _hunks(old_t, new_t)
    changes: list[FactChange] = []
    for kind in _KINDS:
        changes.extend(_changes_of_kind(kind, old_t, new_t, hunks, old_n, new_n))
    return _dedupe(_resolve_deny(changes))


def is_cosmetic(old: str, new: str) -> bool:
    """True when no fact changed between the two versions."""
    return not fact_changes(old, new)


def significance(old: str, new: str, changes: Sequence[FactChange]) -> float:
    """Rank an edit in [0, 1]: small edits touching facts high, cosmetic edits 0.0 .. 0.1."""
    old_t, new_t = _words(_normalise(old)), _words(_normalise(new))
    total = max(len(old_t), len(new_t), 1)
    matcher = SequenceMatcher(None, [t.key for t in old_t], [t.key for t in new_t], False)
    same = sum(b.size for b in matcher.get_matching_blocks())
    changed = min(1.0, (total - same) / total)
    if not changes:
        return round(0.1 * changed, 3) if old != new else 0.0
    top = max(_WEIGHT[c.kind] for c in changes)
    extra = 0.04 * min(len({c.kind for c in changes}) - 1, 3)
    return round(min(1.0, top * (0.6 + 0.4 * (1.0 - changed)) + extra), 3)


# ---- tokens -------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    return _LOOSE_POSSESSIVE.sub("'s", " ".join(text.translate(_TYPOGRAPHY).split()))


_LOOSE_POSSESSIVE = re.compile(r"(?<=\w) 's\b")


def _words(text: str) -> list[_Token]:
    """Word tokens (punctuation dropped), each knowing whether it opens a sentence or quote."""
    tokens: list[_Token] = []
    at_start = True
    for m in _TOKEN.finditer(text):
        raw = m.group()
        if _PUNCT_ONLY.match(raw):
            at_start = at_start or raw in _SENTENCE_END
            continue
        for piece, start in _split_contraction(raw, m.start()):
            tokens.append(
                _Token(piece, _key(piece), start, start + len(piece), piece[0].isupper(), at_start)
            )
            at_start = False
    return tokens


def _key(piece: str) -> str:
    key = piece.casefold().rstrip(".")
    if any(c.isdigit() for c in key):
        return key.replace(",", "")
    key = key[:-2] if key.endswith("'s") else key
    keep = any(p in _UNITS or p in _MONTHS for p in key.split("-"))
    return key if keep else key.replace("-", "")


def _split_contraction(raw: str, start: int) -> list[tuple[str, int]]:
    m = _SPLIT_NT.match(raw)
    if m and m.group(1).casefold() not in {"ca", "wo"}:
        return [(m.group(1), start), (m.group(2), start + len(m.group(1)))]
    if m:  # can't, won't
        stem = {"ca": "can", "wo": "will"}[m.group(1).casefold()]
        return [(stem, start), ("n't", start + len(m.group(1)))]
    return [(raw, start)]


def _repair_typos(old_t: list[_Token], new_t: list[_Token]) -> list[_Token]:
    """New tokens, with a one-word typo (or its fix) given the old word's key."""
    repaired = list(new_t)
    for i1, i2, j1, j2 in _hunks(old_t, new_t):
        for a, j in zip(old_t[i1:i2], range(j1, j2), strict=False):
            b = new_t[j]
            if (
                a.key.isalpha()
                and b.key.isalpha()
                and _is_typo(a.key, b.key)
                and not (_lexical(a.key) and _lexical(b.key))
            ):
                repaired[j] = replace(b, key=a.key)
    return repaired


def _lexical(key: str) -> bool:
    """True for fact and function words (a change between two of them is no typo)."""
    return any(key in words for words in (*_NOT_NAMES, _MONTHS, _CUES, _FUNCTION))


def _hunks(old_t: list[_Token], new_t: list[_Token]) -> list[tuple[int, int, int, int]]:
    matcher = SequenceMatcher(None, [t.key for t in old_t], [t.key for t in new_t], False)
    return [(i1, i2, j1, j2) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


# ---- facts of each kind ---------------------------------------------------------------------


def _facts(kind: ClaimKind, tokens: Sequence[_Token], context: Sequence[_Token]) -> list[str]:
    """The comparable fact items of one kind among `tokens` (`context` is the whole sentence)."""
    if kind == "number":
        return _numbers(tokens, context)
    if kind == "negation":
        return [
            "not" if t.key in {"n't", "cannot"} else t.key for t in tokens if t.key in _NEGATIONS
        ]
    if kind == "hedge":
        return [_HEDGES[t.key] for t in tokens if t.key in _HEDGES and not _is_cue(t, context)]
    if kind == "attribution":
        return [_CUES[t.key] for t in tokens if _is_cue(t, context)]
    return [t.key for t in tokens if _is_entity(t, context)]


def _numbers(tokens: Sequence[_Token], context: Sequence[_Token]) -> list[str]:
    out: list[str] = []
    for t in tokens:
        key = t.key
        if key[0].isdigit() or key[0] in "$\u00a3\u20ac\u00a5":
            out.extend([key[:-1], "%"] if key.endswith("%") else [key])
        elif "-" in key:
            parts = key.split("-")
            out.extend(str(_UNITS[p]) for p in parts if p in _UNITS and p != "one")
            out.extend(p for p in parts if p in _MONTHS)
        elif key in _UNITS:
            out.append(str(_UNITS[key]))
        elif key in _ORDINALS:
            out.append(f"#{_ORDINALS[key]}")
        elif key in _SCALES or key in _VAGUE or key in _MONTHS:
            out.append("%" if key == "percent" else key)
        elif key in _MODIFIERS and _before_number(t, context):
            out.append(f"~{_MODIFIERS[key]}")
    return out


def _before_number(t: _Token, context: Sequence[_Token]) -> bool:
    idx = _index(t, context)
    if idx + 1 >= len(context):
        return False
    nxt = context[idx + 1].key
    return nxt[0].isdigit() or nxt[0] in "$\u00a3\u20ac\u00a5" or nxt in _UNITS


def _is_cue(t: _Token, context: Sequence[_Token]) -> bool:
    lemma = _CUES.get(t.key)
    if lemma is None or (t.capital and not t.at_start):
        return False
    idx = _index(t, context)
    nxt = context[idx + 1].key if idx + 1 < len(context) else ""
    prev = context[idx - 1].key if idx > 0 else ""
    if lemma == "according":
        return nxt == "to"
    if t.key == "alleged" and nxt not in {"that", "in", "on", "the", "he", "she", "they"}:
        return False  # "the alleged attacker" is a hedge
    if t.key == "added" and prev not in _PRONOUNS and not context[max(idx - 1, 0)].capital:
        return False
    if t.key in {"reported", "reports"} and prev in {"first", "the", "a", "news", "media"}:
        return False
    return (
        lemma not in _WEAK_CUES
        or nxt in {"that", "on", "in"}
        or idx == len(context) - 1
        or (prev in _PRONOUNS or context[max(idx - 1, 0)].capital)
    )


def _is_entity(t: _Token, context: Sequence[_Token]) -> bool:
    if not t.capital or t.key in _TITLES or t.key in _MONTHS or t.key in _CUES:
        return False
    if any(t.key in words for words in _NOT_NAMES):
        return False
    if not t.at_start:
        return True
    if t.key in _FUNCTION:
        return False
    idx = _index(t, context)
    follows_capital = idx + 1 < len(context) and context[idx + 1].capital
    return follows_capital or t.text.isupper() or t.key not in _COMMON_STARTS


def _index(t: _Token, context: Sequence[_Token]) -> int:
    for i, c in enumerate(context):
        if c.start == t.start:
            return i
    return 0


# ---- hunks -> changes -----------------------------------------------------------------------


def _changes_of_kind(
    kind: ClaimKind,
    old_t: list[_Token],
    new_t: list[_Token],
    hunks: list[tuple[int, int, int, int]],
    old_n: str,
    new_n: str,
) -> list[FactChange]:
    gone = Counter(_facts(kind, old_t, old_t)) - Counter(_facts(kind, new_t, new_t))
    came = Counter(_facts(kind, new_t, new_t)) - Counter(_facts(kind, old_t, old_t))
    if kind == "entity":
        gone, came = _real_entity_changes(gone, came, old_t, new_t)
    if not gone and not came:
        return []
    out: list[FactChange] = []
    for i1, i2, j1, j2 in hunks:
        local_gone = set(_facts(kind, old_t[i1:i2], old_t)) & set(gone)
        local_came = set(_facts(kind, new_t[j1:j2], new_t)) & set(came)
        if kind == "entity" and _pronoun_for_name(old_t[i1:i2], new_t[j1:j2]):
            continue
        if local_gone or local_came:
            out.append(_describe(kind, (old_t, i1, i2, old_n), (new_t, j1, j2, new_n)))
    return out


def _pronoun_for_name(old: list[_Token], new: list[_Token]) -> bool:
    """'He' -> 'Mr. Mubarak' or 'Mr. Mubarak's' -> 'his': the same person named differently."""
    for a, b in ((old, new), (new, old)):
        if a and len(a) <= 2 and all(t.key in _PERSONAL for t in a):
            return 1 <= len(b) <= 4 and all(t.capital for t in b)
    return False


def _real_entity_changes(
    gone: Counter[str], came: Counter[str], old_t: list[_Token], new_t: list[_Token]
) -> tuple[Counter[str], Counter[str]]:
    """Drop names that survive in the other version in any case, typo fixes, and name forms
    that only gain or lose a first name or title."""
    old_keys = {t.key for t in old_t}
    new_keys = {t.key for t in new_t}
    gone = Counter({k: n for k, n in gone.items() if k not in new_keys})
    came = Counter({k: n for k, n in came.items() if k not in old_keys})
    for g in list(gone):
        for c in list(came):
            if _is_typo(g, c):
                del gone[g]
                del came[c]
                break
    gone, came = _drop_acronyms(gone, came, new_t)
    came, gone = _drop_acronyms(came, gone, old_t)
    if not came:
        gone = Counter({k: n for k, n in gone.items() if not _span_survives(k, old_t, new_keys)})
    if not gone:
        came = Counter({k: n for k, n in came.items() if not _span_survives(k, new_t, old_keys)})
    return gone, came


def _drop_acronyms(
    short: Counter[str], long: Counter[str], other: list[_Token]
) -> tuple[Counter[str], Counter[str]]:
    """Drop acronyms in `short` spelled out in `other`, and the spelled-out words from `long`."""
    acronyms = [k for k in short if _spelled_out(k, other)]
    letters = {c for k in acronyms for c in k}
    short = Counter({k: n for k, n in short.items() if k not in acronyms})
    long = Counter({k: n for k, n in long.items() if k[0] not in letters})
    return short, long


def _spelled_out(key: str, tokens: list[_Token]) -> bool:
    """True when `key` is an acronym ('u.s', 'fbi') of a capitalised run in `tokens`."""
    letters = key.replace(".", "")
    if not 2 <= len(letters) <= 6 or not letters.isalpha():
        return False
    initials = "".join(t.key[0] if t.capital else " " for t in tokens)
    content = "".join(t.key[0] for t in tokens if t.capital and t.key not in {"of", "the"})
    return letters in initials or (letters in content and len(letters) > 2)


def _span_survives(key: str, tokens: list[_Token], other: set[str]) -> bool:
    """True when `key` is part of a capitalised name whose other words remain in `other`."""
    for i, t in enumerate(tokens):
        if t.key != key:
            continue
        j = i
        while j + 1 < len(tokens) and tokens[j + 1].capital:
            j += 1
        k = i
        while k > 0 and tokens[k - 1].capital and not tokens[k - 1].at_start:
            k -= 1
        neighbours = {x.key for x in tokens[k : j + 1]} - {key} - _TITLES
        if neighbours and neighbours <= other:
            return True
    return False


def _is_typo(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 5 or a[0].isdigit() or b[0].isdigit():
        return False
    limit = 1 if max(len(a), len(b)) <= 7 else 2
    return _distance(a, b, limit) <= limit


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions cost 1), stopping past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


_Side = tuple[list[_Token], int, int, str]  # sentence tokens, hunk start and end, text


def _describe(kind: ClaimKind, old: _Side, new: _Side) -> FactChange:
    """The changed words of a hunk, or only its fact words when the hunk is long or when
    the facts are names and numbers."""
    long = old[2] - old[1] > 5 or new[2] - new[1] > 5
    if kind in {"entity", "number"} or long:
        return FactChange(kind, _fact_text(kind, old), _fact_text(kind, new))
    return FactChange(
        kind, _span(old[0][old[1] : old[2]], old[3]), _span(new[0][new[1] : new[2]], new[3])
    )


def _fact_text(kind: ClaimKind, side: _Side) -> str:
    """Fact words of a hunk as printed; adjacent ones kept together ('Sergey Lavrov')."""
    tokens, start, end, text = side
    runs: list[list[int]] = []
    for i in range(start, end):
        if not _facts(kind, [tokens[i]], tokens):
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return " ".join(_span([tokens[r[0]], tokens[r[-1]]], text) for r in runs)


def _span(tokens: list[_Token], text: str) -> str:
    return text[tokens[0].start : tokens[-1].end] if tokens else ""


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
    return any(w.casefold() in _CUES for w in re.findall(r"[A-Za-z]+", text))


def _dedupe(changes: Iterable[FactChange]) -> list[FactChange]:
    seen: set[tuple[str, str, str]] = set()
    out: list[FactChange] = []
    for c in changes:
        if (c.kind, c.old, c.new) not in seen:
            seen.add((c.kind, c.old, c.new))
            out.append(c)
    return out
