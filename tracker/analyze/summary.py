"""One plain-language line for an editor: what changed, most important first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tracker.analyze.rank import describe_fact, note_kind
from tracker.models import (
    Claim,
    FactLedger,
    FactRef,
    FactUpdate,
    QuoteLedger,
    QuoteRef,
    Report,
    SentenceChange,
)

REEXTRACT_NOTE = "Re-extraction (parser update)"
LEAD = 0.5  # a fact change at least this significant opens the summary


def _people(quotes: Sequence[QuoteRef], limit: int = 3) -> str:
    names = list(dict.fromkeys(q.speaker or "unattributed" for q in quotes))
    shown = ", ".join(names[:limit]) + (
        f" and {len(names) - limit} more" if len(names) > limit else ""
    )
    return f" ({shown})" if shown else ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _quotes_part(ledger: QuoteLedger) -> str:
    """'2 quotes added (A, B), 1 removed (C), 1 re-attributed (D)': the noun once, first."""
    reattributed = [new for old, new in ledger.changed if old.speaker != new.speaker]
    groups = [
        (len(ledger.added), "added", _people(ledger.added)),
        (len(ledger.removed), "removed", _people(ledger.removed)),
        (len(reattributed), "re-attributed", _people(reattributed)),
        (len(ledger.changed) - len(reattributed), "reworded", ""),
    ]
    parts: list[str] = []
    for count, verb, people in groups:
        if count:
            noun = "" if parts else (" quote" if count == 1 else " quotes")
            parts.append(f"{count}{noun} {verb}{people}")
    if ledger.appended:
        count = len(ledger.appended)
        parts.append(
            f"{count} quote{'s' if count != 1 else ''} in text appended after an unchanged version"
        )
    return ", ".join(parts)


def _claims_part(claims: Sequence[Claim]) -> str:
    """The most significant fact change first, then how many more."""
    ranked = sorted(claims, key=lambda c: -c.significance)
    changes = [c for claim in ranked for c in claim.changes]
    if not changes:
        return ""
    first = changes[0]
    if first.old and first.new:
        head = f"Claim changed: '{first.old}' -> '{first.new}'"
    else:
        sign = f"+ '{first.new}'" if first.new else f"- '{first.old}'"
        head = f"Claim changed ({first.kind}): {sign}"
    more = len(changes) - 1
    return head + (f" (+{more} more)" if more else "")


def _note_kind(note: str) -> str:
    return note_kind(note)[0]


def _facts_part(facts: FactLedger) -> tuple[str, float]:
    """'Fact changed: '20' -> '26' (people killed) (+3 more)': the most significant fact event
    first, then how many more; with its significance."""
    events: list[FactUpdate | FactRef] = [*facts.changed, *facts.added, *facts.removed]
    if not events:
        return "", 0.0
    top = max(events, key=lambda f: f.significance)
    head = describe_fact(top, top in facts.added)
    more = len(events) - 1
    return head + (f" (+{more} more)" if more else ""), top.significance


def _notes_part(added: Sequence[str], removed: Sequence[str]) -> str:
    """'Correction appended', 'Update note reworded' (a note of the same kind replaced)."""
    removed_kinds = [_note_kind(n) for n in removed]
    out = []
    for note in added:
        kind = _note_kind(note)
        if kind in removed_kinds:
            removed_kinds.remove(kind)
            out.append(f"{kind} reworded")
        else:
            out.append(f"{kind} appended")
    out += [f"{kind} removed" for kind in removed_kinds]
    return ". ".join(dict.fromkeys(out))


def _sentences_part(rows: Sequence[SentenceChange]) -> str:
    counts = Counter(r.kind for r in rows if r.kind != "same")
    parts = [f"{counts[k]} {k}" for k in ("edited", "added", "removed", "moved") if counts[k]]
    return ("Sentences: " + ", ".join(parts)) if parts else ""


def _captions_part(report: Report) -> str:
    """Said only when a picture caption is all that changed."""
    pictures = max(len(report.captions_added), len(report.captions_removed))
    if not pictures:
        return ""
    return "Only a picture caption changed" if pictures == 1 else "Only picture captions changed"


def summarize(report: Report) -> str:
    """'Fact changed: '25' -> '30' (people killed). Headline changed. 2 quotes added (A, B).
    ...', read from the report as it stands (after filtering, say): the most significant fact
    change first, a change of wording after the headline and quotes; claims only when the fact
    ledger is empty. A newer version that is a re-extraction (`to_meta["reextract"]`) is
    labelled as one."""
    facts, weight = _facts_part(report.facts)
    lead = facts if weight >= LEAD else ""
    parts = [
        lead,
        "Headline changed" if report.headline else "",
        _quotes_part(report.quotes),
        "" if lead else facts,
        "" if facts else _claims_part(report.claims),
    ]
    if report.contributors_added:
        parts.append("New contributors: " + ", ".join(report.contributors_added))
    if report.contributors_removed:
        parts.append("Contributors removed: " + ", ".join(report.contributors_removed))
    parts += [
        _notes_part(report.notes_added, report.notes_removed),
        _sentences_part(report.sentences),
    ]
    text = ". ".join(p[0].upper() + p[1:] for p in parts if p) or _captions_part(report)
    line = text + "." if text else "No changes."
    return f"{REEXTRACT_NOTE}: {line}" if report.to_meta.get("reextract") else line
