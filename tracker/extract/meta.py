"""Article metadata from a parsed page: JSON-LD, meta tags, <title>, canonical URL, bylines."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from lxml import html as lxml_html

from tracker.extract.people import clean_names
from tracker.extract.title import TitleCandidate, choose_title, page_headings

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "liveblogposting",
        "report",
        "scholarlyarticle",
        "socialmediaposting",
        "webpage",
    }
)
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|«|»|·|•)\s+")
_BYLINE_ATTR = re.compile(r"byline|author|writer|contributor", re.IGNORECASE)
_BYLINE_EXCLUDE = re.compile(
    r"bio|avatar|image|photo|img|comment|social|follow|share", re.IGNORECASE
)
_COMMENTS = re.compile(r"comment|reply|respond|discussion|related|recommend|sidebar", re.I)
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page says about itself outside the body text."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    url: str | None = None
    description: str | None = None
    body: str | None = None
    site: str = ""
    publisher: str = ""


def read_metadata(tree: lxml_html.HtmlElement, url: str | None) -> PageMeta:
    """Merge JSON-LD, meta tags and <title>, best source first."""
    ld = _json_ld_article(tree)
    meta = _meta_tags(tree)
    site = _first(meta, "og:site_name", "application-name", "twitter:site")
    title = choose_title(_title_candidates(tree, ld, meta, site)) or _single_h1(tree)
    authors = clean_names(_ld_authors(ld.get("author")), lenient=True)
    if not authors:
        authors = clean_names(_meta_authors(tree), lenient=True)
    return PageMeta(
        title=title,
        authors=authors,
        published=iso_date(
            _ld_text(ld.get("datePublished")) or _first(meta, *_PUBLISHED_KEYS) or _time_tag(tree)
        ),
        modified=iso_date(_ld_text(ld.get("dateModified")) or _first(meta, *_MODIFIED_KEYS)),
        url=_canonical(tree, meta, ld) or url,
        description=_ld_text(ld.get("description"))
        or _first(meta, "og:description", "description", "twitter:description")
        or None,
        body=_ld_text(ld.get("articleBody")) or None,
        site=site,
        publisher=_ld_text(ld.get("publisher")),
    )


_TITLE_KEYS = (
    "dc:title",
    "dc.title",
    "dcterms:title",
    "dcterm:title",
    "og:title",
    "twitter:title",
    "parsely-title",
    "sailthru.title",
)
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "datepublished",
    "og:published_time",
)
_MODIFIED_KEYS = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "datemodified",
)


# --- JSON-LD -----------------------------------------------------------------------------


def _json_ld_article(tree: lxml_html.HtmlElement) -> dict[str, Any]:
    """The first article-like JSON-LD object on the page (searching @graph and lists)."""
    best: dict[str, Any] = {}
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        for obj in _ld_objects(_load_json(script.text_content())):
            kinds = {str(k).lower() for k in _as_list(obj.get("@type"))}
            if kinds & _ARTICLE_TYPES and (not best or "webpage" in _types(best)):
                best = obj
    return best


def _types(obj: dict[str, Any]) -> set[str]:
    return {str(k).lower() for k in _as_list(obj.get("@type"))}


def _load_json(text: str) -> Any:
    text = _CDATA.sub("", text).strip().removesuffix(";")
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None


def _ld_objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every dict at the top, in lists, in @graph and in mainEntity (bounded depth)."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), (list, dict)):
                yield from _ld_objects(data[key], depth + 1)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _ld_text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    return html.unescape(value).strip() if isinstance(value, str) else ""


def _ld_authors(value: Any) -> list[str]:
    names: list[str] = []
    for item in _as_list(value):
        if isinstance(item, dict):
            if "organization" in _types(item) and names:
                continue
            item = item.get("name")
            item = item[0] if isinstance(item, list) and item else item
        if isinstance(item, str) and item.strip():
            names.append(html.unescape(item))
    return names


# --- meta tags, <title>, canonical ------------------------------------------------------


def _meta_tags(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """name/property/itemprop -> content, lower-cased keys, first occurrence wins."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = html.unescape(meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            for key in (meta.get(attr) or "").lower().split():
                found.setdefault(key, content)
    return found


def _first(meta: dict[str, str], *keys: str) -> str:
    for key in keys:
        if meta.get(key):
            return meta[key]
    return ""


def _first_text(*values: str) -> str:
    return next((" ".join(v.split()) for v in values if v and v.strip()), "")


_AUTHOR_KEYS = (
    "dc:creator",
    "dc.creator",
    "dcterms:creator",
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
)


def _meta_authors(tree: lxml_html.HtmlElement) -> list[str]:
    """Every value of the first author meta key the page uses (one tag per author)."""
    for key in _AUTHOR_KEYS:
        values = [v for v in _meta_values(tree, key) if "://" not in v and not v.startswith("www.")]
        if values:
            return [n for v in values for n in re.split(r"\s*[;|]\s*", v)]
    return []


def _meta_values(tree: lxml_html.HtmlElement, key: str) -> list[str]:
    found: list[str] = []
    for meta in tree.iter("meta"):
        keys = {k for a in ("property", "name") for k in (meta.get(a) or "").lower().split()}
        content = html.unescape(meta.get("content") or "").strip()
        if key in keys and content and content not in found:
            found.append(content)
    return found


def _title_candidates(
    tree: lxml_html.HtmlElement, ld: dict[str, Any], meta: dict[str, str], site: str
) -> list[TitleCandidate]:
    """Every statement of the headline, best source first, site names removed."""
    found = [TitleCandidate(_ld_text(ld.get(key)), "ld") for key in ("headline", "name")]
    found.append(TitleCandidate(_first(meta, *_TITLE_KEYS), "meta"))
    found = [TitleCandidate(clean_title(c.text, site), c.source) for c in found]
    found.append(TitleCandidate(clean_title(_title_tag(tree), site, loose=True), "title"))
    found += page_headings(tree)
    site_key = _key(site)  # the site's own name is no headline
    return [c for c in found if not site_key or _key(c.text) != site_key]


def _single_h1(tree: lxml_html.HtmlElement) -> str:
    """The page's one <h1>, when it reads like a headline: what readers see above the story."""
    headings = tree.xpath("//body//h1")
    if len(headings) != 1:
        return ""
    text = html.unescape(" ".join(headings[0].text_content().split()))
    return text if 3 <= len(text.split()) <= 40 else ""


def _title_tag(tree: lxml_html.HtmlElement) -> str:
    title = tree.find(".//title")
    return " ".join(title.text_content().split()) if title is not None else ""


def clean_title(title: str, site: str = "", loose: bool = False) -> str:
    """Drop a site suffix (" - CNN", " | The Guardian") or prefix the page title carries."""
    title = " ".join(title.split())
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site_key = _key(site.lstrip("@"))
    if site_key:
        if _key(parts[-1]) in (site_key, site_key.removeprefix("the")):
            return clean_title(_join_head(title, parts), "", loose)
        if _key(parts[0]) == site_key:
            return title[title.find(parts[1]) :]
    if loose and len(parts[-1].split()) <= 4 and len(" ".join(parts[:-1]).split()) >= 3:
        return _join_head(title, parts)
    return title


def _join_head(title: str, parts: list[str]) -> str:
    return title[: title.rfind(parts[-1])].rstrip(" |-–—:«»·•")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower().removeprefix("www.").split(".com")[0])


def _canonical(tree: lxml_html.HtmlElement, meta: dict[str, str], ld: dict[str, Any]) -> str:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = (link.get("href") or "").strip()
            if href.startswith(("http://", "https://")):
                return href
    for candidate in (meta.get("og:url", ""), _ld_text(ld.get("url"))):
        if candidate.startswith(("http://", "https://")):
            return candidate
    return ""


def _time_tag(tree: lxml_html.HtmlElement) -> str:
    for time in tree.iter("time"):
        if time.get("datetime") and (time.get("pubdate") is not None or "pub" in _attrs(time)):
            return time.get("datetime") or ""
    return ""


def iso_date(value: str | None) -> str | None:
    """An ISO 8601 string for a date as pages print it in metadata, else None."""
    value = (value or "").strip()
    if not value:
        return None
    text = re.sub(r"Z$", "+00:00", value.replace(" ", "T", 1) if value[:4].isdigit() else value)
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    match = re.match(r"(\d{4})-?(\d\d)-?(\d\d)", value)
    return f"{match[1]}-{match[2]}-{match[3]}" if match and _valid_day(match) else None


def _valid_day(match: re.Match[str]) -> bool:
    try:
        datetime(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return False
    return True


# --- bylines in the page ------------------------------------------------------------------


def dom_bylines(tree: lxml_html.HtmlElement) -> list[str]:
    """Names in the page's first byline (rel=author, itemprop=author, class*=byline/author):
    every author element beside the first one, each on its own."""
    scope: lxml_html.HtmlElement | None = None
    found: list[str] = []
    for el in tree.iter(*_BYLINE_TAGS):
        if not _is_byline_element(el) or _in_comments(el) or _holds_byline(el):
            continue
        if scope is not None and not _contains(scope, el):
            continue
        text = " ".join(el.text_content().split())
        if text and len(text) < 120:
            scope = scope if scope is not None else _byline_scope(el)
            found.append(text)
    return found


_BYLINE_TAGS = ("a", "span", "div", "p", "address", "li", "strong", "b", "h3", "h4")


def _holds_byline(el: lxml_html.HtmlElement) -> bool:
    """A byline box around separate author elements: read those, not the box."""
    return any(_is_byline_element(d) for d in el.iterdescendants(*_BYLINE_TAGS))


def _byline_scope(el: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Where the first author element's co-authors sit: its byline box, else its parent."""
    parent = el.getparent()
    for ancestor in el.iterancestors():
        if ancestor.tag in _BYLINE_TAGS and _is_byline_element(ancestor):
            return ancestor
    return parent if parent is not None else el


def _contains(outer: lxml_html.HtmlElement, inner: lxml_html.HtmlElement) -> bool:
    return any(a is outer for a in inner.iterancestors())


def _is_byline_element(el: lxml_html.HtmlElement) -> bool:
    if "author" in (el.get("rel") or "").lower().split():
        return True
    if "author" in (el.get("itemprop") or "").lower().split():
        return True
    attrs = _attrs(el)
    return bool(_BYLINE_ATTR.search(attrs)) and not _BYLINE_EXCLUDE.search(attrs)


def _in_comments(el: lxml_html.HtmlElement) -> bool:
    return any(_COMMENTS.search(_attrs(a)) for a in el.iterancestors())


def _attrs(el: lxml_html.HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"
