"""Names of a sentence as facts: people (with the role the sentence gives them), places and
organisations, told apart by titles, first names, telling words ("Department", "Valley") and
a short gazetteer. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tracker.analyze.claims import lexicon as claims_lx
from tracker.analyze.claims.names import Name
from tracker.analyze.claims.text import Token, is_typo, span
from tracker.analyze.facts import lexicon as lx
from tracker.analyze.facts.atom import Atom
from tracker.analyze.facts.text import Span, inside
from tracker.analyze.people.first_names import FEMALE, MALE
from tracker.models import FactKind

_FIRST_NAMES = frozenset(n.casefold() for n in MALE | FEMALE)
_PLACE_BEFORE = frozenset("in near outside from across".split())


def name_atoms(
    tokens: Sequence[Token],
    text: str,
    names: Iterable[Name],
    persons: frozenset[str],
    quoted: Sequence[Span],
) -> list[Atom]:
    """People, places and organisations named outside quotations; a person keyed by surname,
    so that "Rodney G. King" and "Mr. King" are one fact."""
    out = []
    for name in names:
        words = _words(tokens, name)
        if not words or all(w in claims_lx.MONTHS for w in words):
            continue
        titled = name.first > 0 and tokens[name.first - 1].key in lx.PERSON_TITLES
        if (name.weak and not titled) or inside(tokens[name.first].start, quoted):
            continue
        kind = name_kind(tokens, name, persons)
        if kind == "other":
            continue
        head = words[-1] if kind == "person" else " ".join(words)
        role = _role(tokens, name) if kind == "person" else ""
        shown = span(list(tokens[name.first : name.end]), text)
        first, last = tokens[name.first], tokens[name.end - 1]
        out.append(Atom(kind, f"name|{head}", f"name|{kind}", shown, first.start, last.end, role))
    return out


def person_surnames(parsed: Iterable[tuple[Sequence[Token], Sequence[Name]]]) -> frozenset[str]:
    """Surnames an article names with a person's title, a known first name or a role after
    the name ("Mehmet Yilmaz, the provincial governor"), so that a later "Yilmaz" alone is
    known to be a person, in both versions alike."""
    out: set[str] = set()
    for tokens, names in parsed:
        for name in names:
            words = _words(tokens, name)
            titled = name.first > 0 and tokens[name.first - 1].key in lx.PERSON_TITLES
            named = len(words) > 1 and (words[0] in _FIRST_NAMES or _described(tokens, name))
            if words and (titled or named):
                out.add(words[-1])
    return frozenset(out)


def name_kind(tokens: Sequence[Token], name: Name, persons: frozenset[str]) -> FactKind:
    """person, place, organisation, or other for a name that is none of these for sure."""
    words = _words(tokens, name)
    prev = tokens[name.first - 1].key if name.first > 0 else ""
    if prev in lx.PERSON_TITLES:
        return "person"
    if any(w in lx.ORG_WORDS for w in words):
        return "organisation"
    if words[-1] in lx.PLACE_WORDS or " ".join(words) in lx.PLACES or words[-1] in lx.PLACES:
        return "place"
    first = tokens[name.first]
    if first.text.isupper() and 2 <= len(first.key) <= 5 and name.end - name.first == 1:
        return "organisation"  # an acronym: "CNN", "NATO"
    if words[-1] in persons or (len(words) > 1 and words[0] in _FIRST_NAMES):
        return "person"
    return "place" if prev in _PLACE_BEFORE else "other"


def _described(tokens: Sequence[Token], name: Name) -> bool:
    """A role in an apposition after the name: ', the provincial governor'."""
    after = tokens[name.end : name.end + 5]
    return (
        bool(after)
        and after[0].key in {"a", "an", "the"}
        and any(t.key in lx.ROLES for t in after[1:])
    )


def respelt(a: str, b: str) -> bool:
    """One name spelt two ways: a letter or two apart ('Kelly', 'Kelley'), or the same
    letters spaced another way ('DeAnda', 'De Anda')."""
    if a.replace(" ", "").replace("-", "") == b.replace(" ", "").replace("-", ""):
        return True
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or sum(x != y for x, y in zip(wa, wb, strict=True)) != 1:
        return False
    return all(x == y or (len(x) >= 4 and _near(x, y)) for x, y in zip(wa, wb, strict=True))


def _words(tokens: Sequence[Token], name: Name) -> list[str]:
    """The name's words, without titles, joiners and a trailing initial ("Rodney G.")."""
    words = [t.key for t in tokens[name.first : name.end] if t.key in name.words]
    while len(words) > 1 and len(words[-1]) == 1:
        words.pop()
    return words


def _role(tokens: Sequence[Token], name: Name) -> str:
    """The role a sentence gives a person: a title before the name, a role word just before
    ('publicist, Suzanne Wickham') or in an apposition after it (', a captain with ...,')."""
    roles = [t.key for t in tokens[max(name.first - 3, 0) : name.first] if t.key in lx.ROLES]
    after = tokens[name.end : name.end + 4]
    if after and after[0].key in {"a", "an", "the"}:
        roles += [t.key for t in after[1:] if t.key in lx.ROLES]
    return " ".join(dict.fromkeys(lx.ROLE_FORMS.get(r, r) for r in roles))


def _near(a: str, b: str) -> bool:
    return is_typo(a, b) or _one_edit(a, b)


def _one_edit(a: str, b: str) -> bool:
    """True when one letter added, dropped or changed turns `a` into `b`."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    return any(
        a[:k] == b[:k] and (a[k:] == b[k + 1 :] or a[k + 1 :] == b[k + 1 :]) for k in range(len(b))
    )
