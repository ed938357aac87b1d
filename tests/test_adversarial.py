"""Adversarial text shapes (runs of dots, spaces, quotes, capitalised words, deep nesting, huge
pages): results stay right and over-budget pages say so. Speed is measured in
benchmarks/bench_adversarial.py, not here; every case below is small or now linear."""

from __future__ import annotations

import pytest

from tracker import extract_article, extract_quotes, split_sentences
from tracker.analyze.quotes import MAX_QUOTES
from tracker.extract import article as article_module
from tracker.extract import budget

PARA = "Ann Lee said the city council passed the budget on Tuesday night after a long debate."
THREE = " ".join([PARA] * 3)


# --- sentences -------------------------------------------------------------------------------


def test_a_long_run_of_dots_without_a_space_is_one_sentence() -> None:
    text = "Roe said x" + "." * 40_000 + "x"
    assert split_sentences(text) == [text]


@pytest.mark.parametrize("mark", [".", "!", "?", "…", ".!?"])
def test_a_long_run_of_marks_before_a_space_ends_the_sentence_once(mark: str) -> None:
    text = "Roe said x" + mark * 5_000 + " Then it ended."
    assert split_sentences(text) == ["Roe said x" + mark * 5_000, "Then it ended."]


def test_a_long_run_of_spaces_is_one_boundary() -> None:
    assert split_sentences("Roe said x. " + " " * 50_000 + "Then it ended.") == [
        "Roe said x.",
        "Then it ended.",
    ]


def test_a_run_of_closing_quotes_stays_with_its_sentence() -> None:
    text = "Roe said x." + "”" * 5_000 + " Then it ended."
    assert split_sentences(text) == ["Roe said x." + "”" * 5_000, "Then it ended."]


def test_many_short_sentences_and_titles() -> None:
    assert len(split_sentences("He left. " * 20_000)) == 20_000
    assert split_sentences("Sen. " * 5_000 + "Lee left.") == ["Sen. " * 5_000 + "Lee left."]


def test_abbreviation_rules_still_hold_after_long_runs() -> None:
    text = "x" * 10_000 + ". Sen. Warren spoke on Jan. 5 in Washington. Then it ended."
    assert split_sentences(text)[1:] == [
        "Sen. Warren spoke on Jan. 5 in Washington.",
        "Then it ended.",
    ]


# --- quotes ----------------------------------------------------------------------------------


def test_thousands_of_quotes_in_one_sentence_are_scanned() -> None:
    quotes = extract_quotes("He said " + '"a b c" ' * 4_000 + "done.")
    assert quotes
    assert all(q.text == "a b c" for q in quotes)
    assert quotes[0].start == len('He said "')


def test_thousands_of_attributed_quotes_keep_their_speaker() -> None:
    quotes = extract_quotes('"We will win," said Ann Lee. ' * 200)
    assert len(quotes) == 200
    assert {(q.text, q.speaker) for q in quotes} == {("We will win", "Ann Lee")}


def test_a_page_of_more_quotations_than_any_story_holds_is_read_up_to_the_budget() -> None:
    lines = [f'"Line {n} of the list," said Ann Lee. ' for n in range(MAX_QUOTES + 500)]
    quotes = extract_quotes("".join(lines))
    assert len(quotes) == MAX_QUOTES
    assert [q.text for q in quotes[:2]] == ["Line 0 of the list", "Line 1 of the list"]
    assert quotes[-1].text == f"Line {MAX_QUOTES - 1} of the list"


def test_a_huge_quote_keeps_its_speaker() -> None:
    quotes = extract_quotes('Ann Lee said: "' + "word " * 50_000 + 'end."')
    assert len(quotes) == 1
    assert quotes[0].speaker == "Ann Lee"
    assert quotes[0].text.endswith("word end.")


def test_nested_single_quotes_stay_inside_the_quote() -> None:
    quotes = extract_quotes(
        "Ann Lee said: \"They told me 'we " + "go 'and' " * 2_000 + "now' and left.\""
    )
    assert len(quotes) == 1
    assert quotes[0].speaker == "Ann Lee"


def test_a_quote_after_a_run_of_dots_is_found() -> None:
    quotes = extract_quotes("Wait" + "." * 20_000 + ' "We will win," said Ann Lee.')
    assert [(q.text, q.speaker) for q in quotes] == [("We will win", "Ann Lee")]


def test_british_single_quotes_beside_many_double_ones() -> None:
    text = "Ann Lee said 'we will win this race' and \"x\" " * 300
    assert extract_quotes(text)  # pairs tested against nested spans by bisection


# --- extraction budget -----------------------------------------------------------------------


def _page(body: str) -> str:
    return f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"


def test_a_page_within_budget_has_no_budget_note() -> None:
    article = extract_article(_page(f"<p>{PARA}</p>" * 10))
    assert not any(n.startswith("tracker:") for n in article.notes)


def test_a_page_over_the_element_budget_is_cut_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "MAX_ELEMENTS", 60)
    article = extract_article(_page("".join(f"<p>{PARA} Number {i}.</p>" for i in range(500))))
    assert budget.CUT_NOTE in article.notes
    assert 10 < len(article.paragraphs) < 60
    assert article.paragraphs[0].endswith("Number 0.")


def test_a_page_over_the_text_budget_is_cut_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "MAX_CHARS", 5_000)
    article = extract_article(_page(f"<p>{PARA * 30}</p>" * 20))
    assert budget.CUT_NOTE in article.notes
    assert sum(map(len, article.paragraphs)) <= 5_000


def test_a_page_over_the_source_budget_is_cut_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "MAX_SOURCE", 20_000)
    article = extract_article(_page("".join(f"<p>{PARA} Number {i}.</p>" for i in range(2_000))))
    assert budget.CUT_NOTE in article.notes
    assert 10 < len(article.paragraphs) < 2_000


def test_plain_text_over_the_paragraph_budget_is_cut_with_a_note(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(article_module, "MAX_PARAGRAPHS", 50)
    article = extract_article("\n".join(f"{PARA} Number {i}." for i in range(400)))
    assert budget.TEXT_CUT_NOTE in article.notes
    assert len(article.paragraphs) <= 50


def test_a_paragraph_nested_deep_is_kept_with_a_note() -> None:
    depth = 100_000
    article = extract_article(
        "<html><body>" + "<div>" * depth + f"<p>{THREE}</p>" + "</div>" * depth + "</body></html>"
    )
    assert article.paragraphs == [THREE]
    assert budget.DEEP_NOTE in article.notes


def test_a_page_nested_just_past_the_old_parser_limit_is_read() -> None:
    article = extract_article(
        "<html><body>" + "<div>" * 300 + f"<p>{THREE}</p>" + "</div>" * 300 + "</body></html>"
    )
    assert article.paragraphs == [THREE]


def test_a_long_single_line_is_kept() -> None:
    article = extract_article(_page(f"<p>{PARA * 2_000}</p>"))
    assert len(article.paragraphs) == 1
    assert len(article.paragraphs[0]) >= len(PARA) * 2_000 - 1
    assert not article.notes
