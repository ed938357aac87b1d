"""A per-page budget for extraction: how much of a page is read, and what is said when a page is
larger or deeper than that. Pure.

A hostile or broken page (100,000 tiny paragraphs, a 20 MB line, markup nested 100,000 levels
deep) must cost no more than a normal long article, and must not lose its text without a word:
the rest is cut and the Article carries a note that says so.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

MAX_ELEMENTS = 20_000  # elements of a page read (a long live blog has a few thousand)
MAX_CHARS = 2_000_000  # characters of text read (a long article has under 100,000)
MAX_PARAGRAPHS = 20_000  # paragraphs of a plain text read
MAX_SOURCE = 4_000_000  # characters of a page's markup parsed (a long news page has under 2 MB)
MAX_DATE_SEARCH = 2_000_000  # characters of markup searched for a publication date
MAX_DEPTH = 255  # nesting read as it is; deeper pages are read without their layout tags

CUT_NOTE = (
    f"tracker: the page is larger than extraction reads ({MAX_ELEMENTS:,} elements, "
    f"{MAX_CHARS:,} characters of text); the rest of the page was left out"
)
TEXT_CUT_NOTE = (
    f"tracker: the text is longer than extraction reads ({MAX_PARAGRAPHS:,} paragraphs, "
    f"{MAX_CHARS:,} characters); the rest was left out"
)
DEEP_NOTE = (
    f"tracker: the page nests its markup more than {MAX_DEPTH} levels deep; it was read "
    "without its layout tags"
)

_LAYOUT_TAG = re.compile(
    r"</?(?:div|span|section|article|main|aside|font|center|table|thead|tbody|tfoot|tr|td|th|"
    r"ul|ol|li|dl|dt|dd|blockquote|b|i|u|em|strong|small|big|a|abbr|cite|label|nav|header|"
    r"footer|figure)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)


def too_deep(tree: lxml_html.HtmlElement) -> bool:
    """Whether the page nests elements deeper than `MAX_DEPTH` (one walk, no recursion)."""
    depth = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > MAX_DEPTH:
            return True
    return False


def without_layout(text: str) -> str:
    """The page's markup without its layout tags (div, span, table ...): paragraphs, headings
    and line breaks stay, so a page nested too deep still reads as text."""
    return _LAYOUT_TAG.sub(" ", text)


def cut_tree(tree: lxml_html.HtmlElement) -> bool:
    """Cut `tree` after `MAX_ELEMENTS` elements or `MAX_CHARS` characters of text, in document
    order; whether anything was cut."""
    elements = 0
    chars = 0
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            elements += 1
            if elements > MAX_ELEMENTS:
                _drop_from(el)
                return True
            text = el.text or ""
            if chars + len(text) > MAX_CHARS:
                el.text = text[: MAX_CHARS - chars]
                for child in list(el):
                    el.remove(child)
                _drop_after(el, keep_tail=False)
                return True
            chars += len(text)
        else:  # the tail comes after the element's children
            tail = el.tail or ""
            if chars + len(tail) > MAX_CHARS:
                el.tail = tail[: MAX_CHARS - chars]
                _drop_after(el, keep_tail=True)
                return True
            chars += len(tail)
    return False


def _drop_from(el: lxml_html.HtmlElement) -> None:
    """Remove `el` and everything after it in document order."""
    parent = el.getparent()
    if parent is None:
        return
    _drop_after(el, keep_tail=False)
    parent.remove(el)


def _drop_after(el: lxml_html.HtmlElement, keep_tail: bool) -> None:
    """Remove what follows `el`'s own content: its later siblings and those of its ancestors,
    and the ancestors' tails (text that comes after `el`)."""
    if not keep_tail:
        el.tail = None
    node = el
    while node is not None:
        parent = node.getparent()
        if parent is None:
            break
        for later in list(node.itersiblings()):
            parent.remove(later)
        if node is not el:
            node.tail = None
        node = parent


def cut_source(text: str) -> tuple[str, bool]:
    """A page's markup cut to `MAX_SOURCE` characters (the parser closes what is left open),
    and whether it was cut."""
    return _cut(text, MAX_SOURCE, "<")


def cut_text(text: str) -> tuple[str, bool]:
    """`text` cut to `MAX_CHARS` characters (at a line break when there is one near the cut),
    and whether it was cut."""
    return _cut(text, MAX_CHARS, "\n")


def _cut(text: str, limit: int, mark: str) -> tuple[str, bool]:
    """`text` cut to `limit` characters, before the last `mark` in the 10,000 before the cut
    when there is one, and whether it was cut."""
    if len(text) <= limit:
        return text, False
    at = text.rfind(mark, limit - 10_000, limit)
    return text[: at if at > 0 else limit], True
