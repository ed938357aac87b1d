"""Adaptive re-check schedule: age bands, unchanged backoff, failure backoff, bounds."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.watch.schedule import (
    AgeBand,
    CheckState,
    SchedulePolicy,
    after_check,
    after_failure,
    check_interval,
    is_due,
    next_check,
)

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
POLICY = SchedulePolicy()
MIN = timedelta(minutes=1)


def _checked_at(age: timedelta, **fields: int) -> CheckState:
    return CheckState(first_seen=T0, last_checked=T0 + age, **fields)


@pytest.mark.parametrize(
    ("age", "interval"),
    [
        (timedelta(0), timedelta(minutes=15)),
        (timedelta(hours=3) - MIN, timedelta(minutes=15)),
        (timedelta(hours=3), timedelta(hours=1)),
        (timedelta(days=1) - MIN, timedelta(hours=1)),
        (timedelta(days=1), timedelta(hours=3)),
        (timedelta(days=7) - MIN, timedelta(hours=3)),
        (timedelta(days=7), timedelta(days=1)),
        (timedelta(days=30) - MIN, timedelta(days=1)),
        (timedelta(days=30), timedelta(weeks=1)),
    ],
)
def test_interval_follows_the_age_band_at_the_last_check(
    age: timedelta, interval: timedelta
) -> None:
    assert check_interval(_checked_at(age), POLICY) == interval


def test_checks_stop_past_max_age_without_a_retired_interval() -> None:
    policy = SchedulePolicy(retired_interval=None)
    state = _checked_at(timedelta(days=30))
    assert next_check(state, T0 + timedelta(days=40), policy) is None


def test_a_stopped_url_is_never_due() -> None:
    policy = SchedulePolicy(retired_interval=None)
    assert not is_due(_checked_at(timedelta(days=31)), T0 + timedelta(days=400), policy)


def test_age_counts_from_publication_when_known() -> None:
    state = CheckState(first_seen=T0, last_checked=T0, published=T0 - timedelta(days=2))
    assert check_interval(state, POLICY) == timedelta(hours=3)


def test_each_unchanged_check_stretches_the_interval_by_the_factor() -> None:
    state = _checked_at(timedelta(hours=4), unchanged_streak=2)
    assert check_interval(state, POLICY) == timedelta(hours=1) * 1.44


def test_a_change_resets_the_backoff() -> None:
    state = after_check(_checked_at(timedelta(hours=4), unchanged_streak=9), T0, changed=True)
    assert (state.unchanged_streak, state.last_changed) == (0, T0)


def test_an_unchanged_check_adds_to_the_streak() -> None:
    state = after_check(_checked_at(timedelta(0), unchanged_streak=3), T0, changed=False)
    assert state.unchanged_streak == 4


def test_backoff_is_capped_at_the_max_interval() -> None:
    state = _checked_at(timedelta(days=8), unchanged_streak=10_000)
    assert check_interval(state, POLICY) == POLICY.max_interval


def test_interval_is_raised_to_the_min_interval() -> None:
    policy = SchedulePolicy(min_interval=timedelta(minutes=30))
    assert check_interval(_checked_at(timedelta(0)), policy) == timedelta(minutes=30)


def test_failures_back_off_exponentially() -> None:
    delays = [
        check_interval(_checked_at(timedelta(0), failure_streak=n), POLICY) for n in (1, 2, 3, 4)
    ]
    assert delays == [timedelta(minutes=m) for m in (15, 30, 60, 120)]


def test_failure_backoff_is_capped() -> None:
    state = _checked_at(timedelta(0), failure_streak=50)
    assert check_interval(state, POLICY) == POLICY.failure_cap


def test_a_failure_never_brings_the_next_check_forward() -> None:
    state = _checked_at(timedelta(days=10), failure_streak=1)
    assert check_interval(state, POLICY) == timedelta(days=1)


def test_success_clears_the_failure_streak() -> None:
    state = after_check(_checked_at(timedelta(0), failure_streak=3), T0, changed=False)
    assert state.failure_streak == 0


def test_a_failure_records_the_attempt() -> None:
    later = T0 + timedelta(hours=1)
    state = after_failure(_checked_at(timedelta(0)), later)
    assert (state.failure_streak, state.last_checked) == (1, later)


def test_override_replaces_the_age_interval() -> None:
    state = _checked_at(timedelta(days=3), unchanged_streak=5)
    assert check_interval(state, POLICY, override=timedelta(hours=6)) == timedelta(hours=6)


def test_override_is_clamped_to_the_min_interval() -> None:
    assert check_interval(_checked_at(timedelta(0)), POLICY, override=MIN) == POLICY.min_interval


def test_a_url_never_checked_is_due_now() -> None:
    assert is_due(CheckState(first_seen=T0), T0, POLICY)


def test_due_exactly_at_the_next_check() -> None:
    assert is_due(_checked_at(timedelta(0)), T0 + timedelta(minutes=15), POLICY)


def test_not_due_just_before_the_next_check() -> None:
    assert not is_due(_checked_at(timedelta(0)), T0 + timedelta(minutes=14), POLICY)


def test_policy_rejects_unordered_bands() -> None:
    bands = (AgeBand(timedelta(days=1), MIN), AgeBand(timedelta(hours=1), MIN))
    with pytest.raises(ValueError, match="ordered"):
        SchedulePolicy(bands=bands)


def test_policy_rejects_min_above_max() -> None:
    with pytest.raises(ValueError, match="min_interval"):
        SchedulePolicy(min_interval=timedelta(days=8))


_STATES = st.builds(
    CheckState,
    first_seen=st.just(T0),
    last_checked=st.just(T0),
    unchanged_streak=st.integers(0, 10**6),
    failure_streak=st.integers(0, 10**6),
    published=st.none()
    | st.datetimes(
        min_value=datetime(1990, 1, 1),
        max_value=datetime(2024, 5, 1),
        timezones=st.just(timezone.utc),
    ),
)
_POLICIES = st.builds(
    SchedulePolicy,
    backoff_factor=st.floats(1.0, 50.0),
    min_interval=st.timedeltas(timedelta(seconds=1), timedelta(hours=1)),
    max_interval=st.timedeltas(timedelta(hours=1), timedelta(days=60)),
    failure_base=st.timedeltas(timedelta(seconds=1), timedelta(days=2)),
    failure_cap=st.timedeltas(timedelta(seconds=1), timedelta(days=90)),
)


@given(_STATES, _POLICIES)
def test_next_check_after_a_check_now_lies_within_min_and_max(
    state: CheckState, policy: SchedulePolicy
) -> None:
    moment = next_check(state, T0, policy)
    assert moment is not None
    assert T0 + policy.min_interval <= moment <= T0 + policy.max_interval


@given(_STATES, _POLICIES, st.timedeltas(timedelta(0), timedelta(days=400)))
def test_is_due_agrees_with_next_check(
    state: CheckState, policy: SchedulePolicy, wait: timedelta
) -> None:
    moment = next_check(state, T0 + wait, policy)
    assert is_due(state, T0 + wait, policy) == (moment is not None and moment <= T0 + wait)
