"""Quoted words that nobody said: scare quotes and coined terms, titles of works, nicknames."""

from __future__ import annotations

import pytest

from tracker import extract_quotes


def _texts(text: str) -> list[str]:
    return [q.text for q in extract_quotes(text)]


@pytest.mark.parametrize(
    "text",
    [
        "He ran as the “law and order” candidate in every county.",
        "One idea on the table is “more for more” — fewer fees for fewer trucks.",
        "The council crossed a “red line” last week when it sold the park.",
        "Analysts called the protests a kind of “Harbor Spring” in the port towns.",
    ],
)
def test_coined_terms_are_not_quotes(text: str) -> None:
    assert extract_quotes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "She wrote a memoir, “Beyond the Blue Gate,” soon after her release.",
        "He starred in the film “A Night at the Harbor” in 1998.",
        "The video, titled “A Very Merry Campaign,” ran for a week.",
        "Her first novel, ''The Day of the Long Rain,'' sold well.",
        "She appeared on “Celebrity Rehab” twice.",
    ],
)
def test_titles_of_works_are_not_quotes(text: str) -> None:
    assert extract_quotes(text) == []


def test_a_nickname_is_not_a_quote() -> None:
    assert extract_quotes("Darren “The Anvil” Colfax visited the base on Friday.") == []
    assert extract_quotes("Francis “Skip” O’Hara led the council for a decade.") == []


def test_a_short_partial_quote_with_a_cue_is_kept() -> None:
    text = "Halloran vowed to “sweep the rot” out of the agency, aides said."
    assert _texts(text) == ["sweep the rot"]


def test_a_title_case_sentence_with_a_cue_is_kept() -> None:
    assert _texts("“We Will Win,” Mayor Ann Lee said.") == ["We Will Win"]


def test_a_full_sentence_is_kept_without_a_cue() -> None:
    text = "Near the door hung a sign. “We are closed until the storm passes.”"
    assert _texts(text) == ["We are closed until the storm passes."]
