"""Hypothesis fuzzing of the public functions with arbitrary text and HTML: they never crash.

A page can be anything a server sends. The only exceptions allowed out of the library are
TrackerError subclasses (which the CLI turns into a one-line message).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import align_sentences, extract_article, extract_quotes, split_sentences
from tracker.errors import TrackerError

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TAGS = ["p", "div", "article", "h1", "title", "script", "style", "span", "br", "meta", "a", "li"]
PIECES = ["“", "”", '"', "'", "said", "Mr.", "U.S.", "\n\n", ". ", "<!--", "-->", "&amp;",
          "&#0;", "\x00", "\ufeff", "<![CDATA[", "]]>", "Correction:", "By ", "\u202e"]  # fmt: skip


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """Tag soup: random open/close tags, attributes, entities and text, not always balanced."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(TAGS))
        kind = draw(st.integers(0, 3))
        if kind == 0:
            attr = draw(
                st.sampled_from(["", " class='byline'", ' content="x"', " href=javascript:"])
            )
            parts.append(f"<{tag}{attr}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(PIECES)))
        else:
            parts.append(draw(st.text(max_size=40)))
    return "".join(parts)


texts = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(PIECES + ["word"]),
                                                   max_size=40).map(" ".join))  # fmt: skip


def _survives(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except TrackerError:
        return None


@FUZZ
@given(html_pages())
def test_extract_article_survives_tag_soup(page: str) -> None:
    article = _survives(lambda: extract_article(page))
    assert article is None or isinstance(article.paragraphs, list)


@FUZZ
@given(st.binary(max_size=400))
def test_extract_article_survives_arbitrary_bytes(page: bytes) -> None:
    _survives(lambda: extract_article(page, url="https://example.com/a"))


@FUZZ
@given(texts)
def test_extract_article_survives_arbitrary_text(text: str) -> None:
    _survives(lambda: extract_article(text))


@FUZZ
@given(texts)
def test_split_sentences_survives_arbitrary_text(text: str) -> None:
    result = _survives(lambda: split_sentences(text))
    assert result is None or all(isinstance(s, str) for s in result)


@FUZZ
@given(st.lists(texts, max_size=8), st.lists(texts, max_size=8))
def test_align_sentences_covers_every_index_of_arbitrary_lists(
    old: list[str], new: list[str]
) -> None:
    alignments = _survives(lambda: align_sentences(old, new))
    if alignments is not None:
        assert sorted(i for a in alignments for i in a.old) == list(range(len(old)))
        assert sorted(j for a in alignments for j in a.new) == list(range(len(new)))


@FUZZ
@given(texts)
def test_extract_quotes_offsets_stay_inside_arbitrary_text(text: str) -> None:
    quotes = _survives(lambda: extract_quotes(text))
    assert quotes is None or all(0 <= q.start <= q.end <= len(text) for q in quotes)
