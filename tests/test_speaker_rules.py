"""Speaker attribution rules read from how English attributes speech: the subject of a clause
opened by "after" or "before", a woman's given name after a place and a title, organisations
that speak, and the cases where the text leaves the speaker unclear (no name then)."""

from __future__ import annotations

from tracker import extract_quotes


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(text)]


def test_name_after_after_is_the_subject_of_its_clause() -> None:
    text = (
        "The endorsement came two days after Ann Lee told a local paper she was "
        "“not quite ready to back him” in the primary."
    )
    assert _speakers(text) == ["Ann Lee"]


def test_object_of_a_plain_preposition_before_a_verb_is_not_its_subject() -> None:
    text = "Critics who have in the past described the plan as “a costly mistake” stayed quiet."
    assert _speakers(text) == ["Critics"]  # not "the past"


def test_given_name_after_place_and_title_sets_gender_for_she() -> None:
    text = (
        "Ohio Sen. Margaret Hale asked whether he would resign, and the chief executive, "
        "Tom Brandt, said no.\n\n"
        "“This is not right,” Hale said. “You let your workers take the blame” for the losses, "
        "she said."
    )
    assert _speakers(text) == ["Ohio Sen. Margaret Hale", "Ohio Sen. Margaret Hale"]
