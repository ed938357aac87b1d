"""What goes wrong on the wire: timeouts, error statuses, loops, huge and binary bodies, charsets,
malformed pages, robots.txt answers. Each fault is served by a real server on 127.0.0.1."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import PageServer, Reply, Site, article_html

from tracker.errors import FetchFailed
from tracker.fetch.http import FetchJob, FetchPolicy, FetchRefused, FetchTransient, PoliteFetcher
from tracker.store.store import Store
from tracker.watch.cycle import CycleOptions, run_cycle, watch_url

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)
NO_WAIT = FetchPolicy(host_delay=0.0, backoff=0.0, timeout=5.0, retries=2)


def _fetch(url: str, policy: FetchPolicy = NO_WAIT, **job: object) -> object:
    with PoliteFetcher(policy, sleep=lambda _: None) as fetcher:
        return fetcher.fetch(FetchJob(url, **job))  # type: ignore[arg-type]


def _check(store: Store, url: str):  # type: ignore[no-untyped-def]
    watch_url(store, url, now=T0)
    options = CycleOptions(fetch=NO_WAIT, due_only=False)
    return run_cycle(store, now=T0, options=options, sleep=lambda _: None).results[0]


def test_a_timeout_fails_after_its_retries(server: PageServer) -> None:
    url = server.serve("/slow", Reply(b"<p>late</p>", delay=1.5))
    policy = FetchPolicy(host_delay=0, backoff=0, timeout=0.3, retries=1)
    with pytest.raises(FetchTransient, match="timed out"):
        _fetch(url, policy)
    assert server.hits["/slow"] == 2


def test_a_slow_answer_within_the_timeout_is_fine(server: PageServer) -> None:
    url = server.serve("/slow", Reply(article_html().encode(), delay=0.2))
    assert _fetch(url).status == 200  # type: ignore[attr-defined]


@pytest.mark.parametrize("status", [404, 410])
def test_a_missing_page_fails_at_once_without_retries(server: PageServer, status: int) -> None:
    url = server.serve("/gone", Reply(b"gone", status=status))
    with pytest.raises(FetchFailed, match=f"HTTP {status}") as caught:
        _fetch(url)
    assert not isinstance(caught.value, FetchTransient)
    assert server.hits["/gone"] == 1


@pytest.mark.parametrize("status", [500, 503])
def test_a_server_error_is_retried_then_reported(server: PageServer, status: int) -> None:
    url = server.serve("/error", Reply(b"oops", status=status))
    with pytest.raises(FetchTransient, match=f"HTTP {status}"):
        _fetch(url)
    assert server.hits["/error"] == 3


def test_a_server_error_that_passes_is_a_success(server: PageServer) -> None:
    url = server.serve("/flaky", Reply(b"busy", status=503), article_html())
    assert _fetch(url).status == 200  # type: ignore[attr-defined]


def test_a_long_retry_after_gives_up_instead_of_waiting(server: PageServer) -> None:
    busy = Reply(b"busy", status=503, headers={"Content-Type": "text/plain", "Retry-After": "3600"})
    url = server.serve("/busy", busy, article_html())
    with pytest.raises(FetchTransient):
        _fetch(url)
    assert server.hits["/busy"] == 1


def test_a_redirect_loop_fails_with_a_clear_reason(server: PageServer) -> None:
    server.serve("/a", Reply(status=302, headers={"Location": "/b"}))
    url = server.serve("/b", Reply(status=302, headers={"Location": "/a"}))
    with pytest.raises(FetchFailed, match="too many redirects"):
        _fetch(url)


def test_a_streamed_50_mb_body_is_cut_off_at_the_cap(site: Site) -> None:
    url = site.put("/huge", b"", stream=(b"<p>" + b"x" * 65_533, 800))  # 800 x 64 KiB
    with pytest.raises(FetchFailed, match="too large"):
        _fetch(url, FetchPolicy(host_delay=0, backoff=0, max_bytes=2 * 1024 * 1024))


def test_a_declared_50_mb_body_is_refused_before_reading(server: PageServer) -> None:
    headers = {"Content-Type": "text/html", "Content-Length": str(50 * 1024 * 1024)}
    url = server.serve("/huge", Reply(b"<p>x</p>", headers=headers, send_length=False))
    with pytest.raises(FetchFailed, match="too large"):
        _fetch(url)


def test_binary_content_is_not_a_web_page(server: PageServer) -> None:
    png = Reply(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), headers={"Content-Type": "image/png"})
    with pytest.raises(FetchFailed, match="not a web page"):
        _fetch(server.serve("/img", png))


def test_binary_bytes_served_as_html_fail_without_a_version(site: Site, store: Store) -> None:
    url = site.put("/bin", bytes(range(256)) * 64)
    assert _check(store, url).status == "failed"
    assert store.articles() == []


def test_a_wrong_declared_charset_still_reads_the_text(site: Site, store: Store) -> None:
    page = article_html("Café owners protest", "Le café de la gare a fermé ses portes lundi. " * 8)
    url = site.put("/cafe", page.encode("latin-1"), content_type="text/html; charset=utf-8")
    assert _check(store, url).status == "new"
    tracked = store.find(url)
    assert "café" in store.read(tracked, tracked.versions[0]).article.text


def test_utf8_declared_as_latin1_is_read_as_utf8(site: Site, store: Store) -> None:
    page = article_html("Zoë’s café", "Zoë said the café would reopen in the spring. " * 8)
    page = page.replace("charset='utf-8'", "charset='iso-8859-1'")
    url = site.put("/zoe", page.encode("utf-8"), content_type="text/html; charset=iso-8859-1")
    _check(store, url)
    tracked = store.find(url)
    assert "Zoë" in store.read(tracked, tracked.versions[0]).article.text


def test_malformed_html_is_read_without_crashing(site: Site, store: Store) -> None:
    body = "The council met on Tuesday and voted to approve the budget for next year. " * 6
    broken = f"<html><head><title>Council</title><body><div><p>{body}<p><b>unclosed <i>tags"
    url = site.put("/broken", broken + "</div></span></html></html><<<>>>")
    assert _check(store, url).status == "new"


def test_an_empty_article_is_a_failure_not_a_version(site: Site, store: Store) -> None:
    url = site.put("/empty", "<html><head><title>Council</title></head><body></body></html>")
    assert _check(store, url).status == "failed"
    assert store.articles() == []


def test_conditional_get_sends_the_validators_and_reads_a_304(site: Site) -> None:
    url = site.put("/a", article_html())
    first = _fetch(url)
    etag = first.headers["etag"]  # type: ignore[attr-defined]
    again = _fetch(url, etag=etag, last_modified="Fri, 01 Mar 2024 09:00:00 GMT")
    assert (again.status, again.content) == (304, b"")  # type: ignore[attr-defined]
    assert site.requests[-1][1]["If-Modified-Since"] == "Fri, 01 Mar 2024 09:00:00 GMT"


def test_a_changed_page_ignores_an_old_etag(site: Site) -> None:
    url = site.put("/a", article_html())
    etag = _fetch(url).headers["etag"]  # type: ignore[attr-defined]
    site.put("/a", article_html("New headline"))
    assert _fetch(url, etag=etag).status == 200  # type: ignore[attr-defined]


def test_robots_txt_denial_refuses_the_page(site: Site) -> None:
    site.put("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    with pytest.raises(FetchRefused, match="robots.txt"):
        _fetch(site.put("/a", article_html()))


def test_a_failing_robots_txt_forbids_everything(site: Site) -> None:
    site.put("/robots.txt", "down", status=503, content_type="text/plain")
    with pytest.raises(FetchRefused, match="robots.txt"):
        _fetch(site.put("/a", article_html()))


def test_a_missing_robots_txt_allows_everything(site: Site) -> None:
    assert _fetch(site.put("/a", article_html())).status == 200  # type: ignore[attr-defined]


def test_private_addresses_are_refused_when_asked(site: Site) -> None:
    with pytest.raises(FetchRefused, match="private"):
        _fetch(site.put("/a", article_html()), refuse_private=True)


def test_many_urls_come_back_with_one_outcome_each(site: Site) -> None:
    jobs = [FetchJob(site.put(f"/p{n}", article_html(f"Story {n}"))) for n in range(12)]
    jobs.append(FetchJob(site.url("/missing")))
    with PoliteFetcher(NO_WAIT) as fetcher:
        outcomes = dict(fetcher.fetch_all(jobs))
    assert set(outcomes) == set(jobs)
    assert isinstance(outcomes[jobs[-1]], FetchFailed)
