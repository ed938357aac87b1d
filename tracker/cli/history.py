"""`tracker log`, `tracker show` and `tracker list`: what the store holds."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from tracker.cli.app import app
from tracker.cli.common import (
    Format,
    FormatOption,
    StoreOption,
    echo,
    store_path,
)

if TYPE_CHECKING:
    from tracker.store.index import VersionInfo


@app.command()
def log(
    url: Annotated[str, typer.Argument(help="The article's URL.")],
    fmt: FormatOption = Format.TEXT,
    store: StoreOption = None,
) -> None:
    """List the recorded versions of an article, oldest first."""
    from tracker.store.store import Store

    versions = Store.open(store_path(store), create=False).find(url).versions
    if fmt is Format.JSON:
        echo(json.dumps([v.to_dict() for v in versions], ensure_ascii=False, indent=2))
        return
    for v in versions:
        title = v.title or "(no headline)"
        echo(f"v{v.version}  {v.revision[:10]}  {v.seen}  {_marker(v)}{title}")


def _marker(version: VersionInfo) -> str:
    """The log's marker column: a re-extraction or a flip-flop is not an editorial change."""
    if version.reextract:
        return "[re-extraction] "
    if version.flip_flop_of:
        return f"[flip-flop: back to v{version.flip_flop_of}] "
    if version.archive:
        return f"[archive: {version.archive}] "
    return ""


@app.command()
def show(
    url: Annotated[str, typer.Argument(help="The article's URL.")],
    version: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="Version number, revision or date (default: the last)."),
    ] = None,
    version_option: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--version", help="The same as the VERSION argument."),
    ] = None,
    raw: Annotated[bool, typer.Option("--raw", help="Print the page as it was fetched.")] = False,
    fmt: FormatOption = Format.TEXT,
    store: StoreOption = None,
) -> None:
    """Print one stored version of an article."""
    from tracker.pipeline import load_version
    from tracker.store.store import Store, render_article_text

    opened = Store.open(store_path(store), create=False)
    stored = load_version(opened, url, version or version_option)
    if raw:
        sys.stdout.buffer.write(stored.raw)
    elif fmt is Format.JSON:
        document = {"meta": stored.meta, "article": stored.article.to_dict()}
        echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        echo(render_article_text(stored.article), nl=False)


@app.command(name="list")
def list_articles(
    fmt: FormatOption = Format.TEXT,
    stats: Annotated[
        bool, typer.Option("--stats", help="Print what the store holds and its size instead.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """List every tracked article."""
    from tracker.store.store import Store

    opened = Store.open(store_path(store), create=False)
    if stats:
        _print_stats(opened.stats(), fmt)
        return
    articles = opened.articles()
    if fmt is Format.JSON:
        echo(json.dumps([a.to_dict() for a in articles], ensure_ascii=False, indent=2))
        return
    for a in articles:
        last = a.versions[-1].seen if a.versions else "-"
        echo(f"{a.url}  {len(a.versions)} version(s)  last {last}  {a.title}")


def _print_stats(stats: dict[str, int], fmt: Format) -> None:
    if fmt is Format.JSON:
        echo(json.dumps(stats, indent=2))
        return
    echo(
        f"{stats['articles']} article(s), {stats['versions']} version(s)\n"
        f".git: {_size(stats['git_bytes'])} ({stats['packs']} pack(s) "
        f"{_size(stats['pack_bytes'])}, cache {_size(stats['cache_bytes'])})\n"
        f"checked-out files: {_size(stats['checked_out_bytes'])}"
    )


def _size(count: int) -> str:
    value = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"
