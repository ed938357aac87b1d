"""`tracker import`: versions from a loopback Wayback-compatible archive (CDX JSON with resume
keys, text CDX, Memento TimeMap, 429s, `id_` captures), recorded at capture time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from archive_server import FakeArchive, serve_archive
from conftest import PARAGRAPHS, article_html
from typer.testing import CliRunner

from tracker.cli import app
from tracker.errors import BadSource, FetchFailed
from tracker.fetch.archive import ArchiveClient, Capture, archive_date, parse_cdx, parse_timemap
from tracker.pipeline.archive_import import import_archive
from tracker.store.store import Store

URL = "https://news.example.com/2024/05/01/council-budget.html"
TITLE = "Council approves budget"
EDITED = (
    PARAGRAPHS[0],
    PARAGRAPHS[1].replace("40 bus drivers", "45 bus drivers"),
    *PARAGRAPHS[2:],
)
UPDATED = (
    *EDITED,
    '"We listened to every district," said Council President Maria Gomez, who voted for it.',
)
SOFT_404 = (
    "<html><head><title>Page Not Found</title></head><body><h1>Page Not Found</h1>"
    "<p>Sorry.</p></body></html>"
)


def _page(paragraphs: tuple[str, ...], ad: str = "") -> str:
    return article_html(TITLE, *paragraphs).replace("</footer>", f"{ad}</footer>")


def _history(archive: FakeArchive) -> None:
    """Six captures, added out of order: v1 (twice, different ads), a soft 404, v2, v3."""
    archive.add("20240501120000", URL, _page(PARAGRAPHS, "ad one"))
    archive.add("20240502090000", URL, _page(UPDATED))
    archive.add("20240501130000", URL, _page(PARAGRAPHS, "ad two"))
    archive.add("20240501150000", URL, SOFT_404)
    archive.add("20240501180000", URL, _page(EDITED))
    archive.add("20240501190000", URL, b"moved", status=302)


def _run(store_path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args, "--store", str(store_path)])
    return result.exit_code, result.stdout, result.stderr


def _log(store_path: Path) -> list[dict[str, object]]:
    code, out, err = _run(store_path, "log", URL, "--format", "json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


@pytest.mark.parametrize("text_cdx", [False, True])
def test_import_records_one_version_per_text_at_capture_time(
    store_path: Path, text_cdx: bool
) -> None:
    archive = FakeArchive(text_cdx=text_cdx, page_size=2)  # three CDX pages: resume keys
    _history(archive)
    with serve_archive(archive) as base:
        code, out, err = _run(store_path, "import", URL, "--archive", base, "--allow-private")
    assert code == 0, err
    assert "3 new versions (v1..v3)" in out
    assert sum(p.startswith("/cdx/") for p in archive.requests) == 3
    assert any("resumeKey=2" in p for p in archive.requests)
    assert "20240501150000" in err  # the soft 404 is named, not recorded
    log = _log(store_path)
    assert [v["seen"] for v in log] == [
        "2024-05-01T12:00:00+00:00",
        "2024-05-01T18:00:00+00:00",
        "2024-05-02T09:00:00+00:00",
    ]
    opened = Store.open(store_path, create=False)
    tracked = opened.find(URL)
    meta = opened.read(tracked, tracked.versions[1]).meta
    assert meta["archive"] == base
    assert meta["capture"] == f"{base}/web/20240501180000id_/{URL}"
    assert meta["memento"] == f"{base}/web/20240501180000/{URL}"
    assert meta["source"] == "archive"
    assert "45 bus drivers" in opened.read(tracked, tracked.versions[1]).article.text
    assert all("id_/" in p for p in archive.requests if p.startswith("/web/"))


def test_import_diff_shows_the_archived_edit(store_path: Path) -> None:
    archive = FakeArchive()
    _history(archive)
    with serve_archive(archive) as base:
        assert _run(store_path, "import", URL, "--archive", base, "--allow-private")[0] == 0
    code, out, err = _run(store_path, "diff", URL, "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    (added,) = report["quotes"]["added"]
    assert added["speaker"].endswith("Maria Gomez")
    assert report["to"]["seen"] == "2024-05-02T09:00:00+00:00"


def test_a_429_is_waited_out(store_path: Path) -> None:
    archive = FakeArchive(throttle=["/cdx/", "/web/20240501180000"], retry_after="1")
    _history(archive)
    with serve_archive(archive) as base:
        code, out, err = _run(store_path, "import", URL, "--archive", base, "--allow-private")
    assert code == 0, err
    assert len(archive.refused) == 2
    assert "3 new versions" in out


def test_import_resumes_without_fetching_what_is_stored(store_path: Path) -> None:
    archive = FakeArchive()
    _history(archive)
    with serve_archive(archive) as base:
        store = Store.open(store_path)
        with ArchiveClient(base, allow_private=True, rate=0) as client:
            original = client.fetch_capture
            fetched: list[str] = []

            def killed(capture: Capture) -> object:
                if len(fetched) == 4:
                    raise KeyboardInterrupt  # killed while fetching the last capture
                fetched.append(capture.timestamp)
                return original(capture)

            client.fetch_capture = killed  # type: ignore[method-assign]
            with pytest.raises(KeyboardInterrupt):
                import_archive(store, URL, archive=base, client=client)
        store.close()
        assert [v["version"] for v in _log(store_path)] == [1, 2]
        archive.requests.clear()
        store = Store.open(store_path)
        result = import_archive(store, URL, archive=base, allow_private=True)
        store.close()
    fetched_again = [p for p in archive.requests if p.startswith("/web/")]
    assert fetched_again == [f"/web/20240502090000id_/{URL}"]
    assert result.versions == [3]
    assert result.count("imported") == 4
    assert len(_log(store_path)) == 3


def test_a_capture_redirecting_to_the_home_page_is_no_version(store_path: Path) -> None:
    archive = FakeArchive()
    _history(archive)
    home = "https://news.example.com/"
    archive.add("20240501200000", URL, b"", redirect=home)
    archive.add("20240501200000", home, article_html("Today's news", *PARAGRAPHS[2:]))
    with serve_archive(archive) as base:
        code, out, err = _run(store_path, "import", URL, "--archive", base, "--allow-private")
    assert code == 0, err
    assert "redirects to another page" in err
    assert "3 new versions" in out


def test_verbose_lists_every_capture(store_path: Path) -> None:
    archive = FakeArchive()
    _history(archive)
    with serve_archive(archive) as base:
        code, out, _ = _run(store_path, "import", URL, "--archive", base, "--allow-private", "-v")
    assert code == 0
    assert "  20240501130000  unchanged v1" in out
    assert "  20240502090000  changed v3" in out


def test_import_again_records_nothing(store_path: Path) -> None:
    archive = FakeArchive()
    _history(archive)
    archive.add("20240503100000", URL, _page(UPDATED, "ad three"))  # v3's text again, later
    with serve_archive(archive) as base:
        _run(store_path, "import", URL, "--archive", base, "--allow-private")
        archive.requests.clear()
        code, out, _ = _run(store_path, "import", URL, "--archive", base, "--allow-private")
    assert code == 0
    assert "no new version" in out
    assert [p for p in archive.requests if p.startswith("/web/")] == []


def test_from_and_to_limit_the_captures(store_path: Path) -> None:
    archive = FakeArchive()
    _history(archive)
    with serve_archive(archive) as base:
        code, out, err = _run(store_path, "import", URL, "--archive", base, "--allow-private",
                              "--from", "2024-05-01T13:00", "--to", "2024-05-01")  # fmt: skip
    assert code == 0, err
    assert [v["seen"] for v in _log(store_path)] == [
        "2024-05-01T13:00:00+00:00",
        "2024-05-01T18:00:00+00:00",
    ]


def test_memento_timemap_route(store_path: Path) -> None:
    archive = FakeArchive()
    _history(archive)
    with serve_archive(archive) as base:
        code, out, err = _run(store_path, "import", URL, "--archive", base, "--allow-private",
                              "--protocol", "memento")  # fmt: skip
    assert code == 0, err
    assert len(_log(store_path)) == 3
    assert not any(p.startswith("/cdx/") for p in archive.requests)


def test_a_private_archive_is_refused_without_allow_private(store_path: Path) -> None:
    archive = FakeArchive()
    _history(archive)
    with serve_archive(archive) as base:
        code, _, err = _run(store_path, "import", URL, "--archive", base)
    assert code == 1
    assert err.startswith("Error: ")
    assert "--allow-private" in err
    assert archive.requests == []


def test_only_error_pages_is_an_error(store_path: Path) -> None:
    archive = FakeArchive()
    archive.add("20240501150000", URL, SOFT_404)
    with serve_archive(archive) as base:
        code, out, err = _run(store_path, "import", URL, "--archive", base, "--allow-private")
    assert code == 1
    assert "1 not recorded" in out
    assert "20240501150000" in err


def test_no_capture_is_an_error(store_path: Path) -> None:
    with serve_archive(FakeArchive()) as base:
        code, _, err = _run(store_path, "import", URL, "--archive", base, "--allow-private")
    assert code == 1
    assert "lists no capture" in err


def test_pace_defaults_to_fifteen_requests_a_minute() -> None:
    slept: list[float] = []
    now = [0.0]

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    client = ArchiveClient("https://archive.example.org", sleep=sleep, clock=lambda: now[0])
    for _ in range(3):
        client._pace()
    assert slept == [4.0, 4.0]
    local = ArchiveClient("http://127.0.0.1:9", allow_private=True)
    assert local.interval == 0.0
    assert ArchiveClient("http://127.0.0.1:9", allow_private=True, rate=30).interval == 2.0


def test_cdx_text_lines_with_extra_columns_and_resume_key() -> None:
    body = (
        "com,example)/a 20120617170121 http://www.example.com/a text/html 200 AAAA 12310 "
        "https://web.archive.org/web/20120617170121/http://www.example.com/a\n"
        "com,example)/a 20120618031517 http://www.example.com/a text/html 200 BBBB 14521\n"
        "\nKEY123\n"
    )
    captures, resume = parse_cdx(body)
    assert [(c.timestamp, c.digest, c.length) for c in captures] == [
        ("20120617170121", "AAAA", 12310),
        ("20120618031517", "BBBB", 14521),
    ]
    assert resume == "KEY123"


def test_cdx_json_with_resume_key() -> None:
    rows = [["timestamp", "original", "statuscode"], ["20240101000000", "http://e.com/", "200"]]
    captures, resume = parse_cdx(json.dumps([*rows, [], ["abc"]]))
    assert [c.original for c in captures] == ["http://e.com/"]
    assert resume == "abc"
    assert parse_cdx("[]") == ([], None)
    with pytest.raises(FetchFailed):
        parse_cdx("[not json")


def test_timemap_parse_and_raw_url() -> None:
    body = (
        '<http://e.com/a>; rel="original",\n'
        '<https://arch.example/web/20120617170121/http://e.com/a>; rel="first memento"; '
        'datetime="Sun, 17 Jun 2012 17:01:21 GMT",\n'
        '<https://arch.example/web/timemap/link/http://e.com/a>; rel="self"; '
        'type="application/link-format"\n'
    )
    (capture,) = parse_timemap(body, "http://e.com/a")
    assert capture.timestamp == "20120617170121"
    assert capture.raw_url("x") == "https://arch.example/web/20120617170121id_/http://e.com/a"


@pytest.mark.parametrize(
    ("given", "expected"),
    [("2012", "2012"), ("2012-06-17", "20120617"), ("2012-06-17T08:38:09Z", "20120617083809")],
)
def test_archive_dates(given: str, expected: str) -> None:
    assert archive_date(given) == expected


def test_bad_archive_date() -> None:
    with pytest.raises(BadSource, match="--from"):
        archive_date("yesterday")


def test_watch_add_backfill_imports_the_history_then_watches(store_path: Path) -> None:
    archive = FakeArchive()
    _history(archive)
    with serve_archive(archive) as base:
        code, out, err = _run(store_path, "watch", "add", URL, "--backfill", "--archive", base,
                              "--allow-private", "--kind", "article")  # fmt: skip
    assert code == 0, err
    assert "3 new versions" in out
    assert f"watching article {URL}" in out
    assert len(_log(store_path)) == 3
    code, listed, _ = _run(store_path, "watch", "list", "--format", "json")
    assert [entry["url"] for entry in json.loads(listed)] == [URL]


def test_backfill_of_a_feed_is_bad_usage(store_path: Path) -> None:
    code, _, err = _run(store_path, "watch", "add", URL, "--backfill", "--kind", "feed")
    assert code == 2
    assert "--backfill" in err


def test_log_marks_versions_imported_from_an_archive(store_path: Path) -> None:
    archive = FakeArchive()
    _history(archive)
    with serve_archive(archive) as base:
        code, _, err = _run(store_path, "import", URL, "--archive", base, "--allow-private")
        assert code == 0, err
        code, out, _ = _run(store_path, "log", URL)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3
    assert all(f"[archive: {base}" in line for line in lines)
    assert all(v["archive"] for v in _log(store_path))
