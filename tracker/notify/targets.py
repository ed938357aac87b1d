"""What the `tracker notify` commands do: add and remove targets (holding the store's lock),
send a test event, send the dead-letter file's events again."""

from __future__ import annotations

from pathlib import Path

from tracker.errors import BadSource
from tracker.notify.config import (
    Target,
    add_target,
    find_target,
    load_targets,
    read_dead_letters,
    remove_target,
    rewrite_dead_letters,
)
from tracker.notify.deliver import Delivery, Event, Notifier, check_target
from tracker.store.store import Store


def add(root: Path, target: Target, *, wait: float = 10.0) -> tuple[Target, bool]:
    """Add or update `target` in the store at `root` (created when new)."""
    check_target(target.url)
    store = Store.open(root)
    try:
        with store.writer(wait=wait):
            return add_target(root, target)
    finally:
        store.close()


def remove(root: Path, which: str, *, wait: float = 10.0) -> Target:
    """Remove the target named by URL or number; BadSource when there is none."""
    store = Store.open(root, create=False)
    try:
        with store.writer(wait=wait):
            return remove_target(root, which)
    finally:
        store.close()


def targets(root: Path) -> list[Target]:
    return load_targets(root)


def send_test(root: Path, which: str | None = None) -> list[Delivery]:
    """Send a test event to every target (or the one named); nothing goes to the dead letters."""
    from tracker.notify import test_event

    chosen = load_targets(root)
    if not chosen:
        raise BadSource("no notification targets; add one with 'tracker notify add URL'")
    if which is not None:
        chosen = [find_target(chosen, which)]
    with Notifier(root, dead_letters=False) as notifier:
        return [notifier.deliver(target, test_event(Path(root).name)) for target in chosen]


def retry(root: Path, *, wait: float = 10.0) -> tuple[int, int]:
    """Send the dead-letter file's events again: (how many went, how many are still failing).
    An event for a target removed since is dropped."""
    store = Store.open(root, create=False)
    try:
        with store.writer(wait=wait):
            records = read_dead_letters(root)
            by_url = {t.url: t for t in load_targets(root)}
            left, sent = [], 0
            with Notifier(root, dead_letters=False) as notifier:
                for record in records:
                    target = by_url.get(str(record.get("target")))
                    event = _event(record.get("event"))
                    if target is None or event is None:
                        continue
                    if notifier.deliver(target, event).ok:
                        sent += 1
                    else:
                        left.append(record)
            rewrite_dead_letters(root, left)
    finally:
        store.close()
    return sent, len(left)


def _event(document: object) -> Event | None:
    if not isinstance(document, dict) or not isinstance(document.get("data"), dict):
        return None
    return Event(
        type=str(document.get("type") or ""),
        title=str(document.get("title") or ""),
        text=str(document.get("text") or ""),
        data=document["data"],
        id=str(document.get("id") or ""),
        timestamp=str(document.get("timestamp") or ""),
    )
