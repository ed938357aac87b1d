"""Two fact ledgers -> what changed, appeared and disappeared, wherever in the article it
stands. Pure.

A fact the other version states anywhere, in any words, is no change. A number whose counted
thing the other version counts with another value is a changed number, even across rewritten
and moved sentences; so is a name spelt another way. A clause whose content the other version
does not carry (no sentence there, or no two, hold most of its words, rarer words weighing
more) is an added or removed fact, one event per paragraph; a clause rewritten in place (both
sides new, in one aligned sentence) is a changed one."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from tracker.analyze.claims import lexicon as claims_lx
from tracker.analyze.claims.text import tokenise
from tracker.analyze.facts import significance as sig
from tracker.analyze.facts.atom import Atom
from tracker.analyze.facts.ledger import Version, read_versions
from tracker.analyze.facts.names import respelt
from tracker.analyze.facts.sentence import SentenceFacts
from tracker.analyze.facts.text import Clause, content_keys
from tracker.analyze.facts.wording import QUOTE_FRAME, Pairing, pair_changes
from tracker.analyze.people import is_contributor_line, is_note
from tracker.models import (
    Claim,
    FactChange,
    FactKind,
    FactLedger,
    FactRef,
    FactUpdate,
    SentenceChange,
)

COVERED = 0.55  # share of a clause's weighted words the other version must hold in one place
SAID = 0.5  # share of a clause's lowercase words (weighted) the other version must hold too
_SAID_MIN = 3  # lowercase words a clause needs for that test
LINKED = 0.4  # share of its words (unweighted) in a sentence stating the same fact changed
_OWN_WORDS = 8  # content words outside a quotation that say more than its frame
_ENDS = (".", "!", "?", '"', "\u201d", "'", "\u2019", ")")  # how a sentence may end
APPENDED_MIN = 3  # sentences appended after an unchanged text that look like a restored page
_KIND_RANK: dict[str, int] = {
    "number": 6,
    "statement": 5,
    "person": 4,
    "organisation": 3,
    "place": 2,
    "date": 1,
    "other": 0,
}
_NAMED: tuple[FactKind, ...] = ("person", "place", "organisation")
Fits = Callable[[Atom, Atom, set[str]], bool]  # an old fact, a new one, the new sentence's keys
Novel = tuple[int, Clause, list[Atom]]  # sentence, clause, its facts the other version lacks


def compare_facts(
    old_sentences: Sequence[str],
    new_sentences: Sequence[str],
    rows: Sequence[SentenceChange],
    claims: Sequence[Claim] | None = None,
) -> FactLedger:
    """Compare the fact ledgers of two versions, given their sentence alignment (and the
    claims of its edited sentences, when they are known: else they are worked out)."""
    if not _edited(rows):
        return FactLedger()  # nothing an edit touched: no fact can have changed
    old, new = read_versions(old_sentences, new_sentences)
    pairs, merged = _mark(rows, old, new)
    comparison = _Comparison(old, new, pairs, merged, _weights(old, new))
    if claims is not None:
        comparison.claims = {
            (c.old[0], c.new[0]): list(c.changes) for c in claims if c.old and c.new
        }
    return comparison.run()


def _mark(
    rows: Sequence[SentenceChange], old: Version, new: Version
) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """Mark the sentences an edit touched and the paragraph of each; return the aligned
    (old, new) pairs of edited sentences, and the sentence pairs of splits and merges. Notes
    and credits (their whole paragraph) have their own sections of the report; a block
    appended after an unchanged text is known but not reported: see `appended_from`."""
    pairs: list[tuple[int, int]] = []
    merged: set[tuple[int, int]] = set()
    notes: tuple[set[int], set[int]] = (set(), set())  # paragraphs holding a note or credit
    for row in rows:
        for i in row.old:
            old.paragraph_of[i] = -1 if row.old_paragraph is None else row.old_paragraph
        for j in row.new:
            new.paragraph_of[j] = -1 if row.new_paragraph is None else row.new_paragraph
        if row.kind == "same" or row.old_text == row.new_text:
            continue  # a cosmetic edit stays: a name's spelling is a fact
        if _furniture(row):
            notes[0].update(old.paragraph_of[i] for i in row.old)
            notes[1].update(new.paragraph_of[j] for j in row.new)
            continue
        old.touched.update(row.old)
        new.touched.update(row.new)
        if len(row.old) == len(row.new) == 1:
            pairs.append((row.old[0], row.new[0]))
        else:  # a split or a merge: each part restates a part of the other side
            merged.update((i, j) for i in row.old for j in row.new)
    for version, paragraphs in zip((old, new), notes, strict=True):
        aside = {i for i, p in version.paragraph_of.items() if p in paragraphs}
        version.touched -= aside
        if aside:
            version.set_aside(aside)
    appended = appended_from(rows)
    if appended is not None:
        new.touched = {j for j in new.touched if j < appended}
    return pairs, merged


def _edited(rows: Sequence[SentenceChange]) -> bool:
    """Whether an edit touched a sentence the ledger reads: not only notes and credits (their
    own sections), nor only a block appended after an unchanged text (see `appended_from`)."""
    edits = [r for r in rows if r.kind != "same" and r.old_text != r.new_text]
    # the appended block matters only to rows of added sentences (and may ask of notes)
    appended = None if all(r.old for r in edits) else appended_from(rows)
    return any(
        (r.old or appended is None or any(j < appended for j in r.new)) and not _furniture(r)
        for r in edits
    )


def _furniture(row: SentenceChange) -> bool:
    """Contributor lines and notes have their own sections of the report."""
    return any(t and (is_contributor_line(t) or is_note(t)) for t in (row.old_text, row.new_text))


def appended_from(rows: Sequence[SentenceChange]) -> int | None:
    """The first new sentence of a block appended after an unchanged text: every old sentence
    kept as it was, three or more added after the last of them. That is the mark of a page
    restored (the rest of a paginated article, a capture that had cut the text short) far more
    often than of news: a developing story changes its top too."""
    kept = [j for r in rows if r.old for j in r.new]
    added = [j for r in rows if r.kind == "added" for j in r.new]
    edited = [r for r in rows if r.old and r.kind != "same" and not r.cosmetic]
    if not added or not kept or not all(_furniture(r) for r in edited):
        return None
    late = [j for j in added if j > max(kept)]
    if len(late) < APPENDED_MIN or len(late) < len(added) - 2:
        return None
    return min(late)


def _weights(*versions: Version) -> dict[str, float]:
    """Rarer words weigh more: a word in many sentences says little about which one it is."""
    df: Counter[str] = Counter()
    for v in versions:
        for s in v.facts:
            df.update(s.keys)
    return {k: 1.0 / (1.0 + math.log(n)) for k, n in df.items()}


@dataclass
class _Comparison:
    old: Version
    new: Version
    pairs: list[tuple[int, int]]  # aligned edited sentences
    merged: set[tuple[int, int]]  # parts of a split or merged sentence
    weights: dict[str, float]
    changed: list[FactUpdate] = field(default_factory=list)
    added: list[FactRef] = field(default_factory=list)
    removed: list[FactRef] = field(default_factory=list)
    used: set[tuple[str, int, int]] = field(default_factory=set)  # (side, sentence, atom start)
    linked: set[tuple[int, int]] = field(default_factory=set)  # sentences sharing a changed fact
    worded: dict[tuple[str, int], set[str]] = field(default_factory=dict)  # words of changes told
    claims: dict[tuple[int, int], list[FactChange]] | None = None  # of aligned pairs, if known
    found: dict[tuple[frozenset[str], bool], tuple[int, float]] = field(default_factory=dict)

    def run(self) -> FactLedger:
        restated = self._restated() | self.merged
        self._numbers(set(self.pairs) | restated)
        self._names(set(self.pairs) | restated)
        for i, j in self.pairs:
            self._pair(i, j, aligned=True)
        for i, j in sorted(restated - set(self.pairs)):
            self._pair(i, j, aligned=False)
        new_only, old_only = self._rewritten(self._novel("new"), self._novel("old"))
        self._one_sided(new_only, old_only)
        return FactLedger(
            tuple(sorted(self.changed, key=lambda f: (f.new_sentence, f.old_sentence))),
            tuple(sorted(self.added, key=lambda f: f.sentence)),
            tuple(sorted(self.removed, key=lambda f: f.sentence)),
        )

    def _side(self, tag: str) -> tuple[Version, Version]:
        return (self.new, self.old) if tag == "new" else (self.old, self.new)

    # ---- which sentence restates which -------------------------------------------------------

    def _best(self, keys: frozenset[str], version: Version) -> tuple[int, float]:
        """The sentence of `version` holding most of the words (weighted), and the share of
        them it holds, with a second sentence's help when it holds under COVERED. (Kept: the
        comparison asks of most clauses more than once.)"""
        asked = (keys, version is self.old)
        if asked not in self.found:
            self.found[asked] = self._find(keys, version)
        return self.found[asked]

    def _find(self, keys: frozenset[str], version: Version) -> tuple[int, float]:
        w = self.weights
        total = sum(w.get(k, 1.0) for k in keys)
        if not total:
            return -1, 1.0
        best, held = _most(keys, version, w)
        if best < 0:
            return -1, 0.0
        if held / total < COVERED:  # one sentence may have become two
            held += _most(keys - version.facts[best].keys, version, w)[1]
        return best, held / total

    def _elsewhere(self, tag: str, keys: frozenset[str], sentence: int) -> bool:
        """Whether a sentence of that version other than `sentence` holds most of the words."""
        version, _ = self._side(tag)
        best, score = self._best(keys, version)
        return best not in {-1, sentence} and score >= COVERED

    def _restated(self) -> set[tuple[int, int]]:
        """(old, new) pairs of touched sentences where one holds most of a clause of the other:
        a sentence rewritten or moved so far that the aligner left the two apart."""
        out: set[tuple[int, int]] = set()
        for j in sorted(self.new.touched):
            for clause in self.new.facts[j].clauses:
                i, score = self._best(clause.keys, self.old)
                if score >= COVERED and i in self.old.touched:
                    out.add((i, j))
        for i in sorted(self.old.touched):
            for clause in self.old.facts[i].clauses:
                j, score = self._best(clause.keys, self.new)
                if score >= COVERED and j in self.new.touched:
                    out.add((i, j))
        return out

    # ---- numbers and names across the article ------------------------------------------------

    def _unknown(self, tag: str, kinds: Iterable[FactKind]) -> list[tuple[int, Atom]]:
        """(sentence, fact) for the facts of touched sentences the other version lacks."""
        version, other = self._side(tag)
        wanted = set(kinds)
        return [
            (i, a)
            for i in sorted(version.touched)
            for a in version.facts[i].atoms
            if a.kind in wanted and a.key not in other.keys
        ]

    def _numbers(self, pairs: set[tuple[int, int]]) -> None:
        """A number whose counted thing the other version counts with another value; a date
        only within two sentences that restate each other."""
        came = self._unknown("new", ("number", "date"))
        for i, a in self._unknown("old", ("number", "date")):
            best: tuple[int, Atom] | None = None
            best_score = 0.0
            for j, b in came:
                if a.slot != b.slot or ("new", j, b.start) in self.used:
                    continue
                paired = (i, j) in pairs
                vague = a.slot.endswith("?")
                if (a.kind == "date" or vague) and not paired:
                    continue
                score = 2.0 * paired + self._similarity(i, j)
                if score > best_score:
                    best, best_score = (j, b), score
            if best is not None:
                self._number_changed(i, a, *best)
        self._replaced(pairs)

    def _replaced(self, pairs: set[tuple[int, int]]) -> None:
        """A number or date of a sentence replaced by another value of the same thing in the
        sentence that restates it ("28 percent" -> "36 percent", "Thursday" -> "Friday"), though
        the article states either value elsewhere (another paragraph's 28 percent or Friday):
        the sentence changed it."""
        for j in sorted({j for _, j in pairs}):
            for b in self.new.facts[j].atoms:
                if b.kind not in {"number", "date"} or b.weak or self._is_used("new", j, b):
                    continue
                found = self._counterpart(j, b, pairs, _same_count)
                if found is None:
                    continue
                i, a = found
                if b.key not in {x.key for x in self.old.facts[i].atoms}:  # new to the sentence
                    self._number_changed(i, a, j, b)

    def _counterpart(
        self, j: int, b: Atom, pairs: set[tuple[int, int]], fits: Fits
    ) -> tuple[int, Atom] | None:
        """The first fact not yet reported of an old sentence that new sentence `j` restates
        that `fits` fact `b` of it (given the fact keys `j` holds)."""
        held = {x.key for x in self.new.facts[j].atoms}
        for i in sorted(i for i, k in pairs if k == j):
            for a in self.old.facts[i].atoms:
                if fits(a, b, held) and not self._is_used("old", i, a):
                    return i, a
        return None

    def _number_changed(self, i: int, a: Atom, j: int, b: Atom) -> None:
        self.used |= {("old", i, a.start), ("new", j, b.start)}
        self.linked.add((i, j))
        about = b.about or a.about
        score = sig.changed(a.kind, a, b)
        old_text, new_text = _shown(a, b)
        self.changed.append(FactUpdate(a.kind, old_text, new_text, i, j, score, about))

    def _similarity(self, i: int, j: int) -> float:
        a, b = self.old.facts[i].keys, self.new.facts[j].keys
        return len(a & b) / len(a | b) if a | b else 0.0

    def _names(self, pairs: set[tuple[int, int]]) -> None:
        """A name spelt another way ('Cynthia Kelly' -> 'Cynthia Kelley'): everywhere, or in
        one sentence that restates its old one while other sentences keep the old spelling."""
        came = self._unknown("new", _NAMED)
        for i, a in self._unknown("old", _NAMED):
            for j, b in came:
                if a.kind == b.kind and respelt(a.key[5:], b.key[5:]):
                    self._use_key("old", a.key)
                    self._use_key("new", b.key)
                    self._spelt(i, a, j, b)
                    came.remove((j, b))
                    break
        for j, b in came:  # respelt in one sentence only
            found = self._counterpart(j, b, pairs, _respelt_name)
            if found is not None:
                self._spelt(found[0], found[1], j, b)
        for j in sorted({j for _, j in pairs}):  # one person, a given name respelt
            for b in self.new.facts[j].atoms:
                found = self._counterpart(j, b, pairs, _respelt_given)
                if found is not None and not self._is_used("new", j, b):
                    self._spelt(found[0], found[1], j, b)

    def _spelt(self, i: int, a: Atom, j: int, b: Atom) -> None:
        self.used |= {("old", i, a.start), ("new", j, b.start)}
        self.changed.append(FactUpdate(a.kind, a.text, b.text, i, j, sig.SPELLING, "spelling"))

    def _use_key(self, tag: str, key: str) -> None:
        version, _ = self._side(tag)
        for s in version.facts:
            self.used |= {(tag, s.index, a.start) for a in s.atoms if a.key == key}

    def _is_used(self, tag: str, sentence: int, atom: Atom) -> bool:
        return (tag, sentence, atom.start) in self.used

    # ---- one sentence and the one that restates it -------------------------------------------

    def _pair(self, i: int, j: int, aligned: bool) -> None:
        o, n = self.old.facts[i], self.new.facts[j]
        known = None if self.claims is None or not aligned else self.claims.get((i, j), [])
        pairing = Pairing(
            o, n, aligned, self.old.keys, self.new.keys, self._is_used, known,
            lambda tag, keys: self._elsewhere(tag, keys, i if tag == "old" else j),
        )  # fmt: skip
        for kind, old_text, new_text, about, score in pair_changes(pairing):
            if not self._reported(i, j, old_text, new_text, about):
                self.changed.append(FactUpdate(kind, old_text, new_text, i, j, score, about))
            self.worded.setdefault(("old", i), set()).update(_words_in(old_text))
            self.worded.setdefault(("new", j), set()).update(_words_in(new_text))
        self.used |= {("old", i, a.start) for a in pairing.used_old}
        self.used |= {("new", j, a.start) for a in pairing.used_new}

    def _reported(self, i: int, j: int, old_text: str, new_text: str, about: str) -> bool:
        """True when the change is reported already (a new source once per sentence)."""
        for c in self.changed:
            if c.new_sentence != j:
                continue
            if c.old_sentence == i and (c.old, c.new) == (old_text, new_text):
                return True
            if about == c.about == "source" and c.new == new_text:
                return True
        return False

    # ---- clauses only one version holds ------------------------------------------------------

    def _novel(self, tag: str) -> list[Novel]:
        """Clauses of touched sentences that state something the other version does not: new
        content (nothing there holds most of it) or a fact of their own not reported yet.
        Quotations and the sentences framing them are the quote ledger's."""
        version, other = self._side(tag)
        out = []
        for i in sorted(version.touched):
            s = version.facts[i]
            done = _words_of([a for a in s.atoms if self._is_used(tag, i, a)]) | frozenset(
                self.worded.get((tag, i), ())
            )  # a change reported already says what these words say
            for whole in s.clauses:
                clause = whole.without(done)  # changed facts are reported
                if not clause.keys:
                    continue
                atoms = [
                    a
                    for a in s.atoms
                    if clause.start <= a.start < clause.end
                    and a.key not in other.keys
                    and not a.weak
                    and not self._is_used(tag, i, a)
                ]
                framing = s.quoted_words >= QUOTE_FRAME and clause.plain < _OWN_WORDS
                quoting = clause.quoted > 0.5 or framing
                if quoting and not _hard([a for a in atoms if not _attribution(s, a)]):
                    continue  # the quote ledger reports the quotation and who said it
                if atoms or (len(clause.keys) >= 3 and not self._covered(tag, i, clause)):
                    out.append((i, clause, atoms))
        return out

    def _covered(self, tag: str, i: int, clause: Clause) -> bool:
        """Whether the other version holds the clause: most of its words (weighted) in one or
        two sentences, or many of them in a sentence that states the same fact changed."""
        _, other = self._side(tag)
        if self._best(clause.keys, other)[1] >= COVERED and self._says(clause, other):
            return True
        words = {k for k in clause.keys if not k[0].isdigit()}
        for a, b in self.linked:
            mine, theirs = (a, b) if tag == "old" else (b, a)
            if mine == i and len(words & other.facts[theirs].keys) >= LINKED * len(words):
                return True
        return False

    def _says(self, clause: Clause, other: Version) -> bool:
        """Whether the other version says what the clause says of whom it names: half of its
        lowercase words (weighted) in one or two sentences. Sentences naming the same people
        and day may say different things of them ("X did not react on Monday" is not held
        by "Y criticised X on Monday")."""
        if len(clause.said) < _SAID_MIN:
            return True
        return self._best(clause.said, other)[1] >= SAID

    def _rewritten(self, new_only: list[Novel], old_only: list[Novel]) -> tuple[list[Novel], ...]:
        """A clause only the old sentence holds and one only its aligned new sentence holds
        are one clause rewritten: a change (absorbing the reworded phrases and new source
        reported inside it), not a removal and an addition."""
        aligned: dict[int, int] = {}
        for i, j in self.pairs:
            aligned.setdefault(i, j)
        for i, old_clause, old_atoms in list(old_only):
            j = aligned.get(i, -1)
            match = next((x for x in new_only if x[0] == j), None)
            if match is None:
                continue
            _, new_clause, new_atoms = match
            o, n = self.old.facts[i], self.new.facts[j]
            old_text, new_text = o.clause_text(old_clause), n.clause_text(new_clause)
            kind = _top_kind([*old_atoms, *new_atoms], o, n)
            inside = [
                c
                for c in self.changed
                if (c.old_sentence, c.new_sentence) == (i, j)
                and c.about in {"wording", "source"}
                and (c.old in old_text or c.new in new_text)
            ]
            self.changed = [c for c in self.changed if c not in inside]
            score = max([sig.rewritten(kind, o, n), *(c.significance for c in inside)])
            about = _about([*old_atoms, *new_atoms])
            self.changed.append(FactUpdate(kind, old_text, new_text, i, j, score, about))
            old_only = [x for x in old_only if x[1] is not old_clause]
            new_only = [x for x in new_only if x[1] is not new_clause]
        new_only = [x for x in new_only if not self._detail("new", *x)]
        old_only = [x for x in old_only if not self._detail("old", *x)]
        return new_only, old_only

    def _detail(self, tag: str, k: int, clause: Clause, atoms: list[Atom]) -> bool:
        """A fact added to (or cut from) a sentence the other version restates with a fact
        changed ("over 100" -> "about 100", now "he and two passengers"): a change of that
        sentence, reported with it, not a fact of its own. True when so reported."""
        version, other = self._side(tag)
        words = clause.keys - _words_of(atoms)
        for a, b in sorted(self.linked):
            mine, theirs = (a, b) if tag == "old" else (b, a)
            if mine != k or not atoms or not words:
                continue
            held = other.facts[theirs]
            if len(words & held.keys) < COVERED * len(words):
                continue
            s = version.facts[k]
            kind = _top_kind(atoms, s, held)
            text, restated = s.clause_text(clause), held.text
            old_text, new_text = (text, restated) if tag == "old" else (restated, text)
            i, j = (k, theirs) if tag == "old" else (theirs, k)
            score = sig.rewritten(kind, *((s, held) if tag == "old" else (held, s)))
            self.changed.append(FactUpdate(kind, old_text, new_text, i, j, score, _about(atoms)))
            return True
        return False

    def _one_sided(self, new_only: list[Novel], old_only: list[Novel]) -> None:
        for j, text, atoms in self._grouped(self.new, new_only):
            s = self.new.facts[j]
            kind = _top_kind(atoms, s, None)
            self.added.append(FactRef(kind, text, j, sig.one_sided(kind, s, atoms), _about(atoms)))
        for i, text, atoms in self._grouped(self.old, old_only):
            s = self.old.facts[i]
            kind = _top_kind(atoms, s, None)
            score = round(sig.one_sided(kind, s, atoms) * sig.REMOVED, 3)
            self.removed.append(FactRef(kind, text, i, score, _about(atoms)))

    def _grouped(self, version: Version, items: list[Novel]) -> list[tuple[int, str, list[Atom]]]:
        """One event per run of clauses in one paragraph: a reporter adds (or cuts) a paragraph
        at a time, and an editor reads it as one. Two exceptions: a sentence with a weighty
        fact of its own (a count, a person, a body, a dated event) after a run that has one
        starts its own event, and so does a sentence citing another source than the run does
        (a witness quoted in a paragraph of narration is part of it)."""
        out: list[tuple[int, str, list[Atom]]] = []
        last_sentence, last_paragraph, speaker = -2, -2, ""
        for i, clause, atoms in items:
            s = version.facts[i]
            text = s.clause_text(clause)
            paragraph = version.paragraph_of.get(i, -1)
            source = s.source.text.casefold()
            joins = paragraph == last_paragraph and i - last_sentence <= 1
            if joins and i != last_sentence and _hard(atoms) and _hard(out[-1][2]):
                joins = False  # a second weighty fact is an event of its own
            if joins and (i == last_sentence or source in {"", speaker} or not speaker):
                first, before, known = out[-1]
                if i != last_sentence and not before.endswith(_ENDS):
                    before += "."  # the sentence's last clause was left out: still a sentence
                out[-1] = (first, f"{before} {text}", [*known, *atoms])
                speaker = speaker or source
            else:
                out.append((i, text, atoms))
                speaker = source
            last_sentence, last_paragraph = i, paragraph
        return out


def _most(keys: frozenset[str], version: Version, w: dict[str, float]) -> tuple[int, float]:
    """The sentence of `version` holding the most of the words (weighted; the first of equals)
    and their weight in it; (-1, 0.0) when none holds any. Sentences holding a rarer word are
    weighed first: when one of them outweighs all the common words together, no sentence
    holding only common words can beat it (a long article need not visit every sentence that
    holds "year")."""
    if version.common.isdisjoint(keys):
        return _top(_held(keys, version, w))
    rare = [k for k in keys if k not in version.common]
    found = _held(rare, version, w)
    if found:
        for i in found:  # exactly as _held would add them: in the order of `keys`
            held = version.facts[i].keys
            found[i] = sum(w.get(k, 1.0) for k in keys if k in held)
        best = _top(found)
        common = sum(w.get(k, 1.0) for k in keys if k not in rare and k in version.holders)
        if best[1] > common:
            return best
    return _top(_held(keys, version, w))


def _top(found: dict[int, float]) -> tuple[int, float]:
    return max(found.items(), key=lambda x: (x[1], -x[0]), default=(-1, 0.0))


def _held(keys: Iterable[str], version: Version, w: dict[str, float]) -> dict[int, float]:
    """For each sentence of `version` holding some of the words, their weight in it."""
    found: dict[int, float] = {}
    get = found.get
    for k in keys:
        weight = w.get(k, 1.0)
        for i in version.holders.get(k, ()):  # each sentence once per word
            found[i] = get(i, 0.0) + weight
    return found


def _shown(old: Atom, new: Atom) -> tuple[str, str]:
    """A changed number as printed, without the words both sides open with ("at least")."""
    a, b = old.text.split(), new.text.split()
    while old.kind == "number" and len(a) > 1 and len(b) > 1 and a[0].casefold() == b[0].casefold():
        a, b = a[1:], b[1:]
    return " ".join(a), " ".join(b)


def _top_kind(atoms: list[Atom], s: SentenceFacts, other: SentenceFacts | None) -> FactKind:
    """The kind of the weightiest fact; a statement when the sentence reports what someone
    said (and the other side does not, or credits someone else)."""
    kinds = [a.kind for a in atoms]
    if s.source.attributed and (other is None or other.source.text != s.source.text):
        kinds.append("statement")
    return max(kinds, key=lambda k: _KIND_RANK[k], default="other")


def _attribution(s: SentenceFacts, atom: Atom) -> bool:
    """Whether the fact is who the sentence cites or whom they told ("told CNN")."""
    told = s.source.audience
    return s.source.start <= atom.start < s.source.end or told[0] <= atom.start < told[1]


def _hard(atoms: list[Atom]) -> bool:
    """A fact a quotation's frame may add beside the words quoted: a count, a dated event, a
    person or body the other version never names ("In a statement, the Rev. Al Sharpton
    said")."""
    return any(
        a.kind in {"number", "person", "organisation"}
        or (a.kind == "date" and any(c.isdigit() for c in a.text))
        for a in atoms
    )


def _words_of(atoms: list[Atom]) -> frozenset[str]:
    """The content words of facts, as clause keys hold them."""
    return content_keys(t for a in atoms for t in tokenise(a.text)[0])


def _words_in(text: str) -> frozenset[str]:
    return content_keys(tokenise(text)[0])


def _same_count(a: Atom, b: Atom, held: set[str]) -> bool:
    """Another value of what `b` counts, gone from the sentence that states `b`."""
    return a.slot == b.slot and a.kind == b.kind and a.key not in held and not a.weak


def _respelt_name(a: Atom, b: Atom, held: set[str]) -> bool:
    return a.kind == b.kind and a.key not in held and respelt(a.key[5:], b.key[5:])


def _respelt_given(a: Atom, b: Atom, held: set[str]) -> bool:
    """The same person ("name|surname"), the given name spelt another way."""
    if not (a.kind == b.kind == "person" and a.key == b.key):
        return False
    old, new = _given(a.text), _given(b.text)
    return old != new and respelt(old, new)


def _given(name: str) -> str:
    """A person's name without the title before it, casefolded ("Sen. Ann Lee" -> "ann lee")."""
    words = [w for w in name.casefold().split() if w.rstrip(".") not in claims_lx.TITLES]
    return " ".join(words).replace("\u2019", "'").removesuffix("'s")


def _about(atoms: list[Atom]) -> str:
    return "; ".join(dict.fromkeys(a.text for a in atoms))
