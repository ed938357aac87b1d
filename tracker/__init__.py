"""tracker: watch news articles change after publication and report exactly what changed.

The public API is imported lazily, so `tracker --help` and commands that need only part of the
library start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "align_sentences": "tracker.align",
    "extract_quotes": "tracker.analyze.quotes",
    "extract_article": "tracker.extract.article",
    "compare": "tracker.pipeline",
    "split_sentences": "tracker.segment",
    "Alignment": "tracker.models",
    "Article": "tracker.models",
    "Quote": "tracker.models",
    "Report": "tracker.models",
}

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

if TYPE_CHECKING:
    from tracker.align import align_sentences
    from tracker.analyze.quotes import extract_quotes
    from tracker.extract.article import extract_article
    from tracker.models import Alignment, Article, Quote, Report
    from tracker.pipeline import compare
    from tracker.segment import split_sentences


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tracker' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
