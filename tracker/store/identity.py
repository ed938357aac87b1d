"""Article URL -> identity: the normalised key and the store folder of its versions. Pure.

An article's folder is `articles/<host>/<ab>/<slug>-<hash>`: `<hash>` is the first 10 hex digits
of the key's SHA-256 and `<ab>` its first two, so no tree of the store holds more than 256
shards per host, and a shard about 1/256 of a host's articles (stores of format 1 kept the
folders directly under the host: `sharded_path` says where such a folder moves).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

from tld import Result, get_tld

from tracker.errors import BadUrl

_TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
        "mc_cid", "mc_eid", "cmpid", "cmp", "ocid", "_ga", "_gl", "ref", "ref_src", "ref_url",
        "smid", "smtyp", "s_cid", "wt.mc_id", "wt_mc", "at_medium", "at_campaign", "at_custom1",
        "guccounter", "guce_referrer", "guce_referrer_sig", "sr_share", "__twitter_impression",
        "cmpid_", "ito", "mbid", "rss", "spm", "taid", "soc_src", "soc_trk", "partner",
        "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "hootpostid", "amp",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "vero_", "oly_", "__s", "_hs")
_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Hosts that give each customer a subdomain but are missing from the bundled Public Suffix List.
_SHARED_HOSTS = (
    "substack.com", "medium.com", "wordpress.com", "tumblr.com", "squarespace.com", "weebly.com",
    "ghost.io", "beehiiv.com", "livejournal.com", "typepad.com",
)  # fmt: skip
_FOLDER_NAME = re.compile(r".*-[0-9a-f]{10}")
_SLUG_MAX = 60
_HOST_MAX = 80


@dataclass(frozen=True, slots=True)
class Identity:
    """Who an article is: `key` is its normalised URL, `path` its folder inside the store."""

    key: str
    path: str


def article_identity(url: str, canonical: str | None = None) -> Identity:
    """The identity of the article at `url`; the page's `canonical` URL wins on the same site
    (the same registrable domain: a page on one github.io or blogspot.com site never claims
    another's article)."""
    key = normalise_url(url)
    if canonical:
        canonical_key = normalise_url(urljoin(url, canonical.strip()))
        if _same_site(key, canonical_key):
            key = canonical_key
    return Identity(key=key, path=_store_path(key))


@functools.lru_cache(maxsize=4096)
def normalise_url(url: str) -> str:
    """The URL with tracking parameters, AMP variants, mobile hosts and fragments folded away."""
    previous, current = None, url.strip()
    try:
        while current != previous:
            previous, current = current, _normalise_once(current)
    except ValueError as error:  # a port out of range, a broken IPv6 literal
        raise BadUrl(f"{url}: not a valid URL ({error})") from None
    return current


def _normalise_once(url: str) -> str:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        return urlunsplit((scheme, parts.netloc, parts.path, parts.query, ""))
    host = _fold_host(parts.hostname or "")
    if ":" in host:
        host = f"[{host}]"
    if parts.port and parts.port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{parts.port}"
    path = _fold_path(parts.path)
    query = _fold_query(parts.query)
    return urlunsplit(("https", host, path, query, ""))


def _fold_host(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix) :]
    return host


def _fold_path(path: str) -> str:
    path = quote(unquote(path), safe="/:@!$&'()*+,;=~%-._")
    path = _remove_dot_segments(re.sub(r"/{2,}", "/", path))
    path = re.sub(r"\.amp\.html?$", ".html", path)
    path = re.sub(r"^/amp(?=/)", "", path)
    path = re.sub(r"/amp/?$", "", path)
    path = path.rstrip("/")
    return path or "/"


def _remove_dot_segments(path: str) -> str:
    kept: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if len(kept) > 1:
                kept.pop()
        elif segment != ".":
            kept.append(segment)
    return "/".join(kept)


def _fold_query(query: str) -> str:
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode(sorted((k, v) for k, v in pairs if not _is_tracking(k, v)))


def _is_tracking(name: str, value: str) -> bool:
    lowered = name.lower()
    if lowered == "outputtype":
        return value.lower() == "amp"
    return lowered in _TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def registrable_domain(host: str) -> str | None:
    """The domain a registrant owns, by the Public Suffix List bundled with `tld` (no network):
    'news.bbc.co.uk' -> 'bbc.co.uk', 'victim.github.io' -> 'victim.github.io' (github.io is a
    shared suffix). None for IP addresses, single labels and unknown suffixes."""
    name = host.strip().rstrip(".").lower()
    if not name or ":" in name or name.replace(".", "").isdigit():
        return None
    for suffix in _SHARED_HOSTS:
        if name.endswith(f".{suffix}"):
            return f"{name[: -len(suffix) - 1].rsplit('.', 1)[-1]}.{suffix}"
    found = get_tld(name, fix_protocol=True, fail_silently=True, as_object=True)
    if not isinstance(found, Result) or found.tld == name:  # a public suffix itself
        return None
    return str(found.fld)


def _same_site(a: str, b: str) -> bool:
    """Whether the key `b` is on the same site as `a`: the same registrable domain (so never
    across a shared suffix such as github.io, blogspot.com or co.uk), or, for hosts without
    one (IP addresses, local names), the same host and port."""
    first, second = urlsplit(a), urlsplit(b)
    if second.scheme != "https" or not first.hostname or not second.hostname:
        return False
    domain = registrable_domain(first.hostname)
    if domain is None:
        return first.netloc == second.netloc
    return registrable_domain(second.hostname) == domain


def _store_path(key: str) -> str:
    parts = urlsplit(key)
    site = parts.netloc.replace(":", "-") or parts.scheme
    host = _safe(site, _HOST_MAX, keep_dots=True) or "unknown-host"
    slug = _slug(parts.path) or "index"
    digest = key_hash(key)[:10]
    return f"articles/{host}/{digest[:2]}/{slug}-{digest}"


def key_hash(key: str) -> str:
    """The hex SHA-256 of an article key: its folder name ends with the first 10 digits, and the
    first two name its shard, in the store's tree (`articles/<host>/<ab>/`) and in the cache."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def sharded_path(path: str) -> str:
    """Where a folder of the first layout, `articles/<host>/<slug>-<hash>`, lives in the sharded
    one: `articles/<host>/<ab>/<slug>-<hash>`, `ab` being the hash's first two digits. A path
    already sharded, or not an article folder's, is returned as it is."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] != "articles" or not _FOLDER_NAME.fullmatch(parts[2]):
        return path
    return f"{parts[0]}/{parts[1]}/{parts[2][-10:-8]}/{parts[2]}"


def flat_path(path: str) -> str:
    """The inverse of `sharded_path`: where a sharded folder lived in the first layout."""
    parts = path.split("/")
    if len(parts) != 4 or parts[0] != "articles" or not is_shard(parts[2]):
        return path
    return f"{parts[0]}/{parts[1]}/{parts[3]}"


def is_shard(name: str) -> bool:
    """Whether a folder name under `articles/<host>/` is a shard (two hex digits), not an
    article folder (whose names end with `-` and ten hex digits)."""
    return len(name) == 2 and all(c in "0123456789abcdef" for c in name)


def _slug(path: str) -> str:
    words = [w for w in unquote(path).lower().split("/") if w]
    tail = words[-1] if words else ""
    if re.fullmatch(r"(index|article|story|amp)?[\d._-]*(\.html?|\.php|\.aspx?)?", tail) and words:
        tail = "-".join(words[-2:])
    return _safe(re.sub(r"\.(html?|php|aspx?)$", "", tail), _SLUG_MAX, keep_dots=False)


def _safe(text: str, limit: int, *, keep_dots: bool) -> str:
    pattern = r"[^a-z0-9.]+" if keep_dots else r"[^a-z0-9]+"
    cleaned = re.sub(pattern, "-", text.lower())
    cleaned = re.sub(r"\.{2,}", ".", cleaned)
    return cleaned[:limit].strip(".-")
