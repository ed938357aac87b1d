"""The `tracker` command: parse -> call one pipeline function -> render -> map errors."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from enum import Enum, IntEnum
from pathlib import Path
from typing import Annotated, Any, Optional

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
    source: Annotated[
        str, typer.Argument(help="HTML or text file, http(s) URL, or '-' for stdin.")
    ],
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
    from tracker.analyze.significance import filter_report
    from tracker.render import RenderOptions, render_report

    try:
        if new is not None:
            report = pipeline.compare(_read_source(target), _read_source(new))
        else:
            report = pipeline.diff_stored(_store_path(store), target, from_v, to_v)
        report = filter_report(report, _parse_only(only), min_significance)
    except TrackerError as e:
        raise _fail(e) from None
    options = RenderOptions(
        color=_use_color(fmt), context=context, side_by_side=side_by_side, width=_width()
    )
    typer.echo(render_report(report, fmt.value, options), nl=fmt is not Format.TEXT)
    if exit_code and report.changed:
        raise typer.Exit(ExitStatus.DIFFERS)


def _parse_only(only: str | None) -> frozenset[str] | None:
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


def _use_color(fmt: Format) -> bool:
    """Colour only for the text view on a terminal, and never with NO_COLOR set."""
    return fmt is Format.TEXT and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _width() -> int:
    return shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100


def _store_path(store: Path | None) -> Path:
    return store if store is not None else Path("snapshots")


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
        fetch = _fetch_policy(delay, concurrency, timeout, retries, ignore_robots)
        _snapshot_watchlist(_store_path(store), fetch, due, refuse_private, wait,
                            _Verbosity(as_json or fmt is Format.JSON, verbose, quiet))  # fmt: skip
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
    from tracker.store import Store

    seen = _parse_time(at)
    try:
        opened = Store.open(_store_path(store))
        results = take_snapshots(sources, opened, url=url, at=seen, wait=wait)
    except TrackerError as e:
        raise _fail(e) from None
    for r in results:
        if r.status == "failed":
            typer.echo(f"Error: {r.source}: {r.error}", err=True)
        elif not as_json and not (quiet and not r.flip_flop_of):
            typer.echo(f"{r.source}: {r.describe()}")
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    if any(r.status == "failed" for r in results):
        raise typer.Exit(ExitStatus.ERROR)


class _Verbosity:
    def __init__(self, as_json: bool, verbose: bool, quiet: bool) -> None:
        self.as_json, self.verbose, self.quiet = as_json, verbose and not quiet, quiet

    def shows(self, result: Any) -> bool:
        """Whether a result gets a line on stdout (changes by default, all with -v)."""
        if self.as_json or self.quiet or result.status == "failed":
            return False
        return self.verbose or result.changed


def _fetch_policy(
    delay: float, concurrency: int, timeout: float, retries: int, ignore_robots: bool
) -> Any:
    from tracker.fetch import FetchPolicy

    return FetchPolicy(timeout=timeout, host_delay=delay, concurrency=concurrency,
                       retries=retries, backoff=max(delay, 0.5) if delay else 0.0,
                       respect_robots=not ignore_robots)  # fmt: skip


def _snapshot_watchlist(
    root: Path, fetch: Any, due: bool, refuse_private: bool, wait: float, out: _Verbosity
) -> None:
    from tracker.store import Store
    from tracker.watch import CycleOptions, run_cycle

    options = CycleOptions(fetch=fetch, due_only=due, refuse_private=refuse_private, wait=wait)

    def report(result: Any) -> None:
        if result.status == "failed":
            typer.echo(f"Error: {result.source}: {result.error}", err=True)
        elif out.shows(result):
            typer.echo(f"{result.source}: {result.describe()}")

    try:
        with _progress(not (out.quiet or out.as_json)) as bar:
            summary = run_cycle(Store.open(root), options=options, progress=bar(report))
    except TrackerError as e:
        raise _fail(e) from None
    if out.as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    elif out.verbose:
        typer.echo(_summary_line(summary), err=True)
    if summary.failed:
        raise typer.Exit(ExitStatus.ERROR)


def _summary_line(summary: Any) -> str:
    c = summary.counts()
    return (
        f"checked {len(summary.results)}: {c['new']} new, {c['changed']} changed, "
        f"{c['unchanged']} unchanged ({c['not_modified']} not modified), {c['failed']} failed, "
        f"{c['flip_flops']} flip-flop(s), {c['discovered']} found in feeds; "
        f"{summary.requests} requests in {summary.seconds:.1f} s"
    )


@contextlib.contextmanager
def _progress(wanted: bool) -> Iterator[Callable[[Callable[[Any], None]], Any]]:
    """A progress bar on stderr when it is a terminal; yields a wrapper for a result callback."""
    if not (wanted and sys.stderr.isatty()):
        yield lambda report: lambda done, total, result: report(result)
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("checking", total=None)

        def wrap(report: Callable[[Any], None]) -> Any:
            def step(done: int, total: int, result: Any) -> None:
                bar.update(task, completed=done, total=total)
                report(result)

            return step

        yield wrap


@app.command()
def log(
    url: Annotated[str, typer.Argument(help="The article's URL.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TEXT,
    store: StoreOption = None,
) -> None:
    """List the recorded versions of an article, oldest first."""
    from tracker.store import Store

    try:
        versions = Store.open(_store_path(store), create=False).find(url).versions
    except TrackerError as e:
        raise _fail(e) from None
    if fmt is Format.JSON:
        typer.echo(json.dumps([v.to_dict() for v in versions], ensure_ascii=False, indent=2))
        return
    for v in versions:
        typer.echo(f"v{v.version}  {v.revision[:10]}  {v.seen}  {_marker(v)}{v.title}")


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
    from tracker.store import Store, render_article_text

    try:
        stored = load_version(Store.open(_store_path(store), create=False), url, version)
    except TrackerError as e:
        raise _fail(e) from None
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
    from tracker.store import Store

    try:
        articles = Store.open(_store_path(store)).articles()
    except TrackerError as e:
        raise _fail(e) from None
    if fmt is Format.JSON:
        typer.echo(json.dumps([a.to_dict() for a in articles], ensure_ascii=False, indent=2))
        return
    for a in articles:
        last = a.versions[-1].seen if a.versions else "-"
        typer.echo(f"{a.url}  {len(a.versions)} version(s)  last {last}  {a.title}")


def _parse_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO 8601 time (e.g. 2024-05-01T14:30:00+00:00)", param_hint="--at"
        ) from None


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
    from tracker.changelog import parse_when
    from tracker.pipeline import changelog as build_changelog
    from tracker.render.changelog import render_changelog
    from tracker.store import Store

    for value, name in ((since, "--since"), (until, "--until")):
        try:
            _ = value is None or parse_when(value)
        except ValueError:
            raise typer.BadParameter(
                f"{value!r} is not an ISO 8601 date or time (e.g. 2024-05-01)", param_hint=name
            ) from None
    try:
        log = build_changelog(Store.open(_store_path(store)), urls or (), since, until)
    except TrackerError as e:
        raise _fail(e) from None
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
    from tracker.store import Store

    try:
        results = run_reextract(Store.open(_store_path(store), create=False), urls or (), wait=wait)
    except TrackerError as e:
        raise _fail(e) from None
    for r in results:
        if r.status == "failed":
            typer.echo(f"Error: {r.source}: {r.error}", err=True)
        elif fmt is not Format.JSON:
            typer.echo(f"{r.source}: {r.describe()}")
    if fmt is Format.JSON:
        typer.echo(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    if any(r.status == "failed" for r in results):
        raise typer.Exit(ExitStatus.ERROR)


# -- watch list: tracker watch add | list | remove ------------------------------------------------

watch_app = typer.Typer(
    name="watch",
    help="The watch list: articles and feeds that 'tracker snapshot --due' keeps current.",
    no_args_is_help=True,
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
    wait: Annotated[
        float, typer.Option("--wait", min=0.0, help="Seconds to wait for another run's lock.")
    ] = 10.0,
    store: StoreOption = None,
) -> None:
    """Watch article or feed URLs; a feed's new items become watched articles."""
    from tracker.store import Store
    from tracker.watch import watch_url
    from tracker.watchlist import WatchOptions

    options = WatchOptions(interval=_parse_interval(interval), allow_private=allow_private)
    try:
        opened = Store.open(_store_path(store))
        for url in urls:
            chosen = None if kind is Kind.AUTO else kind.value
            entry, added = watch_url(opened, url, kind=chosen, options=options, wait=wait)
            typer.echo(f"{'watching' if added else 'updated'} {entry.kind} {entry.url}")
    except TrackerError as e:
        raise _fail(e) from None


@watch_app.command("list")
def watch_list(
    fmt: Annotated[
        WatchFormat, typer.Option("--format", "-f", help="Output format.")
    ] = WatchFormat.TEXT,
    store: StoreOption = None,
) -> None:
    """List the watched URLs with when each was last checked and changed."""
    from tracker.store import Store
    from tracker.watch import read_watchlist, watch_document

    try:
        entries = read_watchlist(Store.open(_store_path(store)))
    except TrackerError as e:
        raise _fail(e) from None
    documents = [watch_document(entry) for entry in entries]
    if fmt is WatchFormat.JSON:
        typer.echo(json.dumps(documents, ensure_ascii=False, indent=2))
        return
    for d in documents:
        state = "" if d["enabled"] else "  (off)"
        typer.echo(f"{d['kind']:<7}  {d['url']}  checked {d['last_checked'] or 'never'}  "
                   f"changed {d['last_changed'] or 'never'}{state}")  # fmt: skip


@watch_app.command("remove")
def watch_remove(
    urls: Annotated[list[str], typer.Argument(metavar="URL...", help="Watched URLs.")],
    with_discovered: Annotated[
        bool, typer.Option("--with-discovered", help="Also drop the articles a feed added.")
    ] = False,
    wait: Annotated[
        float, typer.Option("--wait", min=0.0, help="Seconds to wait for another run's lock.")
    ] = 10.0,
    store: StoreOption = None,
) -> None:
    """Stop watching URLs (their stored versions stay)."""
    from tracker.store import Store
    from tracker.watch import unwatch_url

    try:
        opened = Store.open(_store_path(store))
        for url in urls:
            removed = unwatch_url(opened, url, with_discovered=with_discovered, wait=wait)
            typer.echo(f"removed {url}" + (f" and {removed - 1} article(s)" if removed > 1 else ""))
    except TrackerError as e:
        raise _fail(e) from None


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


def main() -> None:
    app()
