"""`tracker extract`: what extraction sees in one page."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import echo


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

    article, _ = extract_source(source)
    if fmt is ExtractFormat.JSON:
        echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    else:
        echo(f"{article.title}\n\n{article.text}")
