"""`tracker changelog`: each version of the chosen articles and what changed in it."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from tracker.cli.app import app
from tracker.cli.common import StoreOption, echo, store_path


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
    from tracker.times import parse_time

    for value, name in ((since, "--since"), (until, "--until")):
        try:
            _ = value is None or parse_time(value)
        except ValueError:
            raise typer.BadParameter(
                f"{value!r} is not an ISO 8601 date or time (e.g. 2024-05-01)", param_hint=name
            ) from None
    log = build_changelog(Store.open(store_path(store), create=False), urls or (), since, until)
    echo(render_changelog(log, fmt.value), nl=False)
