"""Every change of a report as an editor would rank it: one kind (fact, quote, re-attribution,
correction, contributor, headline, wording, structure, caption) and a significance in [0, 1].
Pure.

The scale: a correction appended 0.95; a changed count of the dead or a new official statement
0.8 and up; a re-attributed quote 0.85; a new or removed quote about 0.7; a new background fact
0.55; a contributor 0.5; a reworded phrase under 0.3; a picture caption 0.2; sentences moved
or reflowed 0.1."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from tracker.analyze.captions import SIGNIFICANCE as CAPTION
from tracker.models import (
    ChangeKind,
    FactRef,
    FactUpdate,
    QuoteRef,
    RankedChange,
    Report,
)

WORDING = 0.3  # below this a change is one of wording
_NOTES = (
    ("correct", "Correction", 0.95),
    ("clarif", "Clarification", 0.9),
    ("editor", "Editor's note", 0.8),
)
_UPDATE_NOTE = ("Update note", 0.6)
_DIGITS = re.compile(r"\d[\d,.]*")
_SHORT = 90  # characters of a sentence quoted in a change's text
_DASH = "\u2014"  # what a claim's side without words shows


def rank_changes(report: Report, floor: float = 0.0, rows: bool = True) -> tuple[RankedChange, ...]:
    """The report's changes at least `floor` significant, most significant first (reading
    order among equals); `rows`: with the sentences reworded, moved or reflowed."""
    found = [
        *_headline(report),
        *_facts(report),
        *_claims(report),
        *_quotes(report),
        *_notes(report),
        *_contributors(report),
        *_captions(report),
        *(_rows(report) if rows else ()),
    ]
    kept = [c for c in found if c.significance >= floor]
    return tuple(sorted(kept, key=lambda c: -c.significance))


def note_kind(note: str) -> tuple[str, float]:
    """What a note is ("Correction", "Update note", ...) and how much it matters."""
    low = note.lower()
    return next(((name, score) for key, name, score in _NOTES if key in low), _UPDATE_NOTE)


def short(text: str, limit: int = _SHORT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def describe_fact(fact: FactUpdate | FactRef, added: bool = True) -> str:
    """One line for a fact event: "Fact changed: '20' -> '26' (people killed)", "Fact changed
    (hedge): + 'reportedly'", "Fact added (number): '...'"."""
    if isinstance(fact, FactRef):
        return f"Fact {'added' if added else 'removed'} ({fact.kind}): '{short(fact.text)}'"
    label = "Wording changed" if fact.about == "wording" else "Fact changed"
    if fact.old and fact.new:
        note = f" ({fact.about})" if fact.about and fact.about != "wording" else ""
        return f"{label}: '{short(fact.old, 60)}' -> '{short(fact.new, 60)}'{note}"
    sign = f"+ '{short(fact.new, 60)}'" if fact.new else f"- '{short(fact.old, 60)}'"
    return f"{label} ({fact.about or fact.kind}): {sign}"


def _headline(report: Report) -> Iterator[RankedChange]:
    if report.headline is None:
        return
    old, new = report.headline
    numbers_differ = _DIGITS.findall(old) != _DIGITS.findall(new)
    score = 0.8 if numbers_differ else 0.6
    yield RankedChange("headline", score, f"Headline: '{short(old, 60)}' -> '{short(new, 60)}'")


def _facts(report: Report) -> Iterator[RankedChange]:
    for c in report.facts.changed:
        kind: ChangeKind = "fact"
        if c.about == "wording" or c.significance < WORDING:
            kind = "wording"
        yield RankedChange(kind, c.significance, describe_fact(c), (c.old_sentence,),
                           (c.new_sentence,))  # fmt: skip
    for a in report.facts.added:
        yield RankedChange("fact", a.significance, describe_fact(a), (), (a.sentence,))
    for r in report.facts.removed:
        yield RankedChange("fact", r.significance, describe_fact(r, False), (r.sentence,), ())


def _claims(report: Report) -> Iterator[RankedChange]:
    """Claims of sentences the fact ledger says nothing about (it usually says more)."""
    covered_old = {c.old_sentence for c in report.facts.changed}
    covered_old |= {r.sentence for r in report.facts.removed}
    covered_new = {c.new_sentence for c in report.facts.changed}
    covered_new |= {a.sentence for a in report.facts.added}
    for claim in report.claims:
        if set(claim.old) & covered_old or set(claim.new) & covered_new:
            continue
        kind: ChangeKind = "wording" if claim.significance < WORDING else "fact"
        text = "; ".join(f"'{c.old or _DASH}' -> '{c.new or _DASH}'" for c in claim.changes)
        yield RankedChange(kind, claim.significance, text, claim.old, claim.new)


def _quotes(report: Report) -> Iterator[RankedChange]:
    def line(q: QuoteRef) -> str:
        return f"\u201c{short(q.text, 70)}\u201d ({q.speaker or 'unattributed'})"

    for q in report.quotes.added:
        yield RankedChange("quote", 0.7 if q.speaker else 0.5, "New quote " + line(q), (),
                           (q.sentence,))  # fmt: skip
    for q in report.quotes.removed:
        yield RankedChange("quote", 0.65 if q.speaker else 0.45, "Quote removed " + line(q),
                           (q.sentence,), ())  # fmt: skip
    for old, new in report.quotes.changed:
        where = ((old.sentence,), (new.sentence,))
        if old.speaker != new.speaker:
            text = f"Quote re-attributed: {old.speaker or 'unattributed'} -> {new.speaker}"
            yield RankedChange("reattribution", 0.85, text, *where)
        else:
            yield RankedChange("wording", 0.25, "Quote reworded " + line(new), *where)


def _notes(report: Report) -> Iterator[RankedChange]:
    def line(note: str, name: str) -> str:
        return short(note) if note.casefold().startswith(name.casefold()) else f"{name}: {note}"

    for note in report.notes_added:
        name, score = note_kind(note)
        yield RankedChange("correction", score, line(note, name))
    for note in report.notes_removed:
        name, score = note_kind(note)
        yield RankedChange("correction", round(score * 0.6, 3), "Removed: " + line(note, name))


def _contributors(report: Report) -> Iterator[RankedChange]:
    for name in report.contributors_added:
        yield RankedChange("contributor", 0.5, f"Contributor added: {name}")
    for name in report.contributors_removed:
        yield RankedChange("contributor", 0.5, f"Contributor removed: {name}")


def _captions(report: Report) -> Iterator[RankedChange]:
    for caption in report.captions_added:
        yield RankedChange("caption", CAPTION, f"Caption added: '{short(caption)}'")
    for caption in report.captions_removed:
        yield RankedChange("caption", CAPTION, f"Caption removed: '{short(caption)}'")


def _rows(report: Report) -> Iterator[RankedChange]:
    """Edits no fact or claim explains: reworded sentences (wording) and sentences moved,
    split or merged with their words kept (structure), one change each."""
    explained_old = {i for c in report.claims for i in c.old}
    explained_old |= {c.old_sentence for c in report.facts.changed}
    counts: Counter[str] = Counter()
    where: dict[str, tuple[list[int], list[int]]] = {"wording": ([], []), "structure": ([], [])}
    for row in report.sentences:
        if row.kind not in {"edited", "moved"} or set(row.old) & explained_old:
            continue
        kind = "structure" if row.kind == "moved" and not row.inline else "wording"
        if row.kind == "edited" and len(row.old) != len(row.new) and row.cosmetic:
            kind = "structure"
        counts[kind] += 1
        where[kind][0].extend(row.old)
        where[kind][1].extend(row.new)
    if counts["wording"]:
        n = counts["wording"]
        yield RankedChange("wording", 0.1, f"{n} sentence{'s' * (n != 1)} reworded",
                           tuple(where["wording"][0]), tuple(where["wording"][1]))  # fmt: skip
    if counts["structure"]:
        n = counts["structure"]
        yield RankedChange("structure", 0.05, f"{n} sentence{'s' * (n != 1)} moved or reflowed",
                           tuple(where["structure"][0]), tuple(where["structure"][1]))  # fmt: skip
