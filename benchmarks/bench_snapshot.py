"""Snapshot speed: N article pages served from 127.0.0.1 into a fresh store, then unchanged.

Pages are built at run time from the PolNeAR article texts (first line = headline, the rest =
paragraphs, wrapped in simple HTML); nothing is written into the repository.

Reported per run (median of --runs):
  first run      pages/s, and the share of time spent in the store (recording, committing, cache)
  unchanged run  pages/s, and its speed-up over the first run
Baselines measured in the same process:
  unchanged run without the raw-bytes short-circuit (every page extracted again)
  store cost of one `git add` + `git commit` subprocess pair per article (the naive store)

Usage: python benchmarks/bench_snapshot.py [--data ../shared/data] [--count 500] [--runs 3]
"""

from __future__ import annotations

import argparse
import contextlib
import html
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tracker.pipeline import snapshot
from tracker.store import store as store_module
from tracker.store.store import Store, StoreWriter, render_article_text

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2024, 1, 1, tzinfo=timezone.utc)


def load_pages(data: Path, count: int) -> dict[str, bytes]:
    """The first `count` texts that extraction accepts as articles (a refused page is skipped)."""
    from tracker.errors import ExtractionEmpty
    from tracker.extract.article import extract_article

    pages: dict[str, bytes] = {}
    for text in sorted((data / "polnear-attribution").glob("*/text/*.txt")):
        page = _wrap(text.read_text("utf-8"))
        with contextlib.suppress(ExtractionEmpty):
            extract_article(page)
            pages[f"/news/{text.stem}"] = page
        if len(pages) == count:
            return pages
    sys.exit(f"only {len(pages)} usable texts under {data}/polnear-attribution; lower --count")


def _wrap(text: str) -> bytes:
    title, _, body = text.strip().partition("\n")
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    content = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"</head><body><nav><a href='/'>Home</a> <a href='/politics'>Politics</a></nav><article>"
        f"<h1>{html.escape(title)}</h1>{content}</article><footer>(c) Example News</footer>"
        "</body></html>"
    ).encode()


@contextmanager
def serve(pages: dict[str, bytes]) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802
            body = pages.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


class StoreClock:
    """Adds up the time spent inside the store's methods (nested calls counted once)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._depth = 0
        self._patched: list[tuple[Any, str, Any]] = []

    def wrap(self, owner: Any, name: str) -> None:
        original = getattr(owner, name)
        raw = vars(owner)[name] if isinstance(owner, type) else original

        def timed(*args: Any, **kwargs: Any) -> Any:
            if self._depth:  # nested inside another timed call: already counted
                return original(*args, **kwargs)
            self._depth += 1
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start
                self._depth -= 1

        self._patched.append((owner, name, raw))
        setattr(owner, name, timed)

    def restore(self) -> None:
        for owner, name, original in reversed(self._patched):
            setattr(owner, name, original)


# The writer's calls timed as store work (the pipeline asks changes/returns_to/latest too).
WRITER_CALLS = (
    "record",
    "flush",
    "find",
    "raw_unchanged",
    "alias",
    "changes",
    "returns_to",
    "latest",
)


def timed_run(urls: list[str], root: Path, at: datetime) -> tuple[float, float, list[str]]:
    checkout = StoreClock()
    checkout.wrap(StoreWriter, "_check_out")
    clock = StoreClock()
    for name in WRITER_CALLS:
        clock.wrap(StoreWriter, name)
    clock.wrap(Store, "_sync_worktree")
    clock.wrap(Store, "open")
    clock.wrap(store_module, "_load_cache")
    start = time.perf_counter()
    try:
        results = snapshot(urls, Store.open(root), at=at)
    finally:
        elapsed = time.perf_counter() - start
        clock.restore()
        checkout.restore()
    CHECKOUT_SECONDS.append(checkout.seconds)
    return elapsed, clock.seconds, [r.status for r in results]


CHECKOUT_SECONDS: list[float] = []  # per timed run: writing the store folder's files


def one_round(urls: list[str], workdir: Path, n: int) -> dict[str, float]:
    root = workdir / f"store-{n}"
    first, first_store, statuses = timed_run(urls, root, T0)
    assert statuses.count("new") == len(urls), {s: statuses.count(s) for s in set(statuses)}
    again, again_store, statuses = timed_run(urls, root, T0 + timedelta(hours=1))
    assert statuses.count("unchanged") == len(urls)
    return {"first": first, "first_store": first_store, "again": again, "again_store": again_store}


def unchanged_without_shortcut(urls: list[str], workdir: Path) -> float:
    root = workdir / "store-noshortcut"
    timed_run(urls, root, T0)
    original: Callable[..., bool] = StoreWriter.raw_unchanged
    StoreWriter.raw_unchanged = lambda self, key, raw: False  # type: ignore[method-assign]
    try:
        elapsed, _, statuses = timed_run(urls, root, T0 + timedelta(hours=1))
    finally:
        StoreWriter.raw_unchanged = original  # type: ignore[method-assign]
    assert statuses.count("unchanged") == len(urls)
    return elapsed


def naive_git_store(pages: dict[str, bytes], workdir: Path) -> float:
    """One folder per article, then `git add` + `git commit` subprocesses per article."""
    from tracker.extract.article import extract_article

    articles = {path: render_article_text(extract_article(raw)) for path, raw in pages.items()}
    repo = workdir / "naive"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=b", "-c", "user.email=b@b"]
    subprocess.run([*git, "init", "-q"], check=True)
    start = time.perf_counter()
    for path, text in articles.items():
        folder = repo / path.strip("/")
        folder.mkdir(parents=True)
        (folder / "article.txt").write_text(text)
        (folder / "raw.html").write_bytes(pages[path])
        subprocess.run([*git, "add", path.strip("/")], check=True)
        subprocess.run([*git, "commit", "-q", "-m", path], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pages = load_pages(args.data, args.count)
    with serve(pages) as base, tempfile.TemporaryDirectory() as tmp:
        urls = [base + path for path in pages]
        rounds = [one_round(urls, Path(tmp), n) for n in range(args.runs)]
        no_shortcut = unchanged_without_shortcut(urls, Path(tmp))
        naive = naive_git_store(pages, Path(tmp))
    report(args.count, rounds, no_shortcut, naive)


def report(count: int, rounds: list[dict[str, float]], no_shortcut: float, naive: float) -> None:
    def med(key: str) -> float:
        return statistics.median(r[key] for r in rounds)

    first, first_store, again = med("first"), med("first_store"), med("again")
    print(f"snapshot benchmark: {count} article pages from 127.0.0.1, median of {len(rounds)} runs")
    print(f"{'run':<44}{'seconds':>9}{'pages/s':>10}{'store s':>9}{'store %':>9}")
    rows = [
        ("first run (all new)", first, first_store),
        ("unchanged run", again, med("again_store")),
        ("baseline: unchanged, no raw-hash shortcut", no_shortcut, None),
        ("baseline: naive store, git add+commit each", naive, naive),
    ]
    for name, seconds, store_s in rows:
        share = f"{100 * store_s / seconds:8.1f}%" if store_s is not None else f"{'':>9}"
        store_col = f"{store_s:9.2f}" if store_s is not None else f"{'':>9}"
        print(f"{name:<44}{seconds:9.2f}{count / seconds:10.1f}{store_col}{share}")
    checkout = statistics.median(CHECKOUT_SECONDS[0 : 2 * len(rounds) : 2])
    print(f"store share of the first run: {100 * first_store / first:.1f}% (goal <= 20%)")
    print(
        f"  of which writing the checked-out files: {checkout:.2f} s; git objects, commits and "
        f"cache: {first_store - checkout:.2f} s ({100 * (first_store - checkout) / first:.1f}%)"
    )
    print(f"unchanged run speed-up over first run: {first / again:.1f}x (goal >= 5x)")
    print(f"raw-hash shortcut speed-up on unchanged: {no_shortcut / again:.1f}x")
    print(f"in-process store vs naive git subprocess store: {naive / first_store:.1f}x faster")


if __name__ == "__main__":
    main()
