"""One cron cycle's pure work: parse feeds, pick due entries, load/save the watch list, guards.

Usage: python benchmarks/bench_cycle.py [DATA_DIR] [--entries N] [--runs R]
DATA_DIR defaults to ../shared/data relative to the repository root.

Feeds: the real diffengine RSS snapshots (DATA_DIR/diffengine-feed-snapshots), parse_feed against
bare feedparser.parse in the same process (the floor: parse_feed adds link cleaning on top).
Watch list: a generated list of N entries; load + due + save against json.loads/dumps of the
same document (the floor for a JSON file). Guards: check_plausible over the real NYT version
pairs (DATA_DIR/archivediff-nyt-versions) against a bare word count. Speed is the median of R runs.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import feedparser

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.feeds import parse_feed  # noqa: E402
from tracker.guards import check_plausible  # noqa: E402
from tracker.models import Article  # noqa: E402
from tracker.schedule import SchedulePolicy, after_check  # noqa: E402
from tracker.watchlist import (  # noqa: E402
    WatchList,
    due_entries,
    load_watchlist,
    new_entry,
    save_watchlist,
)

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


def _median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _feeds(data: Path) -> list[bytes]:
    folder = data / "diffengine-feed-snapshots"
    return [path.read_bytes() for path in sorted(folder.glob("*.xml"))]


def _watchlist(entries: int) -> WatchList:
    items = []
    for n in range(entries):
        entry = new_entry(f"https://site{n % 50}.example/story/{n}", "article", NOW)
        checked = after_check(entry.state, NOW + timedelta(minutes=n % 600), changed=n % 3 == 0)
        items.append(replace(entry, state=checked, etag=f'"{n}"'))
    return WatchList(tuple(items))


def _versions(data: Path) -> list[tuple[Article, Article]]:
    path = data / "archivediff-nyt-versions" / "versions.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    articles: dict[str, list[Article]] = {}
    for row in sorted(rows, key=lambda r: (r["article_id"], r["version"])):
        paragraphs = [p for p in row["text"].split("\n\n") if p.strip()]
        article = Article(row["title"] or "", list(row["authors"]), None, None, paragraphs)
        articles.setdefault(row["article_id"], []).append(article)
    return [(a, b) for chain in articles.values() for a, b in zip(chain, chain[1:], strict=False)]


def _row(name: str, ours: float, baseline: float, note: str) -> str:
    return f"{name:<34} {ours:>10.2f} {baseline:>12.2f} {ours / baseline:>7.2f}x  {note}"


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=root.parent / "shared" / "data")
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    feeds = _feeds(args.data)
    items = sum(len(parse_feed(feed, "https://www.washingtonpost.com/").items) for feed in feeds)
    ours_feed = _median_ms(
        lambda: [parse_feed(f, "https://www.washingtonpost.com/") for f in feeds], args.runs
    )
    bare_feed = _median_ms(lambda: [feedparser.parse(io.BytesIO(f)) for f in feeds], args.runs)

    watchlist = _watchlist(args.entries)
    policy = SchedulePolicy()
    later = NOW + timedelta(hours=1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "watchlist.json"
        save_watchlist(path, watchlist)
        raw = path.read_bytes()
        due = len(due_entries(load_watchlist(path), later, policy))

        def cycle() -> None:
            loaded = load_watchlist(path)
            due_entries(loaded, later, policy)
            save_watchlist(path, loaded)

        def floor() -> None:
            (Path(folder) / "floor.json").write_text(json.dumps(json.loads(raw), indent=2))

        ours_list = _median_ms(cycle, args.runs)
        bare_list = _median_ms(floor, args.runs)

    pairs = _versions(args.data)
    flagged = sum(check_plausible(a, b) is not None for a, b in pairs)
    ours_guard = _median_ms(lambda: [check_plausible(a, b) for a, b in pairs], args.runs)
    bare_guard = _median_ms(
        lambda: [len(a.text.split()) + len(b.text.split()) for a, b in pairs], args.runs
    )

    print(f"{'step (median ms)':<34} {'tracker':>10} {'baseline':>12} {'ratio':>8}  note")
    print(
        _row(
            f"parse {len(feeds)} real feeds",
            ours_feed,
            bare_feed,
            f"{items} items; baseline bare feedparser",
        )
    )
    print(_row(f"watch list {args.entries}: load+due+save", ours_list, bare_list,
               f"{due} due; baseline json load+dump+write"))  # fmt: skip
    print(_row(f"guards on {len(pairs)} NYT version pairs", ours_guard, bare_guard,
               f"{flagged} flagged (real edits: 0 expected); baseline word count"))  # fmt: skip


if __name__ == "__main__":
    main()
