"""Delivering events: a signed JSON POST per Standard Webhooks to an http(s) target, Apprise for
any other scheme; each tried a few times with growing pauses, and kept in the dead-letter file
when every try failed. A target that failed in a run is not tried again in that run (its later
events go straight to the dead-letter file), so a dead endpoint slows a cron cycle once."""

from __future__ import annotations

import json
import time
import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx  # noqa: TID251 - posts to the user's own notification targets, not article fetching

from tracker import __version__
from tracker.errors import BadSource
from tracker.notify import webhook
from tracker.notify.config import Target, append_dead_letter, is_webhook, masked

ATTEMPTS = 3
BACKOFF = 1.0  # seconds before the second try; doubled before each later one
TIMEOUT = 10.0
_RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class Event:
    """One notification: `type` (article.changed, article.new, tracker.test), a title and a
    one-paragraph text for chat and mail targets, and the JSON `data` webhooks receive."""

    type: str
    title: str
    text: str
    data: dict[str, Any]
    id: str = ""
    timestamp: str = ""

    def document(self) -> dict[str, Any]:
        """The webhook body: {"type", "timestamp", "data"} as Standard Webhooks suggests."""
        return {"type": self.type, "timestamp": self.timestamp, "data": self.data}


def make_event(kind: str, title: str, text: str, data: dict[str, Any]) -> Event:
    now = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    return Event(kind, title, text, data, id=f"msg_{uuid.uuid4().hex}", timestamp=now)


@dataclass(frozen=True, slots=True)
class Delivery:
    """How one event went to one target."""

    target: Target
    ok: bool
    attempts: int
    error: str | None = None


class Notifier:
    """Delivers events to targets; one per run (it remembers the targets that failed)."""

    def __init__(
        self,
        root: Path,
        *,
        attempts: int | None = None,
        backoff: float | None = None,
        timeout: float | None = None,
        dead_letters: bool = True,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.root = root
        self.attempts = max(1, ATTEMPTS if attempts is None else attempts)
        self.backoff = BACKOFF if backoff is None else backoff
        self.timeout = TIMEOUT if timeout is None else timeout
        self.dead_letters = dead_letters
        self.sleep = sleep
        self.failed: set[str] = set()
        self._client: httpx.Client | None = None

    def __enter__(self) -> Notifier:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()

    def deliver(self, target: Target, event: Event) -> Delivery:
        """Send `event` to `target`, retrying; a final failure goes to the dead-letter file."""
        if target.url in self.failed:
            result = Delivery(target, False, 0, "not tried: the target failed earlier in this run")
        else:
            result = self._try(target, event)
            if not result.ok:
                self.failed.add(target.url)
        if not result.ok and self.dead_letters:
            append_dead_letter(self.root, {
                "failed": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "target": target.url, "error": result.error, "attempts": result.attempts,
                "event": {"id": event.id, "title": event.title, "text": event.text,
                          **event.document()},
            })  # fmt: skip
        return result

    def _try(self, target: Target, event: Event) -> Delivery:
        error: str | None = "not sent"
        for attempt in range(1, self.attempts + 1):
            if attempt > 1:
                self.sleep(self.backoff * 2 ** (attempt - 2))
            try:
                retry, error = self._send(target, event)
            except Exception as failure:  # noqa: BLE001 - any failure of a target is reported
                retry, error = True, f"{type(failure).__name__}: {failure}"
            if not error:
                return Delivery(target, True, attempt)
            if not retry:
                return Delivery(target, False, attempt, error)
        return Delivery(target, False, self.attempts, error)

    def _send(self, target: Target, event: Event) -> tuple[bool, str | None]:
        """One try: (whether a failure is worth retrying, the error or None)."""
        if target.kind == "webhook":
            return self._post(target, event)
        return _apprise(target, event)

    def _post(self, target: Target, event: Event) -> tuple[bool, str | None]:
        if self._client is None:
            self._client = httpx.Client(
                timeout=self.timeout,
                follow_redirects=False,
                headers={"user-agent": f"tracker/{__version__} (webhooks)"},
            )
        body = json.dumps(event.document(), ensure_ascii=False, separators=(",", ":")).encode()
        sent = webhook.headers(target.secret, event.id, int(time.time()), body)
        try:
            response = self._client.post(target.url, content=body, headers=sent)
        except httpx.HTTPError as failure:
            return True, f"{masked(target.url)}: {type(failure).__name__}: {failure}"
        if 200 <= response.status_code < 300:
            return False, None
        retry = response.status_code in _RETRY_STATUSES
        return retry, f"{masked(target.url)} answered HTTP {response.status_code}"


def _apprise(target: Target, event: Event) -> tuple[bool, str | None]:
    with warnings.catch_warnings():  # Apprise imports the deprecated imghdr module as it sends
        warnings.simplefilter("ignore", DeprecationWarning)
        import apprise

        service = apprise.Apprise()
        if not service.add(target.url):
            return False, f"{masked(target.url)} is not a notification URL Apprise knows"
        if service.notify(body=event.text, title=event.title):
            return False, None
    return True, f"{masked(target.url)}: Apprise could not deliver"


def check_target(url: str) -> None:
    """BadSource unless `url` is an http(s) URL with a host or a URL Apprise knows."""
    if is_webhook(url):
        if not urlsplit(url).hostname:
            raise BadSource(f"{url} names no host; give e.g. https://hooks.example.com/tracker")
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import apprise

        known = apprise.Apprise().add(url)
    if not known:
        raise BadSource(
            f"{masked(url)} is neither an http(s) URL nor a notification URL Apprise knows "
            "(e.g. json://host:port/path, mailto://user:password@example.com)"
        )
