"""Report -> one self-contained HTML page people read: a header naming the article, its URL and
both versions with their times; the summary; the changes grouped (headline, quotes, facts,
claims, contributors, notes, captions), each linking to its sentence; a key to the markers; then
the sentences with their changes marked.

Self-contained: inline CSS, no script, no external resource. Every piece of article text is
escaped, and only http(s) URLs become links. Readable on a phone: a viewport, one column, long
words and URLs wrap.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape
from typing import Any

from tracker.models import Report, SentenceChange
from tracker.render._common import (
    Elided,
    KeyItem,
    human_time,
    key_items,
    move_note,
    tidy_inline,
    version_moment,
    version_name,
    visible_rows,
)
from tracker.render.options import RenderOptions

STYLE = """
:root{color-scheme:light;--ink:#1f2328;--muted:#59636e;--line:#d8dee4;--add:#1a7f37;
--add-bg:#dafbe1;--del:#b3261e;--del-bg:#ffebe9;--edit:#9a6700;--move:#0969da;--move-bg:#ddf4ff}
*{box-sizing:border-box}
body{font:17px/1.55 Georgia,"Times New Roman",serif;color:var(--ink);background:#fff;
max-width:46rem;margin:0 auto;padding:1.25rem 1rem 3rem;overflow-wrap:break-word}
a{color:var(--move)}
h1{font-size:1.7rem;line-height:1.2;margin:.2rem 0 .4rem}
h2{font:600 1.05rem/1.3 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.6rem 0 .5rem;
padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font:600 .8rem/1.3 system-ui,-apple-system,"Segoe UI",sans-serif;text-transform:uppercase;
letter-spacing:.05em;color:var(--muted);margin:1rem 0 .3rem}
.head{border-bottom:3px double var(--line);padding-bottom:.8rem}
.kicker,.url,.versions,.legend,.changes li,.elided,.note,.mk{font-family:system-ui,-apple-system,
"Segoe UI",sans-serif}
.kicker{margin:0;font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.previously{margin:.2rem 0;color:var(--muted)}
.url{margin:.3rem 0;font-size:.9rem;overflow-wrap:anywhere}
.versions{display:flex;flex-wrap:wrap;gap:.4rem 1.5rem;margin:.6rem 0 0;font-size:.9rem}
.versions div{min-width:9rem;flex:1}
.versions dt{font-weight:600;color:var(--muted);font-size:.75rem;text-transform:uppercase;
letter-spacing:.05em}.versions dd{margin:0}
.summary{font-size:1.1rem;font-weight:bold;margin:1rem 0}
.changes ul,.legend ul{list-style:none;margin:0;padding:0}
.changes li{font-size:.95rem;margin:.25rem 0;padding-left:.9rem;text-indent:-.9rem}
.changes li::before{content:"›";color:var(--muted);display:inline-block;width:.9rem;
text-indent:0}
.changes a{font-weight:600}.old{color:var(--del)}.new{color:var(--add)}
.legend ul{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;font-size:.9rem}
.legend li{display:flex;align-items:center;gap:.4rem}
.rows{margin:0;padding:0}
.s{margin:.5rem 0;padding:.2rem .6rem .2rem 2rem;border-left:4px solid transparent;
position:relative;scroll-margin-top:1rem}
.s .mk{position:absolute;left:.5rem;top:.25rem}
.mk{display:inline-block;width:1.1rem;text-align:center;font-weight:700;font-size:.9rem;
color:var(--muted)}
.same{color:var(--muted)}
.added{border-color:var(--add);background:var(--add-bg)}.added .mk{color:var(--add)}
.removed{border-color:var(--del);background:var(--del-bg)}.removed .mk{color:var(--del)}
.edited{border-color:var(--edit)}.edited .mk{color:var(--edit)}
.moved{border-color:var(--move);background:var(--move-bg)}.moved .mk{color:var(--move)}
.legend .mk{border-left:4px solid;padding-left:.2rem;width:1.5rem}
.mk.added{color:var(--add)}.mk.removed{color:var(--del)}.mk.edited{color:var(--edit)}
.mk.moved{color:var(--move)}.legend .mk{background:none}
.s:target{outline:2px solid var(--move);outline-offset:2px}
del{background:var(--del-bg);color:var(--del);text-decoration:line-through}
ins{background:var(--add-bg);color:var(--add);text-decoration:none;font-weight:bold}
.added ins,.removed del{background:none;font-weight:normal}
del+ins,ins+del{margin-left:.2em}
.note{font-size:.8rem;font-style:italic;color:var(--move)}
.elided{color:var(--muted);font-size:.85rem;margin:.4rem 0;padding-left:2.4rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.top{font:.85rem system-ui,sans-serif;margin-top:2rem}
.items{padding-left:1.2rem}.items li{margin:.2rem 0}h2 small,h3 small{font-weight:normal;
color:var(--muted)}
@media (max-width:30rem){body{font-size:16px;padding:.8rem .7rem 2rem}h1{font-size:1.4rem}
.s{padding-left:1.7rem}.s .mk{left:.3rem}.elided{padding-left:1.9rem}}
"""

_MARK = {"same": "", "added": "+", "removed": "−", "edited": "✎", "moved": "↕"}
_KIND = {
    "same": "Unchanged",
    "added": "Added",
    "removed": "Removed",
    "edited": "Edited",
    "moved": "Moved",
}
_SECTIONS = {
    "headline": "Headline",
    "quotes": "Quotes",
    "facts": "Facts",
    "claims": "Claims",
    "contributors": "Contributors",
    "notes": "Notes",
    "captions": "Captions",
}
_WEB = re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE)


def _inline_html(row: SentenceChange) -> str:
    tags = {"=": "{}", "-": "<del>{}</del>", "+": "<ins>{}</ins>"}
    return "".join(tags[op].format(escape(chunk)) for op, chunk in tidy_inline(row.inline))


def _row_html(row: SentenceChange, anchor: str) -> str:
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
    mark = ""
    if row.kind != "same":
        mark = (
            f'<span class="mk" aria-hidden="true">{_MARK[row.kind]}</span>'
            f'<span class="vh">{_KIND[row.kind]}: </span>'
        )
    return f'<p class="s {row.kind}" id="{anchor}">{mark}{body}{note_html}</p>'


def _item_text(item: KeyItem) -> str:
    parts = []
    if item.old is not None:
        parts.append(f'<span class="old">{escape(item.old)}</span>')
    if item.old is not None and item.new is not None:
        parts.append("→")
    if item.new is not None:
        parts.append(f'<span class="new">{escape(item.new)}</span>')
    return " ".join(parts)


def key_items_html(report: Report) -> str:
    """The key items as a plain list (for change logs and feeds: no links)."""
    out = [
        f"<li><b>{escape(item.label)}:</b> {_item_text(item)}</li>" for item in key_items(report)
    ]
    return f'<ul class="items">{"".join(out)}</ul>' if out else ""


def _row_anchors(report: Report) -> tuple[dict[int, int], dict[int, int]]:
    """Which row shows each old and each new sentence."""
    old: dict[int, int] = {}
    new: dict[int, int] = {}
    for i, row in enumerate(report.sentences):
        old.update((k, i) for k in row.old)
        new.update((k, i) for k in row.new)
    return old, new


def _target(item: KeyItem, old: dict[int, int], new: dict[int, int]) -> int | None:
    if item.new_sentence is not None and item.new_sentence in new:
        return new[item.new_sentence]
    if item.old_sentence is not None and item.old_sentence in old:
        return old[item.old_sentence]
    return None


def _changes_nav(items: list[tuple[KeyItem, str | None]]) -> str:
    """The changes grouped by section, each item linking to its sentence."""
    if not items:
        return ""
    sections: dict[str, list[str]] = {}
    for item, href in items:
        label = escape(item.label)
        link = f'<a href="{href}">{label}</a>' if href else f"<b>{label}</b>"
        sections.setdefault(item.section, []).append(f"<li>{link}: {_item_text(item)}</li>")
    groups = "".join(
        f"<h3>{escape(_SECTIONS.get(name, name.capitalize()))}</h3><ul>{''.join(lines)}</ul>"
        for name, lines in sections.items()
    )
    heading = '<h2 id="changes">Changes</h2>'
    return f'<nav class="changes" aria-labelledby="changes">{heading}{groups}</nav>'


def _legend() -> str:
    entries = [
        ("added", "+", "sentence added"),
        ("removed", "−", "sentence removed"),
        ("edited", "✎", "sentence edited"),
        ("moved", "↕", "sentence moved"),
    ]
    items = "".join(
        f'<li><span class="mk {kind}" aria-hidden="true">{mark}</span>{text}</li>'
        for kind, mark, text in entries
    )
    words = "<li><ins>inserted words</ins></li><li><del>deleted words</del></li>"
    heading = '<h2 id="key">Key</h2>'
    return (
        f'<section class="legend" aria-labelledby="key">{heading}<ul>{items}{words}</ul></section>'
    )


def report_body_html(report: Report, options: RenderOptions) -> str:
    """The report as an HTML fragment: summary, changes (linked to their sentences), key and
    sentences."""
    old, new = _row_anchors(report)
    items: list[tuple[KeyItem, str | None]] = []
    linked: set[int] = set()
    for item in key_items(report):
        target = _target(item, old, new)
        if target is not None:
            linked.add(target)
        href = f"#s{target}" if target is not None else None
        items.append((item, "#headline" if item.section == "headline" else href))
    place = {id(row): i for i, row in enumerate(report.sentences)}
    rows = []
    for row in visible_rows(report, options.context, also=linked):
        if isinstance(row, Elided):
            rows.append(f'<p class="elided">… {row.count} unchanged sentence(s)</p>')
        else:
            rows.append(_row_html(row, f"s{place[id(row)]}"))
    summary = escape(report.summary or "No changes.")
    heading = '<h2 id="sentences">Sentences</h2>'
    return (
        f'<p class="summary">{summary}</p>'
        + _changes_nav(items)
        + _legend()
        + f'<section class="rows" aria-labelledby="sentences">{heading}{"".join(rows)}</section>'
    )


def page(title: str, body: str) -> str:
    """A complete, self-contained page (inline CSS, no scripts, no external resources)."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def link(url: str) -> str:
    """An http(s) URL as a link, anything else as text."""
    if _WEB.fullmatch(url):
        href = escape(url, quote=True)
        return f'<a href="{href}" rel="noopener noreferrer nofollow">{escape(url)}</a>'
    return escape(url)


def time_html(value: str) -> str:
    """A time as people read it, machine-readable in `datetime`."""
    return f'<time datetime="{escape(value, quote=True)}">{escape(human_time(value))}</time>'


def _version_html(meta: Mapping[str, Any], fallback: str) -> str:
    name = version_name(meta)
    if not meta.get("path"):
        name = name[:1].upper() + name[1:]
    name = escape(name or fallback)
    moment = version_moment(meta)
    when = f'<br><span class="when">{moment[0]} {time_html(moment[1])}</span>' if moment else ""
    return f"{name}{when}"


def header_html(report: Report) -> str:
    """The page's header: article title (and the earlier one), URL, both versions."""
    old_title = str(report.from_meta.get("title") or "")
    title = str(report.to_meta.get("title") or "") or old_title or "Untitled article"
    parts = ['<p class="kicker">What changed</p>', f'<h1 id="headline">{escape(title)}</h1>']
    if old_title and old_title != title:
        parts.append(f'<p class="previously"><i>Previously:</i> {escape(old_title)}</p>')
    url = report.to_meta.get("url") or report.from_meta.get("url")
    if url:
        parts.append(f'<p class="url">{link(str(url))}</p>')
    parts.append(
        '<dl class="versions">'
        f"<div><dt>From</dt><dd>{_version_html(report.from_meta, 'Old version')}</dd></div>"
        f"<div><dt>To</dt><dd>{_version_html(report.to_meta, 'New version')}</dd></div>"
        "</dl>"
    )
    return f'<header class="head">{"".join(parts)}</header>'


def render_html(report: Report, options: RenderOptions) -> str:
    title = str(report.to_meta.get("title") or report.from_meta.get("title") or "article")
    body = (
        header_html(report)
        + f"<main>{report_body_html(report, options)}</main>"
        + '<p class="top"><a href="#headline">Back to top</a></p>'
    )
    return page(f"Changes: {title}", body)
