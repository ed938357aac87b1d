"""Every command documents itself, and `python -m tracker` is the same program as `tracker`."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app

COMMANDS = [
    ["extract"],
    ["diff"],
    ["snapshot"],
    ["log"],
    ["show"],
    ["list"],
    ["changelog"],
    ["reextract"],
    ["watch"],
    ["watch", "add"],
    ["watch", "list"],
    ["watch", "remove"],
]

runner = CliRunner()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "Usage: tracker " + " ".join(command) in " ".join(result.stdout.split())
    summary = [line for line in result.stdout.splitlines() if line.strip()][1]
    assert len(summary.strip()) > 15


def test_help_lists_every_top_level_command() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "100"})
    for command in {c[0] for c in COMMANDS}:
        assert f" {command} " in result.stdout


def test_no_arguments_prints_usage() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code in (0, 2)
    assert "Usage:" in result.output


def test_python_dash_m_runs_the_same_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "snapshot" in result.stdout
    assert result.stderr == ""


def test_unknown_command_is_bad_usage() -> None:
    result = runner.invoke(app, ["frobnicate"])
    assert result.exit_code == 2
