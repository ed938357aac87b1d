"""The command line: a typer app (`app.py`: global options, the one error boundary) and one
module per command group: snapshot, diff, history (log, show, list), changelog, extract, watch."""

from tracker.cli import changelog, data, diff, extract, history, notify, snapshot, watch, web
from tracker.cli.app import app, main
from tracker.cli.common import unwrap_help

unwrap_help(app)

__all__ = [
    "app",
    "changelog",
    "data",
    "diff",
    "extract",
    "history",
    "main",
    "notify",
    "snapshot",
    "watch",
    "web",
]
