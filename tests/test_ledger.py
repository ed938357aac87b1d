"""quote_ledger: quotes matched across two versions by content, not position."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.analyze.quotes.ledger import quote_ledger
from tracker.models import QuoteLedger
from tracker.segment import split_sentences


def _ledger(old: Sequence[str], new: Sequence[str]) -> QuoteLedger:
    def sentences(paragraphs: Sequence[str]) -> list[str]:
        return [s for p in paragraphs for s in split_sentences(p)]

    return quote_ledger(old, new, sentences(old), sentences(new))


_QUOTE = "“We will not back down from this fight,” Sen. Maria Costa said."


def test_identical_quotes_are_not_reported() -> None:
    ledger = _ledger(["Officials met on Tuesday.", _QUOTE], ["Officials met on Tuesday.", _QUOTE])
    assert ledger == QuoteLedger()


def test_moved_quote_is_not_reported() -> None:
    other = "The vote is set for Friday."
    assert _ledger([_QUOTE, other], [other, _QUOTE]) == QuoteLedger()


def test_added_quote_with_its_sentence_index() -> None:
    new_quote = "“The bill is dead,” Rep. Ian Moss said."
    ledger = _ledger(["Officials met on Tuesday."], ["Officials met on Tuesday.", new_quote])
    assert [(q.text, q.speaker, q.sentence) for q in ledger.added] == [
        ("The bill is dead", "Rep. Ian Moss", 1)
    ]
    assert ledger.removed == ()


def test_removed_quote_indexes_old_sentences() -> None:
    ledger = _ledger(["Officials met on Tuesday. Nothing was decided.", _QUOTE], ["Officials met."])
    assert [(q.speaker, q.sentence) for q in ledger.removed] == [("Sen. Maria Costa", 2)]
    assert ledger.added == ()


def test_reattributed_quote_is_changed() -> None:
    old = ["“We acted within the law,” a Justice Department official said."]
    new = ["“We acted within the law,” Attorney General Jeff Stone said."]
    ledger = _ledger(old, new)
    assert len(ledger.changed) == 1
    before, after = ledger.changed[0]
    assert before.speaker == "a Justice Department official"
    assert after.speaker == "Attorney General Jeff Stone"
    assert ledger.added == ledger.removed == ()


def test_reworded_quote_is_changed() -> None:
    old = ["“The plan is dead and we will not revive it,” Rep. Ian Moss said."]
    new = ["“The plan is dead and we will never revive it,” Rep. Ian Moss said."]
    ledger = _ledger(old, new)
    assert [(a.text, b.text) for a, b in ledger.changed] == [
        (
            "The plan is dead and we will not revive it",
            "The plan is dead and we will never revive it",
        )
    ]


def test_extended_quote_is_changed() -> None:
    old = ["“The plan is dead,” Rep. Ian Moss said."]
    new = [
        "“The plan is dead, and nothing the governor says will change that,” Rep. Ian Moss said."
    ]
    assert len(_ledger(old, new).changed) == 1


def test_unrelated_quotes_are_added_and_removed() -> None:
    old = ["“The plan is dead,” Rep. Ian Moss said."]
    new = ["“Taxes will rise next spring,” Rep. Ian Moss said."]
    ledger = _ledger(old, new)
    assert ledger.changed == ()
    assert len(ledger.added) == len(ledger.removed) == 1


def test_typographic_change_alone_is_not_reported() -> None:
    old = ['"The plan is dead," Rep. Ian Moss said.']
    new = ["“The plan is dead,” Rep. Ian Moss said."]
    assert _ledger(old, new) == QuoteLedger()


def test_quote_spanning_paragraphs_is_placed_at_its_first_sentence() -> None:
    new = ["Officials met.", "Ms. Ada Long said: “We are ready.", "“We have been for weeks.”"]
    ledger = _ledger(["Officials met."], new)
    assert [q.sentence for q in ledger.added] == [1]


def test_speaker_written_another_way_is_not_a_change() -> None:
    old = ["Sen. John Smith of Ohio spoke.", "“We will get answers,” Mr. Smith said."]
    new = ["Sen. John Smith of Ohio spoke.", "“We will get answers,” John Smith said."]
    assert _ledger(old, new) == QuoteLedger()


def test_speaker_named_in_one_version_only_is_not_a_change() -> None:
    old = ["“We will get answers,” he said."]
    new = ["Sen. John Smith spoke on Monday.", "“We will get answers,” he said."]
    assert _ledger(old, new) == QuoteLedger()


def test_reworded_quote_keeps_one_speaker_when_one_side_is_unattributed() -> None:
    old = ["“We will get the answers soon,” he said."]
    new = ["Sen. John Smith spoke on Monday.", "“We will get all the answers soon,” he said."]
    ledger = _ledger(old, new)
    assert len(ledger.changed) == 1
    before, after = ledger.changed[0]
    assert before.speaker == after.speaker == "Sen. John Smith"


def test_two_people_with_one_surname_are_a_reattribution() -> None:
    old = ["“We will win the state,” Jeb Hale said."]
    new = ["“We will win the state,” George Hale said."]
    ledger = _ledger(old, new)
    assert [(a.speaker, b.speaker) for a, b in ledger.changed] == [("Jeb Hale", "George Hale")]


def test_quotes_of_a_block_appended_after_an_unchanged_text_are_apart() -> None:
    from tracker import compare

    first = (
        "Ferry service resumes\n\nThe ferry to the island ran again on Sunday.\n\n"
        '"We missed it," said Tom Reyes, a fisherman.\n'
    )
    rest = (
        '\n"The crossing was calm," said Lena Ortiz, the captain.\n\n'
        "Tickets sold out by noon.\n\nThe port expects more visitors in June.\n\n"
        '"It is good for business," said Omar Haddad, who runs a cafe.\n'
    )
    report = compare(first, first + rest).to_dict()
    assert report["quotes"]["added"] == []
    speakers = {q["speaker"] for q in report["quotes"]["appended"]}
    assert {"Lena Ortiz", "Omar Haddad"} <= speakers
    news = compare(first, first.replace("Sunday", "Monday") + rest).to_dict()
    assert len(news["quotes"]["added"]) == 2  # the top changed too: this is news


def test_one_quote_repeated_many_times_leaves_only_the_extra_one() -> None:
    line = "“We will win,” said Ann Lee."
    old = [" ".join([line] * 300), "The polls closed at eight."]
    new = [" ".join([line] * 301), "The polls closed at eight."]
    ledger = _ledger(old, new)
    assert [(q.text, q.speaker) for q in ledger.added] == [("We will win", "Ann Lee")]
    assert not ledger.removed
    assert not ledger.changed
