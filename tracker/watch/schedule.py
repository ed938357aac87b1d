"""When to check a watched article again: by its age, backed off while it stays unchanged. Pure.

The interval comes from the article's age (NewsDiffs: every 15 minutes while under 3 hours old,
hourly under a day, every 3 hours under a week, daily up to a maximum age), grows by a factor for
each check that found no change and resets on a change (News Sniffer), and is clamped to
[min_interval, max_interval]. Past the maximum age, checks stop or fall to a slow interval. A failed
check is retried with an exponential backoff, never sooner than the normal interval.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class AgeBand:
    """Articles younger than `max_age` are checked every `interval` (before backoff)."""

    max_age: timedelta
    interval: timedelta


_DEFAULT_BANDS = (
    AgeBand(timedelta(hours=3), timedelta(minutes=15)),
    AgeBand(timedelta(days=1), timedelta(hours=1)),
    AgeBand(timedelta(days=7), timedelta(hours=3)),
    AgeBand(timedelta(days=30), timedelta(days=1)),
)


@dataclass(frozen=True, slots=True)
class SchedulePolicy:
    """How often to check. Bands are ordered by `max_age`; the last band's `max_age` is the age
    after which checks stop (`retired_interval` None) or happen every `retired_interval`."""

    bands: tuple[AgeBand, ...] = _DEFAULT_BANDS
    retired_interval: timedelta | None = timedelta(weeks=1)
    backoff_factor: float = 1.2
    min_interval: timedelta = timedelta(minutes=10)
    max_interval: timedelta = timedelta(weeks=1)
    failure_base: timedelta = timedelta(minutes=15)
    failure_cap: timedelta = timedelta(days=1)

    def __post_init__(self) -> None:
        ages = [band.max_age for band in self.bands]
        if not self.bands or ages != sorted(ages):
            raise ValueError("schedule bands must be non-empty and ordered by max_age")
        if not timedelta(0) < self.min_interval <= self.max_interval:
            raise ValueError("schedule needs 0 < min_interval <= max_interval")
        if self.backoff_factor < 1 or self.failure_base <= timedelta(0):
            raise ValueError("schedule backoff_factor must be >= 1 and failure_base positive")

    @property
    def max_age(self) -> timedelta:
        return self.bands[-1].max_age


@dataclass(frozen=True, slots=True)
class CheckState:
    """What scheduling knows of one watched URL. Datetimes should be timezone-aware (UTC)."""

    first_seen: datetime
    last_checked: datetime | None = None
    last_changed: datetime | None = None
    unchanged_streak: int = 0
    failure_streak: int = 0
    published: datetime | None = None


def check_interval(
    state: CheckState, policy: SchedulePolicy, override: timedelta | None = None
) -> timedelta | None:
    """The wait after the last check, clamped to the policy's bounds; None when checks have stopped.

    `override` replaces the age-based interval (no unchanged backoff; failures still back off).
    """
    base = override if override is not None else _backed_off(state, policy)
    if base is None:
        return None
    if state.failure_streak > 0:
        base = max(base, _failure_delay(state.failure_streak, policy))
    return min(max(base, policy.min_interval), policy.max_interval)


def next_check(
    state: CheckState,
    now: datetime,
    policy: SchedulePolicy,
    override: timedelta | None = None,
) -> datetime | None:
    """When to check next: `last_checked` plus the interval, or `now` for a URL never checked.

    None means never again (older than the policy's maximum age and no retired interval).
    """
    if state.last_checked is None:
        return now
    interval = check_interval(state, policy, override)
    return None if interval is None else state.last_checked + interval


def is_due(
    state: CheckState,
    now: datetime,
    policy: SchedulePolicy,
    override: timedelta | None = None,
) -> bool:
    """Whether the URL should be checked at `now`."""
    moment = next_check(state, now, policy, override)
    return moment is not None and moment <= now


def after_check(state: CheckState, now: datetime, changed: bool) -> CheckState:
    """The state after a successful check at `now` that did (or did not) find a change."""
    if changed:
        return replace(
            state, last_checked=now, last_changed=now, unchanged_streak=0, failure_streak=0
        )
    return replace(
        state, last_checked=now, unchanged_streak=state.unchanged_streak + 1, failure_streak=0
    )


def after_failure(state: CheckState, now: datetime) -> CheckState:
    """The state after a check at `now` that failed (fetch error, implausible page)."""
    return replace(state, last_checked=now, failure_streak=state.failure_streak + 1)


def _backed_off(state: CheckState, policy: SchedulePolicy) -> timedelta | None:
    base = _age_interval(_age(state), policy)
    if base is None:
        return None
    growth = _safe_power(policy.backoff_factor, state.unchanged_streak, policy, base)
    return _scaled(base, growth, policy.max_interval)


def _age(state: CheckState) -> timedelta:
    """The article's age when it was last checked (its publication date when known)."""
    born = state.published or state.first_seen
    checked = state.last_checked or state.first_seen
    return max(checked - born, timedelta(0))


def _age_interval(age: timedelta, policy: SchedulePolicy) -> timedelta | None:
    for band in policy.bands:
        if age < band.max_age:
            return band.interval
    return policy.retired_interval


def _failure_delay(failures: int, policy: SchedulePolicy) -> timedelta:
    growth = _safe_power(2.0, failures - 1, policy, policy.failure_base)
    return _scaled(policy.failure_base, growth, policy.failure_cap)


def _safe_power(factor: float, exponent: int, policy: SchedulePolicy, base: timedelta) -> float:
    """factor ** exponent, stopped once it alone would pass the maximum interval (no overflow)."""
    if factor <= 1 or exponent <= 0:
        return 1.0
    ceiling = policy.max_interval / max(base, timedelta(microseconds=1))
    limit = math.log(max(ceiling, 1.0)) / math.log(factor) + 1
    return float(factor ** min(exponent, limit))


def _scaled(base: timedelta, growth: float, cap: timedelta) -> timedelta:
    seconds = min(base.total_seconds() * growth, cap.total_seconds())
    return timedelta(seconds=seconds)
