"""The pages, shared by the server and the static site: the front page (every article), an
article's page (its versions, two of them to compare) and a diff page (the HTML report of
`tracker.render` with a navigation bar). Every piece of text is escaped (Jinja2 autoescape)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from tracker.models import Report
from tracker.render import render_report
from tracker.store.store import TrackedArticle

_TEMPLATES = Path(__file__).with_name("templates")
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
PAIR = re.compile(r"v?(\d{1,6})\.\.v?(\d{1,6})")


@dataclass(frozen=True, slots=True)
class Links:
    """Where pages live. The server uses clean absolute paths (`/articles/<host>/<slug>/`,
    `.../v/1..2`); the static site uses files (`.../index.html`, `.../v/1..2/index.html`) linked
    relative to `here`, the file being written, so the site also opens from disk."""

    static: bool = False
    here: str = "index.html"

    def at(self, here: str) -> Links:
        return Links(self.static, here)

    def _to(self, target: str) -> str:
        if not self.static:
            return "/" + target
        return posixpath.relpath(target, posixpath.dirname(self.here) or ".")

    def index(self) -> str:
        return self._to("index.html" if self.static else "")

    def article(self, tracked: TrackedArticle) -> str:
        return self._to(f"{tracked.path}/index.html" if self.static else f"{tracked.path}/")

    def diff(self, tracked: TrackedArticle, old: int, new: int) -> str:
        pair = f"{tracked.path}/v/{old}..{new}"
        return self._to(f"{pair}/index.html" if self.static else pair)

    def diff_json(self, tracked: TrackedArticle, old: int, new: int) -> str:
        return self._to(f"{tracked.path}/v/{old}..{new}.json")

    def compare(self, tracked: TrackedArticle) -> str:
        return self._to(f"{tracked.path}/compare")


def site_files(tracked: TrackedArticle) -> tuple[str, str]:
    """The static site's file for `tracked`'s page, and the folder of its diffs."""
    return f"{tracked.path}/index.html", f"{tracked.path}/v"


def external_link(url: str) -> str | None:
    """`url` when it may be a link (http or https), else None."""
    return url if re.match(r"(?i)https?://[^\s/]", url) else None


def front_page(articles: list[TrackedArticle], links: Links, store_name: str) -> str:
    rows = []
    for tracked in articles:
        versions = tracked.versions
        rows.append(
            {
                "title": versions[-1].title or tracked.title or tracked.url,
                "url": tracked.url,
                "host": tracked.path.split("/")[1] if tracked.path.count("/") >= 2 else "",
                "href": links.article(tracked),
                "versions": len(versions),
                "first_seen": _day(versions[0].seen),
                "last_seen": _day(versions[-1].seen),
                "latest": links.diff(tracked, len(versions) - 1, len(versions))
                if len(versions) > 1
                else None,
            }
        )
    return _ENV.get_template("index.html").render(
        articles=rows, store=store_name, home=links.index()
    )


def article_page(tracked: TrackedArticle, links: Links, *, compare_all: bool) -> str:
    """`compare_all`: every pair of versions has a diff page (the form may pick any two)."""
    versions = []
    count = len(tracked.versions)
    for info in tracked.versions:
        n = info.version
        versions.append(
            {
                "number": n,
                "seen": _moment(info.seen),
                "title": info.title,
                "revision": info.revision[:10],
                "reextract": info.reextract,
                "flip_flop_of": info.flip_flop_of,
                "changes": links.diff(tracked, n - 1, n) if n > 1 else None,
            }
        )
    latest = tracked.versions[-1]
    form = None
    if count > 1 and (compare_all or not links.static):
        form = {"action": "" if links.static else links.compare(tracked), "static": links.static}
    return _ENV.get_template("article.html").render(
        title=latest.title or tracked.title or tracked.url,
        url=tracked.url,
        link=external_link(tracked.url),
        versions=versions,
        form=form,
        default_from=max(count - 1, 1),
        default_to=count,
        home=links.index(),
    )


def diff_page(report: Report, tracked: TrackedArticle, old: int, new: int, links: Links) -> str:
    """The HTML report of `tracker.render` with a navigation bar after its opening body tag."""
    count = len(tracked.versions)
    nav = _ENV.get_template("nav.html").render(
        home=links.index(),
        article=links.article(tracked),
        title=tracked.versions[-1].title or tracked.title or tracked.url,
        old=old,
        new=new,
        old_seen=_moment(tracked.versions[old - 1].seen),
        new_seen=_moment(tracked.versions[new - 1].seen),
        json=links.diff_json(tracked, old, new),
        previous=links.diff(tracked, old - 1, old) if new == old + 1 and old > 1 else None,
        next=links.diff(tracked, new, new + 1) if new == old + 1 and new < count else None,
    )
    html = render_report(report, "html")
    match = _BODY.search(html)
    if match is None:
        return nav + html
    return html[: match.end()] + nav + html[match.end() :]


def error_page(status: int, message: str, home: str) -> str:
    return _ENV.get_template("error.html").render(status=status, message=message, home=home)


def _day(seen: str) -> str:
    return seen[:10]


def _moment(seen: str) -> str:
    """'2024-05-01 10:00 UTC' from an ISO 8601 time (other offsets are kept as written)."""
    match = re.match(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(?::\d\d(?:\.\d+)?)?(Z|[+-]\d\d:?\d\d)?", seen)
    if not match:
        return seen
    day, clock, zone = match.groups()
    zone = "UTC" if zone in (None, "Z", "+00:00", "+0000", "-00:00") else zone
    return f"{day} {clock} {zone}"
