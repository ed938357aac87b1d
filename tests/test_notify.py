"""`tracker notify`: targets kept beside the store (owner-only, never committed), signed
Standard Webhooks POSTs and Apprise URLs after a snapshot or a watch cycle records a change,
filters, retries, the dead-letter file, and snapshots that never fail because of a target."""

from __future__ import annotations

import json
import stat
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import standardwebhooks
from conftest import PARAGRAPHS, Site, article_html
from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.notify import deliver
from tracker.notify.config import CONFIG_FILE, DEAD_LETTER_FILE, load_targets, new_secret
from tracker.notify.webhook import headers

URL = "https://news.example.com/2024/03/01/council-budget"
EDITED = (PARAGRAPHS[0], PARAGRAPHS[1].replace("40 bus drivers", "25 bus drivers"), *PARAGRAPHS[2:])
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:  # type: ignore[type-arg]
        return json.loads(self.body)  # type: ignore[no-any-return]


@dataclass
class Receiver:
    """A loopback endpoint recording POSTs; answers `statuses` in turn (the last repeats)."""

    statuses: list[int] = field(default_factory=lambda: [200])
    posts: list[Received] = field(default_factory=list)

    def __post_init__(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                received = Received(
                    self.path, {k.lower(): v for k, v in self.headers.items()}, body
                )
                receiver.posts.append(received)
                statuses = receiver.statuses
                status = statuses[min(len(receiver.posts) - 1, len(statuses) - 1)]
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    endpoint = Receiver()
    yield endpoint
    endpoint.stop()


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deliver, "BACKOFF", 0.0)
    monkeypatch.setattr(deliver, "TIMEOUT", 5.0)


def _run(store: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [*args, "--store", str(store)])


def _snapshot(store: Path, tmp: Path, name: str, html: str, at: str, url: str = URL):  # type: ignore[no-untyped-def]
    page = tmp / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    done = _run(store, "snapshot", str(page), "--url", url, "--at", at)
    assert done.exit_code == 0, done.output
    return done


def _v1(store: Path, tmp: Path) -> None:
    _snapshot(store, tmp, "v1", article_html(), "2024-03-01T09:00:00Z")


def _v2(store: Path, tmp: Path):  # type: ignore[no-untyped-def]
    return _snapshot(store, tmp, "v2", article_html("Council approves budget", *EDITED),
                     "2024-03-01T10:00:00Z")  # fmt: skip


# -- signing ----------------------------------------------------------------------------------


def test_signature_is_standard_webhooks() -> None:
    body = b'{"type":"article.changed","data":{"x":1}}'
    sent = headers(SECRET, "msg_1", 1_700_000_000, body)
    verifier = standardwebhooks.Webhook(SECRET)
    with pytest.raises(standardwebhooks.webhooks.WebhookVerificationError):
        verifier.verify(body, sent)  # too old: the timestamp is checked
    import time

    now = int(time.time())
    sent = headers(SECRET, "msg_1", now, body)
    assert sent["webhook-signature"].startswith("v1,")
    assert verifier.verify(body, sent) == json.loads(body)
    with pytest.raises(standardwebhooks.webhooks.WebhookVerificationError):
        verifier.verify(body.replace(b"1}", b"2}"), sent)
    fresh = new_secret()
    assert fresh.startswith("whsec_")
    standardwebhooks.Webhook(fresh).verify(body, headers(fresh, "msg_2", now, body))


# -- the targets file ---------------------------------------------------------------------------


def test_add_list_remove_and_the_file_stays_private_and_untracked(tmp_path: Path) -> None:
    store = tmp_path / "snapshots"
    added = _run(store, "notify", "add", "https://hooks.example.com/in", "--only", "quotes,claims")
    assert added.exit_code == 0, added.output
    assert "signing secret (give it to the receiver): whsec_" in added.output
    assert _run(store, "notify", "add", "json://user:hunter2@localhost:9/x").exit_code == 0
    path = store / CONFIG_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert CONFIG_FILE in (store / ".git" / "info" / "exclude").read_text().splitlines()
    status = subprocess.run(["git", "-C", str(store), "status", "--porcelain"],
                            capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert CONFIG_FILE not in status
    listed = _run(store, "notify", "list")
    assert "whsec_" not in listed.output
    assert "hunter2" not in listed.output
    assert (
        "1  webhook  https://hooks.example.com/in (signed)  [only claims,quotes]" in listed.output
    )
    as_json = json.loads(_run(store, "notify", "list", "--format", "json").output)
    assert [t["kind"] for t in as_json] == ["webhook", "apprise"]
    assert all(t["secret"] is None for t in as_json)
    assert _run(store, "notify", "remove", "2").exit_code == 0
    assert _run(store, "notify", "remove", "https://hooks.example.com/in").exit_code == 0
    assert load_targets(store) == []
    missing = _run(store, "notify", "remove", "https://nowhere.example/")
    assert missing.exit_code == 1
    assert missing.output.startswith("Error: no notification target")


def test_bad_secrets_and_targets_are_refused(tmp_path: Path) -> None:
    store = tmp_path / "snapshots"
    bad = _run(store, "notify", "add", "https://hooks.example.com/in", "--secret", "whsec_no!")
    assert bad.exit_code == 1
    assert "Error: a webhook secret is whsec_" in bad.output
    assert _run(store, "notify", "add", "json://localhost/x", "--secret", SECRET).exit_code == 2
    assert _run(store, "notify", "add", "https://h.example/", "--only", "gossip").exit_code == 2
    for unknown in ("nosuchscheme://host/x", "hooks.example.com/in", "https:///path"):
        refused = _run(store, "notify", "add", unknown)
        assert refused.exit_code == 1
        assert refused.output.startswith("Error: ")
    given = _run(store, "notify", "add", "https://hooks.example.com/in", "--secret", SECRET)
    assert given.exit_code == 0
    assert SECRET not in given.output
    assert load_targets(store)[0].secret == SECRET


# -- deliveries after a snapshot ------------------------------------------------------------------


def test_a_recorded_change_is_a_signed_post_and_nothing_recorded_is_silence(
    tmp_path: Path, receiver: Receiver
) -> None:
    store = tmp_path / "snapshots"
    assert _run(store, "notify", "add", receiver.url(), "--secret", SECRET).exit_code == 0
    _v1(store, tmp_path)
    assert receiver.posts == []  # a first version is not a change
    _v2(store, tmp_path)
    assert len(receiver.posts) == 1
    post = receiver.posts[0]
    assert post.headers["content-type"] == "application/json"
    assert post.headers["webhook-id"].startswith("msg_")
    event = standardwebhooks.Webhook(SECRET).verify(post.body, post.headers)
    assert event["type"] == "article.changed"
    data = event["data"]
    assert data["url"] == URL
    assert (data["previous_version"], data["version"]) == (1, 2)
    assert data["report"]["to"]["version"] == 2
    assert "25" in json.dumps(data["report"]["claims"]) or data["report"]["sentences"]
    assert data["summary"] == data["report"]["summary"]
    _v2(store, tmp_path)  # the same text again: nothing recorded
    assert len(receiver.posts) == 1


def test_first_versions_are_announced_when_asked(tmp_path: Path, receiver: Receiver) -> None:
    store = tmp_path / "snapshots"
    assert _run(store, "notify", "add", receiver.url(), "--include-new").exit_code == 0
    _v1(store, tmp_path)
    assert [p.json()["type"] for p in receiver.posts] == ["article.new"]


def test_apprise_url_gets_title_and_text(tmp_path: Path, receiver: Receiver) -> None:
    store = tmp_path / "snapshots"
    target = receiver.url("/apprise").replace("http://", "json://")
    assert _run(store, "notify", "add", target).exit_code == 0
    _v1(store, tmp_path)
    _v2(store, tmp_path)
    assert len(receiver.posts) == 1
    sent = receiver.posts[0].json()
    assert sent["title"] == "Changed: Council approves budget"
    assert URL in sent["message"]
    assert "webhook-signature" not in receiver.posts[0].headers


def test_filters_decide_who_hears_of_a_change(tmp_path: Path, receiver: Receiver) -> None:
    store = tmp_path / "snapshots"
    _run(store, "notify", "add", receiver.url("/quotes"), "--only", "quotes")
    _run(store, "notify", "add", receiver.url("/claims"), "--only", "claims")
    _run(store, "notify", "add", receiver.url("/all"))
    _run(store, "notify", "add", receiver.url("/major"), "--min-significance", "0.5")
    _run(store, "notify", "add", receiver.url("/top"), "--min-significance", "0.99")
    _v1(store, tmp_path)
    _v2(store, tmp_path)  # 40 -> 25 bus drivers: a claim (significant, not 0.99), no quote
    assert sorted(p.path for p in receiver.posts) == ["/all", "/claims", "/major"]


def test_a_failing_target_retries_then_keeps_the_event_and_the_snapshot_succeeds(
    tmp_path: Path, receiver: Receiver
) -> None:
    store = tmp_path / "snapshots"
    receiver.statuses = [500, 503, 502, 200]
    _run(store, "notify", "add", receiver.url())
    _v1(store, tmp_path)
    done = _v2(store, tmp_path)
    assert done.exit_code == 0
    assert "changed v2" in done.output or "v2" in done.output
    assert len(receiver.posts) == deliver.ATTEMPTS
    assert len({p.headers["webhook-id"] for p in receiver.posts}) == 1  # one message, retried
    dead = store / DEAD_LETTER_FILE
    assert stat.S_IMODE(dead.stat().st_mode) == 0o600
    record = json.loads(dead.read_text().splitlines()[0])
    assert record["target"] == receiver.url()
    assert "HTTP 502" in record["error"]
    assert record["event"]["data"]["version"] == 2
    retried = _run(store, "notify", "retry")
    assert retried.exit_code == 0, retried.output
    assert "sent 1, 0 still failing" in retried.output
    assert not dead.exists()
    assert receiver.posts[-1].headers["webhook-id"] == receiver.posts[0].headers["webhook-id"]


def test_a_client_error_is_not_retried(tmp_path: Path, receiver: Receiver) -> None:
    store = tmp_path / "snapshots"
    receiver.statuses = [410]
    _run(store, "notify", "add", receiver.url())
    _v1(store, tmp_path)
    _v2(store, tmp_path)
    assert len(receiver.posts) == 1
    assert (store / DEAD_LETTER_FILE).exists()


def test_unreachable_or_broken_configuration_never_fails_a_snapshot(tmp_path: Path) -> None:
    store = tmp_path / "snapshots"
    _run(store, "notify", "add", "http://127.0.0.1:9/closed")
    _v1(store, tmp_path)
    done = _v2(store, tmp_path)
    assert done.exit_code == 0
    assert "Warning: notification to http://127.0.0.1:9/closed failed" in done.output
    (store / CONFIG_FILE).write_text("{not json")
    done = _snapshot(store, tmp_path, "v3", article_html("Council approves a budget"),
                     "2024-03-01T11:00:00Z")  # fmt: skip
    assert done.exit_code == 0
    assert "Warning: notifications not sent" in done.output


def test_notify_test_command(tmp_path: Path, receiver: Receiver) -> None:
    store = tmp_path / "snapshots"
    none = _run(store, "notify", "test")
    assert none.exit_code == 1
    _run(store, "notify", "add", receiver.url(), "--secret", SECRET)
    ok = _run(store, "notify", "test")
    assert ok.exit_code == 0, ok.output
    event = standardwebhooks.Webhook(SECRET).verify(receiver.posts[0].body,
                                                    receiver.posts[0].headers)  # fmt: skip
    assert event["type"] == "tracker.test"
    _run(store, "notify", "add", "http://127.0.0.1:9/closed")
    failed = _run(store, "notify", "test", "2")
    assert failed.exit_code == 1
    assert not (store / DEAD_LETTER_FILE).exists()


def test_a_watch_cycle_announces_what_it_recorded(tmp_path: Path, receiver: Receiver) -> None:
    store = tmp_path / "snapshots"
    site = Site()
    try:
        page = site.put("/news/budget", article_html())
        _run(store, "notify", "add", receiver.url())
        assert _run(store, "watch", "add", page).exit_code == 0
        fast = ("--delay", "0", "--retries", "0")
        assert _run(store, "snapshot", "--all", *fast).exit_code == 0
        assert receiver.posts == []
        site.put("/news/budget", article_html("Council approves budget", *EDITED))
        assert _run(store, "snapshot", "--all", *fast).exit_code == 0
        assert [p.json()["data"]["version"] for p in receiver.posts] == [2]
        assert _run(store, "snapshot", "--all", *fast).exit_code == 0
        assert len(receiver.posts) == 1
    finally:
        site.stop()
