"""Report -> the terminal view: key items first, then the article with its changes marked.

With colour, changed words are red/green; without it (piped, NO_COLOR) the view uses git's
word-diff markers, [-old-] and {+new+}, so it still reads in a log file.

Width 0 (stdout is not a terminal) means no wrapping at all: one line per sentence and per key
item, so `grep` finds a whole sentence with its gutter mark. With a width, long lines wrap with a
hanging indent that keeps the gutter (the mark column) clear.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.models import Report, SentenceChange
from tracker.render._common import Elided, key_items, move_note, tidy_inline, visible_rows
from tracker.render.options import RenderOptions

_MARK = {"same": " ", "added": "+", "removed": "-", "edited": "~", "moved": "↕"}
_STYLE = {"same": "dim", "added": "green", "removed": "red", "edited": "", "moved": "cyan"}
SIDE_BY_SIDE_WIDTH = 160  # columns for --side-by-side when the output is not a terminal
_MIN_BODY = 20  # narrowest wrapped text column, however wide the gutter


def _inline(row: SentenceChange, color: bool, side: str | None = None) -> Text:
    """The sentence with its changed words marked; `side` "old"/"new" keeps only that side."""
    out = Text()
    for op, chunk in tidy_inline(row.inline):
        if op == "=":
            out.append(chunk)
        elif op == "-" and side != "new":
            out.append(chunk if color else f"[-{chunk}-]", style="bold red strike" if color else "")
        elif op == "+" and side != "old":
            out.append(chunk if color else f"{{+{chunk}+}}", style="bold green" if color else "")
    return out


def _row_text(row: SentenceChange, color: bool) -> tuple[Text, Text]:
    """The gutter (mark) and the body of one sentence row."""
    gutter = Text(f"{_MARK[row.kind]} ", style=_STYLE[row.kind] if color else "")
    line = Text()
    if row.kind in ("edited", "moved") and row.inline:
        line.append_text(_inline(row, color))
    else:
        line.append(row.new_text or row.old_text or "", style=_STYLE[row.kind] if color else "")
    note = move_note(row)
    if row.kind == "edited" and row.cosmetic:
        note = "cosmetic"
    if note:
        line.append(f"  ({note})", style="italic cyan" if color else "")
    return gutter, line


def _header(report: Report, color: bool) -> list[tuple[Text, Text]]:
    lines = [(Text(), Text(report.summary or "No changes.", style="bold" if color else ""))]
    for item in key_items(report):
        line = Text(f"{item.label}: ")
        if item.old is not None:
            line.append(item.old, style="red" if color else "")
        if item.old is not None and item.new is not None:
            line.append(" → ")
        if item.new is not None:
            line.append(item.new, style="green" if color else "")
        lines.append((Text("  • "), line))
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


def _emit(console: Console, gutter: Text, body: Text, width: int) -> None:
    """Print `gutter` then `body`: on one line when `width` is 0, else wrapped to `width`
    with every continuation line indented past the gutter."""
    if width <= 0:
        console.print(Text.assemble(gutter, body), soft_wrap=True)
        return
    indent = gutter.cell_len
    for i, line in enumerate(body.wrap(console, max(width - indent, _MIN_BODY))):
        line.rstrip()
        console.print(Text.assemble(gutter if i == 0 else " " * indent, line), soft_wrap=True)


def render_text(report: Report, options: RenderOptions) -> str:
    buffer = io.StringIO()
    width = max(options.width, 0)
    console = Console(
        file=buffer,
        width=width or SIDE_BY_SIDE_WIDTH,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
    )
    for gutter, body in _header(report, options.color):
        _emit(console, gutter, body, width)
    console.print()
    if options.side_by_side:
        console.print(_side_by_side(report, options))
        return buffer.getvalue()
    for row in visible_rows(report, options.context):
        if isinstance(row, Elided):
            text = Text(
                f"… {row.count} unchanged sentence(s)", style="dim" if options.color else ""
            )
            _emit(console, Text("  "), text, width)
        else:
            _emit(console, *_row_text(row, options.color), width)
    return buffer.getvalue()
