"""A store, chosen articles or a time window -> a change log an editor can read or subscribe to."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tracker.analyze.report import build_report
from tracker.models import ArticleLog, Changelog, Transition
from tracker.store.store import Store, TrackedArticle
from tracker.times import parse_time


def _within(seen: str, since: datetime | None, until: datetime | None) -> bool:
    moment = parse_time(seen)
    return (since is None or moment >= since) and (until is None or moment <= until)


def _article_log(
    store: Store, tracked: TrackedArticle, since: datetime | None, until: datetime | None
) -> ArticleLog:
    versions = tracked.versions
    wanted = [i for i, info in enumerate(versions) if _within(info.seen, since, until)]
    read = {i: store.read(tracked, versions[i]) for i in {*wanted, *(i - 1 for i in wanted if i)}}
    transitions = []
    for i in wanted:
        info = versions[i]
        report = None
        if i > 0:
            before, after = read[i - 1], read[i]
            report = build_report(before.article, after.article, before.meta, after.meta)
        transitions.append(Transition(info.version, info.revision, info.seen, info.title, report))
    return ArticleLog(tracked.url, tracked.title, tuple(transitions))


def build_changelog(
    store: Store,
    urls: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
) -> Changelog:
    """Every version transition of the chosen articles (default: all), oldest first."""
    start = parse_time(since) if since else None
    end = parse_time(until, end_of_day=True) if until else None
    tracked = [store.find(u) for u in urls] if urls else store.articles()
    logs = [_article_log(store, t, start, end) for t in tracked]
    return Changelog(tuple(log for log in logs if log.transitions), since, until)
