"""A store of format 1 moved to the sharded layout, once, the first time a tracker opens it.

Part of the store (`tracker.store`). Format 1 kept every article folder directly under its host,
`articles/<host>/<slug>-<hash>/`, so a host's tree had one entry per article and every commit
rewrote it. Format 2 puts it in a shard, `articles/<host>/<ab>/<slug>-<hash>/` (`ab`: the first
two digits of `<hash>`). The migration is one commit on top of the branch that moves every
folder (the folders' trees and files are the same objects, so it writes trees only), with the
format file saying 2. Nothing else changes: the earlier commits stay as they were, and the cache
names each version's folder tree, so every version reads as before and `tracker log` lists the
same versions (`git log -- <old path>` shows the commits before the move).

It runs under the store's lock. A run killed before the branch moves leaves a store of format 1
(migrated again next time); after it, the format file and the checked-out files are brought up
to the branch by the next run, as after any interrupted run. Progress goes to stderr: this runs
inside whichever command first opens the store, and a migration of thousands of folders takes
seconds.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

import git  # noqa: TID251 - part of the store

from tracker.store.files import write_atomic
from tracker.store.identity import sharded_path
from tracker.store.index import ArticleIndex
from tracker.store.layout import json_bytes
from tracker.store.objects import (
    BLOB_MODE,
    BRANCH,
    TREE_MODE,
    Entries,
    ObjectStore,
    commit_data,
    read_head,
    tree_data,
)
from tracker.store.repo import (
    FORMAT_FILE,
    STORE_FORMAT,
    disk_errors,
    locked,
    remove_leftovers,
    run_git,
    store_format,
)

_MESSAGE = (
    "Migrate store layout: article folders sharded by key hash\n\n"
    "{count} article folder(s) moved from articles/<host>/<folder>/ to "
    "articles/<host>/<ab>/<folder>/ (format {format}); no version changed."
)
_REPORT_EVERY = 2000


def migrate_layout(root: Path, repo: git.Repo, *, wait: float = 10.0) -> None:
    """Move the store at `root` to the sharded layout (StoreLocked when a run holds the lock
    for longer than `wait` seconds); nothing when another run migrated it meanwhile."""
    git_dir = Path(repo.git_dir)
    with locked(git_dir, wait):
        if store_format(root) == STORE_FORMAT:
            return
        remove_leftovers(git_dir)
        objects = ObjectStore(git_dir / "objects")
        head = read_head(git_dir)
        index = ArticleIndex.load(git_dir).catch_up(objects, head)
        if index.missing_folders():  # old commits are read by folder id from now on
            index.fill_folders(objects)
        total = index.counts()[0]
        _say(f"tracker: moving the store {root}/ to the sharded layout ({total} article(s))")
        if head is not None:
            tree, count = _sharded_root(objects, objects.commit_tree(head), total)
            message = _MESSAGE.format(count=count, format=STORE_FORMAT)
            commit = objects.add(b"commit", commit_data(tree, head, _now(), message))
            objects.save()
            with disk_errors(root):
                write_atomic(git_dir / BRANCH, commit.hex().encode() + b"\n")
            for key in index.keys():
                entry = index.entry(key)
                if entry is not None:
                    index.move(key, sharded_path(entry["path"]))
            index.set("head", commit)
        with disk_errors(root):
            write_atomic(root / FORMAT_FILE, json_bytes({"format": STORE_FORMAT}))
            index.save()
        _say("tracker: checking out the moved files")
        run_git(root, "read-tree", "--reset", "-u", "HEAD")
        if head is not None:
            index.set("worktree", commit)
        with disk_errors(root):
            index.save()
        _say("tracker: store migrated; every version is kept")


def _sharded_root(objects: ObjectStore, tree: bytes, total: int) -> tuple[bytes, int]:
    """The root tree `tree` with every article folder in its shard and the new format file;
    and the number of folders moved."""
    entries = objects.read_tree(tree)
    entries[FORMAT_FILE] = (BLOB_MODE, objects.add(b"blob", json_bytes({"format": STORE_FORMAT})))
    moved = 0
    if "articles" in entries:
        hosts, reported = objects.read_tree(entries["articles"][1]), 0
        for host, (mode, sha) in hosts.items():
            if mode == TREE_MODE:
                hosts[host], count = _sharded_host(objects, host, sha)
                moved += count
            if moved - reported >= _REPORT_EVERY:
                _say(f"tracker: {moved}/{total} article folder(s) moved")
                reported = moved
        entries["articles"] = (TREE_MODE, _tree(objects, hosts))
        _say(f"tracker: {moved}/{total} article folder(s) moved")
    return _tree(objects, entries), moved


def _sharded_host(objects: ObjectStore, host: str, tree: bytes) -> tuple[tuple[int, bytes], int]:
    """A host's tree with its folders in shards; and how many it moved."""
    kept: Entries = {}
    shards: dict[str, Entries] = {}
    for name, (mode, sha) in objects.read_tree(tree).items():
        target = sharded_path(f"articles/{host}/{name}")
        if mode != TREE_MODE or target.count("/") != 3:
            kept[name] = (mode, sha)
            continue
        shards.setdefault(target.split("/")[2], {})[name] = (mode, sha)
    for shard, folders in shards.items():
        kept[shard] = (TREE_MODE, _tree(objects, folders))
    return (TREE_MODE, _tree(objects, kept)), sum(len(f) for f in shards.values())


def _tree(objects: ObjectStore, entries: Entries) -> bytes:
    return objects.add(b"tree", tree_data(entries))


def _say(line: str) -> None:
    """Report progress on stderr."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def _now() -> datetime:
    return datetime.now(timezone.utc)
