"""Body paragraphs, and the contributor lines and editor's notes of a page or text. Pure."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator

import trafilatura
from lxml import html as lxml_html

from tracker.extract.boilerplate import caption_text, unique_captions
from tracker.extract.people import contributor_names, is_contributor_line, is_note

_BLOCK_TAGS = frozenset({"p", "div", "li", "aside", "section", "footer", "td", "blockquote"})
_CHROME_TAGS = frozenset({"nav", "header", "form", "button", "select", "script", "style"})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
_HINT = re.compile(
    r"contributed|reporting|reported (?:from|in)|editing by|writing by|compiled by|produced by|"
    r"correction|clarification|editor['’]?s['’]? note|update|earlier version|previous version|"
    r"developing story",
    re.IGNORECASE,
)
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def body_paragraphs(
    tree: lxml_html.HtmlElement, url: str | None, recall: bool = False, author: bool = False
) -> tuple[list[str], str, list[str]]:
    """Main-text paragraphs as trafilatura finds them (comments left out), and, when asked,
    the author it finds; then the picture captions taken out first. Consumes `tree`."""
    captions = _drop_captions(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        favor_precision=not recall,
        favor_recall=recall,
        with_metadata=author,
    )
    body = getattr(document, "body", None)
    paragraphs = list(_blocks(body)) if body is not None else []
    return paragraphs, str(getattr(document, "author", None) or ""), captions


def _drop_captions(tree: lxml_html.HtmlElement) -> list[str]:
    """Take picture captions and credits (<figcaption>, short elements classed as a caption
    or credit) out of the page: they describe a picture, not the story. Returns the captions'
    words (credits cut off) outside page chrome, each once, in page order."""
    doomed = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        marks = _marks(el)
        if el.tag == "figcaption" or (
            _CAPTION_MARK.search(marks) and not _PERSON_MARK.search(marks)
        ):
            if len(el.text_content().split()) <= _CAPTION_WORDS:
                doomed.append(el)
    captions = [_caption_words(el) for el in doomed if _is_caption_box(el)]
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            el.drop_tree()
    return unique_captions(captions)


def _marks(el: lxml_html.HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _is_caption_box(el: lxml_html.HtmlElement) -> bool:
    """A caption (not a credit alone), outside another caption and outside page chrome (a
    sidebar's teasers); an article's own header, where the lead picture sits, is no chrome."""
    if el.tag != "figcaption" and not _CAPTION_ONLY.search(_marks(el)):
        return False
    above = list(el.iterancestors())
    in_story = any(a.tag in {"article", "main"} for a in above)
    for a in above:
        if a.tag == "header" and in_story:
            continue
        if a.tag in _CHROME_TAGS or a.tag in {"aside", "footer", "figcaption"}:
            return False
        if _CAPTION_ONLY.search(_marks(a)):
            return False
    return True


def _caption_words(el: lxml_html.HtmlElement) -> str:
    """The caption's text without the credits marked inside it, the credit tail cut off."""
    box = copy.deepcopy(el)
    box.tail = None
    for node in [n for n in box.iter() if n is not box and _is_credit_box(n)]:
        node.drop_tree()
    for br in box.iter("br"):
        br.tail = " " + (br.tail or "")
    return caption_text(box.text_content())


def _is_credit_box(el: lxml_html.HtmlElement) -> bool:
    marks = _marks(el) if isinstance(el.tag, str) else ""
    return bool(_CAPTION_MARK.search(marks)) and not _CAPTION_ONLY.search(marks)


_CAPTION_MARK = re.compile(
    r"(?:^|[\s_-])(?:fig)?caption(?:s|-text)?(?:$|[\s_-])|(?:^|[\s_-])(?:photo|image|media|"
    r"picture|img)?[_-]?credits?(?:$|[\s_-])",
    re.IGNORECASE,
)
_CAPTION_ONLY = re.compile(r"(?:^|[\s_-])(?:fig)?caption(?:s|-text)?(?:$|[\s_-])", re.I)
_PERSON_MARK = re.compile(r"byline|author|contributor|writer|reporter", re.IGNORECASE)
_CAPTION_WORDS = 80


def _blocks(body: lxml_html.HtmlElement) -> Iterator[str]:
    for child in body:
        if child.tag == "list":
            for item in child.iter("item"):
                yield from _lines(item)
        elif child.tag == "table":
            for row in child.iter("row"):
                text = " | ".join(filter(None, (" ".join(_lines(cell)) for cell in row)))
                if text:
                    yield text
        else:
            yield from _lines(child)
        tail = " ".join((child.tail or "").split())
        if tail:
            yield tail


def _lines(el: lxml_html.HtmlElement) -> list[str]:
    """The element's text, one string per line break (<lb/>), whitespace normalised."""
    marker = "\u2028"
    for br in el.iter("lb"):
        br.tail = marker + (br.tail or "")
    for nested in el.iter("item"):
        if nested is not el:
            nested.tail = marker + (nested.tail or "")
    text = "".join(el.itertext())
    return [line for line in (" ".join(part.split()) for part in text.split(marker)) if line]


def split_plain_text(text: str) -> list[str]:
    """Paragraphs of plain text: blank-line blocks when lines are hard-wrapped, else lines.

    Text counts as hard-wrapped when its blocks hold several lines and most of those lines
    stop mid-sentence; one paragraph per line (the usual saved-article form) otherwise.
    """
    blocks = [b for b in map(str.strip, _BLANK_LINE.split(text.strip())) if b]
    inner = [line.strip() for b in blocks for line in b.splitlines()[:-1]]
    mid_sentence = sum(1 for line in inner if line and line[-1] not in ".!?\"'”’:)")
    if len(blocks) > 1 and inner and mid_sentence * 2 > len(inner):
        return [" ".join(b.split()) for b in blocks]
    return [" ".join(words) for words in map(str.split, text.splitlines()) if words]


# --- contributor and note lines ------------------------------------------------------------


def notes_and_contributors(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """Note lines (as printed) and contributor names found in `lines`, deduplicated in order."""
    notes: list[str] = []
    names: list[str] = []
    for line in lines:
        if is_note(line) and line not in notes:
            notes.append(line)
        names.extend(n for n in contributor_names(line) if n not in names)
    return notes, names


def page_lines(tree: lxml_html.HtmlElement) -> Iterator[str]:
    """Short blocks outside page chrome holding a note or contributor line (a cheap scan)."""
    seen: set[lxml_html.HtmlElement] = set()
    for el in tree.iter():
        if el.tag in _SKIP_TAGS or not any(s and _HINT.search(s) for s in (el.text, el.tail)):
            continue
        block = _enclosing_block(el if el.text and _HINT.search(el.text) else el.getparent())
        if block is None or block in seen:
            continue
        seen.add(block)
        text = " ".join(block.text_content().split())
        if 12 <= len(text) <= 600 and (is_contributor_line(text) or is_note(text)):
            yield text


def _enclosing_block(el: lxml_html.HtmlElement | None) -> lxml_html.HtmlElement | None:
    """The nearest paragraph-like ancestor-or-self, unless it sits in navigation or a form."""
    block = None
    while el is not None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _CHROME_TAGS:
            return None
        if block is None and tag in _BLOCK_TAGS:
            block = el
        el = el.getparent()
    return block
