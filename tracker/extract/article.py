"""Page/HTML/text -> Article (title, authors, dates, paragraphs, contributors, notes,
captions). Pure."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from tracker.charset import decode
from tracker.errors import ExtractionEmpty
from tracker.extract.boilerplate import captions_in, clean_paragraphs, unique_captions
from tracker.extract.budget import (
    CUT_NOTE,
    DEEP_NOTE,
    MAX_DATE_SEARCH,
    MAX_PARAGRAPHS,
    TEXT_CUT_NOTE,
    cut_source,
    cut_text,
    cut_tree,
    too_deep,
    without_layout,
)
from tracker.extract.guards import check_plausible
from tracker.extract.meta import PageMeta, dom_bylines, read_metadata
from tracker.extract.people import clean_names, drop_outlets, is_name_list, name_key, strip_by
from tracker.extract.text import (
    body_paragraphs,
    notes_and_contributors,
    page_lines,
    split_plain_text,
)
from tracker.models import Article

MIN_WORDS = 25  # a page shorter than this must not read like a consent, paywall or error page
FLOOR_WORDS = 6  # a page shorter than this is no article at all ("Loading...")
THIN_WORDS = 100
_HTML_HINT = re.compile(
    r"<!doctype\s+html|<(?:html|head|body|p|div|article|section|span|br|a|meta|title|script|"
    r"h[1-6]|ul|ol|li|table|main|header|footer|img|em|strong|b|i)\b[^>]*>",
    re.IGNORECASE,
)
_PAGE_MARKUP = re.compile(r"<!doctype|<(?:html|body|p|div|article)\b", re.IGNORECASE)
_PROLOGUE = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!doctype[^>]*>)?", re.IGNORECASE)
# huge_tree: a text node over 10 MB or nesting deeper than 256 is kept (libxml2 otherwise drops
# it without a word); the page is then held to the budget of `budget.py`.
_PARSER = lxml_html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    remove_comments=True,
    remove_pis=True,
    huge_tree=True,
)
_ANY_TAG = re.compile(r"<[^<>]{0,2000}>")
_LABELS = frozenset(
    "story highlights|advertisement|related|share|share this|updated|breaking news|"
    "live updates|skip to content|menu|opinion|analysis|exclusive|watch|listen".split("|")
)
_CLOSERS = "\"')]}\u2019\u201d\u00bb\u203a"  # closing quotes and brackets after a full stop
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def extract_article(html: str | bytes, url: str | None = None) -> Article:
    """Extract the article (title, authors, dates, body paragraphs, contributors, notes, picture
    captions)."""
    text = _CONTROL.sub("", decode(html) if isinstance(html, bytes) else html)
    notes: list[str] = []
    tree = None
    if _HTML_HINT.search(text):
        text, cut = cut_source(text)
        notes += [CUT_NOTE] if cut else []
        tree = _parse(text)
    if tree is not None and too_deep(tree):
        notes.append(DEEP_NOTE)
        text = without_layout(text)
        tree = _parse(text)
        if tree is not None and too_deep(tree):
            text = _ANY_TAG.sub(" ", text)
            tree = None
    if tree is None:
        return _from_text(text, url, notes)
    if cut_tree(tree) and CUT_NOTE not in notes:
        notes.append(CUT_NOTE)
    try:
        article = _from_html(tree, text, url, notes)
    except ExtractionEmpty:
        if _PAGE_MARKUP.search(text):
            raise
        return _from_text(text, url, notes)  # prose that only mentions a tag, e.g. "<script>"
    if _words(article.paragraphs) < MIN_WORDS and not _PAGE_MARKUP.search(text):
        return _from_text(text, url, notes)
    return article


def _parse(text: str) -> lxml_html.HtmlElement | None:
    text = _PROLOGUE.sub("", text, count=1)
    try:
        tree = lxml_html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return tree if isinstance(tree, lxml_html.HtmlElement) else None


def _from_html(
    tree: lxml_html.HtmlElement, text: str, url: str | None, budget_notes: list[str]
) -> Article:
    meta = read_metadata(tree, url)
    outlets = (meta.site, meta.publisher)
    declared = drop_outlets(meta.authors, outlets)
    in_page = clean_names(dom_bylines(tree))
    extra_notes, extra_names = notes_and_contributors(page_lines(tree))
    paragraphs, found_author, captions = _body(tree, text, url, author=not declared)
    paragraphs = _prefer_json_ld(paragraphs, meta)
    captions = unique_captions([*captions, *captions_in(paragraphs)])
    paragraphs = clean_paragraphs(paragraphs)
    paragraphs, byline = _split_bylines(_drop_headline(paragraphs, meta.title))
    _require_body(paragraphs, meta.url or url)
    notes, names = notes_and_contributors(paragraphs)
    sources = (declared, clean_names(found_author.split(";")), byline, in_page)
    article = Article(
        title=meta.title,
        authors=_pick_authors(sources, outlets),
        published=meta.published or _date_in_page(text, meta.url or url),
        modified=meta.modified,
        paragraphs=paragraphs,
        contributors=_merge(names, extra_names),
        notes=_merge(_merge(notes, extra_notes), budget_notes),
        url=meta.url or url,
        description=meta.description,
        captions=captions,
    )
    _refuse_blocked(article, meta.url or url)
    return article


def _refuse_blocked(article: Article, where: str | None) -> None:
    """A short page that reads like a consent, paywall or error page is not an article; a
    short article (a brief, a test page) is."""
    if _words(article.paragraphs) >= MIN_WORDS:
        return
    reason = check_plausible(None, article)
    if reason:
        raise ExtractionEmpty(
            f"{where or 'the page'} is not an article ({reason}); save the article from a "
            "browser where it shows in full and pass the file instead"
        )


def _drop_headline(paragraphs: list[str], title: str) -> list[str]:
    """The body without a leading copy of the headline (an <h1> inside the article)."""
    key = _title_key(title)
    if key and paragraphs and _title_key(paragraphs[0]) == key:
        return paragraphs[1:]
    return paragraphs


def _title_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _date_in_page(text: str, url: str | None) -> str | None:
    """The publication date from the page itself (URL, visible dates, markup) when its metadata
    gives none: htmldate's original-date search."""
    from htmldate import find_date

    found = find_date(text[:MAX_DATE_SEARCH], url=url, original_date=True, extensive_search=True)
    return str(found) if found else None


def _pick_authors(sources: tuple[list[str], ...], outlets: tuple[str, str]) -> list[str]:
    """The first source naming people; the publication itself only when no source does."""
    for index, names in enumerate(sources):
        people = drop_outlets(names, outlets)
        if people:
            return _widest(people, [drop_outlets(n, outlets) for n in sources[index + 1 :]])
    return next((names for names in sources if names), [])


def _widest(people: list[str], later: list[list[str]]) -> list[str]:
    """The chosen names, or a later source's list that holds them all and more co-authors
    (a page's metadata often names only the first of several)."""
    for names in later:
        keys = {name_key(n) for n in names}
        if len(names) > len(people) and {name_key(p) for p in people} <= keys:
            people = names
    return people


def _body(
    tree: lxml_html.HtmlElement, text: str, url: str | None, author: bool
) -> tuple[list[str], str, list[str]]:
    """Precise extraction first; when it finds little, a recall-oriented second pass. With
    the paragraphs, the author found and the page's picture captions."""
    paragraphs, found_author, captions = body_paragraphs(tree, url, author=author)
    if _words(paragraphs) >= THIN_WORDS:
        return paragraphs, found_author, captions
    fresh = _parse(text)
    if fresh is not None:
        cut_tree(fresh)  # the same budget as the first pass (its note is already taken)
    retry = body_paragraphs(fresh, url, recall=True)[0] if fresh is not None else []
    return (retry if _words(retry) > _words(paragraphs) else paragraphs), found_author, captions


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
    """Names in a "By Jane Doe and John Smith" line, else []: a line of more than 14 words
    counts only when it reads as names and credits alone (no sentence of the story)."""
    if strip_by(paragraph) == paragraph:
        return []
    if len(paragraph.split()) > 14 and not is_name_list(strip_by(paragraph)):
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


def _from_text(text: str, url: str | None, budget_notes: list[str] | None = None) -> Article:
    budget_notes = list(budget_notes or [])
    text, cut = cut_text(text)
    given = split_plain_text(text)
    if len(given) > MAX_PARAGRAPHS:
        given, cut = given[:MAX_PARAGRAPHS], True
    if cut:
        budget_notes.append(TEXT_CUT_NOTE)
    # Text a user hands over that reads as page furniture alone is still their text.
    paragraphs = clean_paragraphs(given)
    captions = captions_in(given) if paragraphs else []
    paragraphs = paragraphs or given
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
        notes=_merge(notes, budget_notes),
        url=url,
        captions=captions,
    )


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 25
        and len(line) <= 200
        and not line.rstrip(_CLOSERS).endswith((".", ":", ",", ";"))
        and line.strip(" :").casefold() not in _LABELS
        and strip_by(line) == line
    )


def _require_body(paragraphs: list[str], where: str | None) -> None:
    if _words(paragraphs) < FLOOR_WORDS:
        raise ExtractionEmpty(
            f"no article text found in {where or 'the page'}; it may be a consent, paywall or "
            "error page: save the page from a browser and pass the file instead"
        )


def _words(paragraphs: list[str]) -> int:
    """Words, counting two CJK characters as one (those scripts do not space words)."""
    text = " ".join(paragraphs)
    return len(text.split()) + len(_CJK.findall(text)) // 2


def _merge(first: list[str], second: list[str]) -> list[str]:
    return first + [item for item in second if item not in first]
