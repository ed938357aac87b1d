"""Filters that let cron users and editors ignore noise: --only PARTS, --min-significance X."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from tracker.analyze.captions import SIGNIFICANCE as CAPTION
from tracker.analyze.rank import rank_changes
from tracker.analyze.summary import summarize
from tracker.models import FactLedger, QuoteLedger, Report, SentenceChange

PARTS = ("quotes", "facts", "claims", "contributors", "notes", "captions", "headline")


def filter_report(report: Report, only: Iterable[str] | None, min_significance: float) -> Report:
    """Keep only the chosen parts, and only facts, claims and captions at least
    `min_significance` significant (a change of wording is under 0.3, a caption 0.2, a change
    of fact 0.5 and up)."""
    keep = set(only) if only is not None else set(PARTS)
    if only is None and min_significance <= 0.0:
        return report
    claims = tuple(c for c in report.claims if c.significance >= min_significance)
    captions = "captions" in keep and CAPTION >= min_significance
    facts = report.facts
    facts = FactLedger(
        tuple(f for f in facts.changed if f.significance >= min_significance),
        tuple(f for f in facts.added if f.significance >= min_significance),
        tuple(f for f in facts.removed if f.significance >= min_significance),
    )
    kept = replace(
        report,
        headline=report.headline if "headline" in keep else None,
        quotes=report.quotes if "quotes" in keep else QuoteLedger(),
        claims=claims if "claims" in keep else (),
        facts=facts if "facts" in keep else FactLedger(),
        contributors_added=report.contributors_added if "contributors" in keep else (),
        contributors_removed=report.contributors_removed if "contributors" in keep else (),
        notes_added=report.notes_added if "notes" in keep else (),
        notes_removed=report.notes_removed if "notes" in keep else (),
        captions_added=report.captions_added if captions else (),
        captions_removed=report.captions_removed if captions else (),
    )
    if only is not None:
        kept = replace(kept, sentences=_rows_of(kept))
    changes = rank_changes(kept, min_significance, rows=only is None)
    return replace(kept, summary=summarize(kept), changes=changes)


def _rows_of(report: Report) -> tuple[SentenceChange, ...]:
    """The sentence listing cut to the changes the kept parts point at (unchanged sentences
    stay, as context): with --only, the listing shows what the summary speaks of, no more."""
    old: set[int] = set()
    new: set[int] = set()
    q = report.quotes
    old.update(r.sentence for r in q.removed)
    new.update(r.sentence for r in q.added)
    for before, after in q.changed:
        old.add(before.sentence)
        new.add(after.sentence)
    for claim in report.claims:
        old.update(claim.old)
        new.update(claim.new)
    old.update(f.old_sentence for f in report.facts.changed)
    new.update(f.new_sentence for f in report.facts.changed)
    new.update(f.sentence for f in report.facts.added)
    old.update(f.sentence for f in report.facts.removed)
    words = [*report.contributors_added, *report.contributors_removed]
    words += [*report.notes_added, *report.notes_removed]
    return tuple(
        row
        for row in report.sentences
        if row.kind == "same"
        or old.intersection(row.old)
        or new.intersection(row.new)
        or any(w and _mentions(row, w) for w in words)
    )


def _mentions(row: SentenceChange, text: str) -> bool:
    """Whether a changed row holds `text` (a contributor's name, or a note or its start)."""
    probe = text[:60]
    return any(probe in (t or "") or (t or "") in text for t in (row.old_text, row.new_text) if t)
