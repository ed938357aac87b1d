"""`tracker corpus`: the comparison of every consecutive version pair of many articles, on Dask.

`analyze` reads stores and Parquet exports (`tracker export --format parquet`), lists every
consecutive version pair of every article (an article found in several sources, as when stores
are sharded by period, has its versions merged in time order), cuts the sorted pairs into
partitions of `partition_size`, and maps `analyze_partition` over them on a Dask cluster: a local
one (`distributed.LocalCluster`, one single-threaded worker process per core) unless a
scheduler's address is given, or in this process with `in_process`. Each pair is compared with
the public `tracker.compare` on the version texts (headline, byline, paragraphs: what
`tracker export` writes), so a store and its export give the same results.

Output (Parquet, one file per partition and table): `OUT/pairs/`, `OUT/changes/`, `OUT/facts/`,
`OUT/quotes/`, and `OUT/articles/part-0.parquet`; `OUT/_corpus.json` lists the partitions.
Deterministic: partitions are named by a hash of their pairs (article, revisions), rows are in
pair order, and nothing depends on which worker ran what. Resumable: a partition whose files are
all there is not computed again; files of partitions no longer in the corpus are removed.

Workers receive the version texts with each partition (read by the client), so a remote cluster
needs tracker installed, not access to the stores.
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.errors import BadSource, TrackerError
from tracker.pipeline.export import Row, host_of, month_of, pair_rows, read_parquet
from tracker.store.store import Store

PARTITION_SIZE = 50
OUTPUT_TABLES = ("pairs", "changes", "facts", "quotes")
MANIFEST = "_corpus.json"

# Column types of the corpus tables (str, int, float, bool); changes and facts are those of
# `tracker export` (see tracker.pipeline.export.SCHEMA).
PAIR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("pair_id", "str"),
    ("article_id", "str"),
    ("host", "str"),
    ("month", "str"),
    ("from_version", "int"),
    ("to_version", "int"),
    ("from_seen", "str"),
    ("to_seen", "str"),
    ("hours", "float"),
    ("changed", "bool"),
    ("headline_changed", "bool"),
    ("added", "int"),
    ("removed", "int"),
    ("edited", "int"),
    ("moved", "int"),
    ("cosmetic", "int"),
    ("claims", "int"),
    ("facts_changed", "int"),
    ("facts_added", "int"),
    ("facts_removed", "int"),
    ("quotes_added", "int"),
    ("quotes_removed", "int"),
    ("quotes_changed", "int"),
    ("contributors_added", "int"),
    ("contributors_removed", "int"),
    ("notes_added", "int"),
    ("summary", "str"),
    ("error", "str"),
)
QUOTE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("pair_id", "str"),
    ("article_id", "str"),
    ("host", "str"),
    ("month", "str"),
    ("from_version", "int"),
    ("to_version", "int"),
    ("change", "str"),
    ("text", "str"),
    ("speaker", "str"),
    ("cue", "str"),
    ("old_text", "str"),
    ("old_speaker", "str"),
)
ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "str"),
    ("host", "str"),
    ("url", "str"),
    ("versions", "int"),
    ("first_seen", "str"),
    ("last_seen", "str"),
)


def _columns(table: str) -> tuple[tuple[str, str], ...]:
    from tracker.pipeline.export import SCHEMA

    shared = ("article_id", "host", "month", "from_version", "to_version")
    if table == "pairs":
        return PAIR_COLUMNS
    if table == "quotes":
        return QUOTE_COLUMNS
    if table == "articles":
        return ARTICLE_COLUMNS
    rest = tuple((n, k) for n, k in SCHEMA[table] if n not in (*shared, "seen"))
    return (("pair_id", "str"), *((n, "int" if "version" in n else "str") for n in shared), *rest)


def arrow_schema(table: str) -> Any:
    import pyarrow as pa

    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(name, kinds[kind]) for name, kind in _columns(table)])


# -- what to compare ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VersionRef:
    """Where one version's text is: source number, article, version number there, revision."""

    source: int
    article_id: str
    version: int
    revision: str
    seen: str


@dataclass(slots=True)
class Corpus:
    """The articles found in the sources and their consecutive version pairs, sorted."""

    sources: list[Path]
    articles: list[Row] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Pair:
    """Two consecutive versions of an article; numbers count its merged versions from 1."""

    old: VersionRef
    new: VersionRef
    host: str
    from_version: int
    to_version: int


def collect(sources: Sequence[Path]) -> Corpus:
    """Every article and consecutive version pair in the stores and Parquet exports given."""
    corpus = Corpus([Path(s) for s in sources])
    found: dict[str, list[VersionRef]] = {}
    urls: dict[str, str] = {}
    for number, source in enumerate(corpus.sources):
        for ref, url in _versions_of(number, source):
            found.setdefault(ref.article_id, []).append(ref)
            urls.setdefault(ref.article_id, url)
    for article_id in sorted(found):
        refs = _merged(found[article_id])
        host = host_of(urls[article_id])
        corpus.articles.append(
            {"article_id": article_id, "host": host, "url": urls[article_id],
             "versions": len(refs), "first_seen": refs[0].seen, "last_seen": refs[-1].seen}
        )  # fmt: skip
        corpus.pairs += [
            Pair(old, new, host, number, number + 1)
            for number, (old, new) in enumerate(zip(refs, refs[1:], strict=False), 1)
        ]
    return corpus


def _merged(refs: list[VersionRef]) -> list[VersionRef]:
    """One article's versions from all sources, in time order, each revision once."""
    unique: dict[str, VersionRef] = {}
    for ref in refs:
        unique.setdefault(ref.revision, ref)
    return sorted(unique.values(), key=lambda r: (_instant(r.seen), r.source, r.version))


def _instant(seen: str) -> float:
    try:
        return datetime.fromisoformat(seen.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0


def _versions_of(number: int, source: Path) -> Iterator[tuple[VersionRef, str]]:
    if (source / ".tracker-store").is_file():
        store = Store.open(source, create=False)
        try:
            for tracked in store.articles():
                for v in tracked.versions:
                    yield (
                        VersionRef(number, tracked.key, v.version, v.revision, v.seen),
                        tracked.url,
                    )
        finally:
            store.close()
    elif (source / "versions").is_dir():
        urls = {r["article_id"]: r["url"] for r in read_parquet(source, "articles")}
        for row in _parquet_rows(source, "versions", ("article_id", "version", "revision", "seen")):
            ref = VersionRef(
                number, row["article_id"], row["version"], row["revision"], row["seen"]
            )
            yield ref, urls.get(row["article_id"]) or row["article_id"]
    else:
        raise BadSource(
            f"{source} is neither a tracker store nor a Parquet export "
            "(tracker export --format parquet)"
        )


def _parquet_rows(source: Path, table: str, columns: Sequence[str]) -> list[Row]:
    import pyarrow.dataset as ds

    from tracker.pipeline.export import arrow_schema as export_schema

    dataset = ds.dataset(
        str(source / table), format="parquet", partitioning="hive", schema=export_schema(table)
    )
    return list(dataset.to_table(columns=list(columns)).to_pylist())


class TextReader:
    """Reads version texts from the sources (stores opened once; an export's texts loaded once)."""

    def __init__(self, sources: Sequence[Path]) -> None:
        self.sources = list(sources)
        self._stores: dict[int, Store] = {}
        self._exports: dict[int, dict[tuple[str, int], str]] = {}

    def text(self, ref: VersionRef) -> str:
        source = self.sources[ref.source]
        if (source / ".tracker-store").is_file():
            from tracker.pipeline.export import version_text

            store = self._stores.get(ref.source)
            if store is None:
                store = self._stores[ref.source] = Store.open(source, create=False)
            tracked = store.find(ref.article_id)
            article = store.read(tracked, tracked.versions[ref.version - 1]).article
            return version_text(article.title, article.authors, article.text)
        texts = self._exports.get(ref.source)
        if texts is None:
            rows = _parquet_rows(source, "versions", ("article_id", "version", "text"))
            texts = self._exports[ref.source] = {
                (r["article_id"], r["version"]): r["text"] or "" for r in rows
            }
        return texts[(ref.article_id, ref.version)]

    def close(self) -> None:
        for store in self._stores.values():
            store.close()


# -- partitions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Partition:
    name: str
    pairs: tuple[Pair, ...]


def partitions(corpus: Corpus, size: int = PARTITION_SIZE) -> list[Partition]:
    """The pairs in order, cut every `size`, each part named by a hash of its pairs."""
    parts = []
    for start in range(0, len(corpus.pairs), max(size, 1)):
        chunk = tuple(corpus.pairs[start : start + size])
        digest = hashlib.sha1()
        for pair in chunk:
            old, new = pair.old, pair.new
            digest.update(f"{old.article_id}\0{old.revision}\0{new.revision}\n".encode())
        parts.append(Partition(digest.hexdigest()[:20], chunk))
    return parts


def partition_tasks(partition: Partition, reader: TextReader) -> list[dict[str, Any]]:
    """What a worker needs for each pair of `partition`: ids, times and both texts."""
    return [
        {"article_id": p.old.article_id, "host": p.host, "from_version": p.from_version,
         "to_version": p.to_version, "from_seen": p.old.seen, "to_seen": p.new.seen,
         "old": reader.text(p.old), "new": reader.text(p.new)}
        for p in partition.pairs
    ]  # fmt: skip


def analyze_partition(tasks: list[dict[str, Any]]) -> dict[str, list[Row]]:
    """Compare each pair of one partition (runs on a Dask worker): rows per output table."""
    from tracker import compare

    out: dict[str, list[Row]] = {table: [] for table in OUTPUT_TABLES}
    for task in tasks:
        pair_id = f"{task['article_id']}#{task['from_version']}-{task['to_version']}"
        shared = {"pair_id": pair_id, "article_id": task["article_id"], "host": task["host"],
                  "month": month_of(task["to_seen"]), "from_version": task["from_version"],
                  "to_version": task["to_version"]}  # fmt: skip
        row: Row = {**shared, "from_seen": task["from_seen"], "to_seen": task["to_seen"],
                    "hours": _hours(task["from_seen"], task["to_seen"])}  # fmt: skip
        try:
            report = compare(task["old"], task["new"]).to_dict()
        except TrackerError as error:
            out["pairs"].append({**row, "changed": False, "error": str(error)})
            continue
        out["pairs"].append({**row, **_pair_counts(report)})
        for table, found in pair_rows(report, {**shared, "seen": task["to_seen"]}).items():
            out[table] += [{**r, "pair_id": pair_id} for r in found]
        out["quotes"] += _quote_rows(report, shared)
    return out


def _hours(start: str, end: str) -> float | None:
    try:
        return round((_parse(end) - _parse(start)).total_seconds() / 3600, 4)
    except ValueError:
        return None


def _parse(seen: str) -> datetime:
    return datetime.fromisoformat(seen.replace("Z", "+00:00"))


def _pair_counts(report: dict[str, Any]) -> Row:
    kinds = [s["kind"] for s in report.get("sentences", [])]
    quotes = report.get("quotes") or {}
    facts = report.get("facts") or {}
    people = report.get("contributors") or {}
    return {
        "changed": any(k != "same" for k in kinds) or report.get("headline") is not None,
        "headline_changed": report.get("headline") is not None,
        **{kind: kinds.count(kind) for kind in ("added", "removed", "edited", "moved")},
        "cosmetic": sum(1 for s in report.get("sentences", []) if s.get("cosmetic")),
        "claims": len(report.get("claims", [])),
        "facts_changed": len(facts.get("changed", [])),
        "facts_added": len(facts.get("added", [])),
        "facts_removed": len(facts.get("removed", [])),
        "quotes_added": len(quotes.get("added", [])),
        "quotes_removed": len(quotes.get("removed", [])),
        "quotes_changed": len(quotes.get("changed", [])),
        "contributors_added": len(people.get("added", [])),
        "contributors_removed": len(people.get("removed", [])),
        "notes_added": len((report.get("notes") or {}).get("added", [])),
        "summary": report.get("summary"),
        "error": None,
    }


def _quote_rows(report: dict[str, Any], shared: Row) -> list[Row]:
    quotes = report.get("quotes") or {}
    rows = []
    for change in ("added", "removed"):
        for q in quotes.get(change, []):
            rows.append({**shared, "change": change, "text": q.get("text"),
                         "speaker": q.get("speaker"), "cue": q.get("cue")})  # fmt: skip
    for q in quotes.get("changed", []):
        old, new = q.get("old") or {}, q.get("new") or {}
        rows.append({**shared, "change": "changed", "text": new.get("text"),
                     "speaker": new.get("speaker"), "cue": new.get("cue"),
                     "old_text": old.get("text"), "old_speaker": old.get("speaker")})  # fmt: skip
    return rows


# -- running ------------------------------------------------------------------------------------


@dataclass(slots=True)
class CorpusResult:
    out: Path
    articles: int = 0
    pairs: int = 0
    partitions: int = 0
    computed: int = 0  # partitions computed by this run (the others were already there)
    where: str = ""
    seconds: float = 0.0

    def describe(self) -> str:
        rate = (
            f", {self.pairs / self.seconds:.1f} pairs/s" if self.seconds and self.computed else ""
        )
        return (
            f"{self.out}: {self.articles} articles, {self.pairs} version pairs in "
            f"{self.partitions} partitions ({self.computed} computed, "
            f"{self.partitions - self.computed} already done) on {self.where}{rate}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {"out": str(self.out), "articles": self.articles, "pairs": self.pairs,
                "partitions": self.partitions, "computed": self.computed, "where": self.where,
                "seconds": round(self.seconds, 3)}  # fmt: skip


CorpusProgress = Callable[[int, int], None]


def analyze(
    sources: Sequence[Path],
    out: Path,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    in_process: bool = False,
    partition_size: int = PARTITION_SIZE,
    progress: CorpusProgress | None = None,
) -> CorpusResult:
    """Compare every consecutive version pair in `sources`; write Parquet under `out`.

    On the Dask scheduler at `scheduler`, else on a new local cluster of `workers` processes
    (default: the number of cores), or in this process when `in_process`.
    """
    import time

    if not sources:
        raise BadSource("give at least one store or Parquet export to analyze")
    started = time.perf_counter()
    corpus = collect(sources)
    parts = partitions(corpus, partition_size)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    todo = [p for p in parts if not _finished(out, p)]
    result = CorpusResult(out, len(corpus.articles), len(corpus.pairs), len(parts), len(todo))
    reader = TextReader(corpus.sources)
    try:
        done = len(parts) - len(todo)
        if progress is not None:
            progress(done, len(parts))

        def finished(part: Partition, rows: dict[str, list[Row]]) -> None:
            nonlocal done
            _write_partition(out, part, rows)
            done += 1
            if progress is not None:
                progress(done, len(parts))

        if in_process or not todo:
            result.where = "this process"
            for part in todo:
                finished(part, analyze_partition(partition_tasks(part, reader)))
        else:
            result.where = _on_dask(todo, reader, scheduler, workers, finished)
    finally:
        reader.close()
    _write_articles(out, corpus.articles)
    _clean(out, parts)
    _write_manifest(out, corpus, parts)
    result.seconds = time.perf_counter() - started
    return result


def _on_dask(
    todo: list[Partition],
    reader: TextReader,
    scheduler: str | None,
    workers: int | None,
    finished: Callable[[Partition, dict[str, list[Row]]], None],
) -> str:
    """Map `analyze_partition` over the partitions on Dask, a few in flight per worker."""
    from contextlib import ExitStack

    from distributed import Client, LocalCluster, as_completed

    with ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))  # type: ignore[no-untyped-call]
            where = f"the Dask scheduler at {scheduler}"
        else:
            count = workers or os.cpu_count() or 1
            local = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=count, threads_per_worker=1, processes=True, dashboard_address=None
            )
            cluster = stack.enter_context(local)
            client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
            where = f"a local Dask cluster of {count} worker process{'es' if count > 1 else ''}"
        slots = max(2 * len(client.scheduler_info().get("workers", {})), 2)
        by_key: dict[str, Partition] = {}
        pending = iter(todo)

        def submit() -> Any:
            part = next(pending, None)
            if part is None:
                return None
            data = client.scatter(partition_tasks(part, reader))
            future = client.submit(analyze_partition, data, key=f"tracker-corpus-{part.name}")
            by_key[future.key] = part
            return future

        first = [f for f in (submit() for _ in range(slots)) if f is not None]
        running = as_completed(first, with_results=True)  # type: ignore[no-untyped-call]
        for future, rows in running:
            finished(by_key.pop(future.key), rows)
            nxt = submit()
            if nxt is not None:
                running.add(nxt)  # type: ignore[no-untyped-call]
    return where


def _part_file(out: Path, table: str, name: str) -> Path:
    return out / table / f"part-{name}.parquet"


def _finished(out: Path, part: Partition) -> bool:
    return all(_part_file(out, t, part.name).is_file() for t in OUTPUT_TABLES)


def _write_partition(out: Path, part: Partition, rows: dict[str, list[Row]]) -> None:
    """Each table's file of one partition; `pairs` last, since its file marks the part done."""
    for table in (*OUTPUT_TABLES[1:], OUTPUT_TABLES[0]):
        _write_table(_part_file(out, table, part.name), table, rows.get(table, []))


def _write_table(path: Path, table: str, rows: list[Row]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    schema = arrow_schema(table)
    data = pa.Table.from_pylist(
        [{name: r.get(name) for name in schema.names} for r in rows], schema=schema
    )
    temporary = path.with_name(f".{path.name}.tmp")
    pq.write_table(data, temporary)
    temporary.replace(path)


def _write_articles(out: Path, articles: list[Row]) -> None:
    _write_table(_part_file(out, "articles", "0"), "articles", articles)


def _clean(out: Path, parts: list[Partition]) -> None:
    """Remove partition files of earlier runs that this corpus no longer has."""
    names = {f"part-{p.name}.parquet" for p in parts}
    for table in OUTPUT_TABLES:
        folder = out / table
        if folder.is_dir():
            for path in folder.glob("part-*.parquet"):
                if path.name not in names:
                    path.unlink()


def _write_manifest(out: Path, corpus: Corpus, parts: list[Partition]) -> None:
    manifest = {
        "sources": [str(s) for s in corpus.sources],
        "articles": len(corpus.articles),
        "pairs": len(corpus.pairs),
        "partitions": [{"name": p.name, "pairs": len(p.pairs)} for p in parts],
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def read_table(out: Path, table: str) -> list[Row]:
    """All rows of one corpus table, in partition order (the manifest's)."""
    import pyarrow.parquet as pq

    manifest_path = out / MANIFEST
    if not manifest_path.is_file():
        raise BadSource(f"{out} holds no corpus analysis; run 'tracker corpus analyze' first")
    if table == "articles":
        return list(pq.read_table(_part_file(out, "articles", "0")).to_pylist())
    names = [p["name"] for p in json.loads(manifest_path.read_text())["partitions"]]
    rows: list[Row] = []
    for name in names:
        path = _part_file(out, table, name)
        if not path.is_file():
            raise BadSource(f"{out} is not complete ({path.name} is missing); run analyze again")
        rows += pq.read_table(path).to_pylist()
    return rows


# -- stats --------------------------------------------------------------------------------------

STAT_COLUMNS = (
    "host",
    "articles",
    "changed_share",
    "versions_per_article",
    "pairs",
    "added_per_version",
    "removed_per_version",
    "edited_per_version",
    "moved_per_version",
    "fact_update_rate",
    "quote_churn",
    "median_hours_to_first_update",
)


def stats(out: Path) -> list[Row]:
    """The summary tables of a corpus analysis, per outlet and for all ("*"), as rows."""
    articles = read_table(out, "articles")
    pairs = [p for p in read_table(out, "pairs") if not p.get("error")]
    hosts = sorted({a["host"] for a in articles})
    return [_stats_for(h, articles, pairs) for h in hosts] + [_stats_for("*", articles, pairs)]


def _stats_for(host: str, articles: list[Row], pairs: list[Row]) -> Row:
    mine = [a for a in articles if host in ("*", a["host"])]
    ids = {a["article_id"] for a in mine}
    mine_pairs = [p for p in pairs if p["article_id"] in ids]
    changed = {p["article_id"] for p in mine_pairs if p["changed"]}
    n_pairs = len(mine_pairs)

    def per_pair(column: str) -> float | None:
        return round(sum(p[column] for p in mine_pairs) / n_pairs, 3) if n_pairs else None

    first = [p["hours"] for p in mine_pairs if p["from_version"] == 1 and p["hours"] is not None]
    churn = [p["quotes_added"] + p["quotes_removed"] + p["quotes_changed"] for p in mine_pairs]
    facts = [p["facts_changed"] > 0 for p in mine_pairs]
    return {
        "host": host,
        "articles": len(mine),
        "changed_share": round(len(changed) / len(mine), 3) if mine else None,
        "versions_per_article": (
            round(sum(a["versions"] for a in mine) / len(mine), 3) if mine else None
        ),
        "pairs": n_pairs,
        "added_per_version": per_pair("added"),
        "removed_per_version": per_pair("removed"),
        "edited_per_version": per_pair("edited"),
        "moved_per_version": per_pair("moved"),
        "fact_update_rate": round(sum(facts) / n_pairs, 3) if n_pairs else None,
        "quote_churn": round(sum(churn) / n_pairs, 3) if n_pairs else None,
        "median_hours_to_first_update": round(statistics.median(first), 2) if first else None,
    }
