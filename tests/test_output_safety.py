"""Text a page controls never reaches the terminal raw: C1 controls (U+009B is a one-character
CSI, U+009D an OSC), bidi overrides and isolates, and C0 controls other than tab and newline are
printed as visible `\\uXXXX` escapes by every command; JSON stays JSON that reads back the same;
`show --raw` prints the page as it was fetched."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.cli.common import terminal_safe

URL = "https://news.example.org/2024/05/hostile"
HOSTILE = "\x9b31m\u202e\u2066\x9d0;x\x85\u202a"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
BODY = (
    "Heavy rain pushed the Alder River over its banks on Sunday, closing the river road between "
    "Millbrook and Eastfield for the second time this year.\n"
    "County officials said 12 homes were evacuated overnight and that no injuries had been "
    "reported.\n"
    "The road is expected to reopen on Tuesday, according to the county highway department.\n"
)
runner = CliRunner()


def _run(store: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--store", str(store), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(name="store")
def _store(tmp_path: Path) -> Path:
    """A store with two versions of an article whose headline and text hold hostile characters,
    a watched URL and a notification target holding them too."""
    store = tmp_path / "store"
    for n, at in ((1, "2024-05-01T10:00:00+00:00"), (2, "2024-05-01T12:00:00+00:00")):
        page = tmp_path / f"v{n}{HOSTILE}.txt"
        extra = f"The bridge {HOSTILE} stays shut.\n" if n == 2 else ""
        page.write_text(f"Flood {HOSTILE} closes road\n\nRain {HOSTILE} fell.\n{BODY}{extra}",
                        encoding="utf-8")  # fmt: skip
        code, out, err = _run(store, "snapshot", str(page), "--url", URL, "--at", at, "-v")
        assert code == 0, err
        assert "\\u009b" in out  # the source's file name, escaped
        assert not UNSAFE.search(out + err)
    assert _run(store, "watch", "add", "--kind", "article", f"{URL}/b\u202ex")[0] == 0
    assert _run(store, "notify", "add", "https://hooks.example.org/\u202ex")[0] == 0
    return store


@pytest.mark.parametrize(
    "args",
    [
        ["log", URL],
        ["show", URL],
        ["show", URL, "1"],
        ["list"],
        ["diff", URL],
        ["diff", URL, "--side-by-side"],
        ["diff", URL, "-f", "markdown"],
        ["changelog"],
        ["changelog", "-f", "html"],
        ["watch", "list"],
        ["notify", "list"],
    ],
)
def test_no_command_prints_a_control_or_bidi_character_raw(store: Path, args: list[str]) -> None:
    code, out, err = _run(store, *args)
    assert code == 0, err
    assert not UNSAFE.search(out), out
    assert not UNSAFE.search(err), err
    assert "\\u009b" in out or "\\u202e" in out  # visible, not dropped


@pytest.mark.parametrize(
    "args", [["log", URL, "-f", "json"], ["show", URL, "-f", "json"], ["list", "-f", "json"],
             ["diff", URL, "-f", "json"], ["changelog", "-f", "json"],
             ["watch", "list", "-f", "json"]],
)  # fmt: skip
def test_json_is_escaped_but_reads_back_the_same(store: Path, args: list[str]) -> None:
    code, out, _ = _run(store, *args)
    assert code == 0
    assert not UNSAFE.search(out)
    assert "\u202e" in json.dumps(json.loads(out), ensure_ascii=False)


def test_json_escapes_decode_to_the_original_text() -> None:
    document = json.dumps({"title": f"a{HOSTILE}b\x1b"}, ensure_ascii=False)
    assert json.loads(terminal_safe(document)) == json.loads(document)


def test_show_raw_prints_the_page_as_fetched(store: Path) -> None:
    result = runner.invoke(app, ["--store", str(store), "show", URL, "--raw"])
    assert result.exit_code == 0
    assert HOSTILE.encode("utf-8") in result.stdout_bytes


def test_error_lines_are_escaped_too(store: Path) -> None:
    code, _, err = _run(store, "show", f"{URL}/missing\x9b2J\u202e")
    assert code == 1
    assert err.startswith("Error: ")
    assert not UNSAFE.search(err)
    assert err.count("\n") == 1


def test_tab_newline_and_the_text_views_colour_stay() -> None:
    assert terminal_safe("a\tb\nc") == "a\tb\nc"
    coloured = "\x1b[1;31mold\x1b[0m \x9b2J \x1b]0;title\x07"
    assert terminal_safe(coloured, keep_colour=True) == (
        "\x1b[1;31mold\x1b[0m \\u009b2J \\u001b]0;title\\u0007"
    )


def test_every_command_prints_through_the_safe_echo() -> None:
    cli = Path(__file__).parent.parent / "tracker" / "cli"
    for module in cli.glob("*.py"):
        if module.name != "common.py":
            text = module.read_text(encoding="utf-8")
            assert "typer.echo(" not in text, module.name
            assert "print(" not in text, module.name


def test_usage_errors_quoting_what_was_typed_are_escaped(tmp_path: Path) -> None:
    code, _, err = _run(tmp_path / "store", "diff", URL, "--only", f"a{HOSTILE}b")
    assert code == 2
    assert "unknown part(s) a\\u009b31m" in err
    assert not UNSAFE.search(err)
