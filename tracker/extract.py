"""Page/HTML/text -> Article. Pure. (Placeholder until the extractor lands.)"""

from __future__ import annotations

from tracker.models import Article


def extract_article(html: str | bytes, url: str | None = None) -> Article:
    """Extract the article (title, authors, dates, body paragraphs, contributors, notes)."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    lines = [ln.strip() for ln in html.splitlines() if ln.strip()]
    title = lines[0] if lines else ""
    return Article(title=title, authors=[], published=None, modified=None,
                   paragraphs=lines[1:], url=url)
