"""The `tracker` command: parse -> call one pipeline function -> render -> map errors."""

from __future__ import annotations

import json
import sys
from enum import Enum, IntEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

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


app = typer.Typer(
    name="tracker",
    help="Watch news articles change after publication and see exactly what changed.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional at runtime on 3.10
    typer.Option("--store", envvar="TRACKER_STORE", help="Snapshot store (default ./snapshots)."),
]


def _fail(error: TrackerError) -> typer.Exit:
    typer.echo(f"Error: {error}", err=True)
    return typer.Exit(ExitStatus.ERROR)


def _read_source(source: str) -> bytes:
    from tracker.errors import BadSource

    if source == "-":
        return sys.stdin.buffer.read()
    path = Path(source)
    if not path.is_file():
        raise BadSource(f"{source} is not a readable file; give an HTML or text file, or '-'")
    return path.read_bytes()


@app.command()
def extract(
    source: Annotated[str, typer.Argument(help="HTML or text file, http(s) URL, or '-' for stdin.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TEXT,
) -> None:
    """Show what extraction sees in one page: title, authors, dates, body, contributors, notes."""
    from tracker.extract import extract_article

    try:
        article = extract_article(_read_source(source))
    except TrackerError as e:
        raise _fail(e) from None
    if fmt is Format.JSON:
        typer.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(article.title)
        typer.echo("")
        typer.echo(article.text)


@app.command()
def diff(
    target: Annotated[str, typer.Argument(help="Article URL, or the OLD file (then give NEW).")],
    new: Annotated[Optional[str], typer.Argument(help="The NEW file.")] = None,  # noqa: UP045
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TEXT,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 3 when the versions differ.")
    ] = False,
) -> None:
    """Show what changed between two versions, sentence by sentence."""
    from tracker.pipeline import compare

    try:
        report = compare(_read_source(target), _read_source(new or ""))
    except TrackerError as e:
        raise _fail(e) from None
    typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    if exit_code and report.changed:
        raise typer.Exit(ExitStatus.DIFFERS)


def main() -> None:
    app()
