"""Where notifications go: `notify.json` beside the snapshots (like the watch list: never
committed, kept out of the store's git with its info/exclude file), readable by its owner only
because webhook secrets live in it. Failed deliveries are kept in `notify-failed.jsonl`."""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from tracker.errors import BadSource, StoreCorrupt
from tracker.store.files import write_atomic

CONFIG_FILE = "notify.json"
DEAD_LETTER_FILE = "notify-failed.jsonl"
_UNTRACKED = (CONFIG_FILE, f".{CONFIG_FILE}.*.tmp", DEAD_LETTER_FILE)
_FORMAT = 1
_PRIVATE = 0o600

Kind = Literal["webhook", "apprise"]


@dataclass(frozen=True, slots=True)
class Target:
    """One place to notify: an http(s) URL (a Standard Webhooks endpoint, signed with `secret`)
    or an Apprise URL. `only` and `min_significance` filter reports as `diff --only` does;
    `include_new` also announces an article's first version."""

    url: str
    secret: str | None = None
    only: tuple[str, ...] | None = None
    min_significance: float = 0.0
    include_new: bool = False
    added: str = ""

    @property
    def kind(self) -> Kind:
        return "webhook" if is_webhook(self.url) else "apprise"

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "secret": self.secret,
            "only": list(self.only) if self.only is not None else None,
            "min_significance": self.min_significance,
            "include_new": self.include_new,
            "added": self.added,
        }

    def shown(self) -> dict[str, Any]:
        """What `notify list` shows: no secret, no password."""
        return {**self.to_dict(), "url": masked(self.url), "kind": self.kind,
                "secret": None, "signed": self.secret is not None}  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Target:
        only = data.get("only")
        return cls(
            url=str(data["url"]),
            secret=data.get("secret"),
            only=tuple(str(p) for p in only) if isinstance(only, list) else None,
            min_significance=float(data.get("min_significance") or 0.0),
            include_new=bool(data.get("include_new")),
            added=str(data.get("added") or ""),
        )


def is_webhook(url: str) -> bool:
    return re.match(r"(?i)https?://", url) is not None


def masked(url: str) -> str:
    """`url` with the password of its user part replaced by ****."""
    return re.sub(r"^([a-z][a-z0-9+.-]*://[^/@:]*:)[^/@]*@", r"\1****@", url, flags=re.I)


def new_secret() -> str:
    """A fresh Standard Webhooks secret: whsec_ and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The HMAC key of a `whsec_...` secret (the prefix is optional); BadSource if malformed."""
    text = secret.strip()
    text = text[len("whsec_") :] if text.startswith("whsec_") else text
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if not key:
        raise BadSource(
            "a webhook secret is whsec_ followed by random bytes in base64 (24 to 64 of them); "
            "leave --secret out to have one made"
        )
    return key


def config_path(root: Path) -> Path:
    return Path(root) / CONFIG_FILE


def dead_letter_path(root: Path) -> Path:
    return Path(root) / DEAD_LETTER_FILE


def load_targets(root: Path) -> list[Target]:
    """The store's notification targets (none when nothing was ever added)."""
    path = config_path(root)
    try:
        document = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as error:
        raise StoreCorrupt(f"{path} is unreadable ({error}); fix or remove it") from None
    if not isinstance(document, dict) or not isinstance(document.get("targets"), list):
        raise StoreCorrupt(f'{path} should hold {{"format": 1, "targets": [...]}}')
    return [Target.from_dict(t) for t in document["targets"] if isinstance(t, dict)]


def save_targets(root: Path, targets: list[Target]) -> None:
    """Write the targets, readable and writable by the owner only, kept out of git."""
    path = config_path(root)
    document = {"format": _FORMAT, "targets": [t.to_dict() for t in targets]}
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    exclude_from_git(Path(root))
    write_atomic(path, data)  # a temporary file made 0600, then renamed
    path.chmod(_PRIVATE)


def add_target(root: Path, target: Target) -> tuple[Target, bool]:
    """Add `target` (or replace the one with its URL): (the target as saved, whether new)."""
    targets = load_targets(root)
    known = next((t for t in targets if t.url == target.url), None)
    stamped = replace(target, added=known.added if known else _now())
    kept = [stamped if t.url == target.url else t for t in targets]
    save_targets(root, kept if known else [*targets, stamped])
    return stamped, known is None


def remove_target(root: Path, which: str) -> Target:
    """Remove the target named by its URL (as listed) or its number in the list."""
    targets = load_targets(root)
    found = find_target(targets, which)
    save_targets(root, [t for t in targets if t is not found])
    return found


def find_target(targets: list[Target], which: str) -> Target:
    if which.isdigit() and 1 <= int(which) <= len(targets):
        return targets[int(which) - 1]
    for target in targets:
        if which in (target.url, masked(target.url)):
            return target
    raise BadSource(f"no notification target {which}; see 'tracker notify list'")


def append_dead_letter(root: Path, record: dict[str, Any]) -> Path:
    """Add one failed delivery to the dead-letter file (owner-only, kept out of git)."""
    path = dead_letter_path(root)
    exclude_from_git(Path(root))
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, _PRIVATE)
    try:
        os.write(handle, line)
    finally:
        os.close(handle)
    return path


def read_dead_letters(root: Path) -> list[dict[str, Any]]:
    path = dead_letter_path(root)
    try:
        lines = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        return []
    records = []
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            records.append(record)
    return records


def rewrite_dead_letters(root: Path, records: list[dict[str, Any]]) -> None:
    path = dead_letter_path(root)
    if not records:
        path.unlink(missing_ok=True)
        return
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    write_atomic(path, data)
    path.chmod(_PRIVATE)


def exclude_from_git(root: Path) -> None:
    """List the notification files in the store's .git/info/exclude (as the store does for the
    watch list), so that `git add .` in the store never commits a secret."""
    exclude = root / ".git" / "info" / "exclude"
    if not exclude.parent.parent.is_dir():
        return
    try:
        text = exclude.read_text("utf-8")
    except FileNotFoundError:
        text = ""
    missing = [name for name in _UNTRACKED if name not in text.splitlines()]
    if missing:
        exclude.parent.mkdir(exist_ok=True)
        start = "\n" if text and not text.endswith("\n") else ""
        with exclude.open("a", encoding="utf-8") as f:
            f.write(start + "".join(f"{name}\n" for name in missing))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
