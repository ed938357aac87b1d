"""`tracker serve` (the store read-only over HTTP) and `tracker site OUT` (the same pages as
files)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import app
from tracker.cli.common import StoreOption, echo, global_options, store_path


@app.command()
def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (another host's only if given).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port.")] = 8000,
    store: StoreOption = None,
) -> None:
    """Browse the store read-only in a web browser: every article, its versions, any two
    versions compared (add .json to a comparison for the report document)."""
    from tracker.web.app import LOOPBACK_NAMES, serve

    root = store_path(store)
    if host not in LOOPBACK_NAMES:
        echo(f"Note: {host} is not a loopback address; others can read the store.", err=True)

    def announce(url: str) -> None:
        if not global_options().quiet:
            echo(f"Serving {root}/ read-only at {url} (Ctrl-C stops)", err=True)

    serve(root, host, port, announce=announce)


@app.command()
def site(
    out: Annotated[Path, typer.Argument(help="Folder to write the pages in (index.html first).")],
    store: StoreOption = None,
) -> None:
    """Write the pages of 'tracker serve' as static files into OUT."""
    from tracker.web.site import build_site

    summary = build_site(store_path(store), out)
    if not global_options().quiet:
        echo(f"Wrote {summary.pages} page(s) for {summary.articles} article(s) to "
                   f"{summary.out / 'index.html'}", err=True)  # fmt: skip
