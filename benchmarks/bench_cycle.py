"""One cron cycle's pure work: parse feeds, pick due entries, load/save the watch list, guards.

Usage: python benchmarks/bench_cycle.py [DATA_DIR] [--entries N] [--runs R]
DATA_DIR defaults to ../shared/data relative to the repository root.

Feeds: the real diffengine RSS snapshots (DATA_DIR/diffengine-feed-snapshots), parse_feed against
bare feedparser.parse in the same process (the floor: parse_feed adds link cleaning on top).
Watch list: a generated list of N entries; load + due + save against json.loads/dumps of the
same document (the floor for a JSON file). Guards: check_plausible over the real NYT version
pairs (DATA_DIR/archivediff-nyt-versions) against a bare word count. Speed is the median of R runs.

Cron cycle over HTTP (--articles N, default 1000; --hosts H loopback addresses 127.0.0.1..H):
a server process serves N generated articles with ETags; cycles run `tracker.watch.run_cycle`
over the whole watch list with 10% of the articles changed before each cycle. Reported: wall
and CPU time per cycle, requests/s, and the cost per article of a first fetch, a changed page,
an unchanged page answered 304, and an unchanged page without validators (hash short-circuit).
With --skip-pure only this part runs.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import feedparser

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.extract.guards import check_plausible  # noqa: E402
from tracker.fetch.feeds import parse_feed  # noqa: E402
from tracker.models import Article  # noqa: E402
from tracker.watch.schedule import SchedulePolicy, after_check  # noqa: E402
from tracker.watch.watchlist import (  # noqa: E402
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
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--cycles", type=int, default=3)
    parser.add_argument("--skip-pure", action="store_true")
    args = parser.parse_args()
    if not args.skip_pure:
        _pure(args)
    _cycle_bench(args.articles, args.hosts, args.cycles, 0.1)


def _pure(args: argparse.Namespace) -> None:

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


# -- the cron cycle over HTTP -------------------------------------------------------------------

_FILLER = (
    "Officials said the measure would take effect next month after a final review by the "
    "committee, which has met weekly since the spring to settle the remaining questions."
)


def _page(n: int, version: int) -> bytes:
    paragraphs = [f"Story {n} opened with {version + 10} people at the first meeting."]
    paragraphs += [f"{_FILLER} Paragraph {k} of story {n}." for k in range(9)]
    nav = "".join(f"<li><a href='/section/{k}'>Section {k}</a></li>" for k in range(40))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Story {n}</title></head>"
        f"<body><nav><ul>{nav}</ul></nav><article><h1>Story {n}</h1>{body}</article>"
        f"<footer>{_FILLER * 3}</footer></body></html>"
    ).encode()


def _serve(hosts: int, versions: Any, etags: Any, ready: Any) -> None:
    """Server process: /s/N answers article N at its current version (304 on a matching ETag)."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body leave at once, as real servers do

        def do_GET(self) -> None:  # noqa: N802
            if not self.path.startswith("/s/"):
                self._reply(404, b"", None)
                return
            n = int(self.path[3:])
            tag = f'"{n}-{versions[n]}"' if etags.value else None
            if tag and self.headers.get("If-None-Match") == tag:
                self._reply(304, b"", tag)
            else:
                self._reply(200, _page(n, versions[n]), tag)

        def _reply(self, status: int, body: bytes, tag: str | None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if tag:
                self.send_header("ETag", tag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    servers = [ThreadingHTTPServer((f"127.0.0.{h + 1}", 0), Handler) for h in range(hosts)]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.put([s.server_address[1] for s in servers])
    threading.Event().wait()


def _cycle_bench(articles: int, hosts: int, cycles: int, change: float) -> None:
    import multiprocessing as mp

    from tracker.fetch.http import FetchPolicy
    from tracker.store.store import Store
    from tracker.watch.cycle import CycleOptions, run_cycle
    from tracker.watch.watchlist import WatchList, add_entries

    versions, etags, ready = mp.Array("i", articles), mp.Value("b", 1), mp.Queue()
    server = mp.Process(target=_serve, args=(hosts, versions, etags, ready), daemon=True)
    server.start()
    ports = ready.get(timeout=30)
    urls = [f"http://127.0.0.{n % hosts + 1}:{ports[n % hosts]}/s/{n}" for n in range(articles)]
    options = CycleOptions(fetch=FetchPolicy(host_delay=0.0, concurrency=hosts, retries=0),
                           due_only=False, commit_every=250)  # fmt: skip
    rows: list[tuple[str, int, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "store")
        entries = [new_entry(url, "article", NOW) for url in urls]
        with store.writer():
            save_watchlist(store.watchlist_path, add_entries(WatchList(), entries))

        def run(label: str, changed: int) -> None:
            for n in random.sample(range(articles), changed):
                versions[n] += 1
            summary = run_cycle(store, options=options)
            rows.append((label, changed, summary))

        run("first fetch (all new)", 0)
        for c in range(cycles):
            run(f"cycle {c + 1}: {change:.0%} changed", int(articles * change))
        run("all changed", articles)
        run("none changed (304)", 0)
        etags.value = 0
        run("none changed, no ETag (hash)", 0)
        store.close()
    server.terminate()
    _print_cycles(rows, articles, hosts)


def _print_cycles(rows: list[tuple[str, int, Any]], articles: int, hosts: int) -> None:
    print(f"\nCron cycle: {articles} articles on {hosts} loopback host(s), host delay 0 s, "
          f"{hosts} at once")  # fmt: skip
    print(f"{'cycle':<32} {'wall s':>7} {'cpu s':>7} {'req/s':>7} {'ms/art':>7} "
          f"{'cpu ms/art':>10}  result")  # fmt: skip
    for label, _, summary in rows:
        c = summary.counts()
        print(f"{label:<32} {summary.seconds:>7.2f} {summary.cpu_seconds:>7.2f} "
              f"{summary.requests / summary.seconds:>7.0f} "
              f"{1000 * summary.seconds / articles:>7.2f} "
              f"{1000 * summary.cpu_seconds / articles:>10.2f}  "
              f"{c['new']} new, {c['changed']} changed, {c['unchanged']} unchanged "
              f"({c['not_modified']} by 304), {c['failed']} failed")  # fmt: skip
    per = {label: s.cpu_seconds / articles for label, _, s in rows}
    wall = {label: s.seconds / articles for label, _, s in rows}
    changed = per["all changed"]
    print("\nunchanged article cost vs a changed one (CPU; wall in brackets):")
    for label in ("none changed (304)", "none changed, no ETag (hash)"):
        print(f"  {label:<30} {per[label] / changed:6.1%}  "
              f"[{wall[label] / wall['all changed']:6.1%}]")  # fmt: skip
    steady = [s for label, _, s in rows if label.startswith("cycle")]
    cpu = statistics.median(s.cpu_seconds for s in steady)
    print(
        f"steady cycle CPU {cpu:.2f} s for {articles} articles; with a 1 s host delay the "
        f"politeness floor is {articles / hosts:.0f} s per cycle ({hosts} hosts)"
    )


if __name__ == "__main__":
    main()
