"""Text -> sentences. Pure. (Placeholder until the segmenter lands.)"""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def split_sentences(text: str) -> list[str]:
    """Split `text` into sentences, paragraph first; never merges paragraphs."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n|\n", text):
        para = para.strip()
        if para:
            out.extend(s for s in _BOUNDARY.split(para) if s.strip())
    return out
