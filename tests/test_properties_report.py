"""Hypothesis properties of compare(): the whole report, on arbitrary and news-like versions."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import compare
from tracker.errors import ExtractionEmpty
from tracker.models import Report

WORDS = [
    "the", "council", "said", "voted", "not", "never", "reportedly", "may", "will", "denied",
    "3", "40", "1,200", "$4.2", "million", "three", "Mr.", "Sen.", "U.S.", "Jan.", "Ann",
    "Lee", "Boston", "Acme", "Corp.", "officials", "on", "Tuesday", "“Yes,”", "“We", "agree.”",
    "(Reuters)", "—", "-", "it's", "about",
]  # fmt: skip
ENDS = [".", ".", ".", "?", "!", ".”", "…"]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


sentence = st.builds(
    lambda words, end: _capitalise(" ".join(words)) + end,
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=10),
    st.sampled_from(ENDS),
)
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
body = st.lists(paragraph, min_size=2, max_size=6)
headline = st.one_of(st.just(""), st.sampled_from(["Council votes on budget", "Storm hits city"]))

SETTINGS = settings(max_examples=60, deadline=None)


def _text(title: str, paragraphs: list[str]) -> str:
    return (f"{title}\n\n" if title else "") + "\n".join(paragraphs) + "\n"


@st.composite
def _edited(draw: st.DrawFn, paragraphs: list[str]) -> list[str]:
    """A later version: paragraphs kept, dropped, reworded or added, sometimes reordered."""
    out: list[str] = []
    for p in paragraphs:
        op = draw(st.sampled_from(["keep", "keep", "drop", "edit", "add"]))
        if op == "edit":
            words = p.split()
            i = draw(st.integers(0, len(words) - 1))
            words[i] = draw(st.sampled_from(WORDS))
            p = " ".join(words)
        if op != "drop":
            out.append(p)
        if op == "add":
            out.append(draw(paragraph))
    if draw(st.booleans()) and len(out) > 1:
        out = list(draw(st.permutations(out)))
    while len(out) < 2:  # a one-line text reads as a headline alone (see test_report.py)
        out.append(draw(paragraph))
    return out


@st.composite
def versions(draw: st.DrawFn) -> tuple[str, str]:
    old = draw(body)
    new = draw(_edited(old))
    return _text(draw(headline), old), _text(draw(headline), new)


def _compare_or_none(old: str, new: str) -> Report | None:
    try:
        return compare(old, new)
    except ExtractionEmpty:
        return None


def _texts(r: Report, kind: str, side: str) -> set[str]:
    sentences = r.old_sentences if side == "old" else r.new_sentences
    return {sentences[i] for row in r.sentences if row.kind == kind for i in getattr(row, side)}


@SETTINGS
@given(
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=300),
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=300),
)
def test_compare_raises_nothing_but_extraction_empty_on_arbitrary_text(a: str, b: str) -> None:
    report = _compare_or_none(a, b)
    if report is not None:
        json.dumps(report.to_dict(), allow_nan=False)


@SETTINGS
@given(st.sampled_from(["", " ", "\n\n", " \t\n"]), versions())
def test_a_blank_version_is_extraction_empty(blank: str, pair: tuple[str, str]) -> None:
    for old, new in ((blank, pair[1]), (pair[0], blank)):
        try:
            compare(old, new)
        except ExtractionEmpty:
            continue
        raise AssertionError(f"compare({old!r}, {new!r}) did not raise ExtractionEmpty")


@SETTINGS
@given(versions())
def test_news_like_versions_always_compare(pair: tuple[str, str]) -> None:
    assert isinstance(compare(*pair), Report)


@SETTINGS
@given(versions())
def test_every_sentence_index_appears_exactly_once(pair: tuple[str, str]) -> None:
    r = compare(*pair)
    assert sorted(i for row in r.sentences for i in row.old) == list(range(len(r.old_sentences)))
    assert sorted(j for row in r.sentences for j in row.new) == list(range(len(r.new_sentences)))


@SETTINGS
@given(versions())
def test_added_one_way_is_removed_the_other_way(pair: tuple[str, str]) -> None:
    a, b = pair
    assert _texts(compare(a, b), "added", "new") == _texts(compare(b, a), "removed", "old")


@SETTINGS
@given(versions())
def test_the_document_is_json(pair: tuple[str, str]) -> None:
    document = compare(*pair).to_dict()
    assert json.loads(json.dumps(document, allow_nan=False)) == document


@SETTINGS
@given(versions())
def test_claims_and_quotes_point_into_the_sentence_lists(pair: tuple[str, str]) -> None:
    r = compare(*pair)
    changed_groups = {(row.old, row.new) for row in r.sentences if row.kind in ("edited", "moved")}
    assert all((c.old, c.new) in changed_groups for c in r.claims)
    assert all(0 <= q.sentence < len(r.new_sentences) for q in r.quotes.added)
    assert all(0 <= q.sentence < len(r.old_sentences) for q in r.quotes.removed)


@SETTINGS
@given(versions())
def test_a_version_compared_with_itself_is_unchanged(pair: tuple[str, str]) -> None:
    r = compare(pair[0], pair[0])
    assert all(row.kind == "same" for row in r.sentences)
    assert r.summary == "No changes."
