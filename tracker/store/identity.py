"""Article URL -> identity: the normalised key and the store folder of its versions. Pure."""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

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
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go"})
_SLUG_MAX = 60
_HOST_MAX = 80


@dataclass(frozen=True, slots=True)
class Identity:
    """Who an article is: `key` is its normalised URL, `path` its folder inside the store."""

    key: str
    path: str


def article_identity(url: str, canonical: str | None = None) -> Identity:
    """The identity of the article at `url`; the page's `canonical` URL wins on the same site."""
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
    while current != previous:
        previous, current = current, _normalise_once(current)
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


def _site(key: str) -> str:
    labels = (urlsplit(key).hostname or "").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _same_site(a: str, b: str) -> bool:
    return urlsplit(b).scheme == "https" and _site(a) == _site(b) != ""


def _store_path(key: str) -> str:
    parts = urlsplit(key)
    site = parts.netloc.replace(":", "-") or parts.scheme
    host = _safe(site, _HOST_MAX, keep_dots=True) or "unknown-host"
    slug = _slug(parts.path) or "index"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    return f"articles/{host}/{slug}-{digest}"


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
