"""Options like git's: global --store/-v/-q before the command, --version, one error boundary,
options that cannot apply refused, and the store's answer to out-of-order versions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker import __version__
from tracker.cli.app import app

URL = "https://example.com/news/harbour"
FIRST = "Harbour works begin\n\nCrews began dredging the harbour on Monday, the port said.\n"
SECOND = "Harbour works begin\n\nCrews began dredging the harbour on Tuesday, the port said.\n"

runner = CliRunner()


@pytest.fixture
def pages(tmp_path: Path) -> tuple[str, str]:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(FIRST)
    second.write_text(SECOND)
    return str(first), str(second)


def _snap(store: Path, page: str, at: str, *extra: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--store", str(store), "snapshot", page, "--url", URL,
                               "--at", at, *extra])  # fmt: skip


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"tracker {__version__}"


def test_store_before_the_command_is_used(tmp_path: Path, pages: tuple[str, str]) -> None:
    store = tmp_path / "before"
    assert _snap(store, pages[0], "2024-05-01T10:00:00Z").exit_code == 0
    listed = runner.invoke(app, ["--store", str(store), "list", "--format", "json"])
    assert [a["url"] for a in json.loads(listed.stdout)] == [URL]


def test_store_after_the_command_wins_over_the_global_one(
    tmp_path: Path, pages: tuple[str, str]
) -> None:
    assert _snap(tmp_path / "a", pages[0], "2024-05-01T10:00:00Z").exit_code == 0
    result = runner.invoke(app, ["--store", str(tmp_path / "b"), "list", "--store",
                                 str(tmp_path / "a"), "--format", "json"])  # fmt: skip
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 1


def test_tracker_store_variable_picks_the_store(tmp_path: Path, pages: tuple[str, str]) -> None:
    assert _snap(tmp_path / "env", pages[0], "2024-05-01T10:00:00Z").exit_code == 0
    result = runner.invoke(app, ["log", URL], env={"TRACKER_STORE": str(tmp_path / "env")})
    assert result.exit_code == 0
    assert result.stdout.startswith("v1 ")


def test_help_lists_global_options_and_has_no_type_noise() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "100"})
    assert "--store" in result.stdout
    assert "--version" in result.stdout
    assert "-v, --verbose" in result.stdout
    diff_help = runner.invoke(app, ["diff", "-h"], env={"COLUMNS": "100"}).stdout
    assert "<bool>" not in diff_help
    assert "text|json|markdown|html" in diff_help
    assert "headline" in diff_help  # the --only parts are listed in full, not cut off


def test_fetch_options_for_a_file_are_bad_usage_naming_the_option(
    tmp_path: Path, pages: tuple[str, str]
) -> None:
    result = _snap(tmp_path / "s", pages[0], "2024-05-01T10:00:00Z", "--delay", "3")
    assert result.exit_code == 2
    assert "--delay" in result.output
    assert not (tmp_path / "s").exists()


def test_timeout_for_a_file_is_bad_usage(tmp_path: Path, pages: tuple[str, str]) -> None:
    result = _snap(tmp_path / "s", pages[0], "2024-05-01T10:00:00Z", "--timeout", "5")
    assert result.exit_code == 2
    assert "--timeout" in result.output


def test_same_text_at_the_same_time_is_a_no_op(tmp_path: Path, pages: tuple[str, str]) -> None:
    store = tmp_path / "s"
    for page, at in ((pages[0], "2024-05-01T10:00:00Z"), (pages[1], "2024-05-01T12:00:00Z")):
        assert _snap(store, page, at).exit_code == 0
    again = _snap(store, pages[0], "2024-05-01T10:00:00Z")  # the demo run a second time
    assert again.exit_code == 0
    assert "unchanged (already v1)" in again.stdout
    log = runner.invoke(app, ["--store", str(store), "log", URL, "--format", "json"])
    assert [v["version"] for v in json.loads(log.stdout)] == [1, 2]


def test_a_backdated_version_is_refused_unless_allowed(
    tmp_path: Path, pages: tuple[str, str]
) -> None:
    store = tmp_path / "s"
    assert _snap(store, pages[1], "2024-05-01T12:00:00Z").exit_code == 0
    refused = _snap(store, pages[0], "2024-05-01T10:00:00Z")
    assert refused.exit_code == 1
    assert re.search(
        r"^Error: .*before its newest version.*--allow-backdated", refused.stderr, re.M
    )
    allowed = _snap(store, pages[0], "2024-05-01T10:00:00Z", "--allow-backdated")
    assert allowed.exit_code == 0
    assert "changed v2" in allowed.stdout


def test_library_errors_become_one_error_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--store", str(tmp_path / "none"), "log", URL])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_show_takes_the_version_as_an_argument(tmp_path: Path, pages: tuple[str, str]) -> None:
    store = tmp_path / "s"
    _snap(store, pages[0], "2024-05-01T10:00:00Z")
    _snap(store, pages[1], "2024-05-01T12:00:00Z")
    first = runner.invoke(app, ["--store", str(store), "show", URL, "1"])
    assert "Monday" in first.stdout
    assert "Tuesday" in runner.invoke(app, ["--store", str(store), "show", URL]).stdout


def test_only_cuts_the_sentence_listing_too(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(
        "Bridge reopens\n\nThe bridge reopened on Monday after repairs.\n\n"
        "Traffic was light in the morning.\n"
    )
    new.write_text(
        "Bridge reopens\n\nThe bridge reopened on Monday after repairs.\n\n"
        "Traffic was heavy in the morning.\n\n"
        '"We are glad it is open," said Mayor Ana Ruiz.\n'
    )
    everything = runner.invoke(app, ["diff", str(old), str(new)])
    assert "Traffic was" in everything.stdout
    quotes = runner.invoke(app, ["diff", str(old), str(new), "--only", "quotes"])
    assert quotes.exit_code == 0
    assert "We are glad it is open" in quotes.stdout
    assert "Traffic was" not in quotes.stdout
