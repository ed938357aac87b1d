"""The snapshot store's version cache: `.git/tracker-index.json`.

Part of the store (`tracker.store`). The cache lists every article's versions and the commit it
reflects (`head`), plus the commit the store folder's files were last brought up to
(`worktree`). When `head` is not the branch head (a run was killed after moving the ref) the
cache catches up from the commits it missed; when the branch no longer contains it, the cache is
rebuilt from the whole history.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.store.identity import normalise_url
from tracker.store.layout import content_hash
from tracker.store.objects import ObjectStore

INDEX_FORMAT = 1


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


class ArticleIndex:
    """The cache's document: {"format", "head", "worktree", "articles": {key: entry}, "aliases"}.

    An entry is {"path", "url", "title", "raw" (blob id of the page last seen), "content" (hash
    of the last version), "versions": [[revision, seen, title, content hash, marks, folder],
    ...]}. `folder` is the id of the article folder's tree in that revision, so reading a version
    is a few object lookups whatever the size of the store (caches written before it was kept
    lack it; `fill_folders` adds it).
    """

    def __init__(self, document: dict[str, Any] | None = None) -> None:
        self.document = document or {
            "format": INDEX_FORMAT, "head": None, "articles": {}, "aliases": {}
        }  # fmt: skip
        self.articles: dict[str, dict[str, Any]] = self.document["articles"]
        self.dirty = document is None  # changed since it was read: worth writing back

    @classmethod
    def load(cls, path: Path) -> ArticleIndex:
        """The cache at `path`; an empty one when it is missing, unreadable or of another format."""
        try:
            document = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(document, dict) or document.get("format") != INDEX_FORMAT:
            return cls()
        return cls(document)

    def to_bytes(self) -> bytes:
        return json.dumps(self.document, ensure_ascii=False).encode("utf-8")

    def reflects(self, name: str, commit: bytes | None) -> bool:
        """Whether the "head" or "worktree" field names `commit`."""
        return commit is not None and self.document.get(name) == commit.hex()

    def set(self, name: str, commit: bytes) -> None:
        self.document[name] = commit.hex()
        self.dirty = True

    def note_raw(self, key: str, raw: str) -> None:
        """Remember the blob id of the page last seen for the article `key` (text unchanged)."""
        entry = self.articles[key]
        if entry.get("raw") != raw:
            entry["raw"] = raw
            self.dirty = True

    def resolve(self, url: str) -> str | None:
        """The key of the article known under `url` (its key or a source URL seen before)."""
        aliases = self.document["aliases"]
        for candidate in (url, normalise_url(url)):
            if candidate in self.articles:
                return candidate
            if candidate in aliases:
                return str(aliases[candidate])
        return None

    def alias(self, source_url: str, key: str) -> None:
        """Remember that `source_url` leads to the article `key`."""
        normalised = normalise_url(source_url)
        if normalised != key and self.document["aliases"].get(normalised) != key:
            self.document["aliases"][normalised] = key
            self.dirty = True

    def tracked(self, key: str) -> TrackedArticle:
        entry = self.articles[key]
        versions = tuple(_version_info(n, row) for n, row in enumerate(entry["versions"], 1))
        return TrackedArticle(
            key=key, path=entry["path"], url=entry["url"], title=entry["title"], versions=versions
        )

    def note_version(
        self, key: str, path: str, meta: Mapping[str, Any], revision: str, raw: str | None,
        content: str, folder: bytes,
    ) -> None:  # fmt: skip
        """Add a version of the article `key` recorded in the commit `revision`, whose folder
        is the tree `folder`."""
        entry = self.articles.setdefault(key, {"path": path, "versions": []})
        entry.update(
            url=meta.get("url") or key, title=meta.get("title") or "", raw=raw, content=content
        )
        marks = {n: meta[n] for n in ("reextract", "flip_flop_of", "archive") if meta.get(n)}
        row = [revision, meta.get("seen") or "", meta.get("title") or "", content, marks,
               folder.hex()]  # fmt: skip
        entry["versions"].append(row)
        self.dirty = True

    def missing_folders(self) -> bool:
        """Whether some version lacks its folder's tree id (a cache of an older tracker)."""
        return any(len(row) < 6 for entry in self.articles.values() for row in entry["versions"])

    def fill_folders(self, objects: ObjectStore) -> None:
        """Add the folder tree id to every version lacking it, reading each revision's tree of
        a host once."""
        hosts: dict[tuple[str, str], dict[str, tuple[int, bytes]]] = {}
        for entry in self.articles.values():
            base, _, name = entry["path"].rpartition("/")
            for row in entry["versions"]:
                if len(row) >= 6:
                    continue
                if (row[0], base) not in hosts:
                    tree = objects.tree_at(objects.commit_tree(bytes.fromhex(row[0])), base)
                    hosts[row[0], base] = objects.read_tree(tree) if tree else {}
                folder = hosts[row[0], base].get(name)
                if folder is None:
                    continue  # read() reports the damage when this version is asked for
                row += [None, {}][len(row) - 3 :] if len(row) < 5 else []
                row.append(folder[1].hex())
                self.dirty = True

    def catch_up(self, objects: ObjectStore, head: bytes | None) -> ArticleIndex:
        """This cache with the commits made since the one it reflects (a new cache built from
        the whole history when the branch no longer holds that commit)."""
        if head is None or self.reflects("head", head):
            return self
        missed: list[bytes] = []
        commit: bytes | None = head
        while commit is not None and commit.hex() != self.document["head"]:
            missed.append(commit)
            commit = objects.parent(commit)
        if commit is None and self.document["head"] is not None:
            return ArticleIndex().catch_up(objects, head)
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
            text = objects.read(files["article.txt"][1]).decode("utf-8")
            raw = files["raw.html"][1].hex() if "raw.html" in files else None
            self.note_version(
                meta["identity"], path, meta, sha.hex(), raw, content_hash(text, meta), folder
            )


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
