"""Name analysis on long and repetitive texts: one speaker named thousands of times, and
capitalised stretches far longer than any name. Results stay what they are on short texts (speed
is measured in benchmarks/bench_adversarial.py, not here)."""

from __future__ import annotations

from tracker import extract_quotes
from tracker.analyze.people.names import NameBook
from tracker.analyze.people.runs import NAME_WORDS, name_runs
from tracker.analyze.quotes import MAX_QUOTES


def test_a_speaker_named_thousands_of_times_keeps_one_full_name() -> None:
    text = "Sen. Ann Lee spoke first. " + '"We will win," said Ann Lee. ' * MAX_QUOTES
    quotes = extract_quotes(text)
    assert len(quotes) == MAX_QUOTES
    assert {q.speaker for q in quotes} == {"Sen. Ann Lee"}


def test_a_repeated_surname_takes_the_fullest_name_given_before() -> None:
    text = "Gov. Ann Lee arrived. " + '"We will win," Lee said. ' * 2_000
    assert {q.speaker for q in extract_quotes(text)} == {"Gov. Ann Lee"}


def test_two_people_of_one_surname_stay_apart_however_often_named() -> None:
    unit = '"We will win," said Ann Lee. "We will lose," said Bob Lee. '
    quotes = extract_quotes(unit * 1_000)
    assert [q.speaker for q in quotes[:4]] == ["Ann Lee", "Bob Lee", "Ann Lee", "Bob Lee"]
    assert {q.speaker for q in quotes} == {"Ann Lee", "Bob Lee"}


def test_a_name_run_keeps_at_most_its_last_words() -> None:
    text = "Then " + "Abc " * 5_000 + "Lee left."
    runs = list(name_runs(text))
    assert len(runs) == 1
    assert runs[0].words == ("Abc",) * (NAME_WORDS - 1) + ("Lee",)
    assert text[runs[0].start :].startswith("Abc Abc")
    assert text.index("Lee") - runs[0].start == 4 * (NAME_WORDS - 1)


def test_a_long_title_before_a_name_is_kept() -> None:
    runs = list(name_runs("Then Deputy White House Press Secretary Laura Beth Kendall spoke."))
    assert [r.words for r in runs] == [
        ("Deputy", "White", "House", "Press", "Secretary", "Laura", "Beth", "Kendall")
    ]


def test_a_quote_after_thousands_of_capitalised_words_is_still_found() -> None:
    quotes = extract_quotes('"Hi there, friends," said ' + "Abc " * 20_000 + "done.")
    assert [q.text for q in quotes] == ["Hi there, friends"]


def test_the_fullest_name_counts_every_mention_of_each_form() -> None:
    text = (
        "Maria Elena Torres spoke. Maria Torres left. Maria Torres came back. Luis Torres waved. "
    ) * 500
    book = NameBook.build(text, [], [0])
    assert book.fullest(("Torres",), len(text)) == "Maria Elena Torres"
    assert book.canonical("Maria Torres") == "Maria Elena Torres"
    assert book.canonical("Luis Torres") == "Luis Torres"


def test_a_place_in_initials_is_not_part_of_a_name_but_a_person_s_initials_are() -> None:
    runs = [r.words for r in name_runs("Then U.S. Sen. Gordon Hale met J.J. MacNair.")]
    assert runs == [("Sen.", "Gordon", "Hale"), ("J.J.", "MacNair")]
