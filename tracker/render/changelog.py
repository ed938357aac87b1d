"""Changelog -> markdown | html | json | atom. Every piece of article text is escaped.

Times are written for people in Markdown and HTML ('2 Mar 2017, 09:45 UTC') and as RFC 3339
date-times in JSON and Atom ('2017-03-02T09:45:00+00:00')."""

from __future__ import annotations

import json
from html import escape
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from tracker.models import Changelog, Transition
from tracker.render._common import human_time, rfc3339
from tracker.render.html import key_items_html, link, page, time_html
from tracker.render.markdown import key_items_md, md_escape, md_link
from tracker.render.options import RenderOptions
from tracker.times import parse_time

FORMATS = ("markdown", "html", "json", "atom")


def _summary(t: Transition) -> str:
    return t.report.summary if t.report else "First version recorded."


def _transition_dict(t: Transition) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "version": t.version,
        "revision": t.revision,
        "seen": rfc3339(t.seen),
        "title": t.title,
        "summary": _summary(t),
    }
    if t.report:
        full = t.report.to_dict()
        parts = ("headline", "quotes", "claims", "contributors", "notes", "captions")
        doc.update({k: full[k] for k in parts if k in full})  # captions only when they changed
    return doc


def render_changelog_json(log: Changelog) -> str:
    doc = {
        "since": rfc3339(log.since) if log.since else None,
        "until": rfc3339(log.until, end_of_day=True) if log.until else None,
        "articles": [
            {
                "url": a.url,
                "title": a.title,
                "versions": [_transition_dict(t) for t in a.transitions],
            }
            for a in log.articles
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def render_changelog_markdown(log: Changelog) -> str:
    lines = ["# Change log", ""]
    if not log.articles:
        lines.append("No versions recorded in this period.")
    for article in log.articles:
        lines += [f"## {md_escape(article.title or article.url)}", "", md_link(article.url), ""]
        for t in article.transitions:
            lines.append(f"### v{t.version} — {md_escape(human_time(t.seen))}")
            lines += ["", md_escape(_summary(t)), ""]
            if t.report:
                lines += [*key_items_md(t.report), ""]
    return "\n".join(lines).rstrip() + "\n"


def render_changelog_html(log: Changelog) -> str:
    parts = ["<h1>Change log</h1>"]
    if not log.articles:
        parts.append("<p>No versions recorded in this period.</p>")
    for article in log.articles:
        parts.append(f"<h2>{escape(article.title or article.url)}</h2>")
        parts.append(f'<p class="url">{link(article.url)}</p>')
        for t in article.transitions:
            parts.append(f"<h3>v{t.version} <small>{time_html(t.seen)}</small></h3>")
            parts.append(f'<p class="summary">{escape(_summary(t))}</p>')
            if t.report:
                parts.append(key_items_html(t.report))
    return page("Change log", "".join(parts))


def _atom_entry(url: str, article_title: str, t: Transition) -> str:
    content = f"<p>{escape(_summary(t))}</p>" + (key_items_html(t.report) if t.report else "")
    title = f"{t.title or article_title or url} (v{t.version})"
    return (
        "<entry>"
        f"<id>{xml_escape(url)}#v{t.version}-{t.revision[:12]}</id>"
        f"<title>{xml_escape(title)}</title>"
        f'<link rel="alternate" href="{xml_escape(url, {chr(34): "&quot;"})}"/>'
        f"<updated>{xml_escape(rfc3339(t.seen))}</updated>"
        f"<summary>{xml_escape(_summary(t))}</summary>"
        f'<content type="html">{xml_escape(content)}</content>'
        "</entry>"
    )


def render_changelog_atom(log: Changelog) -> str:
    entries = [
        (parse_time(t.seen), _atom_entry(a.url, a.title, t))
        for a in log.articles
        for t in a.transitions
    ]
    entries.sort(key=lambda e: e[0], reverse=True)
    updated = (
        entries[0][0].isoformat(timespec="seconds") if entries else "1970-01-01T00:00:00+00:00"
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        "<id>urn:tracker:changelog</id><title>tracker change log</title>"
        f"<updated>{xml_escape(updated)}</updated>"
        "<author><name>tracker</name></author>"
        '<generator uri="https://pypi.org/project/tracker/">tracker</generator>'
        + "".join(e for _, e in entries)
        + "</feed>\n"
    )


def render_changelog(log: Changelog, fmt: str, options: RenderOptions | None = None) -> str:
    """Render a change log as markdown, html, json or atom."""
    if fmt == "json":
        return render_changelog_json(log)
    if fmt == "html":
        return render_changelog_html(log)
    if fmt == "atom":
        return render_changelog_atom(log)
    return render_changelog_markdown(log)
