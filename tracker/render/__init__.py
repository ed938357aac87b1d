"""Report -> text | json | markdown | html. Pure: renderers return strings and never print."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.models import Report


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How a report is shown; each renderer takes the same options, using what it can."""

    color: bool = False
    context: int = 1
    side_by_side: bool = False
    width: int = 100


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
