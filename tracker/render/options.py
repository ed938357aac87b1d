"""How a report is shown: the options every renderer takes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How a report is shown; each renderer takes the same options, using what it can."""

    color: bool = False
    context: int = 1
    side_by_side: bool = False
    width: int = 100
