"""`tracker notify add | list | remove | test | retry`: where recorded changes are announced."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated, Optional

import typer

from tracker.cli.app import app
from tracker.cli.common import ExitStatus, StoreOption, WaitOption, echo, parse_only, store_path

notify_app = typer.Typer(
    name="notify",
    help="Announce each recorded change: signed webhooks (http/https) or Apprise URLs.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(notify_app)


class ListFormat(str, Enum):
    TEXT = "text"
    JSON = "json"


@notify_app.command("add")
def notify_add(
    target: Annotated[
        str,
        typer.Argument(
            help="An http(s) URL (a signed JSON POST per Standard Webhooks) or an Apprise URL "
            "(json://host:port/path, mailto://..., ...)."
        ),
    ],
    secret: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--secret", help="Webhook signing secret, whsec_... (default: a new one)."),
    ] = None,
    only: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Only changes in these parts (comma-separated), as 'diff --only'."),
    ] = None,
    min_significance: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, help="Only changes at least this significant (0 to 1)."),
    ] = 0.0,
    include_new: Annotated[
        bool, typer.Option("--include-new", help="Also announce an article's first version.")
    ] = False,
    wait: WaitOption = 10.0,
    store: StoreOption = None,
) -> None:
    """Announce recorded changes at TARGET (added again: its options are replaced)."""
    from tracker.notify.config import Target, is_webhook, new_secret, secret_key
    from tracker.notify.targets import add

    if secret is not None and not is_webhook(target):
        raise typer.BadParameter("only http(s) webhook targets are signed", param_hint="--secret")
    made = is_webhook(target) and secret is None
    if secret is not None:
        secret_key(secret)
    chosen = Target(target, secret=new_secret() if made else secret, only=_only(only),
                    min_significance=min_significance, include_new=include_new)  # fmt: skip
    saved, new = add(store_path(store), chosen, wait=wait)
    echo(f"{'notifying' if new else 'updated'} {saved.kind} {saved.shown()['url']}")
    if made:
        echo(f"signing secret (give it to the receiver): {saved.secret}")


def _only(only: str | None) -> tuple[str, ...] | None:
    parts = parse_only(only)
    return tuple(sorted(parts)) if parts is not None else None


@notify_app.command("list")
def notify_list(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.TEXT
    ),
    store: StoreOption = None,
) -> None:
    """List the notification targets (numbered; secrets and passwords not shown)."""
    from tracker.notify.targets import targets

    shown = [t.shown() for t in targets(store_path(store))]
    if fmt is ListFormat.JSON:
        echo(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    if not shown:
        echo("No notification targets; add one with 'tracker notify add URL'.", err=True)
    for n, t in enumerate(shown, 1):
        filters = [f"only {','.join(t['only'])}"] if t["only"] else []
        filters += [f"min {t['min_significance']}"] if t["min_significance"] else []
        filters += ["first versions too"] if t["include_new"] else []
        signed = " (signed)" if t["signed"] else ""
        extra = f"  [{'; '.join(filters)}]" if filters else ""
        echo(f"{n}  {t['kind']:<7}  {t['url']}{signed}{extra}")


@notify_app.command("remove")
def notify_remove(
    target: Annotated[str, typer.Argument(help="The target's URL or its number in the list.")],
    wait: WaitOption = 10.0,
    store: StoreOption = None,
) -> None:
    """Stop notifying a target."""
    from tracker.notify.targets import remove

    removed = remove(store_path(store), target, wait=wait)
    echo(f"removed {removed.shown()['url']}")


@notify_app.command("test")
def notify_test(
    target: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="Only this target (URL or number; default: every one)."),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Send a test notification; exit 1 when a target could not be reached."""
    from tracker.notify.targets import send_test

    deliveries = send_test(store_path(store), target)
    for d in deliveries:
        line = "ok" if d.ok else f"failed: {d.error}"
        echo(f"{d.target.shown()['url']}: {line}", err=not d.ok)
    if any(not d.ok for d in deliveries):
        raise typer.Exit(ExitStatus.ERROR)


@notify_app.command("retry")
def notify_retry(store: StoreOption = None) -> None:
    """Send the failed notifications again; those that fail again stay for the next retry."""
    from tracker.notify.targets import retry

    sent, left = retry(store_path(store))
    echo(f"sent {sent}, {left} still failing")
    if left:
        raise typer.Exit(ExitStatus.ERROR)
