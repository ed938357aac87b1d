"""The git-backed snapshot store: the only module that touches git or the store layout.

Layout of a store folder (a git repository on branch `main`):

    .tracker-store                      {"format": 1}
    articles/<host>/<slug>-<hash>/      one folder per article
        article.txt                     headline, byline, blank line, paragraphs
        meta.json                       identity, dates, authors, contributors, notes, fetch details
        raw.html                        the page as fetched (for text sources, the text)

Versions of an article are the commits touching its folder, oldest first. Objects, trees and
commits are written in-process (no git subprocess per article); the branch ref moves last, so a
run killed at any point leaves the previous state intact. `.git/tracker-index.json` caches the
version list of every article and the commit it reflects; when that commit is not the branch
head (a run was killed after moving the ref) the cache catches up from the commits it missed.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import subprocess
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from typing import Any

import git  # noqa: TID251 - this is the git module
from git.objects.fun import tree_entries_from_data  # noqa: TID251
from gitdb import GitDB, OStream  # type: ignore[import-untyped]
from gitdb.exc import BadObject  # type: ignore[import-untyped]
from gitdb.pack import PackEntity  # type: ignore[import-untyped]

from tracker.errors import SnapshotNotFound, StoreCorrupt, StoreLocked
from tracker.identity import Identity, normalise_url
from tracker.models import Article

STORE_FORMAT = 1
FORMAT_FILE = ".tracker-store"
_BRANCH = "refs/heads/main"
_CACHE = "tracker-index.json"
_LOCK = "tracker.lock"
_AUTHOR = b"tracker <tracker@localhost>"
_TREE_MODE, _BLOB_MODE = 0o40000, 0o100644
_FLUSH_EVERY = 250
_COMPARED_META = ("title", "authors", "published", "contributors", "notes", "description")


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One recorded version of an article."""

    version: int
    revision: str
    seen: str
    title: str
    reextract: bool = False
    flip_flop_of: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "revision": self.revision,
            "seen": self.seen,
            "title": self.title,
            "reextract": self.reextract,
            "flip_flop_of": self.flip_flop_of,
        }


@dataclass(frozen=True, slots=True)
class TrackedArticle:
    """An article the store tracks, with its versions oldest first."""

    key: str
    path: str
    url: str
    title: str
    versions: tuple[VersionInfo, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "key": self.key,
            "path": self.path,
            "title": self.title,
            "versions": len(self.versions),
            "first_seen": self.versions[0].seen if self.versions else None,
            "last_seen": self.versions[-1].seen if self.versions else None,
        }


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """One version read back from the store: the article, its metadata and the raw page."""

    article: Article
    meta: dict[str, Any]
    raw: bytes = b""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One extracted page to record: `details` holds fetch facts (url, status, redirects...)."""

    identity: Identity
    article: Article
    raw: bytes
    seen: datetime
    details: Mapping[str, Any] = field(default_factory=dict)


def render_article_text(article: Article) -> str:
    """article.txt: headline, byline, a blank line, then the paragraphs separated by blank lines."""
    header = [" ".join(article.title.split())]
    if article.authors:
        header.append("By " + ", ".join(" ".join(a.split()) for a in article.authors))
    body = [_one_block(p) for p in article.paragraphs]
    return "\n".join(header) + "\n\n" + "\n\n".join(p for p in body if p) + "\n"


def _one_block(paragraph: str) -> str:
    lines = [line.strip() for line in paragraph.strip().splitlines()]
    return "\n".join(line for line in lines if line)


def _article_from(text: str, meta: Mapping[str, Any]) -> Article:
    body = text.split("\n\n", 1)[1] if "\n\n" in text else ""
    return Article(
        title=meta.get("title") or "",
        authors=list(meta.get("authors") or []),
        published=meta.get("published"),
        modified=meta.get("modified"),
        paragraphs=[p for p in body.strip("\n").split("\n\n") if p],
        contributors=list(meta.get("contributors") or []),
        notes=list(meta.get("notes") or []),
        url=meta.get("url"),
        description=meta.get("description"),
    )


def _content_hash(text: str, meta: Mapping[str, Any]) -> str:
    relevant = {name: meta.get(name) for name in _COMPARED_META}
    payload = text + "\0" + json.dumps(relevant, sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def blob_id(data: bytes) -> str:
    """The git object id of a blob holding `data` (what raw.html is stored under)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class Store:
    """A snapshot store. Reading needs no lock; writing goes through `writer()`."""

    def __init__(self, root: Path, repo: git.Repo, index: dict[str, Any]) -> None:
        self.root = root
        self._repo = repo
        self._objects = Path(repo.git_dir) / "objects"
        self._odb = GitDB(str(self._objects))
        self._fresh: dict[bytes, tuple[bytes, bytes]] = {}
        self._unsaved: list[bytes] = []
        self._index = index

    @classmethod
    def open(cls, root: Path, *, create: bool = True) -> Store:
        """Open the store at `root`, creating it when `create` and the folder is new or empty."""
        root = Path(root)
        if not _has_store(root):
            if not create:
                raise SnapshotNotFound(
                    f"no snapshot store at {root}/; run 'tracker snapshot URL' to start one"
                )
            _create(root)
        repo = _open_repo(root)
        store = cls(root, repo, _load_cache(repo))
        store._catch_up()
        return store

    def close(self) -> None:
        self._repo.close()

    @property
    def watchlist_path(self) -> Path:
        """Where the store's watch list lives: beside the snapshots, outside git history.

        Write it only while holding the store's lock (inside `writer()`).
        """
        return self.root / WATCHLIST_FILE

    def articles(self) -> list[TrackedArticle]:
        """Every tracked article, ordered by key."""
        return [self._tracked(key) for key in sorted(self._index["articles"])]

    def find(self, url: str) -> TrackedArticle:
        """The article tracked under `url` (any of its spellings); SnapshotNotFound otherwise."""
        key = self._resolve(url)
        if key is None:
            raise SnapshotNotFound(
                f"no snapshot of {url} in {self.root}/; run 'tracker snapshot {url}' first"
            )
        return self._tracked(key)

    def read(self, tracked: TrackedArticle, version: VersionInfo) -> StoredVersion:
        """Rebuild one version from the files of its commit."""
        tree = self._commit_tree(bytes.fromhex(version.revision))
        folder = self._tree_at(tree, tracked.path)
        if folder is None:
            raise StoreCorrupt(f"{tracked.path} is missing from revision {version.revision[:10]}")
        files = self._read_tree(folder)
        meta = json.loads(self._read_blob(files["meta.json"][1]))
        text = self._read_blob(files["article.txt"][1]).decode("utf-8")
        raw = self._read_blob(files["raw.html"][1]) if "raw.html" in files else b""
        meta.update(version=version.version, revision=version.revision, fetched=version.seen)
        return StoredVersion(article=_article_from(text, meta), meta=meta, raw=raw)

    @contextlib.contextmanager
    def writer(self, *, wait: float = 10.0) -> Iterator[StoreWriter]:
        """Hold the store's lock (waiting up to `wait` seconds) and record snapshots."""
        with _locked(self._repo, wait):
            self._index = _load_cache(self._repo)
            head = _head(self._repo)
            in_sync = head is not None and self._index.get("worktree") == head.hex()
            self._catch_up()
            _remove_leftovers(self._repo)
            writer = StoreWriter(self)
            try:
                yield writer
            finally:
                writer.flush()
            self._sync_worktree(writer.checked_out if in_sync else None)

    def _sync_worktree(self, written: list[tuple[str, bytes]] | None = None) -> None:
        """Bring the store folder's files and git index up to the branch head.

        `written` lists the (path, blob) files this run already wrote into the folder; without
        it the whole branch is checked out again (after an interrupted run).
        """
        head = _head(self._repo)
        if head is None or self._index.get("worktree") == head.hex():
            return
        if written is None:
            _git(self.root, "read-tree", "--reset", "-u", "HEAD")
        else:
            lines = "".join(f"100644 {sha.hex()}\t{path}\n" for path, sha in written)
            _git(self.root, "update-index", "--index-info", stdin=lines)
        self._index["worktree"] = head.hex()
        _save_cache(self._repo, self._index)
        _git(self.root, "-c", "gc.autoDetach=false", "gc", "--auto", "--quiet")

    # -- index ---------------------------------------------------------------------------

    def _resolve(self, url: str) -> str | None:
        articles, aliases = self._index["articles"], self._index["aliases"]
        for candidate in (url, normalise_url(url)):
            if candidate in articles:
                return candidate
            if candidate in aliases:
                return str(aliases[candidate])
        return None

    def _tracked(self, key: str) -> TrackedArticle:
        entry = self._index["articles"][key]
        versions = tuple(_version_info(n, row) for n, row in enumerate(entry["versions"], 1))
        return TrackedArticle(
            key=key, path=entry["path"], url=entry["url"], title=entry["title"], versions=versions
        )

    def _catch_up(self) -> None:
        """Add to the cache the commits made since the one it reflects."""
        head = _head(self._repo)
        if head is None or self._index["head"] == head.hex():
            return
        missed: list[bytes] = []
        commit: bytes | None = head
        while commit is not None and commit.hex() != self._index["head"]:
            missed.append(commit)
            commit = self._parent(commit)
        if commit is None and self._index["head"] is not None:
            self._index = _empty_cache()
            self._catch_up()
            return
        for sha in reversed(missed):
            self._index_commit(sha)
        self._index["head"] = head.hex()

    def _index_commit(self, sha: bytes) -> None:
        parent = self._parent(sha)
        old_root = self._commit_tree(parent) if parent else None
        for path, folder in self._changed_folders(old_root, self._commit_tree(sha)):
            files = self._read_tree(folder)
            if "meta.json" not in files or "article.txt" not in files:
                continue
            meta = json.loads(self._read_blob(files["meta.json"][1]))
            text = self._read_blob(files["article.txt"][1]).decode("utf-8")
            raw = files["raw.html"][1].hex() if "raw.html" in files else None
            self._note_version(
                meta["identity"], path, meta, sha.hex(), raw, _content_hash(text, meta)
            )

    def _note_version(
        self,
        key: str,
        path: str,
        meta: Mapping[str, Any],
        revision: str,
        raw: str | None,
        content: str,
    ) -> None:
        entry = self._index["articles"].setdefault(key, {"path": path, "versions": []})
        entry.update(
            url=meta.get("url") or key, title=meta.get("title") or "", raw=raw, content=content
        )
        marks = {name: meta[name] for name in ("reextract", "flip_flop_of") if meta.get(name)}
        row = [revision, meta.get("seen") or "", meta.get("title") or "", content, marks]
        entry["versions"].append(row)

    def _changed_folders(self, old: bytes | None, new: bytes) -> Iterator[tuple[str, bytes]]:
        """(path, tree) of every article folder that differs between two root trees."""
        old_articles = self._tree_at(old, "articles") if old else None
        new_articles = self._tree_at(new, "articles")
        if new_articles is None or new_articles == old_articles:
            return
        old_hosts = self._read_tree(old_articles) if old_articles else {}
        for host, (_, host_sha) in self._read_tree(new_articles).items():
            old_host = old_hosts.get(host, (0, b""))[1]
            if old_host == host_sha:
                continue
            before = self._read_tree(old_host) if old_host else {}
            for name, (_, folder) in self._read_tree(host_sha).items():
                if before.get(name, (0, b""))[1] != folder:
                    yield f"articles/{host}/{name}", folder

    # -- git objects ---------------------------------------------------------------------

    def _read_blob(self, sha: bytes) -> bytes:
        if sha in self._fresh:
            return self._fresh[sha][1]
        try:
            data: bytes = self._odb.stream(sha).read()
        except BadObject:  # packed by another run since this store was opened
            self._odb.update_cache(force=True)
            data = self._odb.stream(sha).read()
        return data

    def _read_tree(self, sha: bytes) -> dict[str, tuple[int, bytes]]:
        return {
            name: (mode, binsha)
            for binsha, mode, name in tree_entries_from_data(self._read_blob(sha))
        }

    def _tree_at(self, tree: bytes | None, path: str) -> bytes | None:
        for part in path.split("/"):
            if tree is None:
                return None
            tree = self._read_tree(tree).get(part, (0, None))[1]
        return tree

    def _commit_fields(self, sha: bytes) -> list[bytes]:
        return self._read_blob(sha).split(b"\n\n", 1)[0].split(b"\n")

    def _commit_tree(self, sha: bytes) -> bytes:
        return bytes.fromhex(self._commit_fields(sha)[0].split(b" ")[1].decode())

    def _parent(self, sha: bytes) -> bytes | None:
        parents = [f for f in self._commit_fields(sha) if f.startswith(b"parent ")]
        return bytes.fromhex(parents[0][7:].decode()) if parents else None

    def _write(self, kind: bytes, data: bytes) -> bytes:
        """Add an object to those the next `_save_objects` packs; return its id."""
        sha = hashlib.sha1(b"%s %d\0" % (kind, len(data)) + data).digest()
        if sha not in self._fresh:
            self._fresh[sha] = (kind, data)
            self._unsaved.append(sha)
        return sha

    def _save_objects(self) -> None:
        """Write the objects made since the last save as one pack file with its index."""
        if not self._unsaved:
            return
        streams = [OStream(sha, self._fresh[sha][0], len(self._fresh[sha][1]),
                           BytesIO(self._fresh[sha][1])) for sha in self._unsaved]  # fmt: skip
        PackEntity.create(streams, str(self._objects / "pack"), object_count=len(streams))
        self._unsaved.clear()

    def _write_tree(self, entries: Mapping[str, tuple[int, bytes]]) -> bytes:
        def order(name: str) -> bytes:
            return name.encode() + (b"/" if entries[name][0] == _TREE_MODE else b"")

        data = b"".join(
            b"%o %s\0%s" % (entries[n][0], n.encode(), entries[n][1])
            for n in sorted(entries, key=order)
        )
        return self._write(b"tree", data)

    def _update_tree(self, tree: bytes | None, changes: Mapping[str, bytes]) -> bytes:
        """Write a new tree: `tree` with each folder path in `changes` set to the given tree."""
        entries = self._read_tree(tree) if tree else {}
        nested: dict[str, dict[str, bytes]] = {}
        for path, sha in changes.items():
            head, _, rest = path.partition("/")
            if rest:
                nested.setdefault(head, {})[rest] = sha
            else:
                entries[head] = (_TREE_MODE, sha)
        for name, sub in nested.items():
            entries[name] = (_TREE_MODE, self._update_tree(entries.get(name, (0, None))[1], sub))
        return self._write_tree(entries)

    def _commit(self, tree: bytes, parent: bytes | None, seen: datetime, message: str) -> bytes:
        stamp = _git_time(seen)
        lines = [b"tree " + tree.hex().encode()]
        if parent:
            lines.append(b"parent " + parent.hex().encode())
        lines += [b"author " + _AUTHOR + b" " + stamp, b"committer " + _AUTHOR + b" " + stamp]
        sha = self._write(b"commit", b"\n".join(lines) + b"\n\n" + message.encode() + b"\n")
        self._save_objects()
        _write_atomic(Path(self._repo.git_dir), _BRANCH, sha.hex().encode() + b"\n")
        return sha


class StoreWriter:
    """Records snapshots while the store's lock is held; commits in batches, moving the ref last."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._pending: dict[str, tuple[bytes, Snapshot, dict[str, Any], str]] = {}
        self._files: dict[str, dict[str, tuple[bytes, bytes]]] = {}
        self.committed = 0
        self.checked_out: list[tuple[str, bytes]] = []

    def find(self, url: str) -> TrackedArticle | None:
        """The article already known under `url` (its key or a source URL seen before)."""
        key = self._store._resolve(url)
        return self._store._tracked(key) if key else None

    def changes(self, snap: Snapshot) -> bool:
        """Whether recording `snap` would add a version (its article differs from the last)."""
        entry = self._store._index["articles"].get(snap.identity.key)
        content = _content_hash(render_article_text(snap.article), _meta(snap))
        return entry is None or entry.get("content") != content

    def latest(self, key: str) -> StoredVersion | None:
        """The last committed version of the article `key`, or None for a new article."""
        if key not in self._store._index["articles"]:
            return None
        tracked = self._store._tracked(key)
        return self._store.read(tracked, tracked.versions[-1]) if tracked.versions else None

    def returns_to(self, snap: Snapshot, window: int) -> int | None:
        """The earlier version `snap` would return to (A -> B -> A) among the last `window`
        versions of its article, or None (also when it equals the latest version)."""
        entry = self._store._index["articles"].get(snap.identity.key)
        if entry is None or window < 2:
            return None
        content = _content_hash(render_article_text(snap.article), _meta(snap))
        hashes = [row[3] if len(row) > 3 else None for row in entry["versions"]]
        if not hashes or hashes[-1] == content:
            return None
        recent = range(max(len(hashes) - window, 0), len(hashes) - 1)
        return next((n + 1 for n in reversed(recent) if hashes[n] == content), None)

    def raw_unchanged(self, key: str, raw: bytes) -> bool:
        """True when `raw` is byte for byte the page last seen for the article `key`."""
        entry = self._store._index["articles"].get(key)
        return entry is not None and entry.get("raw") == blob_id(raw)

    def alias(self, source_url: str, key: str) -> None:
        """Remember that `source_url` leads to the article `key`."""
        normalised = normalise_url(source_url)
        if normalised != key:
            self._store._index["aliases"][normalised] = key

    def record(self, snap: Snapshot) -> tuple[str, int]:
        """Record `snap` if its article changed: ("new" | "changed" | "unchanged", version)."""
        store, key = self._store, snap.identity.key
        text = render_article_text(snap.article)
        meta = _meta(snap)
        content = _content_hash(text, meta)
        entry = store._index["articles"].get(key)
        if key in self._pending:
            self.flush()
            entry = store._index["articles"].get(key)
        if entry and entry.get("content") == content:
            entry["raw"] = blob_id(snap.raw)
            return "unchanged", len(entry["versions"])
        files = {"article.txt": text.encode("utf-8"), "meta.json": _json_bytes(meta),
                 "raw.html": snap.raw}  # fmt: skip
        blobs = {name: (_BLOB_MODE, store._write(b"blob", data)) for name, data in files.items()}
        self._pending[key] = (store._write_tree(blobs), snap, meta, content)
        self._files[key] = {name: (blobs[name][1], data) for name, data in files.items()}
        if len(self._pending) >= _FLUSH_EVERY:
            self.flush()
        return ("changed" if entry else "new"), (len(entry["versions"]) if entry else 0) + 1

    def _check_out(self, path: str, files: Mapping[str, tuple[bytes, bytes]]) -> None:
        folder = self._store.root / path
        folder.mkdir(parents=True, exist_ok=True)
        for name, (sha, data) in files.items():  # derived: a killed run forces a full re-sync
            (folder / name).write_bytes(data)
            self.checked_out.append((f"{path}/{name}", sha))

    def flush(self) -> None:
        """Commit the pending versions in one commit per distinct seen-time, then save the cache."""
        if not self._pending:
            _save_cache(self._store._repo, self._store._index)
            return
        by_time: dict[datetime, list[str]] = {}
        for key, (_, snap, _, _) in self._pending.items():
            by_time.setdefault(snap.seen, []).append(key)
        for seen in sorted(by_time):
            self._commit_group(seen, by_time[seen])
        self._pending.clear()
        _save_cache(self._store._repo, self._store._index)

    def _commit_group(self, seen: datetime, keys: list[str]) -> None:
        store = self._store
        parent = _head(store._repo)
        root = store._commit_tree(parent) if parent else None
        changes = {self._pending[k][1].identity.path: self._pending[k][0] for k in keys}
        tree = store._update_tree(root, changes)
        sha = store._commit(tree, parent, seen, _message(self._pending, keys))
        for key in keys:
            folder, snap, meta, content = self._pending[key]
            store._note_version(
                key,
                snap.identity.path,
                meta,
                sha.hex(),
                self._files[key]["raw.html"][0].hex(),
                content,
            )
            self._check_out(snap.identity.path, self._files.pop(key))
        store._index["head"] = sha.hex()
        self.committed += 1


def _version_info(number: int, row: list[Any]) -> VersionInfo:
    """One cached index row: [revision, seen, title, content hash, marks] (older caches: 3)."""
    marks = row[4] if len(row) > 4 and isinstance(row[4], dict) else {}
    return VersionInfo(
        version=number,
        revision=row[0],
        seen=row[1],
        title=row[2],
        reextract=bool(marks.get("reextract")),
        flip_flop_of=marks.get("flip_flop_of"),
    )


def _meta(snap: Snapshot) -> dict[str, Any]:
    article = snap.article
    return {
        "identity": snap.identity.key,
        "url": snap.details.get("url") or snap.identity.key,
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published,
        "modified": article.modified,
        "description": article.description,
        "canonical": article.url,
        "contributors": list(article.contributors),
        "notes": list(article.notes),
        "seen": _iso(snap.seen),
        **{k: v for k, v in snap.details.items() if k != "url"},
    }


_Pending = Mapping[str, tuple[bytes, Snapshot, dict[str, Any], str]]


def _message(pending: _Pending, keys: list[str]) -> str:
    lines = [f"{pending[k][1].article.title or k}\n    {k}{_mark(pending[k][2])}" for k in keys]
    head = f"Snapshot {keys[0]}" if len(keys) == 1 else f"Snapshot {len(keys)} articles"
    if all(pending[k][2].get("reextract") for k in keys):
        head = head.replace("Snapshot", "Re-extract", 1)
    return head + "\n\n" + "\n".join(lines)


def _mark(meta: Mapping[str, Any]) -> str:
    if meta.get("reextract"):
        return " (re-extraction: parser update)"
    if meta.get("flip_flop_of"):
        return f" (flip-flop: back to v{meta['flip_flop_of']})"
    return ""


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _git_time(moment: datetime) -> bytes:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    offset = int((moment.utcoffset() or _ZERO).total_seconds() // 60)
    sign = "+" if offset >= 0 else "-"
    hours, minutes = divmod(abs(offset), 60)
    return f"{int(moment.timestamp())} {sign}{hours:02d}{minutes:02d}".encode()


_ZERO = datetime(2000, 1, 1) - datetime(2000, 1, 1)


# -- files, locks, repository --------------------------------------------------------------


def _git(root: Path, *args: str, stdin: str | None = None) -> None:
    """Run one git command in the store; its failure means the store cannot be updated."""
    done = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True,
                          text=True, check=False)  # fmt: skip
    if done.returncode:
        raise StoreCorrupt(f"cannot update the files of {root}/: {done.stderr.strip()}")


def _write_atomic(folder: Path, name: str, data: bytes) -> None:
    target = folder / name
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    tmp.write_bytes(data)
    tmp.replace(target)


def _remove_leftovers(repo: git.Repo) -> None:
    """Delete temporary files a killed run may have left (safe: the lock is held)."""
    git_dir = Path(repo.git_dir)
    pack = git_dir / "objects" / "pack"
    leftovers = [*git_dir.glob(".*.tmp"), *pack.glob("pack[!-]*"), *pack.glob("index*")]
    leftovers += [p for p in pack.glob("pack-*.pack") if not p.with_suffix(".idx").exists()]
    for leftover in [*leftovers, git_dir / "index.lock"]:
        leftover.unlink(missing_ok=True)


# Files kept beside the snapshots, never committed (the watch list changes on every run).
WATCHLIST_FILE = "watchlist.json"
_UNTRACKED = (WATCHLIST_FILE, f".{WATCHLIST_FILE}.*.tmp")

# A folder holding only these counts as empty: a new store may be created in it.
_EMPTY_STORE_NAMES = frozenset({".git", ".gitkeep", ".keep"})


def _has_store(root: Path) -> bool:
    if not root.exists():
        return False
    if not root.is_dir():
        raise StoreCorrupt(f"{root} is not a folder; give --store a folder for the snapshot store")
    names = {p.name for p in root.iterdir()}
    if FORMAT_FILE in names:
        return True
    if names <= _EMPTY_STORE_NAMES:
        return False
    raise StoreCorrupt(
        f"{root}/ is not a tracker store (no {FORMAT_FILE} file); "
        "give --store a new or empty folder, or an existing store"
    )


def _create(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    repo = git.Repo.init(root, initial_branch="main")
    exclude = Path(repo.git_dir) / "info" / "exclude"
    exclude.parent.mkdir(parents=True, exist_ok=True)
    with exclude.open("a", encoding="utf-8") as f:
        f.write("\n".join(sorted(_EMPTY_STORE_NAMES - {".git"}) + list(_UNTRACKED)) + "\n")
    try:
        with _locked(repo, wait=10.0):
            if not (root / FORMAT_FILE).exists():
                _initial_commit(repo, root)
    finally:
        repo.close()


def _initial_commit(repo: git.Repo, root: Path) -> None:
    data = _json_bytes({"format": STORE_FORMAT})
    store = Store(root, git.Repo(root), _empty_cache())
    tree = store._write_tree({FORMAT_FILE: (_BLOB_MODE, store._write(b"blob", data))})
    store._commit(tree, None, datetime.now(timezone.utc), "Create tracker store")
    _write_atomic(root, FORMAT_FILE, data)
    store._sync_worktree()
    store.close()


def _open_repo(root: Path) -> git.Repo:
    try:
        repo = git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise StoreCorrupt(
            f"{root}/ has a {FORMAT_FILE} file but is not a git repository; "
            "restore its .git folder or start a new store"
        ) from None
    try:
        fmt = json.loads((root / FORMAT_FILE).read_text("utf-8"))["format"]
    except (OSError, ValueError, KeyError, TypeError):
        raise StoreCorrupt(
            f'{root}/{FORMAT_FILE} is unreadable; it should hold {{"format": 1}}'
        ) from None
    if fmt != STORE_FORMAT:
        raise StoreCorrupt(
            f"{root}/ is a store of format {fmt}; this tracker reads format {STORE_FORMAT}"
        )
    return repo


def _head(repo: git.Repo) -> bytes | None:
    """The commit the branch points to, read without starting a git process."""
    git_dir = Path(repo.git_dir)
    try:
        return bytes.fromhex((git_dir / _BRANCH).read_text().strip())
    except FileNotFoundError:
        pass
    except ValueError:
        raise StoreCorrupt(f"{git_dir / _BRANCH} is damaged; restore it from the reflog") from None
    packed = git_dir / "packed-refs"
    lines = packed.read_text().splitlines() if packed.exists() else []
    match = [line.split()[0] for line in lines if line.endswith(" " + _BRANCH)]
    return bytes.fromhex(match[0]) if match else None


@contextlib.contextmanager
def _locked(repo: git.Repo, wait: float) -> Iterator[None]:
    path = Path(repo.git_dir) / _LOCK
    with path.open("a+") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise StoreLocked(
                        f"another tracker run holds the store lock (pid {holder}); "
                        "wait for it to finish or rerun"
                    ) from None
                time.sleep(0.05)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _empty_cache() -> dict[str, Any]:
    return {"format": STORE_FORMAT, "head": None, "articles": {}, "aliases": {}}


def _load_cache(repo: git.Repo) -> dict[str, Any]:
    try:
        cache = json.loads((Path(repo.git_dir) / _CACHE).read_text("utf-8"))
    except (OSError, ValueError):
        return _empty_cache()
    if not isinstance(cache, dict) or cache.get("format") != STORE_FORMAT:
        return _empty_cache()
    return cache


def _save_cache(repo: git.Repo, cache: Mapping[str, Any]) -> None:
    _write_atomic(Path(repo.git_dir), _CACHE, json.dumps(cache, ensure_ascii=False).encode("utf-8"))
