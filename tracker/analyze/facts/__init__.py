"""The article-level fact ledger: the facts an editor tracks in each whole version (numbers
with what they count, dates, named people with their roles, places, organisations, who said
what), compared between two versions wherever in the article they stand. Pure and rule-based:
word lists and patterns over sentences, no language model."""

from __future__ import annotations

from tracker.analyze.facts.compare import compare_facts

__all__ = ["compare_facts"]
