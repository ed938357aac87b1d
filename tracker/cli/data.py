"""`tracker import` (history from a web archive), `tracker export` (the store as data) and
`tracker corpus analyze|stats` (the comparison of every version pair of many stores, on Dask)."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from tracker.cli.app import app
from tracker.cli.common import (
    ExitStatus,
    QuietOption,
    StoreOption,
    WaitOption,
    counter,
    echo,
    global_options,
    progress_bar,
    store_path,
)

if TYPE_CHECKING:
    from tracker.pipeline.archive_import import ImportResult


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
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every capture and what became of it.")
    ] = False,
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
    with progress_bar(not quiet and fmt is ReportFormat.TEXT, "importing") as step:
        result = import_archive(
            opened, url, archive=archive, since=since, until=until, protocol=protocol.value,
            allow_private=allow_private, rate=rate, timeout=timeout, wait=wait, progress=step,
        )  # fmt: skip
    _print_import(result, fmt, quiet, verbose or global_options().verbose)


def _print_import(result: ImportResult, fmt: ReportFormat, quiet: bool, verbose: bool) -> None:
    if fmt is ReportFormat.JSON:
        echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        if verbose and not quiet:
            for outcome in result.outcomes:
                version = f" v{outcome.version}" if outcome.version else ""
                echo(f"  {outcome.capture.timestamp}  {outcome.status}{version}")
        for outcome in result.outcomes:
            if outcome.status == "failed" and not quiet:
                echo(f"  {outcome.capture.timestamp}: {outcome.error}", err=True)
        if not quiet:
            echo(result.describe())
    if result.outcomes and all(o.status == "failed" for o in result.outcomes):
        raise typer.Exit(ExitStatus.ERROR)  # not one capture could be read as the article


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
    with counter(not quiet and not as_json, "exporting") as step:
        result = export_store(opened, fmt.value, out, progress=step)
    if as_json:
        echo(json.dumps(result.to_dict(), indent=2))
    elif not quiet:
        echo(result.describe())


corpus = typer.Typer(
    name="corpus",
    help="Analyse every version pair of many stores or exports on Dask, and summarise.",
    no_args_is_help=True,
)
app.add_typer(corpus)


class StatsFormat(str, Enum):
    TEXT = "text"
    JSON = "json"
    CSV = "csv"


@corpus.command("analyze")
def corpus_analyze(
    sources: Annotated[
        list[Path],
        typer.Argument(metavar="SOURCE...", help="Stores or Parquet exports (tracker export)."),
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for the Parquet results.")],
    scheduler: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--scheduler",
            help="A Dask scheduler's address (tcp://HOST:8786); default: a local cluster.",
        ),
    ] = None,
    workers: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--workers", min=1, help="Worker processes of the local cluster (cores)."),
    ] = None,
    in_process: Annotated[
        bool, typer.Option("--in-process", help="No Dask: compare the pairs in this process.")
    ] = False,
    partition_size: Annotated[
        int, typer.Option("--partition-size", min=1, help="Version pairs per partition.")
    ] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")] = False,
    quiet: QuietOption = False,
) -> None:
    """Compare every consecutive version pair of every article in the SOURCEs; write Parquet.

    The same comparison as 'tracker diff', mapped over partitions of version pairs on Dask.
    Results do not depend on where they ran; partitions already written are not computed
    again. See docs/scale.md.
    """
    from tracker.pipeline.corpus import analyze

    if scheduler and (workers or in_process):
        raise typer.BadParameter(
            "--scheduler runs on that cluster; --workers and --in-process are for local runs",
            param_hint="--scheduler",
        )
    quiet = quiet or global_options().quiet
    with counter(not quiet and not as_json, "partitions") as step:
        result = analyze(sources, out, scheduler=scheduler, workers=workers,
                         in_process=in_process, partition_size=partition_size,
                         progress=step)  # fmt: skip
    if as_json:
        echo(json.dumps(result.to_dict(), indent=2))
    elif not quiet:
        echo(result.describe())


@corpus.command("stats")
def corpus_stats(
    out: Annotated[Path, typer.Argument(help="The folder 'corpus analyze' wrote.")],
    fmt: Annotated[StatsFormat, typer.Option("--format", "-f", help="text, json or csv.")] = (
        StatsFormat.TEXT
    ),
) -> None:
    """Summary tables per outlet: share of articles changed, versions per article, edits per
    version by kind, fact-update rate, quote churn, median hours to the first update."""
    from tracker.pipeline.corpus import STAT_COLUMNS, stats

    rows = stats(out)
    if fmt is StatsFormat.JSON:
        echo(json.dumps(rows, indent=2))
        return
    if fmt is StatsFormat.CSV:
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(STAT_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        echo(buffer.getvalue(), nl=False)
        return
    echo(_table(rows, STAT_COLUMNS))


def _table(rows: list[dict[str, object]], columns: tuple[str, ...]) -> str:
    """Rows as an aligned text table (one line per outlet; '*' is all of them)."""
    header = [c.replace("_", " ") for c in columns]
    cells = [["-" if r[c] is None else str(r[c]) for c in columns] for r in rows]
    widths = [max(len(h), *(len(line[i]) for line in cells)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    for line in cells:
        lines.append(
            "  ".join(
                v.ljust(w) if i == 0 else v.rjust(w)
                for i, (v, w) in enumerate(zip(line, widths, strict=True))
            )
        )
    return "\n".join(lines)
