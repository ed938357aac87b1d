"""The store's in-process git layer: pack files git reads, and files left alone when unchanged."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tracker.models import Article
from tracker.store.identity import article_identity
from tracker.store.objects import ObjectStore, blob_id, object_id, write_pack
from tracker.store.store import Snapshot, Store

T0 = datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc)
URL = "https://example.com/news/budget-vote"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def _repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


def test_blob_id_is_what_git_computes(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(b"caf\xc3\xa9\n")
    expected = subprocess.run(
        ["git", "hash-object", str(tmp_path / "f")], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert blob_id(b"caf\xc3\xa9\n") == expected


def test_written_pack_passes_verify_pack(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    blobs = [b"", b"short", b"x" * 100_000]
    write_pack(
        repo / ".git" / "objects" / "pack", [(object_id(b"blob", b), b"blob", b) for b in blobs]
    )
    (idx,) = (repo / ".git" / "objects" / "pack").glob("pack-*.idx")
    assert _git(repo, "verify-pack", "-v", str(idx)).count(" blob ") == 3


def test_git_reads_every_packed_object_back(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    blobs = {object_id(b"blob", b).hex(): b for b in (b"one\n", b"two\n" * 5000)}
    write_pack(
        repo / ".git" / "objects" / "pack",
        [(bytes.fromhex(k), b"blob", v) for k, v in blobs.items()],
    )
    for sha, data in blobs.items():
        assert _git(repo, "cat-file", "blob", sha) == data.decode()


def test_saved_objects_are_read_back_from_the_pack(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    objects = ObjectStore(repo / ".git" / "objects")
    sha = objects.add(b"blob", b"kept on disk")
    objects.save()
    assert list((repo / ".git" / "objects" / "pack").glob("pack-*.pack"))
    assert objects.read(sha) == b"kept on disk"
    assert ObjectStore(repo / ".git" / "objects").read(sha) == b"kept on disk"


def _snapshot(paragraph: str, raw: bytes, at: datetime) -> Snapshot:
    article = Article(title="Council approves budget", authors=["Ann Lee"], published=None,
                      modified=None, paragraphs=[paragraph])  # fmt: skip
    return Snapshot(article_identity(URL), article, raw, at)


def test_a_new_version_leaves_an_unchanged_raw_page_file_alone(store: Store) -> None:
    with store.writer() as writer:
        writer.record(_snapshot("The council voted.", b"<html>same</html>", T0))
    raw = store.root / article_identity(URL).path / "raw.html"
    os.utime(raw, ns=(10**18, 10**18))  # a time no write today would give it
    with store.writer() as writer:
        writer.record(
            _snapshot("The council voted twice.", b"<html>same</html>", T0 + timedelta(1))
        )
    assert raw.stat().st_mtime_ns == 10**18
    assert "voted twice" in (raw.parent / "article.txt").read_text()
    assert _git(store.root, "status", "--porcelain") == ""


def test_tree_parser_reads_what_git_wrote(tmp_path: Path) -> None:
    from git.objects.fun import tree_entries_from_data  # noqa: TID251 - the reference parser

    from tracker.store.objects import parse_tree, tree_data

    entries = {
        "a.txt": (0o100644, object_id(b"blob", b"a")),
        "dir": (0o40000, object_id(b"tree", b"")),
        "é ü": (0o100644, object_id(b"blob", b"b")),
    }
    data = tree_data(entries)
    assert parse_tree(data) == entries
    assert parse_tree(data) == {
        name: (mode, sha) for sha, mode, name in tree_entries_from_data(data)
    }
    assert parse_tree(b"") == {}
