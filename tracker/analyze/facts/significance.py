"""How much a fact event matters to an editor, in [0, 1]: a changed death toll or a new
official statement at 0.8 and above, a new background fact about 0.55, a reworded phrase under
0.3. Everything at or above 0.5 is a change of fact; below it, of wording."""

from __future__ import annotations

from tracker.analyze.facts.atom import Atom
from tracker.analyze.facts.sentence import SentenceFacts
from tracker.models import FactKind

WORDING_MAX = 0.3  # a reworded phrase never reaches this
SPELLING = 0.6  # a name spelt another way
HEDGE = 0.6  # a statement made more or less certain ("set to" -> "expected to")
DETAIL = 0.5  # a phrase of its own inserted in (or cut from) a kept sentence
REMOVED = 0.95  # a fact dropped weighs a little less than one added

_HUMAN_TOLL = frozenset("death injury missing arrest displacement evacuation".split())
_ONE_SIDED: dict[str, float] = {
    "number": 0.8,
    "statement": 0.7,
    "person": 0.7,
    "organisation": 0.6,
    "place": 0.6,
    "date": 0.6,
    "other": 0.55,
}
_REWRITTEN: dict[str, float] = {
    "number": 0.8,
    "statement": 0.7,
    "person": 0.7,
    "organisation": 0.6,
    "place": 0.6,
    "date": 0.6,
    "other": 0.5,
}


def changed(kind: FactKind, old: Atom, new: Atom) -> float:
    """A number or date stated with another value."""
    if kind == "date":
        return 0.75
    old_value, new_value = old.key.rsplit("|", 1)[-1], new.key.rsplit("|", 1)[-1]
    if old_value == new_value:  # only the qualifier changed: "over 100" -> "about 100"
        return 0.55
    if _counts(old) == "age":
        return 0.7
    if _counts(old) in _HUMAN_TOLL:
        return 0.8 if old.weak or new.weak else 0.95  # "dozens" -> "more than 200" injured
    if old.weak or new.weak:
        return 0.6
    if "$" in old.slot or "%" in old.slot:
        return 0.9
    return 0.85


def _counts(atom: Atom) -> str:
    """What a number counts, as its slot says ("death" for "20 people were killed")."""
    return atom.slot.split("|")[2] if atom.kind == "number" else ""


def one_sided(kind: FactKind, s: SentenceFacts, atoms: list[Atom]) -> float:
    """A clause only one version states."""
    if kind == "number" and any(_counts(a) in _HUMAN_TOLL for a in atoms):
        return 0.9
    if s.source.official and (kind == "statement" or s.source.attributed):
        return max(0.85, _ONE_SIDED[kind])  # a new official statement
    return _ONE_SIDED[kind]


def rewritten(kind: FactKind, old: SentenceFacts, new: SentenceFacts) -> float:
    """A clause rewritten in place: both versions' words new, in one aligned sentence. A
    rewrite that brings several new content words changes what the sentence says; a short
    one mostly rewords it."""
    base = _REWRITTEN[kind]
    if kind == "other" and len(new.keys - old.keys) < 3:
        return 0.35
    return base


def wording(changed_words: int) -> float:
    """A few words swapped in an otherwise kept sentence ('ruling' -> 'governing')."""
    return round(min(WORDING_MAX - 0.02, 0.1 + 0.04 * changed_words), 3)
