"""Notifications: after a snapshot or a watch cycle records versions, every configured target
hears of each changed article. An http(s) target gets the event as a JSON POST signed per
Standard Webhooks; any other URL goes through Apprise (json://, mailto://, chat services...).

`config.py` keeps the targets beside the snapshots (never committed, owner-only) and the
dead-letter file; `webhook.py` signs; `deliver.py` sends, retries and keeps what failed.
A failed notification never fails the snapshot that caused it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from tracker.notify.config import Target, load_targets
from tracker.notify.deliver import Delivery, Event, Notifier, make_event

if TYPE_CHECKING:
    from tracker.models import Report
    from tracker.store.identity import Identity
    from tracker.store.store import Store, TrackedArticle

__all__ = ["Delivery", "Event", "Notifier", "Target", "changed_event", "notify_recorded"]

# Report parts a target's filter may name; facts and the rest follow `diff --only`.
_PARTS = ("headline", "quotes", "claims", "facts", "contributors", "notes", "captions")


class Recorded(Protocol):
    """What the hook reads of a snapshot result (`pipeline.SnapshotResult`)."""

    @property
    def status(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def identity(self) -> Identity | None: ...
    @property
    def version(self) -> int | None: ...


def notify_recorded(store: Store, results: Iterable[Recorded]) -> list[Delivery]:
    """Tell every target about the versions `results` recorded (nothing recorded: no one is
    told). Never raises: a failure is a line on stderr and an entry in the dead-letter file."""
    try:
        targets = load_targets(store.root)
        recorded = [
            (r.identity.key, r.version)
            for r in results
            if r.kind == "article" and r.status in ("new", "changed") and r.identity and r.version
        ]
        if not targets or not recorded:
            return []
        return _notify(store, targets, recorded)
    except Exception as error:  # noqa: BLE001 - a failed notification never fails the snapshot
        sys.stderr.write(f"Warning: notifications not sent: {error}\n")
        return []


def _notify(store: Store, targets: list[Target], recorded: list[tuple[str, int]]) -> list[Delivery]:
    from tracker.store.store import Store

    deliveries = []
    reader = Store.open(store.root, create=False)  # sees what the writer just committed
    try:
        with Notifier(store.root) as notifier:
            for key, version in recorded:
                tracked = reader.find(key)
                report = _report(reader, tracked, version) if version > 1 else None
                for target in targets:
                    event = _event_for(target, tracked, version, report)
                    if event is not None:
                        deliveries.append(notifier.deliver(target, event))
    finally:
        reader.close()
    for failed in (d for d in deliveries if not d.ok):
        sys.stderr.write(
            f"Warning: notification to {failed.target.shown()['url']} failed ({failed.error}); "
            "kept in notify-failed.jsonl ('tracker notify retry' sends it again)\n"
        )
    return deliveries


def _report(store: Store, tracked: TrackedArticle, version: int) -> Report:
    from tracker.analyze.report import build_report

    before = store.read(tracked, tracked.versions[version - 2])
    after = store.read(tracked, tracked.versions[version - 1])
    return build_report(before.article, after.article, before.meta, after.meta)


def _event_for(
    target: Target, tracked: TrackedArticle, version: int, report: Report | None
) -> Event | None:
    """The event `target` gets for `version` of `tracked`, or None when its filters drop it."""
    if report is None:
        return new_event(tracked, version) if target.include_new else None
    if target.only is not None or target.min_significance > 0:
        from tracker.analyze.only_filter import filter_report

        report = filter_report(report, target.only, target.min_significance)
        if not _significant(report, target):
            return None
    return changed_event(tracked, version, report)


def _significant(report: Report, target: Target) -> bool:
    """Whether anything the target asked for is left in the filtered report."""
    parts = set(target.only or _PARTS)
    floor = target.min_significance
    if "facts" in parts and floor > 0:
        parts.discard("facts")
        facts = report.facts
        refs = [*facts.changed, *facts.added, *facts.removed]
        if any(getattr(f, "significance", 1.0) >= floor for f in refs):
            return True
    return report.has_changes(parts)


def _info(tracked: TrackedArticle, version: int) -> dict[str, Any]:
    info = tracked.versions[version - 1]
    return {
        "url": tracked.url,
        "key": tracked.key,
        "title": info.title or tracked.title,
        "version": version,
        "previous_version": version - 1 if version > 1 else None,
        "seen": info.seen,
        "revision": info.revision,
        "flip_flop_of": info.flip_flop_of,
    }


def changed_event(tracked: TrackedArticle, version: int, report: Report) -> Event:
    data = {**_info(tracked, version), "summary": report.summary, "report": report.to_dict()}
    title = f"Changed: {data['title'] or tracked.url}"
    text = f"{report.summary or 'Changed.'}\n{tracked.url} (v{version - 1} -> v{version})"
    return make_event("article.changed", title, text, data)


def new_event(tracked: TrackedArticle, version: int) -> Event:
    data = _info(tracked, version)
    title = f"New: {data['title'] or tracked.url}"
    return make_event("article.new", title, f"Now tracking {tracked.url}", data)


def test_event(store_name: str) -> Event:
    """What `tracker notify test` sends."""
    text = f"A test notification from the tracker store {store_name}."
    return make_event("tracker.test", "tracker: test notification", text, {"message": text})
