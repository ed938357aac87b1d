"""The cron cycle over a real store and a loopback site: watch list, feeds, 304s, guards."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import PARAGRAPHS, Site, article_html

from tracker.errors import BadSource
from tracker.fetch.http import FetchPolicy
from tracker.pipeline import reextract
from tracker.store.store import Snapshot, Store
from tracker.watch.cycle import CycleOptions, read_watchlist, run_cycle, unwatch_url, watch_url
from tracker.watch.watchlist import WatchOptions

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)
EDITED = (PARAGRAPHS[0], PARAGRAPHS[1].replace("40 bus drivers", "25 bus drivers"), *PARAGRAPHS[2:])
FAST = FetchPolicy(host_delay=0.0, backoff=0.0, timeout=5.0)
EVERY = CycleOptions(fetch=FAST, due_only=False)


def _cycle(store: Store, at: datetime = T0, options: CycleOptions = EVERY):  # type: ignore[no-untyped-def]
    return run_cycle(store, now=at, options=options)


def _statuses(summary) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return sorted((r.source.rsplit("/", 1)[-1], r.describe()) for r in summary.results)


def _rss(*links: str) -> str:
    items = "".join(f"<item><title>t</title><link>{link}</link></item>" for link in links)
    channel = f"<channel><title>F</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


def test_a_watched_article_is_recorded_on_its_first_check(site: Site, store: Store) -> None:
    watch_url(store, site.put("/a", article_html()), now=T0)
    assert _statuses(_cycle(store)) == [("a", "new v1")]


def test_an_unchanged_page_answers_304_and_is_not_downloaded_again(
    site: Site, store: Store
) -> None:
    watch_url(store, site.put("/a", article_html()), now=T0)
    _cycle(store)
    result = _cycle(store, T0 + timedelta(hours=1)).results[0]
    assert (result.status, result.via) == ("unchanged", "not-modified")
    assert site.requests[-1][1].get("If-None-Match")


def test_a_page_without_validators_is_short_circuited_by_its_hash(site: Site, store: Store) -> None:
    watch_url(store, site.put("/a", article_html(), etag=False), now=T0)
    _cycle(store)
    result = _cycle(store, T0 + timedelta(hours=1)).results[0]
    assert (result.status, result.via) == ("unchanged", "hash")


def test_an_edited_page_is_the_next_version(site: Site, store: Store) -> None:
    url = site.put("/a", article_html())
    watch_url(store, url, now=T0)
    _cycle(store)
    site.put("/a", article_html("Council approves budget", *EDITED))
    assert _statuses(_cycle(store, T0 + timedelta(hours=1))) == [("a", "changed v2")]


def test_due_mode_skips_an_entry_checked_a_minute_ago(site: Site, store: Store) -> None:
    watch_url(store, site.put("/a", article_html()), now=T0)
    _cycle(store)
    due = CycleOptions(fetch=FAST, due_only=True)
    assert _cycle(store, T0 + timedelta(minutes=1), due).results == ()
    assert len(_cycle(store, T0 + timedelta(minutes=20), due).results) == 1


def test_the_watch_list_records_the_check(site: Site, store: Store) -> None:
    watch_url(store, site.put("/a", article_html()), now=T0)
    _cycle(store)
    entry = read_watchlist(store).entries[0]
    assert (entry.state.last_checked, entry.state.last_changed) == (T0, T0)
    assert entry.etag is not None


def test_a_feed_adds_its_items_and_they_are_checked_in_the_same_cycle(
    site: Site, store: Store
) -> None:
    site.put("/a", article_html())
    site.put("/b", article_html("Second story"))
    feed = site.put("/feed.xml", _rss(site.url("/a"), site.url("/b")), content_type="text/xml")
    watch_url(store, feed, options=WatchOptions(allow_private=True), now=T0)
    assert _statuses(_cycle(store)) == [
        ("a", "new v1"),
        ("b", "new v1"),
        ("feed.xml", "feed: 2 new article(s)"),
    ]
    assert {e.discovered_from for e in read_watchlist(store) if e.kind == "article"} == {feed}


def test_a_feed_listing_an_article_again_adds_nothing(site: Site, store: Store) -> None:
    site.put("/a", article_html())
    feed = site.put("/feed.xml", _rss(site.url("/a")), etag=False)
    watch_url(store, feed, options=WatchOptions(allow_private=True), now=T0)
    _cycle(store)
    site.put("/feed.xml", _rss(site.url("/a"), site.url("/a#comments")), etag=False)
    assert len(read_watchlist(store)) == 2
    _cycle(store, T0 + timedelta(hours=1))
    assert len(read_watchlist(store)) == 2


def test_a_page_found_to_be_a_feed_becomes_one(site: Site, store: Store) -> None:
    site.put("/a", article_html())
    news = site.put("/news", _rss(site.url("/a")), content_type="application/rss+xml")
    watch_url(store, news, options=WatchOptions(allow_private=True), now=T0)
    _cycle(store)
    assert read_watchlist(store).find(news).kind == "feed"  # type: ignore[union-attr]


def test_loopback_links_in_a_feed_are_refused_by_default(site: Site, store: Store) -> None:
    site.put("/a", article_html())
    watch_url(store, site.put("/feed.xml", _rss(site.url("/a"))), now=T0)
    summary = _cycle(store)
    refused = [r for r in summary.results if r.kind == "article"]
    assert "private or loopback" in (refused[0].error or "")
    assert site.hits("/a") == 0


def test_a_refused_link_is_switched_off_so_it_is_reported_once(site: Site, store: Store) -> None:
    site.put("/a", article_html())
    watch_url(store, site.put("/feed.xml", _rss(site.url("/a"))), now=T0)
    _cycle(store)
    assert not read_watchlist(store).find(site.url("/a")).options.enabled  # type: ignore[union-attr]
    assert [r.kind for r in _cycle(store, T0 + timedelta(hours=1)).results] == ["feed"]


def test_feed_links_that_are_not_http_are_never_watched(site: Site, store: Store) -> None:
    links = ("javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/x", "data:,hi")
    watch_url(store, site.put("/feed.xml", _rss(*links)), now=T0)
    _cycle(store)
    assert [e.kind for e in read_watchlist(store)] == ["feed"]


def test_paths_from_hostile_feed_links_stay_inside_the_store(
    site: Site, store_path: Path, store: Store
) -> None:
    hostile = (
        site.url("/../../../../etc/passwd"),
        site.url("/%2e%2e/%2e%2e/outside"),
        site.url("/a/..%2f..%2f..%2fescape"),
    )
    for link in hostile:
        site.put(link.split(str(site.url("")), 1)[1], article_html())
    feed = site.put("/feed.xml", _rss(*hostile))
    watch_url(store, feed, options=WatchOptions(allow_private=True), now=T0)
    _cycle(store)
    root = store_path.resolve()
    files = [p.resolve() for p in root.rglob("*") if ".git" not in p.parts]
    assert all(p.is_relative_to(root) for p in files)
    assert all(a.path.startswith("articles/") and ".." not in a.path for a in store.articles())


def test_an_empty_page_is_a_failed_check_not_a_version(site: Site, store: Store) -> None:
    url = site.put("/a", article_html())
    watch_url(store, url, now=T0)
    _cycle(store)
    site.put("/a", "<html><head><title>Council approves budget</title></head><body></body></html>")
    result = _cycle(store, T0 + timedelta(hours=1)).results[0]
    assert result.status == "failed"
    assert len(store.find(url).versions) == 1


def test_a_paywall_is_a_failed_check_not_a_version(site: Site, store: Store) -> None:
    url = site.put("/a", article_html())
    watch_url(store, url, now=T0)
    _cycle(store)
    site.put("/a", article_html("Council approves budget", "Subscribe now to continue reading."))
    result = _cycle(store, T0 + timedelta(hours=1)).results[0]
    assert "paywall" in (result.error or "")
    assert read_watchlist(store).entries[0].state.failure_streak == 1


def test_a_return_to_an_earlier_version_is_reported_as_a_flip_flop(
    site: Site, store: Store
) -> None:
    url = site.put("/a", article_html())
    watch_url(store, url, now=T0)
    _cycle(store)
    site.put("/a", article_html("Council approves budget", *EDITED))
    _cycle(store, T0 + timedelta(hours=1))
    site.put("/a", article_html())
    result = _cycle(store, T0 + timedelta(hours=2)).results[0]
    assert (result.describe(), result.flip_flop_of) == ("changed v3 (flip-flop: back to v1)", 1)
    assert store.find(url).versions[-1].flip_flop_of == 1


def test_robots_txt_denial_is_respected(site: Site, store: Store) -> None:
    site.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    watch_url(store, site.put("/private/a", article_html()), now=T0)
    result = _cycle(store).results[0]
    assert "robots.txt" in (result.error or "")
    assert site.hits("/private/a") == 0


def test_robots_txt_is_fetched_once_per_site(site: Site, store: Store) -> None:
    site.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    for path in ("/a", "/b", "/c"):
        watch_url(store, site.put(path, article_html(path)), now=T0)
    _cycle(store)
    assert site.hits("/robots.txt") == 1


def test_robots_txt_can_be_ignored(site: Site, store: Store) -> None:
    site.put("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    watch_url(store, site.put("/a", article_html()), now=T0)
    options = CycleOptions(fetch=FetchPolicy(host_delay=0, backoff=0, respect_robots=False),
                           due_only=False)  # fmt: skip
    assert _statuses(_cycle(store, options=options)) == [("a", "new v1")]


def test_one_failed_url_does_not_lose_the_others(site: Site, store: Store) -> None:
    watch_url(store, site.url("/missing"), now=T0)
    watch_url(store, site.put("/a", article_html()), now=T0)
    summary = _cycle(store)
    assert summary.failed
    assert _statuses(summary)[0] == ("a", "new v1")
    assert len(store.find(site.url("/a")).versions) == 1


def test_a_redirect_is_recorded_in_the_version(site: Site, store: Store) -> None:
    watch_url(store, site.put("/a", article_html()), now=T0)
    _cycle(store)
    tracked = store.find(site.url("/a"))
    meta = store.read(tracked, tracked.versions[0]).meta
    assert (meta["final_url"], meta["redirects"]) == (site.url("/a"), [])


def test_the_summary_counts_what_happened(site: Site, store: Store) -> None:
    watch_url(store, site.put("/a", article_html()), now=T0)
    watch_url(store, site.url("/missing"), now=T0)
    counts = _cycle(store).counts()
    assert (counts["new"], counts["failed"], counts["unchanged"]) == (1, 1, 0)


def test_only_http_urls_can_be_watched(store: Store) -> None:
    with pytest.raises(BadSource, match="not an http"):
        watch_url(store, "file:///etc/passwd")


def test_watching_a_url_twice_keeps_one_entry_with_the_new_options(store: Store) -> None:
    watch_url(store, "https://example.com/a", now=T0)
    entry, added = watch_url(store, "https://example.com/a", options=WatchOptions(
        interval=timedelta(hours=2)))  # fmt: skip
    assert (added, len(read_watchlist(store)), entry.options.interval) == (
        False, 1, timedelta(hours=2))  # fmt: skip


def test_a_feed_url_is_guessed_from_its_path(store: Store) -> None:
    entry, _ = watch_url(store, "https://example.com/rss/world.xml")
    assert entry.kind == "feed"


def test_removing_a_feed_can_remove_what_it_found(site: Site, store: Store) -> None:
    site.put("/a", article_html())
    feed = site.put("/feed.xml", _rss(site.url("/a")))
    watch_url(store, feed, options=WatchOptions(allow_private=True), now=T0)
    _cycle(store)
    assert unwatch_url(store, feed, with_discovered=True) == 2
    assert len(read_watchlist(store)) == 0


def test_the_watch_list_lives_beside_the_snapshots_outside_git(
    store_path: Path, store: Store
) -> None:
    watch_url(store, "https://example.com/a")
    assert store.watchlist_path == store_path / "watchlist.json"
    assert store.watchlist_path.exists()


# -- re-extraction -----------------------------------------------------------------------------


def _old_parser_version(site: Site, store: Store) -> str:
    """A version recorded by an 'older parser' that missed the last paragraph."""
    from tracker.extract.article import extract_article
    from tracker.store.identity import article_identity

    url = "https://example.com/news/budget"
    raw = article_html().encode()
    article = extract_article(raw, url=url)
    older = type(article)(**{**{f: getattr(article, f) for f in article.__slots__},
                             "paragraphs": article.paragraphs[:-1]})  # fmt: skip
    details = {"url": url, "source": "url", "final_url": url, "encoding": "utf-8"}
    with store.writer() as writer:
        writer.record(Snapshot(article_identity(url), older, raw, T0, details))
    return url


def test_reextract_records_a_marked_version_when_the_parser_reads_more(
    site: Site, store: Store
) -> None:
    url = _old_parser_version(site, store)
    [result] = reextract(store, at=T0 + timedelta(days=1))
    assert (result.describe(), result.reextract) == ("re-extracted v2", True)
    assert store.find(url).versions[-1].reextract


def test_reextract_twice_records_nothing_the_second_time(site: Site, store: Store) -> None:
    _old_parser_version(site, store)
    reextract(store, at=T0 + timedelta(days=1))
    assert [r.status for r in reextract(store, at=T0 + timedelta(days=2))] == ["unchanged"]


def test_reextract_of_an_unknown_url_fails_alone(site: Site, store: Store) -> None:
    url = _old_parser_version(site, store)
    results = reextract(store, ["https://example.com/nope", url], at=T0 + timedelta(days=1))
    assert [r.status for r in results] == ["failed", "changed"]
