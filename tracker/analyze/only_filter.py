"""Filters that let cron users and editors ignore noise: --only PARTS, --min-significance X."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from tracker.analyze.summary import summarize
from tracker.models import QuoteLedger, Report

PARTS = ("quotes", "claims", "contributors", "notes", "headline")


def filter_report(report: Report, only: Iterable[str] | None, min_significance: float) -> Report:
    """Keep only the chosen parts, and only claims at least `min_significance` significant."""
    keep = set(only) if only is not None else set(PARTS)
    if only is None and min_significance <= 0.0:
        return report
    claims = tuple(c for c in report.claims if c.significance >= min_significance)
    kept = replace(
        report,
        headline=report.headline if "headline" in keep else None,
        quotes=report.quotes if "quotes" in keep else QuoteLedger(),
        claims=claims if "claims" in keep else (),
        contributors_added=report.contributors_added if "contributors" in keep else (),
        contributors_removed=report.contributors_removed if "contributors" in keep else (),
        notes_added=report.notes_added if "notes" in keep else (),
        notes_removed=report.notes_removed if "notes" in keep else (),
    )
    return replace(kept, summary=summarize(kept))
