"""`tracker export`: SQLite (one-query questions, full-text search, incremental), Parquet read back
with pyarrow in the documented schema, and JSON Lines."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from conftest import PARAGRAPHS, article_html
from typer.testing import CliRunner

from tracker.cli import app
from tracker.pipeline.export import SCHEMA, TABLES, arrow_schema, read_parquet

COUNCIL = "https://news.example.com/2024/council-budget.html"
STORM = "https://other.example.org/storm.html"
QUOTE = '"We listened to every district," said Council President Maria Gomez on Tuesday.'
OLD_QUOTE = '"The harbour is closed until further notice," said Harbour Master Tom Reed.'
STORM_TEXT = (
    "A storm flooded the harbour district overnight and closed the ferry terminal, leaving "
    "hundreds of commuters without a way to reach the mainland on Monday morning.",
    OLD_QUOTE,
    "Crews worked through the night to pump water from the streets, and officials said the "
    "damage would take weeks to repair fully.",
)


def _at(days_ago: float) -> str:
    moment = datetime.now(timezone.utc) - timedelta(days=days_ago)
    return moment.replace(microsecond=0).isoformat()


def _snapshot(tmp: Path, store: Path, url: str, html: str, at: str) -> None:
    page = tmp / "page.html"
    page.write_text(html, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["snapshot", str(page), "--url", url, "--at", at, "--store", str(store)]
    )
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def history(tmp_path: Path, store_path: Path) -> Path:
    """Two articles: a storm story from last month (two versions, an old quote) and a council
    story from this week whose second version adds a quote and a contributor line."""
    _snapshot(
        tmp_path, store_path, STORM, article_html("Storm floods harbour", *STORM_TEXT), _at(40)
    )
    edited = (STORM_TEXT[0].replace("hundreds", "thousands"), *STORM_TEXT[1:])
    _snapshot(tmp_path, store_path, STORM, article_html("Storm floods harbour", *edited), _at(39))
    _snapshot(tmp_path, store_path, COUNCIL, article_html("Council approves budget"), _at(3))
    updated = (
        PARAGRAPHS[0],
        PARAGRAPHS[1].replace("40 bus drivers", "45 bus drivers"),
        *PARAGRAPHS[2:],
        QUOTE,
        "Ann Smith contributed reporting.",
    )
    _snapshot(tmp_path, store_path, COUNCIL, article_html("Council approves budget", *updated),
              _at(1))  # fmt: skip
    return store_path


def _export(store: Path, fmt: str, out: Path) -> str:
    result = CliRunner().invoke(app, ["export", "--format", fmt, str(out), "--store", str(store)])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_sqlite_answers_quotes_added_this_week_in_one_query(history: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "tracker.db"
    _export(history, "sqlite", db_path)
    db = sqlite3.connect(db_path)
    rows = db.execute(
        """
        SELECT q.speaker, q.text, a.url, v.seen
        FROM quotes q
        JOIN versions v ON v.version_id = q.version_id
        JOIN articles a ON a.article_id = v.article_id
        WHERE q.added AND v.seen >= strftime('%Y-%m-%dT%H:%M:%S', 'now', '-7 days')
        ORDER BY v.seen
        """
    ).fetchall()
    assert [text for _, text, _, _ in rows] == ["We listened to every district"]
    assert rows[0][0].endswith("Maria Gomez")
    assert rows[0][2] == COUNCIL
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sqlite_tables_search_and_changes(history: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "tracker.db"
    _export(history, "sqlite", db_path)
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone() == (2,)
    assert db.execute("SELECT COUNT(*) FROM versions").fetchone() == (4,)
    hits = db.execute(
        "SELECT v.article_id, v.version FROM versions_fts f "
        "JOIN versions v ON v.version_id = f.rowid WHERE versions_fts MATCH 'thousands'"
    ).fetchall()
    assert hits == [(STORM, 2)]
    speakers = db.execute(
        "SELECT speaker FROM quotes_fts WHERE quotes_fts MATCH 'harbour' GROUP BY speaker"
    ).fetchall()
    assert len(speakers) == 1
    assert speakers[0][0].endswith("Tom Reed")
    kinds = dict(
        db.execute(
            "SELECT kind, COUNT(*) FROM changes WHERE article_id = ? GROUP BY kind", (COUNCIL,)
        ).fetchall()
    )
    assert kinds.get("edited") == 1
    assert kinds.get("added", 0) >= 1
    numbers = db.execute(
        "SELECT old, new FROM facts WHERE article_id = ? AND change = 'changed'", (COUNCIL,)
    ).fetchall()
    assert any("40" in (old or "") and "45" in (new or "") for old, new in numbers)
    names = db.execute(
        "SELECT role, name FROM contributors WHERE article_id = ? AND version = 2", (COUNCIL,)
    ).fetchall()
    assert ("contributor", "Ann Smith") in names


def test_sqlite_export_again_adds_only_new_versions(
    history: Path, tmp_path: Path, store_path: Path
) -> None:
    db_path = tmp_path / "tracker.db"
    _export(history, "sqlite", db_path)
    again = json.loads(
        CliRunner()
        .invoke(app, ["export", str(db_path), "--json", "--store", str(store_path)])
        .stdout
    )
    assert again["rows"]["versions"] == 0
    more = (*STORM_TEXT, "The ferry terminal reopened on Wednesday afternoon after repairs.")
    _snapshot(tmp_path, store_path, STORM, article_html("Storm floods harbour", *more), _at(0.5))
    _export(store_path, "sqlite", db_path)
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT COUNT(*) FROM versions").fetchone() == (5,)
    assert db.execute(
        "SELECT COUNT(*) FROM versions_fts WHERE versions_fts MATCH 'reopened'"
    ).fetchone() == (1,)
    assert db.execute(
        "SELECT versions FROM articles WHERE article_id = ?", (STORM,)
    ).fetchone() == (3,)
    pairs = db.execute("SELECT DISTINCT from_version, to_version FROM changes WHERE article_id = ?",
                       (STORM,)).fetchall()  # fmt: skip
    assert sorted(pairs) == [(1, 2), (2, 3)]


def test_parquet_reads_back_with_the_documented_schema(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    _export(history, "parquet", out)
    for table in TABLES:
        assert (out / table).is_dir()
        dataset = ds.dataset(out / table, format="parquet", partitioning="hive")
        assert set(dataset.schema.names) == {name for name, _ in SCHEMA[table]}
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.parquet"))
    assert "versions/host=news.example.com/month=" + _at(1)[:7] + "/part-0.parquet" in files
    assert any(f.startswith("versions/host=other.example.org/") for f in files)
    one = pq.read_table(next((out / "versions").rglob("*.parquet")))
    assert one.schema.field("version").type == arrow_schema("versions").field("version").type
    versions = read_parquet(out, "versions")
    assert sorted((r["host"], r["version"]) for r in versions) == [
        ("news.example.com", 1),
        ("news.example.com", 2),
        ("other.example.org", 1),
        ("other.example.org", 2),
    ]
    quotes = read_parquet(out, "quotes")
    added = [q["speaker"] for q in quotes if q["added"]]
    assert len(added) == 2
    assert any(s.endswith("Maria Gomez") for s in added)
    assert any(s.endswith("Tom Reed") for s in added)


def test_jsonl_one_file_per_table(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "jsonl"
    _export(history, "jsonl", out)
    rows = [json.loads(line) for line in (out / "versions.jsonl").read_text().splitlines()]
    assert len(rows) == 4
    assert list(rows[0]) == [name for name, _ in SCHEMA["versions"]]
    assert {f.name for f in out.iterdir()} == {f"{t}.jsonl" for t in TABLES}


def test_jsonl_into_one_file(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    _export(history, "jsonl", out)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert sum(r["table"] == "versions" for r in rows) == 4
    assert {r["table"] for r in rows} <= set(TABLES)


def test_export_without_a_store_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["export", str(tmp_path / "x.db"), "--store", str(tmp_path / "none")]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
