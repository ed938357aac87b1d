"""`tracker serve` and `tracker site`: the front page, an article's page, the diff of two
versions as HTML and as the report document, escaping, read-only, and the static site."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import PARAGRAPHS, article_html
from typer.testing import CliRunner

from tracker.cli.app import app as cli_app
from tracker.pipeline import snapshot
from tracker.store.store import Store
from tracker.web.app import create_app
from tracker.web.library import Library
from tracker.web.site import ALL_PAIRS_UP_TO, build_site, pairs

with warnings.catch_warnings():  # newer Starlette asks for a renamed httpx; both work
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)
URL = "https://news.example.com/2024/03/01/council-budget"
EDITED = (PARAGRAPHS[0], PARAGRAPHS[1].replace("40 bus drivers", "25 bus drivers"), *PARAGRAPHS[2:])
HOSTILE = 'Budget <script>alert(1)</script> & "more"'


def _record(store: Store, tmp: Path, url: str, *pages: str) -> None:
    for n, page in enumerate(pages):
        source = tmp / f"page{n}.html"
        source.write_text(page, encoding="utf-8")
        results = snapshot([str(source)], store, url=url, at=T0 + timedelta(hours=n))
        assert results[0].status != "failed", results[0].error


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> Store:
    """Two articles: one with three versions (a number edited, then a paragraph added), one
    with a single version whose headline holds markup."""
    added = (*EDITED, "The mayor's office said the vote was a win for every neighbourhood.")
    _record(store, tmp_path, URL, article_html(), article_html("Council approves budget", *EDITED),
            article_html("Council approves budget", *added))  # fmt: skip
    hostile = article_html(HOSTILE.replace("<", "&lt;").replace(">", "&gt;"))
    _record(store, tmp_path, "https://other.example.org/story", hostile)
    return store


@pytest.fixture
def client(filled: Store) -> Iterator[TestClient]:
    library = Library(filled.root)
    with TestClient(create_app(library)) as test_client:
        yield test_client
    library.close()


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def _article_link(client: TestClient) -> str:
    front = client.get("/")
    return next(h for h in _links(front.text) if h.startswith("/articles/news.example.com/"))


def test_front_page_links_each_articles_page(client: TestClient) -> None:
    front = client.get("/")
    assert front.status_code == 200
    assert front.headers["content-type"].startswith("text/html")
    pages = [h for h in _links(front.text) if h.startswith("/articles/") and h.endswith("/")]
    assert len(pages) == 2
    for page in pages:
        assert client.get(page).status_code == 200
    assert "Council approves budget" in front.text


def test_article_page_lists_versions_and_links_each_change(client: TestClient) -> None:
    page = client.get(_article_link(client))
    assert page.status_code == 200
    assert page.text.count('name="from"') == 3
    changes = [h for h in _links(page.text) if "/v/" in h]
    assert [h.rsplit("/", 1)[1] for h in changes] == ["1..2", "2..3"]
    assert URL in page.text


def test_diff_page_is_the_html_report_with_navigation(client: TestClient) -> None:
    article = _article_link(client)
    diff = client.get(article + "v/1..2")
    assert diff.status_code == 200
    assert re.search(r"<del[^>]*>40</del>", diff.text)
    assert re.search(r"<ins[^>]*>25</ins>", diff.text)
    assert 'class="trk-nav"' in diff.text
    assert article in _links(diff.text)
    nav = diff.text[diff.text.index('class="trk-nav"') :]
    assert "next change" in nav.split("</nav>")[0]


def test_diff_as_json_by_suffix_or_accept_header(client: TestClient) -> None:
    article = _article_link(client)
    by_suffix = client.get(article + "v/1..3.json")
    by_header = client.get(article + "v/1..3", headers={"Accept": "application/json"})
    for response in (by_suffix, by_header):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/json")
    document = by_suffix.json()
    assert document == by_header.json()
    assert document["from"]["version"] == 1
    assert document["to"]["version"] == 3
    assert {"sentences", "quotes", "claims", "summary"} <= set(document)
    assert any(s["kind"] == "added" for s in document["sentences"])
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    html = client.get(article + "v/1..3", headers={"Accept": browser})
    assert html.headers["content-type"].startswith("text/html")


def test_compare_form_redirects_to_the_chosen_pair(client: TestClient) -> None:
    article = _article_link(client)
    response = client.get(article + "compare?from=3&to=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == article + "v/3..1"
    assert client.get(response.headers["location"]).status_code == 200
    assert client.get(article + "compare?from=x&to=1").status_code == 400


def test_text_from_the_store_is_escaped(client: TestClient) -> None:
    front = client.get("/")
    assert "<script>" not in front.text
    assert "Budget &lt;script&gt;alert(1)&lt;/script&gt; &amp;" in front.text
    page = client.get("/articles/other.example.org/" + _links(front.text)[-1].split("/")[-2] + "/")
    assert "<script>" not in page.text


def test_missing_pages_versions_and_bad_pairs_are_404(client: TestClient) -> None:
    article = _article_link(client)
    assert client.get("/articles/nowhere.example/none-0123456789/").status_code == 404
    assert client.get(article + "v/1..9").status_code == 404
    assert "versions 1 to 3" in client.get(article + "v/1..9").text
    assert client.get(article + "v/one..two").status_code == 404
    assert client.get("/no/such/page").status_code == 404


def test_read_only_and_locked_down(client: TestClient) -> None:
    article = _article_link(client)
    for method in ("POST", "PUT", "DELETE"):
        assert client.request(method, article + "v/1..2").status_code == 405
    assert client.head("/").status_code == 200
    headers = client.get("/").headers
    assert "script-src" not in headers["content-security-policy"]
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_loopback_server_refuses_other_host_names(filled: Store) -> None:
    library = Library(filled.root)
    with TestClient(create_app(library, allowed_hosts={"localhost", "127.0.0.1"})) as guarded:
        assert guarded.get("/", headers={"Host": "localhost:8000"}).status_code == 200
        assert guarded.get("/", headers={"Host": "127.0.0.1"}).status_code == 200
        assert guarded.get("/", headers={"Host": "evil.example:8000"}).status_code == 421
    library.close()


def test_new_versions_appear_without_a_restart(filled: Store, tmp_path: Path) -> None:
    library = Library(filled.root, refresh=0.0)
    with TestClient(create_app(library)) as live:
        assert live.get("/").text.count('class="title"') == 2
        later = tmp_path / "later"
        later.mkdir()
        _record(filled, later, "https://third.example.net/a", article_html("A third story"))
        assert live.get("/").text.count('class="title"') == 3
    library.close()


# -- the static site ---------------------------------------------------------------------------


def test_site_writes_the_same_pages_as_files(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    summary = build_site(filled.root, out)
    assert summary.articles == 2
    index = out / "index.html"
    assert index.is_file()
    front = index.read_text("utf-8")
    pages = [out / h for h in _links(front) if h.endswith("/index.html") and "/v/" not in h]
    assert len(pages) == 2
    assert all(p.is_file() for p in pages)
    article = next(p for p in pages if "news.example.com" in str(p))
    folder = article.parent
    for old, new in ((1, 2), (2, 3), (1, 3)):
        assert (folder / "v" / f"{old}..{new}" / "index.html").is_file()
        assert json.loads((folder / "v" / f"{old}..{new}.json").read_text("utf-8"))["to"]["version"]
    diff = (folder / "v" / "1..2" / "index.html").read_text("utf-8")
    assert re.search(r"<ins[^>]*>25</ins>", diff)
    for href in _links(diff):  # every link inside the site resolves to a written file
        if not href.startswith(("http", "#")):  # "#..." is a place on this page
            assert (folder / "v" / "1..2" / href).resolve().is_file(), href
    for href in _links(article.read_text("utf-8")):
        if not href.startswith(("http", "#")):
            assert (folder / href).resolve().is_file(), href
    assert "<script>alert" not in "".join(p.read_text("utf-8") for p in out.rglob("*.html"))


def test_site_json_is_the_servers_json(filled: Store, tmp_path: Path, client: TestClient) -> None:
    build_site(filled.root, tmp_path / "site")
    article = _article_link(client)
    served = client.get(article + "v/1..3.json").json()
    written = json.loads((tmp_path / "site" / article.strip("/") / "v" / "1..3.json").read_text())
    assert served == written


def test_site_pairs_cover_every_pair_up_to_a_limit() -> None:
    assert list(pairs(3)) == [(1, 2), (1, 3), (2, 3)]
    many = ALL_PAIRS_UP_TO + 3
    chosen = set(pairs(many))
    assert {(n - 1, n) for n in range(2, many + 1)} <= chosen
    assert {(n, many) for n in range(1, many)} <= chosen
    assert len(chosen) < many * (many - 1) // 2


def test_site_command_and_missing_store(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = CliRunner().invoke(cli_app, ["--store", str(filled.root), "site", str(out)])
    assert done.exit_code == 0, done.output
    assert (out / "index.html").is_file()
    missing = CliRunner().invoke(cli_app, ["--store", str(tmp_path / "none"), "site", str(out)])
    assert missing.exit_code == 1
    assert "Error: no snapshot store" in missing.output
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    refused = CliRunner().invoke(cli_app, ["--store", str(filled.root), "site", str(a_file)])
    assert refused.exit_code == 1
    assert "is a file" in refused.output


# -- the command, measured from outside ---------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str, accept: str | None = None) -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return response.status, response.headers["content-type"], response.read().decode()


def test_serve_command_on_loopback(filled: Store) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "serve", "--port", str(port), "--store",
         str(filled.root)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                status, kind, front = _get(base + "/")
                break
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None, "server exited"
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        assert status == 200
        article = next(h for h in _links(front) if "news.example.com" in h)
        assert _get(base + article)[0] == 200
        _, kind, body = _get(base + article + "v/1..2", accept="application/json")
        assert kind.startswith("application/json")
        assert json.loads(body)["to"]["version"] == 2
        _, kind, body = _get(base + article + "v/1..2")
        assert kind.startswith("text/html")
        assert re.search(r"<ins[^>]*>25</ins>", body)
    finally:
        process.terminate()
        process.communicate(timeout=10)


def test_serve_command_without_a_store_fails_cleanly(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli_app, ["serve", "--store", str(tmp_path / "none")])
    assert done.exit_code == 1
    assert "Error: no snapshot store" in done.output


def test_serve_command_on_a_busy_port_fails_cleanly(filled: Store) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        done = CliRunner().invoke(cli_app, ["serve", "--port", port, "--store", str(filled.root)])
    assert done.exit_code == 1
    assert done.output.startswith(f"Error: cannot listen on 127.0.0.1:{port}")
