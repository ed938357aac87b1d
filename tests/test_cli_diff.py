"""`tracker diff` and `tracker changelog` from the outside: formats, exit codes, filters, errors."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from conftest import PARAGRAPHS, PageServer, Reply, article_html
from typer.testing import CliRunner

from tracker.cli.app import app

STORY = Path(__file__).parent / "fixtures" / "story"
OLD, NEW = str(STORY / "v1.txt"), str(STORY / "v2.txt")
URL = "https://news.example.org/2024/05/river-road-flood"

runner = CliRunner()


def _diff_json(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["diff", OLD, NEW, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    doc: dict[str, object] = json.loads(result.stdout)
    return doc


def test_diff_json_reports_headline_claim_quote_contributor_and_note() -> None:
    doc = _diff_json()
    assert doc["headline"] == {
        "old": "Flood waters close river road",
        "new": "Flood waters close river road; dozens evacuated",
    }
    changes = [c for claim in doc["claims"] for c in claim["changes"]]  # type: ignore[attr-defined]
    assert {"kind": "number", "old": "12", "new": "31"} in changes
    assert any(c["kind"] == "hedge" for c in changes)
    added = doc["quotes"]["added"]  # type: ignore[index]
    assert [q["speaker"] for q in added] == ["Mayor Priya Shah"]
    assert doc["contributors"] == {"added": ["Sam Okafor"], "removed": []}
    assert any(n.startswith("Correction:") for n in doc["notes"]["added"])  # type: ignore[index]


def test_diff_of_identical_files_is_all_same_and_exit_code_zero() -> None:
    result = runner.invoke(app, ["diff", OLD, OLD, "--format", "json", "--exit-code"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert {s["kind"] for s in doc["sentences"]} == {"same"}
    assert doc["summary"] == "No changes."


def test_exit_code_three_when_versions_differ() -> None:
    assert runner.invoke(app, ["diff", OLD, NEW, "--exit-code"]).exit_code == 3
    assert runner.invoke(app, ["diff", OLD, NEW]).exit_code == 0


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_each_format_prints_the_summary(fmt: str) -> None:
    result = runner.invoke(app, ["diff", OLD, NEW, "--format", fmt])
    assert result.exit_code == 0
    assert "Headline changed" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_only_keeps_the_chosen_parts() -> None:
    doc = _diff_json("--only", "contributors")
    assert doc["headline"] is None
    assert doc["claims"] == []
    assert doc["contributors"] == {"added": ["Sam Okafor"], "removed": []}
    assert str(doc["summary"]).startswith("New contributors: Sam Okafor")


def test_unknown_only_part_is_bad_usage() -> None:
    result = runner.invoke(app, ["diff", OLD, NEW, "--only", "weather"])
    assert result.exit_code == 2
    assert "weather" in result.stderr


def test_missing_file_is_a_one_line_error() -> None:
    result = runner.invoke(app, ["diff", OLD, "/nonexistent/new.txt"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert result.stderr.count("\n") == 1


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    for source, at in ((OLD, "2024-05-05T08:00:00Z"), (NEW, "2024-05-06T09:30:00Z")):
        result = runner.invoke(
            app, ["snapshot", source, "--url", URL, "--at", at, "--store", str(path)]
        )
        assert result.exit_code == 0, result.output
    return path


def test_diff_of_stored_versions_defaults_to_the_last_two(store: Path) -> None:
    result = runner.invoke(app, ["diff", URL, "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["from"]["version"] == 1
    assert doc["to"]["version"] == 2
    assert doc["headline"]["new"].endswith("dozens evacuated")


def test_diff_of_an_unknown_url_says_how_to_fix_it(store: Path) -> None:
    result = runner.invoke(app, ["diff", "https://news.example.org/other", "--store", str(store)])
    assert result.exit_code == 1
    assert "tracker snapshot" in result.stderr


def test_changelog_atom_feed_parses_and_escapes(store: Path) -> None:
    result = runner.invoke(app, ["changelog", "--store", str(store), "--format", "atom"])
    assert result.exit_code == 0, result.output
    feed = feedparser.parse(result.stdout)
    assert not feed.bozo
    assert [e.title for e in feed.entries] == [
        "Flood waters close river road; dozens evacuated (v2)",
        "Flood waters close river road (v1)",
    ]
    assert "12" in feed.entries[0].summary


def test_changelog_since_keeps_later_versions_only(store: Path) -> None:
    result = runner.invoke(
        app, ["changelog", "--store", str(store), "--format", "json", "--since", "2024-05-06"]
    )
    doc = json.loads(result.stdout)
    versions = doc["articles"][0]["versions"]
    assert [v["version"] for v in versions] == [2]
    assert "31" in versions[0]["summary"]


def test_changelog_markdown_lists_each_version(store: Path) -> None:
    result = runner.invoke(app, ["changelog", URL, "--store", str(store)])
    assert result.exit_code == 0
    assert "### v1" in result.stdout
    assert "### v2" in result.stdout
    assert "Sam Okafor" in result.stdout


def test_extract_and_diff_fetch_urls(server: PageServer) -> None:
    old = server.serve("/old", article_html("Council approves budget"))
    new = server.serve("/new", article_html("Council approves budget after long debate"))
    extracted = runner.invoke(app, ["extract", old, "--format", "json"])
    assert extracted.exit_code == 0, extracted.output
    assert json.loads(extracted.stdout)["title"] == "Council approves budget"
    result = runner.invoke(app, ["diff", old, new, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["headline"]["new"].endswith("after long debate")


def test_extract_of_a_missing_page_is_a_one_line_error(server: PageServer) -> None:
    result = runner.invoke(app, ["extract", server.url("/missing")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "404" in result.stderr


def test_exit_code_counts_a_contributor_only_change(tmp_path: Path) -> None:
    old = (STORY / "v1.txt").read_text(encoding="utf-8")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(old, encoding="utf-8")
    b.write_text(old + "Sam Okafor contributed to this report.\n", encoding="utf-8")
    assert runner.invoke(app, ["diff", str(a), str(b), "--exit-code"]).exit_code == 3


def test_exit_code_with_only_looks_at_the_chosen_parts() -> None:
    result = runner.invoke(app, ["diff", OLD, NEW, "--only", "contributors", "--exit-code"])
    assert result.exit_code == 3
    same_quotes = runner.invoke(
        app,
        ["diff", str(STORY / "v1.txt"), str(STORY / "v1.txt"), "--only", "quotes", "--exit-code"],
    )
    assert same_quotes.exit_code == 0


def test_reading_commands_never_create_a_store(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for args in (["list"], ["changelog"], ["diff", URL], ["log", URL]):
        result = runner.invoke(app, [*args, "--store", str(missing)])
        assert result.exit_code == 1, args
        assert result.stderr.startswith("Error: ")
    assert not missing.exists()


def test_extract_of_a_url_reads_its_charset_and_keeps_its_url(server: PageServer) -> None:
    page = article_html(
        "Café owners protest", *(p.replace("Mayor", "Café owner") for p in PARAGRAPHS)
    )
    url = server.serve(
        "/latin",
        Reply(page.encode("iso-8859-1"), headers={"Content-Type": "text/html; charset=iso-8859-1"}),
    )
    result = runner.invoke(app, ["extract", url, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["title"] == "Café owners protest"
    assert doc["url"] == url


def test_a_failed_source_is_named_once(server: PageServer, tmp_path: Path) -> None:
    url = server.url("/gone")
    result = runner.invoke(app, ["snapshot", url, "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert result.stderr.count(url) == 1


def test_a_snapshot_keeps_the_url_as_given(server: PageServer, tmp_path: Path) -> None:
    url = server.serve("/plain-http", article_html("Council approves budget"))
    store = str(tmp_path / "s")
    assert runner.invoke(app, ["snapshot", url, "--store", store]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["list", "--store", store, "--format", "json"]).stdout)
    assert [a["url"] for a in listed] == [url]


def test_diff_of_one_file_asks_for_the_new_one() -> None:
    result = runner.invoke(app, ["diff", OLD])
    assert result.exit_code == 2
    assert "NEW" in result.stderr


def test_binary_files_are_refused_before_extraction(tmp_path: Path) -> None:
    blob = tmp_path / "photo.jpg"
    blob.write_bytes(bytes(range(256)) * 20)
    for args in (["extract", str(blob)], ["diff", str(blob), OLD]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, args
        assert "binary" in result.stderr
    result = runner.invoke(
        app, ["snapshot", str(blob), "--url", URL, "--store", str(tmp_path / "s")]
    )
    assert result.exit_code == 1
    assert "binary" in result.stderr
