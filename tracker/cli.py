"""The `tracker` command: parse -> call one pipeline function -> render -> map errors."""

from __future__ import annotations

import json
import os
import shutil
import sys
from datetime import datetime
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
        list[str],
        typer.Argument(metavar="SOURCE...", help="http(s) URLs, HTML or text files, or '-'."),
    ],
    url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--url", help="The article's URL, for a file or stdin."),
    ] = None,
    at: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--at", help="When this version was seen, ISO 8601 (default: now, UTC)."),
    ] = None,
    wait: Annotated[
        float, typer.Option("--wait", min=0.0, help="Seconds to wait for another run's lock.")
    ] = 10.0,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TEXT,
    store: StoreOption = None,
) -> None:
    """Record a new version of each article whose text changed since its last snapshot."""
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
        elif fmt is not Format.JSON:
            typer.echo(f"{r.source}: {r.describe()}")
    if fmt is Format.JSON:
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
    from tracker.store import Store

    try:
        versions = Store.open(_store_path(store), create=False).find(url).versions
    except TrackerError as e:
        raise _fail(e) from None
    if fmt is Format.JSON:
        typer.echo(json.dumps([v.to_dict() for v in versions], ensure_ascii=False, indent=2))
        return
    for v in versions:
        typer.echo(f"v{v.version}  {v.revision[:10]}  {v.seen}  {v.title}")


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
    from tracker.changelog import build_changelog, parse_when
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


def main() -> None:
    app()
