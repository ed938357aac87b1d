"""Feed bytes -> the article links it lists (RSS, Atom, JSON Feed). Pure: the caller fetches."""

from __future__ import annotations

import calendar
import html
import io
import json
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import feedparser

from tracker.errors import TrackerError
from tracker.fetch.urls import UrlRefused, web_url
from tracker.times import iso, parse_time

_FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
    }
)
_XML_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})
_SNIFF_BYTES = 4096
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)", re.IGNORECASE | re.DOTALL)
_ROOT = re.compile(r"\s*<([A-Za-z_][\w:.-]*)")
_JSON_FEED_VERSION = "https://jsonfeed.org/version/"
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


class FeedInvalid(TrackerError):
    """The bytes are not a readable RSS, Atom or JSON feed."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: the article's absolute http(s) URL and what the feed says of it."""

    url: str
    title: str
    published: str | None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its title and its items in feed order, one per article URL."""

    title: str
    items: tuple[FeedItem, ...]


def parse_feed(content: bytes, base_url: str) -> Feed:
    """The items of an RSS, Atom or JSON feed; relative links are resolved against `base_url`.

    Only http(s) item URLs are kept (URLs with control characters are dropped, credentials
    are removed), without their #fragment, each once (the first occurrence
    wins; URLs differing only in the case of the host are the same). Raises `FeedInvalid`
    when `content` is not a feed.
    """
    text_start = _decoded_start(content).lstrip()
    if text_start.startswith(("{", "[")):
        return _parse_json_feed(content, base_url)
    return _parse_xml_feed(content, base_url)


def is_feed(content: bytes, content_type: str | None) -> bool:
    """Whether `content` looks like a feed; the bytes decide, the content type only breaks ties."""
    start = _decoded_start(content)
    root = _xml_root(start)
    if root is not None:
        return root in _XML_ROOTS
    if start.lstrip().startswith("{"):
        return _JSON_FEED_VERSION in start or _media_type(content_type) == "application/feed+json"
    return _media_type(content_type) in _FEED_TYPES and bool(start.strip())


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _decoded_start(content: bytes) -> str:
    head = content[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def _xml_root(start: str) -> str | None:
    position = 0
    while match := _PROLOG.match(start, position):
        position = match.end()
    root = _ROOT.match(start, position)
    return root.group(1).lower() if root else None


def _parse_xml_feed(content: bytes, base_url: str) -> Feed:
    try:
        parsed = feedparser.parse(
            io.BytesIO(content),
            response_headers={"content-location": base_url, "content-type": "application/xml"},
            sanitize_html=False,
        )
    except Exception as error:  # feedparser's own bugs on broken markup (KeyError: 'links')
        raise FeedInvalid(_invalid_message(base_url, f"{type(error).__name__}: {error}")) from None
    entries: list[Mapping[str, Any]] = list(parsed.get("entries", []))
    broken_and_empty = parsed.get("bozo") and not entries
    if not parsed.get("version") or broken_and_empty:
        raise FeedInvalid(_invalid_message(base_url, parsed.get("bozo_exception")))
    items = (_xml_item(entry, base_url) for entry in entries)
    return Feed(title=_xml_text(parsed.get("feed", {}), "title"), items=_unique(items))


def _invalid_message(base_url: str, problem: object) -> str:
    detail = f" ({problem})" if problem else ""
    return (
        f"{base_url} is not a readable RSS, Atom or JSON feed{detail}; "
        "check that the URL points at the feed itself, not at a web page"
    )


def _xml_item(entry: Mapping[str, Any], base_url: str) -> FeedItem | None:
    url = _absolute_url(_entry_link(entry), base_url)
    if url is None:
        return None
    return FeedItem(
        url=url,
        title=_xml_text(entry, "title"),
        published=_iso_from_struct(entry.get("published_parsed") or entry.get("updated_parsed")),
        authors=_names(author.get("name") for author in entry.get("authors", []) if author),
    )


def _entry_link(entry: Mapping[str, Any]) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    link = entry.get("link")
    if link:
        return str(link)
    guid = entry.get("id")
    return str(guid) if guid and entry.get("guidislink") else None


def _xml_text(node: Mapping[str, Any], key: str) -> str:
    value = str(node.get(key) or "")
    detail = node.get(f"{key}_detail") or {}
    if "html" in str(detail.get("type", "")):
        value = html.unescape(_TAG.sub(" ", value))
    return _SPACE.sub(" ", value).strip()


def _iso_from_struct(value: time.struct_time | None) -> str | None:
    if value is None:
        return None
    try:
        return iso(datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc))
    except (OverflowError, ValueError, OSError):
        return None


def _parse_json_feed(content: bytes, base_url: str) -> Feed:
    try:
        document = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise FeedInvalid(_invalid_message(base_url, f"bad JSON: {error}")) from None
    if not isinstance(document, dict) or not _is_json_feed(document):
        raise FeedInvalid(_invalid_message(base_url, "JSON without a JSON Feed version and items"))
    items = (_json_item(item, base_url) for item in document["items"] if isinstance(item, dict))
    return Feed(title=_json_text(document.get("title")), items=_unique(items))


def _is_json_feed(document: dict[str, Any]) -> bool:
    version = document.get("version")
    return (
        isinstance(version, str)
        and version.startswith(_JSON_FEED_VERSION)
        and isinstance(document.get("items"), list)
    )


def _json_item(item: dict[str, Any], base_url: str) -> FeedItem | None:
    url = _json_item_url(item, base_url)
    if url is None:
        return None
    return FeedItem(
        url=url,
        title=_json_text(item.get("title")),
        published=_json_date(item.get("date_published") or item.get("date_modified")),
        authors=_names(_json_author_names(item)),
    )


def _json_item_url(item: dict[str, Any], base_url: str) -> str | None:
    """The item's `url`, else an `id` that is itself an absolute URL, else its `external_url`."""
    url, guid, external = (item.get(key) for key in ("url", "id", "external_url"))
    if isinstance(url, str) and (found := _absolute_url(url, base_url)):
        return found
    if isinstance(guid, str) and (found := _absolute_url(guid, "")):
        return found
    return _absolute_url(external, base_url) if isinstance(external, str) else None


def _json_author_names(item: dict[str, Any]) -> Iterable[object]:
    authors = item.get("authors")
    if not isinstance(authors, list):
        authors = [item.get("author")]
    return (author.get("name") for author in authors if isinstance(author, dict))


def _json_text(value: object) -> str:
    return _SPACE.sub(" ", value).strip() if isinstance(value, str) else ""


def _json_date(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return iso(parse_time(value))
    except (ValueError, OverflowError):
        return None


def _absolute_url(link: str | None, base_url: str) -> str | None:
    """The item's absolute http(s) URL, checked (no control characters or white space inside,
    credentials dropped: see `tracker.fetch.urls.web_url`); None when it has none."""
    if not link or not link.strip():
        return None
    try:
        parts = urlsplit(web_url(urljoin(base_url, link.strip())))
    except (UrlRefused, ValueError):
        return None
    return urlunsplit(parts._replace(fragment=""))


def _names(values: Iterable[object]) -> tuple[str, ...]:
    names = (_SPACE.sub(" ", value).strip() for value in values if isinstance(value, str))
    return tuple(dict.fromkeys(name for name in names if name))


def _unique(items: Iterable[FeedItem | None]) -> tuple[FeedItem, ...]:
    seen: set[str] = set()
    kept: list[FeedItem] = []
    for item in items:
        if item is None:
            continue
        key = _dedupe_key(item.url)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return tuple(kept)


def _dedupe_key(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))
