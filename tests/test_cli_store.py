"""The store commands from outside: snapshot, log, show, list; exit codes, lock and crash safety."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import PARAGRAPHS, PageServer, article_html
from typer.testing import CliRunner

from tracker.cli.app import app

EDITED = (PARAGRAPHS[0], PARAGRAPHS[1].replace("40 bus drivers", "25 bus drivers"), *PARAGRAPHS[2:])
URL = "https://example.com/news/budget"


def _run(store: Path, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [*args, "--store", str(store)], input=stdin)


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "v1.html").write_text(article_html(byline="Ann Lee"))
    (tmp_path / "v2.html").write_text(
        article_html("Council approves budget", *EDITED, byline="Ann Lee")
    )
    return tmp_path / "v1.html", tmp_path / "v2.html"


def _snap(store: Path, page: Path, at: str) -> None:
    assert _run(store, "snapshot", str(page), "--url", URL, "--at", at).exit_code == 0


def test_snapshot_prints_one_line_per_source(store_path: Path, versions: tuple[Path, Path]) -> None:
    result = _run(
        store_path, "snapshot", str(versions[0]), "--url", URL, "--at", "2024-03-01T09:00:00Z"
    )
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{versions[0]}: new v1\n", "")


def test_snapshot_again_reports_unchanged(store_path: Path, versions: tuple[Path, Path]) -> None:
    _snap(store_path, versions[0], "2024-03-01T09:00:00Z")
    result = _run(store_path, "snapshot", str(versions[0]), "--url", URL)
    assert result.stdout == f"{versions[0]}: unchanged\n"


def test_snapshot_of_a_changed_page_reports_the_version(
    store_path: Path, versions: tuple[Path, Path]
) -> None:
    _snap(store_path, versions[0], "2024-03-01T09:00:00Z")
    result = _run(store_path, "snapshot", str(versions[1]), "--url", URL)
    assert result.stdout == f"{versions[1]}: changed v2\n"


def test_snapshot_reads_stdin(store_path: Path) -> None:
    result = _run(store_path, "snapshot", "-", "--url", URL, stdin=article_html())
    assert result.stdout == "-: new v1\n"


def test_snapshot_with_a_failed_source_exits_1_and_keeps_the_rest(
    store_path: Path, server: PageServer, versions: tuple[Path, Path]
) -> None:
    good = server.serve("/news/ok", article_html())
    result = _run(store_path, "snapshot", server.url("/missing"), good)
    assert result.exit_code == 1
    assert result.stdout == f"{good}: new v1\n"
    assert result.stderr.startswith(f"Error: {server.url('/missing')}: ")
    assert "HTTP 404" in result.stderr


def test_snapshot_json_is_one_document(store_path: Path, versions: tuple[Path, Path]) -> None:
    result = _run(store_path, "snapshot", str(versions[0]), "--url", URL, "--format", "json")
    document = json.loads(result.stdout)
    assert [(d["status"], d["version"], d["key"]) for d in document] == [("new", 1, URL)]


def test_bad_at_time_is_a_usage_error(store_path: Path, versions: tuple[Path, Path]) -> None:
    result = _run(store_path, "snapshot", str(versions[0]), "--at", "yesterday")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_log_json_lists_versions_oldest_first(
    store_path: Path, versions: tuple[Path, Path]
) -> None:
    _snap(store_path, versions[0], "2024-03-01T09:00:00+00:00")
    _snap(store_path, versions[1], "2024-03-02T10:30:00+00:00")
    result = _run(store_path, "log", URL, "--format", "json")
    entries = json.loads(result.stdout)
    assert [(e["version"], e["seen"], e["title"]) for e in entries] == [
        (1, "2024-03-01T09:00:00+00:00", "Council approves budget"),
        (2, "2024-03-02T10:30:00+00:00", "Council approves budget"),
    ]
    assert all(isinstance(e["revision"], str) and len(e["revision"]) == 40 for e in entries)


def test_at_sets_the_commit_time(store_path: Path, versions: tuple[Path, Path]) -> None:
    _snap(store_path, versions[0], "2024-03-01T09:00:00+01:00")
    git_log = subprocess.run(
        ["git", "-C", str(store_path), "log", "-1", "--format=%cI"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert git_log.stdout.strip() == "2024-03-01T09:00:00+01:00"


def test_log_of_an_unknown_url_exits_1_with_the_fix(
    store_path: Path, versions: tuple[Path, Path]
) -> None:
    _snap(store_path, versions[0], "2024-03-01T09:00:00Z")
    result = _run(store_path, "log", "https://example.com/other")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: no snapshot of https://example.com/other in ")
    assert "run 'tracker snapshot https://example.com/other' first" in result.stderr


def test_show_prints_the_requested_version(store_path: Path, versions: tuple[Path, Path]) -> None:
    _snap(store_path, versions[0], "2024-03-01T09:00:00Z")
    _snap(store_path, versions[1], "2024-03-02T09:00:00Z")
    first = _run(store_path, "show", URL, "--version", "1").stdout
    assert first.startswith("Council approves budget\nBy Ann Lee\n\n")
    assert "40 bus drivers" in first
    assert "25 bus drivers" in _run(store_path, "show", URL).stdout


def test_show_json_holds_meta_and_article(store_path: Path, versions: tuple[Path, Path]) -> None:
    _snap(store_path, versions[0], "2024-03-01T09:00:00Z")
    document = json.loads(_run(store_path, "show", URL, "--format", "json").stdout)
    assert document["meta"]["version"] == 1
    assert document["article"]["authors"] == ["Ann Lee"]


def test_list_names_every_article(store_path: Path, versions: tuple[Path, Path]) -> None:
    _snap(store_path, versions[0], "2024-03-01T09:00:00Z")
    assert (
        _run(store_path, "snapshot", str(versions[1]), "--url", "https://example.com/b").exit_code
        == 0
    )
    listed = json.loads(_run(store_path, "list", "--format", "json").stdout)
    assert sorted(a["url"] for a in listed) == ["https://example.com/b", URL]


def test_store_comes_from_the_environment(tmp_path: Path, versions: tuple[Path, Path]) -> None:
    env_store = tmp_path / "from-env"
    result = CliRunner().invoke(
        app, ["snapshot", str(versions[0]), "--url", URL], env={"TRACKER_STORE": str(env_store)}
    )
    assert result.exit_code == 0
    assert (env_store / ".tracker-store").exists()


def test_corrupt_store_exits_1_with_a_clear_message(
    tmp_path: Path, versions: tuple[Path, Path]
) -> None:
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "file.txt").write_text("not a store")
    result = _run(tmp_path / "junk", "snapshot", str(versions[0]), "--url", URL)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "is not a tracker store" in result.stderr


# -- other processes ------------------------------------------------------------------------


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


HOLD_LOCK = """
    import sys
    from pathlib import Path
    from tracker.store.store import Store
    with Store.open(Path(sys.argv[1])).writer():
        print("locked", flush=True)
        sys.stdin.read()
"""


def test_second_run_waits_then_fails_while_the_lock_is_held(
    store_path: Path, versions: tuple[Path, Path]
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(HOLD_LOCK), str(store_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n"
        result = _run(store_path, "snapshot", str(versions[0]), "--url", URL, "--wait", "0.2")
    finally:
        holder.communicate("")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: another tracker run holds the store lock (pid {holder.pid}); "
        "wait for it to finish or rerun\n"
    )


# A run that kills itself with SIGKILL at a chosen point of writing, then a normal re-run.
CRASH = """
    import os, signal, sys
    from pathlib import Path
    from tracker.store import store as st
    from tracker.pipeline import snapshot
    point = sys.argv[2]
    store = st.Store.open(Path(sys.argv[1]))
    if point == "objects":
        calls = [0]
        write = st.Store._write
        def dying_write(self, kind, data):
            calls[0] += 1
            if calls[0] == 7:
                os.kill(os.getpid(), signal.SIGKILL)
            return write(self, kind, data)
        st.Store._write = dying_write
    if point == "ref":
        atomic = st._write_atomic
        def dying_atomic(folder, name, data):
            if name == st._BRANCH:
                os.kill(os.getpid(), signal.SIGKILL)
            atomic(folder, name, data)
        st._write_atomic = dying_atomic
    if point == "cache":
        def dying_save(repo, cache):
            os.kill(os.getpid(), signal.SIGKILL)
        st._save_cache = dying_save
    snapshot(sys.argv[3:], store, at=None)
"""


@pytest.mark.parametrize("point", ["objects", "ref", "cache"])
def test_run_killed_while_writing_leaves_a_valid_store(
    store_path: Path, server: PageServer, point: str
) -> None:
    urls = [server.serve(f"/news/story-{n}", article_html(f"Story number {n}")) for n in range(4)]
    assert _run(store_path, "snapshot", urls[0]).exit_code == 0
    crashed = _python(CRASH, str(store_path), point, *urls)
    crashed.communicate()
    assert crashed.returncode == -signal.SIGKILL
    rerun = _run(store_path, "snapshot", *urls)
    assert rerun.exit_code == 0, rerun.stderr
    fsck = subprocess.run(
        ["git", "-C", str(store_path), "fsck", "--strict", "--no-dangling"],
        capture_output=True,
        text=True,
    )
    assert (fsck.returncode, fsck.stderr) == (0, "")
    listed = json.loads(_run(store_path, "list", "--format", "json").stdout)
    assert sorted(a["versions"] for a in listed) == [1, 1, 1, 1]


def test_killed_run_leaves_the_store_readable_by_git(store_path: Path, server: PageServer) -> None:
    url = server.serve("/news/one", article_html())
    crashed = _python(CRASH, str(store_path), "cache", url)
    crashed.communicate()
    status = subprocess.run(
        ["git", "-C", str(store_path), "log", "--format=%s"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout.splitlines()[0].startswith("Snapshot ")
    assert (store_path / ".tracker-store").exists()


def test_rerun_after_a_killed_run_updates_the_store_files(
    store_path: Path, server: PageServer
) -> None:
    url = server.serve("/news/one", article_html())
    _python(CRASH, str(store_path), "cache", url).communicate()
    assert _run(store_path, "snapshot", url).stdout == f"{url}: unchanged\n"
    assert list(store_path.glob("articles/*/*/*/article.txt"))
