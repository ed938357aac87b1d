"""tracker: watch news articles change after publication and report exactly what changed."""

from __future__ import annotations

from tracker.align import align_sentences
from tracker.analyze.quotes import extract_quotes
from tracker.extract import extract_article
from tracker.models import Alignment, Article, Quote, Report
from tracker.pipeline import compare
from tracker.segment import split_sentences

__version__ = "0.1.0"

__all__ = [
    "Alignment",
    "Article",
    "Quote",
    "Report",
    "__version__",
    "align_sentences",
    "compare",
    "extract_article",
    "extract_quotes",
    "split_sentences",
]
