"""A store of the first layout (format 1: article folders directly under their host), made by hand
with git, is moved to the sharded layout by the first command that opens it: every version stays
readable, `log` lists the same versions, the old commits are untouched. The split cache: one
article's read touches its shard only, and a lost, stale or half-written cache is rebuilt."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.store import index as index_module
from tracker.store.layout import content_hash
from tracker.store.store import Store

HOST = "example.com"
PAGE = Path(__file__).parent / "fixtures" / "story" / "v2.txt"
ARTICLES, VERSIONS = 3, 3


def _key(n: int) -> str:
    return f"https://{HOST}/news/story-{n}"


def _old_path(n: int) -> str:
    digest = hashlib.sha256(_key(n).encode()).hexdigest()[:10]
    return f"articles/{HOST}/story-{n}-{digest}"


def _text(n: int, v: int) -> str:
    return f"Story {n}\n\nParagraph one of story {n}.\n\nEdit {v} of story {n}.\n"


def _meta(n: int, v: int) -> dict[str, Any]:
    return {"identity": _key(n), "url": _key(n), "title": f"Story {n}", "authors": [],
            "seen": f"2024-03-0{v}T09:00:00+00:00", "contributors": [], "notes": []}  # fmt: skip


def _git(root: Path, *args: str, when: str = "2024-03-01T09:00:00+00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "tracker", "GIT_AUTHOR_EMAIL": "tracker@localhost",
           "GIT_COMMITTER_NAME": "tracker", "GIT_COMMITTER_EMAIL": "tracker@localhost"}  # fmt: skip
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True, env=env)  # fmt: skip
    return done.stdout


def _old_store(root: Path, *, cache: bool) -> list[str]:
    """A format-1 store written with git alone: ARTICLES articles of VERSIONS versions, a commit
    per round; with `cache`, the format-1 cache file with rows of three fields (no folder ids).
    Returns the revisions of the rounds."""
    root.mkdir()
    _git(root, "init", "-q", "--initial-branch=main")
    (root / ".tracker-store").write_text('{"format": 1}\n')
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Create tracker store")
    revisions, document = [], {"format": 1, "articles": {}, "aliases": {}}
    for v in range(1, VERSIONS + 1):
        for n in range(ARTICLES):
            folder = root / _old_path(n)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "article.txt").write_text(_text(n, v))
            (folder / "meta.json").write_text(json.dumps(_meta(n, v), indent=2) + "\n")
            (folder / "raw.html").write_text(f"<p>edit {v} of {n}</p>")
        when = f"2024-03-0{v}T09:00:00+00:00"
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", f"Snapshot {ARTICLES} articles", when=when)
        revisions.append(_git(root, "rev-parse", "HEAD").strip())
        for n in range(ARTICLES):
            entry = document["articles"].setdefault(
                _key(n), {"path": _old_path(n), "url": _key(n), "title": f"Story {n}",
                          "versions": []})  # fmt: skip
            entry["content"] = content_hash(_text(n, v), _meta(n, v))
            entry["versions"].append([revisions[-1], _meta(n, v)["seen"], f"Story {n}"])
    document["aliases"] = {f"https://{HOST}/s/{n}": _key(n) for n in range(ARTICLES)}
    document["head"] = document["worktree"] = revisions[-1]
    if cache:
        (root / ".git" / "tracker-index.json").write_text(json.dumps(document))
    return revisions


def _run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--store", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("cache", [True, False], ids=["format-1 cache", "no cache"])
def test_the_first_command_migrates_an_old_store_and_every_version_stays(
    tmp_path: Path, cache: bool
) -> None:
    root = tmp_path / "old"
    revisions = _old_store(root, cache=cache)
    history = _git(root, "log", "--format=%H %T")

    code, out, err = _run(root, "log", _key(1))

    assert code == 0, err
    assert "sharded layout" in err
    assert "3/3 article folder(s) moved" in err
    assert [line.split()[:2] for line in out.splitlines()] == [
        [f"v{v}", revisions[v - 1][:10]] for v in range(1, VERSIONS + 1)
    ]
    assert _git(root, "log", "--skip=1", "--format=%H %T") == history  # old commits untouched
    assert json.loads((root / ".tracker-store").read_text()) == {"format": 2}
    files = _git(root, "ls-tree", "-r", "--name-only", "HEAD").split()
    digest = hashlib.sha256(_key(1).encode()).hexdigest()[:10]
    assert f"articles/{HOST}/{digest[:2]}/story-1-{digest}/article.txt" in files
    assert all(f.count("/") == 4 for f in files if f.startswith("articles/"))
    assert not (root / _old_path(1)).exists()
    assert (root / f"articles/{HOST}/{digest[:2]}/story-1-{digest}/raw.html").exists()
    assert _git(root, "status", "--porcelain") == ""
    _git(root, "fsck", "--strict")

    for n in range(ARTICLES):
        for v in range(1, VERSIONS + 1):
            code, out, _ = _run(root, "show", _key(n), str(v))
            assert (code, out) == (0, _text(n, v))
    if cache:  # the aliases of the old cache still lead to their article
        assert _run(root, "log", f"https://{HOST}/s/2")[0] == 0

    again = _run(root, "log", _key(1))
    assert again[2] == ""
    assert again[1] == out_of(root, 1)


def out_of(root: Path, n: int) -> str:
    return _run(root, "log", _key(n))[1]


def test_a_migrated_store_rebuilt_from_history_lists_the_same_versions(tmp_path: Path) -> None:
    root = tmp_path / "old"
    _old_store(root, cache=False)
    before = {n: out_of(root, n) for n in range(ARTICLES)}
    shutil.rmtree(root / ".git" / "tracker-index")
    assert {n: out_of(root, n) for n in range(ARTICLES)} == before
    store = Store.open(root)
    tracked = store.find(_key(0))
    assert tracked.path.count("/") == 3  # the moved path, not the old one
    assert store.read(tracked, tracked.versions[0]).article.paragraphs[1] == "Edit 1 of story 0."


def test_after_the_migration_a_new_version_goes_to_the_sharded_folder(tmp_path: Path) -> None:
    root = tmp_path / "old"
    _old_store(root, cache=True)
    code, _, err = _run(root, "snapshot", str(PAGE), "--url", _key(2))
    assert code == 0, err
    assert len(out_of(root, 2).splitlines()) == VERSIONS + 1
    changed = _git(root, "show", "--name-only", "--format=", "HEAD").split()
    assert all(f.startswith(f"articles/{HOST}/") and f.count("/") == 4 for f in changed)


# -- the split cache ---------------------------------------------------------------------------


def _new_store(root: Path) -> None:
    """A format-2 store of the same articles, recorded through the CLI's migration path."""
    _old_store(root, cache=False)
    _run(root, "list")


def test_reading_one_article_reads_only_its_shard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "store"
    _new_store(root)
    read: list[str] = []
    original = index_module._read_shard
    monkeypatch.setattr(
        index_module, "_read_shard",
        lambda folder, name, gen: read.append(name) or original(folder, name, gen),
    )  # fmt: skip
    code, out, _ = _run(root, "log", _key(1))
    assert code == 0
    assert len(out.splitlines()) == VERSIONS
    assert read == [hashlib.sha256(_key(1).encode()).hexdigest()[:2]]


def test_a_lost_shard_is_rebuilt_from_history(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _new_store(root)
    before = [out_of(root, n) for n in range(ARTICLES)]
    folder = root / ".git" / "tracker-index"
    shard = hashlib.sha256(_key(0).encode()).hexdigest()[:2]
    for path in folder.glob(f"{shard}.*.json"):
        path.unlink()
    assert [out_of(root, n) for n in range(ARTICLES)] == before
    with Store.open(root).writer():  # the next writer saves the rebuilt cache
        pass
    assert list(folder.glob(f"{shard}.*.json"))


def test_a_shard_older_than_the_root_is_stale_and_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _new_store(root)
    folder = root / ".git" / "tracker-index"
    shard = hashlib.sha256(_key(0).encode()).hexdigest()[:2]
    [old] = folder.glob(f"{shard}.*.json")
    saved = old.read_bytes()
    assert _run(root, "snapshot", str(PAGE), "--url", _key(0))[0] == 0
    [new] = folder.glob(f"{shard}.*.json")
    new.unlink()
    old.write_bytes(saved)  # only a shard older than the root's listing is left
    assert len(out_of(root, 0).splitlines()) == VERSIONS + 1


def test_shards_written_before_a_kill_that_spared_the_root_add_no_version_twice(
    tmp_path: Path,
) -> None:
    root = tmp_path / "store"
    _new_store(root)
    root_file = root / ".git" / "tracker-index" / "root.json"
    saved = root_file.read_bytes()
    assert _run(root, "snapshot", str(PAGE), "--url", _key(0))[0] == 0
    root_file.write_bytes(saved)  # as if killed after the shards were written, before the root
    log = out_of(root, 0).splitlines()
    assert [line.split()[0] for line in log] == [f"v{v}" for v in range(1, VERSIONS + 2)]


def test_a_reader_of_the_previous_root_reads_the_newer_shard(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _new_store(root)
    reader = Store.open(root)  # has read the root, not the shard yet
    assert _run(root, "snapshot", str(PAGE), "--url", _key(0))[0] == 0
    assert len(reader.find(_key(0)).versions) == VERSIONS + 1
