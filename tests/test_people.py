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
        ("By Joel Arcand", "Joel Arcand"),
        ("  CNN's   Elise Larkin ", "Elise Larkin"),
        ("TOMAS RIVAS", "Tomas Rivas"),
        ("JOHN McDONALD", "John McDonald"),
        ("Jane Doe, Staff Writer", "Jane Doe"),
        ("Dr. Ann Lee", "Ann Lee"),
        ("Fox News' Jessica Varga", "Jessica Varga"),
        ("Washington Post staff writer Ellen Takahara", "Ellen Takahara"),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


def test_cnn_contributor_line() -> None:
    line = "CNN's Elise Larkin, Joel Arcand and Tomas Rivas contributed to this report"
    assert split_names(line) == ["Elise Larkin", "Joel Arcand", "Tomas Rivas"]


def test_reuters_additional_reporting_line_drops_places() -> None:
    line = "Additional reporting by Jane Doe and John Smith in Paris; Editing by Mary Jones"
    assert split_names(line) == ["Jane Doe", "John Smith", "Mary Jones"]


def test_reuters_reporting_writing_editing_line() -> None:
    line = "Reporting by Andrea Solano; Writing by Steve Hadlow; Editing by Peter Corwin"
    assert split_names(line) == ["Andrea Solano", "Steve Hadlow", "Peter Corwin"]


def test_reuters_line_with_a_place_after_each_name() -> None:
    line = "Reporting by Lesley Whitcombe in Washington and Arshad Malik in Geneva"
    assert split_names(line) == ["Lesley Whitcombe", "Arshad Malik"]


def test_nyt_contributed_reporting_line() -> None:
    line = "Alan Rappley, Maggie Harlan and Nicholas Fenby contributed reporting."
    assert split_names(line) == ["Alan Rappley", "Maggie Harlan", "Nicholas Fenby"]


def test_nyt_reported_from_line_with_research_credit() -> None:
    line = (
        "Sharon LaFontaine reported from Washington, and Adam Gorski from New York. "
        "Kitty Barlow contributed research."
    )
    assert split_names(line) == ["Sharon LaFontaine", "Adam Gorski", "Kitty Barlow"]


def test_name_suffix_stays_with_its_name() -> None:
    assert split_names("Walter Lee Dunmore, Jr. contributed reporting.") == [
        "Walter Lee Dunmore Jr"
    ]


def test_byline_role_is_not_a_name() -> None:
    assert split_names("By TOMAS RIVAS, CNN Senior Congressional Correspondent") == ["Tomas Rivas"]


@pytest.mark.parametrize(
    "line",
    [
        "CNN's Elise Larkin, Joel Arcand and Tomas Rivas contributed to this report",
        "Reporting by Andrea Solano; Editing by Peter Corwin",
        "Additional reporting by Jane Doe in Paris",
        "Alan Rappley and Maggie Harlan contributed reporting.",
        "Kitty Barlow contributed research.",
    ],
)
def test_contributor_lines_are_recognised(line: str) -> None:
    assert is_contributor_line(line)


@pytest.mark.parametrize(
    "paragraph",
    [
        "He contributed to the campaign of Maria Olsen.",
        "Reporting by the team was thin, critics said.",
        "The senator said the bill would pass.",
    ],
)
def test_body_paragraphs_are_not_contributor_lines(paragraph: str) -> None:
    assert not is_contributor_line(paragraph)


def test_diff_names_ignores_case_and_outlet_prefix() -> None:
    added, removed = diff_names(["Tomas Rivas", "Joel Arcand"], ["TOMAS RIVAS", "CNN's Eli Larkin"])
    assert added == ["Eli Larkin"]
    assert removed == ["Joel Arcand"]


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
    assert clean_names(["By Ana Lopez, Ben Ray and Cy Yorke"]) == [
        "Ana Lopez",
        "Ben Ray",
        "Cy Yorke",
    ]


def test_reuters_reporting_and_editing_line() -> None:
    names = contributor_names("(Reporting by Tom Bramwell in Washington; Editing by Dan Gressel)")
    assert names == ["Tom Bramwell", "Dan Gressel"]


def test_additional_reporting_line() -> None:
    assert contributor_names("Additional reporting by Maria Garcia.") == ["Maria Garcia"]


def test_possessive_outlet_is_dropped_from_contributor() -> None:
    assert contributor_names("CNN's Kate Bolander contributed to this report.") == ["Kate Bolander"]


def test_contributor_names_of_a_body_sentence_is_empty() -> None:
    assert contributor_names("He contributed to the campaign of Maria Olsen.") == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("View all posts by Daniel Ferrand", ["Daniel Ferrand"]),
        (
            "Posted by Ann Lee, Bo Chen and Cy Yorke - Safe Browsing team",
            ["Ann Lee", "Bo Chen", "Cy Yorke"],
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
