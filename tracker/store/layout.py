"""What the snapshot store writes for one version of an article, and how it reads it back. Pure.

Part of the store (`tracker.store`): an article folder holds article.txt (headline, byline, blank
line, paragraphs), meta.json (identity, dates, authors, contributors, notes, picture captions,
fetch details) and raw.html (the page as fetched). Each commit's message names the articles it
records.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tracker.models import Article
from tracker.store.identity import Identity

_COMPARED_META = ("title", "authors", "published", "contributors", "notes", "description")
# Compared only when present: a version recorded before captions were kept has the same hash.
_COMPARED_IF_ANY = ("captions",)


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """One version read back from the store: the article, its metadata and the raw page."""

    article: Article
    meta: dict[str, Any]
    raw: bytes = b""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One extracted page to record: `details` holds fetch facts (url, status, redirects...)."""

    identity: Identity
    article: Article
    raw: bytes
    seen: datetime
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Version:
    """The files and change-detection hash of one snapshot, before it is recorded."""

    text: str
    meta: dict[str, Any]
    content: str

    @classmethod
    def of(cls, snap: Snapshot) -> Version:
        text, meta = render_article_text(snap.article), snapshot_meta(snap)
        return cls(text, meta, content_hash(text, meta))

    def files(self, raw: bytes) -> dict[str, bytes]:
        """The article folder's files, by name."""
        return {"article.txt": self.text.encode("utf-8"), "meta.json": json_bytes(self.meta),
                "raw.html": raw}  # fmt: skip


def render_article_text(article: Article) -> str:
    """article.txt: headline, byline, a blank line, then the paragraphs separated by blank lines."""
    header = [" ".join(article.title.split())]
    if article.authors:
        header.append("By " + ", ".join(" ".join(a.split()) for a in article.authors))
    body = [_one_block(p) for p in article.paragraphs]
    return "\n".join(header) + "\n\n" + "\n\n".join(p for p in body if p) + "\n"


def _one_block(paragraph: str) -> str:
    lines = [line.strip() for line in paragraph.strip().splitlines()]
    return "\n".join(line for line in lines if line)


def article_from(text: str, meta: Mapping[str, Any]) -> Article:
    """The article rebuilt from its article.txt and meta.json."""
    body = text.split("\n\n", 1)[1] if "\n\n" in text else ""
    return Article(
        title=meta.get("title") or "",
        authors=list(meta.get("authors") or []),
        published=meta.get("published"),
        modified=meta.get("modified"),
        paragraphs=[p for p in body.strip("\n").split("\n\n") if p],
        contributors=list(meta.get("contributors") or []),
        notes=list(meta.get("notes") or []),
        url=meta.get("url"),
        description=meta.get("description"),
        captions=list(meta.get("captions") or []),
    )


def content_hash(text: str, meta: Mapping[str, Any]) -> str:
    """What decides whether a snapshot is a new version: the text and the compared metadata."""
    relevant = {name: meta.get(name) for name in _COMPARED_META}
    relevant.update({name: meta[name] for name in _COMPARED_IF_ANY if meta.get(name)})
    payload = text + "\0" + json.dumps(relevant, sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def snapshot_meta(snap: Snapshot) -> dict[str, Any]:
    """meta.json of a snapshot."""
    article = snap.article
    return {
        "identity": snap.identity.key,
        "url": snap.details.get("url") or snap.identity.key,
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published,
        "modified": article.modified,
        "description": article.description,
        "canonical": article.url,
        "contributors": list(article.contributors),
        "notes": list(article.notes),
        **({"captions": list(article.captions)} if article.captions else {}),
        "seen": snap.seen.isoformat(timespec="seconds"),
        **{k: v for k, v in snap.details.items() if k != "url"},
    }


def commit_message(recorded: Sequence[tuple[str, str, Mapping[str, Any]]]) -> str:
    """The message of a commit recording (key, title, meta) articles."""
    lines = [f"{title or key}\n    {key}{_mark(meta)}" for key, title, meta in recorded]
    first = recorded[0][0]
    head = f"Snapshot {first}" if len(recorded) == 1 else f"Snapshot {len(recorded)} articles"
    if all(meta.get("reextract") for _, _, meta in recorded):
        head = head.replace("Snapshot", "Re-extract", 1)
    return head + "\n\n" + "\n".join(lines)


def _mark(meta: Mapping[str, Any]) -> str:
    if meta.get("reextract"):
        return " (re-extraction: parser update)"
    if meta.get("flip_flop_of"):
        return f" (flip-flop: back to v{meta['flip_flop_of']})"
    return ""


def json_bytes(data: Any) -> bytes:
    """meta.json's serialisation: indented, keys sorted, UTF-8, a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
