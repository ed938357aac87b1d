"""tracker.times: the one ISO 8601 reader, and the places that read dates through it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import article_html

from tracker.pipeline import load_versions, snapshot
from tracker.pipeline.changelog import build_changelog
from tracker.store.store import Store
from tracker.times import aware, iso, parse_time

UTC = timezone.utc
T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def test_z_suffix_is_utc() -> None:
    assert parse_time("2024-05-01T14:30:00Z") == datetime(2024, 5, 1, 14, 30, tzinfo=UTC)


def test_offset_is_kept() -> None:
    moment = parse_time("2024-05-01T14:30:00+02:00")
    assert moment.utcoffset() == timedelta(hours=2)
    assert moment == datetime(2024, 5, 1, 12, 30, tzinfo=UTC)


def test_negative_compact_offset() -> None:
    assert parse_time("2024-05-01T14:30-0530").utcoffset() == -timedelta(hours=5, minutes=30)


def test_naive_time_is_utc() -> None:
    assert parse_time("2024-05-01T14:30:00") == datetime(2024, 5, 1, 14, 30, tzinfo=UTC)


def test_space_separator_and_fraction() -> None:
    assert parse_time("2024-05-01 14:30:05.25") == datetime(
        2024, 5, 1, 14, 30, 5, 250000, tzinfo=UTC
    )


def test_date_alone_is_the_start_of_the_day() -> None:
    assert parse_time("2024-05-01") == datetime(2024, 5, 1, tzinfo=UTC)


def test_basic_form_reads_like_the_extended_form() -> None:
    assert parse_time("20240501") == parse_time("2024-05-01")
    assert parse_time("20240501T143000Z") == parse_time("2024-05-01T14:30:00Z")


def test_end_of_day_is_the_same_for_both_date_forms() -> None:
    last = datetime(2024, 5, 1, 23, 59, 59, 999999, tzinfo=UTC)
    assert parse_time("2024-05-01", end_of_day=True) == last
    assert parse_time("20240501", end_of_day=True) == last


def test_end_of_day_leaves_a_given_time_alone() -> None:
    assert parse_time("2024-05-01T08:00Z", end_of_day=True) == datetime(2024, 5, 1, 8, tzinfo=UTC)


def test_surrounding_space_is_ignored() -> None:
    assert parse_time("  2024-05-01\n") == datetime(2024, 5, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "value", ["", "yesterday", "2024-5-1", "2024-05-01T", "2024-0501", "01/05/2024", "2024-05-01Q"]
)
def test_not_iso_8601_is_a_value_error_naming_the_value(value: str) -> None:
    with pytest.raises(ValueError, match="is not an ISO 8601 date or time"):
        parse_time(value)


@pytest.mark.parametrize(
    "value", ["2024-13-01", "2024-02-30", "2024-05-01T25:00", "2024-05-01T10:00+24:00"]
)
def test_impossible_date_is_a_value_error_naming_the_value(value: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"'{value}' is not a valid date or time")):
        parse_time(value)


def test_iso_writes_utc() -> None:
    assert iso(parse_time("2024-05-01T14:30:00+02:00")) == "2024-05-01T12:30:00+00:00"


def test_iso_takes_a_naive_moment_as_utc() -> None:
    assert iso(datetime(2024, 5, 1, 14, 30)) == "2024-05-01T14:30:00+00:00"


def test_iso_round_trips_through_parse_time() -> None:
    moment = datetime(2024, 5, 1, 14, 30, 5, 120000, tzinfo=UTC)
    assert parse_time(iso(moment)) == moment


def test_aware_keeps_an_offset_and_gives_naive_utc() -> None:
    plus_two = timezone(timedelta(hours=2))
    assert aware(datetime(2024, 5, 1, tzinfo=plus_two)).tzinfo is plus_two
    assert aware(datetime(2024, 5, 1)).tzinfo is UTC


def _two_days(tmp_path: Path, store: Store) -> str:
    url = "https://example.com/news/budget"
    (tmp_path / "v1.html").write_text(article_html())
    (tmp_path / "v2.html").write_text(article_html("Council delays budget"))
    snapshot([str(tmp_path / "v1.html")], store, url=url, at=T0)
    snapshot([str(tmp_path / "v2.html")], store, url=url, at=T0 + timedelta(days=1))
    return url


@pytest.mark.parametrize("day", ["2024-03-02", "20240302"])
def test_version_named_by_a_date_is_the_one_current_at_its_end(
    tmp_path: Path, store: Store, day: str
) -> None:
    old, new = load_versions(store, _two_days(tmp_path, store), "2024-03-01T09:00:00Z", day)
    assert (old.meta["version"], new.meta["version"]) == (1, 2)


@pytest.mark.parametrize("until", ["2024-03-02", "20240302", "2024-03-02T09:00:00Z"])
def test_changelog_until_a_date_includes_that_whole_day(
    tmp_path: Path, store: Store, until: str
) -> None:
    _two_days(tmp_path, store)
    log = build_changelog(store, since="20240301", until=until)
    assert [t.version for t in log.articles[0].transitions] == [1, 2]
