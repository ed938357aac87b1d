"""Store damage and disk errors: one `Error:` line that says what to do, no leftovers, and an
honest result (a version is reported recorded exactly when it was committed)."""

from __future__ import annotations

import errno
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app

URL = "https://news.example.org/2024/05/river-road-flood"
STORIES = Path(__file__).parent / "fixtures" / "story"
V1, V2 = STORIES / "v1.txt", STORIES / "v2.txt"
runner = CliRunner()


def _run(store: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--store", str(store), *args])
    return result.exit_code, result.stdout, result.stderr


def _snapshot(store: Path, page: Path, url: str = URL) -> tuple[int, str, str]:
    return _run(store, "snapshot", str(page), "--url", url)


def _one_error_line(err: str, *words: str) -> None:
    assert err.startswith("Error: "), err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err


def _head(store: Path) -> str:
    return (store / ".git" / "refs" / "heads" / "main").read_text().strip()


def _fsck_clean(store: Path) -> None:
    done = subprocess.run(["git", "-C", str(store), "fsck", "--strict"], capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr


def _packs(store: Path) -> list[Path]:
    return sorted((store / ".git" / "objects" / "pack").iterdir(), key=lambda p: p.stat().st_mtime)


@pytest.fixture(name="store")
def _store(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    assert _snapshot(store, V1)[0] == 0
    return store


def test_a_corrupt_pack_is_one_error_line_naming_git_fsck(store: Path) -> None:
    for pack in (store / ".git" / "objects" / "pack").glob("*.pack"):
        data = bytearray(pack.read_bytes())
        for at in range(40, len(data) - 20, 7):
            data[at] ^= 0x55
        pack.write_bytes(bytes(data))
    head = _head(store)
    for args in (["show", URL], ["diff", URL, "--from", "1", "--to", "1"],
                 ["snapshot", str(V2), "--url", URL]):  # fmt: skip
        code, out, err = _run(store, *args)
        assert code == 1, args
        _one_error_line(err, "damaged", f"git -C {store} fsck")
        assert out == ""
    assert _head(store) == head
    shutil.rmtree(store / ".git" / "tracker-index")  # read from history: the same error
    code, _, err = _run(store, "log", URL)
    assert code == 1
    _one_error_line(err, "damaged", "fsck")


def test_a_deleted_pack_stops_snapshot_from_committing_onto_broken_history(store: Path) -> None:
    assert _snapshot(store, V2)[0] == 0
    first = _packs(store)[0]  # the store's first commit
    first.unlink()
    first.with_suffix(".idx").unlink()
    head = _head(store)
    code, out, err = _snapshot(store, V1, URL + "-other")
    assert code == 1
    _one_error_line(err, "history is damaged", "nothing was recorded", "fsck")
    assert out == ""
    assert _head(store) == head


@pytest.mark.parametrize("step", ["pack", "index", "ref"])
def test_a_full_disk_is_one_error_line_with_no_leftovers(
    store: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    import tracker.store.objects as objects
    import tracker.store.store as store_module

    def full(*args: object, **kwargs: object) -> bytes:
        raise OSError(errno.ENOSPC, "No space left on device")

    if step == "pack":  # the pack file's first write
        monkeypatch.setattr(objects.Path, "write_bytes", full)
    elif step == "index":  # after the pack was written under its temporary name
        monkeypatch.setattr(objects, "_pack_index", full)
    else:  # the branch ref, after the pack is in place
        original = store_module.write_atomic

        def ref_fails(path: Path, data: bytes, *, durable: bool = False) -> None:
            if path.name == "main":
                full()
            original(path, data, durable=durable)

        monkeypatch.setattr(store_module, "write_atomic", ref_fails)
    head = _head(store)
    code, out, err = _snapshot(store, V2)
    assert code == 1
    _one_error_line(err, "No space left on device", "free space")
    assert "new v" not in out
    assert "changed v" not in out
    pack = store / ".git" / "objects" / "pack"
    assert not [p for p in pack.iterdir() if not p.name.startswith("pack-")]
    assert not list((store / ".git").glob("*.tmp"))
    assert not list((store / ".git").rglob(".*.tmp"))
    assert _head(store) == head
    monkeypatch.undo()
    _fsck_clean(store)
    code, out, _ = _snapshot(store, V2)  # space freed: the next run records it
    assert (code, out.strip()) == (0, f"{V2}: changed v2")
    _fsck_clean(store)


def test_a_full_disk_while_checking_out_files_still_reports_the_recorded_version(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tracker.store.store as store_module

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module, "write_folders", full)
    code, out, err = _snapshot(store, V2)
    assert (code, out.strip(), err) == (0, f"{V2}: changed v2", "")
    git = subprocess.run(["git", "-C", str(store), "status", "--porcelain"], capture_output=True,
                         text=True, check=True)  # fmt: skip
    assert git.stdout == ""  # the whole branch was checked out instead


def test_a_truncated_git_index_does_not_fail_a_recorded_version(store: Path) -> None:
    index = store / ".git" / "index"
    index.write_bytes(index.read_bytes()[:50])
    code, out, err = _snapshot(store, V2)
    assert (code, out.strip(), err) == (0, f"{V2}: changed v2", "")
    git = subprocess.run(["git", "-C", str(store), "status", "--porcelain"], capture_output=True,
                         text=True, check=True)  # fmt: skip
    assert git.stdout == ""
    _fsck_clean(store)


def test_git_variables_in_the_environment_do_not_redirect_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("GIT_DIR", str(elsewhere / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(elsewhere))
    monkeypatch.setenv("GIT_INDEX_FILE", str(elsewhere / "index"))
    store = tmp_path / "store"
    for page, said in ((V1, "new v1"), (V2, "changed v2")):
        code, out, err = _snapshot(store, page)
        assert (code, out.strip(), err) == (0, f"{page}: {said}", "")
    assert not elsewhere.exists()
    assert _run(store, "log", URL)[1].count("\n") == 2
    monkeypatch.delenv("GIT_DIR")
    monkeypatch.delenv("GIT_WORK_TREE")
    monkeypatch.delenv("GIT_INDEX_FILE")
    _fsck_clean(store)
    git = subprocess.run(["git", "-C", str(store), "status", "--porcelain"], capture_output=True,
                         text=True, check=True)  # fmt: skip
    assert git.stdout == ""


def test_a_port_out_of_range_is_one_error_line(tmp_path: Path) -> None:
    store = tmp_path / "store"
    code, _, err = _snapshot(store, V1, "https://news.example.org:99999/a")
    assert code == 1
    _one_error_line(err, "99999")
    code, _, err = _run(store, "snapshot", "https://news.example.org:99999/a")
    assert code == 1
    assert "Traceback" not in err
    assert err.startswith("Error: ")
    assert err.count("\n") == 1


def test_leftovers_are_removed_even_when_the_failed_run_was_killed(store: Path) -> None:
    pack = store / ".git" / "objects" / "pack"
    (pack / "pack123.tmp").write_bytes(b"half")
    (pack / "index123.tmp").write_bytes(b"half")
    assert _snapshot(store, V2)[0] == 0
    assert all(p.name.startswith("pack-") for p in pack.iterdir())
