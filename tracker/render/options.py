"""How a report is shown: the options every renderer takes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How a report is shown; each renderer takes the same options, using what it can.

    `width` is the text view's line length: 0 (the default, and what a pipe or a file gets)
    never wraps; a terminal's width wraps long lines with a hanging indent past the gutter.
    """

    color: bool = False
    context: int = 1
    side_by_side: bool = False
    width: int = 0
