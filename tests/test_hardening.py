"""Hostile sites and feeds (issue 14, network and stored URLs): every redirect hop checked before
it is requested, robots.txt fetched like a page, one outcome per job, canonical links only on the
same registrable domain, http(s) URLs only, --refuse-private for typed URLs, no credentials kept.

Nothing here leaves 127.0.0.1. "Public" sites are played by `FakeInternet`, a forward proxy on
loopback set through http_proxy: it logs every URL tracker asks it for, answers for made-up
hosts (which do not resolve, so tracker sees no private address), and never connects anywhere.
The log is the proof that a refused address was never contacted.
"""

from __future__ import annotations

import gzip
import itertools
import json
import socket
import socketserver
import subprocess
import threading
import time
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import PageServer, Reply, Site, article_html
from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.errors import FetchFailed
from tracker.fetch import http
from tracker.fetch.feeds import FeedInvalid, parse_feed
from tracker.fetch.http import (
    FetchJob,
    FetchPolicy,
    FetchRefused,
    FetchTransient,
    PoliteFetcher,
    PrivateAddressRefused,
    fetch_page,
)
from tracker.models import Page
from tracker.store.identity import article_identity
from tracker.store.store import Store
from tracker.watch.cycle import CycleOptions, run_cycle, watch_url
from tracker.watch.watchlist import WatchOptions

FAST = FetchPolicy(host_delay=0.0, backoff=0.0, timeout=5.0, retries=0)
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


def _run(store: Path, *args: str) -> Any:
    return CliRunner().invoke(app, [*args, "--store", str(store)])


def _fetch(job: FetchJob, policy: FetchPolicy = FAST) -> Page:
    with PoliteFetcher(policy, sleep=lambda _: None) as fetcher:
        return fetcher.fetch(job)


# -- a fake internet behind a logging proxy ------------------------------------------------------


class FakeInternet:
    """A forward HTTP proxy on 127.0.0.1: logs each absolute URL asked for, answers from
    `routes`, 404 for other URLs of known hosts, 502 for any other host; never connects out."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.log: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def page(self, url: str, body: str | bytes, status: int = 200, **headers: str) -> str:
        data = body.encode() if isinstance(body, str) else body
        self.routes[url] = (status, {"Content-Type": "text/html", **headers}, data)
        return url

    def redirect(self, url: str, to: str) -> str:
        return self.page(url, b"", 302, Location=to)

    def hosts(self) -> set[str]:
        return {url.split("/")[2] for url in self.log}

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        internet = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                internet.log.append(self.path)
                known = {url.split("/")[2] for url in internet.routes}
                if self.path in internet.routes:
                    status, headers, body = internet.routes[self.path]
                elif self.path.split("/")[2] in known:
                    status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
                else:
                    status, headers, body = 502, {"Content-Type": "text/plain"}, b"no route"
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        return Handler


@pytest.fixture
def internet(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeInternet]:
    proxy = FakeInternet()
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("http_proxy", proxy.address)
    yield proxy
    proxy.stop()


STORY = "http://news.example/2024/story"
PRIVATE_TARGETS = [
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/admin",
    "http://192.168.1.1/",
    "http://127.0.0.1/",
    "http://localhost/",
    "http://2130706433/",  # 127.0.0.1 as one decimal number
    "http://0x7f.1/",  # hexadecimal, short form
    "http://017700000001/",  # octal
    "http://0.0.0.0/",
    "http://100.64.0.1/",  # shared address space
    "http://224.0.0.1/",  # multicast
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped IPv6
    "http://[::ffff:a9fe:a9fe]/",  # 169.254.169.254, mapped
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://240.0.0.1/",  # reserved
]


# -- 1. redirects: every hop checked before it is requested ----------------------------------------


@pytest.mark.parametrize("target", PRIVATE_TARGETS)
def test_a_redirect_to_a_private_address_is_never_requested(
    internet: FakeInternet, target: str
) -> None:
    internet.redirect(STORY, target)
    with pytest.raises(PrivateAddressRefused, match="private"):
        _fetch(FetchJob(STORY, refuse_private=True))
    assert internet.log == ["http://news.example/robots.txt", STORY]  # never the target


def test_a_public_page_never_redirects_tracker_into_a_private_network(
    internet: FakeInternet,
) -> None:
    """Even for a URL typed by hand (private addresses allowed), trust is not raised by a
    redirect: once on a public address, later hops must stay public."""
    internet.redirect(STORY, "http://169.254.169.254/latest/meta-data/")
    with pytest.raises(PrivateAddressRefused, match="169.254.169.254"):
        fetch_page(STORY)
    assert internet.hosts() == {"news.example"}


def test_a_chain_through_a_private_address_records_nothing(
    internet: FakeInternet, tmp_path: Path
) -> None:
    internet.redirect(STORY, "http://10.0.0.1/hop")
    internet.redirect("http://10.0.0.1/hop", "http://other.example/final")
    internet.page("http://other.example/final", article_html())
    store = tmp_path / "snapshots"
    result = _run(store, "snapshot", "--refuse-private", STORY)
    assert result.exit_code == 1
    assert "private" in result.stderr
    assert internet.log == [STORY]
    assert not list(store.glob("articles/*/*"))


def test_public_redirects_are_followed_through_the_proxy(internet: FakeInternet) -> None:
    internet.redirect(STORY, "http://other.example/final")
    internet.page("http://other.example/final", article_html())
    page = _fetch(FetchJob(STORY, refuse_private=True))
    assert (page.final_url, page.redirects) == ("http://other.example/final", (STORY,))
    assert "http://other.example/final" in internet.log


def test_no_proxy_sends_matching_hosts_direct(
    internet: FakeInternet, server: PageServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    url = server.serve("/direct", article_html())
    assert fetch_page(url).status == 200
    assert internet.log == []
    assert server.hits["/direct"] == 1


def test_a_redirect_loop_stops_at_the_hop_limit(internet: FakeInternet) -> None:
    internet.redirect(STORY, "http://news.example/again")
    internet.redirect("http://news.example/again", STORY)
    with pytest.raises(FetchFailed, match="too many redirects"):
        fetch_page(STORY)
    assert len(internet.log) == http.MAX_REDIRECTS + 1


def test_the_connection_goes_to_the_address_that_was_checked(
    server: PageServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the name resolves to a public address when checked, then to 127.0.0.1.
    The connection is made to an address the fetcher resolved and checked itself, so the
    second answer is refused before any byte is sent."""
    server.serve("/a", article_html())
    real = socket.getaddrinfo
    answers = itertools.chain(["93.184.216.34"], itertools.repeat("127.0.0.1"))

    def rebinding(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "rebind.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port or 0))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    port = server.url("/a").split(":")[2].split("/")[0]
    with pytest.raises(PrivateAddressRefused, match="127.0.0.1"):
        fetch_page(f"http://rebind.test:{port}/a", refuse_private=True)
    assert server.hits.get("/a", 0) == 0


@pytest.mark.parametrize("refuse_private", [False, True])
def test_a_name_server_that_never_answers_cannot_hold_the_run(
    monkeypatch: pytest.MonkeyPatch, refuse_private: bool
) -> None:
    """The system resolver has no deadline; the request's deadline covers the lookup too, so
    the fetch fails (a transient failure) while the lookup is still waiting."""
    answered, gave_up = threading.Event(), threading.Event()
    real = socket.getaddrinfo

    def silent(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "silent.test":
            answered.wait(20)
            gave_up.set()
            raise socket.gaierror("no answer")
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", silent)
    try:
        with pytest.raises(FetchFailed, match="silent.test"):
            fetch_page("http://silent.test/story", timeout=0.3, refuse_private=refuse_private)
        assert not gave_up.is_set()  # the fetch ended while the lookup was still waiting
    finally:
        answered.set()


def test_loopback_redirects_are_followed_when_private_addresses_are_allowed(
    server: PageServer,
) -> None:
    target = server.serve("/final", article_html())
    start = server.serve("/start", Reply(status=302, headers={"Location": target}))
    assert fetch_page(start).final_url == target
    with pytest.raises(PrivateAddressRefused):
        fetch_page(start, refuse_private=True)
    assert server.hits == {"/start": 1, "/final": 1}


# -- 2 and 13. robots.txt goes the same way as pages ---------------------------------------------


def test_a_robots_txt_redirecting_to_a_private_address_is_not_followed(
    internet: FakeInternet,
) -> None:
    internet.redirect("http://news.example/robots.txt", "http://169.254.169.254/robots.txt")
    internet.page(STORY, article_html())
    page = _fetch(FetchJob(STORY))  # a typed URL: private addresses allowed, yet not via robots
    assert page.status == 200
    assert internet.log == ["http://news.example/robots.txt", STORY]


def test_a_huge_compressed_robots_txt_is_read_only_up_to_the_cap(server: PageServer) -> None:
    rules = b"#" * (50 * 1024 * 1024) + b"\nUser-agent: *\nDisallow: /\n"
    headers = {"Content-Type": "text/plain", "Content-Encoding": "gzip"}
    server.serve("/robots.txt", Reply(gzip.compress(rules), headers=headers))
    url = server.serve("/a", article_html())
    tracemalloc.start()
    try:
        assert _fetch(FetchJob(url)).status == 200  # the Disallow lies past 512 KiB: never read
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (410, True), (429, False),
                                                 (500, False), (503, False)])  # fmt: skip
def test_robots_txt_status_decides_as_rfc_9309_says(
    server: PageServer, status: int, allowed: bool
) -> None:
    server.serve("/robots.txt", Reply(b"", status=status))
    url = server.serve("/a", article_html())
    if allowed:
        assert _fetch(FetchJob(url)).status == 200
    else:
        with pytest.raises(FetchRefused, match="robots.txt"):
            _fetch(FetchJob(url))
        assert "/a" not in server.hits


class Trickle:
    """A loopback server that answers every request one byte at a time, `pause` seconds apart,
    in the status line and headers (`where="headers"`) or in the body; logs the paths asked."""

    def __init__(self, where: str = "headers", pause: float = 0.1) -> None:
        self.paths: list[str] = []
        self.stopped = threading.Event()
        trickle = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                request = self.request.recv(65536).decode("latin-1")
                trickle.paths.append(request.split(" ")[1] if " " in request else "")
                head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                slow = head + b"X-Slow: " + b"a" * 10_000
                if where == "body":
                    self.request.sendall(head + b"Content-Length: 100000\r\n\r\n")
                    slow = b"<p>" + b"x" * 100_000
                for byte in slow:
                    if trickle.stopped.wait(pause):
                        return
                    try:
                        self.request.sendall(bytes([byte]))
                    except OSError:
                        return

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def stop(self) -> None:
        self.stopped.set()
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def trickle() -> Iterator[Trickle]:
    served = Trickle()
    yield served
    served.stop()


def test_a_page_trickling_its_headers_times_out_at_the_deadline(trickle: Trickle) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTransient, match="timed out"):
        fetch_page(trickle.url("/a"), timeout=1.0)
    assert time.monotonic() - started < 4


def test_a_page_trickling_its_body_times_out_at_the_deadline() -> None:
    slow = Trickle(where="body", pause=0.05)
    try:
        started = time.monotonic()
        with pytest.raises(FetchTransient, match="timed out"):
            fetch_page(slow.url("/a"), timeout=1.0)
        assert time.monotonic() - started < 4
    finally:
        slow.stop()


def test_a_trickling_robots_txt_ends_at_the_deadline_and_the_page_waits(trickle: Trickle) -> None:
    policy = FetchPolicy(host_delay=0.0, backoff=0.0, timeout=1.0, retries=0)
    started = time.monotonic()
    with pytest.raises(FetchTransient, match="robots.txt"):
        _fetch(FetchJob(trickle.url("/a")), policy)
    assert time.monotonic() - started < 4
    assert trickle.paths == ["/robots.txt"]


def test_a_cycle_with_a_trickling_robots_txt_ends_and_frees_the_store(
    trickle: Trickle, store: Store
) -> None:
    watch_url(store, trickle.url("/a"))
    policy = FetchPolicy(host_delay=0.0, backoff=0.0, timeout=1.0, retries=0)
    options = CycleOptions(fetch=policy, due_only=False, wait=0.0)
    started = time.monotonic()
    summary = run_cycle(store, options=options, sleep=lambda _: None)
    assert summary.failed
    assert time.monotonic() - started < 5
    run_cycle(store, options=options, sleep=lambda _: None)  # the lock was let go


# -- 3. every job hands back an outcome ------------------------------------------------------------


def _fetch_all_within(jobs: list[FetchJob], seconds: float = 30.0) -> dict[FetchJob, object]:
    outcomes: dict[FetchJob, object] = {}

    def run() -> None:
        with PoliteFetcher(FAST, sleep=lambda _: None) as fetcher:
            outcomes.update(fetcher.fetch_all(jobs))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "fetch_all did not hand back every outcome"
    return outcomes


def test_a_url_with_a_control_character_fails_alone(site: Site) -> None:
    good = FetchJob(site.put("/good", article_html()))
    bad = FetchJob(site.url("/bad\x01path"))
    outcomes = _fetch_all_within([bad, good])
    assert isinstance(outcomes[bad], FetchFailed)
    assert "control characters" in str(outcomes[bad])
    assert isinstance(outcomes[good], Page)


def test_an_unexpected_error_in_one_job_becomes_its_failure(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = http._fetch

    def flaky(client: Any, url: str, *args: Any, **kwargs: Any) -> Page:
        if url.endswith("/bad"):
            raise RuntimeError("a bug in one job")
        return real(client, url, *args, **kwargs)

    monkeypatch.setattr(http, "_fetch", flaky)
    good = FetchJob(site.put("/good", article_html()))
    bad = FetchJob(site.put("/bad", article_html()))
    outcomes = _fetch_all_within([bad, good])
    assert isinstance(outcomes[bad], FetchFailed)
    assert "RuntimeError: a bug in one job" in str(outcomes[bad])
    assert isinstance(outcomes[good], Page)


def test_a_feed_item_with_a_control_character_is_dropped(site: Site, store: Store) -> None:
    good = site.put("/good", article_html())
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "News",
        "items": [{"id": "1", "url": site.url("/bad\u0001x")}, {"id": "2", "url": good}],
    }
    url = site.put("/feed.json", json.dumps(feed), content_type="application/feed+json")
    assert [item.url for item in parse_feed(json.dumps(feed).encode(), url).items] == [good]
    watch_url(store, url, options=WatchOptions(allow_private=True))
    options = CycleOptions(fetch=FAST, due_only=False, wait=0.0)
    summary = run_cycle(store, options=options, sleep=lambda _: None)
    assert not summary.failed
    assert summary.counts()["new"] == 1
    run_cycle(store, options=options, sleep=lambda _: None)  # the lock was let go


# -- 5. canonical links: only on the same registrable domain --------------------------------------


@pytest.mark.parametrize(
    ("page", "canonical"),
    [
        ("https://attacker.github.io/post", "https://victim.github.io/story"),
        ("https://attacker.blogspot.com/post", "https://victim.blogspot.com/story"),
        ("https://attacker.co.uk/post", "https://victim.co.uk/story"),
        ("https://attacker.substack.com/p/x", "https://victim.substack.com/p/story"),
        ("https://attacker.herokuapp.com/x", "https://victim.herokuapp.com/story"),
        ("http://127.0.0.1:8080/post", "http://127.0.0.1:9090/story"),
        ("https://example.com/post", "https://example.net/story"),
    ],
)
def test_a_canonical_link_on_another_registrable_domain_is_ignored(
    page: str, canonical: str
) -> None:
    assert article_identity(page, canonical).key == article_identity(page).key


@pytest.mark.parametrize(
    ("page", "canonical", "key"),
    [
        ("https://m.bbc.co.uk/p", "https://www.bbc.co.uk/news/1", "https://bbc.co.uk/news/1"),
        ("https://amp.example.com/p", "https://news.example.com/1", "https://news.example.com/1"),
        ("https://me.github.io/p?x=1", "https://me.github.io/post", "https://me.github.io/post"),
        ("http://127.0.0.1:8080/p", "/story", "https://127.0.0.1:8080/story"),
    ],
)
def test_a_canonical_link_on_the_same_registrable_domain_wins(
    page: str, canonical: str, key: str
) -> None:
    assert article_identity(page, canonical).key == key


def test_a_page_cannot_claim_another_sites_article_end_to_end(
    internet: FakeInternet, store_path: Path
) -> None:
    html = article_html().replace(
        "<head>", "<head><link rel='canonical' href='https://victim.github.io/story'>"
    )
    url = internet.page("http://attacker.github.io/post", html)
    assert _run(store_path, "snapshot", url).exit_code == 0
    assert _run(store_path, "log", "https://victim.github.io/story").exit_code == 1
    assert _run(store_path, "log", url).exit_code == 0


# -- 6. only http(s) URLs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad", ["javascript:alert(1)", "data:text/html,<script>", "file:///etc/passwd", "ftp://e.com/a",
            "https://e.com/a\x1b[31m", "https:///no-host"],
)  # fmt: skip
def test_url_option_accepts_only_http_urls(tmp_path: Path, bad: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(article_html())
    store = tmp_path / "snapshots"
    result = _run(store, "snapshot", str(page), "--url", bad)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --url ")
    assert result.stderr.count("\n") == 1
    assert "\x1b" not in result.stderr
    assert not list(store.glob("articles/*/*"))


def test_url_option_is_stored_markup_safe(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(article_html())
    store = tmp_path / "snapshots"
    hostile = 'https://example.com/a"><script>alert(1)</script>'
    assert _run(store, "snapshot", str(page), "--url", hostile).exit_code == 0
    (meta,) = store.glob("articles/*/*/*/meta.json")
    stored = json.loads(meta.read_text())["url"]
    assert stored.startswith("https://example.com/a%22%3E%3Cscript%3E")
    assert not set('"<>') & set(stored)


def test_feed_items_keep_only_http_urls() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [
            {"id": "1", "url": "javascript:alert(1)"},
            {"id": "2", "url": 'https://e.com/a"><script>'},
            {"id": "3", "url": "data:text/html,x"},
        ],
    }
    items = parse_feed(json.dumps(feed).encode(), "https://e.com/feed.json").items
    assert [item.url for item in items] == ["https://e.com/a%22%3E%3Cscript%3E"]


# -- 7. snapshot URL --refuse-private --------------------------------------------------------------


def test_snapshot_url_honours_refuse_private(site: Site, store_path: Path) -> None:
    url = site.put("/a", article_html())
    result = _run(store_path, "snapshot", "--refuse-private", url)
    assert result.exit_code == 1
    assert "private or loopback" in result.stderr
    assert site.hits("/a") == 0
    assert _run(store_path, "snapshot", url).exit_code == 0  # typed URLs may be local by default


def test_refuse_private_needs_a_url(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(article_html())
    result = _run(tmp_path / "snapshots", "snapshot", "--refuse-private", str(page))
    assert result.exit_code == 2


# -- 8. credentials in URLs are never kept ---------------------------------------------------------


def test_credentials_are_never_sent_stored_indexed_or_printed(site: Site, store_path: Path) -> None:
    clean = site.put("/a", article_html())
    secret = clean.replace("http://", "http://editor:hunter2@")
    snap = _run(store_path, "snapshot", "-v", secret)
    assert snap.exit_code == 0, snap.output
    outputs = [snap.output, _run(store_path, "list").output, _run(store_path, "log", clean).output,
               _run(store_path, "snapshot", secret.replace("/a", "/missing")).output]  # fmt: skip
    assert all("hunter2" not in output and "editor" not in output for output in outputs)
    assert all("authorization" not in {k.lower() for k in h} for _, h in site.requests)
    history = subprocess.run(
        ["git", "-C", str(store_path), "log", "-p", "--all"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert clean in history
    assert "hunter2" not in history
    files = [p for p in store_path.rglob("*") if p.is_file() and "objects" not in p.parts]
    assert all(b"hunter2" not in p.read_bytes() for p in files)


def test_credentials_are_dropped_from_the_watch_list_and_feed_items(
    store: Store, site: Site
) -> None:
    entry, _ = watch_url(store, "https://editor:hunter2@example.com/a")
    assert entry.url == "https://example.com/a"
    assert b"hunter2" not in store.watchlist_path.read_bytes()
    feed = {"version": "https://jsonfeed.org/version/1.1",
            "items": [{"id": "1", "url": "https://u:hunter2@example.com/b"}]}  # fmt: skip
    items = parse_feed(json.dumps(feed).encode(), "https://example.com/feed.json").items
    assert [item.url for item in items] == ["https://example.com/b"]


# -- 9. robots.txt for every hop -------------------------------------------------------------------


def test_a_redirect_to_a_path_robots_txt_forbids_is_not_fetched(server: PageServer) -> None:
    robots = "User-agent: *\nDisallow: /private/\n"
    server.serve("/robots.txt", Reply(robots.encode(), headers={"Content-Type": "text/plain"}))
    server.serve("/private/page", article_html())
    start = server.serve("/a", Reply(status=302, headers={"Location": "/private/page"}))
    with pytest.raises(FetchRefused, match="robots.txt"):
        _fetch(FetchJob(start))
    assert "/private/page" not in server.hits


def test_a_redirect_to_another_host_obeys_that_hosts_robots_txt(
    server: PageServer, store_path: Path
) -> None:
    other = PageServer()
    other.start()
    try:
        other.serve("/robots.txt", Reply(b"User-agent: *\nDisallow: /\n",
                                         headers={"Content-Type": "text/plain"}))  # fmt: skip
        target = other.serve("/story", article_html())
        start = server.serve("/a", Reply(status=302, headers={"Location": target}))
        assert _run(store_path, "watch", "add", start).exit_code == 0
        result = _run(store_path, "snapshot", "--all", "--delay", "0", "--retries", "0")
        assert result.exit_code == 1
        assert "robots.txt" in result.stderr
        assert other.hits == {"/robots.txt": 1}
        assert not list(store_path.glob("articles/*/*"))
    finally:
        other.stop()


def test_markup_that_trips_the_feed_parser_is_an_invalid_feed() -> None:
    with pytest.raises(FeedInvalid, match="not a readable"):
        parse_feed(b"<item><link></item><feed</link>", "https://e.com/feed")


# -- 15. conditional GET for articles snapshotted by URL ---------------------------------------


def test_snapshot_by_url_sends_the_kept_validators_and_takes_a_304(
    site: Site, store_path: Path
) -> None:
    url = site.put("/a", article_html(), etag=True)
    assert "new v1" in _run(store_path, "snapshot", "-v", url).stdout
    again = _run(store_path, "snapshot", "-v", url)
    assert again.exit_code == 0
    assert "unchanged" in again.stdout
    headers = site.requests[-1][1]
    assert headers.get("If-None-Match", "").startswith('"')
    (meta,) = store_path.glob("articles/*/*/*/meta.json")
    assert json.loads(meta.read_text())["etag"] == headers["If-None-Match"]
    site.put("/a", article_html("Council rejects budget"), etag=True)
    assert "changed v2" in _run(store_path, "snapshot", "-v", url).stdout


def test_a_hostile_validator_is_not_sent_back(site: Site) -> None:
    url = site.put("/a", article_html())
    page = _fetch(FetchJob(url, etag='"caf\u00e9"\r\nX-Injected: 1', last_modified="\u2028"))
    assert page.status == 200
    headers = site.requests[-1][1]
    assert "If-None-Match" not in headers
    assert "X-Injected" not in headers
