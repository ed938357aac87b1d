"""Article identity: URL normalisation and the store folder it maps to."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.store.identity import (
    article_identity,
    flat_path,
    normalise_url,
    registrable_domain,
    sharded_path,
)


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        (
            "https://example.com/news/story?utm_source=tw&utm_medium=social",
            "https://example.com/news/story",
        ),
        (
            "https://example.com/news/story?fbclid=abc&gclid=1&smid=nytcore",
            "https://example.com/news/story",
        ),
        ("HTTPS://Example.COM:443/news/story#comments", "https://example.com/news/story"),
        ("http://example.com:80/news/story/", "https://example.com/news/story"),
        ("https://www.example.com/news/story", "https://example.com/news/story"),
        ("https://m.example.com/news/story", "https://example.com/news/story"),
        ("https://amp.example.com/news/story", "https://example.com/news/story"),
        ("https://example.com/news/story/amp/", "https://example.com/news/story"),
        ("https://example.com/amp/news/story", "https://example.com/news/story"),
        ("https://example.com/news/story?outputType=amp", "https://example.com/news/story"),
        ("https://example.com/news/story?amp", "https://example.com/news/story"),
    ],
)
def test_variants_of_one_article_share_a_key(variant: str, expected: str) -> None:
    assert article_identity(variant).key == expected


def test_amp_html_suffix_is_folded() -> None:
    assert (
        normalise_url("https://example.com/a/story.amp.html") == "https://example.com/a/story.html"
    )


def test_meaningful_query_parameters_are_kept_in_a_stable_order() -> None:
    key = article_identity("https://example.com/article?page=2&id=7&utm_campaign=x").key
    assert key == "https://example.com/article?id=7&page=2"


def test_other_ports_are_kept() -> None:
    assert article_identity("http://127.0.0.1:8080/a").key == "https://127.0.0.1:8080/a"


def test_canonical_url_wins_on_the_same_site() -> None:
    identity = article_identity("https://example.com/?p=123", "https://www.example.com/2024/story")
    assert identity.key == "https://example.com/2024/story"


def test_relative_canonical_url_is_resolved() -> None:
    assert (
        article_identity("https://example.com/a?p=1", "/news/b").key == "https://example.com/news/b"
    )


def test_canonical_url_on_another_site_is_ignored() -> None:
    identity = article_identity("https://example.com/story", "https://aggregator.net/story")
    assert identity.key == "https://example.com/story"


def test_path_names_the_host_and_the_slug() -> None:
    path = article_identity("https://www.example.co.uk/news/uk-politics-6789012").path
    host, shard, name = path.removeprefix("articles/").split("/")
    assert (host, name[:-10]) == ("example.co.uk", "uk-politics-6789012-")
    assert shard == name[-10:-8]


def test_different_articles_get_different_paths() -> None:
    a = article_identity("https://example.com/news/story?id=1").path
    b = article_identity("https://example.com/news/story?id=2").path
    assert a != b


def test_path_is_stable_across_runs() -> None:
    path = article_identity("https://example.com/news/budget-vote").path
    assert path == "articles/example.com/16/budget-vote-16e4a65546"


def test_a_first_layout_path_moves_into_its_shard_and_back() -> None:
    flat = "articles/example.com/budget-vote-16e4a65546"
    assert sharded_path(flat) == "articles/example.com/16/budget-vote-16e4a65546"
    assert flat_path(sharded_path(flat)) == flat
    assert sharded_path(sharded_path(flat)) == sharded_path(flat)
    assert sharded_path(".tracker-store") == ".tracker-store"


def _safe(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return (
        not path.startswith("/")
        and ".." not in parts
        and parts[0] == "articles"
        and len(parts) == 4
        and all(c.isascii() and (c.isalnum() or c in "/.-") for c in path)
        and len(path) <= 183
    )


@given(st.text())
def test_any_text_maps_inside_the_store(url: str) -> None:
    assert _safe(article_identity(url).path)


@given(
    st.from_regex(
        r"https?://[a-zA-Z0-9.\-]{1,30}(:[0-9]{1,5})?(/[^?#\s]{0,40}){0,4}(\?[^#\s]{0,40})?(#.*)?",
        fullmatch=True,
    )
)
def test_urls_map_inside_the_store_and_normalising_is_idempotent(url: str) -> None:
    try:
        key = normalise_url(url)
    except ValueError:  # an invalid port or host that urllib refuses
        return
    assert normalise_url(key) == key
    assert article_identity(key) == article_identity(url)
    assert _safe(article_identity(url).path)


@pytest.mark.parametrize(
    ("host", "domain"),
    [("news.bbc.co.uk", "bbc.co.uk"), ("a.b.example.com", "example.com"),
     ("victim.github.io", "victim.github.io"), ("x.y.blogspot.com", "y.blogspot.com"),
     ("a.writer.substack.com", "writer.substack.com"), ("co.uk", None), ("github.io", None),
     ("127.0.0.1", None), ("localhost", None)],
)  # fmt: skip
def test_registrable_domain_knows_shared_suffixes(host: str, domain: str | None) -> None:
    assert registrable_domain(host) == domain
