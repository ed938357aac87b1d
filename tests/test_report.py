"""compare() on the demo story (seeds/sessions-v1..v3, see seeds/README.md): what editors see."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from tracker import compare
from tracker.analyze.only_filter import filter_report
from tracker.analyze.report import build_report
from tracker.analyze.summary import summarize
from tracker.errors import ExtractionEmpty
from tracker.models import Article, Claim, QuoteRef, Report, SentenceChange

SEEDS = Path(__file__).parents[1] / "seeds"
CONTRACT_KEYS = {
    "from",
    "to",
    "headline",
    "sentences",
    "old_sentences",
    "new_sentences",
    "quotes",
    "claims",
    "contributors",
    "notes",
    "summary",
}


def _version(n: int) -> str:
    return (SEEDS / f"sessions-v{n}.txt").read_text(encoding="utf-8")


@cache
def report(old: int, new: int) -> Report:
    return compare(_version(old), _version(new))


def _rows(r: Report, kind: str) -> list[SentenceChange]:
    return [row for row in r.sentences if row.kind == kind]


def _claim_with(r: Report, kind: str, old: str, new: str) -> Claim:
    (claim,) = [
        c for c in r.claims for f in c.changes if (f.kind, f.old, f.new) == (kind, old, new)
    ]
    return claim


def _quote_by(quotes: tuple[QuoteRef, ...], words: str) -> QuoteRef:
    (quote,) = [q for q in quotes if words in q.text]
    return quote


# ---- v1 -> v2 ---------------------------------------------------------------------------------


def test_v2_reports_the_number_claim_25_to_30() -> None:
    r = report(1, 2)
    claim = _claim_with(r, "number", "25", "30")
    assert [r.old_sentences[i] for i in claim.old] == [
        s for s in r.old_sentences if "over 25 conversations" in s
    ]
    assert [r.new_sentences[j] for j in claim.new] == [
        s for s in r.new_sentences if "over 30 conversations" in s
    ]


def test_v2_reports_the_anonymous_official_quote_as_reattributed_to_flores() -> None:
    (pair,) = [(old, new) for old, new in report(1, 2).quotes.changed if old.speaker != new.speaker]
    old, new = pair
    assert old.speaker == "A Justice Department official"
    assert new.speaker == "Justice Department spokeswoman Sarah Isgur Flores"
    assert old.text == new.text
    assert "in his capacity as a senator" in new.text


def test_v2_reattributed_quote_points_at_the_sentences_holding_it() -> None:
    r = report(1, 2)
    ((old, new),) = [(a, b) for a, b in r.quotes.changed if a.speaker != b.speaker]
    assert r.old_sentences[old.sentence].startswith("A Justice Department official confirmed")
    assert r.new_sentences[new.sentence].startswith("Justice Department spokeswoman Sarah")


def test_v2_reports_peskovs_new_quote_with_its_speaker() -> None:
    r = report(1, 2)
    quote = _quote_by(r.quotes.added, "We have never recruited anyone in Washington")
    assert quote.speaker is not None
    assert quote.speaker.endswith("Dmitri Peskov")
    assert quote.cue == "told reporters"
    assert quote.text in r.new_sentences[quote.sentence]


def test_v2_peskov_sentence_is_the_only_added_sentence() -> None:
    (row,) = _rows(report(1, 2), "added")
    assert row.new_text is not None
    assert row.new_text.startswith("“We have never recruited anyone in Washington,”")


def test_v2_mention_to_disclose_is_an_edited_sentence() -> None:
    (row,) = [r for r in _rows(report(1, 2), "edited") if "did not disclose" in (r.new_text or "")]
    assert "did not mention" in (row.old_text or "")
    assert ("-", "mention") in row.inline
    assert ("+", "disclose") in row.inline


def test_v2_changes_nothing_else_in_the_body() -> None:
    r = report(1, 2)
    assert len(_rows(r, "edited")) == 3
    assert not _rows(r, "removed")
    assert not _rows(r, "moved")


def test_v2_headline_appears() -> None:
    assert report(1, 2).headline == (
        "",
        "Sessions met with Russian envoy twice last year, Justice Department says",
    )


def test_v2_summary_mentions_headline_quotes_and_number() -> None:
    summary = report(1, 2).summary
    assert "Headline changed" in summary
    assert "Dmitri Peskov" in summary
    assert "Sarah Isgur Flores" in summary
    assert "'25' -> '30'" in summary


# ---- v2 -> v3 ---------------------------------------------------------------------------------


def test_v3_reports_the_hedge_reportedly() -> None:
    r = report(2, 3)
    claim = _claim_with(r, "hedge", "", "reportedly")
    (sentence,) = [r.new_sentences[j] for j in claim.new]
    assert sentence.startswith("Attorney General Jeff Sessions reportedly met twice")


def test_v3_hedge_is_the_only_claim() -> None:
    r = report(2, 3)
    assert [f.kind for c in r.claims for f in c.changes] == ["hedge"]


def test_v3_reports_grahams_new_quote_with_its_speaker() -> None:
    r = report(2, 3)
    quote = _quote_by(r.quotes.added, "He should step aside")
    assert quote.speaker == "Sen. Lindsey Graham"
    assert quote.cue == "said"
    assert quote.text in r.new_sentences[quote.sentence]


def test_v3_reports_the_removed_washington_post_sentence() -> None:
    (row,) = _rows(report(2, 3), "removed")
    assert (
        row.old_text
        == "The Washington Post first reported on Sessions’ meetings with the official."
    )


def test_v3_names_evan_perez_as_a_new_contributor() -> None:
    r = report(2, 3)
    assert r.contributors_added == ("Evan Perez",)
    assert r.contributors_removed == ()


def test_v3_reports_the_appended_correction() -> None:
    corrections = [n for n in report(2, 3).notes_added if n.startswith("Correction:")]
    assert corrections == [
        "Correction: An earlier version of this story misstated the month of the second "
        "meeting. It was September."
    ]


def test_v3_reports_the_reworded_update_note() -> None:
    r = report(2, 3)
    assert r.notes_removed == ("This story is being updated to reflect new developments.",)
    assert "This story has been updated to reflect new developments." in r.notes_added


def test_v3_headline_changes() -> None:
    assert report(2, 3).headline == (
        "Sessions met with Russian envoy twice last year, Justice Department says",
        "Sessions did not disclose meetings with Russian envoy",
    )


def test_v3_summary_mentions_every_kind_of_change() -> None:
    summary = report(2, 3).summary
    for words in ("Headline changed", "Lindsey Graham", "reportedly", "Evan Perez", "Correction"):
        assert words in summary


def test_v3_summary_calls_the_update_note_reworded_not_appended() -> None:
    summary = report(2, 3).summary
    assert "Update note appended" not in summary
    assert "Update note reworded" in summary


# ---- v1 -> v3 and the document ----------------------------------------------------------------


def test_v1_to_v3_holds_both_claims_and_both_new_quotes() -> None:
    r = report(1, 3)
    _claim_with(r, "number", "25", "30")
    _claim_with(r, "hedge", "", "reportedly")
    speakers = {q.speaker for q in r.quotes.added}
    assert {"Sen. Lindsey Graham", "Kremlin spokesman Dmitri Peskov"} <= speakers


def test_v1_to_v3_summary_leads_with_the_most_significant_fact_change() -> None:
    assert report(1, 3).summary.startswith("Fact changed: '25' -> '30' (conversations) (+")


@pytest.mark.parametrize(("old", "new"), [(1, 2), (2, 3), (1, 3)])
def test_document_has_the_contract_shape_and_is_json(old: int, new: int) -> None:
    document = report(old, new).to_dict()
    assert CONTRACT_KEYS <= document.keys()
    assert json.loads(json.dumps(document)) == document


def test_bytes_and_text_give_the_same_report() -> None:
    as_bytes = compare(_version(1).encode(), _version(2).encode())
    assert as_bytes.to_dict() == report(1, 2).to_dict()


def test_a_version_compared_with_itself_has_no_changes() -> None:
    r = compare(_version(3), _version(3))
    assert not r.changed
    assert r.summary == "No changes."
    assert not r.claims
    assert r.quotes.added == r.quotes.removed == r.quotes.changed == ()


# ---- plain-text edge cases ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"), [("", "Port workers strike."), ("Port workers strike.", "")]
)
def test_an_empty_version_is_extraction_empty(old: str, new: str) -> None:
    with pytest.raises(ExtractionEmpty):
        compare(old, new)


def test_a_one_line_text_without_a_period_is_a_body() -> None:
    r = compare("Workers strike at the port\n", "Workers strike at two ports\n")
    assert r.old_sentences == ("Workers strike at the port",)
    assert r.new_sentences == ("Workers strike at two ports",)


# ---- the summary is derived from the report ---------------------------------------------------


def _article(title: str, *paragraphs: str, contributors: tuple[str, ...] = ()) -> Article:
    return Article(title, [], None, None, list(paragraphs), list(contributors))


_BEFORE = _article("Bridge closes", "Officials said 12 people were hurt.", "Roads stay closed.")
_AFTER = _article(
    "Bridge closes for a week",
    "Officials said 14 people were hurt.",
    "Roads stay closed.",
    contributors=("Jo Park",),
)


def test_built_summary_is_summarize_of_the_built_report() -> None:
    built = build_report(_BEFORE, _AFTER)
    assert built.summary == summarize(built)
    assert built.summary == (
        "Fact changed: '12' -> '14' (people hurt). Headline changed. New contributors: Jo Park. "
        "Sentences: 1 edited."
    )


def test_reextraction_flag_in_to_meta_labels_the_summary() -> None:
    built = build_report(_BEFORE, _AFTER, to_meta={"reextract": True})
    assert built.summary.startswith("Re-extraction (parser update): Fact changed: '12' -> '14'")


def test_reextraction_without_changes_says_so() -> None:
    built = build_report(_BEFORE, _BEFORE, to_meta={"reextract": True})
    assert built.summary == "Re-extraction (parser update): No changes."


def test_filtered_summary_speaks_only_of_the_kept_parts() -> None:
    kept = filter_report(build_report(_BEFORE, _AFTER), ["contributors"], 0.0)
    assert kept.summary == "New contributors: Jo Park."


def test_filter_above_every_claim_drops_the_claim_from_the_summary() -> None:
    kept = filter_report(build_report(_BEFORE, _AFTER), None, 1.01)
    assert "Claim changed" not in kept.summary
    assert "Fact changed" not in kept.summary
    assert kept.summary.startswith("Headline changed. New contributors: Jo Park.")


def test_filtered_reextraction_keeps_its_label() -> None:
    built = build_report(_BEFORE, _AFTER, to_meta={"reextract": True})
    kept = filter_report(built, ["headline"], 0.0)
    assert kept.summary == "Re-extraction (parser update): Headline changed."
