"""The snapshot store's folder: the repository, its lock, leftovers and the checked-out files.

Part of the store (`tracker.store`), the only layer that touches git.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import subprocess
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import git  # noqa: TID251 - part of the store

from tracker.errors import SnapshotNotFound, StoreCorrupt, StoreLocked, StoreWriteFailed

STORE_FORMAT = 2  # 1: article folders directly under their host (migrated when opened)
FORMAT_FILE = ".tracker-store"
_LOCK = "tracker.lock"

# Files kept beside the snapshots, never committed (the watch list changes on every run).
WATCHLIST_FILE = "watchlist.json"
_UNTRACKED = (WATCHLIST_FILE, f".{WATCHLIST_FILE}.*.tmp")

# A folder holding only these counts as empty: a new store may be created in it.
_EMPTY_STORE_NAMES = frozenset({".git", ".gitkeep", ".keep"})

_WRITERS, _THREADED_FROM = 2, 16
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC


# Variables that point git at another repository, work tree, index or object folder (set by a
# git hook, or left in a shell): the store's git calls always mean the store itself.
_REPOSITORY_VARIABLES = frozenset({
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_PREFIX",
})  # fmt: skip
_NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT})


def git_environment() -> dict[str, str]:
    """The environment for the store's git processes: this one without `_REPOSITORY_VARIABLES`."""
    return {k: v for k, v in os.environ.items() if k not in _REPOSITORY_VARIABLES}


@contextlib.contextmanager
def disk_errors(root: Path) -> Iterator[None]:
    """Turn an OSError while writing the store at `root` into StoreWriteFailed, saying what to
    do: free space for a full disk or quota, check the folder otherwise."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno in _NO_SPACE:
            advice = "free space on its disk and run tracker again"
        else:
            advice = "check that the folder is writable and its disk healthy, then run again"
        raise StoreWriteFailed(
            f"cannot write to the store {root}/: {reason}; nothing more of this run was "
            f"recorded; {advice}"
        ) from None


def needs_creating(root: Path, create: bool) -> bool:
    """Whether `root` is a new or empty folder (SnapshotNotFound then, unless `create`);
    StoreCorrupt when it holds something other than a store."""
    if _has_store(root):
        return False
    if not create:
        raise SnapshotNotFound(
            f"no snapshot store at {root}/; run 'tracker snapshot URL' to start one"
        )
    return True


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


def init_repository(root: Path) -> git.Repo:
    """A new repository on branch `main` at `root`, ignoring the files kept beside snapshots."""
    with disk_errors(root):
        root.mkdir(parents=True, exist_ok=True)
    command = ["git", "init", "-q", "--initial-branch=main", str(root)]
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env=git_environment())  # fmt: skip
    if done.returncode:
        raise StoreWriteFailed(f"cannot create a store at {root}/: {done.stderr.strip()}")
    repo = git.Repo(root)
    exclude = Path(repo.git_dir) / "info" / "exclude"
    exclude.parent.mkdir(parents=True, exist_ok=True)
    with exclude.open("a", encoding="utf-8") as f:
        f.write("\n".join(sorted(_EMPTY_STORE_NAMES - {".git"}) + list(_UNTRACKED)) + "\n")
    return repo


def open_repository(root: Path) -> git.Repo:
    """The store's repository, after checking its format file."""
    try:
        repo = git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise StoreCorrupt(
            f"{root}/ has a {FORMAT_FILE} file but is not a git repository; "
            "restore its .git folder or start a new store"
        ) from None
    store_format(root)
    return repo


def store_format(root: Path) -> int:
    """The format the store at `root` says it has: STORE_FORMAT, or 1 (to migrate);
    StoreCorrupt for an unreadable format file or a format this tracker does not know."""
    try:
        fmt = json.loads((root / FORMAT_FILE).read_text("utf-8"))["format"]
    except (OSError, ValueError, KeyError, TypeError):
        raise StoreCorrupt(
            f'{root}/{FORMAT_FILE} is unreadable; it should hold {{"format": {STORE_FORMAT}}}'
        ) from None
    if fmt not in (1, STORE_FORMAT):
        raise StoreCorrupt(
            f"{root}/ is a store of format {fmt}; this tracker reads formats 1 and "
            f"{STORE_FORMAT}: use a newer tracker"
        )
    return int(fmt)


@contextlib.contextmanager
def locked(git_dir: Path, wait: float) -> Iterator[None]:
    """Hold the store's lock, waiting up to `wait` seconds (StoreLocked after that)."""
    with (git_dir / _LOCK).open("a+") as handle:
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


def remove_leftovers(git_dir: Path) -> None:
    """Delete temporary files a killed run may have left (safe: the lock is held)."""
    pack = git_dir / "objects" / "pack"
    leftovers = [*git_dir.glob(".*.tmp"), *git_dir.glob("tracker-index/.*.tmp")]
    leftovers += [*pack.glob("pack[!-]*"), *pack.glob("index*")]
    leftovers += [p for p in pack.glob("pack-*.pack") if not p.with_suffix(".idx").exists()]
    for leftover in [*leftovers, git_dir / "index.lock"]:
        leftover.unlink(missing_ok=True)


def run_git(root: Path, *args: str, stdin: str | None = None) -> None:
    """Run one git command in the store; its failure means the store cannot be updated."""
    done = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True,
                          text=True, check=False, env=git_environment())  # fmt: skip
    if done.returncode:
        raise StoreWriteFailed(
            f"the versions are recorded, but the checked-out files of {root}/ could not be "
            f"updated ({done.stderr.strip()}); free space if its disk is full, or run "
            f"'git -C {root} fsck'; the next tracker run updates them"
        )


# Compaction: objects are written undeltified, one pack per commit; git finds the deltas between
# an article's versions. git pairs objects for its delta search by a hash of the last 16
# characters of their path, and `.../<slug>-<hash>/article.txt` keeps only 4 digits of the
# article's hash there: at thousands of articles, versions of different articles share a bucket
# and an article's versions fall out of the delta window (at 10,000 articles most article.txt
# blobs stayed whole). The full repack names each object `<file>/<hash>` for that search, so
# every file of every article has a bucket of its own.
_REPACK_SHARE = 0.25  # everything into one pack once the newer packs hold this share of the oldest
_REPACK_FLOOR = 1 << 18  # ... and at least this many bytes
_MERGE_PACKS = 24  # merge the small packs geometrically once there are this many
FULL_REPACK = ["pack-objects"]
# git's memory for a repack: one thread, small caches and small windows into the pack files
# (a window is resident memory once read; git's defaults map up to gigabytes).
_GIT_MEMORY = (
    "pack.threads=1", "pack.deltaCacheSize=8m", "pack.windowMemory=32m",
    "core.deltaBaseCacheLimit=8m", "core.packedGitWindowSize=1m", "core.packedGitLimit=16m",
    "gc.autoDetach=false",
)  # fmt: skip


def pack_sizes(git_dir: Path) -> list[int]:
    """The sizes of the repository's pack files, largest first."""
    packs = (git_dir / "objects" / "pack").glob("pack-*.pack")
    return sorted((p.stat().st_size for p in packs if p.with_suffix(".idx").exists()), reverse=True)


def compaction(sizes: list[int]) -> list[str] | None:
    """What the packs of `sizes` (largest first) call for: FULL_REPACK, `git repack`
    arguments, or None.

    All packs become one delta-compressed pack when those written since the last full repack
    hold a quarter of the largest one's bytes (so the store stays near `git gc --aggressive`
    size and the repacks' total cost grows geometrically, linearly in the store's size); many
    small packs are merged geometrically (cheap: the large pack is left alone).
    """
    if len(sizes) < 2:
        return None
    if sum(sizes[1:]) >= max(_REPACK_FLOOR, _REPACK_SHARE * sizes[0]):
        return FULL_REPACK
    if len(sizes) >= _MERGE_PACKS:
        return ["repack", "-d", "-q", "--geometric=2"]
    return None


def compact(root: Path, git_dir: Path) -> bool:
    """Repack the store when `compaction` says so (hold the lock); whether it repacked.

    git writes the new pack before the old ones are deleted, so a run killed meanwhile leaves a
    valid store; a repack that fails leaves the packs as they were and is retried next time.
    """
    arguments = compaction(pack_sizes(git_dir))
    if arguments is None:
        return False
    if arguments == FULL_REPACK:
        return _repack_all(root, git_dir)
    done = subprocess.run(_git(root, *arguments), capture_output=True, check=False,
                          env=git_environment())  # fmt: skip
    return done.returncode == 0


def _git(root: Path, *arguments: str) -> list[str]:
    settings = [part for setting in _GIT_MEMORY for part in ("-c", setting)]
    return ["git", "-C", str(root), *settings, *arguments]


def _repack_all(root: Path, git_dir: Path) -> bool:
    """Every object reachable from the branches into one pack (`git pack-objects` fed by
    `git rev-list --objects --all`, each name rewritten by `_delta_name`), then the other packs
    and loose copies deleted: what `git repack -a -d` does, with deltas found per article."""
    pack_folder = git_dir / "objects" / "pack"
    before = {p.name for p in pack_folder.glob("pack-*.pack")}
    environment = git_environment()
    with subprocess.Popen(_git(root, "rev-list", "--objects", "--all"), stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, env=environment) as listing, \
         subprocess.Popen(_git(root, "pack-objects", "-q", "--non-empty", "--delta-base-offset",
                               str(pack_folder / "pack")),
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, env=environment) as packing:  # fmt: skip
        assert listing.stdout is not None
        assert packing.stdin is not None
        try:
            for line in listing.stdout:
                packing.stdin.write(_delta_name(line))
        except BrokenPipeError:
            pass
        finally:
            packing.stdin.close()
        assert packing.stdout is not None
        name = packing.stdout.read().decode().strip()
    if listing.returncode or packing.returncode or not name:
        return False
    for old in before - {f"pack-{name}.pack"}:
        for suffix in (".idx", ".rev", ".bitmap", ".pack"):  # the index first: git then ignores it
            (pack_folder / old).with_suffix(suffix).unlink(missing_ok=True)
    subprocess.run(_git(root, "prune-packed", "-q"), capture_output=True, check=False,
                   env=environment)  # fmt: skip
    return True


def _delta_name(line: bytes) -> bytes:
    """A `rev-list --objects` line with an article file's path `articles/.../<slug>-<hash>/<file>`
    named `<file>/<hash>` (other lines as they are)."""
    sha, _, path = line.rstrip(b"\n").partition(b" ")
    folder, _, name = path.rpartition(b"/")
    if not folder.startswith(b"articles/") or folder.count(b"/") < 2:
        return line
    return sha + b" " + name + b"/" + folder.rsplit(b"-", 1)[-1] + b"\n"


def write_folders(folders: Mapping[Path, Mapping[str, bytes]]) -> None:
    """Write each folder's files (name -> content), creating the folders as needed.

    Creating a file waits on the file system far longer than on Python, so a large batch is
    written by a few threads at once.
    """
    if len(folders) < _THREADED_FROM:
        for folder, files in folders.items():
            _write_files(folder, files)
        return
    with ThreadPoolExecutor(_WRITERS) as pool:
        for _ in pool.map(_write_files, folders, folders.values()):
            pass


def _write_files(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write `files` (name -> content) into `folder`, creating it when needed."""
    try:
        folder.mkdir(exist_ok=True)
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)
    where = os.fspath(folder)
    for name, data in files.items():
        handle = os.open(f"{where}/{name}", _NEW_FILE, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
        finally:
            os.close(handle)
