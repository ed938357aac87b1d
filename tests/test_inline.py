"""inline_diff: word-level operations that rebuild both sides exactly."""

from __future__ import annotations

from tracker.align.inline import inline_diff


def _side(ops: list[tuple[str, str]], keep: str) -> str:
    return "".join(text for op, text in ops if op in ("=", keep))


def test_identical_text_is_one_equal_part() -> None:
    assert inline_diff("Same words.", "Same words.") == [("=", "Same words.")]


def test_changed_word_is_deleted_and_inserted_whole() -> None:
    ops = inline_diff("Two soldiers died.", "Three soldiers died.")
    assert ("-", "Two") in ops
    assert ("+", "Three") in ops
    assert ("=", " soldiers died.") in ops


def test_words_are_not_split_into_characters() -> None:
    ops = inline_diff("The cat sat.", "The car sat.")
    assert ("-", "cat") in ops
    assert ("+", "car") in ops


def test_added_clause_is_one_insertion() -> None:
    ops = inline_diff("He left.", "He left, officials said.")
    assert _side(ops, "+") == "He left, officials said."
    assert [op for op, _ in ops].count("+") == 1


def test_empty_old_is_one_insertion() -> None:
    assert inline_diff("", "New text") == [("+", "New text")]


def test_empty_new_is_one_deletion() -> None:
    assert inline_diff("Old text", "") == [("-", "Old text")]


def test_both_sides_rebuild_exactly() -> None:
    old = "The police said on Monday that 3 people were hurt."
    new = "Police said Tuesday that four people were badly hurt, officials said."
    ops = inline_diff(old, new)
    assert _side(ops, "-") == old
    assert _side(ops, "+") == new
