"""The headline: chosen among the page's own statements of it by agreement. Pure.

A page states its headline several times: JSON-LD `headline` and `name`, Open Graph and other
meta tags, the <title> element and the visible <h1>. They usually agree; when they differ, the
wording that other sources back wins, and a fuller visible headline replaces a shortened
metadata copy of the same headline.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import html as lxml_html

MAX_WORDS = 40
_MIN_SHARED = 2
_MIN_OVERLAP = 0.6
_STOPWORDS = frozenset(
    "a an the of to in on for and or at by with from is are was be as its it this that "
    "de la le les des du et el en y der die das und".split()
)
_HEADLINE_HINT = re.compile(r"headline|title|entry|article|story|post", re.IGNORECASE)
_CHROME = frozenset({"nav", "footer", "aside", "form"})


@dataclass(frozen=True, slots=True)
class TitleCandidate:
    """One statement of the headline: its text and which kind of source gave it.

    `source` is "ld" (JSON-LD), "meta" (meta tags), "title" (the <title> element, site name
    removed), "article" (an <h1> inside the article or main element, or marked as the headline)
    or "page" (another <h1>). Candidates earlier in a list rank first on ties.
    """

    text: str
    source: str


def choose_title(candidates: Sequence[TitleCandidate]) -> str:
    """The headline the most sources agree on; a fuller visible <h1> of it wins."""
    usable = [c for c in candidates if c.text and len(c.text.split()) <= MAX_WORDS]
    keys = [_words(c.text) for c in usable]
    support = [_support(i, usable, keys) for i in range(len(usable))]
    # A heading alone is often a logo or a section name: it needs another source's backing.
    ranked = [i for i, c in enumerate(usable) if not _visible(c) or support[i] > 0]
    if not ranked:
        return ""
    best = max(ranked, key=lambda i: (support[i], -i))
    length = len(_plain(usable[best].text))
    fuller = [
        c.text
        for c, key in zip(usable, keys, strict=True)
        if c.source == "article" and _similar(key, keys[best]) and len(_plain(c.text)) > length
    ]
    return max(fuller, key=len) if fuller else usable[best].text


def page_headings(tree: lxml_html.HtmlElement) -> list[TitleCandidate]:
    """The visible headline candidates: the <h1>s inside the article or main element (or
    marked as a headline), else the page's only <h1>; never in navigation or footers."""
    headings = [h for h in tree.xpath("//body//h1") if not _in_chrome(h)]
    found = [
        TitleCandidate(html.unescape(" ".join(h.text_content().split())), source)
        for h in headings
        if (source := "article" if _in_article(h) else "page") == "article" or len(headings) == 1
    ]
    return [c for c in found if c.text]


def _visible(candidate: TitleCandidate) -> bool:
    return candidate.source in ("article", "page")


def _support(index: int, candidates: Sequence[TitleCandidate], keys: list[set[str]]) -> int:
    """How many other kinds of source state a headline similar to this candidate's."""
    own = _group(candidates[index])
    return len(
        {
            _group(c)
            for c, key in zip(candidates, keys, strict=True)
            if _group(c) != own and _similar(keys[index], key)
        }
    )


def _group(candidate: TitleCandidate) -> str:
    return "page" if _visible(candidate) else candidate.source


def _similar(a: set[str], b: set[str]) -> bool:
    """Two wordings of one headline: most words of the shorter appear in the longer."""
    shared = len(a & b)
    return shared >= min(_MIN_SHARED, len(a), len(b)) > 0 and shared >= _MIN_OVERLAP * min(
        len(a), len(b)
    )


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()))


def _words(text: str) -> set[str]:
    words = set(_plain(re.sub(r"['’‘`]", "", text)).split())
    return (words - _STOPWORDS) or words


def _in_chrome(el: lxml_html.HtmlElement) -> bool:
    return any(a.tag in _CHROME for a in el.iterancestors())


def _in_article(el: lxml_html.HtmlElement) -> bool:
    if "headline" in (el.get("itemprop") or "").lower():
        return True
    for node in (el, *el.iterancestors()):
        if node.tag in ("article", "main") or _HEADLINE_HINT.search(node.get("class") or ""):
            return True
    return False
