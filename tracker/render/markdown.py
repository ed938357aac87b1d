"""Report -> Markdown for an editor: key items, then the changed sentences with context."""

from __future__ import annotations

from tracker.models import Report, SentenceChange
from tracker.render._common import Elided, key_items, move_note, visible_rows
from tracker.render.options import RenderOptions

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<#|~"})


def md_escape(text: str) -> str:
    """Escape text so Markdown shows it literally."""
    return text.translate(_SPECIAL)


def _inline_md(row: SentenceChange) -> str:
    parts = []
    for op, chunk in row.inline:
        if not chunk.strip():
            parts.append(chunk)
        elif op == "=":
            parts.append(md_escape(chunk))
        elif op == "-":
            parts.append(f"~~{md_escape(chunk)}~~")
        else:
            parts.append(f"**{md_escape(chunk)}**")
    return "".join(parts)


def _row_md(row: SentenceChange) -> str:
    if row.kind == "added":
        return f"- ➕ **{md_escape(row.new_text or '')}**"
    if row.kind == "removed":
        return f"- ➖ ~~{md_escape(row.old_text or '')}~~"
    if row.kind == "same":
        return f"- {md_escape(row.new_text or '')}"
    body = _inline_md(row) if row.inline else md_escape(row.new_text or "")
    note = move_note(row) or ("cosmetic" if row.cosmetic else "")
    mark = "↕" if row.kind == "moved" else "✎"
    return f"- {mark} {body}" + (f" _({note})_" if note else "")


def key_items_md(report: Report) -> list[str]:
    lines = []
    for item in key_items(report):
        if item.old is not None and item.new is not None:
            lines.append(f"- **{item.label}:** {md_escape(item.old)} → {md_escape(item.new)}")
        else:
            lines.append(f"- **{item.label}:** {md_escape(item.new or item.old or '')}")
    return lines


def render_markdown(report: Report, options: RenderOptions) -> str:
    old_title = md_escape(str(report.from_meta.get("title") or "old version"))
    new_title = md_escape(str(report.to_meta.get("title") or "new version"))
    lines = [f"# {new_title}", ""]
    if report.from_meta.get("title") and old_title != new_title:
        lines += [f"_Previously:_ {old_title}", ""]
    lines += [f"**{md_escape(report.summary or 'No changes.')}**", ""]
    lines += key_items_md(report)
    lines += ["", "## Sentences", ""]
    for row in visible_rows(report, options.context):
        if isinstance(row, Elided):
            lines.append(f"- _… {row.count} unchanged sentence(s)_")
        else:
            lines.append(_row_md(row))
    return "\n".join(lines) + "\n"
