"""The command line: a typer app with one module per command group and one error boundary."""

from tracker.cli.app import app, main

__all__ = ["app", "main"]
