"""`tracker export`: the store as data, in SQLite (with full-text search), Parquet or JSON Lines.

Tables (docs/export.md documents every column):

- `articles`     one row per tracked article
- `versions`     one row per stored version, with its text
- `changes`      one row per aligned sentence that is not "same", per consecutive version pair
- `quotes`       one row per direct quote in each version; `added` when the previous version
                 did not have it
- `facts`        the article-level fact ledger of each consecutive pair (changed, added, removed)
- `contributors` one row per author and contributor named in each version

The comparisons are those of `tracker diff URL` (the stored articles, `build_report`). SQLite is
incremental: exporting again into the same file adds only the versions not in it yet. Parquet
(one folder per table, partitioned inside by host and month) and JSON Lines (one file per table)
are written whole each time. pyarrow is imported only for Parquet.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from tracker.errors import BadSource
from tracker.store.store import Store, StoredVersion, TrackedArticle

ExportFormat = Literal["sqlite", "parquet", "jsonl"]
Row = dict[str, Any]

# The columns of every table, in order, with their type: str, int, float or bool.
SCHEMA: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("article_id", "str"),
        ("url", "str"),
        ("host", "str"),
        ("path", "str"),
        ("title", "str"),
        ("versions", "int"),
        ("first_seen", "str"),
        ("last_seen", "str"),
        ("month", "str"),
    ),
    "versions": (
        ("version_id", "int"),
        ("article_id", "str"),
        ("version", "int"),
        ("revision", "str"),
        ("seen", "str"),
        ("month", "str"),
        ("host", "str"),
        ("url", "str"),
        ("title", "str"),
        ("authors", "str"),
        ("published", "str"),
        ("modified", "str"),
        ("source", "str"),
        ("archive", "str"),
        ("capture", "str"),
        ("reextract", "bool"),
        ("flip_flop_of", "int"),
        ("words", "int"),
        ("summary", "str"),
        ("text", "str"),
    ),
    "changes": (
        ("article_id", "str"),
        ("from_version", "int"),
        ("to_version", "int"),
        ("seen", "str"),
        ("month", "str"),
        ("host", "str"),
        ("position", "int"),
        ("kind", "str"),
        ("old_text", "str"),
        ("new_text", "str"),
        ("cosmetic", "bool"),
        ("claims", "str"),
        ("significance", "float"),
    ),
    "quotes": (
        ("version_id", "int"),
        ("article_id", "str"),
        ("version", "int"),
        ("seen", "str"),
        ("month", "str"),
        ("host", "str"),
        ("position", "int"),
        ("text", "str"),
        ("speaker", "str"),
        ("cue", "str"),
        ("start", "int"),
        ("end", "int"),
        ("added", "bool"),
    ),
    "facts": (
        ("article_id", "str"),
        ("from_version", "int"),
        ("to_version", "int"),
        ("seen", "str"),
        ("month", "str"),
        ("host", "str"),
        ("change", "str"),
        ("kind", "str"),
        ("old", "str"),
        ("new", "str"),
        ("significance", "float"),
    ),
    "contributors": (
        ("article_id", "str"),
        ("version", "int"),
        ("seen", "str"),
        ("month", "str"),
        ("host", "str"),
        ("role", "str"),
        ("name", "str"),
    ),
}
TABLES = tuple(SCHEMA)
PAIR_TABLES = ("changes", "facts")


@dataclass(slots=True)
class ExportResult:
    """What an export wrote: rows per table (new rows, for an incremental SQLite export)."""

    out: Path
    format: str
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))

    def describe(self) -> str:
        counts = ", ".join(f"{n} {table}" for table, n in self.rows.items())
        return f"{self.out}: {counts}"

    def to_dict(self) -> dict[str, Any]:
        return {"out": str(self.out), "format": self.format, "rows": dict(self.rows)}


ExportProgress = Callable[[int, int], None]


def export_store(
    store: Store, fmt: ExportFormat, out: Path, *, progress: ExportProgress | None = None
) -> ExportResult:
    """Write the store's articles, versions, changes, quotes, facts and contributors to `out`
    (a .db file for sqlite, a folder for parquet and jsonl)."""
    out = Path(out)
    if fmt == "sqlite":
        return _export_sqlite(store, out, progress)
    if fmt not in ("parquet", "jsonl"):
        raise BadSource(f"unknown export format {fmt!r}; choose sqlite, parquet or jsonl")
    single_file = fmt == "jsonl" and out.suffix == ".jsonl"
    if out.exists() and not out.is_dir() and not single_file:
        raise BadSource(f"{out} is a file; give a folder for the {fmt} export")
    tables: dict[str, list[Row]] = {table: [] for table in TABLES}
    for rows in _all_rows(store, {}, progress):
        for table, found in rows.items():
            tables[table].extend(found)
    _number_versions(tables, 1)
    result = ExportResult(out, fmt, {table: len(rows) for table, rows in tables.items()})
    if fmt == "parquet":
        write_parquet(tables, out)
    else:
        _write_jsonl(tables, out)
    return result


# -- rows ---------------------------------------------------------------------------------------


def host_of(url: str) -> str:
    """The outlet: the URL's host name without `www.`."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or "unknown"


def month_of(seen: str | None) -> str:
    return (seen or "")[:7] or "unknown"


def _all_rows(
    store: Store, done: Mapping[str, int], progress: ExportProgress | None
) -> Iterator[dict[str, list[Row]]]:
    """The rows of every article's versions after the `done` ones (article id -> versions)."""
    articles = store.articles()
    for number, tracked in enumerate(articles, 1):
        yield article_rows(store, tracked, done.get(tracked.key, 0))
        if progress is not None:
            progress(number, len(articles))


def article_rows(store: Store, tracked: TrackedArticle, after: int = 0) -> dict[str, list[Row]]:
    """The rows of one article: its `articles` row and those of its versions after `after`."""
    from tracker.analyze.quotes import extract_quotes
    from tracker.analyze.report import build_report

    rows: dict[str, list[Row]] = {table: [] for table in TABLES}
    versions = tracked.versions
    if not versions:
        return rows
    host = host_of(tracked.url)
    first, last = versions[0], versions[-1]
    rows["articles"].append(
        {"article_id": tracked.key, "url": tracked.url, "host": host, "path": tracked.path,
         "title": last.title, "versions": len(versions), "first_seen": first.seen,
         "last_seen": last.seen, "month": month_of(first.seen)}
    )  # fmt: skip
    previous: StoredVersion | None = None
    previous_quotes: set[str] | None = None
    if after > 0 and after <= len(versions):
        previous = store.read(tracked, versions[after - 1])
    for info in versions[after:]:
        stored = store.read(tracked, info)
        meta, article = stored.meta, stored.article
        base = {"article_id": tracked.key, "seen": info.seen, "month": month_of(info.seen),
                "host": host}  # fmt: skip
        report = (
            build_report(previous.article, article, previous.meta, meta).to_dict()
            if previous is not None
            else None
        )
        rows["versions"].append(
            {**base, "version_id": None, "version": info.version, "revision": info.revision,
             "url": meta.get("url") or tracked.url, "title": article.title,
             "authors": json.dumps(list(article.authors), ensure_ascii=False),
             "published": article.published, "modified": article.modified,
             "source": meta.get("source"), "archive": meta.get("archive"),
             "capture": meta.get("capture"), "reextract": bool(meta.get("reextract")),
             "flip_flop_of": meta.get("flip_flop_of"), "words": len(article.text.split()),
             "summary": report["summary"] if report else None,
             "text": version_text(article.title, article.authors, article.text)}
        )  # fmt: skip
        for role, names in (("author", article.authors), ("contributor", article.contributors)):
            rows["contributors"] += [{**base, "version": info.version, "role": role, "name": n}
                                     for n in names]  # fmt: skip
        if previous is not None and previous_quotes is None:
            previous_quotes = {_quote_key(q.text) for q in extract_quotes(previous.article.text)}
        before = previous_quotes or set()
        quotes = extract_quotes(article.text)
        for position, quote in enumerate(quotes):
            rows["quotes"].append(
                {**base, "version_id": None, "version": info.version, "position": position,
                 "text": quote.text, "speaker": quote.speaker, "cue": quote.cue,
                 "start": quote.start, "end": quote.end,
                 "added": _quote_key(quote.text) not in before}
            )  # fmt: skip
        if report is not None and previous is not None:
            pair = {"article_id": tracked.key, "from_version": info.version - 1,
                    "to_version": info.version, "seen": info.seen,
                    "month": month_of(info.seen), "host": host}  # fmt: skip
            for table, found in pair_rows(report, pair).items():
                rows[table] += found
        previous, previous_quotes = stored, {_quote_key(q.text) for q in quotes}
    return rows


def version_text(title: str, authors: Iterable[str], text: str) -> str:
    """The version as plain text, the way `extract_article` reads it back: the headline, the
    byline ("By A, B and C") and the paragraphs, separated by blank lines."""
    names = [" ".join(n.split()) for n in authors if n.strip()]
    byline = ""
    if names:
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        byline = f"By {listed}\n\n"
    return f"{title}\n\n{byline}{text}\n"


def _quote_key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def pair_rows(report: Mapping[str, Any], pair: Mapping[str, Any]) -> dict[str, list[Row]]:
    """The `changes` and `facts` rows of one report document; `pair` gives the shared columns."""
    facts = report.get("facts") or {}
    significance: dict[tuple[str, int], float] = {}
    rows: dict[str, list[Row]] = {"changes": [], "facts": []}
    for fact in facts.get("changed", []):
        for side, name in (("old", "old_sentence"), ("new", "new_sentence")):
            if fact.get(name) is not None:
                key = (side, int(fact[name]))
                significance[key] = max(significance.get(key, 0.0), float(fact["significance"]))
        rows["facts"].append(
            {**pair, "change": "changed", "kind": fact["kind"], "old": fact["old"],
             "new": fact["new"], "significance": float(fact["significance"])}
        )  # fmt: skip
    for change, side in (("added", "new"), ("removed", "old")):
        for fact in facts.get(change, []):
            key = (side, int(fact["sentence"]))
            significance[key] = max(significance.get(key, 0.0), float(fact["significance"]))
            rows["facts"].append(
                {**pair, "change": change, "kind": fact["kind"],
                 "old": fact["text"] if change == "removed" else None,
                 "new": fact["text"] if change == "added" else None,
                 "significance": float(fact["significance"])}
            )  # fmt: skip
    claims: dict[tuple[tuple[int, ...], tuple[int, ...]], list[Any]] = {
        (tuple(c["old"]), tuple(c["new"])): c["changes"] for c in report.get("claims", [])
    }
    for position, sentence in enumerate(report.get("sentences", [])):
        if sentence["kind"] == "same":
            continue
        old, new = tuple(sentence["old"]), tuple(sentence["new"])
        found = [("old", i) for i in old] + [("new", i) for i in new]
        rows["changes"].append(
            {**pair, "position": position, "kind": sentence["kind"],
             "old_text": sentence.get("old_text"), "new_text": sentence.get("new_text"),
             "cosmetic": bool(sentence.get("cosmetic")),
             "claims": json.dumps(claims.get((old, new), []), ensure_ascii=False),
             "significance": max((significance.get(k, 0.0) for k in found), default=0.0)}
        )  # fmt: skip
    return rows


def _number_versions(tables: dict[str, list[Row]], start: int) -> None:
    """Give versions their `version_id` (from `start`, in export order) and quotes theirs."""
    ids: dict[tuple[str, int], int] = {}
    for number, row in enumerate(tables["versions"], start):
        row["version_id"] = number
        ids[(row["article_id"], row["version"])] = number
    for row in tables["quotes"]:
        row["version_id"] = ids.get((row["article_id"], row["version"]))


# -- Parquet and JSON Lines ---------------------------------------------------------------------


def arrow_schema(table: str) -> Any:
    """The pyarrow schema of a table."""
    import pyarrow as pa

    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(name, kinds[kind]) for name, kind in SCHEMA[table]])


def write_parquet(tables: Mapping[str, list[Row]], out: Path) -> None:
    """One folder per table under `out`, partitioned inside by host and month (hive style:
    `host=.../month=.../part-0.parquet`); a table without rows is one empty file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        folder = out / name
        if folder.exists():
            shutil.rmtree(folder)
        schema = arrow_schema(name)
        data = pa.Table.from_pylist([_typed(name, r) for r in rows], schema=schema)
        if not rows:
            folder.mkdir(parents=True)
            pq.write_table(data, folder / "part-0.parquet")
            continue
        pq.write_to_dataset(
            data, root_path=str(folder), partition_cols=["host", "month"],
            basename_template="part-{i}.parquet", existing_data_behavior="delete_matching",
        )  # fmt: skip


def read_parquet(folder: Path, table: str) -> list[Row]:
    """The rows of one exported table (partition columns restored), in file order."""
    import pyarrow.dataset as ds

    schema = arrow_schema(table)
    dataset = ds.dataset(str(folder / table), format="parquet", partitioning="hive", schema=schema)
    return list(dataset.to_table().to_pylist())


def _typed(table: str, row: Row) -> Row:
    return {name: row.get(name) for name, _ in SCHEMA[table]}


def _write_jsonl(tables: Mapping[str, list[Row]], out: Path) -> None:
    """`OUT/<table>.jsonl` per table; or, for an OUT ending in .jsonl, one file whose lines
    name their table first (`{"table": "versions", ...}`)."""
    if out.suffix == ".jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as stream:
            for name, rows in tables.items():
                for row in rows:
                    line = {"table": name, **_typed(name, row)}
                    stream.write(json.dumps(line, ensure_ascii=False) + "\n")
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as stream:
            for row in rows:
                stream.write(json.dumps(_typed(name, row), ensure_ascii=False) + "\n")


# -- SQLite -------------------------------------------------------------------------------------

_SQL_TYPES = {"str": "TEXT", "int": "INTEGER", "float": "REAL", "bool": "INTEGER"}
_KEYS = {
    "articles": "PRIMARY KEY (article_id)",
    "versions": "UNIQUE (article_id, version), "
    "FOREIGN KEY (article_id) REFERENCES articles (article_id)",
    "changes": "FOREIGN KEY (article_id, to_version) REFERENCES versions (article_id, version)",
    "quotes": "FOREIGN KEY (version_id) REFERENCES versions (version_id)",
    "facts": "FOREIGN KEY (article_id, to_version) REFERENCES versions (article_id, version)",
    "contributors": "FOREIGN KEY (article_id, version) REFERENCES versions (article_id, version)",
}
_INDEXES = (
    "versions (seen)",
    "versions (host, month)",
    "changes (article_id, to_version)",
    "changes (kind)",
    "quotes (article_id, version)",
    "quotes (speaker)",
    "quotes (seen)",
    "facts (article_id, to_version)",
    "facts (kind)",
    "contributors (name)",
    "contributors (article_id, version)",
)
_FTS = {"versions": ("version_id", ("title", "text")), "quotes": ("rowid", ("text", "speaker"))}


def _create_schema(db: sqlite3.Connection) -> None:
    for table, columns in SCHEMA.items():
        defs = []
        for name, kind in columns:
            sql = f'"{name}" {_SQL_TYPES[kind]}'
            if table == "versions" and name == "version_id":
                sql += " PRIMARY KEY"
            defs.append(sql)
        db.execute(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(defs)}, {_KEYS[table]})")
    for number, spec in enumerate(_INDEXES):
        table = spec.split(" ", 1)[0]
        db.execute(f"CREATE INDEX IF NOT EXISTS idx_{table}_{number} ON {spec}")
    for table, (rowid, searched) in _FTS.items():
        db.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table}_fts USING fts5("
            f"{', '.join(searched)}, content='{table}', content_rowid='{rowid}')"
        )


def _export_sqlite(store: Store, out: Path, progress: ExportProgress | None) -> ExportResult:
    if out.exists() and out.is_dir():
        raise BadSource(f"{out} is a folder; give a file name (e.g. {out}/tracker.db)")
    out.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(out)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        with db:
            _create_schema(db)
        done = dict(db.execute("SELECT article_id, MAX(version) FROM versions GROUP BY article_id"))
        next_id = (db.execute("SELECT MAX(version_id) FROM versions").fetchone()[0] or 0) + 1
        result = ExportResult(out, "sqlite")
        for rows in _all_rows(store, done, progress):
            if not rows["versions"]:
                continue
            _number_versions(rows, next_id)
            next_id += len(rows["versions"])
            with db:
                _insert(db, rows, result)
        db.execute("PRAGMA optimize")
    finally:
        db.close()
    return result


def _insert(db: sqlite3.Connection, rows: dict[str, list[Row]], result: ExportResult) -> None:
    for table in TABLES:
        found = rows[table]
        if not found:
            continue
        names = [name for name, _ in SCHEMA[table]]
        columns = ", ".join(f'"{n}"' for n in names)
        marks = ", ".join("?" for _ in names)
        upsert = ""
        if table == "articles":
            updates = ", ".join(f'"{n}" = excluded."{n}"' for n in names[1:])
            upsert = f" ON CONFLICT (article_id) DO UPDATE SET {updates}"
        before = db.execute(f"SELECT MAX(rowid) FROM {table}").fetchone()[0] or 0
        db.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({marks}){upsert}",
            [tuple(r.get(n) for n in names) for r in found],
        )
        if table != "articles":
            result.rows[table] += len(found)
        if table in _FTS:
            rowid, fts_columns = _FTS[table]
            listed = ", ".join(fts_columns)
            db.execute(
                f"INSERT INTO {table}_fts (rowid, {listed}) "
                f"SELECT {rowid}, {listed} FROM {table} WHERE rowid > ?",
                (before,),
            )
    result.rows["articles"] += len(rows["articles"])
