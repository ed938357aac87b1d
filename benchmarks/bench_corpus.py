"""`tracker corpus analyze` speed: pairs/second in one process and on a local Dask cluster, and
the memory of each worker.

The corpus is built at run time from the ArchiveDiff NYT version texts
(../shared/data/archivediff-nyt-versions/versions.jsonl): each article's versions are recorded
into one of `--stores` temporary stores (sharded by article, as cron hosts would be), `--copies`
times under different URLs to make the corpus larger. Nothing is written into the repository.

Reported: articles, version pairs, partitions; seconds and pairs/s for `--in-process` (one
process, no Dask) and for a LocalCluster of `--workers` processes (cluster start-up included and
also shown apart); each worker's resident memory after the run; and whether both runs wrote the
same rows.

Usage: python benchmarks/bench_corpus.py PATH/TO/archivediff-nyt-versions
       [--copies 5] [--stores 3] [--workers 2] [--partition-size 10]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.extract import extract_article
from tracker.pipeline.archive_import import import_archive  # noqa: F401 - tracker is importable
from tracker.pipeline.corpus import OUTPUT_TABLES, analyze, read_table
from tracker.pipeline.export import version_text
from tracker.store.identity import article_identity
from tracker.store.store import Snapshot, Store


def build_stores(data: Path, root: Path, copies: int, stores: int) -> list[Path]:
    rows = [json.loads(line) for line in (data / "versions.jsonl").read_text().splitlines()]
    by_article: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_article.setdefault(row["article_id"], []).append(row)
    paths = [root / f"store-{n}" for n in range(stores)]
    opened = [Store.open(p) for p in paths]
    for number, (_, versions) in enumerate(sorted(by_article.items())):
        for copy in range(copies):
            store = opened[(number * copies + copy) % stores]
            url = versions[0]["original_url"] + (f"?copy={copy}" if copy else "")
            identity = article_identity(url)
            with store.writer() as writer:
                for v in sorted(versions, key=lambda v: v["version"]):
                    text = version_text(v["title"], v["authors"], v["text"])
                    seen = datetime.fromisoformat(v["first_seen"].replace("Z", "+00:00"))
                    snap = Snapshot(identity, extract_article(text), text.encode(), seen,
                                    {"url": url, "source": "file"})  # fmt: skip
                    writer.record(snap)
    for store in opened:
        store.close()
    return paths


def worker_memory(address: str) -> dict[str, float]:
    from distributed import Client

    def rss() -> float:
        import psutil

        return float(psutil.Process().memory_info().rss) / 2**20

    with Client(address) as client:
        return {w: round(m, 1) for w, m in client.run(rss).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the archivediff-nyt-versions folder")
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--stores", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=10)
    args = parser.parse_args()

    from distributed import LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sources = build_stores(args.data, root, args.copies, args.stores)
        single = analyze(sources, root / "single", in_process=True,
                         partition_size=args.partition_size)  # fmt: skip
        print(f"articles {single.articles}, version pairs {single.pairs}, "
              f"partitions {single.partitions}")  # fmt: skip
        print(f"1 process:      {single.seconds:7.2f} s  {single.pairs / single.seconds:6.2f} "
              "pairs/s")  # fmt: skip
        started = time.perf_counter()
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster:  # fmt: skip
            start_up = time.perf_counter() - started
            spread = analyze(sources, root / "cluster", scheduler=cluster.scheduler_address,
                             partition_size=args.partition_size)  # fmt: skip
            memory = worker_memory(cluster.scheduler_address)
        total = start_up + spread.seconds
        print(f"{args.workers} workers:      {spread.seconds:7.2f} s  "
              f"{spread.pairs / spread.seconds:6.2f} pairs/s  (cluster start-up {start_up:.1f} s "
              f"more: {spread.pairs / total:.2f} pairs/s with it)")  # fmt: skip
        print("worker memory:  " + ", ".join(f"{m:.0f} MiB" for m in memory.values()))
        differ = [
            t
            for t in ("articles", *OUTPUT_TABLES)
            if read_table(root / "single", t) != read_table(root / "cluster", t)
        ]
        print(
            f"same rows:      {not differ}" + (f" (differ: {', '.join(differ)})" if differ else "")
        )


if __name__ == "__main__":
    main()
