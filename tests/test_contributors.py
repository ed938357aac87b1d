"""Contributors from every common credit pattern, as clean full names; places, outlets, dates,
roles and layout text are never people; garbled redesign bylines name the same people."""

from __future__ import annotations

import pytest

from tracker import compare, extract_article
from tracker.analyze.people import diff_names
from tracker.extract.people import (
    clean_names,
    contributor_names,
    is_name_list,
    name_key,
    same_person,
    tidy_names,
)

BODY = [
    "The harbor authority said on Monday that it would close the north pier for repairs after "
    "inspectors found cracks in two of its supports.",
    "Fishing boats that use the pier will be moved to the south basin, where the authority has "
    "set aside forty berths, officials said.",
    "The pier, built in 1962, was last renovated two decades ago, according to city records.",
]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Lena Park contributed reporting.", ["Lena Park"]),
        ("Lena Park and Omar Haddad contributed reporting.", ["Lena Park", "Omar Haddad"]),
        ("Lena Park contributed reporting from Kabul.", ["Lena Park"]),
        (
            "Lena Park contributed reporting from Kabul, Afghanistan, and Omar Haddad from "
            "Islamabad, Pakistan.",
            ["Lena Park", "Omar Haddad"],
        ),
        (
            "Reporting was contributed by Lena Park, Omar Haddad and Tomas Berg.",
            ["Lena Park", "Omar Haddad", "Tomas Berg"],
        ),
        (
            "Reporting was contributed by Lena Park from Kabul, Afghanistan, and Omar Haddad "
            "from Herat.",
            ["Lena Park", "Omar Haddad"],
        ),
        ("Lena Park reported from Kabul.", ["Lena Park"]),
        (
            "Lena Park reported from Kabul, and Omar Haddad from Rialto, Calif.",
            ["Lena Park", "Omar Haddad"],
        ),
        ("Additional reporting by Lena Park.", ["Lena Park"]),
        ("With reporting by Lena Park and Omar Haddad.", ["Lena Park", "Omar Haddad"]),
        ("Tomas Berg contributed research.", ["Tomas Berg"]),
        ("Reporting by Lena Park; Editing by Omar Haddad", ["Lena Park", "Omar Haddad"]),
        ("Reporting by Lena Park in Oslo; Writing by Tomas Berg", ["Lena Park", "Tomas Berg"]),
        ("Lena Park of The Harbor Gazette contributed reporting.", ["Lena Park"]),
        (
            "Tomas Berg reported from Oslo, and Lena Park from Jacksonville, Fla. Omar E. Haddad, "
            "Ines Varga and Paul R. Dunn Jr. contributed reporting from Washington.",
            ["Tomas Berg", "Lena Park", "Omar E. Haddad", "Ines Varga", "Paul R. Dunn Jr"],
        ),
        (
            "Ines Varga contributed reporting from Rialto, Calif., Paul Dunn from Los Angeles, "
            "and Lena Park from New York.",
            ["Ines Varga", "Paul Dunn", "Lena Park"],
        ),
        (
            "Reporting was contributed by Lena Park from Kabul, Afghanistan; Omar Haddad from "
            "Herat, Afghanistan; and Tomas Berg from Washington.",
            ["Lena Park", "Omar Haddad", "Tomas Berg"],
        ),
        (
            "Reporting by Lena Park; additional reporting by Omar Haddad in London; editing by "
            "Tomas Berg",
            ["Lena Park", "Omar Haddad", "Tomas Berg"],
        ),
    ],
)
def test_contributor_line_patterns(line: str, names: list[str]) -> None:
    assert contributor_names(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by Reuters; Editing by Lena Park",
        "Lena Park contributed reporting from Kabul, Afghanistan.",
        "Reporting was contributed by Lena Park in Helmand Province.",
        "The Associated Press contributed reporting.",
        "Lena Park contributed reporting on Tuesday.",
    ],
)
def test_places_outlets_dates_and_roles_are_not_contributors(line: str) -> None:
    names = contributor_names(line)
    assert all(n in {"Lena Park"} for n in names)


@pytest.mark.parametrize(
    "sentence",
    [
        "Lena Park reported from Kabul that the talks had failed.",
        "The reporter reported from Kabul for a decade.",
        "He contributed reporting skills to the team, she said.",
    ],
)
def test_sentences_of_the_story_are_not_credit_lines(sentence: str) -> None:
    assert contributor_names(sentence) == []


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        (["By LENA PARK and OMAR HADDAD"], ["Lena Park", "Omar Haddad"]),
        (["By Lena Park, Omar Haddad and Tomas Berg"], ["Lena Park", "Omar Haddad", "Tomas Berg"]),
        (["Lena Parkjune 5, 2031"], ["Lena Park"]),
        (["LENA PARKJUNE 5, 2031"], ["Lena Park"]),
        (["Lena Parksept."], ["Lena Park"]),
        (["Lena ParkMarch 3, 2031"], ["Lena Park"]),
        (["Lena Park Contributed Research Oslo."], ["Lena Park"]),
        (["Lena Park Reported Washington"], ["Lena Park"]),
        (["Fla. Omar E. Haddad"], ["Omar E. Haddad"]),
        (["Omar Haddad New York."], ["Omar Haddad"]),
        (["Continue Reading The Main Story Share This Page"], []),
        (["Calif."], []),
        (["Afghanistan"], []),
        (["Lena Park Omar Haddad", "Lena Park", "Omar Haddad"], ["Lena Park", "Omar Haddad"]),
        (["Lena Park Jacksonville", "Lena Park"], ["Lena Park"]),
        (["Lena Park Omar Haddad", "Lena Park"], ["Lena Park", "Omar Haddad"]),
        (["Reporting Was Contributed By Lena Park"], ["Lena Park"]),
        (["By Lena Park; Additional reporting by Omar Haddad"], ["Lena Park", "Omar Haddad"]),
        (["By Lena Park with reporting by Omar Haddad"], ["Lena Park", "Omar Haddad"]),
        (["Lena Park Contributed Reporting From Kabul", "Afghanistan."], ["Lena Park"]),
        (["Lena Park", "And Omar Haddad From Atlanta."], ["Lena Park", "Omar Haddad"]),
        (["Lena Park In Kabul"], ["Lena Park"]),
        (["Kim In Ho"], ["Kim In Ho"]),
    ],
)
def test_garbled_bylines_give_clean_names(raw: list[str], names: list[str]) -> None:
    assert clean_names(raw, lenient=True) == names


@pytest.mark.parametrize(
    "name", ["Jack London", "Paris Hilton", "Chad Jordan", "Ivan Smirnov", "Anil Kumar", "Ida May"]
)
def test_real_names_that_look_like_places_or_dates_stay(name: str) -> None:
    assert clean_names([name], lenient=True) == [name]
    assert clean_names([f"By {name}"]) == [name]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Omar Haddad", "OMAR HADDAD"),
        ("Omar Haddad", "omar haddad"),
        ("Omar E. Haddad", "Omar Haddad"),
        ("Paul R. Dunn Jr.", "Paul Dunn"),
        ("Jos\u00e9 Mart\u00edn", "Jose Martin"),
        ("Lena Maria Park", "Lena Park"),
    ],
)
def test_spellings_of_one_person_compare_equal(a: str, b: str) -> None:
    assert same_person(a, b)
    assert diff_names([a], [b]) == ([], [])


def test_different_people_differ() -> None:
    assert not same_person("Lena Park", "Lena Parker")
    assert not same_person("Lena Park", "Omar Park")
    assert name_key("Lena Park") != name_key("Lena Parker")


def test_moving_from_byline_to_contributor_line_is_no_change() -> None:
    old = ["Lena Park", "Omar Haddad"]  # bylines + contributors of the old version
    new = ["Lena Park", "Omar Haddad"]  # Omar Haddad now in "contributed reporting"
    assert diff_names(old, new) == ([], [])


def test_redesign_noise_in_stored_names_is_no_change() -> None:
    old = ["Lena Park", "Omar Haddad Contributed Reporting."]
    new = [
        "Lena Park",
        "Lena Parkjune",
        "Continue Reading The Main Story Share This Page",
        "Omar Haddad",
    ]
    assert diff_names(old, new) == ([], [])
    assert tidy_names(new) == ["Lena Park", "Omar Haddad"]


def test_a_place_is_never_added_as_a_contributor() -> None:
    old = "\n\n".join([*BODY, "Lena Park contributed reporting."])
    new = "\n\n".join(
        [*BODY, "Reporting was contributed by Lena Park from Kabul, Afghanistan, and Omar Haddad."]
    )
    report = compare(old, new)
    assert report.contributors_added == ("Omar Haddad",)
    assert report.contributors_removed == ()


def test_long_byline_of_names_and_credits_is_a_byline() -> None:
    text = "\n\n".join(
        [
            "Harbor authority closes north pier",
            "By Lena Park, Omar Haddad, Tomas Berg Reported Oslo, Ines Varga Contributed "
            "Reporting Rialto, Calif., Paul Dunn and Mia Chen New York.",
            *BODY,
        ]
    )
    report = compare(text, text)
    assert not report.changed
    article = extract_article(text)
    assert article.paragraphs == BODY
    assert article.authors == [
        "Lena Park",
        "Omar Haddad",
        "Tomas Berg",
        "Ines Varga",
        "Paul Dunn",
        "Mia Chen",
    ]


def test_a_sentence_opening_with_by_is_no_byline() -> None:
    line = "By the time the inspectors arrived, the cracks had spread to a third support."
    assert not is_name_list(line.removeprefix("By "))
