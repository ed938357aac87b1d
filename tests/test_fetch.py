"""Fetching pages from a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import pytest
from conftest import PageServer, Reply

from tracker.errors import FetchFailed
from tracker.fetch.http import USER_AGENT, detect_encoding, fetch_page
from tracker.pipeline import extract_source


def test_fetch_returns_body_status_and_time(server: PageServer) -> None:
    url = server.serve("/story", "<html><body><p>Hello</p></body></html>")
    page = fetch_page(url)
    assert page.content == b"<html><body><p>Hello</p></body></html>"
    assert page.status == 200
    assert page.final_url == url
    assert page.fetched.endswith("+00:00")


def test_fetch_names_the_tool_in_the_user_agent(server: PageServer) -> None:
    fetch_page(server.serve("/story", "<p>x</p>"))
    assert server.user_agents == [USER_AGENT]


def test_redirects_are_followed_and_recorded(server: PageServer) -> None:
    target = server.serve("/final", "<p>moved here</p>")
    start = server.serve("/old", Reply(status=301, headers={"Location": "/final"}))
    page = fetch_page(start)
    assert page.final_url == target
    assert page.redirects == (start,)


def test_missing_page_fails_with_the_status(server: PageServer) -> None:
    with pytest.raises(FetchFailed, match=r"HTTP 404"):
        fetch_page(server.url("/nothing-here"))


def test_slow_page_times_out(server: PageServer) -> None:
    url = server.serve("/slow", Reply(b"<p>late</p>", delay=2.0))
    with pytest.raises(FetchFailed, match="timed out"):
        fetch_page(url, timeout=0.3)


def test_page_over_the_size_limit_fails(server: PageServer) -> None:
    url = server.serve("/big", b"<p>" + b"x" * 5000 + b"</p>")
    with pytest.raises(FetchFailed, match="too large"):
        fetch_page(url, max_bytes=1000)


def test_streamed_page_over_the_limit_fails_without_content_length(server: PageServer) -> None:
    body = b"<p>" + b"y" * 5000 + b"</p>"
    url = server.serve("/chunks", Reply(body, send_length=False))
    with pytest.raises(FetchFailed, match="too large"):
        fetch_page(url, max_bytes=4000)


def test_non_web_content_is_refused(server: PageServer) -> None:
    url = server.serve("/photo", Reply(b"\x89PNG", headers={"Content-Type": "image/png"}))
    with pytest.raises(FetchFailed, match="not a web page"):
        fetch_page(url)


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "example.com/a"])
def test_only_http_urls_are_fetched(url: str) -> None:
    with pytest.raises(FetchFailed, match="only http"):
        fetch_page(url)


def test_unreachable_host_fails_with_one_line() -> None:
    with pytest.raises(FetchFailed, match="cannot connect") as caught:
        fetch_page("http://127.0.0.1:9/")
    assert "\n" not in str(caught.value)


def test_charset_comes_from_the_header(server: PageServer) -> None:
    headers = {"Content-Type": "text/html; charset=ISO-8859-1"}
    page = fetch_page(
        server.serve("/latin", Reply("<p>café</p>".encode("latin-1"), headers=headers))
    )
    assert page.encoding == "iso8859-1"


def test_charset_comes_from_a_byte_order_mark() -> None:
    assert detect_encoding(b"\xef\xbb\xbf<p>x</p>", "text/html; charset=latin-1") == "utf-8"


def test_charset_comes_from_a_meta_tag() -> None:
    assert detect_encoding(b'<html><head><meta charset="windows-1252">') == "cp1252"


def test_unknown_charset_is_ignored() -> None:
    assert detect_encoding(b"<p>x</p>", "text/html; charset=no-such-set") is None


def test_utf8_page_with_a_stray_byte_is_read_as_utf8_end_to_end(server: PageServer) -> None:
    body = (
        "<p>It\u2019s the third time this year that the council has delayed the vote on the "
        "budget, and members said on Tuesday they expect to try again next month.</p>"
    )
    html = f"<html><head><title>Vote</title></head><body><article>{body}<p>Caf".encode()
    html += b"\xe9 owners on Main Street said the delay leaves them guessing.</p></article></html>"
    headers = {"Content-Type": "text/html; charset=utf-8"}
    article, _ = extract_source(server.serve("/stray", Reply(html, headers=headers)))
    assert article.paragraphs[0].startswith("It\u2019s the third time")
    assert article.paragraphs[1].startswith("Caf\ufffd owners")


def test_charset_of_a_utf16_byte_order_mark() -> None:
    assert detect_encoding(b"\xff\xfe<\x00p\x00>\x00", "text/html; charset=utf-8") == "utf-16-le"
