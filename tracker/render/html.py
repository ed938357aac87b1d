"""Report -> one self-contained HTML page. Every piece of article text is escaped."""

from __future__ import annotations

from html import escape

from tracker.models import Report, SentenceChange
from tracker.render._common import Elided, key_items, move_note, visible_rows
from tracker.render.options import RenderOptions

STYLE = """
body{font:16px/1.5 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}.summary{font-weight:bold}.items li{margin:.2rem 0}
.s{margin:.4rem 0;padding:.1rem .5rem;border-left:4px solid transparent}
.same{color:#777}.added{border-color:#2a2;background:#efe}.removed{border-color:#c22;background:#fee}
.edited{border-color:#c90}.moved{border-color:#29c}.note{font:italic 13px sans-serif;color:#29c}
del{background:#fcc;color:#900}ins{background:#cfc;color:#060;text-decoration:none}
.elided{color:#999;font:13px sans-serif}.old{color:#900}.new{color:#060}
"""


def _inline_html(row: SentenceChange) -> str:
    tags = {"=": "{}", "-": "<del>{}</del>", "+": "<ins>{}</ins>"}
    return "".join(tags[op].format(escape(chunk)) for op, chunk in row.inline)


def _row_html(row: SentenceChange) -> str:
    if row.kind in ("edited", "moved") and row.inline:
        body = _inline_html(row)
    elif row.kind == "removed":
        body = f"<del>{escape(row.old_text or '')}</del>"
    elif row.kind == "added":
        body = f"<ins>{escape(row.new_text or '')}</ins>"
    else:
        body = escape(row.new_text or row.old_text or "")
    note = move_note(row) or ("cosmetic" if row.kind == "edited" and row.cosmetic else "")
    note_html = f' <span class="note">({escape(note)})</span>' if note else ""
    return f'<p class="s {row.kind}">{body}{note_html}</p>'


def key_items_html(report: Report) -> str:
    out = []
    for item in key_items(report):
        parts = [f"<b>{escape(item.label)}:</b>"]
        if item.old is not None:
            parts.append(f'<span class="old">{escape(item.old)}</span>')
        if item.old is not None and item.new is not None:
            parts.append("→")
        if item.new is not None:
            parts.append(f'<span class="new">{escape(item.new)}</span>')
        out.append(f"<li>{' '.join(parts)}</li>")
    return f'<ul class="items">{"".join(out)}</ul>' if out else ""


def report_body_html(report: Report, options: RenderOptions) -> str:
    """The report as an HTML fragment (used alone and inside change logs)."""
    rows = []
    for row in visible_rows(report, options.context):
        if isinstance(row, Elided):
            rows.append(f'<p class="elided">… {row.count} unchanged sentence(s)</p>')
        else:
            rows.append(_row_html(row))
    summary = escape(report.summary or "No changes.")
    return f'<p class="summary">{summary}</p>{key_items_html(report)}{"".join(rows)}'


def page(title: str, body: str) -> str:
    """A complete, self-contained page (inline CSS, no scripts, no external resources)."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def render_html(report: Report, options: RenderOptions) -> str:
    title = str(report.to_meta.get("title") or report.from_meta.get("title") or "Changes")
    old_title = str(report.from_meta.get("title") or "")
    heading = f"<h1>{escape(title)}</h1>"
    if old_title and old_title != title:
        heading += f"<p><i>Previously:</i> {escape(old_title)}</p>"
    return page(f"Changes: {title}", heading + report_body_html(report, options))
