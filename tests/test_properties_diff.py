"""Hypothesis properties of the sentence-level diff engine."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.align import align_sentences
from tracker.align.inline import inline_diff
from tracker.segment import split_sentences

WORDS = ["the", "vote", "Mr.", "U.S.", "said", "3.5", "“Yes.”", "no", "He", "!", "?", "..."]
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
sentences = st.lists(sentence, max_size=12)
prose = st.lists(
    st.one_of(
        st.sampled_from([*WORDS, "\n", "\n\n", " ", ". ", "”", "\u00a0"]), st.text(max_size=5)
    ),
    max_size=40,
).map("".join)


def _nonspace(text: str) -> str:
    return "".join(text.split())


@given(prose)
def test_split_loses_no_non_space_character(text: str) -> None:
    assert _nonspace("".join(split_sentences(text))) == _nonspace(text)


@given(prose)
def test_split_never_returns_blank_sentences(text: str) -> None:
    assert all(s.strip() for s in split_sentences(text))


@given(sentences)
def test_aligning_a_list_with_itself_is_all_same(sents: list[str]) -> None:
    assert all(a.kind == "same" for a in align_sentences(sents, sents))


@settings(max_examples=200)
@given(sentences, sentences)
def test_every_index_is_covered_exactly_once(old: list[str], new: list[str]) -> None:
    result = align_sentences(old, new)
    assert sorted(i for a in result for i in a.old) == list(range(len(old)))
    assert sorted(j for a in result for j in a.new) == list(range(len(new)))


@given(sentences, sentences)
def test_added_one_way_is_removed_the_other_way(a: list[str], b: list[str]) -> None:
    added = {j for x in align_sentences(a, b) if x.kind == "added" for j in x.new}
    removed = {i for x in align_sentences(b, a) if x.kind == "removed" for i in x.old}
    assert added == removed


@given(st.lists(st.text(max_size=30), max_size=8), st.lists(st.text(max_size=30), max_size=8))
def test_align_accepts_arbitrary_text(old: list[str], new: list[str]) -> None:
    result = align_sentences(old, new)
    assert sum(len(a.old) for a in result) == len(old)


@given(st.text(max_size=60), st.text(max_size=60))
def test_inline_diff_rebuilds_both_sides(old: str, new: str) -> None:
    ops = inline_diff(old, new)
    assert "".join(t for op, t in ops if op != "+") == old
    assert "".join(t for op, t in ops if op != "-") == new


def _edges(a: list[str], b: list[str]) -> set[tuple[int, int]]:
    return {(i, j) for x in align_sentences(a, b) for i in x.old for j in x.new}


@settings(max_examples=200)
@given(sentences, sentences)
def test_aligning_the_other_way_gives_the_same_pairs(a: list[str], b: list[str]) -> None:
    assert _edges(a, b) == {(i, j) for j, i in _edges(b, a)}
