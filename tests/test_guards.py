"""Guards: broken pages (paywall, consent, error, shrunk body) are not edits; A -> B -> A flips."""

from __future__ import annotations

import pytest

from tracker.extract.guards import GuardPolicy, check_plausible, word_count
from tracker.models import Article

STORY = [
    " ".join(
        f"The council met on day {n} and voted on the budget for the harbour." for _ in range(4)
    )
    for n in range(8)
]  # 8 paragraphs of 56 words: 448 words


def _article(paragraphs: list[str], title: str = "Council passes harbour budget") -> Article:
    return Article(title=title, authors=[], published=None, modified=None, paragraphs=paragraphs)


PREVIOUS = _article(STORY)


def test_an_ordinary_edit_is_plausible() -> None:
    edited = _article([*STORY[:-1], "The mayor said the vote was close."])
    assert check_plausible(PREVIOUS, edited) is None


def test_a_first_version_of_a_full_story_is_plausible() -> None:
    assert check_plausible(None, PREVIOUS) is None


def test_a_body_cut_below_35_percent_is_not_an_edit() -> None:
    reason = check_plausible(PREVIOUS, _article(STORY[:2]))
    assert reason is not None
    assert "shrank from 448 to 112 words" in reason


def test_a_body_cut_to_40_percent_is_an_edit() -> None:
    assert check_plausible(PREVIOUS, _article(STORY[:3] + ["A short closing line."])) is None


def test_a_short_previous_body_may_shrink_freely() -> None:
    short = _article(["Breaking: the council is meeting now on the harbour budget."] * 3)
    assert check_plausible(short, _article(["The council met."])) is None


def test_the_shrink_threshold_is_configurable() -> None:
    policy = GuardPolicy(min_ratio=0.9)
    assert check_plausible(PREVIOUS, _article(STORY[:7]), policy) is not None


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ("Subscribe to continue reading.", "paywall"),
        ("You have reached your free article limit this month.", "paywall"),
        ("Already a subscriber? Log in.", "paywall"),
        ("We and our partners use cookies to personalise content.", "consent"),
        ("Before you continue to the site", "consent"),
        ("Please enable JavaScript to view this page.", "JavaScript"),
        ("Sorry, the page you are looking for has moved.", "error"),
        ("Are you a robot? Complete the check below.", "bot"),
    ],
)
def test_a_shrunk_page_with_a_blocking_phrase_is_not_an_edit(line: str, what: str) -> None:
    reason = check_plausible(PREVIOUS, _article([*STORY[:5], line]))
    assert reason is not None
    assert what in reason


def test_a_first_version_that_is_only_a_consent_wall_is_refused() -> None:
    wall = _article(["We value your privacy.", "Manage your privacy settings or accept all."])
    assert check_plausible(None, wall) is not None


def test_a_blocking_phrase_already_in_the_previous_version_is_ignored() -> None:
    line = "Subscribe to continue reading."
    previous = _article([*STORY, line])
    assert check_plausible(previous, _article([*STORY[:5], line])) is None


def test_a_full_story_that_gains_a_blocking_phrase_is_an_edit() -> None:
    current = _article([*STORY, "Please enable JavaScript to watch the video."])
    assert check_plausible(PREVIOUS, current) is None


def test_a_blocking_phrase_inside_a_long_paragraph_is_story_text() -> None:
    long = "Readers were told to subscribe to continue reading, " + " ".join(["word"] * 50)
    assert check_plausible(None, _article([long])) is None


def test_an_empty_body_is_not_an_edit() -> None:
    assert check_plausible(PREVIOUS, _article([])) == "the page has no article text"


@pytest.mark.parametrize(
    "title",
    ["404 Not Found", "Page not found | The Daily", "Just a moment...", "Access Denied", "Error"],
)
def test_a_generic_error_title_is_not_an_edit(title: str) -> None:
    reason = check_plausible(PREVIOUS, _article(STORY, title=title))
    assert reason == f"the title became the generic {title!r}"


@pytest.mark.parametrize(
    "title", ["500 people rescued from flooded town", "Error-prone software cost millions"]
)
def test_a_headline_that_only_starts_like_an_error_is_plausible(title: str) -> None:
    assert check_plausible(PREVIOUS, _article(STORY, title=title)) is None


def test_word_count_counts_body_words() -> None:
    assert word_count(_article(["One two, three.", "Four"])) == 4
