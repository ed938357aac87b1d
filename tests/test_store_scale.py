"""The store at scale: reads by cached folder ids, old caches upgraded, one watch-list write per
call, the cache written only when it changed."""

from __future__ import annotations

import json
import random
import subprocess
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tracker.errors import BadSource
from tracker.models import Article
from tracker.store.identity import article_identity
from tracker.store.objects import ObjectStore
from tracker.store.store import Snapshot, Store
from tracker.watch import watchlist as watchlist_module
from tracker.watch.cycle import read_watchlist, watch_urls

T0 = datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc)


def _article(n: int, edit: int = 0) -> Article:
    return Article(
        title=f"Story {n}",
        authors=["Ann Lee"],
        published=None,
        modified=None,
        paragraphs=[f"Paragraph one of story {n}.", f"Edit {edit} of story {n}."],
    )


def _fill(store: Store, articles: int, versions: int) -> None:
    with store.writer() as writer:
        for v in range(versions):
            for n in range(articles):
                url = f"https://example.com/news/story-{n}"
                at = T0 + timedelta(hours=v)
                writer.record(Snapshot(article_identity(url), _article(n, v), b"<p>%d</p>" % v, at))


def _cache(store: Store) -> Path:
    return store.root / ".git" / "tracker-index"


def _shard_files(store: Store) -> list[Path]:
    root = json.loads((_cache(store) / "root.json").read_text())
    return [_cache(store) / f"{name}.{gen}.json" for name, (gen, *_) in root["shards"].items()]


def _cached_articles(store: Store) -> dict[str, Any]:
    articles: dict[str, Any] = {}
    for path in _shard_files(store):
        articles.update(json.loads(path.read_text())["articles"])
    return articles


def _edit_rows(store: Store, edit: Callable[[list[Any]], list[Any]]) -> None:
    for path in _shard_files(store):
        shard = json.loads(path.read_text())
        for entry in shard["articles"].values():
            entry["versions"] = [edit(row) for row in entry["versions"]]
        path.write_text(json.dumps(shard))


def _cache_files(store: Store) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in _cache(store).iterdir()}


def test_every_cached_version_names_its_folder_tree(store: Store) -> None:
    _fill(store, 3, 2)
    reopened = Store.open(store.root)
    for tracked in reopened.articles():
        for version in tracked.versions:
            assert version.folder is not None
            stored = reopened.read(tracked, version)
            story = tracked.key.rsplit("-", 1)[1]
            edit = f"Edit {version.version - 1} of story {story}."
            assert stored.article.paragraphs[1] == edit


def test_a_read_by_folder_id_reads_no_tree_above_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(store, 5, 2)
    reopened = Store.open(store.root)
    tracked = reopened.find("https://example.com/news/story-2")
    walked: list[str] = []
    original = ObjectStore.tree_at
    monkeypatch.setattr(
        ObjectStore,
        "tree_at",
        lambda self, tree, path: walked.append(path) or original(self, tree, path),
    )
    assert reopened.read(tracked, tracked.versions[0]).article.title == "Story 2"
    assert walked == []


def test_a_cache_without_folder_ids_still_reads_and_is_upgraded_by_the_next_writer(
    store: Store,
) -> None:
    _fill(store, 4, 3)
    expected = _cached_articles(store)
    _edit_rows(store, lambda row: row[:5])
    old = Store.open(store.root)
    tracked = old.find("https://example.com/news/story-1")
    assert tracked.versions[1].folder is None
    assert old.read(tracked, tracked.versions[1]).article.paragraphs[1] == "Edit 1 of story 1."
    with old.writer():
        pass
    assert _cached_articles(store) == expected


def test_a_three_field_cache_row_is_upgraded_without_losing_its_fields(store: Store) -> None:
    _fill(store, 1, 2)
    _edit_rows(store, lambda row: row[:3])
    with Store.open(store.root).writer():
        pass
    [entry] = _cached_articles(store).values()
    assert [len(row) for row in entry["versions"]] == [6, 6]
    assert all(row[3] is None and row[4] == {} for row in entry["versions"])


def test_a_writer_that_changed_nothing_leaves_the_cache_file_alone(store: Store) -> None:
    _fill(store, 2, 1)
    before = {path.name: path.stat().st_mtime_ns for path in _cache(store).iterdir()}
    with Store.open(store.root).writer():
        pass
    assert {path.name: path.stat().st_mtime_ns for path in _cache(store).iterdir()} == before


def test_watch_urls_reads_and_writes_the_list_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.watch import cycle

    calls = {"load": 0, "save": 0}
    load, save = watchlist_module.load_watchlist, watchlist_module.save_watchlist

    def counted_load(path: Path) -> watchlist_module.WatchList:
        calls["load"] += 1
        return load(path)

    def counted_save(path: Path, watchlist: watchlist_module.WatchList) -> None:
        calls["save"] += 1
        save(path, watchlist)

    monkeypatch.setattr(cycle, "load_watchlist", counted_load)
    monkeypatch.setattr(cycle, "save_watchlist", counted_save)
    urls = [f"https://example.com/a/{n}" for n in range(200)]
    added = watch_urls(store, [*urls, "https://example.com/feed", urls[3]], now=T0)
    assert calls == {"load": 1, "save": 1}
    assert [new for _, new in added] == [True] * 201 + [False]
    assert added[200][0].kind == "feed"
    assert [e.url for e in read_watchlist(store)] == [*urls, "https://example.com/feed"]


def test_watch_urls_keeps_existing_entries_in_place_and_updates_their_options(
    store: Store,
) -> None:
    from tracker.watch.watchlist import WatchOptions

    watch_urls(store, ["https://example.com/a", "https://example.com/b"], now=T0)
    added = watch_urls(
        store,
        ["https://example.com/c", "https://EXAMPLE.com/a"],
        options=WatchOptions(interval=timedelta(hours=2)),
        now=T0,
    )
    assert [new for _, new in added] == [True, False]
    entries = list(read_watchlist(store))
    assert [e.url for e in entries] == [
        "https://example.com/a", "https://example.com/b", "https://example.com/c"
    ]  # fmt: skip
    assert entries[0].options.interval == timedelta(hours=2)
    assert entries[1].options.interval is None


def test_watch_urls_with_one_bad_url_adds_nothing(store: Store) -> None:
    with pytest.raises(BadSource):
        watch_urls(store, ["https://example.com/a", "file:///etc/passwd"], now=T0)
    assert list(read_watchlist(store)) == []


# -- compaction and stats ------------------------------------------------------------------------


def test_compaction_repacks_everything_once_new_packs_hold_a_quarter_of_the_oldest() -> None:
    from tracker.store.repo import FULL_REPACK, compaction

    mb = 1 << 20
    assert compaction([10 * mb]) is None
    assert compaction([10 * mb, mb, mb]) is None
    assert compaction([10 * mb, 2 * mb, mb]) == FULL_REPACK
    assert compaction([100_000, 90_000]) is None  # tiny stores: not worth a process
    assert compaction([10 * mb] + [1000] * 23) == ["repack", "-d", "-q", "--geometric=2"]


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def test_a_run_writing_many_objects_leaves_one_delta_compressed_pack(store: Store) -> None:
    pages = [random.Random(n).randbytes(6000).hex() for n in range(40)]
    with store.writer() as writer:
        for v in range(4):
            for n in range(40):
                url = f"https://example.com/news/story-{n}"
                raw = f"<html>{pages[n]}<p>edit {v}</p></html>".encode()
                at = T0 + timedelta(hours=v)
                text = replace(_article(n, v), paragraphs=[pages[n][:3000], f"Edit {v}."])
                writer.record(Snapshot(article_identity(url), text, raw, at))
                if n % 10 == 9:
                    writer.flush()
    stats = store.stats()
    assert stats["packs"] == 1
    raw = 4 * sum(map(len, pages))  # hex: zlib alone keeps half; deltas leave about one version
    assert stats["pack_bytes"] < 0.25 * raw
    assert (_git(store.root, "fsck", "--strict").returncode, stats["versions"]) == (0, 160)
    tracked = store.find("https://example.com/news/story-7")  # readable after the repack
    assert store.read(tracked, tracked.versions[2]).raw.endswith(b"<p>edit 2</p></html>")
    whole = _whole_blobs(store.root)
    assert whole["raw.html"] <= 40  # one base per article, every other version a delta
    assert whole["article.txt"] <= 40


def _whole_blobs(root: Path) -> dict[str, int]:
    """How many blobs of each file name the pack keeps whole (not as a delta)."""
    listing = _git(root, "rev-list", "--objects", "--all").stdout.splitlines()
    names = dict(line.split(" ", 1) for line in listing if " " in line)
    pack = next((root / ".git" / "objects" / "pack").glob("*.idx"))
    counts: dict[str, int] = {}
    for line in _git(root, "verify-pack", "-v", str(pack)).stdout.splitlines():
        fields = line.split()
        if len(fields) == 5 and fields[1] == "blob":  # a delta has 7 fields
            name = names.get(fields[0], "").rsplit("/", 1)[-1]
            counts[name] = counts.get(name, 0) + 1
    return counts


def test_the_full_repack_names_an_article_file_by_its_folder_hash() -> None:
    from tracker.store.repo import _delta_name

    line = b"ab12 articles/news.example/16/budget-vote-16e4a65546/article.txt\n"
    assert _delta_name(line) == b"ab12 article.txt/16e4a65546\n"
    assert _delta_name(b"cd34 articles/news.example/16\n") == b"cd34 articles/news.example/16\n"
    assert _delta_name(b"ef56 .tracker-store\n") == b"ef56 .tracker-store\n"


def test_list_stats_reports_the_store_size(store: Store) -> None:
    from typer.testing import CliRunner

    from tracker.cli.app import app

    _fill(store, 3, 2)
    result = CliRunner().invoke(app, ["list", "--stats", "--store", str(store.root)])
    assert result.stdout.startswith("3 article(s), 6 version(s)\n.git: ")
    result = CliRunner().invoke(app, ["list", "--stats", "-f", "json", "--store", str(store.root)])
    stats = json.loads(result.stdout)
    assert (stats["articles"], stats["versions"]) == (3, 6)
    assert stats["git_bytes"] >= stats["pack_bytes"] > 0


def test_commits_inside_a_run_leave_the_cache_file_to_the_end_of_the_run(store: Store) -> None:
    _fill(store, 1, 1)
    before = _cache_files(store)
    with store.writer() as writer:
        for n in range(3):
            url = f"https://example.com/news/extra-{n}"
            writer.record(Snapshot(article_identity(url), _article(n), b"<p>x</p>", T0))
            writer.flush()
        assert writer.committed == 3
        assert _cache_files(store) == before  # a killed run is caught up from git
    assert len(Store.open(store.root).articles()) == 4
    assert len(_cached_articles(store)) == 4


def test_a_long_run_keeps_only_the_last_commits_trees_in_memory(store: Store) -> None:
    with store.writer() as writer:
        for n in range(30):
            url = f"https://example.com/news/story-{n}"
            writer.record(Snapshot(article_identity(url), _article(n), b"<p>x</p>", T0))
            writer.flush()
        kinds = [kind for kind, _ in store._objects._fresh.values()]
        assert kinds.count(b"commit") == 1
        assert b"blob" not in kinds
    assert len(Store.open(store.root).articles()) == 30
