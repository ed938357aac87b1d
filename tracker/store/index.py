"""The snapshot store's version cache: `.git/tracker-index/`, split by key hash.

Part of the store (`tracker.store`). The cache lists every article's versions and the commit it
reflects (`head`), plus the commit the store folder's files were last brought up to
(`worktree`). When `head` is not the branch head (a run was killed after moving the ref) the
cache catches up from the commits it missed; when the branch no longer contains it, the cache is
rebuilt from the whole history.

Files: `root.json` ({"format", "head", "worktree", "shards": {ab: [generation, articles,
versions]}}) and one `<ab>.<generation>.json` per shard ({"articles": {key: entry}, "aliases":
{source url: key}}), `ab` being the first two hex digits of the SHA-256 of the article's key (of
the source URL for an alias), as in the store's tree. Reading one article reads the root and
one or two shards, whatever the number of articles.

Crash safety: a run writes the shards it changed under a new generation first, the root last,
then deletes the other generations (a reader that read the previous root reads the newer ones).
A shard newer than the root is used (its rows come from commits on the branch; catching up skips
a version already there); a shard the root lists but whose file is gone or older is lost: the
cache is rebuilt from history.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.store.files import write_atomic
from tracker.store.identity import key_hash, normalise_url
from tracker.store.layout import content_hash
from tracker.store.objects import ObjectStore

INDEX_FORMAT = 2
CACHE_FOLDER = "tracker-index"
OLD_CACHE = "tracker-index.json"  # format 1: one document for the whole store
_ROOT = "root.json"

Entry = dict[str, Any]


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One recorded version of an article."""

    version: int
    revision: str
    seen: str
    title: str
    reextract: bool = False
    flip_flop_of: int | None = None
    folder: str | None = None  # the id of the article folder's tree in `revision`
    archive: str | None = None  # the web archive it was imported from, if it was

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "revision": self.revision,
            "seen": self.seen,
            "title": self.title,
            "reextract": self.reextract,
            "flip_flop_of": self.flip_flop_of,
            "archive": self.archive,
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


class _Lost(Exception):
    """A shard the root lists is gone: the cache must be rebuilt from history."""


class ArticleIndex:
    """The cache, its shards read when first needed.

    An entry is {"path", "url", "title", "raw" (blob id of the page last seen), "page" (that of
    the last version's raw.html), "content" (hash of the last version), "versions": [[revision,
    seen, title, content hash, marks, folder], ...]}. `folder` is the id of the article folder's
    tree in that revision, so reading a version is a few object lookups whatever the size of the
    store (caches written before it was kept lack it; `fill_folders` adds it).
    """

    def __init__(self, folder: Path | None = None, root: dict[str, Any] | None = None) -> None:
        self.folder = folder
        self.root: dict[str, Any] = root or {
            "format": INDEX_FORMAT, "head": None, "worktree": None, "shards": {}
        }  # fmt: skip
        self._shards: dict[str, dict[str, Any]] = {}
        self._changed: set[str] = set()
        self._root_changed = root is None
        self._history: tuple[ObjectStore, bytes] | None = None

    @property
    def dirty(self) -> bool:
        """Whether it changed since it was read: worth writing back."""
        return self._root_changed or bool(self._changed)

    # -- reading and writing the files -----------------------------------------------------

    @classmethod
    def load(cls, git_dir: Path) -> ArticleIndex:
        """The cache of the repository at `git_dir`: an empty one (rebuilt by `catch_up`) when
        it is missing, unreadable, of another format or has lost a shard; a cache of format 1
        is read and split (written in the new form by the next writer)."""
        folder = git_dir / CACHE_FOLDER
        try:
            root = json.loads((folder / _ROOT).read_bytes())
        except (OSError, ValueError):
            return _from_old(git_dir / OLD_CACHE, folder)
        if not isinstance(root, dict) or root.get("format") != INDEX_FORMAT:
            return cls(folder)
        index = cls(folder, root)
        found = _generations(folder)
        for name, (generation, *_) in root["shards"].items():
            if max(found.get(name, [-1])) < generation:
                return cls(folder)
        return index

    def save(self) -> None:
        """Write the changed shards, then the root, then drop superseded generations."""
        if not self.dirty or self.folder is None:
            return
        self.folder.mkdir(exist_ok=True)
        found = _generations(self.folder)
        listed = self.root["shards"]
        for name in sorted(self._changed):
            shard = self._shards[name]
            generation = max([listed.get(name, [0])[0], *found.get(name, [])]) + 1
            data = json.dumps(shard, ensure_ascii=False).encode("utf-8")
            write_atomic(self.folder / f"{name}.{generation}.json", data)
            versions = sum(len(e["versions"]) for e in shard["articles"].values())
            listed[name] = [generation, len(shard["articles"]), versions]
        write_atomic(self.folder / _ROOT, json.dumps(self.root).encode("utf-8"))
        for name, generations in found.items():  # a reader of the old root reads the new ones
            keep = listed.get(name, [None])[0]
            for generation in generations:
                if generation != keep:
                    (self.folder / f"{name}.{generation}.json").unlink(missing_ok=True)
        (self.folder.parent / OLD_CACHE).unlink(missing_ok=True)
        self._changed.clear()
        self._root_changed = False

    def _shard(self, name: str) -> dict[str, Any]:
        shard = self._shards.get(name)
        if shard is not None:
            return shard
        listed = self.root["shards"].get(name)
        if listed is None or self.folder is None:
            shard = {"articles": {}, "aliases": {}}
        else:
            try:
                shard = _read_shard(self.folder, name, listed[0])
            except _Lost:
                self._rebuild()
                return self._shard(name)
        self._shards[name] = shard
        return shard

    def _rebuild(self) -> None:
        """Replace this cache by one built from the whole history (a shard was lost)."""
        if self._history is None:
            raise _Lost(self.folder)
        fresh = ArticleIndex(self.folder).catch_up(*self._history)
        self.root, self._shards = fresh.root, fresh._shards
        self._changed, self._root_changed = set(fresh._shards), True

    def _all(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for name in sorted({*self.root["shards"], *self._shards}):
            yield name, self._shard(name)

    # -- what it says ----------------------------------------------------------------------

    def entry(self, key: str) -> Entry | None:
        """The cached entry of the article `key`, or None."""
        found: Entry | None = self._shard(key_hash(key)[:2])["articles"].get(key)
        return found

    def keys(self) -> list[str]:
        """Every article's key, sorted (reads every shard)."""
        return sorted(key for _, shard in self._all() for key in shard["articles"])

    def entries(self) -> Iterator[Entry]:
        """Every article's entry (reads every shard)."""
        for _, shard in self._all():
            yield from shard["articles"].values()

    def counts(self) -> tuple[int, int]:
        """(articles, versions), from the root for the shards not read."""
        articles = versions = 0
        for name in {*self.root["shards"], *self._shards}:
            if name in self._shards:
                entries = self._shards[name]["articles"].values()
                articles += len(entries)
                versions += sum(len(e["versions"]) for e in entries)
            else:
                articles += self.root["shards"][name][1]
                versions += self.root["shards"][name][2]
        return articles, versions

    def reflects(self, name: str, commit: bytes | None) -> bool:
        """Whether the "head" or "worktree" field names `commit`."""
        return commit is not None and self.root.get(name) == commit.hex()

    def set(self, name: str, commit: bytes) -> None:
        self.root[name] = commit.hex()
        self._root_changed = True

    def resolve(self, url: str) -> str | None:
        """The key of the article known under `url` (its key or a source URL seen before)."""
        for candidate in dict.fromkeys((url, normalise_url(url))):
            shard = self._shard(key_hash(candidate)[:2])
            if candidate in shard["articles"]:
                return candidate
            if candidate in shard["aliases"]:
                return str(shard["aliases"][candidate])
        return None

    def tracked(self, key: str) -> TrackedArticle:
        entry = self.entry(key)
        if entry is None:
            raise KeyError(key)
        versions = tuple(_version_info(n, row) for n, row in enumerate(entry["versions"], 1))
        return TrackedArticle(
            key=key, path=entry["path"], url=entry["url"], title=entry["title"], versions=versions
        )

    # -- changes ---------------------------------------------------------------------------

    def _touch(self, key: str) -> None:
        self._changed.add(key_hash(key)[:2])

    def note_raw(self, key: str, raw: str) -> None:
        """Remember the blob id of the page last seen for the article `key` (text unchanged)."""
        entry = self.entry(key)
        if entry is not None and entry.get("raw") != raw:
            entry["raw"] = raw
            self._touch(key)

    def alias(self, source_url: str, key: str) -> None:
        """Remember that `source_url` leads to the article `key`."""
        normalised = normalise_url(source_url)
        aliases = self._shard(key_hash(normalised)[:2])["aliases"]
        if normalised != key and aliases.get(normalised) != key:
            aliases[normalised] = key
            self._touch(normalised)

    def move(self, key: str, path: str) -> None:
        """The article `key`'s folder is now at `path` (the layout changed)."""
        entry = self.entry(key)
        if entry is not None and entry["path"] != path:
            entry["path"] = path
            self._touch(key)

    def note_version(
        self, key: str, path: str, meta: Mapping[str, Any], revision: str, raw: str | None,
        content: str, folder: bytes,
    ) -> None:  # fmt: skip
        """Add a version of the article `key` recorded in the commit `revision`, whose folder
        is the tree `folder` (nothing when that revision is already there)."""
        articles = self._shard(key_hash(key)[:2])["articles"]
        entry = articles.setdefault(key, {"path": path, "versions": []})
        if any(row[0] == revision for row in entry["versions"]):
            return
        entry.update(
            path=path, url=meta.get("url") or key, title=meta.get("title") or "", raw=raw,
            page=raw, content=content,
        )  # fmt: skip
        marks = {n: meta[n] for n in ("reextract", "flip_flop_of", "archive") if meta.get(n)}
        row = [revision, meta.get("seen") or "", meta.get("title") or "", content, marks,
               folder.hex()]  # fmt: skip
        entry["versions"].append(row)
        self._touch(key)

    def missing_folders(self) -> bool:
        """Whether some version lacks its folder's tree id (a cache of an older tracker)."""
        return any(len(row) < 6 for entry in self.entries() for row in entry["versions"])

    def fill_folders(self, objects: ObjectStore) -> None:
        """Add the folder tree id to every version lacking it, reading each revision's tree of
        a host once."""
        hosts: dict[tuple[str, str], dict[str, tuple[int, bytes]]] = {}
        for name, shard in self._all():
            for entry in shard["articles"].values():
                base, _, folder_name = entry["path"].rpartition("/")
                for row in entry["versions"]:
                    if len(row) >= 6:
                        continue
                    if (row[0], base) not in hosts:
                        tree = objects.tree_at(objects.commit_tree(bytes.fromhex(row[0])), base)
                        hosts[row[0], base] = objects.read_tree(tree) if tree else {}
                    folder = hosts[row[0], base].get(folder_name)
                    if folder is None:
                        continue  # read() reports the damage when this version is asked for
                    row += [None, {}][len(row) - 3 :] if len(row) < 5 else []
                    row.append(folder[1].hex())
                    self._changed.add(name)

    def catch_up(self, objects: ObjectStore, head: bytes | None) -> ArticleIndex:
        """This cache with the commits made since the one it reflects (a new cache built from
        the whole history when the branch no longer holds that commit)."""
        self._history = (objects, head) if head is not None else None
        if head is None or self.reflects("head", head):
            return self
        missed: list[bytes] = []
        commit: bytes | None = head
        while commit is not None and commit.hex() != self.root["head"]:
            missed.append(commit)
            commit = objects.parent(commit)
        if commit is None and self.root["head"] is not None:
            return ArticleIndex(self.folder).catch_up(objects, head)
        for sha in reversed(missed):
            self._index_commit(objects, sha)
        self.set("head", head)
        return self

    def _index_commit(self, objects: ObjectStore, sha: bytes) -> None:
        parent = objects.parent(sha)
        old_root = objects.commit_tree(parent) if parent else None
        for path, folder in objects.changed_folders(old_root, objects.commit_tree(sha)):
            files = objects.read_tree(folder)
            if "meta.json" not in files or "article.txt" not in files:
                continue
            meta = json.loads(objects.read(files["meta.json"][1]))
            key = meta["identity"]
            entry = self.entry(key)
            if entry and entry["versions"] and entry["versions"][-1][5:6] == [folder.hex()]:
                self.move(key, path)  # the same folder elsewhere: the layout changed
                continue
            text = objects.read(files["article.txt"][1]).decode("utf-8")
            raw = files["raw.html"][1].hex() if "raw.html" in files else None
            self.note_version(key, path, meta, sha.hex(), raw, content_hash(text, meta), folder)


def _generations(folder: Path) -> dict[str, list[int]]:
    """The generations of each shard found in `folder`: {ab: [generation, ...]}."""
    found: dict[str, list[int]] = {}
    try:
        names = [path.name for path in folder.iterdir()]
    except OSError:
        return found
    for name in names:
        shard, _, rest = name.partition(".")
        generation = rest.removesuffix(".json")
        if len(shard) == 2 and rest.endswith(".json") and generation.isdigit():
            found.setdefault(shard, []).append(int(generation))
    return found


def _read_shard(folder: Path, name: str, generation: int) -> dict[str, Any]:
    """The shard `name` of `generation` (or a newer one, written since the root was read)."""
    for candidate in [generation, *sorted(_generations(folder).get(name, []), reverse=True)]:
        if candidate < generation:
            break
        try:
            shard = json.loads((folder / f"{name}.{candidate}.json").read_bytes())
        except FileNotFoundError:
            continue
        except ValueError:
            break
        if isinstance(shard, dict) and {"articles", "aliases"} <= shard.keys():
            return shard
        break
    raise _Lost(name)


def _from_old(path: Path, folder: Path) -> ArticleIndex:
    """The format-1 cache at `path` split into shards (all to be written), or an empty cache."""
    index = ArticleIndex(folder)
    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return index
    if not isinstance(document, dict) or document.get("format") != 1:
        return index
    for field in ("head", "worktree"):
        index.root[field] = document.get(field)
    for key, entry in document.get("articles", {}).items():
        index._shard(key_hash(key)[:2])["articles"][key] = entry
        index._touch(key)
    for url, key in document.get("aliases", {}).items():
        index._shard(key_hash(url)[:2])["aliases"][url] = key
        index._touch(url)
    return index


def _version_info(number: int, row: list[Any]) -> VersionInfo:
    """One cached index row: [revision, seen, title, content hash, marks, folder] (older caches:
    3 or 5)."""
    marks = row[4] if len(row) > 4 and isinstance(row[4], dict) else {}
    folder = row[5] if len(row) > 5 and isinstance(row[5], str) else None
    return VersionInfo(
        version=number,
        revision=row[0],
        seen=row[1],
        title=row[2],
        reextract=bool(marks.get("reextract")),
        flip_flop_of=marks.get("flip_flop_of"),
        archive=marks.get("archive"),
        folder=folder,
    )
