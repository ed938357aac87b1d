"""Bylines, contributor lines and editor's notes: recognising, parsing and diffing them.

The rules live in tracker.extract_people (used by extraction) and are re-exported by
tracker.analyze.people (used by the report); both names are exercised here.
"""

from __future__ import annotations

import pytest

from tracker.analyze.people import (
    diff_names,
    diff_notes,
    is_contributor_line,
    is_note,
    normalize_name,
    split_names,
)
from tracker.extract.people import clean_names, contributor_names, drop_outlets


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jim Acosta", "Jim Acosta"),
        ("  CNN's   Elise Labott ", "Elise Labott"),
        ("MANU RAJU", "Manu Raju"),
        ("JOHN McDONALD", "John McDonald"),
        ("Jane Doe, Staff Writer", "Jane Doe"),
        ("Dr. Ann Lee", "Ann Lee"),
        ("Fox News' Jessica Napoli", "Jessica Napoli"),
        ("Washington Post staff writer Ellen Nakashima", "Ellen Nakashima"),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


def test_cnn_contributor_line() -> None:
    line = "CNN's Elise Labott, Jim Acosta and Manu Raju contributed to this report"
    assert split_names(line) == ["Elise Labott", "Jim Acosta", "Manu Raju"]


def test_reuters_additional_reporting_line_drops_places() -> None:
    line = "Additional reporting by Jane Doe and John Smith in Paris; Editing by Mary Jones"
    assert split_names(line) == ["Jane Doe", "John Smith", "Mary Jones"]


def test_reuters_reporting_writing_editing_line() -> None:
    line = "Reporting by Andrea Shalal; Writing by Steve Holland; Editing by Peter Cooney"
    assert split_names(line) == ["Andrea Shalal", "Steve Holland", "Peter Cooney"]


def test_reuters_line_with_a_place_after_each_name() -> None:
    line = "Reporting by Lesley Wroughton in Washington and Arshad Mohammed in Geneva"
    assert split_names(line) == ["Lesley Wroughton", "Arshad Mohammed"]


def test_nyt_contributed_reporting_line() -> None:
    line = "Alan Rappeport, Maggie Haberman and Nicholas Fandos contributed reporting."
    assert split_names(line) == ["Alan Rappeport", "Maggie Haberman", "Nicholas Fandos"]


def test_nyt_reported_from_line_with_research_credit() -> None:
    line = (
        "Sharon LaFraniere reported from Washington, and Adam Goldman from New York. "
        "Kitty Bennett contributed research."
    )
    assert split_names(line) == ["Sharon LaFraniere", "Adam Goldman", "Kitty Bennett"]


def test_name_suffix_stays_with_its_name() -> None:
    assert split_names("Martin Luther King, Jr. contributed reporting.") == [
        "Martin Luther King Jr"
    ]


def test_byline_role_is_not_a_name() -> None:
    assert split_names("By MANU RAJU, CNN Senior Congressional Correspondent") == ["Manu Raju"]


@pytest.mark.parametrize(
    "line",
    [
        "CNN's Elise Labott, Jim Acosta and Manu Raju contributed to this report",
        "Reporting by Andrea Shalal; Editing by Peter Cooney",
        "Additional reporting by Jane Doe in Paris",
        "Alan Rappeport and Maggie Haberman contributed reporting.",
        "Kitty Bennett contributed research.",
    ],
)
def test_contributor_lines_are_recognised(line: str) -> None:
    assert is_contributor_line(line)


@pytest.mark.parametrize(
    "paragraph",
    [
        "He contributed to the campaign of Hillary Clinton.",
        "Reporting by the team was thin, critics said.",
        "The senator said the bill would pass.",
    ],
)
def test_body_paragraphs_are_not_contributor_lines(paragraph: str) -> None:
    assert not is_contributor_line(paragraph)


def test_diff_names_ignores_case_and_outlet_prefix() -> None:
    added, removed = diff_names(["Manu Raju", "Jim Acosta"], ["MANU RAJU", "CNN's Elise Labott"])
    assert added == ["Elise Labott"]
    assert removed == ["Jim Acosta"]


def test_diff_names_of_equal_lists_is_empty() -> None:
    assert diff_names(["Ann Lee"], ["By Ann Lee"]) == ([], [])


@pytest.mark.parametrize(
    "paragraph",
    [
        "Correction: An earlier version of this article misstated the date.",
        "An earlier version of this story misspelled the name of the mayor.",
        "This article has been corrected.",
        "Clarification: The report was published by the ministry.",
        "Editor\u2019s note: This story contains graphic descriptions.",
        "This story has been updated with comment from the White House.",
        "This story is being updated.",
        "Update: The senator has since resigned.",
        "UPDATE (3:45 p.m.): Police said the road has reopened.",
        "Updated at 5 p.m.: Police said the road has reopened after the crash.",
        "This is a developing story and will be updated.",
        "Corrections appended to this article on March 5.",
    ],
)
def test_notes_are_recognised(paragraph: str) -> None:
    assert is_note(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The update to the software shipped on Monday.",
        "Officials said corrections officers were on duty.",
        "This story began in 1998, when the factory closed.",
        "Updated 3:45 PM ET, Tue March 5, 2024",
        "Updated: March 5, 2024 at 3:45 p.m. ET",
        "Update: fixed.",
        "updated: Nov 20 2019, 15:24pm ist",
    ],
)
def test_body_paragraphs_are_not_notes(paragraph: str) -> None:
    assert not is_note(paragraph)


def test_diff_notes_ignores_typography() -> None:
    old = ["Correction: It\u2019s a \u201ctest\u201d \u2014 fixed."]
    new = ['Correction: It\'s a "test" - fixed.', "Update: The road reopened."]
    assert diff_notes(old, new) == (["Update: The road reopened."], [])


def test_changed_note_counts_as_removed_and_added() -> None:
    old = ["Correction: The vote was on Monday."]
    new = ["Correction: The vote was on Tuesday."]
    assert diff_notes(old, new) == (new, old)


def test_clean_names_strips_titles_urls_and_staff() -> None:
    raw = ["By Jane Doe, Staff Writer", "https://example.com/jane", "Staff", "JANE DOE"]
    assert clean_names(raw) == ["Jane Doe"]


def test_clean_names_keeps_comma_separated_coauthors() -> None:
    assert clean_names(["By Ana Lopez, Ben Ray and Cy Young"]) == [
        "Ana Lopez",
        "Ben Ray",
        "Cy Young",
    ]


def test_reuters_reporting_and_editing_line() -> None:
    names = contributor_names("(Reporting by Tom Brown in Washington; Editing by Dan Grebler)")
    assert names == ["Tom Brown", "Dan Grebler"]


def test_additional_reporting_line() -> None:
    assert contributor_names("Additional reporting by Maria Garcia.") == ["Maria Garcia"]


def test_possessive_outlet_is_dropped_from_contributor() -> None:
    assert contributor_names("CNN's Kate Bolduan contributed to this report.") == ["Kate Bolduan"]


def test_contributor_names_of_a_body_sentence_is_empty() -> None:
    assert contributor_names("He contributed to the campaign of Hillary Clinton.") == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("View all posts by Daniel Lemire", ["Daniel Lemire"]),
        (
            "Posted by Ann Lee, Bo Chen and Cy Young - Safe Browsing team",
            ["Ann Lee", "Bo Chen", "Cy Young"],
        ),
        ("byJane Doe", ["Jane Doe"]),
        ("By Adam Aaronson Staff Writer", ["Adam Aaronson"]),
        ("Bo2man", ["Bo2man"]),
        ("admin", []),
    ],
)
def test_clean_names_of_byline_text(raw: str, expected: list[str]) -> None:
    assert clean_names([raw]) == expected


def test_clean_names_lenient_keeps_lower_case_names_from_metadata() -> None:
    assert clean_names(["marc"], lenient=True) == ["marc"]
    assert clean_names(["marc"]) == []


@pytest.mark.parametrize(
    "outlet",
    ["BBC News", "Reuters", "The Associated Press", "Example Times", "NDR", "example.com"],
)
def test_drop_outlets_drops_publications(outlet: str) -> None:
    assert drop_outlets([outlet, "Jane Doe"], ["Example Times", "example.com"]) == ["Jane Doe"]
