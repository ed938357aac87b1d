"""`tracker site OUT`: the server's pages written as files, `OUT/index.html` first.

    OUT/index.html                                  every article
    OUT/articles/<host>/<slug>/index.html           an article's versions
    OUT/articles/<host>/<slug>/v/A..B/index.html    the report from version A to B (HTML)
    OUT/articles/<host>/<slug>/v/A..B.json          the same report as the report document

The same URLs as `tracker serve` on any static file server; links are relative, so the site
also opens from disk. Every pair of versions gets pages while an article has at most
`ALL_PAIRS_UP_TO` versions; beyond that, each change and each version against the latest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import TrackerError
from tracker.render import render_report
from tracker.store.files import write_atomic
from tracker.store.store import TrackedArticle
from tracker.web.library import Library
from tracker.web.pages import Links, article_page, diff_page, front_page

ALL_PAIRS_UP_TO = 12

Progress = Callable[[int, int, str], None]  # (articles done, articles in all, the latest)


@dataclass(frozen=True, slots=True)
class SiteSummary:
    """What `build_site` wrote."""

    out: Path
    articles: int
    pages: int


def build_site(root: Path, out: Path, *, progress: Progress | None = None) -> SiteSummary:
    """Write the pages of the store at `root` into the folder `out` (created when missing;
    files of an earlier build are replaced, other files left alone)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise TrackerError(f"{out} is a file; give 'tracker site' a folder to write the pages in")
    library = Library(root, refresh=float("inf"))
    try:
        articles = library.articles()
        out.mkdir(parents=True, exist_ok=True)
        links = Links(static=True)
        _write(out, "index.html", front_page(articles, links.at("index.html"), root.name))
        pages = 1
        for done, tracked in enumerate(articles, 1):
            pages += _write_article(library, tracked, out, links)
            if progress is not None:
                progress(done, len(articles), tracked.url)
    finally:
        library.close()
    return SiteSummary(out, len(articles), pages)


def pairs(count: int) -> Iterator[tuple[int, int]]:
    """The (old, new) version pairs the site writes for an article with `count` versions."""
    if count <= ALL_PAIRS_UP_TO:
        for new in range(2, count + 1):
            for old in range(1, new):
                yield old, new
        return
    for new in range(2, count + 1):
        yield new - 1, new
    for old in range(1, count - 1):
        yield old, count


def _write_article(library: Library, tracked: TrackedArticle, out: Path, links: Links) -> int:
    count = len(tracked.versions)
    page = f"{tracked.path}/index.html"
    html = article_page(tracked, links.at(page), compare_all=count <= ALL_PAIRS_UP_TO)
    _write(out, page, html)
    written = 1
    for old, new in pairs(count):
        report = library.report(tracked, old, new)
        here = f"{tracked.path}/v/{old}..{new}/index.html"
        _write(out, here, diff_page(report, tracked, old, new, links.at(here)))
        _write(out, f"{tracked.path}/v/{old}..{new}.json", render_report(report, "json") + "\n")
        written += 2
    return written


def _write(out: Path, relative: str, text: str) -> None:
    path = out / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
