"""What the `tracker` command's modules share: exit statuses, formats, the store option, error
mapping, and parsing of sources, times and --only; how wide and whether coloured output is."""

from __future__ import annotations

import inspect
import os
import shutil
import sys
from datetime import datetime
from enum import Enum, IntEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from tracker import times
from tracker.errors import TrackerError


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    DIFFERS = 3


class Format(str, Enum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


StoreOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional at runtime on 3.10
    typer.Option("--store", envvar="TRACKER_STORE", help="Snapshot store (default ./snapshots)."),
]


def fail(error: TrackerError) -> typer.Exit:
    """Print the error on stderr; the exit to raise (status 1)."""
    typer.echo(f"Error: {error}", err=True)
    return typer.Exit(ExitStatus.ERROR)


def store_path(store: Path | None) -> Path:
    """The --store folder, or ./snapshots."""
    return store if store is not None else Path("snapshots")


def failure_line(source: str, error: str | None) -> str:
    """'Error: SOURCE: reason' for a failed source, naming the source once."""
    reason = error or "failed"
    return f"Error: {reason}" if source in reason else f"Error: {source}: {reason}"


def parse_only(only: str | None) -> frozenset[str] | None:
    """The report parts --only keeps (None: all)."""
    if not only:
        return None
    parts = frozenset(p.strip() for p in only.split(",") if p.strip())
    unknown = parts - {"quotes", "claims", "contributors", "notes", "headline"}
    if unknown:
        raise typer.BadParameter(
            f"unknown part(s) {', '.join(sorted(unknown))}; "
            "choose from quotes, claims, contributors, notes, headline",
            param_hint="--only",
        )
    return parts


def use_color(fmt: Format) -> bool:
    """Colour only for the text view on a terminal, and never with NO_COLOR set."""
    return fmt is Format.TEXT and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def terminal_width() -> int:
    """Columns for the text view: the terminal's, else 100."""
    return shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100


def parse_time(value: str | None) -> datetime | None:
    """--at as a datetime (a usage error when it is not ISO 8601)."""
    if value is None:
        return None
    try:
        return times.parse_time(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO 8601 time (e.g. 2024-05-01T14:30:00+00:00)", param_hint="--at"
        ) from None


def unwrap_help(app: typer.Typer) -> None:
    """Give each command its docstring with paragraphs joined into single lines.

    Typer keeps the line breaks of a docstring's later paragraphs, which then break in odd places
    on a terminal of another width; joined lines wrap to the terminal instead.
    """
    for command in app.registered_commands:
        doc = command.help or (command.callback.__doc__ if command.callback else None)
        if doc:
            paragraphs = inspect.cleandoc(doc).split("\n\n")
            command.help = "\n\n".join(" ".join(p.split()) for p in paragraphs)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            unwrap_help(group.typer_instance)
