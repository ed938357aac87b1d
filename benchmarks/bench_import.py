"""`tracker import` replayed on real Wayback captures: the ArchiveDiff NYT CDX indexes and version
texts (../shared/data/archivediff-nyt-versions), served by the loopback archive of the tests.

Each CDX line of an article becomes a capture whose page is the version of the article current
at that timestamp (by the data's first_seen), wrapped in simple HTML with a per-capture comment
(so, as on the real archive, every capture has its own digest and only the text says whether it
is a new version). Nothing is copied into the repository.

Reported per article: captures, versions in the data, versions imported, seconds; and whether
a second import fetches no capture again (resume).

Usage: python benchmarks/bench_import.py PATH/TO/archivediff-nyt-versions [--article SLUG]
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from archive_server import FakeArchive, serve_archive  # noqa: E402

from tracker.fetch.archive import parse_cdx  # noqa: E402
from tracker.pipeline.archive_import import import_archive  # noqa: E402
from tracker.store.store import Store  # noqa: E402


def page(version: dict[str, Any], capture: str) -> str:
    paragraphs = "".join(
        f"<p>{html.escape(p)}</p>" for p in version["text"].split("\n\n") if p.strip()
    )
    title = html.escape(version["title"])
    names = [html.escape(a) for a in version.get("authors") or []]
    byline = f"<p class='byline'>By {' and '.join(names)}</p>" if names else ""
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<!-- capture {capture} --><article><h1>{title}</h1>{byline}{paragraphs}</article>"
        "</body></html>"
    )


def replay(data: Path, slug: str, versions: list[dict[str, Any]]) -> dict[str, Any]:
    captures, _ = parse_cdx((data / "cdx" / f"{slug}_cdx.txt").read_text("utf-8"))
    url = versions[0]["original_url"]
    archive = FakeArchive(text_cdx=True)
    starts = [(v["first_seen"].replace("-", "").replace(":", "").replace("T", "")[:14], v)
              for v in versions]  # fmt: skip
    for capture in captures:
        if capture.status != 200:
            continue
        current = [v for start, v in starts if start <= capture.timestamp]
        if current:
            archive.add(capture.timestamp, url, page(current[-1], capture.timestamp))
    with tempfile.TemporaryDirectory() as tmp, serve_archive(archive) as base:
        store = Store.open(Path(tmp) / "store")
        started = time.perf_counter()
        first = import_archive(store, url, archive=base, allow_private=True)
        seconds = time.perf_counter() - started
        archive.requests.clear()
        again = import_archive(store, url, archive=base, allow_private=True)
        refetched = sum(1 for p in archive.requests if p.startswith("/web/"))
        store.close()
    return {
        "article": slug,
        "captures": len(first.outcomes),
        "data_versions": len(versions),
        "imported_versions": len(first.versions),
        "not_recorded": first.count("failed"),
        "seconds": round(seconds, 2),
        "refetched_on_resume": refetched,
        "second_run_versions": len(again.versions),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the archivediff-nyt-versions folder")
    parser.add_argument("--article", help="one article slug (default: all)")
    args = parser.parse_args()
    by_article: dict[str, list[dict[str, Any]]] = {}
    for line in (args.data / "versions.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        by_article.setdefault(row["article_id"], []).append(row)
    rows = [
        replay(args.data, slug, sorted(vs, key=lambda v: v["version"]))
        for slug, vs in sorted(by_article.items())
        if args.article in (None, slug)
    ]
    columns = list(rows[0])
    print("  ".join(columns))
    for row in rows:
        print("  ".join(str(row[c]) for c in columns))
    total = {c: sum(r[c] for r in rows) for c in columns if c != "article"}
    print("total  " + "  ".join(f"{k}={round(v, 2)}" for k, v in total.items()))


if __name__ == "__main__":
    main()
