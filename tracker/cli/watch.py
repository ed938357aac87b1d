"""`tracker watch add | list | remove`, and `tracker snapshot --due/--all` over the watch list."""

from __future__ import annotations

import json
from datetime import timedelta
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from tracker.cli.app import app

if TYPE_CHECKING:
    from tracker.fetch.http import FetchPolicy
    from tracker.pipeline import SnapshotResult
    from tracker.watch.cycle import CycleSummary
from tracker.cli.common import (
    ExitStatus,
    StoreOption,
    WaitOption,
    echo,
    failure_line,
    progress,
    store_path,
)

watch_app = typer.Typer(
    name="watch",
    help="The watch list: articles and feeds that 'tracker snapshot --due' keeps current.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(watch_app)


class WatchFormat(str, Enum):
    TEXT = "text"
    JSON = "json"


class Kind(str, Enum):
    AUTO = "auto"
    ARTICLE = "article"
    FEED = "feed"


@watch_app.command("add")
def watch_add(
    urls: Annotated[list[str], typer.Argument(metavar="URL...", help="Article or feed URLs.")],
    interval: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--interval", help="Check this often (e.g. 30m, 2h, 1d) instead of by age."),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="A feed's articles may be on private or loopback addresses."
        ),
    ] = False,
    kind: Annotated[
        Kind, typer.Option("--kind", help="Article or feed (default: guessed, then checked).")
    ] = Kind.AUTO,
    backfill: Annotated[
        bool,
        typer.Option("--backfill", help="First import each article's history from --archive."),
    ] = False,
    archive: Annotated[
        str,
        typer.Option("--archive", help="Wayback-compatible archive for --backfill."),
    ] = "https://web.archive.org",
    wait: WaitOption = 10.0,
    store: StoreOption = None,
) -> None:
    """Watch article or feed URLs; a feed's new items become watched articles.

    With --backfill, each article's earlier versions are imported from a web archive first
    (as 'tracker import' does; --allow-private then also lets the archive be a local one).
    """
    from tracker.pipeline.archive_import import import_archive
    from tracker.store.store import Store
    from tracker.watch.cycle import watch_urls
    from tracker.watch.watchlist import WatchOptions

    if backfill and kind is Kind.FEED:
        raise typer.BadParameter("a feed has no history to import", param_hint="--backfill")
    options = WatchOptions(interval=_parse_interval(interval), allow_private=allow_private)
    opened = Store.open(store_path(store))
    for url in urls if backfill else ():
        result = import_archive(opened, url, archive=archive, allow_private=allow_private,
                                wait=wait)  # fmt: skip
        echo(f"{url}: {result.describe()}")
    chosen = None if kind is Kind.AUTO else kind.value
    added = watch_urls(opened, urls, kind=chosen, options=options, wait=wait)
    echo("".join(f"{'watching' if new else 'updated'} {entry.kind} {entry.url}\n"
                       for entry, new in added), nl=False)  # fmt: skip


@watch_app.command("list")
def watch_list(
    fmt: Annotated[
        WatchFormat, typer.Option("--format", "-f", help="Output format.")
    ] = WatchFormat.TEXT,
    store: StoreOption = None,
) -> None:
    """List the watched URLs with when each was last checked and changed."""
    from tracker.store.store import Store
    from tracker.watch.cycle import read_watchlist, watch_document

    entries = read_watchlist(Store.open(store_path(store)))
    documents = [watch_document(entry) for entry in entries]
    if fmt is WatchFormat.JSON:
        echo(json.dumps(documents, ensure_ascii=False, indent=2))
        return
    if not documents:
        echo("The watch list is empty; add to it with 'tracker watch add URL'.", err=True)
    for d in documents:
        state = "" if d["enabled"] else "  (off)"
        echo(f"{d['kind']:<7}  {d['url']}  checked {d['last_checked'] or 'never'}  "
                   f"changed {d['last_changed'] or 'never'}{state}")  # fmt: skip


@watch_app.command("remove")
def watch_remove(
    urls: Annotated[list[str], typer.Argument(metavar="URL...", help="Watched URLs.")],
    with_discovered: Annotated[
        bool, typer.Option("--with-discovered", help="Also drop the articles a feed added.")
    ] = False,
    wait: WaitOption = 10.0,
    store: StoreOption = None,
) -> None:
    """Stop watching URLs (their stored versions stay)."""
    from tracker.store.store import Store
    from tracker.watch.cycle import unwatch_url

    opened = Store.open(store_path(store))
    for url in urls:
        removed = unwatch_url(opened, url, with_discovered=with_discovered, wait=wait)
        echo(f"removed {url}" + (f" and {removed - 1} article(s)" if removed > 1 else ""))


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def _parse_interval(value: str | None) -> timedelta | None:
    """'90s', '30m', '2h', '1d', '1w', or a bare number of minutes."""
    if value is None:
        return None
    text = value.strip().lower()
    unit = text[-1:] if text[-1:] in _UNITS else "m"
    number = text[:-1] if text[-1:] in _UNITS else text
    try:
        seconds = float(number) * _UNITS[unit]
    except ValueError:
        seconds = -1.0
    if seconds <= 0:
        raise typer.BadParameter(
            f"{value!r} is not a duration; give e.g. 30m, 2h or 1d", param_hint="--interval"
        )
    return timedelta(seconds=seconds)


# -- snapshot --due / --all ----------------------------------------------------------------------


class Verbosity:
    """What a watch-list run prints: a JSON summary, every result (-v), or errors only (-q)."""

    def __init__(self, as_json: bool, verbose: bool, quiet: bool) -> None:
        self.as_json, self.verbose, self.quiet = as_json, verbose and not quiet, quiet

    def shows_source(self, result: SnapshotResult) -> bool:
        """Whether a named source's result gets a line: all but with --json; -q keeps flip-flops."""
        return not self.as_json and not (self.quiet and not result.flip_flop_of)

    def shows(self, result: SnapshotResult) -> bool:
        """Whether a result gets a line on stdout (changes by default, all with -v)."""
        if self.as_json or self.quiet or result.status == "failed":
            return False
        return self.verbose or result.changed


def fetch_policy(
    delay: float, concurrency: int, timeout: float, retries: int, ignore_robots: bool
) -> FetchPolicy:
    """The FetchPolicy the politeness options of `snapshot --due/--all` ask for."""
    from tracker.fetch.http import FetchPolicy

    return FetchPolicy(timeout=timeout, host_delay=delay, concurrency=concurrency,
                       retries=retries, backoff=max(delay, 0.5) if delay else 0.0,
                       respect_robots=not ignore_robots)  # fmt: skip


def snapshot_watchlist(
    root: Path, fetch: FetchPolicy, due: bool, refuse_private: bool, wait: float, out: Verbosity
) -> None:
    """`snapshot --due/--all`: one cycle over the watch list; exit status 1 when a URL failed."""
    from tracker.store.store import Store
    from tracker.watch.cycle import CycleOptions, run_cycle

    options = CycleOptions(fetch=fetch, due_only=due, refuse_private=refuse_private, wait=wait)

    def report(result: SnapshotResult) -> None:
        if result.status == "failed":
            echo(failure_line(result.source, result.error), err=True)
        elif out.shows(result):
            echo(f"{result.source}: {result.describe()}")

    with progress(not (out.quiet or out.as_json), "checking", report) as step:
        summary = run_cycle(Store.open(root), options=options, progress=step)
    if out.as_json:
        echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    elif out.verbose:
        echo(_summary_line(summary), err=True)
    if summary.failed:
        raise typer.Exit(ExitStatus.ERROR)


def _summary_line(summary: CycleSummary) -> str:
    c = summary.counts()
    return (
        f"checked {len(summary.results)}: {c['new']} new, {c['changed']} changed, "
        f"{c['unchanged']} unchanged ({c['not_modified']} not modified), {c['failed']} failed, "
        f"{c['flip_flops']} flip-flop(s), {c['discovered']} found in feeds; "
        f"{summary.requests} requests in {summary.seconds:.1f} s"
    )
