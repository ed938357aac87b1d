"""What an article URL may be before tracker fetches, stores or prints it. Pure.

Only http(s) URLs with a host are accepted; control characters anywhere in a URL, and spaces or
markup characters in its host, are refused (a feed item or a `--url` carrying them is an error,
never a request); credentials (`user:password@`) are dropped, so they are never sent, stored,
indexed or printed; spaces and characters that break out of quotes and markup (`"<>` and
friends) in the path, query and fragment are percent-encoded.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

_SCHEMES = frozenset({"http", "https"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_UNSAFE_SHOWN = '"<>\\^`{|}'
_UNSAFE = {c: f"%{ord(c):02X}" for c in " " + _UNSAFE_SHOWN}


class UrlRefused(ValueError):
    """A URL tracker will not fetch or store; the message says why, in one line."""


def web_url(url: str) -> str:
    """`url` ready to fetch and store: checked, without credentials, markup-safe.

    Raises `UrlRefused` for anything but an http(s) URL with a host, and for URLs holding
    control characters (or spaces and markup characters in the host).
    """
    text = url.strip()
    if _CONTROL.search(text):
        raise UrlRefused(f"{shown(text)}: a URL may not hold control characters")
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as error:
        raise UrlRefused(f"{shown(text)}: not a valid URL ({error})") from None
    if parts.scheme.lower() not in _SCHEMES:
        raise UrlRefused(f"{shown(text)}: not an http(s) URL (only http:// and https:// are)")
    if not host:
        raise UrlRefused(f"{shown(text)}: the URL names no host")
    netloc = parts.netloc.rsplit("@", 1)[-1]
    if any(c in _UNSAFE for c in netloc):
        raise UrlRefused(f"{shown(text)}: a host name may not hold spaces or {_UNSAFE_SHOWN}")
    path, query = _encode(parts.path), _encode(parts.query)
    return urlunsplit((parts.scheme.lower(), netloc, path, query, _encode(parts.fragment)))


def without_userinfo(url: str) -> str:
    """`url` without `user:password@` (unchanged when it has none or cannot be parsed)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1]))


def shown(url: str) -> str:
    """`url` as it may be printed: no credentials, control characters escaped, one line."""
    clean = without_userinfo(url)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", clean)


def _encode(text: str) -> str:
    return "".join(_UNSAFE.get(c, c) for c in text)
