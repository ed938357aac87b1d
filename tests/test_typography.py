"""One typography table: alignment, notes, claims and names agree on what is only typography."""

from __future__ import annotations

import pytest

from tracker.align import align_sentences
from tracker.align import normalize_typography as align_normalize_typography
from tracker.analyze.claims.text import tokenise
from tracker.analyze.people import diff_notes
from tracker.extract.people import normalize_name
from tracker.extract.typography import normalize_typography

LOW_QUOTES = (
    "Editor\u2019s note: An earlier version misstated the \u201ebudget\u201c total.",
    "Editor\u2019s note: An earlier version misstated the \u201cbudget\u201d total.",
)
MODIFIER_APOSTROPHE = (
    "Editor\u02bcs note: An earlier version misstated the budget total.",
    "Editor's note: An earlier version misstated the budget total.",
)
PAIRS = [LOW_QUOTES, MODIFIER_APOSTROPHE]


def test_align_re_exports_the_one_normalize_typography() -> None:
    assert align_normalize_typography is normalize_typography


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_typography_only_sentence_is_same(old: str, new: str) -> None:
    [row] = align_sentences([old], [new])
    assert row.kind == "same"


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_typography_only_note_is_unchanged(old: str, new: str) -> None:
    assert diff_notes([old], [new]) == ([], [])


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_typography_only_claim_tokens_are_equal(old: str, new: str) -> None:
    assert [t.key for t in tokenise(old)[0]] == [t.key for t in tokenise(new)[0]]


def test_modifier_apostrophe_in_a_name_is_an_apostrophe() -> None:
    assert normalize_name("By Sean O\u02bcBrien") == "Sean O'Brien"


@pytest.mark.parametrize(
    ("fancy", "plain"),
    [
        ("a\u2007b\u202fc\u2009d", "a b c d"),
        ("wait\u2026", "wait..."),
        ("co\u00adop\u200b", "coop"),
        ("\u00abnon\u00bb \u2212 \u2043", '"non" - -'),
    ],
)
def test_spaces_ellipsis_invisible_and_guillemets(fancy: str, plain: str) -> None:
    assert normalize_typography(fancy) == normalize_typography(plain)


def test_a_changed_word_still_differs() -> None:
    assert normalize_typography(LOW_QUOTES[0]) != normalize_typography(
        LOW_QUOTES[1].replace("budget", "budgets")
    )
