"""`tracker diff`: two files, two URLs, or two stored versions of an article."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer

from tracker.cli.app import app
from tracker.cli.common import (
    ExitStatus,
    Format,
    FormatOption,
    StoreOption,
    echo,
    parse_only,
    store_path,
    terminal_width,
    use_color,
)
from tracker.models import Report


@dataclass(frozen=True, slots=True)
class DiffRequest:
    """What `tracker diff` was asked: two sources, or an article URL with two versions."""

    target: str
    new: str | None
    from_v: str | None
    to_v: str | None
    store: Path
    only: frozenset[str] | None
    min_significance: float


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
    fmt: FormatOption = Format.TEXT,
    context: Annotated[
        int,
        typer.Option("--context", "-C", min=0, help="Unchanged sentences shown near a change."),
    ] = 1,
    side_by_side: Annotated[
        bool, typer.Option("--side-by-side", help="Old and new in two columns (text format).")
    ] = False,
    only: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help="Keep only these parts (comma-separated): quotes, facts, claims, contributors, "
            "notes, captions, headline."
        ),
    ] = None,
    min_significance: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, help="Drop changes less significant than this (0 to 1)."),
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
    from tracker.render import RenderOptions, render_report

    if new is None and Path(target).is_file():
        raise typer.BadParameter(
            f"{target} is a file: give the NEW file too, or an article URL to compare its "
            "stored versions",
            param_hint="NEW",
        )
    request = DiffRequest(target, new, from_v, to_v, store_path(store), parse_only(only),
                          min_significance)  # fmt: skip
    report = run_diff(request)
    options = RenderOptions(color=use_color(fmt), context=context, side_by_side=side_by_side,
                            width=terminal_width())  # fmt: skip
    echo(render_report(report, fmt.value, options), nl=fmt is not Format.TEXT, colour=options.color)
    if exit_code and report.has_changes(request.only):
        raise typer.Exit(ExitStatus.DIFFERS)


def run_diff(request: DiffRequest) -> Report:
    """The filtered report `request` asks for."""
    from tracker import pipeline
    from tracker.analyze.only_filter import filter_report

    report = pipeline.diff(request.target, request.new, request.store, request.from_v,
                           request.to_v)  # fmt: skip
    return filter_report(report, request.only, request.min_significance)
