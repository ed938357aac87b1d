"""split_sentences: paragraphs, abbreviations, quotes, and keeping every character."""

from __future__ import annotations

import pytest

from tracker.segment import split_sentences


def test_plain_sentences_split_at_periods() -> None:
    assert split_sentences("The vote passed. The bill goes on.") == [
        "The vote passed.",
        "The bill goes on.",
    ]


def test_blank_line_and_single_newline_are_paragraph_breaks() -> None:
    assert split_sentences("One here\n\nTwo here\nThree here") == [
        "One here",
        "Two here",
        "Three here",
    ]


def test_paragraphs_are_never_merged_even_without_end_punctuation() -> None:
    assert split_sentences("He said\nthat it was over.") == ["He said", "that it was over."]


@pytest.mark.parametrize(
    "text",
    [
        "Sen. Elizabeth Warren spoke.",
        "Rep. Adam Schiff met Gov. Gavin Newsom and Gen. Mark Milley.",
        "Lt. Col. Alexander Vindman and Dr. Fiona Hill testified.",
        "Mr. Smith, Mrs. Jones and Ms. Lee voted.",
        "Martin Luther King Jr. spoke in St. Louis.",
        "The U.S. Senate and the U.N. Security Council met.",
        "J. K. Rowling wrote it.",
        "It happened on Jan. 5 in the morning.",
        "Proposition No. 3 failed.",
        "Prices rose 3.5 percent.",
        "It began at 6 a.m. on Sunday.",
        "It began at 6 a.m. Sunday.",
        "The vote was close... but it passed.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(text: str) -> None:
    assert split_sentences(text) == [text]


def test_dotted_acronym_ends_a_sentence_before_an_opener() -> None:
    assert split_sentences("He moved to the U.S. He never left.") == [
        "He moved to the U.S.",
        "He never left.",
    ]


def test_state_after_city_ends_a_sentence() -> None:
    assert split_sentences("He lives in Rialto, Calif. Kelley found him.") == [
        "He lives in Rialto, Calif.",
        "Kelley found him.",
    ]


def test_multi_sentence_quote_keeps_attribution_with_last_part() -> None:
    assert split_sentences("“We will win. We always do,” he said. Then he left.") == [
        "“We will win.",
        "We always do,” he said.",
        "Then he left.",
    ]


def test_sentence_ending_inside_quotes_splits_after_the_mark() -> None:
    assert split_sentences("She called it “dead.” Others disagreed.") == [
        "She called it “dead.”",
        "Others disagreed.",
    ]


def test_question_in_quotes_keeps_named_attribution() -> None:
    assert split_sentences("“Why not?” Mr. Smith asked. Nobody knew.") == [
        "“Why not?” Mr. Smith asked.",
        "Nobody knew.",
    ]


def test_exclamation_and_question_marks_end_sentences() -> None:
    assert split_sentences("Where is he? Nobody knows! The search goes on.") == [
        "Where is he?",
        "Nobody knows!",
        "The search goes on.",
    ]


def test_lowercase_continuation_does_not_split() -> None:
    assert split_sentences("He waited. and waited.") == ["He waited. and waited."]


def test_empty_and_blank_text_give_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n \t ") == []


def test_no_non_space_character_is_lost() -> None:
    text = "A “quote.” B? C!\n\n(D.) E… F. 3.5 G.\u00a0H."
    joined = "".join(split_sentences(text))
    assert "".join(joined.split()) == "".join(text.split())
