"""One sentence and the sentence of the other version that restates it -> the facts that changed
between them: a swapped name, a negation or hedge, who a statement is attributed to, and (when
the two are aligned and mostly kept) the words swapped in place. Pure."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from tracker.analyze.claims import fact_changes, word_pair
from tracker.analyze.claims import lexicon as claims_lx
from tracker.analyze.claims.text import Hunk, Pair, Token, span, tokenise
from tracker.analyze.facts import lexicon as lx
from tracker.analyze.facts import significance as sig
from tracker.analyze.facts.atom import Atom
from tracker.analyze.facts.names import respelt
from tracker.analyze.facts.sentence import SentenceFacts
from tracker.analyze.facts.text import content_keys
from tracker.models import FactChange, FactKind

Change = tuple[FactKind, str, str, str, float]  # kind, old, new, about, significance
_MERGE_GAP = 2  # hunks this close are one reworded phrase
_DETAIL = 2  # content words an inserted phrase needs to add a detail
_STATUS = frozenset("former acting interim deputy vice".split())
QUOTE_FRAME = 3  # a sentence quoting this many words is the quote ledger's


@dataclass
class Pairing:
    """Two sentences that say the same thing, and what the rest of the comparison knows."""

    old: SentenceFacts
    new: SentenceFacts
    aligned: bool  # paired by the sentence aligner (else by shared content)
    old_keys: set[str]  # atom keys anywhere in the old version
    new_keys: set[str]
    is_used: Callable[[str, int, Atom], bool]
    claims: Sequence[FactChange] | None = None  # the claims of the two, when known already
    # whether another sentence of the version ("old"/"new") holds most of these words
    elsewhere: Callable[[str, frozenset[str]], bool] = lambda side, keys: False
    used_old: list[Atom] = field(default_factory=list)
    used_new: list[Atom] = field(default_factory=list)

    @cached_property
    def words(self) -> Pair:
        """The two sentences' word-level diff, worked out once."""
        return word_pair(self.old.text, self.new.text)


def pair_changes(p: Pairing) -> Iterator[Change]:
    """Every fact that changed between the two sentences, beyond numbers already paired."""
    claims = list(p.claims) if p.claims is not None else []
    if p.aligned and p.claims is None:
        claims = fact_changes(p.old.text, p.new.text)
    for c in claims:
        change = _from_claim(p, c)
        if change is not None:
            yield change
    yield from _role_changes(p)
    source = _source_change(p)
    if source is not None:
        yield source
    if p.aligned:
        yield from _reworded(p, claims)


def _from_claim(p: Pairing, c: FactChange) -> Change | None:
    if c.kind == "number":
        if not (c.old and c.new):
            return None  # a number only one side has: the clause ledger reports it
        old_atoms, new_atoms = _atoms_in(p.old, c.old), _atoms_in(p.new, c.new)
        if any(p.is_used("old", p.old.index, a) for a in old_atoms) or any(
            p.is_used("new", p.new.index, a) for a in new_atoms
        ):
            return None
        if any(a.key in p.new_keys for a in old_atoms):
            return None  # the other version states it elsewhere
        p.used_old.extend(old_atoms)
        p.used_new.extend(new_atoms)
        kind: FactKind = "date" if any(a.kind == "date" for a in old_atoms) else "number"
        about = next((a.about for a in new_atoms if a.about), "")
        return kind, c.old, c.new, about, 0.75 if kind == "date" else 0.8
    if c.kind == "entity":
        if not (c.old and c.new):
            return None  # a name only one side has: the name ledger reports it
        old_atoms, new_atoms = _atoms_in(p.old, c.old), _atoms_in(p.new, c.new)
        if any(a.key in p.new_keys for a in old_atoms) or any(
            a.key in p.old_keys for a in new_atoms
        ):
            return None  # both names stand in both versions
        p.used_old.extend(old_atoms)
        p.used_new.extend(new_atoms)
        kind = next((a.kind for a in [*old_atoms, *new_atoms]), "other")
        return kind, c.old, c.new, "name", 0.8
    if c.kind == "attribution":
        lemmas = {claims_lx.CUES.get(w.casefold(), "") for w in f"{c.old} {c.new}".split()}
        if c.old and c.new and lemmas - {""} <= claims_lx.NEUTRAL_CUES:
            return "statement", c.old, c.new, "wording", sig.wording(1)
        if c.old and c.new:
            return "statement", c.old, c.new, "attribution", 0.75
        if not _same_statement(p, c):
            return None
        source = (p.new if c.new else p.old).source
        score = 0.6 if source.official else 0.5 if source.text else 0.35  # "he would say"
        return "statement", c.old, c.new, "attribution", score
    if c.kind == "negation":
        kind = "statement" if p.old.source.attributed or p.new.source.attributed else "other"
        return kind, c.old, c.new, "negation", 0.85
    return "other", c.old, c.new, "hedge", 0.6


def _same_statement(p: Pairing, c: FactChange) -> bool:
    """Whether a cue only one side has credits (or uncredits) the statement both sides make.
    Not on a heavy rewrite (the two no longer make one statement), nor when the cue stands in
    a phrase inserted with content of its own ("afraid, he would later say, that ..."): that
    phrase is a new detail with its source, and the kept statement is credited as before."""
    pair = p.words
    if pair.heavy:
        return False
    added = bool(c.new)
    words, s = (pair.new, p.new) if added else (pair.old, p.old)
    cue = (c.new or c.old).casefold()
    source = content_keys(_words(s.source.text))
    for i1, i2, j1, j2 in _merged(pair.hunks):
        phrase = words[j1:j2] if added else words[i1:i2]
        if any(t.text.casefold() == cue for t in phrase):
            own = content_keys(t for t in phrase if t.text.casefold() != cue) - source
            return len(own) < _DETAIL + 1
    return True


def _atoms_in(s: SentenceFacts, text: str) -> list[Atom]:
    return [a for a in s.atoms if a.text in text or text in a.text]


def _role_changes(p: Pairing) -> Iterator[Change]:
    """A person given another role ("Senator John Smith" -> "Representative John Smith") or
    another standing in it ("former", "acting"); a role only one side states is no change."""
    for a in p.old.atoms:
        b = next((b for b in p.new.atoms if b.kind == a.kind == "person" and b.key == a.key), None)
        if b is None or not a.about or not b.about:
            continue
        old_roles, new_roles = set(a.about.split()), set(b.about.split())
        status = (old_roles ^ new_roles) & _STATUS  # "former", "acting": another standing
        if status or not (old_roles <= new_roles or new_roles <= old_roles):
            p.used_old.append(a)
            p.used_new.append(b)
            yield "person", a.about, b.about, f"role of {b.text}", 0.7


def _source_change(p: Pairing) -> Change | None:
    """The same statement credited to another source ('the police' -> 'Lt. Dean Hardin')."""
    old, new = p.old.source.text, p.new.source.text
    if not old or not new or max(p.old.quoted_words, p.new.quoted_words) >= QUOTE_FRAME:
        return None  # a quotation re-attributed: the quote ledger's
    old_keys = content_keys(t for t in _words(old) if not _adverb(t.key))
    new_keys = content_keys(t for t in _words(new) if not _adverb(t.key))
    if old_keys == new_keys or not old_keys or not new_keys:
        return None  # ("Europeans especially say" -> "Europeans particularly say")
    if _named_in(old) and _named_in(old) == _named_in(new):
        return None  # the same people, described in other words ("able" -> "capable")
    came, gone = new_keys - old_keys, old_keys - new_keys
    if not gone:  # "the police" -> "Lt. Dean Hardin of the Rialto police": named only now
        if _names_person(p.old, old) or not _names_person(p.new, new):
            return None  # a fuller name of the same source ("Mr. Smith" -> "John Smith")
    elif all(any(respelt(a, b) for b in came) for a in gone):
        return None  # the same source, its name spelt another way
    renamed_old = content_keys(t for a in p.used_old for t in _words(a.text))
    renamed_new = content_keys(t for a in p.used_new for t in _words(a.text))
    if gone <= renamed_old and came <= renamed_new:
        return None  # its name changed, and that is reported already
    p.used_old.extend(a for a in p.old.atoms if a.text in old)  # the people named in them
    p.used_new.extend(a for a in p.new.atoms if a.text in new)
    official = p.old.source.official or p.new.source.official
    return "statement", old, new, "source", 0.8 if official else 0.7


_ADJECTIVE_ENDS = ("al", "ar", "ful", "ous", "ive", "ent", "ant", "ic", "ate", "ed", "ible", "able")


def _adverb(word: str) -> bool:
    """An adverb made from an adjective ("especially", "publicly", "repeatedly"): how a source
    spoke, not who it is ("family" and "assembly" are no adverbs)."""
    stem = word.removesuffix("ly")
    return stem != word and len(stem) >= 4 and stem.endswith(_ADJECTIVE_ENDS)


def _named_in(source: str) -> frozenset[str]:
    """The capitalised words of a source, its first word aside ("The", or a capital that only
    the sentence's start gives)."""
    return frozenset(t.key for t in _words(source)[1:] if t.capital)


def _names_person(s: SentenceFacts, source: str) -> bool:
    return any(a.kind == "person" and a.text in source for a in s.atoms)


def _words(text: str) -> list[Token]:
    return tokenise(text)[0]


def _reworded(p: Pairing, claims: list[FactChange]) -> Iterator[Change]:
    """Words swapped in an aligned, mostly kept sentence, not already a fact change: low; a
    phrase only inserted (or only cut) that carries words of its own adds (or drops) a
    detail: the middle of the scale."""
    pair = p.words
    if pair.heavy:
        return
    reported = [t for c in claims for t in (c.old, c.new) if t]
    gone = _flat(p.old.keys) - _flat(p.new.keys)  # words moved within the sentence are kept
    came = _flat(p.new.keys) - _flat(p.old.keys)
    for i1, i2, j1, j2 in _merged(pair.hunks):
        old_w, new_w = pair.old[i1:i2], pair.new[j1:j2]
        old_k, new_k = _flat(content_keys(old_w)) & gone, _flat(content_keys(new_w)) & came
        if not (old_k or new_k) or _renamed(old_w, new_w) or _renamed(new_w, old_w):
            continue
        if _touches_atom(p.old, old_w) or _touches_atom(p.new, new_w):
            continue
        old_text = _shown(pair.old, pair.old_text, i1, i2)
        new_text = _shown(pair.new, pair.new_text, j1, j2)
        core = [span(old_w, pair.old_text), span(new_w, pair.new_text)]
        if any(r and any(r in c or c in r for c in core if c) for r in reported):
            continue
        if _certainty(pair.old, i1, i2) != _certainty(
            pair.new, j1, j2
        ):  # "set to" -> "expected to"
            yield "other", old_text, new_text, "hedge", sig.HEDGE
            continue
        if len(new_k if not old_k else old_k if not new_k else ()) >= _DETAIL:
            if p.elsewhere("old", new_k) if new_k else p.elsewhere("new", old_k):
                continue  # moved to (or from) another sentence, not added or cut
            about = "detail added" if new_k else "detail removed"  # "cardiac arrest and a"
            yield "other", old_text, new_text, about, sig.DETAIL
        else:
            yield "other", old_text, new_text, "wording", sig.wording(len(old_k ^ new_k))


def _certainty(tokens: list[Token], start: int, end: int) -> frozenset[str]:
    """Which of "certain" and "foreseen" the words tokens[start:end] say ("set to", "expected
    to", "will", "may"); capitalised words are names ("May", "Will")."""
    found = set()
    for k in range(start, end):
        key = tokens[k].key if tokens[k].text.islower() else ""
        before_to = k + 1 < len(tokens) and tokens[k + 1].key == "to"
        if key in lx.CERTAIN or (before_to and key in lx.CERTAIN_TO):
            found.add("certain")
        if key in lx.FORESEEN or (before_to and key in lx.FORESEEN_TO):
            found.add("foreseen")
    return frozenset(found)


def _merged(hunks: list[Hunk]) -> list[Hunk]:
    out: list[Hunk] = []
    for h in hunks:
        if out and h[0] - out[-1][1] <= _MERGE_GAP and h[2] - out[-1][3] <= _MERGE_GAP:
            out[-1] = (out[-1][0], h[1], out[-1][2], h[3])
        else:
            out.append(h)
    return out


def _flat(keys: frozenset[str]) -> frozenset[str]:
    return frozenset(k.replace("-", "") for k in keys)


def _renamed(names: list[Token], pronouns: list[Token]) -> bool:
    """'Mr. Mubarak' for 'he', 'his' for 'Mr. Mubarak's': one person, named another way."""
    return (
        bool(pronouns)
        and all(t.key in claims_lx.PERSONAL for t in pronouns)
        and bool(names)
        and all(t.capital or t.key in claims_lx.TITLES for t in names)
    )


def _touches_atom(s: SentenceFacts, words: list[Token]) -> bool:
    return any(a.start < w.end and w.start < a.end for a in s.atoms for w in words)


def _shown(tokens: list[Token], text: str, a: int, b: int) -> str:
    """The changed words with one kept word on each side, so the change reads in context."""
    lo, hi = max(a - 1, 0), min(b + 1, len(tokens))
    return span(tokens[lo:hi], text)
