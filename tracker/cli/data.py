"""`tracker import` (history from a web archive), `tracker export` (the store as data) and
`tracker corpus analyze|stats` (the comparison of every version pair of many stores, on Dask)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from tracker.cli.app import app
from tracker.cli.common import (
    QuietOption,
    StoreOption,
    WaitOption,
    global_options,
    store_path,
)

if TYPE_CHECKING:
    from tracker.pipeline.archive_import import CaptureOutcome, ImportResult


class Protocol(str, Enum):
    CDX = "cdx"
    MEMENTO = "memento"


class ReportFormat(str, Enum):
    TEXT = "text"
    JSON = "json"


@app.command("import")
def import_(
    url: Annotated[str, typer.Argument(help="The article's URL, as the archive knows it.")],
    archive: Annotated[
        str,
        typer.Option(
            "--archive",
            help="The archive's base URL (Wayback-compatible: /cdx/search/cdx and /web/).",
        ),
    ] = "https://web.archive.org",
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--from", help="First capture date (YYYY[-MM[-DD]] or a UTC time)."),
    ] = None,
    until: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--to", help="Last capture date (YYYY[-MM[-DD]] or a UTC time)."),
    ] = None,
    protocol: Annotated[
        Protocol,
        typer.Option("--protocol", help="cdx (the CDX index) or memento (a link-format TimeMap)."),
    ] = Protocol.CDX,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Let --archive be a loopback or private address."),
    ] = False,
    rate: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option(
            "--rate",
            min=0.0,
            help="Requests a minute (default 15, the Internet Archive's limit; a loopback archive "
            "is not paced; 0: no pause).",
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds before a request gives up.")
    ] = 60.0,
    wait: WaitOption = 10.0,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ReportFormat.TEXT
    ),
    quiet: QuietOption = False,
    store: StoreOption = None,
) -> None:
    """Record the versions of URL that a web archive holds, each at its capture time.

    Captures with the same article text are one version; archive error pages and redirects
    never become versions. Running it again fetches only captures not imported yet.
    """
    from tracker.pipeline.archive_import import import_archive
    from tracker.store.store import Store

    quiet = quiet or global_options().quiet
    opened = Store.open(store_path(store))
    with _progress(not quiet and fmt is ReportFormat.TEXT, "importing") as step:
        result = import_archive(
            opened, url, archive=archive, since=since, until=until, protocol=protocol.value,
            allow_private=allow_private, rate=rate, timeout=timeout, wait=wait, progress=step,
        )  # fmt: skip
    _print_import(result, fmt, quiet)


def _print_import(result: ImportResult, fmt: ReportFormat, quiet: bool) -> None:
    if fmt is ReportFormat.JSON:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        if global_options().verbose:
            for outcome in result.outcomes:
                version = f" v{outcome.version}" if outcome.version else ""
                typer.echo(f"  {outcome.capture.timestamp}  {outcome.status}{version}")
        for outcome in result.outcomes:
            if outcome.status == "failed" and not quiet:
                typer.echo(f"  {outcome.capture.timestamp}: {outcome.error}", err=True)
        if not quiet:
            typer.echo(result.describe())


@contextmanager
def _progress(wanted: bool, label: str) -> Iterator[Callable[[int, int, CaptureOutcome], None]]:
    """A progress bar on stderr when it is a terminal."""
    if not (wanted and sys.stderr.isatty()):
        yield lambda done, total, outcome: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def step(done: int, total: int, outcome: CaptureOutcome) -> None:
            bar.update(task, completed=done, total=total)

        yield step


class ExportFormat(str, Enum):
    SQLITE = "sqlite"
    PARQUET = "parquet"
    JSONL = "jsonl"


@app.command()
def export(
    out: Annotated[
        Path, typer.Argument(help="The .db file (sqlite), or a folder (parquet, jsonl).")
    ],
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="sqlite, parquet or jsonl.")
    ] = ExportFormat.SQLITE,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the rows written per table as JSON.")
    ] = False,
    quiet: QuietOption = False,
    store: StoreOption = None,
) -> None:
    """Write the store as data: articles, versions, changes, quotes, facts, contributors.

    SQLite has foreign keys, indexes and full-text search (versions_fts, quotes_fts), and
    exporting again into the same file adds only new versions. Parquet writes one folder per
    table, partitioned by host and month; jsonl one file per table. See docs/export.md.
    """
    from tracker.pipeline.export import export_store
    from tracker.store.store import Store

    quiet = quiet or global_options().quiet
    opened = Store.open(store_path(store), create=False)
    with _counter(not quiet and not as_json, "exporting") as step:
        result = export_store(opened, fmt.value, out, progress=step)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
    elif not quiet:
        typer.echo(result.describe())


@contextmanager
def _counter(wanted: bool, label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr when it is a terminal; yields the `(done, total)` callback."""
    if not (wanted and sys.stderr.isatty()):
        yield lambda done, total: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)
