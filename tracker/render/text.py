"""Report -> the terminal view: key items first, then the article with its changes marked.

With colour, changed words are red/green; without it (piped, NO_COLOR) the view uses git's
word-diff markers, [-old-] and {+new+}, so it still reads in a log file.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.models import Report, SentenceChange
from tracker.render._common import Elided, key_items, move_note, visible_rows
from tracker.render.options import RenderOptions

_MARK = {"same": " ", "added": "+", "removed": "-", "edited": "~", "moved": "↕"}
_STYLE = {"same": "dim", "added": "green", "removed": "red", "edited": "", "moved": "cyan"}


def _inline(row: SentenceChange, color: bool, side: str | None = None) -> Text:
    """The sentence with its changed words marked; `side` "old"/"new" keeps only that side."""
    out = Text()
    for op, chunk in row.inline:
        if op == "=":
            out.append(chunk)
        elif op == "-" and side != "new":
            out.append(chunk if color else f"[-{chunk}-]", style="bold red strike" if color else "")
        elif op == "+" and side != "old":
            out.append(chunk if color else f"{{+{chunk}+}}", style="bold green" if color else "")
    return out


def _row_text(row: SentenceChange, color: bool) -> Text:
    mark = _MARK[row.kind]
    line = Text(f"{mark} ", style=_STYLE[row.kind] if color else "")
    if row.kind in ("edited", "moved") and row.inline:
        line.append_text(_inline(row, color))
    else:
        line.append(row.new_text or row.old_text or "", style=_STYLE[row.kind] if color else "")
    note = move_note(row)
    if row.kind == "edited" and row.cosmetic:
        note = "cosmetic"
    if note:
        line.append(f"  ({note})", style="italic cyan" if color else "")
    return line


def _header(report: Report, color: bool) -> list[Text]:
    lines = [Text(report.summary or "No changes.", style="bold" if color else "")]
    for item in key_items(report):
        line = Text(f"  • {item.label}: ")
        if item.old is not None:
            line.append(item.old, style="red" if color else "")
        if item.old is not None and item.new is not None:
            line.append(" → ")
        if item.new is not None:
            line.append(item.new, style="green" if color else "")
        lines.append(line)
    return lines


def _side_by_side(report: Report, options: RenderOptions) -> Table:
    table = Table(show_header=True, expand=True, box=None, padding=(0, 1))
    table.add_column(str(report.from_meta.get("title") or "old"), ratio=1)
    table.add_column(str(report.to_meta.get("title") or "new"), ratio=1)
    for row in visible_rows(report, options.context):
        if isinstance(row, Elided):
            table.add_row(Text(f"… {row.count} unchanged", style="dim"), Text(""))
            continue
        style = _STYLE[row.kind] if options.color else ""
        if row.inline and row.kind in ("edited", "moved"):
            left, right = _inline(row, options.color, "old"), _inline(row, options.color, "new")
        else:
            left = Text(row.old_text or "", style=style)
            right = Text(row.new_text or "", style=style)
        table.add_row(left, right)
    return table


def render_text(report: Report, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
    )
    for line in _header(report, options.color):
        console.print(line)
    console.print()
    if options.side_by_side:
        console.print(_side_by_side(report, options))
        return buffer.getvalue()
    for row in visible_rows(report, options.context):
        if isinstance(row, Elided):
            console.print(
                Text(f"  … {row.count} unchanged sentence(s)", style="dim" if options.color else "")
            )
        else:
            console.print(_row_text(row, options.color))
    return buffer.getvalue()
