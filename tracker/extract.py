"""Page/HTML/text -> Article (title, authors, dates, paragraphs, contributors, notes). Pure."""

from __future__ import annotations

import codecs
import re

from lxml import etree
from lxml import html as lxml_html

from tracker.errors import ExtractionEmpty
from tracker.extract_meta import PageMeta, dom_bylines, read_metadata
from tracker.extract_people import clean_names, drop_outlets, strip_by
from tracker.extract_text import (
    body_paragraphs,
    notes_and_contributors,
    page_lines,
    split_plain_text,
)
from tracker.models import Article

MIN_WORDS = 25
THIN_WORDS = 100
_HTML_HINT = re.compile(
    r"<!doctype\s+html|<(?:html|head|body|p|div|article|section|span|br|a|meta|title|script|"
    r"h[1-6]|ul|ol|li|table|main|header|footer|img|em|strong|b|i)\b[^>]*>",
    re.IGNORECASE,
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_PROLOGUE = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!doctype[^>]*>)?", re.IGNORECASE)
_PARSER = lxml_html.HTMLParser(
    collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BLOCKED_PAGE = re.compile(
    r"\b(?:cookies?|consent|privacy (?:settings|preferences)|"
    r"subscribe (?:now|to (?:continue|read))|"
    r"already a subscriber|sign in to (?:continue|read)|enable javascript|javascript is disabled|"
    r"access denied|page not found|404|are you a robot|captcha|unusual traffic)\b",
    re.IGNORECASE,
)
_LABELS = frozenset(
    "story highlights|advertisement|related|share|share this|updated|breaking news|"
    "live updates|skip to content|menu|opinion|analysis|exclusive|watch|listen".split("|")
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def extract_article(html: str | bytes, url: str | None = None) -> Article:
    """Extract the article (title, authors, dates, body paragraphs, contributors, notes)."""
    text = _CONTROL.sub("", decode(html) if isinstance(html, bytes) else html)
    if _HTML_HINT.search(text):
        tree = _parse(text)
        if tree is not None:
            return _from_html(tree, text, url)
    return _from_text(text, url)


def decode(data: bytes) -> str:
    """Bytes -> text: BOM, else UTF-8 if valid, else the declared charset, else UTF-8 lossy."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    codec = _codec(declared[1].decode("ascii", "replace")) if declared else None
    return data.decode(codec or "utf-8", "replace")


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _parse(text: str) -> lxml_html.HtmlElement | None:
    text = _PROLOGUE.sub("", text, count=1)
    try:
        tree = lxml_html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return tree if isinstance(tree, lxml_html.HtmlElement) else None


def _from_html(tree: lxml_html.HtmlElement, text: str, url: str | None) -> Article:
    meta = read_metadata(tree, url)
    outlets = (meta.site, meta.publisher)
    declared = drop_outlets(meta.authors, outlets)
    in_page = clean_names(dom_bylines(tree)) if not declared else []
    extra_notes, extra_names = notes_and_contributors(page_lines(tree))
    paragraphs, found_author = _body(tree, text, url, author=not declared)
    paragraphs = _drop_headline(_prefer_json_ld(paragraphs, meta), meta.title)
    paragraphs, byline = _split_bylines(paragraphs)
    _require_body(paragraphs, meta.url or url)
    notes, names = notes_and_contributors(paragraphs)
    sources = (declared, clean_names(found_author.split(";")), byline, in_page)
    return Article(
        title=meta.title,
        authors=_pick_authors(sources, outlets),
        published=meta.published,
        modified=meta.modified,
        paragraphs=paragraphs,
        contributors=_merge(names, extra_names),
        notes=_merge(notes, extra_notes),
        url=meta.url or url,
        description=meta.description,
    )


def _drop_headline(paragraphs: list[str], title: str) -> list[str]:
    """The body without a leading copy of the headline (an <h1> inside the article)."""
    key = _title_key(title)
    if key and paragraphs and _title_key(paragraphs[0]) == key:
        return paragraphs[1:]
    return paragraphs


def _title_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _pick_authors(sources: tuple[list[str], ...], outlets: tuple[str, str]) -> list[str]:
    """The first source naming people; the publication itself only when no source does."""
    for names in sources:
        people = drop_outlets(names, outlets)
        if people:
            return people
    return next((names for names in sources if names), [])


def _body(
    tree: lxml_html.HtmlElement, text: str, url: str | None, author: bool
) -> tuple[list[str], str]:
    """Precise extraction first; when it finds little, a recall-oriented second pass."""
    paragraphs, found_author = body_paragraphs(tree, url, author=author)
    if _words(paragraphs) >= THIN_WORDS:
        return paragraphs, found_author
    fresh = _parse(text)
    retry, _ = body_paragraphs(fresh, url, recall=True) if fresh is not None else ([], "")
    return (retry if _words(retry) > _words(paragraphs) else paragraphs), found_author


def _prefer_json_ld(paragraphs: list[str], meta: PageMeta) -> list[str]:
    """Use the page's own articleBody when the generic extraction got much less of it."""
    if not meta.body:
        return paragraphs
    ld_words = meta.body.split()
    thin = _words(paragraphs) < 0.5 * len(ld_words)
    same = " ".join(paragraphs).split() == ld_words  # flattened copy: keep its paragraphs
    if len(ld_words) >= MIN_WORDS and (thin or same):
        return split_plain_text(meta.body)
    return paragraphs


def _byline_names(paragraph: str) -> list[str]:
    """Names in a short "By Jane Doe and John Smith" line, else []."""
    if len(paragraph.split()) > 14 or strip_by(paragraph) == paragraph:
        return []
    return clean_names([paragraph])


def _split_bylines(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Body without leading byline lines, and the names those lines held."""
    names: list[str] = []
    body = list(paragraphs)
    for paragraph in paragraphs[:3]:
        found = _byline_names(paragraph)
        if found:
            names.extend(found)
            body.remove(paragraph)
    return body, names


def _from_text(text: str, url: str | None) -> Article:
    paragraphs = split_plain_text(text)
    headline = len(paragraphs) > 1 and _looks_like_headline(paragraphs[0])
    title = paragraphs.pop(0) if headline else ""
    paragraphs, authors = _split_bylines(paragraphs)
    if not paragraphs:
        where = url or "the text"
        raise ExtractionEmpty(f"no article text in {where}; give a file with the article's body")
    notes, names = notes_and_contributors(paragraphs)
    return Article(
        title=title,
        authors=authors,
        published=None,
        modified=None,
        paragraphs=paragraphs,
        contributors=names,
        notes=notes,
        url=url,
    )


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 25
        and len(line) <= 200
        and not line.endswith((".", ":", ",", ";"))
        and line.strip(" :").casefold() not in _LABELS
        and strip_by(line) == line
    )


def _require_body(paragraphs: list[str], where: str | None) -> None:
    words = _words(paragraphs)
    page = where or "the page"
    if words < MIN_WORDS:
        raise ExtractionEmpty(
            f"no article text found in {page} ({words} words of body); it may be a consent, "
            "paywall or error page: save the page from a browser and pass the file instead"
        )
    if words < 120 and _BLOCKED_PAGE.search(" ".join(paragraphs)):
        raise ExtractionEmpty(
            f"{page} looks like a consent, paywall or error page, not an article; "
            "save the article from a browser where it shows in full and pass the file instead"
        )


def _words(paragraphs: list[str]) -> int:
    """Words, counting two CJK characters as one (those scripts do not space words)."""
    text = " ".join(paragraphs)
    return len(text.split()) + len(_CJK.findall(text)) // 2


def _merge(first: list[str], second: list[str]) -> list[str]:
    return first + [item for item in second if item not in first]
