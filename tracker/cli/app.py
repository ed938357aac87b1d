"""The `tracker` command: parse -> call one pipeline function -> render -> map errors."""

from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from tracker.cli.common import (
    ExitStatus,
    Format,
    StoreOption,
    fail,
    failure_line,
    parse_only,
    parse_time,
    store_path,
    terminal_width,
    unwrap_help,
    use_color,
)
from tracker.cli.watch import Verbosity, fetch_policy, snapshot_watchlist, watch_app
from tracker.errors import TrackerError

app = typer.Typer(
    name="tracker",
    help="Watch news articles change after publication and see exactly what changed.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class ExtractFormat(str, Enum):
    TEXT = "text"
    JSON = "json"


@app.command()
def extract(
    source: Annotated[
        str, typer.Argument(help="HTML or text file, http(s) URL, or '-' for stdin.")
    ],
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExtractFormat.TEXT,
) -> None:
    """Show what extraction sees in one page: title, authors, dates, body, contributors, notes."""
    from tracker.pipeline import extract_source

    try:
        article, _ = extract_source(source)
    except TrackerError as e:
        raise fail(e) from None
    if fmt is ExtractFormat.JSON:
        typer.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(article.title)
        typer.echo("")
        typer.echo(article.text)


@app.command()
def diff(
    target: Annotated[str, typer.Argument(help="Article URL, or the OLD file (then give NEW).")],
    new: Annotated[Optional[str], typer.Argument(help="The NEW file.")] = None,  # noqa: UP045
    from_v: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--from", help="Old version: number, revision or date (default: the one before --to)."
        ),
    ] = None,
    to_v: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--to", help="New version: number, revision or date (default: the last)."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TEXT,
    context: Annotated[
        int,
        typer.Option("--context", "-C", min=0, help="Unchanged sentences shown near a change."),
    ] = 1,
    side_by_side: Annotated[
        bool, typer.Option("--side-by-side", help="Old and new in two columns (text format).")
    ] = False,
    only: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Keep only these parts: quotes,claims,contributors,notes,headline."),
    ] = None,
    min_significance: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Drop claims less significant than this.")
    ] = 0.0,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 3 when the versions differ.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Show what changed between two versions, sentence by sentence.

    Give two files (HTML or text) to compare them directly, or an article URL to compare two of
    its stored versions (by default the last two).
    """
    from tracker import pipeline
    from tracker.analyze.only_filter import filter_report
    from tracker.render import RenderOptions, render_report

    if new is None and Path(target).is_file():
        raise typer.BadParameter(
            f"{target} is a file: give the NEW file too, or an article URL to compare its "
            "stored versions",
            param_hint="NEW",
        )
    try:
        if new is not None:
            report = pipeline.compare_sources(target, new)
        else:
            report = pipeline.diff_stored(store_path(store), target, from_v, to_v)
        report = filter_report(report, parse_only(only), min_significance)
    except TrackerError as e:
        raise fail(e) from None
    options = RenderOptions(
        color=use_color(fmt), context=context, side_by_side=side_by_side, width=terminal_width()
    )
    typer.echo(render_report(report, fmt.value, options), nl=fmt is not Format.TEXT)
    if exit_code and report.has_changes(parse_only(only)):
        raise typer.Exit(ExitStatus.DIFFERS)


# -- store commands: snapshot, log, show, list --------------------------------------------------


@app.command()
def snapshot(
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
    due: Annotated[
        bool, typer.Option("--due", help="Check the watch list's entries that are due (cron).")
    ] = False,
    every: Annotated[
        bool, typer.Option("--all", help="Check every watch list entry, due or not.")
    ] = False,
    wait: Annotated[
        float, typer.Option("--wait", min=0.0, help="Seconds to wait for another run's lock.")
    ] = 10.0,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TEXT,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a machine-readable run summary (JSON).")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also list unchanged pages and a summary.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    delay: Annotated[
        float, typer.Option("--delay", min=0.0, help="Seconds between requests to one host.")
    ] = 1.0,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, help="Hosts fetched at the same time.")
    ] = 8,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds before a request gives up.")
    ] = 30.0,
    retries: Annotated[
        int, typer.Option("--retries", min=0, help="Retries after a timeout or a 5xx answer.")
    ] = 2,
    ignore_robots: Annotated[
        bool, typer.Option("--ignore-robots", help="Fetch pages robots.txt forbids.")
    ] = False,
    refuse_private: Annotated[
        bool,
        typer.Option(
            "--refuse-private",
            help="Refuse private and loopback addresses for every URL (always refused for "
            "links found in feeds, unless the feed was added with --allow-private).",
        ),
    ] = False,
    store: StoreOption = None,
) -> None:
    """Record a new version of each article whose text changed since its last snapshot.

    With --due (the cron line: '*/10 * * * * tracker snapshot --due') or --all, check the
    watch list instead of SOURCEs: only changes and errors are printed; exit status 1 when
    any URL failed (the others are still recorded).
    """
    if due or every:
        if sources or url or at:
            raise typer.BadParameter("give SOURCEs or --due/--all, not both", param_hint="--due")
        fetch = fetch_policy(delay, concurrency, timeout, retries, ignore_robots)
        snapshot_watchlist(store_path(store), fetch, due, refuse_private, wait,
                            Verbosity(as_json or fmt is Format.JSON, verbose, quiet))  # fmt: skip
        return
    if not sources:
        raise typer.BadParameter("give at least one SOURCE, or --due / --all", param_hint="SOURCE")
    _snapshot_sources(sources, url, at, wait, store, as_json or fmt is Format.JSON, quiet)


def _snapshot_sources(
    sources: list[str],
    url: str | None,
    at: str | None,
    wait: float,
    store: Path | None,
    as_json: bool,
    quiet: bool,
) -> None:
    from tracker.pipeline import snapshot as take_snapshots
    from tracker.store.store import Store

    seen = parse_time(at)
    try:
        opened = Store.open(store_path(store))
        results = take_snapshots(sources, opened, url=url, at=seen, wait=wait)
    except TrackerError as e:
        raise fail(e) from None
    for r in results:
        if r.status == "failed":
            typer.echo(failure_line(r.source, r.error), err=True)
        elif not as_json and not (quiet and not r.flip_flop_of):
            typer.echo(f"{r.source}: {r.describe()}")
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    if any(r.status == "failed" for r in results):
        raise typer.Exit(ExitStatus.ERROR)


@app.command()
def log(
    url: Annotated[str, typer.Argument(help="The article's URL.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TEXT,
    store: StoreOption = None,
) -> None:
    """List the recorded versions of an article, oldest first."""
    from tracker.store.store import Store

    try:
        versions = Store.open(store_path(store), create=False).find(url).versions
    except TrackerError as e:
        raise fail(e) from None
    if fmt is Format.JSON:
        typer.echo(json.dumps([v.to_dict() for v in versions], ensure_ascii=False, indent=2))
        return
    for v in versions:
        title = v.title or "(no headline)"
        typer.echo(f"v{v.version}  {v.revision[:10]}  {v.seen}  {_marker(v)}{title}")


def _marker(version: Any) -> str:
    """The log's marker column: a re-extraction or a flip-flop is not an editorial change."""
    if version.reextract:
        return "[re-extraction] "
    if version.flip_flop_of:
        return f"[flip-flop: back to v{version.flip_flop_of}] "
    return ""


@app.command()
def show(
    url: Annotated[str, typer.Argument(help="The article's URL.")],
    version: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--version", "-v", help="Version number, revision or date (default: last)."),
    ] = None,
    raw: Annotated[bool, typer.Option("--raw", help="Print the page as it was fetched.")] = False,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TEXT,
    store: StoreOption = None,
) -> None:
    """Print one stored version of an article."""
    from tracker.pipeline import load_version
    from tracker.store.store import Store, render_article_text

    try:
        stored = load_version(Store.open(store_path(store), create=False), url, version)
    except TrackerError as e:
        raise fail(e) from None
    if raw:
        sys.stdout.buffer.write(stored.raw)
    elif fmt is Format.JSON:
        document = {"meta": stored.meta, "article": stored.article.to_dict()}
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        typer.echo(render_article_text(stored.article), nl=False)


@app.command(name="list")
def list_articles(
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TEXT,
    store: StoreOption = None,
) -> None:
    """List every tracked article."""
    from tracker.store.store import Store

    try:
        articles = Store.open(store_path(store), create=False).articles()
    except TrackerError as e:
        raise fail(e) from None
    if fmt is Format.JSON:
        typer.echo(json.dumps([a.to_dict() for a in articles], ensure_ascii=False, indent=2))
        return
    for a in articles:
        last = a.versions[-1].seen if a.versions else "-"
        typer.echo(f"{a.url}  {len(a.versions)} version(s)  last {last}  {a.title}")


class LogFormat(str, Enum):
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    ATOM = "atom"


@app.command()
def changelog(
    urls: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(metavar="[URL]...", help="Articles to include (default: every one)."),
    ] = None,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--since", help="Only versions seen at or after this date/time (ISO 8601)."),
    ] = None,
    until: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--until", help="Only versions seen at or before this date/time (ISO 8601)."),
    ] = None,
    fmt: Annotated[
        LogFormat, typer.Option("--format", "-f", help="Output format.")
    ] = LogFormat.MARKDOWN,
    store: StoreOption = None,
) -> None:
    """A change log for editors: each version and what changed in it, as a page or a feed."""
    from tracker.pipeline.changelog import build_changelog
    from tracker.render.changelog import render_changelog
    from tracker.store.store import Store
    from tracker.times import parse_time as parse_moment

    for value, name in ((since, "--since"), (until, "--until")):
        try:
            _ = value is None or parse_moment(value)
        except ValueError:
            raise typer.BadParameter(
                f"{value!r} is not an ISO 8601 date or time (e.g. 2024-05-01)", param_hint=name
            ) from None
    try:
        log = build_changelog(Store.open(store_path(store), create=False), urls or (), since, until)
    except TrackerError as e:
        raise fail(e) from None
    typer.echo(render_changelog(log, fmt.value), nl=False)


@app.command()
def reextract(
    urls: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(metavar="[URL]...", help="Articles to re-extract (default: every one)."),
    ] = None,
    wait: Annotated[
        float, typer.Option("--wait", min=0.0, help="Seconds to wait for another run's lock.")
    ] = 10.0,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TEXT,
    store: StoreOption = None,
) -> None:
    """Run extraction again over the stored pages (after a parser update).

    A different result is recorded as a re-extraction, marked as such in log, diff and
    changelog so it is never mistaken for an edit by the publisher. Nothing is fetched.
    """
    from tracker.pipeline import reextract as run_reextract
    from tracker.store.store import Store

    try:
        results = run_reextract(Store.open(store_path(store), create=False), urls or (), wait=wait)
    except TrackerError as e:
        raise fail(e) from None
    for r in results:
        if r.status == "failed":
            typer.echo(failure_line(r.source, r.error), err=True)
        elif fmt is not Format.JSON:
            typer.echo(f"{r.source}: {r.describe()}")
    if fmt is Format.JSON:
        typer.echo(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    if any(r.status == "failed" for r in results):
        raise typer.Exit(ExitStatus.ERROR)


# -- watch list: tracker watch add | list | remove ------------------------------------------------

app.add_typer(watch_app)
unwrap_help(app)


def main() -> None:
    # Libraries under extraction (trafilatura, htmldate) log parser complaints about odd pages;
    # the command reports what matters itself, so their records go nowhere.
    logging.getLogger().addHandler(logging.NullHandler())
    app()
