"""`tracker snapshot` (sources, or the watch list with --due/--all) and `tracker reextract`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from tracker.cli.app import app
from tracker.cli.common import (
    ExitStatus,
    Format,
    FormatOption,
    QuietOption,
    StoreOption,
    WaitOption,
    echo,
    failure_line,
    global_options,
    parse_time,
    progress_bar,
    refuse_unused,
    store_path,
)
from tracker.cli.watch import Verbosity, fetch_policy, snapshot_watchlist

if TYPE_CHECKING:
    from tracker.pipeline import SnapshotResult

_WATCH_ONLY = {
    "delay": "--delay",
    "concurrency": "--concurrency",
    "retries": "--retries",
    "ignore_robots": "--ignore-robots",
}


@app.command()
def snapshot(
    ctx: typer.Context,
    sources: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(metavar="[SOURCE]...", help="http(s) URLs, HTML or text files, or '-'."),
    ] = None,
    url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--url", help="The article's URL, for a file or stdin."),
    ] = None,
    at: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--at", help="When this version was seen, ISO 8601 (default: now, UTC)."),
    ] = None,
    allow_backdated: Annotated[
        bool,
        typer.Option(
            "--allow-backdated", help="Record a version seen before the newest stored one."
        ),
    ] = False,
    due: Annotated[
        bool, typer.Option("--due", help="Check the watch list's entries that are due (cron).")
    ] = False,
    every: Annotated[
        bool, typer.Option("--all", help="Check every watch list entry, due or not.")
    ] = False,
    wait: WaitOption = 10.0,
    fmt: FormatOption = Format.TEXT,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a machine-readable run summary (JSON).")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also list unchanged pages and a summary.")
    ] = False,
    quiet: QuietOption = False,
    delay: Annotated[
        float,
        typer.Option(
            "--delay", min=0.0, help="Seconds between requests to one host (--due/--all)."
        ),
    ] = 1.0,
    concurrency: Annotated[
        int,
        typer.Option("--concurrency", min=1, help="Hosts fetched at the same time (--due/--all)."),
    ] = 8,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds before a request gives up.")
    ] = 30.0,
    retries: Annotated[
        int,
        typer.Option(
            "--retries", min=0, help="Retries after a timeout or a 5xx answer (--due/--all)."
        ),
    ] = 2,
    ignore_robots: Annotated[
        bool, typer.Option("--ignore-robots", help="Fetch pages robots.txt forbids (--due/--all).")
    ] = False,
    refuse_private: Annotated[
        bool,
        typer.Option(
            "--refuse-private",
            help="Refuse private and loopback addresses for every URL and redirect (always "
            "refused for links found in feeds, unless the feed was added with --allow-private).",
        ),
    ] = False,
    store: StoreOption = None,
) -> None:
    """Record a new version of each article whose text changed since its last snapshot.

    With --due (the cron line: '*/10 * * * * tracker snapshot --due') or --all, check the
    watch list instead of SOURCEs: only changes and errors are printed; exit status 1 when
    any URL failed (the others are still recorded).
    """
    shared = global_options()
    out = Verbosity(as_json or fmt is Format.JSON, verbose or shared.verbose, quiet or shared.quiet)
    if due or every:
        if sources or url or at:
            raise typer.BadParameter("give SOURCEs or --due/--all, not both", param_hint="--due")
        fetch = fetch_policy(delay, concurrency, timeout, retries, ignore_robots)
        snapshot_watchlist(store_path(store), fetch, due, refuse_private, wait, out)
        return
    if not sources:
        raise typer.BadParameter("give at least one SOURCE, or --due / --all", param_hint="SOURCE")
    refuse_unused(
        ctx, _WATCH_ONLY, "applies only to --due/--all (the watch list's polite fetching)"
    )
    if all(not _is_url(s) for s in sources):
        only_urls = {"timeout": "--timeout", "refuse_private": "--refuse-private"}
        refuse_unused(ctx, only_urls, "applies only to http(s) URLs")
    _snapshot_sources(sources, url, parse_time(at), allow_backdated, timeout, wait,
                      store_path(store), out, refuse_private)  # fmt: skip


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _snapshot_sources(
    sources: list[str],
    url: str | None,
    seen: datetime | None,
    allow_backdated: bool,
    timeout: float,
    wait: float,
    root: Path,
    out: Verbosity,
    refuse_private: bool = False,
) -> None:
    from tracker.pipeline import snapshot as take_snapshots
    from tracker.store.store import Store

    opened = Store.open(root)
    with progress_bar(len(sources) > 1 and not (out.quiet or out.as_json), "snapshotting") as step:
        results = take_snapshots(sources, opened, url=url, at=seen, wait=wait, timeout=timeout,
                                 allow_backdated=allow_backdated, progress=step,
                                 refuse_private=refuse_private)  # fmt: skip
    _print_results(results, out)


def _print_results(results: Sequence[SnapshotResult], out: Verbosity) -> None:
    """One line per result (errors on stderr), or the JSON list; exit 1 when any failed."""
    for r in results:
        if r.status == "failed":
            echo(failure_line(r.source, r.error), err=True)
        elif out.shows_source(r):
            echo(f"{r.source}: {r.describe()}")
    if out.as_json:
        echo(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    if any(r.status == "failed" for r in results):
        raise typer.Exit(ExitStatus.ERROR)


@app.command()
def reextract(
    urls: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(metavar="[URL]...", help="Articles to re-extract (default: every one)."),
    ] = None,
    wait: WaitOption = 10.0,
    fmt: FormatOption = Format.TEXT,
    store: StoreOption = None,
) -> None:
    """Run extraction again over the stored pages (after a parser update).

    A different result is recorded as a re-extraction, marked as such in log, diff and
    changelog so it is never mistaken for an edit by the publisher. Nothing is fetched.
    """
    from tracker.pipeline import reextract as run_reextract
    from tracker.store.store import Store

    shared = global_options()
    out = Verbosity(fmt is Format.JSON, verbose=True, quiet=shared.quiet)
    opened = Store.open(store_path(store), create=False)
    with progress_bar(not (out.quiet or out.as_json), "re-extracting") as step:
        results = run_reextract(opened, urls or (), wait=wait, progress=step)
    _print_results(results, out)
