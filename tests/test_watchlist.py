"""The watch list: frozen add/remove/update, due entries, atomic JSON file, corrupt files."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tracker.errors import TrackerError
from tracker.watch.schedule import SchedulePolicy, after_check
from tracker.watch.watchlist import (
    WatchList,
    WatchListCorrupt,
    WatchNotFound,
    WatchOptions,
    add_entries,
    add_entry,
    due_entries,
    load_watchlist,
    new_entry,
    remove_entry,
    save_watchlist,
    update_entry,
    watch_key,
)

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
ARTICLE = "https://news.example.com/2024/05/01/story"
FEED = "https://news.example.com/rss.xml"


def _list(*urls: str) -> WatchList:
    watchlist = WatchList()
    for url in urls:
        watchlist = add_entry(watchlist, new_entry(url, "article", T0))
    return watchlist


def test_watch_key_drops_fragment_and_lowercases_host() -> None:
    assert watch_key("HTTPS://News.Example.com/A/b?x=1#top") == "https://news.example.com/A/b?x=1"


def test_add_appends_an_entry() -> None:
    assert [entry.url for entry in _list(ARTICLE, FEED)] == [ARTICLE, FEED]


def test_add_of_a_watched_url_keeps_the_first_entry() -> None:
    watchlist = _list(ARTICLE)
    again = add_entry(watchlist, new_entry(ARTICLE.replace("news.", "NEWS.") + "#x", "feed", T0))
    assert again == watchlist


def test_add_returns_a_new_list_and_leaves_the_old_one() -> None:
    empty = WatchList()
    add_entry(empty, new_entry(ARTICLE, "article", T0))
    assert len(empty) == 0


def test_add_entries_appends_only_new_urls_in_order() -> None:
    found = [new_entry(url, "article", T0) for url in (FEED, ARTICLE, f"{FEED}#again")]
    assert [entry.url for entry in add_entries(_list(ARTICLE), found)] == [ARTICLE, FEED]


def test_a_list_built_with_duplicates_keeps_the_first() -> None:
    first, second = new_entry(ARTICLE, "article", T0), new_entry(f"{ARTICLE}#x", "feed", T0)
    assert WatchList((first, second)).entries == (first,)


def test_find_returns_the_entry_for_a_url() -> None:
    assert _list(ARTICLE, FEED).find(f"{FEED}#top") == new_entry(FEED, "article", T0)


def test_contains_compares_by_watch_key() -> None:
    assert f"{ARTICLE}#comments" in _list(ARTICLE)


def test_remove_drops_the_entry() -> None:
    assert remove_entry(_list(ARTICLE, FEED), ARTICLE).entries[0].url == FEED


def test_remove_of_an_unknown_url_raises_watch_not_found() -> None:
    with pytest.raises(WatchNotFound, match="is not on the watch list"):
        remove_entry(_list(ARTICLE), FEED)


def test_remove_with_discovered_also_drops_the_feeds_articles() -> None:
    watchlist = add_entry(_list(FEED), new_entry(ARTICLE, "article", T0, discovered_from=FEED))
    assert len(remove_entry(watchlist, FEED, with_discovered=True)) == 0


def test_remove_keeps_discovered_articles_by_default() -> None:
    watchlist = add_entry(_list(FEED), new_entry(ARTICLE, "article", T0, discovered_from=FEED))
    assert [entry.url for entry in remove_entry(watchlist, FEED)] == [ARTICLE]


def test_update_replaces_the_entry_in_place() -> None:
    watchlist = _list(ARTICLE, FEED)
    changed = replace(watchlist.entries[0], etag='"abc"')
    assert update_entry(watchlist, changed).entries == (changed, watchlist.entries[1])


def test_update_of_an_unknown_url_raises_watch_not_found() -> None:
    with pytest.raises(WatchNotFound):
        update_entry(_list(ARTICLE), new_entry(FEED, "feed", T0))


def test_new_entry_is_due_at_once() -> None:
    assert due_entries(_list(ARTICLE), T0, SchedulePolicy()) == _list(ARTICLE).entries


def test_disabled_entry_is_never_due() -> None:
    entry = new_entry(ARTICLE, "article", T0, options=WatchOptions(enabled=False))
    assert due_entries(WatchList((entry,)), T0, SchedulePolicy()) == ()


def test_interval_override_decides_due_ness() -> None:
    entry = new_entry(ARTICLE, "article", T0, options=WatchOptions(interval=timedelta(hours=2)))
    checked = replace(entry, state=after_check(entry.state, T0, changed=False))
    later = T0 + timedelta(hours=1)
    assert due_entries(WatchList((checked,)), later, SchedulePolicy()) == ()


def test_discovered_flag_follows_the_source_feed() -> None:
    entry = new_entry(ARTICLE, "article", T0, discovered_from=FEED)
    assert entry.discovered
    assert not new_entry(ARTICLE, "article", T0).discovered


def test_save_then_load_round_trips_every_field(tmp_path: Path) -> None:
    entry = new_entry(
        ARTICLE,
        "article",
        T0,
        options=WatchOptions(interval=timedelta(minutes=90), allow_private=True, enabled=False),
        discovered_from=FEED,
        published=T0 - timedelta(hours=5),
    )
    entry = replace(
        entry,
        state=after_check(entry.state, T0 + timedelta(hours=1), changed=True),
        etag='W/"v1"',
        last_modified="Wed, 01 May 2024 12:00:00 GMT",
        content_hash="sha256:ab12",
    )
    watchlist = WatchList((entry, new_entry(FEED, "feed", T0)))
    save_watchlist(tmp_path / "watchlist.json", watchlist)
    assert load_watchlist(tmp_path / "watchlist.json") == watchlist


def test_load_of_a_missing_file_is_an_empty_list(tmp_path: Path) -> None:
    assert load_watchlist(tmp_path / "watchlist.json") == WatchList()


def test_save_leaves_no_temporary_file(tmp_path: Path) -> None:
    save_watchlist(tmp_path / "watchlist.json", _list(ARTICLE))
    assert [p.name for p in tmp_path.iterdir()] == ["watchlist.json"]


def test_save_replaces_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "watchlist.json"
    save_watchlist(path, _list(ARTICLE, FEED))
    save_watchlist(path, _list(FEED))
    assert [entry.url for entry in load_watchlist(path)] == [FEED]


def test_saved_file_is_readable_json_with_a_version(tmp_path: Path) -> None:
    save_watchlist(tmp_path / "watchlist.json", _list(ARTICLE))
    document = json.loads((tmp_path / "watchlist.json").read_text(encoding="utf-8"))
    assert (document["version"], document["entries"][0]["url"]) == (1, ARTICLE)


def test_load_of_invalid_json_names_the_file_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "watchlist.json"
    path.write_text('{"version": 1, "entries": [', encoding="utf-8")
    with pytest.raises(WatchListCorrupt, match=r"watchlist\.json is not a readable.*move it aside"):
        load_watchlist(path)


@pytest.mark.parametrize(
    ("document", "detail"),
    [
        ("[]", "expected a JSON object"),
        ('{"version": 7, "entries": []}', "unknown format version 7"),
        ('{"version": 1}', "missing field 'entries'"),
        ('{"version": 1, "entries": [{"url": "x"}]}', "entry 1: missing field 'kind'"),
        (
            '{"version": 1, "entries": [{"url": "x", "kind": "blog", "added": "", "state": {}}]}',
            "entry 1: kind must be",
        ),
        (
            '{"version": 1, "entries": [{"url": 3, "kind": "feed", "added": "2024-05-01", '
            '"state": {"first_seen": "2024-05-01"}}]}',
            "entry 1: url has the wrong type",
        ),
        (
            '{"version": 1, "entries": [{"url": "x", "kind": "feed", "added": "yesterday", '
            '"state": {"first_seen": "2024-05-01"}}]}',
            "entry 1: 'yesterday' is not an ISO 8601 date",
        ),
    ],
)
def test_load_of_a_malformed_list_says_what_is_wrong(
    tmp_path: Path, document: str, detail: str
) -> None:
    path = tmp_path / "watchlist.json"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(WatchListCorrupt) as raised:
        load_watchlist(path)
    assert detail in str(raised.value)


def test_watch_list_errors_are_tracker_errors() -> None:
    assert issubclass(WatchListCorrupt, TrackerError)
    assert issubclass(WatchNotFound, TrackerError)


def test_load_reads_naive_times_as_utc(tmp_path: Path) -> None:
    path = tmp_path / "watchlist.json"
    entry = {"url": ARTICLE, "kind": "article", "added": "2024-05-01T12:00:00",
             "state": {"first_seen": "2024-05-01T12:00:00Z"}}  # fmt: skip
    path.write_text(json.dumps({"version": 1, "entries": [entry]}), encoding="utf-8")
    assert load_watchlist(path).entries[0] == new_entry(ARTICLE, "article", T0)
