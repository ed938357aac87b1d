"""pipeline.snapshot and load_versions over a real store and a loopback HTTP server."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import PARAGRAPHS, PageServer, Reply, article_html

from tracker.errors import SnapshotNotFound
from tracker.pipeline import load_versions, snapshot
from tracker.store.store import Store

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)
EDITED = (PARAGRAPHS[0], PARAGRAPHS[1].replace("40 bus drivers", "25 bus drivers"), *PARAGRAPHS[2:])


def _statuses(results: list) -> list[tuple[str, int | None]]:  # type: ignore[type-arg]
    return [(r.status, r.version) for r in results]


def test_first_snapshot_of_a_url_is_new(server: PageServer, store: Store) -> None:
    url = server.serve("/news/budget", article_html())
    assert _statuses(snapshot([url], store, at=T0)) == [("new", 1)]


def test_unchanged_page_is_not_recorded_again(server: PageServer, store: Store) -> None:
    url = server.serve("/news/budget", article_html())
    snapshot([url], store, at=T0)
    assert _statuses(snapshot([url], store, at=T0 + timedelta(hours=1))) == [("unchanged", 1)]
    assert len(store.find(url).versions) == 1


def test_edited_page_is_the_next_version(server: PageServer, store: Store) -> None:
    url = server.serve(
        "/news/budget", article_html(), article_html("Council approves budget", *EDITED)
    )
    snapshot([url], store, at=T0)
    assert _statuses(snapshot([url], store, at=T0 + timedelta(hours=1))) == [("changed", 2)]


def test_page_whose_markup_changed_but_not_its_article_is_unchanged(
    server: PageServer, store: Store
) -> None:
    url = server.serve("/news/budget", article_html(), article_html() + "<!-- ad slot 7 -->")
    snapshot([url], store, at=T0)
    assert _statuses(snapshot([url], store, at=T0 + timedelta(hours=1))) == [("unchanged", 1)]


def test_a_failed_source_does_not_lose_the_others(server: PageServer, store: Store) -> None:
    good = server.serve("/news/budget", article_html())
    results = snapshot([server.url("/gone"), good], store, at=T0)
    assert [r.status for r in results] == ["failed", "new"]
    assert "404" in (results[0].error or "")
    assert len(store.find(good).versions) == 1


def test_redirected_url_is_tracked_under_the_requested_url(
    server: PageServer, store: Store
) -> None:
    server.serve("/news/budget-final", article_html())
    start = server.serve("/b", Reply(status=302, headers={"Location": "/news/budget-final"}))
    snapshot([start], store, at=T0)
    meta = load_versions_single(store, start)
    assert meta["redirects"] == [start]
    assert meta["final_url"].endswith("/news/budget-final")


def load_versions_single(store: Store, url: str) -> dict:  # type: ignore[type-arg]
    tracked = store.find(url)
    return store.read(tracked, tracked.versions[-1]).meta


def test_file_source_uses_the_given_url(tmp_path: Path, store: Store) -> None:
    page = tmp_path / "page.html"
    page.write_text(article_html())
    results = snapshot([str(page)], store, url="https://example.com/news/budget", at=T0)
    assert results[0].identity is not None
    assert results[0].identity.key == "https://example.com/news/budget"


def test_two_files_for_one_url_are_two_versions(tmp_path: Path, store: Store) -> None:
    (tmp_path / "v1.html").write_text(article_html())
    (tmp_path / "v2.html").write_text(article_html("Council approves budget", *EDITED))
    sources = [str(tmp_path / "v1.html"), str(tmp_path / "v2.html")]
    results = snapshot(sources, store, url="https://example.com/news/budget", at=T0)
    assert _statuses(results) == [("new", 1), ("changed", 2)]


def test_canonical_link_gives_a_file_its_identity(tmp_path: Path, store: Store) -> None:
    html = article_html().replace(
        "<title>", "<link rel='canonical' href='https://example.com/news/budget'><title>"
    )
    (tmp_path / "saved.html").write_text(html)
    results = snapshot([str(tmp_path / "saved.html")], store, at=T0)
    assert results[0].identity is not None
    assert results[0].identity.key == "https://example.com/news/budget"


def test_missing_file_fails_with_a_clear_reason(tmp_path: Path, store: Store) -> None:
    results = snapshot([str(tmp_path / "nope.html")], store, at=T0)
    assert results[0].status == "failed"
    assert "neither an http(s) URL nor a readable file" in (results[0].error or "")


def _two_versions(tmp_path: Path, store: Store) -> str:
    url = "https://example.com/news/budget"
    (tmp_path / "v1.html").write_text(article_html())
    (tmp_path / "v2.html").write_text(article_html("Council approves budget", *EDITED))
    snapshot([str(tmp_path / "v1.html")], store, url=url, at=T0)
    snapshot([str(tmp_path / "v2.html")], store, url=url, at=T0 + timedelta(days=1))
    return url


def test_load_versions_defaults_to_the_last_two(tmp_path: Path, store: Store) -> None:
    old, new = load_versions(store, _two_versions(tmp_path, store))
    assert (old.meta["version"], new.meta["version"]) == (1, 2)
    assert "25 bus drivers" in new.article.text
    assert "40 bus drivers" in old.article.text


def test_load_versions_by_revision_prefix(tmp_path: Path, store: Store) -> None:
    url = _two_versions(tmp_path, store)
    first = store.find(url).versions[0].revision
    old, _ = load_versions(store, url, first[:8], "2")
    assert old.meta["revision"] == first


def test_load_versions_by_date_takes_the_version_current_then(tmp_path: Path, store: Store) -> None:
    url = _two_versions(tmp_path, store)
    old, new = load_versions(store, url, "2024-03-01T12:00:00+00:00", "2024-03-05")
    assert (old.meta["version"], new.meta["version"]) == (1, 2)


def test_load_versions_with_one_version_says_so(tmp_path: Path, store: Store) -> None:
    (tmp_path / "v1.html").write_text(article_html())
    snapshot([str(tmp_path / "v1.html")], store, url="https://example.com/a", at=T0)
    with pytest.raises(SnapshotNotFound, match="only one version"):
        load_versions(store, "https://example.com/a")


def test_load_versions_of_an_unknown_version_names_the_range(tmp_path: Path, store: Store) -> None:
    url = _two_versions(tmp_path, store)
    with pytest.raises(SnapshotNotFound, match="versions 1 to 2"):
        load_versions(store, url, "9", None)
