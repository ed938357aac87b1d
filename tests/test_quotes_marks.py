"""Quotation conventions: doubled apostrophes, TeX-like marks, British single quotes, quotes
over several paragraphs; apostrophes that are not quotation marks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker import extract_quotes
from tracker.analyze.quotes.marks import normalize_marks
from tracker.models import Quote


def _only(text: str) -> Quote:
    quotes = extract_quotes(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


def _texts(text: str) -> list[str]:
    return [q.text for q in extract_quotes(text)]


# -- doubled apostrophes -----------------------------------------------------------------------


def test_doubled_apostrophes_mark_a_quotation() -> None:
    text = "''The harbor will reopen in May,'' said Mayor Ruth Okafor."
    q = _only(text)
    assert (q.text, q.speaker) == ("The harbor will reopen in May", "Mayor Ruth Okafor")
    assert text[q.start : q.end] == q.text


def test_tex_like_opening_and_doubled_closing() -> None:
    q = _only("``We have nothing to hide,'' the company's founder, Lars Berg, said.")
    assert q.text == "We have nothing to hide"
    assert q.speaker == "Lars Berg"


def test_doubled_apostrophes_with_a_nested_single_quote() -> None:
    text = "Mr. Dane said, ''Voters keep telling us the state is on the 'wrong road.' ''"
    q = _only(text)
    assert q.text.startswith("Voters keep telling us")
    assert "'wrong road.'" in q.text
    assert q.speaker == "Mr. Dane"


def test_three_apostrophes_open_a_nested_quote() -> None:
    text = "'''Get out,' he told me, and I did,'' Ms. Ivy Roan recalled."
    q = _only(text)
    assert q.text.startswith("'Get out,' he told me")
    assert q.speaker == "Ms. Ivy Roan"


def test_doubled_apostrophes_over_two_paragraphs() -> None:
    text = (
        "Gov. Alma Reyes said: ''We will rebuild the levee this year.\n\n"
        "''We will pay for it without new taxes.''\n\nThe council meets on Friday."
    )
    q = _only(text)
    assert q.text.startswith("We will rebuild")
    assert q.text.endswith("without new taxes.")
    assert "'" not in q.text
    assert q.speaker == "Gov. Alma Reyes"


def test_partial_quote_in_doubled_apostrophes() -> None:
    text = "Sen. Hal Brandt called the bill ''a gift to the insurance companies'' on Tuesday."
    assert _only(text).speaker == "Sen. Hal Brandt"


def test_inches_are_not_a_mark() -> None:
    assert extract_quotes("The board is 12'' wide and 30'' long, the carpenter said.") == []


# -- British single quotes ---------------------------------------------------------------------


def test_curly_single_quotes_when_the_article_quotes_with_them() -> None:
    text = "‘We will not back down,’ said Nina Holt. ‘The voters know what they want.’"
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["We will not back down", "The voters know what they want."]
    assert {q.speaker for q in quotes} == {"Nina Holt"}


def test_straight_single_quotes_and_apostrophes_in_one_article() -> None:
    text = (
        "'We don't want the '90s back,' said Nina Holt, who loves rock 'n' roll.\n\n"
        "The Joneses' shop closed in May. 'It was the end of an era for us,' she said."
    )
    assert _texts(text) == ["We don't want the '90s back", "It was the end of an era for us"]


def test_double_quotes_nested_in_single_ones() -> None:
    q = _only("‘He told me “never again” and left the room,’ Ms. Kay Bright said.")
    assert q.text == "He told me “never again” and left the room"
    assert q.speaker == "Ms. Kay Bright"


def test_single_quotes_over_two_paragraphs() -> None:
    text = (
        "Mayor Ann Lee said: ‘We will build the bridge this year.\n\n"
        "‘We will pay for it without new taxes.’\n\nThe council meets."
    )
    q = _only(text)
    assert q.text == "We will build the bridge this year.\n\nWe will pay for it without new taxes."


def test_apostrophes_alone_are_not_quotes() -> None:
    text = (
        "The Smiths' dog, a '90s relic, isn't allowed in the players' lounge, "
        "and the rock 'n' roll band's van is parked at Jones' garage."
    )
    assert extract_quotes(text) == []


def test_single_quotes_nested_in_an_american_article_stay_nested() -> None:
    text = "“They chanted ‘we want the vote now’ all night,” said Tom Reyes."
    q = _only(text)
    assert q.text == "They chanted ‘we want the vote now’ all night"


def test_american_article_keeps_single_quoted_scare_words_out() -> None:
    text = (
        "“We will win this seat,” said Ann Lee. “The polls are wrong.”\n\n"
        "Critics called it a 'vanity project' on Monday."
    )
    assert _texts(text) == ["We will win this seat", "The polls are wrong."]


@given(st.text(alphabet=st.sampled_from(list("ab '‘’`\"“”\n,.")), max_size=60))
def test_marks_keep_the_length_and_every_other_character(text: str) -> None:
    marked = normalize_marks(text)
    assert len(marked) == len(text)
    for a, b in zip(text, marked, strict=True):
        assert a == b or a in "'‘’`\"“”"
