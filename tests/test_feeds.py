"""Feed parsing: RSS (two section feeds of a news site), Atom and JSON Feed fixtures, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.errors import TrackerError
from tracker.fetch.feeds import Feed, FeedInvalid, FeedItem, is_feed, parse_feed

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
SECTION = "http://news.example.com/rss/national.xml"


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _rss(items: str) -> bytes:
    return f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()


def test_rss_feed_lists_every_item_with_title_and_author() -> None:
    feed = parse_feed(_fixture("feed1.xml"), SECTION)
    assert feed.title == "National"
    assert len(feed.items) == 20
    assert feed.items[0] == FeedItem(
        url="https://news.example.com/news/nation-desk/wp/2017/01/07/"
        "storm-drain-contractor-charged-after-millbrook-flood/",
        title="Contractor in Millbrook flood charged with fraud, could face prison",
        published=None,
        authors=("Lena Okonkwo",),
    )


def test_two_section_feeds_share_six_article_links() -> None:
    first = {item.url for item in parse_feed(_fixture("feed1.xml"), SECTION).items}
    second = {item.url for item in parse_feed(_fixture("feed2.xml"), SECTION).items}
    assert len(second) == 24
    assert len(first & second) == 6


def test_atom_relative_link_resolves_against_xml_base() -> None:
    feed = parse_feed(_fixture("atom.xml"), "https://news.example.org/feeds/world.atom")
    assert feed.items[0].url == "https://news.example.org/world/2024/03/01/ceasefire-talks"


def test_atom_html_title_becomes_plain_text() -> None:
    feed = parse_feed(_fixture("atom.xml"), "https://news.example.org/feeds/world.atom")
    assert feed.items[0].title == "Ceasefire talks resume in Cairo"


def test_atom_published_is_iso_8601_in_utc() -> None:
    feed = parse_feed(_fixture("atom.xml"), "https://news.example.org/feeds/world.atom")
    assert feed.items[0].published == "2024-03-01T14:30:00+00:00"


def test_atom_keeps_every_author_in_order() -> None:
    feed = parse_feed(_fixture("atom.xml"), "https://news.example.org/feeds/world.atom")
    assert feed.items[0].authors == ("Amal Haddad", "Tom Reyes")


def test_atom_drops_fragments_duplicates_and_script_links() -> None:
    feed = parse_feed(_fixture("atom.xml"), "https://news.example.org/feeds/world.atom")
    assert [item.url for item in feed.items] == [
        "https://news.example.org/world/2024/03/01/ceasefire-talks",
        "https://news.example.org/world/2024/02/29/port-strike",
    ]


def test_json_feed_resolves_relative_url_against_base() -> None:
    feed = parse_feed(_fixture("feed.json"), "https://city.example.com/feed.json")
    assert feed.title == "Example City Desk"
    assert feed.items[0].url == "https://city.example.com/2024/05/04/council-vote"


def test_json_feed_uses_an_absolute_id_when_url_is_missing() -> None:
    feed = parse_feed(_fixture("feed.json"), "https://city.example.com/feed.json")
    assert feed.items[1].url == "https://city.example.com/2024/05/03/bridge"


def test_json_feed_keeps_only_http_items_once() -> None:
    feed = parse_feed(_fixture("feed.json"), "https://city.example.com/feed.json")
    assert [item.title for item in feed.items] == [
        "Council delays vote on budget",
        "Bridge reopens",
    ]


def test_json_feed_reads_authors_of_version_1_1_and_1_0() -> None:
    feed = parse_feed(_fixture("feed.json"), "https://city.example.com/feed.json")
    assert [item.authors for item in feed.items] == [("Ines Moreau",), ("Sam Okafor",)]


def test_json_feed_published_is_iso_8601_in_utc() -> None:
    feed = parse_feed(_fixture("feed.json"), "https://city.example.com/feed.json")
    assert feed.items[0].published == "2024-05-04T06:15:00+00:00"


@pytest.mark.parametrize("date", ["yesterday", "0001-01-01T00:00:00+05:00", "2024-13-01"])
def test_json_feed_unreadable_date_is_none(date: str) -> None:
    content = (
        '{"version": "https://jsonfeed.org/version/1", "items": '
        f'[{{"url": "https://e.com/a", "date_published": "{date}"}}]}}'
    ).encode()
    assert parse_feed(content, "https://e.com/").items[0].published is None


def test_rss_relative_link_resolves_against_base_url() -> None:
    content = _rss("<item><title>A</title><link>/news/a.html</link></item>")
    feed = parse_feed(content, "https://example.com/rss/all.xml")
    assert feed.items[0].url == "https://example.com/news/a.html"


def test_rss_permalink_guid_stands_in_for_a_missing_link() -> None:
    content = _rss('<item><guid isPermaLink="true">https://example.com/b</guid></item>')
    assert parse_feed(content, "https://example.com/rss").items[0].url == "https://example.com/b"


def test_rss_non_permalink_guid_is_not_a_link() -> None:
    content = _rss('<item><guid isPermaLink="false">https://example.com/b</guid></item>')
    assert parse_feed(content, "https://example.com/rss").items == ()


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "ftp://x.org/a"]
)
def test_rss_non_http_links_are_dropped(link: str) -> None:
    content = _rss(f"<item><title>A</title><link>{link}</link></item>")
    assert parse_feed(content, "https://example.com/rss").items == ()


def test_feed_without_items_is_an_empty_feed() -> None:
    assert parse_feed(_rss(""), "https://example.com/rss") == Feed(title="T", items=())


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"just some words",
        b"<html><body><p>Not a feed</p></body></html>",
        b'{"title": "plain JSON"}',
        b"{not json",
        b"[1, 2]",
    ],
)
def test_non_feed_raises_feed_invalid(content: bytes) -> None:
    with pytest.raises(FeedInvalid):
        parse_feed(content, "https://example.com/rss")


def test_truncated_feed_raises_feed_invalid_naming_the_url() -> None:
    with pytest.raises(FeedInvalid, match=r"https://example\.com/rss is not a readable"):
        parse_feed(_fixture("broken.xml"), "https://example.com/rss")


def test_feed_invalid_is_a_tracker_error() -> None:
    assert issubclass(FeedInvalid, TrackerError)


@pytest.mark.parametrize("name", ["feed1.xml", "atom.xml", "feed.json"])
def test_is_feed_recognises_fixtures_without_a_content_type(name: str) -> None:
    assert is_feed(_fixture(name), None)


def test_is_feed_rejects_html_even_when_labelled_as_rss() -> None:
    assert not is_feed(b"<!DOCTYPE html><html><p>hi</p></html>", "application/rss+xml")


def test_is_feed_rejects_plain_json() -> None:
    assert not is_feed(b'{"items": []}', "application/json")


def test_is_feed_sees_the_root_past_prolog_and_comments() -> None:
    content = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- hi -->\n<rdf:RDF xmlns:rdf="x"></rdf:RDF>'
    assert is_feed(content, "text/xml")


def test_is_feed_trusts_a_feed_content_type_when_bytes_are_inconclusive() -> None:
    assert is_feed(b"  garbled", "application/atom+xml; charset=utf-8")


def test_is_feed_rejects_empty_content() -> None:
    assert not is_feed(b"", "application/rss+xml")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_parse_feed_on_arbitrary_bytes_returns_a_feed_or_raises_feed_invalid(
    content: bytes,
) -> None:
    try:
        feed = parse_feed(content, "https://example.com/rss")
    except FeedInvalid:
        return
    assert all(item.url.startswith(("http://", "https://")) for item in feed.items)


_XMLISH = st.lists(
    st.sampled_from(
        ["<rss", ' version="2.0">', "<channel>", "<item>", "<link>", "</link>", "</item>",
         "<feed", ' xmlns="http://www.w3.org/2005/Atom">', "<entry>", '<link href="', '"/>',
         "javascript:x", "/a", "http://[", "&amp;", "<![CDATA[", "]]>", "{", '"version":',
         '"https://jsonfeed.org/version/1"', '"items": [', '{"url": ', "]", "}", ",", "\x00"]
    ),
    max_size=30,
).map(lambda parts: "".join(parts).encode())  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_XMLISH)
def test_parse_feed_on_feed_like_fragments_raises_only_feed_invalid(content: bytes) -> None:
    try:
        parse_feed(content, "https://example.com/rss")
    except FeedInvalid:
        pass


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)
_JSON_ITEMS = st.lists(
    st.dictionaries(
        st.sampled_from(
            ["url", "id", "external_url", "title", "date_published", "authors", "author"]
        ),
        _JSON_VALUES | st.sampled_from(["/a", "https://e.com/b", "2024-05-01T00:00:00Z"]),
    ),
    max_size=4,
)


@settings(max_examples=200, deadline=None)
@given(_JSON_ITEMS)
def test_parse_feed_on_odd_json_feed_items_never_crashes(items: list[object]) -> None:
    document = {"version": "https://jsonfeed.org/version/1.1", "items": items}
    feed = parse_feed(json.dumps(document).encode(), "https://e.com/feed.json")
    assert all(item.url.startswith(("http://", "https://")) for item in feed.items)
