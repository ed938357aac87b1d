"""The git-backed store: layout, history, change detection, cache, lock and corruption."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tracker.errors import SnapshotNotFound, StoreCorrupt, StoreLocked
from tracker.models import Article
from tracker.store.identity import article_identity
from tracker.store.store import Snapshot, Store, render_article_text

T0 = datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc)
URL = "https://example.com/news/budget-vote"


def _article(*paragraphs: str, title: str = "Council approves budget") -> Article:
    return Article(
        title=title,
        authors=["Ann Lee", "Bo Chen"],
        published="2024-03-01T08:00:00+00:00",
        modified=None,
        paragraphs=list(paragraphs or ("The council voted.", "The mayor said yes.")),
        contributors=["Cy Diaz"],
        notes=["Correction: an earlier version misspelled a name."],
    )


def _record(store: Store, article: Article, at: datetime = T0, url: str = URL) -> tuple[str, int]:
    with store.writer() as writer:
        return writer.record(Snapshot(article_identity(url), article, b"<html>raw</html>", at))


def _git(store: Store, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(store.root), *args], capture_output=True, text=True, check=True
    ).stdout


def test_new_store_is_a_git_repository_with_a_format_file(store: Store) -> None:
    assert json.loads((store.root / ".tracker-store").read_text()) == {"format": 2}
    assert _git(store, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"


def test_first_record_is_version_one(store: Store) -> None:
    assert _record(store, _article()) == ("new", 1)


def test_round_trip_rebuilds_the_article(store: Store) -> None:
    article = _article("First paragraph.", "Second paragraph,\nwith a line break.")
    _record(store, article)
    tracked = store.find(URL)
    stored = store.read(tracked, tracked.versions[0])
    assert stored.article.title == article.title
    assert stored.article.authors == article.authors
    assert stored.article.paragraphs == article.paragraphs
    assert stored.article.contributors == ["Cy Diaz"]
    assert stored.article.notes == article.notes
    assert stored.raw == b"<html>raw</html>"


def test_stored_meta_names_revision_version_and_seen_time(store: Store) -> None:
    _record(store, _article())
    tracked = store.find(URL)
    meta = store.read(tracked, tracked.versions[0]).meta
    assert (meta["version"], meta["fetched"], meta["title"]) == (
        1,
        "2024-03-01T09:30:00+00:00",
        "Council approves budget",
    )
    assert meta["revision"] == tracked.versions[0].revision


def test_article_text_reads_as_headline_byline_and_paragraphs() -> None:
    text = render_article_text(_article("One.", "Two."))
    assert text == "Council approves budget\nBy Ann Lee, Bo Chen\n\nOne.\n\nTwo.\n"


def test_files_sit_in_one_folder_per_article(store: Store) -> None:
    _record(store, _article())
    folder = article_identity(URL).path
    files = _git(store, "ls-tree", "-r", "--name-only", "HEAD").split()
    assert {f"{folder}/article.txt", f"{folder}/meta.json", f"{folder}/raw.html"} <= set(files)
    assert (store.root / folder / "article.txt").read_text().startswith("Council approves budget\n")


def test_unchanged_article_adds_no_commit(store: Store) -> None:
    _record(store, _article())
    before = _git(store, "rev-list", "--count", "HEAD")
    assert _record(store, _article(), at=T0 + timedelta(hours=1)) == ("unchanged", 1)
    assert _git(store, "rev-list", "--count", "HEAD") == before


def test_changed_paragraph_is_a_new_version(store: Store) -> None:
    _record(store, _article("The council voted.", "The mayor said yes."))
    status = _record(
        store, _article("The council voted.", "The mayor said no."), at=T0 + timedelta(1)
    )
    assert status == ("changed", 2)


def test_changed_headline_is_a_new_version(store: Store) -> None:
    _record(store, _article())
    assert (
        _record(store, _article(title="Council rejects budget"), at=T0 + timedelta(1))[0]
        == "changed"
    )


def test_versions_are_listed_oldest_first(store: Store) -> None:
    for day, word in enumerate(["one", "two", "three"]):
        _record(store, _article(f"Version {word}."), at=T0 + timedelta(days=day))
    versions = store.find(URL).versions
    assert [v.version for v in versions] == [1, 2, 3]
    assert [v.seen[:10] for v in versions] == ["2024-03-01", "2024-03-02", "2024-03-03"]


def test_commit_dates_are_the_seen_time(store: Store) -> None:
    _record(
        store, _article(), at=datetime(2023, 12, 24, 18, 0, tzinfo=timezone(timedelta(hours=2)))
    )
    assert _git(store, "log", "-1", "--format=%aI %cI").split() == ["2023-12-24T18:00:00+02:00"] * 2


def test_two_versions_of_one_article_in_one_run_are_both_kept(store: Store) -> None:
    identity = article_identity(URL)
    with store.writer() as writer:
        writer.record(Snapshot(identity, _article("First."), b"1", T0))
        writer.record(Snapshot(identity, _article("Second."), b"2", T0))
    assert len(store.find(URL).versions) == 2


def test_many_articles_in_one_run_share_one_commit(store: Store) -> None:
    with store.writer() as writer:
        for n in range(5):
            writer.record(Snapshot(article_identity(f"{URL}-{n}"), _article(), b"x", T0))
    assert _git(store, "rev-list", "--count", "HEAD").strip() == "2"
    assert len(store.articles()) == 5


def test_versions_are_the_commits_touching_the_folder(store: Store) -> None:
    _record(store, _article("A."))
    _record(store, _article("Other."), url="https://example.com/other")
    _record(store, _article("B."), at=T0 + timedelta(1))
    path = article_identity(URL).path
    revisions = _git(store, "log", "--reverse", "--format=%H", "--", path).split()
    assert [v.revision for v in store.find(URL).versions] == revisions


def test_lost_cache_is_rebuilt_from_history(store: Store) -> None:
    _record(store, _article("A."))
    _record(store, _article("B."), at=T0 + timedelta(1))
    expected = store.find(URL).versions
    shutil.rmtree(store.root / ".git" / "tracker-index")
    assert Store.open(store.root).find(URL).versions == expected


def test_stale_cache_catches_up(store: Store) -> None:
    _record(store, _article("A."))
    cache = store.root / ".git" / "tracker-index"
    shutil.copytree(cache, store.root / "old-cache")
    _record(store, _article("B."), at=T0 + timedelta(1))
    shutil.rmtree(cache)
    (store.root / "old-cache").rename(cache)
    assert [v.version for v in Store.open(store.root).find(URL).versions] == [1, 2]


def test_any_spelling_of_the_url_finds_the_article(store: Store) -> None:
    _record(store, _article())
    assert store.find("http://www.example.com/news/budget-vote/?utm_source=x").key == URL


def test_unknown_url_names_the_fix(store: Store) -> None:
    with pytest.raises(
        SnapshotNotFound, match=r"run 'tracker snapshot https://example.com/x' first"
    ):
        store.find("https://example.com/x")


def test_reading_a_missing_store_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(SnapshotNotFound, match="tracker snapshot"):
        Store.open(tmp_path / "absent", create=False)


def test_store_passes_git_fsck(store: Store) -> None:
    _record(store, _article("A."))
    _record(store, _article("B."), at=T0 + timedelta(1))
    _git(store, "fsck", "--strict")


def test_second_writer_is_refused_with_the_holders_pid(store: Store) -> None:
    with store.writer(), pytest.raises(StoreLocked, match=r"pid \d+"):
        with Store.open(store.root).writer(wait=0.1):
            pass


def test_folder_with_other_files_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreCorrupt, match="not a tracker store"):
        Store.open(tmp_path)


def test_store_without_git_is_corrupt(store: Store) -> None:
    subprocess.run(["rm", "-rf", str(store.root / ".git")], check=True)
    with pytest.raises(StoreCorrupt, match="not a git repository"):
        Store.open(store.root)


def test_unreadable_format_file_is_corrupt(store: Store) -> None:
    (store.root / ".tracker-store").write_text("{not json")
    with pytest.raises(StoreCorrupt, match="unreadable"):
        Store.open(store.root)


def test_newer_format_is_refused(store: Store) -> None:
    (store.root / ".tracker-store").write_text('{"format": 3}')
    with pytest.raises(StoreCorrupt, match="format 3"):
        Store.open(store.root)


def test_store_folder_is_clean_for_git_status_after_writes(store: Store) -> None:
    _record(store, _article("A."))
    _record(store, _article("B."), at=T0 + timedelta(1))
    _record(store, _article("C."), url="https://example.com/other")
    assert _git(store, "status", "--porcelain") == ""
