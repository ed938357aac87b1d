"""Git objects read and written in-process for the snapshot store (no git process per article).

Part of the store (`tracker.store`), the only layer that touches git. Objects made during a run
collect in memory; `ObjectStore.save` writes them as one pack file with its index, both under
temporary names first and renamed into place pack first, index last: git sees a pack only once
its index is there, so a run killed at any point leaves at most leftovers (see
`repo.remove_leftovers`). Reads go to the repository's loose and packed objects.
"""

from __future__ import annotations

import hashlib
import os
import struct
import zlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timezone
from pathlib import Path

from gitdb import GitDB  # type: ignore[import-untyped]
from gitdb.exc import BadObject  # type: ignore[import-untyped]
from gitdb.util import mman  # type: ignore[import-untyped]

from tracker.errors import StoreCorrupt
from tracker.store.identity import is_shard
from tracker.store.repo import disk_errors

BRANCH = "refs/heads/main"
TREE_MODE, BLOB_MODE = 0o40000, 0o100644
_AUTHOR = b"tracker <tracker@localhost>"
_TYPE_IDS = {b"commit": 1, b"tree": 2, b"blob": 3}
_ZERO = datetime(2000, 1, 1) - datetime(2000, 1, 1)

Entries = dict[str, tuple[int, bytes]]


def object_id(kind: bytes, data: bytes) -> bytes:
    """The binary id git gives an object of `kind` holding `data`."""
    return hashlib.sha1(b"%s %d\0" % (kind, len(data)) + data).digest()


def blob_id(data: bytes) -> str:
    """The git object id of a blob holding `data` (what raw.html is stored under)."""
    return object_id(b"blob", data).hex()


class ObjectStore:
    """The objects of one repository: reads from disk, writes held in memory until `save`."""

    def __init__(self, objects: Path) -> None:
        self._folder = objects
        self._db = GitDB(str(objects))
        self._fresh: dict[bytes, tuple[bytes, bytes]] = {}
        self._parsed: dict[bytes, Entries] = {}
        self._unsaved: list[bytes] = []

    def close(self) -> None:
        """Let go of the pack files: gitdb keeps every pack it read mapped (resident memory as
        large as the parts read, for as long as the process lives) until asked to unmap the
        ones no reader uses. Call it when the packs were replaced (after a repack); reads after
        it map what they need again."""
        self._db = GitDB(str(self._folder))
        mman.collect()

    def add(self, kind: bytes, data: bytes) -> bytes:
        """Add an object to those the next `save` packs; return its id."""
        sha = object_id(kind, data)
        if sha not in self._fresh:
            self._fresh[sha] = (kind, data)
            self._unsaved.append(sha)
        return sha

    def save(self) -> None:
        """Write the objects added since the last save as one pack file with its index.

        Saved objects leave memory (they are read back from the pack), except the trees and
        commit of this pack, which the run's next commit reads: memory stays bounded by one
        commit's objects however many commits a run makes. Parsed trees stay until `forget`:
        the writer keeps those of the branch head's paths it changed (the root, the host and
        shard trees), so its next commits do not read them back from the packs it wrote.
        """
        if not self._unsaved:
            return
        write_pack(self._folder / "pack", [(sha, *self._fresh[sha]) for sha in self._unsaved])
        kept = {sha: self._fresh[sha] for sha in self._unsaved if self._fresh[sha][0] != b"blob"}
        self._fresh = kept
        self._unsaved.clear()

    def read(self, sha: bytes) -> bytes:
        """The content of the object `sha` (StoreCorrupt when it is missing or damaged)."""
        if sha in self._fresh:
            return self._fresh[sha][1]
        try:
            return self._read_packed(sha)
        except (BadObject, OSError):  # packed (or repacked) since the packs were last listed
            self._db.update_cache(force=True)
            try:
                return self._read_packed(sha)
            except (BadObject, OSError):
                raise StoreCorrupt(
                    f"the store's git object {sha.hex()[:12]} is missing from {self._folder}; "
                    f"the store is damaged: run 'git -C {self._folder.parent.parent} fsck' "
                    "and restore it from a copy"
                ) from None

    def _read_packed(self, sha: bytes) -> bytes:
        """The object `sha` from the repository's files, checked against its id: a damaged
        pack (flipped bits, a cut file) is StoreCorrupt, never a zlib or gitdb traceback."""
        try:
            stream = self._db.stream(sha)
            kind, data = stream.type, stream.read()
            intact = object_id(kind, data) == sha
        except (BadObject, OSError):
            raise
        except Exception as error:  # noqa: BLE001 - gitdb's damaged-data errors have no common type
            raise StoreCorrupt(self._damaged(sha, error)) from None
        if not intact:
            raise StoreCorrupt(self._damaged(sha, None))
        return bytes(data)

    def missing(self, ids: Iterable[bytes]) -> list[bytes]:
        """Those of `ids` that are in no pack index, loose object or pending write: the objects
        a deleted pack took with it. Reads only the pack indexes, not the objects."""
        known = set(self._fresh)
        pack = self._folder / "pack"
        for index in pack.glob("pack-*.idx"):
            known.update(_index_ids(index))
        wanted = {sha for sha in ids if sha not in known}
        return [sha for sha in wanted
                if not (self._folder / sha.hex()[:2] / sha.hex()[2:]).is_file()]  # fmt: skip

    def _damaged(self, sha: bytes, error: Exception | None) -> str:
        kind = type(error)
        name = (
            kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"
        )
        why = f" ({name}: {error})" if error else " (its content does not match its id)"
        return (
            f"the store's git object {sha.hex()[:12]} in {self._folder} is damaged{why}; "
            f"run 'git -C {self._folder.parent.parent} fsck' to see what is broken, and "
            "restore the store from a copy"
        )

    def remember_tree(self, sha: bytes, entries: Mapping[str, tuple[int, bytes]]) -> None:
        """Keep the entries of the added tree `sha` parsed until `forget`: the run's next
        commits read the trees it just wrote without parsing them again."""
        if sha in self._fresh:
            self._parsed[sha] = dict(entries)

    def forget(self, sha: bytes) -> None:
        """Drop the parsed entries of the tree `sha` (a newer tree replaced it)."""
        self._parsed.pop(sha, None)

    def read_tree(self, sha: bytes) -> Entries:
        """A tree's entries: name -> (mode, id) (a new dict: the caller may change it)."""
        parsed = self._parsed.get(sha)
        return dict(parsed) if parsed is not None else parse_tree(self.read(sha))

    def tree_at(self, tree: bytes | None, path: str) -> bytes | None:
        """The id of the tree at `path` ("a/b/c") under `tree`, or None when it is absent."""
        for part in path.split("/"):
            if tree is None:
                return None
            tree = self.read_tree(tree).get(part, (0, None))[1]
        return tree

    def commit_tree(self, sha: bytes) -> bytes:
        """The root tree of the commit `sha`."""
        return bytes.fromhex(self._commit_fields(sha)[0].split(b" ")[1].decode())

    def parent(self, sha: bytes) -> bytes | None:
        """The first parent of the commit `sha` (None for the first commit)."""
        parents = [f for f in self._commit_fields(sha) if f.startswith(b"parent ")]
        return bytes.fromhex(parents[0][7:].decode()) if parents else None

    def _commit_fields(self, sha: bytes) -> list[bytes]:
        return self.read(sha).split(b"\n\n", 1)[0].split(b"\n")

    def changed_folders(self, old: bytes | None, new: bytes) -> Iterator[tuple[str, bytes]]:
        """(path, tree) of every article folder that differs between two root trees, in either
        layout: `articles/<host>/<ab>/<folder>` or (format 1) `articles/<host>/<folder>`."""
        old_articles = self.tree_at(old, "articles") if old else None
        new_articles = self.tree_at(new, "articles")
        if new_articles is None or new_articles == old_articles:
            return
        old_hosts = self.read_tree(old_articles) if old_articles else {}
        for host, (_, host_sha) in self.read_tree(new_articles).items():
            old_host = old_hosts.get(host, (0, b""))[1]
            yield from self._changed_below(f"articles/{host}", old_host, host_sha, shards=True)

    def _changed_below(
        self, path: str, old: bytes, new: bytes, *, shards: bool
    ) -> Iterator[tuple[str, bytes]]:
        if old == new:
            return
        before = self.read_tree(old) if old else {}
        for name, (mode, folder) in self.read_tree(new).items():
            was = before.get(name, (0, b""))[1]
            if was == folder or mode != TREE_MODE:
                continue
            if shards and is_shard(name):
                yield from self._changed_below(f"{path}/{name}", was, folder, shards=False)
            else:
                yield f"{path}/{name}", folder


def parse_tree(data: bytes) -> Entries:
    """A tree object's entries: name -> (mode, id)."""
    entries: Entries = {}
    at, end = 0, len(data)
    try:
        while at < end:
            space = data.index(b" ", at)
            nul = data.index(b"\0", space)
            entries[data[space + 1 : nul].decode()] = (
                int(data[at:space], 8),
                data[nul + 1 : nul + 21],
            )
            at = nul + 21
    except ValueError:
        raise StoreCorrupt(
            "a tree object of the store is damaged; check it with 'git fsck'"
        ) from None
    return entries


def tree_data(entries: Mapping[str, tuple[int, bytes]]) -> bytes:
    """A tree object's content, entries in git's order (a folder sorts as if named 'name/')."""

    def order(name: str) -> bytes:
        return name.encode() + (b"/" if entries[name][0] == TREE_MODE else b"")

    return b"".join(
        b"%o %s\0%s" % (entries[n][0], n.encode(), entries[n][1])
        for n in sorted(entries, key=order)
    )


def commit_data(tree: bytes, parent: bytes | None, seen: datetime, message: str) -> bytes:
    """A commit object's content, authored and committed by tracker at `seen`."""
    stamp = _git_time(seen)
    lines = [b"tree " + tree.hex().encode()]
    if parent:
        lines.append(b"parent " + parent.hex().encode())
    lines += [b"author " + _AUTHOR + b" " + stamp, b"committer " + _AUTHOR + b" " + stamp]
    return b"\n".join(lines) + b"\n\n" + message.encode() + b"\n"


def _git_time(moment: datetime) -> bytes:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    offset = int((moment.utcoffset() or _ZERO).total_seconds() // 60)
    sign = "+" if offset >= 0 else "-"
    hours, minutes = divmod(abs(offset), 60)
    return f"{int(moment.timestamp())} {sign}{hours:02d}{minutes:02d}".encode()


# -- pack files ----------------------------------------------------------------------------


def write_pack(folder: Path, objects: list[tuple[bytes, bytes, bytes]]) -> None:
    """Write (id, kind, data) objects, undeltified, as a pack file and its version-2 index."""
    pack = bytearray(b"PACK" + struct.pack(">LL", 2, len(objects)))
    rows: list[tuple[bytes, int, int]] = []
    for sha, kind, data in objects:
        entry = _object_header(_TYPE_IDS[kind], len(data)) + zlib.compress(data, 1)
        rows.append((sha, zlib.crc32(entry), len(pack)))
        pack += entry
    pack += hashlib.sha1(pack).digest()
    name = f"pack-{pack[-20:].hex()}"
    temporary = (folder / f"pack{os.getpid()}.tmp", folder / f"index{os.getpid()}.tmp")
    with disk_errors(folder.parent.parent.parent):
        try:
            temporary[0].write_bytes(pack)
            temporary[1].write_bytes(_pack_index(rows, bytes(pack[-20:])))
            temporary[0].replace(folder / f"{name}.pack")
            temporary[1].replace(folder / f"{name}.idx")
        except BaseException:
            for path in temporary:
                path.unlink(missing_ok=True)
            if not (folder / f"{name}.idx").exists():  # a pack git cannot see without its index
                (folder / f"{name}.pack").unlink(missing_ok=True)
            raise


def _index_ids(index: Path) -> list[bytes]:
    """The object ids a version-2 pack index lists."""
    data = index.read_bytes()
    if data[:8] != b"\377tOc\0\0\0\2" or len(data) < 1032:
        raise StoreCorrupt(
            f"{index} is damaged; run 'git -C {index.parents[3]} fsck' and restore the store "
            "from a copy"
        )
    count = struct.unpack(">L", data[1028:1032])[0]
    return [data[at : at + 20] for at in range(1032, 1032 + 20 * count, 20)]


def _object_header(type_id: int, size: int) -> bytes:
    header = bytearray()
    byte, size = (type_id << 4) | (size & 0x0F), size >> 4
    while size:
        header.append(byte | 0x80)
        byte, size = size & 0x7F, size >> 7
    header.append(byte)
    return bytes(header)


def _pack_index(rows: list[tuple[bytes, int, int]], pack_id: bytes) -> bytes:
    rows.sort()
    fanout = [0] * 256
    for sha, _, _ in rows:
        fanout[sha[0]] += 1
    for n in range(1, 256):
        fanout[n] += fanout[n - 1]
    large = [offset for _, _, offset in rows if offset >= 1 << 31]
    small = [offset if offset < 1 << 31 else 0x80000000 | large.index(offset)
             for _, _, offset in rows]  # fmt: skip
    count = len(rows)
    index = b"".join([
        b"\377tOc", struct.pack(">L", 2), struct.pack(">256L", *fanout),
        *(sha for sha, _, _ in rows), struct.pack(f">{count}L", *(crc for _, crc, _ in rows)),
        struct.pack(f">{count}L", *small), struct.pack(f">{len(large)}Q", *large), pack_id,
    ])  # fmt: skip
    return index + hashlib.sha1(index).digest()


def read_head(git_dir: Path) -> bytes | None:
    """The commit the branch points to, read without starting a git process."""
    try:
        return bytes.fromhex((git_dir / BRANCH).read_text().strip())
    except FileNotFoundError:
        pass
    except ValueError:
        raise StoreCorrupt(f"{git_dir / BRANCH} is damaged; restore it from the reflog") from None
    packed = git_dir / "packed-refs"
    lines = packed.read_text().splitlines() if packed.exists() else []
    match = [line.split()[0] for line in lines if line.endswith(" " + BRANCH)]
    return bytes.fromhex(match[0]) if match else None
