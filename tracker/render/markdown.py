"""Report -> Markdown for an editor: key items, then the changed sentences with context.

The output is CommonMark, plus GitHub's `~~strikethrough~~` for removed words (a renderer
without it shows the tildes, which still read as a deletion). Every piece of article text is
escaped, and emphasis markers sit where CommonMark reads them as emphasis: never beside a space
inside, never between a letter outside and punctuation inside (`Raju**, Evan Perez**` is not
emphasis; the whole changed word is marked instead).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tracker.models import Report, SentenceChange
from tracker.render._common import (
    Elided,
    key_items,
    move_note,
    tidy_inline,
    version_line,
    visible_rows,
)
from tracker.render.options import RenderOptions

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|~&"})
_BLOCK_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)]))")
_URL = re.compile(r"https?://[^\s<>\\`]+", re.IGNORECASE)
INSERTED, DELETED = "**", "~~"


def md_escape(text: str) -> str:
    """Escape text so Markdown shows it literally, on one line."""
    return " ".join(text.splitlines()).translate(_SPECIAL)


def _line_text(text: str) -> str:
    """Escaped text that may begin a list item's content without starting a block of its own
    (a nested list, a thematic break)."""
    escaped = md_escape(text.strip())
    m = _BLOCK_START.match(escaped)
    if m is None:
        return escaped
    if m.group(1):
        return "\\" + escaped
    return m.group(2) + "\\" + escaped[m.end(2) :]


def _punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _free(outside: str | None, inside: str) -> bool:
    """Whether an emphasis marker between `outside` (None: the line's edge) and `inside` (the
    first or last character it marks) opens or closes: CommonMark's flanking rule."""
    return outside is None or outside.isspace() or _punct(outside) or not _punct(inside)


@dataclass
class _Piece:
    old: str
    new: str
    changed: bool


def _pieces(row: SentenceChange) -> list[_Piece]:
    pieces: list[_Piece] = []
    for op, text in tidy_inline(row.inline):
        if op == "=":
            pieces.append(_Piece(text, text, False))
        elif pieces and pieces[-1].changed:
            last = pieces[-1]
            last.old, last.new = (last.old + text, last.new) if op == "-" else (last.old, text)
        else:
            pieces.append(_Piece(text if op == "-" else "", text if op == "+" else "", True))
    return pieces


def _widen(pieces: list[_Piece]) -> list[_Piece]:
    """Grow each change to whole words where its markers would not count as emphasis."""
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        if not piece.changed:
            i += 1
            continue
        before = pieces[i - 1] if i else None
        after = pieces[i + 1] if i + 1 < len(pieces) else None
        first, last = (piece.old or piece.new)[0], (piece.new or piece.old)[-1]
        if before is not None and not _free(before.new[-1:] or None, first):
            word = re.search(r"\S+$", before.new)
            assert word is not None  # the piece before ends in a letter
            before.old = before.new = before.new[: word.start()]
            piece.old, piece.new = word.group() + piece.old, word.group() + piece.new
        elif after is not None and not _free(after.new[:1] or None, last):
            word = re.match(r"\S+", after.new)
            assert word is not None  # the piece after starts with a letter
            after.old = after.new = after.new[word.end() :]
            piece.old, piece.new = piece.old + word.group(), piece.new + word.group()
        else:
            i += 1
            continue
        pieces[:] = _joined([p for p in pieces if p.new or p.old])
        i = 0
    return pieces


def _joined(pieces: list[_Piece]) -> list[_Piece]:
    out: list[_Piece] = []
    for p in pieces:
        if out and out[-1].changed and p.changed:
            out[-1] = _Piece(out[-1].old + p.old, out[-1].new + p.new, True)
        elif out and not out[-1].changed and not p.changed:
            out[-1] = _Piece(out[-1].old + p.old, out[-1].new + p.new, False)
        else:
            out.append(p)
    return out


def inline_md(row: SentenceChange) -> str:
    """An edited sentence with removed words ~~struck~~ and inserted words in **bold**."""
    parts = []
    for piece in _widen(_pieces(row)):
        if not piece.changed:
            parts.append(md_escape(piece.new))
            continue
        if piece.old:
            parts.append(f"{DELETED}{md_escape(piece.old)}{DELETED}")
        if piece.new:
            parts.append(f"{INSERTED}{md_escape(piece.new)}{INSERTED}")
    return "".join(parts)


def _marked(marker: str, text: str) -> str:
    text = _line_text(text)
    return f"{marker}{text}{marker}" if text else ""


def _row_md(row: SentenceChange) -> str:
    if row.kind == "added":
        return f"- ➕ {_marked(INSERTED, row.new_text or '')}"
    if row.kind == "removed":
        return f"- ➖ {_marked(DELETED, row.old_text or '')}"
    if row.kind == "same":
        return f"- {_line_text(row.new_text or '')}"
    body = inline_md(row) if row.inline else _line_text(row.new_text or "")
    note = move_note(row) or ("cosmetic" if row.cosmetic else "")
    mark = "↕" if row.kind == "moved" else "✎"
    return f"- {mark} {body}" + (f" _({md_escape(note)})_" if note else "")


def key_items_md(report: Report) -> list[str]:
    lines = []
    for item in key_items(report):
        label = f"**{md_escape(item.label)}:**"
        if item.old is not None and item.new is not None:
            lines.append(f"- {label} {md_escape(item.old)} → {md_escape(item.new)}")
        else:
            lines.append(f"- {label} {md_escape(item.new or item.old or '')}")
    return lines


def md_link(url: str) -> str:
    """An autolink for an http(s) URL, else the text escaped."""
    return f"<{url}>" if _URL.fullmatch(url) else md_escape(url)


def render_markdown(report: Report, options: RenderOptions) -> str:
    old_title = str(report.from_meta.get("title") or "")
    new_title = str(report.to_meta.get("title") or "")
    lines = [f"# {md_escape(new_title or old_title or 'Changes')}", ""]
    if old_title and new_title and old_title != new_title:
        lines += [f"_Previously:_ {md_escape(old_title)}", ""]
    url = report.to_meta.get("url") or report.from_meta.get("url")
    if url:
        lines += [md_link(str(url)), ""]
    lines += [md_escape(version_line(report.from_meta, report.to_meta)), ""]
    lines += [f"**{md_escape((report.summary or 'No changes.').strip())}**", ""]
    lines += key_items_md(report)
    lines += ["", "## Sentences", ""]
    for row in visible_rows(report, options.context):
        if isinstance(row, Elided):
            lines.append(f"- _… {row.count} unchanged sentence(s)_")
        else:
            lines.append(_row_md(row))
    return "\n".join(lines) + "\n"
