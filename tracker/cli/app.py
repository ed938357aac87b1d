"""The typer app: global options (like git's, before or after the command), `--version`, and the
CLI's one error boundary. Each command group lives in its own module beside this one."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from tracker import __version__
from tracker.cli.common import (
    ExitStatus,
    GlobalOptions,
    QuietOption,
    echo,
    set_global_options,
    terminal_safe,
)
from tracker.errors import TrackerError


class _ErrorBoundary(TyperGroup):
    """The one place the command line turns a library error into `Error: ...` and exit 1.

    Commands never catch TrackerError themselves; anything else is a bug and keeps its traceback.
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as error:
            echo(f"Error: {error}", err=True)
            raise typer.Exit(ExitStatus.ERROR) from None
        except typer.TyperException as error:  # a usage error, printed by typer after this
            message = getattr(error, "message", None)
            if isinstance(message, str):  # it may quote what was typed: made terminal-safe
                error.message = terminal_safe(message)
            raise


app = typer.Typer(
    name="tracker",
    cls=_ErrorBoundary,
    help="Watch news articles change after publication and see exactly what changed.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        echo(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    store: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional at runtime on 3.10
        typer.Option(
            "--store",
            envvar="TRACKER_STORE",
            help="Snapshot store for every command (default ./snapshots).",
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say more (unchanged pages, summaries).")
    ] = False,
    quiet: QuietOption = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Watch news articles change after publication and see exactly what changed."""
    set_global_options(GlobalOptions(store=store, verbose=verbose and not quiet, quiet=quiet))


def main() -> None:
    # Libraries under extraction (trafilatura, htmldate) log parser complaints about odd pages;
    # the command reports what matters itself, so their records go nowhere.
    logging.getLogger().addHandler(logging.NullHandler())
    app()
