"""Text -> direct quotes with speakers. Pure. (Placeholder until the quote extractor lands.)"""

from __future__ import annotations

import re

from tracker.models import Quote

_QUOTE = re.compile(r"[\"“]([^\"“”]+)[\"”]")


def extract_quotes(text: str) -> list[Quote]:
    """Find direct quotations in `text` and who said them."""
    return [Quote(m.group(1), None, None, m.start(1), m.end(1)) for m in _QUOTE.finditer(text)]
