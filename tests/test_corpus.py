"""`tracker corpus analyze|stats`: every version pair of several stores (and an export), on a
real two-process Dask cluster through --scheduler, equal to the single-process run; resumable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PARAGRAPHS, article_html
from typer.testing import CliRunner

from tracker import compare
from tracker.cli import app
from tracker.pipeline.corpus import OUTPUT_TABLES, read_table

LEDE = (
    "Firefighters battled a wildfire north of the city on Sunday as strong winds pushed the "
    "flames toward several hillside neighbourhoods and forced hundreds of families to leave."
)
FIRE = (
    LEDE,
    '"We are doing everything we can," said Fire Chief Dana Ortiz at an evening briefing.',
    "The fire had burned about 2,000 acres by nightfall, and officials said it was 10 percent "
    "contained, with more crews expected to arrive from neighbouring counties overnight.",
)


def _fire(day: int) -> tuple[str, ...]:
    acres = f"{2000 + 1500 * day:,}"
    return (
        LEDE.replace("Sunday", "Sunday and Monday") if day else LEDE,
        FIRE[1],
        FIRE[2].replace("2,000", acres).replace("10 percent", f"{10 + 15 * day} percent"),
        *(["Evacuation orders were lifted for two neighbourhoods on Tuesday."] if day > 1 else []),
    )


def _snapshot(tmp: Path, store: Path, url: str, html: str, at: str) -> None:
    page = tmp / "page.html"
    page.write_text(html, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["snapshot", str(page), "--url", url, "--at", at, "--store", str(store)]
    )
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two stores sharded by outlet, and the Parquet export of a third shard."""
    tmp = tmp_path_factory.mktemp("corpus")
    city, fire, later = tmp / "city-store", tmp / "fire-store", tmp / "later-store"
    for n in range(3):
        url = f"https://city.example.com/2024/budget-{n}.html"
        _snapshot(tmp, city, url, article_html(f"Budget story {n}"), f"2024-05-0{n + 1}T08:00:00Z")
        edited = (PARAGRAPHS[0], PARAGRAPHS[1].replace("40", str(41 + n)), *PARAGRAPHS[2:])
        _snapshot(tmp, city, url, article_html(f"Budget story {n}", *edited),
                  f"2024-05-0{n + 1}T1{n}:30:00Z")  # fmt: skip
    _snapshot(tmp, city, "https://city.example.com/one-version.html", article_html("Calm"),
              "2024-05-04T08:00:00Z")  # fmt: skip
    fire_url = "https://www.fire.example.net/wildfire.html"
    for day in range(3):
        html = article_html("Wildfire spreads", *_fire(day), byline="Lee Park")
        _snapshot(tmp, fire, fire_url, html, f"2024-06-0{day + 1}T06:00:00Z")
    # a later shard of the same wildfire story, exported to Parquet
    html = article_html("Wildfire contained", *_fire(3), byline="Lee Park and Kim Roe")
    _snapshot(tmp, later, fire_url, html, "2024-06-05T06:00:00Z")
    export = tmp / "later-export"
    result = CliRunner().invoke(
        app, ["export", "--format", "parquet", str(export), "--store", str(later)]
    )
    assert result.exit_code == 0, result.stderr
    return [city, fire, export]


def _analyze(sources: list[Path], out: Path, *extra: str) -> dict[str, object]:
    args = ["corpus", "analyze", *map(str, sources), "--out", str(out), "--json", *extra]
    result = CliRunner().invoke(app, [*args, "--partition-size", "2"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _tables(out: Path) -> dict[str, list[dict[str, object]]]:
    return {table: read_table(out, table) for table in ("articles", *OUTPUT_TABLES)}


def test_cluster_run_equals_single_process_run(sources: list[Path], tmp_path: Path) -> None:
    from distributed import LocalCluster

    single = tmp_path / "single"
    summary = _analyze(sources, single, "--in-process")
    assert summary["pairs"] == 6  # 3 city pairs, 2 + 1 wildfire pairs across two shards
    assert summary["articles"] == 5
    assert summary["partitions"] == 3
    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        spread = tmp_path / "cluster"
        on_cluster = _analyze(sources, spread, "--scheduler", cluster.scheduler_address)
    assert on_cluster["computed"] == 3
    assert str(on_cluster["where"]).startswith("the Dask scheduler at tcp://")
    assert _tables(spread) == _tables(single)
    for table in OUTPUT_TABLES:
        names = sorted(p.name for p in (single / table).iterdir())
        assert names == sorted(p.name for p in (spread / table).iterdir())


def test_results_are_the_public_compare(sources: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    _analyze(sources, out, "--in-process")
    pairs = read_table(out, "pairs")
    fire = [p for p in pairs if p["host"] == "fire.example.net"]
    assert [(p["from_version"], p["to_version"]) for p in fire] == [(1, 2), (2, 3), (3, 4)]
    assert fire[2]["from_seen"] == "2024-06-03T06:00:00+00:00"
    assert fire[2]["headline_changed"]
    assert fire[2]["contributors_added"] == 1
    facts = [f for f in read_table(out, "facts") if f["pair_id"] == fire[0]["pair_id"]]
    assert any(f["change"] == "changed" and f["kind"] == "number" for f in facts)
    changes = [c for c in read_table(out, "changes") if c["pair_id"] == fire[0]["pair_id"]]
    report = compare(
        article_html("Wildfire spreads", *_fire(0), byline="Lee Park"),
        article_html("Wildfire spreads", *_fire(1), byline="Lee Park"),
    ).to_dict()
    expected = [s["kind"] for s in report["sentences"] if s["kind"] != "same"]
    assert [c["kind"] for c in changes] == expected


def test_analyze_again_computes_only_missing_partitions(
    sources: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _analyze(sources, out, "--in-process")
    before = _tables(out)
    assert _analyze(sources, out, "--in-process")["computed"] == 0
    victim = sorted((out / "pairs").iterdir())[1]
    victim.unlink()
    assert _analyze(sources, out, "--in-process")["computed"] == 1
    assert _tables(out) == before


def test_stats_table_json_and_csv(sources: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    _analyze(sources, out, "--in-process")
    result = CliRunner().invoke(app, ["corpus", "stats", str(out), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = {r["host"]: r for r in json.loads(result.stdout)}
    assert rows["city.example.com"]["articles"] == 4
    assert rows["city.example.com"]["changed_share"] == 0.75
    assert rows["city.example.com"]["median_hours_to_first_update"] == 3.5
    assert rows["fire.example.net"]["versions_per_article"] == 4.0
    assert rows["*"]["pairs"] == 6
    text = CliRunner().invoke(app, ["corpus", "stats", str(out)]).stdout
    assert text.splitlines()[0].startswith("host")
    csv = CliRunner().invoke(app, ["corpus", "stats", str(out), "--format", "csv"]).stdout
    assert csv.splitlines()[0].startswith("host,articles,changed_share")
    assert len(csv.splitlines()) == 4


def test_a_folder_that_is_no_source_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["corpus", "analyze", str(tmp_path), "--out", str(tmp_path / "o"), "--in-process"]
    )
    assert result.exit_code == 1
    assert "neither a tracker store nor a Parquet export" in result.stderr
    stats = CliRunner().invoke(app, ["corpus", "stats", str(tmp_path)])
    assert stats.exit_code == 1
    assert stats.stderr.startswith("Error: ")
