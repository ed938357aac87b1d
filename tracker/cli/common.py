"""What the `tracker` command's modules share: exit statuses, formats, the global options and
the store option, and parsing of times and --only; how wide and whether coloured output is."""

from __future__ import annotations

import contextlib
import contextvars
import inspect
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import Enum, IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TypeVar

import typer

from tracker import times

if TYPE_CHECKING:
    pass


# What must never reach a terminal raw: C0 controls but tab and newline (ESC starts a control
# sequence, CR rewrites a line), DEL, the C1 controls (U+009B is a one-character CSI, U+009D an
# OSC) and the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069: text that
# reads in another order than it is stored).
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The colour codes the text view itself writes (select graphic rendition: ESC [ digits ; m).
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def terminal_safe(text: str, *, keep_colour: bool = False) -> str:
    """`text` with every control character but tab and newline, and every bidi override or
    isolate, written as a visible `\\uXXXX` escape. In JSON output the escape is JSON's own, so
    a document reads back the same. `keep_colour` lets the text view's colour codes through."""
    if not keep_colour:
        return _UNSAFE.sub(_escape, text)
    parts = _SGR.split(text)
    codes = _SGR.findall(text)
    safe = [_UNSAFE.sub(_escape, part) for part in parts]
    return "".join(p + c for p, c in zip(safe, [*codes, ""], strict=True))


def echo(message: str = "", *, err: bool = False, nl: bool = True, colour: bool = False) -> None:
    """Print for every command (stdout, or stderr with `err`), made safe for a terminal by
    `terminal_safe`. Only `show --raw` writes around it, on purpose: the page as fetched."""
    typer.echo(terminal_safe(message, keep_colour=colour), err=err, nl=nl)


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


@dataclass(frozen=True, slots=True)
class GlobalOptions:
    """The options given before the command: `tracker --store PATH -v COMMAND ...`."""

    store: Path | None = None
    verbose: bool = False
    quiet: bool = False


StoreOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional at runtime on 3.10
    typer.Option("--store", help="Snapshot store (default: TRACKER_STORE, else ./snapshots)."),
]


_GLOBAL: contextvars.ContextVar[GlobalOptions] = contextvars.ContextVar(
    "tracker_global_options",
    default=GlobalOptions(),  # noqa: B039 - frozen
)


def set_global_options(options: GlobalOptions) -> None:
    """Remember the options given before the command, for this run."""
    _GLOBAL.set(options)


WaitOption = Annotated[
    float, typer.Option("--wait", min=0.0, help="Seconds to wait for another run's lock.")
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")]


def global_options() -> GlobalOptions:
    """The options given before the command (defaults outside a command line run)."""
    return _GLOBAL.get()


def store_path(store: Path | None) -> Path:
    """The store: --store after the command, else before it, else TRACKER_STORE, else
    ./snapshots."""
    chosen = store or global_options().store or os.environ.get("TRACKER_STORE")
    return Path(chosen) if chosen else Path("snapshots")


def refuse_unused(ctx: typer.Context, names: dict[str, str], why: str) -> None:
    """A usage error (exit 2) naming the first option in `names` (parameter -> flag) that was
    given on the command line although it cannot apply (`why` says when it does)."""
    for param, flag in names.items():
        source = ctx.get_parameter_source(param)
        if source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT"):
            raise typer.BadParameter(f"{flag} {why}", param_hint=flag)


def failure_line(source: str, error: str | None) -> str:
    """'Error: SOURCE: reason' for a failed source, naming the source once."""
    reason = error or "failed"
    return f"Error: {reason}" if source in reason else f"Error: {source}: {reason}"


def parse_only(only: str | None) -> frozenset[str] | None:
    """The report parts --only keeps (None: all)."""
    from tracker.analyze.only_filter import PARTS

    if not only:
        return None
    parts = frozenset(p.strip() for p in only.split(",") if p.strip())
    unknown = parts - set(PARTS)
    if unknown:
        raise typer.BadParameter(
            f"unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}",
            param_hint="--only",
        )
    return parts


def use_color(fmt: Format) -> bool:
    """Colour only for the text view on a terminal, and never with NO_COLOR set."""
    return fmt is Format.TEXT and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def terminal_width() -> int:
    """Columns for the text view: the terminal's, else 0 (no wrapping: piped output keeps one
    line per sentence, for grep and log files)."""
    return shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 0


def parse_time(value: str | None) -> datetime | None:
    """--at as a datetime (a usage error when it is not ISO 8601)."""
    if value is None:
        return None
    try:
        return times.parse_time(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO 8601 time (e.g. 2024-05-01T14:30:00+00:00)", param_hint="--at"
        ) from None


def unwrap_help(app: typer.Typer) -> None:
    """Give each command its docstring with paragraphs joined into single lines.

    Typer keeps the line breaks of a docstring's later paragraphs, which then break in odd places
    on a terminal of another width; joined lines wrap to the terminal instead.
    """
    for command in app.registered_commands:
        doc = command.help or (command.callback.__doc__ if command.callback else None)
        if doc:
            paragraphs = inspect.cleandoc(doc).split("\n\n")
            command.help = "\n\n".join(" ".join(p.split()) for p in paragraphs)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            unwrap_help(group.typer_instance)


_R = TypeVar("_R")


def _ignore(result: object) -> None:
    return None


@contextlib.contextmanager
def progress(
    wanted: bool, label: str, report: Callable[[_R], None]
) -> Iterator[Callable[[int, int, _R], None]]:
    """A progress bar on stderr (only when it is a terminal and `wanted`); yields the step
    callback `(done, total, result)` for a long run, which also passes each result to `report`."""
    if not (wanted and sys.stderr.isatty()):
        yield lambda done, total, result: report(result)
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def step(done: int, total: int, result: _R) -> None:
            bar.update(task, completed=done, total=total)
            report(result)

        yield step


def progress_bar(
    wanted: bool, label: str
) -> contextlib.AbstractContextManager[Callable[[int, int, object], None]]:
    """`progress` with nothing to report per result."""
    return progress(wanted, label, _ignore)


@contextlib.contextmanager
def counter(wanted: bool, label: str) -> Iterator[Callable[[int, int], None]]:
    """`progress` for runs that report only `(done, total)`."""
    with progress_bar(wanted, label) as step:
        yield lambda done, total: step(done, total, None)
