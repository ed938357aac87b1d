"""The git-backed snapshot store: with its sibling modules, the only code that touches git.

Layout of a store folder (a git repository on branch `main`):

    .tracker-store                      {"format": 2}
    articles/<host>/<ab>/<slug>-<hash>/ one folder per article (<ab>: the hash's first digits)
        article.txt                     headline, byline, blank line, paragraphs
        meta.json                       identity, dates, authors, contributors, notes, captions,
                                        fetch details
        raw.html                        the page as fetched (for text sources, the text)

Versions of an article are the commits touching its folder, oldest first. Objects, trees and
commits are written in-process (no git subprocess per article); the branch ref moves last, so a
run killed at any point leaves the previous state intact. `.git/tracker-index/` caches the
version list of every article, split by key hash, and the commit it reflects; when that commit
is not the branch head (a run was killed after moving the ref) the cache catches up from the
commits it missed. It also names each version's folder tree, so a read is a few object lookups
at any store size; after a run that wrote enough, git repacks the store with deltas
(`repo.compact`). A store of format 1 (folders directly under the host) is migrated to this
layout the first time it is opened (`migrate.py`).

The modules beside this one hold its parts: `objects.py` (objects and pack files), `layout.py`
(the files of a version), `index.py` (the cache), `files.py` (the atomic writer), `repo.py`
(the folder, its lock and the checked-out files) and `migrate.py` (the format-1 layout).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

import git  # noqa: TID251 - this is the git module

from tracker.errors import SnapshotNotFound, StoreCorrupt, StoreWriteFailed
from tracker.store.files import write_atomic
from tracker.store.identity import flat_path
from tracker.store.index import CACHE_FOLDER, ArticleIndex, TrackedArticle, VersionInfo
from tracker.store.layout import (
    Snapshot,
    StoredVersion,
    Version,
    article_from,
    commit_message,
    json_bytes,
    render_article_text,
)
from tracker.store.objects import (
    BLOB_MODE,
    BRANCH,
    TREE_MODE,
    ObjectStore,
    blob_id,
    commit_data,
    read_head,
    tree_data,
)
from tracker.store.repo import (
    FORMAT_FILE,
    STORE_FORMAT,
    WATCHLIST_FILE,
    compact,
    disk_errors,
    init_repository,
    locked,
    needs_creating,
    open_repository,
    pack_sizes,
    remove_leftovers,
    run_git,
    store_format,
    write_folders,
)
from tracker.times import parse_time

__all__ = [
    "FORMAT_FILE",
    "STORE_FORMAT",
    "WATCHLIST_FILE",
    "Decision",
    "Snapshot",
    "Store",
    "StoreWriter",
    "StoredVersion",
    "TrackedArticle",
    "VersionInfo",
    "blob_id",
    "render_article_text",
]

_BRANCH = BRANCH
_FLUSH_EVERY = 250
_CACHE_SECONDS = 30.0


class Store:
    """A snapshot store. Reading needs no lock; writing goes through `writer()`."""

    def __init__(self, root: Path, repo: git.Repo, index: ArticleIndex) -> None:
        self.root = root
        self._repo = repo
        self._git_dir = Path(repo.git_dir)
        self._objects = ObjectStore(self._git_dir / "objects")
        self._index = index

    @classmethod
    def open(cls, root: Path, *, create: bool = True) -> Store:
        """Open the store at `root`, creating it when `create` and the folder is new or empty."""
        root = Path(root)
        if needs_creating(root, create):
            _create(root)
        repo = open_repository(root)
        if store_format(root) < STORE_FORMAT:
            from tracker.store.migrate import migrate_layout

            migrate_layout(root, repo)
        store = cls(root, repo, _load_cache(repo))
        store._index = store._index.catch_up(store._objects, _head(repo))
        return store

    def close(self) -> None:
        self._objects.close()
        self._repo.close()

    @property
    def watchlist_path(self) -> Path:
        """Where the store's watch list lives: beside the snapshots, outside git history.

        Write it only while holding the store's lock (inside `writer()`).
        """
        return self.root / WATCHLIST_FILE

    def articles(self) -> list[TrackedArticle]:
        """Every tracked article, ordered by key."""
        return [self._index.tracked(key) for key in self._index.keys()]

    def find(self, url: str) -> TrackedArticle:
        """The article tracked under `url` (any of its spellings); SnapshotNotFound otherwise."""
        key = self._index.resolve(url)
        if key is None:
            raise SnapshotNotFound(
                f"no snapshot of {url} in {self.root}/; run 'tracker snapshot {url}' first"
            )
        return self._index.tracked(key)

    def read(self, tracked: TrackedArticle, version: VersionInfo) -> StoredVersion:
        """Rebuild one version from the files of its commit."""
        objects = self._objects
        if version.folder is not None:  # the cache names the folder: no tree on the way is read
            folder: bytes | None = bytes.fromhex(version.folder)
        else:  # at its path, or where the first layout kept it
            tree = objects.commit_tree(bytes.fromhex(version.revision))
            folder = objects.tree_at(tree, tracked.path)
            folder = folder or objects.tree_at(tree, flat_path(tracked.path))
        if folder is None:
            raise StoreCorrupt(f"{tracked.path} is missing from revision {version.revision[:10]}")
        files = objects.read_tree(folder)
        meta = json.loads(objects.read(files["meta.json"][1]))
        text = objects.read(files["article.txt"][1]).decode("utf-8")
        raw = objects.read(files["raw.html"][1]) if "raw.html" in files else b""
        meta.update(version=version.version, revision=version.revision, fetched=version.seen)
        return StoredVersion(article=article_from(text, meta), meta=meta, raw=raw)

    def stats(self) -> dict[str, int]:
        """What the store holds and the bytes it takes: the articles and versions, `.git` (its
        packs, their number, the cache) and the checked-out files of the latest versions."""
        packs = pack_sizes(self._git_dir)
        articles, versions = self._index.counts()
        return {
            "articles": articles,
            "versions": versions,
            "git_bytes": _bytes_under(self._git_dir),
            "pack_bytes": sum(packs),
            "packs": len(packs),
            "cache_bytes": _bytes_under(self._git_dir / CACHE_FOLDER),
            "checked_out_bytes": _bytes_under(self.root / "articles"),
        }

    @contextlib.contextmanager
    def writer(self, *, wait: float = 10.0) -> Iterator[StoreWriter]:
        """Hold the store's lock (waiting up to `wait` seconds) and record snapshots."""
        with locked(self._git_dir, wait):
            head, index = _head(self._repo), _load_cache(self._repo)
            in_sync = index.reflects("worktree", head)
            self._index = index.catch_up(self._objects, head)
            if self._index.missing_folders():
                self._index.fill_folders(self._objects)
            remove_leftovers(self._git_dir)
            self._check_history()
            writer = StoreWriter(self)
            try:
                try:
                    yield writer
                finally:
                    writer.flush(save=False)
                fast = in_sync and not writer.check_out_failed
                self._sync_worktree(writer.checked_out if fast else None)
            finally:
                _save_cache(self._repo, self._index)

    def _check_history(self) -> None:
        """Refuse to commit onto broken history (StoreCorrupt): every commit and article folder
        the cache names, and the branch head with its root tree's entries, must be in the
        repository. A deleted or lost pack file takes its commits with it; this reads the pack
        indexes, not the objects, so it costs little at any store size."""
        head = _head(self._repo)
        if head is None:
            return
        wanted = {head}
        for entry in self._index.entries():
            for row in entry["versions"]:
                wanted.add(bytes.fromhex(row[0]))
                if len(row) > 5 and isinstance(row[5], str):
                    wanted.add(bytes.fromhex(row[5]))
        missing = self._objects.missing(wanted)
        if not missing:
            root = self._objects.read_tree(self._objects.commit_tree(head))
            missing = self._objects.missing(sha for _, sha in root.values())
        if missing:
            shown = ", ".join(sorted(sha.hex()[:12] for sha in missing)[:3])
            raise StoreCorrupt(
                f"the store's history is damaged: {len(missing)} git object(s) it needs are "
                f"missing ({shown}; was a pack file deleted?), so nothing was recorded; run "
                f"'git -C {self.root} fsck' and restore the store from a copy"
            )

    def _sync_worktree(self, written: list[tuple[str, bytes]] | None = None) -> None:
        """Bring the store folder's files and git index up to the branch head.

        `written` lists the (path, blob) files this run already wrote into the folder; without
        it the whole branch is checked out again (after an interrupted run). The git index is
        derived from the branch: a damaged one (cut short by a crash or a full disk) is
        rebuilt, never a reason to report a recorded version as failed.
        """
        head = _head(self._repo)
        if head is None or self._index.reflects("worktree", head):
            return
        try:
            if written is None:
                run_git(self.root, "read-tree", "--reset", "-u", "HEAD")
            else:
                lines = "".join(f"100644 {sha.hex()}\t{path}\n" for path, sha in written)
                run_git(self.root, "update-index", "--index-info", stdin=lines)
        except StoreWriteFailed:
            (self._git_dir / "index").unlink(missing_ok=True)
            run_git(self.root, "read-tree", "--reset", "-u", "HEAD")
        self._index.set("worktree", head)
        _save_cache(self._repo, self._index)
        if compact(self.root, self._git_dir):  # the packs were replaced
            self._objects.close()
            self._objects = ObjectStore(self._git_dir / "objects")

    # -- git objects (every object is written through `_write`) ----------------------------

    def _write(self, kind: bytes, data: bytes) -> bytes:
        """Add an object to those the next commit packs; return its id."""
        return self._objects.add(kind, data)

    def _write_tree(self, entries: Mapping[str, tuple[int, bytes]]) -> bytes:
        sha = self._write(b"tree", tree_data(entries))
        self._objects.remember_tree(sha, entries)
        return sha

    def _update_tree(self, tree: bytes | None, changes: Mapping[str, bytes]) -> bytes:
        """Write a new tree: `tree` with each folder path in `changes` set to the given tree.
        The trees it replaces leave the parsed-tree memory; the new ones stay in it."""
        entries = self._objects.read_tree(tree) if tree else {}
        nested: dict[str, dict[str, bytes]] = {}
        for path, sha in changes.items():
            head, _, rest = path.partition("/")
            if rest:
                nested.setdefault(head, {})[rest] = sha
            else:
                entries[head] = (TREE_MODE, sha)
        for name, sub in nested.items():
            entries[name] = (TREE_MODE, self._update_tree(entries.get(name, (0, None))[1], sub))
        if tree:
            self._objects.forget(tree)
        return self._write_tree(entries)

    def _commit(self, tree: bytes, parent: bytes | None, seen: datetime, message: str) -> bytes:
        """Write a commit, pack the objects made since the last one, then move the branch."""
        sha = self._write(b"commit", commit_data(tree, parent, seen, message))
        self._objects.save()
        _write_atomic(self._git_dir, _BRANCH, sha.hex().encode() + b"\n")
        return sha


@dataclass(frozen=True, slots=True)
class Decision:
    """The store's one answer to "is this page new for this article?"."""

    kind: Literal["new", "changed", "unchanged", "backdated"]
    version: int  # the version it becomes, or (unchanged) the version it already is
    flip_flop_of: int | None = None  # changed back to this recent earlier version
    already_recorded: bool = False  # unchanged because this text was recorded at this time
    latest_seen: str | None = None  # backdated: when the newest stored version was seen

    @property
    def records(self) -> bool:
        return self.kind != "unchanged"


def _hash(row: list[Any]) -> str | None:
    return row[3] if len(row) > 3 else None


def _seen(row: list[Any]) -> datetime | None:
    try:
        return parse_time(row[1]) if row[1] else None
    except ValueError:
        return None


def _returns_to(rows: list[list[Any]], content: str, window: int) -> int | None:
    """The version among the last `window` (the latest excluded) whose text is `content`."""
    if window < 2:
        return None
    recent = range(max(len(rows) - window, 0), len(rows) - 1)
    return next((n + 1 for n in reversed(recent) if _hash(rows[n]) == content), None)


class StoreWriter:
    """Records snapshots while the store's lock is held; commits in batches, moving the ref last."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._pending: dict[str, tuple[bytes, Snapshot, Version]] = {}
        self._files: dict[str, dict[str, tuple[bytes, bytes]]] = {}
        self._last: tuple[Snapshot, Version] | None = None
        self.committed = 0
        self.checked_out: list[tuple[str, bytes]] = []
        self.check_out_failed = False
        self._saved = time.monotonic()

    def find(self, url: str) -> TrackedArticle | None:
        """The article already known under `url` (its key or a source URL seen before)."""
        key = self._store._index.resolve(url)
        return self._store._index.tracked(key) if key else None

    def latest(self, key: str) -> StoredVersion | None:
        """The last committed version of the article `key`, or None for a new article."""
        if self._store._index.entry(key) is None:
            return None
        tracked = self._store._index.tracked(key)
        return self._store.read(tracked, tracked.versions[-1]) if tracked.versions else None

    def decide(self, snap: Snapshot, flip_window: int = 0) -> Decision:
        """What recording `snap` would do, asked once per page: a new article, a changed one
        (possibly a flip-flop back to one of the last `flip_window` versions), the same text
        as the latest version or as a version already recorded at the same time (unchanged),
        or a different text seen before the newest version (backdated)."""
        if snap.identity.key in self._pending:
            self.flush()
        entry = self._store._index.entry(snap.identity.key)
        rows = entry["versions"] if entry else []
        if not rows:
            return Decision("new", 1)
        content = self._version(snap).content
        if entry and entry.get("content") == content:
            return Decision("unchanged", len(rows))
        for number, row in enumerate(rows, 1):
            if _hash(row) == content and _seen(row) == snap.seen:
                return Decision("unchanged", number, already_recorded=True)
        latest = _seen(rows[-1])
        if latest is not None and snap.seen < latest:
            return Decision("backdated", len(rows) + 1, latest_seen=rows[-1][1])
        return Decision(
            "changed", len(rows) + 1, flip_flop_of=_returns_to(rows, content, flip_window)
        )

    def raw_unchanged(self, key: str, raw: bytes) -> bool:
        """True when `raw` is byte for byte the page last seen for the article `key`."""
        entry = self._store._index.entry(key)
        return entry is not None and entry.get("raw") == blob_id(raw)

    def alias(self, source_url: str, key: str) -> None:
        """Remember that `source_url` leads to the article `key`."""
        self._store._index.alias(source_url, key)

    def record(self, snap: Snapshot, decision: Decision | None = None) -> tuple[str, int]:
        """Record `snap` as `decision` (default: `decide(snap)`) says: ("new" | "changed" |
        "unchanged", version). A backdated snapshot is recorded as the next version."""
        decision = decision or self.decide(snap)
        store, key, version = self._store, snap.identity.key, self._version(snap)
        if key in self._pending:
            self.flush()
        entry = store._index.entry(key)
        if decision.kind == "unchanged":
            if entry and entry.get("content") == version.content:
                store._index.note_raw(key, blob_id(snap.raw))
            return "unchanged", decision.version
        files = version.files(snap.raw)
        blobs = {name: (BLOB_MODE, store._write(b"blob", data)) for name, data in files.items()}
        self._pending[key] = (store._write(b"tree", tree_data(blobs)), snap, version)
        self._files[key] = {name: (blobs[name][1], data) for name, data in files.items()}
        if len(self._pending) >= _FLUSH_EVERY:
            self.flush()
        return ("changed" if entry else "new"), (len(entry["versions"]) if entry else 0) + 1

    def _version(self, snap: Snapshot) -> Version:
        """The files and hash of `snap`, made once for the calls that ask about one snapshot."""
        if self._last is None or self._last[0] is not snap:
            self._last = (snap, Version.of(snap))
        return self._last[1]

    def _check_out(self, folders: list[tuple[str, dict[str, tuple[bytes, bytes]]]]) -> None:
        """Write recorded folders' (path, {name: (blob, data)}) files into the store folder (a
        raw.html the previous version already left there is not in `files`)."""
        writes: dict[Path, dict[str, bytes]] = {}
        for path, files in folders:
            writes[self._store.root / path] = {name: data for name, (_, data) in files.items()}
            self.checked_out += [(f"{path}/{name}", sha) for name, (sha, _) in files.items()]
        try:
            write_folders(writes)  # derived: a killed run forces a full re-sync
        except OSError:  # the version is recorded; the whole branch is checked out at the end
            self.check_out_failed = True

    def flush(self, *, save: bool = True) -> None:
        """Commit the pending versions in one commit per distinct seen-time.

        The cache (one document for the whole store) is written when the writer closes and, with
        `save`, at most every `_CACHE_SECONDS` in between: writing it after every commit would
        cost O(articles) per commit. A run killed in between loses nothing: the next one
        catches the cache up from the commits it missed.
        """
        if self._pending:
            by_time: dict[datetime, list[str]] = {}
            for key, (_, snap, _) in self._pending.items():
                by_time.setdefault(snap.seen, []).append(key)
            for seen in sorted(by_time):
                self._commit_group(seen, by_time[seen])
            self._pending.clear()
        if save and time.monotonic() - self._saved >= _CACHE_SECONDS:
            _save_cache(self._store._repo, self._store._index)
            self._saved = time.monotonic()

    def _commit_group(self, seen: datetime, keys: list[str]) -> None:
        store, pending = self._store, self._pending
        parent = _head(store._repo)
        root = store._objects.commit_tree(parent) if parent else None
        changes = {pending[k][1].identity.path: pending[k][0] for k in keys}
        tree = store._update_tree(root, changes)
        recorded = [(k, pending[k][1].article.title, pending[k][2].meta) for k in keys]
        sha = store._commit(tree, parent, seen, commit_message(recorded))
        folders = []
        for key in keys:
            _, snap, version = pending[key]
            files, path = self._files.pop(key), snap.identity.path
            raw = files["raw.html"][0].hex()
            entry = store._index.entry(key)
            if entry and entry.get("page") == raw and entry["path"] == path:
                files = {n: f for n, f in files.items() if n != "raw.html"}  # already there
            store._index.note_version(
                key, path, version.meta, sha.hex(), raw, version.content, pending[key][0]
            )
            folders.append((path, files))
        self._check_out(folders)
        store._index.set("head", sha)
        self.committed += 1


# -- files written by name (a run killed while writing them is caught by the next) ---------


def _write_atomic(folder: Path, name: str, data: bytes) -> None:
    with disk_errors(folder.parent if folder.name == ".git" else folder):
        write_atomic(folder / name, data)


def _load_cache(repo: git.Repo) -> ArticleIndex:
    return ArticleIndex.load(Path(repo.git_dir))


def _save_cache(repo: git.Repo, cache: ArticleIndex) -> None:
    """Write the shards of the cache that changed since it was read, then its root."""
    with disk_errors(Path(repo.git_dir).parent):
        cache.save()


def _bytes_under(folder: Path) -> int:
    """The bytes of the files under `folder` (0 when it does not exist)."""
    total, folders = 0, [os.fspath(folder)]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            else:
                total += entry.stat(follow_symlinks=False).st_size
    return total


def _head(repo: git.Repo) -> bytes | None:
    return read_head(Path(repo.git_dir))


def _create(root: Path) -> None:
    repo = init_repository(root)
    try:
        with locked(Path(repo.git_dir), wait=10.0):
            if not (root / FORMAT_FILE).exists():
                _initial_commit(root)
    finally:
        repo.close()


def _initial_commit(root: Path) -> None:
    data = json_bytes({"format": STORE_FORMAT})
    repo = git.Repo(root)
    store = Store(root, repo, _load_cache(repo))
    tree = store._write_tree({FORMAT_FILE: (BLOB_MODE, store._write(b"blob", data))})
    store._commit(tree, None, datetime.now(timezone.utc), "Create tracker store")
    _write_atomic(root, FORMAT_FILE, data)
    store._sync_worktree()
    store.close()
