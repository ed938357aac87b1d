"""The cron commands from outside: watch add|list|remove, snapshot --due/--all, reextract, the
markers in log/diff/changelog, escaping, two runs at once and a run killed mid-way."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import PARAGRAPHS, Site, article_html
from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.store.store import Store

EDITED = (PARAGRAPHS[0], PARAGRAPHS[1].replace("40 bus drivers", "25 bus drivers"), *PARAGRAPHS[2:])
FAST = ("--delay", "0", "--retries", "0", "--timeout", "30")


def _run(store: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [*args, "--store", str(store)])


def _watch(store: Path, *urls: str) -> None:
    assert _run(store, "watch", "add", *urls).exit_code == 0


def _versions(store: Path, url: str) -> int:
    opened = Store.open(store)
    try:
        return len(opened.find(url).versions)
    finally:
        opened.close()


# -- watch add | list | remove -----------------------------------------------------------------


def test_watch_add_says_what_it_watches(store_path: Path) -> None:
    result = _run(store_path, "watch", "add", "https://example.com/a", "https://example.com/feed")
    assert result.stdout == (
        "watching article https://example.com/a\nwatching feed https://example.com/feed\n"
    )


def test_watch_list_json_gives_each_entry(store_path: Path) -> None:
    _run(store_path, "watch", "add", "https://example.com/a", "--interval", "2h")
    [entry] = json.loads(_run(store_path, "watch", "list", "--format", "json").stdout)
    assert (entry["url"], entry["kind"], entry["interval_seconds"]) == (
        "https://example.com/a", "article", 7200.0)  # fmt: skip
    assert entry["last_checked"] is None


def test_watch_list_text_shows_never_checked(store_path: Path) -> None:
    _watch(store_path, "https://example.com/a")
    assert "checked never" in _run(store_path, "watch", "list").stdout


def test_watch_remove_forgets_the_url(store_path: Path) -> None:
    _watch(store_path, "https://example.com/a")
    assert _run(store_path, "watch", "remove", "https://example.com/a").exit_code == 0
    assert _run(store_path, "watch", "list", "--format", "json").stdout.strip() == "[]"


def test_watch_remove_of_an_unwatched_url_is_an_error(store_path: Path) -> None:
    result = _run(store_path, "watch", "remove", "https://example.com/nope")
    assert (result.exit_code, result.stderr.startswith("Error: ")) == (1, True)


def test_watch_add_refuses_a_non_http_url(store_path: Path) -> None:
    result = _run(store_path, "watch", "add", "file:///etc/passwd")
    assert result.exit_code == 1
    assert "not an http(s) URL" in result.stderr


def test_watch_add_rejects_a_bad_interval(store_path: Path) -> None:
    assert _run(store_path, "watch", "add", "https://e.com/a", "--interval", "soon").exit_code == 2


# -- snapshot --due / --all ----------------------------------------------------------------------


def test_snapshot_all_prints_only_changes(site: Site, store_path: Path) -> None:
    _watch(store_path, site.put("/a", article_html()))
    result = _run(store_path, "snapshot", "--all", *FAST)
    assert (result.exit_code, result.stdout) == (0, f"{site.url('/a')}: new v1\n")


def test_snapshot_due_with_nothing_changed_prints_nothing(site: Site, store_path: Path) -> None:
    _watch(store_path, site.put("/a", article_html()))
    _run(store_path, "snapshot", "--due", *FAST)
    result = _run(store_path, "snapshot", "--all", *FAST)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_snapshot_verbose_lists_unchanged_pages_and_a_summary(site: Site, store_path: Path) -> None:
    _watch(store_path, site.put("/a", article_html()))
    _run(store_path, "snapshot", "--all", *FAST)
    result = _run(store_path, "snapshot", "--all", "-v", *FAST)
    assert result.stdout == f"{site.url('/a')}: unchanged\n"
    assert result.stderr.startswith("checked 1: 0 new, 0 changed, 1 unchanged (1 not modified)")


def test_snapshot_quiet_prints_errors_only(site: Site, store_path: Path) -> None:
    _watch(store_path, site.put("/a", article_html()), site.url("/missing"))
    result = _run(store_path, "snapshot", "--all", "-q", *FAST)
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {site.url('/missing')}: ")


def test_snapshot_json_is_one_summary_document(site: Site, store_path: Path) -> None:
    _watch(store_path, site.put("/a", article_html()))
    document = json.loads(_run(store_path, "snapshot", "--all", "--json", *FAST).stdout)
    assert document["counts"]["new"] == 1
    assert document["results"][0]["status"] == "new"


def test_a_failed_url_exits_1_and_the_others_are_recorded(site: Site, store_path: Path) -> None:
    _watch(store_path, site.url("/missing"), site.put("/a", article_html()))
    result = _run(store_path, "snapshot", "--all", *FAST)
    assert result.exit_code == 1
    assert "HTTP 404" in result.stderr
    assert _versions(store_path, site.url("/a")) == 1


def test_snapshot_without_sources_or_due_is_bad_usage(store_path: Path) -> None:
    assert _run(store_path, "snapshot").exit_code == 2


def test_snapshot_with_sources_and_due_is_bad_usage(store_path: Path) -> None:
    assert _run(store_path, "snapshot", "https://example.com/a", "--due").exit_code == 2


def test_a_flip_flop_is_reported_by_snapshot_and_log(site: Site, store_path: Path) -> None:
    url = site.put("/a", article_html())
    _watch(store_path, url)
    _run(store_path, "snapshot", "--all", *FAST)
    site.put("/a", article_html("Council approves budget", *EDITED))
    _run(store_path, "snapshot", "--all", *FAST)
    site.put("/a", article_html())
    assert "flip-flop: back to v1" in _run(store_path, "snapshot", "--all", *FAST).stdout
    assert "[flip-flop: back to v1]" in _run(store_path, "log", url).stdout
    assert json.loads(_run(store_path, "log", url, "--format", "json").stdout)[2][
        "flip_flop_of"] == 1  # fmt: skip


# -- reextract: marked in log, diff and changelog ----------------------------------------------


@pytest.fixture
def reextracted(tmp_path: Path, store_path: Path) -> str:
    """An article whose stored text came from an 'older parser' (one paragraph missing),
    then re-extracted."""
    from datetime import datetime, timezone

    from tracker.extract.article import extract_article
    from tracker.store.identity import article_identity
    from tracker.store.store import Snapshot

    url = "https://example.com/news/budget"
    raw = article_html().encode()
    article = extract_article(raw, url=url)
    older = type(article)(**{**{f: getattr(article, f) for f in article.__slots__},
                             "paragraphs": article.paragraphs[:-1]})  # fmt: skip
    store = Store.open(store_path)
    seen = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)
    with store.writer() as writer:
        writer.record(Snapshot(article_identity(url), older, raw, seen, {"url": url}))
    store.close()
    assert _run(store_path, "reextract").stdout == f"{url}: re-extracted v2\n"
    return url


def test_log_marks_a_reextraction(store_path: Path, reextracted: str) -> None:
    lines = _run(store_path, "log", reextracted).stdout.splitlines()
    assert "[re-extraction]" in lines[1]
    assert "[re-extraction]" not in lines[0]


def test_log_json_has_a_reextract_field(store_path: Path, reextracted: str) -> None:
    log = json.loads(_run(store_path, "log", reextracted, "--format", "json").stdout)
    assert [v["reextract"] for v in log] == [False, True]


def test_diff_labels_a_reextraction(store_path: Path, reextracted: str) -> None:
    document = json.loads(_run(store_path, "diff", reextracted, "--format", "json").stdout)
    assert document["to"]["reextract"] is True
    assert document["summary"].startswith("Re-extraction (parser update)")


def test_changelog_labels_a_reextraction(store_path: Path, reextracted: str) -> None:
    text = _run(store_path, "changelog", "--format", "markdown").stdout
    assert "Re-extraction (parser update)" in text


def test_reextract_of_an_unknown_url_exits_1(store_path: Path, reextracted: str) -> None:
    result = _run(store_path, "reextract", "https://example.com/unknown")
    assert (result.exit_code, result.stderr.startswith("Error: ")) == (1, True)


# -- escaping: a page's <script> never reaches a report as markup -------------------------------

HOSTILE = (
    "The mayor said &lt;script&gt;alert(1)&lt;/script&gt; was typed into {n} city website forms."
)


def test_script_in_an_article_is_escaped_in_html_diff_and_atom(
    site: Site, store_path: Path
) -> None:
    url = site.put("/a", article_html("Council approves budget", HOSTILE.format(n=3), *PARAGRAPHS)
                   + "<script>alert('page')</script>")  # fmt: skip
    _watch(store_path, url)
    _run(store_path, "snapshot", "--all", *FAST)
    title = "Council approves &lt;script&gt;alert(1)&lt;/script&gt; budget"
    site.put("/a", article_html(title, HOSTILE.format(n=4), *PARAGRAPHS))
    _run(store_path, "snapshot", "--all", *FAST)
    report = _run(store_path, "diff", url, "--format", "html").stdout
    feed = _run(store_path, "changelog", "--format", "atom").stdout
    for output in (report, feed):
        assert "<script" not in output
        assert "alert(1)" in output  # the article's words are there, as text


# -- other processes ------------------------------------------------------------------------


def _tracker(store: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", *args, "--store", str(store)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _many(site: Site, store: Path, count: int, delay: float = 0.0) -> list[str]:
    urls = [site.put(f"/s{n}", article_html(f"Story {n}"), delay=delay) for n in range(count)]
    _watch(store, *urls)
    return urls


def test_two_due_runs_at_once_check_each_page_once(site: Site, store_path: Path) -> None:
    urls = _many(site, store_path, 12, delay=0.02)
    runs = [_tracker(store_path, "snapshot", "--due", "--wait", "60", *FAST) for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all(site.hits(f"/s{n}") == 1 for n in range(12))
    assert all(_versions(store_path, url) == 1 for url in urls)


KILLABLE = """
    import sys
    from pathlib import Path
    from tracker.fetch.http import FetchPolicy
    from tracker.store.store import Store
    from tracker.watch.cycle import CycleOptions, run_cycle
    options = CycleOptions(fetch=FetchPolicy(host_delay=0, retries=0), commit_every=5)
    run_cycle(Store.open(Path(sys.argv[1])), options=options)
"""


def test_a_run_killed_mid_way_is_completed_by_the_next(site: Site, store_path: Path) -> None:
    urls = _many(site, store_path, 40, delay=0.03)
    victim = subprocess.Popen([sys.executable, "-c", textwrap.dedent(KILLABLE), str(store_path)])
    deadline = time.monotonic() + 60
    while sum(site.hits(f"/s{n}") for n in range(40)) < 17 and time.monotonic() < deadline:
        time.sleep(0.01)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    rerun = _tracker(store_path, "snapshot", "--due", *FAST)
    rerun.communicate(timeout=120)
    assert rerun.returncode == 0
    fsck = subprocess.run(["git", "-C", str(store_path), "fsck", "--strict"], capture_output=True)
    assert fsck.returncode == 0, fsck.stderr
    assert [_versions(store_path, url) for url in urls] == [1] * 40
