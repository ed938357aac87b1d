"""Report -> text | json | markdown | html. Pure: renderers return strings and never print."""

from __future__ import annotations

from tracker.models import Report
from tracker.render.options import RenderOptions

__all__ = ["RenderOptions", "render_report"]


def render_report(report: Report, fmt: str, options: RenderOptions | None = None) -> str:
    """Render `report` in format `fmt` ("text", "json", "markdown" or "html")."""
    options = options or RenderOptions()
    if fmt == "json":
        from tracker.render.json import render_json

        return render_json(report)
    if fmt == "markdown":
        from tracker.render.markdown import render_markdown

        return render_markdown(report, options)
    if fmt == "html":
        from tracker.render.html import render_html

        return render_html(report, options)
    from tracker.render.text import render_text

    return render_text(report, options)
