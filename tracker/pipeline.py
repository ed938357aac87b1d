"""Joins the stages: compare(...), snapshot(...), diff(...), changelog(...)."""

from __future__ import annotations

from tracker.extract import extract_article
from tracker.models import Report
from tracker.report import build_report


def compare(old: str | bytes, new: str | bytes) -> Report:
    """Compare two versions of an article (HTML or plain text each)."""
    return build_report(extract_article(old), extract_article(new))
