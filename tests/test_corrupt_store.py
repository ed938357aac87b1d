"""A damaged store gives one clear error line, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from tracker.cli.app import app

URL = "https://news.example.org/2024/05/river-road-flood"
STORY = Path(__file__).parent / "fixtures" / "story" / "v1.txt"
runner = CliRunner()


def _store_with_one_version(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    result = runner.invoke(app, ["snapshot", str(STORY), "--url", URL, "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def test_missing_git_objects_are_reported_as_a_damaged_store(tmp_path: Path) -> None:
    store = _store_with_one_version(tmp_path)
    shutil.rmtree(store / ".git" / "objects" / "pack")
    (store / ".git" / "objects" / "pack").mkdir()
    for args in (["show", URL], ["snapshot", str(STORY), "--url", URL + "/other"]):
        result = runner.invoke(app, [*args, "--store", str(store)])
        assert result.exit_code == 1, args
        assert result.stderr.startswith("Error: ")
        assert "damaged" in result.stderr
        assert result.stderr.count("\n") == 1


def test_an_unreadable_format_file_is_a_clear_error(tmp_path: Path) -> None:
    store = _store_with_one_version(tmp_path)
    (store / ".tracker-store").write_text("garbage", encoding="utf-8")
    result = runner.invoke(app, ["log", URL, "--store", str(store)])
    assert result.exit_code == 1
    assert ".tracker-store" in result.stderr


def test_a_folder_of_other_files_is_not_taken_for_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["snapshot", str(STORY), "--url", URL, "--store", str(folder)])
    assert result.exit_code == 1
    assert "not a tracker store" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
