"""The web pages in a real browser (headless Chromium through Playwright): front page ->
article -> two versions picked -> the highlighted change, on a desktop and a phone screen, from
`tracker serve` and from the files of `tracker site`. Screenshots land in the test's tmp dir.
Skipped when /usr/bin/chromium is missing (scripts/check installs it where it can)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from conftest import PARAGRAPHS, article_html

from tracker.pipeline import snapshot
from tracker.store.store import Store
from tracker.web.app import create_app
from tracker.web.library import Library
from tracker.web.site import build_site

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
              "device_scale_factor": 2},
}  # fmt: skip
T0 = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)
URL = "https://news.example.com/2024/03/01/council-budget"
ADDED = "The mayor's office said the vote was a win for every neighbourhood."


@pytest.fixture(scope="module")
def store_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    root = folder / "snapshots"
    store = Store.open(root)
    edited = (PARAGRAPHS[0], PARAGRAPHS[1].replace("40 bus drivers", "25 bus drivers"),
              *PARAGRAPHS[2:])  # fmt: skip
    pages = [article_html(), article_html("Council approves budget", *edited),
             article_html("Council approves budget after long debate", *edited, ADDED)]  # fmt: skip
    for n, html in enumerate(pages):
        page = folder / f"v{n}.html"
        page.write_text(html, encoding="utf-8")
        snapshot([str(page)], store, url=URL, at=T0 + timedelta(hours=n))
    other = folder / "other.html"
    other.write_text(article_html("Library opens on Sundays"), encoding="utf-8")
    snapshot([str(other)], store, url="https://other.example.org/library", at=T0)
    store.close()
    return root


@pytest.fixture(scope="module")
def base_url(store_root: Path) -> Iterator[str]:
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    library = Library(store_root)
    config = uvicorn.Config(create_app(library), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    library.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def _walk(page: Any, start: str, shots: Path, screen: str) -> None:
    """Front page -> the article -> versions 1 and 3 picked -> the diff, checked and shot."""
    page.goto(start)
    page.screenshot(path=str(shots / f"{screen}-1-front.png"), full_page=True)
    page.get_by_role("link", name="Council approves budget after long debate").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Council approves budget after long debate"
    page.locator('input[name="from"][value="1"]').check()
    page.locator('input[name="to"][value="3"]').check()
    page.screenshot(path=str(shots / f"{screen}-2-article.png"), full_page=True)
    page.get_by_role("button", name="Compare the two versions").click()
    page.wait_for_load_state()
    assert "1..3" in page.url
    inserted = page.locator("ins", has_text="25").first
    assert inserted.is_visible()
    colour = inserted.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), "the change is not highlighted"
    assert page.locator("del", has_text="40").first.is_visible()
    assert page.get_by_text(ADDED).first.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, "the page scrolls sideways"
    page.screenshot(path=str(shots / f"{screen}-3-diff.png"), full_page=True)
    page.locator("nav.trk-nav a", has_text="Council approves budget").click()
    page.wait_for_load_state()
    assert page.locator('input[name="to"]').count() == 3


@pytest.mark.parametrize("screen", SCREENS)
def test_walk_from_front_page_to_a_highlighted_change(
    browser: Any, base_url: str, tmp_path: Path, screen: str
) -> None:
    context = browser.new_context(**SCREENS[screen])
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        _walk(page, base_url + "/", tmp_path, screen)
    finally:
        context.close()
    assert errors == []
    assert len(list(tmp_path.glob(f"{screen}-*.png"))) == 3


def test_the_static_site_walks_the_same_from_disk(
    browser: Any, store_root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build_site(store_root, out)
    context = browser.new_context(**SCREENS["desktop"])
    try:
        _walk(context.new_page(), (out / "index.html").as_uri(), tmp_path, "site")
    finally:
        context.close()
