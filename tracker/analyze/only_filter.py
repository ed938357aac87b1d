"""Filters that let cron users and editors ignore noise: --only PARTS, --min-significance X."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from tracker.analyze.rank import rank_changes
from tracker.analyze.summary import summarize
from tracker.models import FactLedger, QuoteLedger, Report

PARTS = ("quotes", "facts", "claims", "contributors", "notes", "headline")


def filter_report(report: Report, only: Iterable[str] | None, min_significance: float) -> Report:
    """Keep only the chosen parts, and only facts and claims at least `min_significance`
    significant (a change of wording is under 0.3, a change of fact 0.5 and up)."""
    keep = set(only) if only is not None else set(PARTS)
    if only is None and min_significance <= 0.0:
        return report
    claims = tuple(c for c in report.claims if c.significance >= min_significance)
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
    )
    changes = rank_changes(kept, min_significance, rows=only is None)
    return replace(kept, summary=summarize(kept), changes=changes)
