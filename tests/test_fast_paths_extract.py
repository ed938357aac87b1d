"""Fast paths of extraction and segmentation give the answers of the rules they stand in for."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract import boilerplate, people
from tracker.extract.typography import folded_lower
from tracker.segment import _CANDIDATE

SETTINGS = settings(max_examples=300, deadline=None)


@SETTINGS
@given(
    st.text(alphabet=st.sampled_from("abcdikrstuİıſ\u212a \u00a0-.")),
    st.sampled_from(["contributed", "credit", "skip", "ask", "is"]),
)
def test_folded_lower_holds_what_ignorecase_finds(text: str, word: str) -> None:
    if re.search(word, text, re.IGNORECASE):
        assert word in folded_lower(text)


_CREDIT_PIECES = [
    "Reporting by",
    "reporting BY",
    "Additional reporting by",
    "research was provided by",
    "Jane Doe",
    "CONTRİBUTED",
    "contributed",
    "contributed reporting.",
    "contributed to this report",
    "and",
    " ",
    ".",
    "editing",
    "by",
]


@SETTINGS
@given(st.lists(st.sampled_from(_CREDIT_PIECES), max_size=8).map(" ".join))
def test_contributor_prefilter_is_the_rule(line: str) -> None:
    assert people._credits_reporters(line) == bool(people._CONTRIBUTOR.search(line))


_LAYOUT_PIECES = [
    "Advertisement",
    "Continue reading the main story",
    "5\u00a0MINS read",
    "Back\tto top",
    "Page 2 of 3",
    "Share this article",
    "more sharing options",
    "Photo",
    "Interactive map",
    "Slide show",
    "Photograph: Jane Doe/AP",
    "(AP Photo/Jane Doe)",
    "Illustration by Kim",
    "Credit",
    "He said.",
    "The end.",
    "\u201cYes.\u201d",
    "\u200b",
    "She left",
]


@SETTINGS
@given(st.lists(st.sampled_from(_LAYOUT_PIECES), min_size=1, max_size=8).map(" ".join))
def test_furniture_words_hold_wherever_a_cut_or_credit_tail_could_be(paragraph: str) -> None:
    plain = boilerplate._plain(paragraph)
    if boilerplate._EDGE.search(paragraph) or boilerplate._CAPTION_TAIL.search(plain):
        assert boilerplate._holds_furniture_word(plain)


@SETTINGS
@given(st.text(alphabet=st.sampled_from("ab \t\u00a0\u200b\u3000.\u2019")))
def test_word_count_of_plain_text_is_its_words(text: str) -> None:
    plain = boilerplate._plain(text)
    assert boilerplate._word_count(plain) == len(plain.split())


_RUN = re.compile(r"…|[.!?]+")
_CLOSERS = re.compile(r"[\"'”’»)\]]*")
_SPACE = re.compile(r"\s*")


def _scanned(para: str) -> list[tuple[int, str, str, int, int]]:
    """The candidate boundaries as a scanner over maximal runs found them."""
    found = []
    pos = 0
    while run := _RUN.search(para, pos):
        closers = _CLOSERS.match(para, run.end())
        cut = closers.end() if closers else run.end()
        space = _SPACE.match(para, cut)
        end = space.end() if space else cut
        pos = max(end, run.end())
        if end > cut:
            found.append((run.start(), run.group(), para[run.end() : cut], cut, end))
    return found


@SETTINGS
@given(st.text(alphabet=st.sampled_from("ab .!?…\"'”’»)] \t\n")))
def test_candidate_pattern_is_the_scanner(para: str) -> None:
    found = [
        (m.start(), m.group(1), m.group(2), m.end(2), m.end())
        for m in _CANDIDATE.finditer(para)
        if m.end() > m.end(2)
    ]
    assert found == _scanned(para)
