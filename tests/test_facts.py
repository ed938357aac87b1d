"""The article-level fact ledger: which facts of a story changed, appeared or disappeared between
two versions, wherever in the article they stand, and how much each matters."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tracker import compare
from tracker.analyze.facts.ledger import read_versions
from tracker.analyze.facts.sentence import parse, sentence_facts
from tracker.analyze.facts.wording import Pairing, pair_changes
from tracker.analyze.only_filter import filter_report
from tracker.models import FactLedger

HEAD = "Storm Hits Coast\n\n"


def facts(old: str, new: str) -> FactLedger:
    return compare(HEAD + old, HEAD + new).facts


def atoms(sentence: str) -> list[tuple[str, str]]:
    found = sentence_facts(0, parse(sentence), frozenset({"smith", "kelly"}))
    return [(a.kind, a.text) for a in found.atoms]


def about(sentence: str, text: str) -> str:
    found = sentence_facts(0, parse(sentence), frozenset())
    return next(a.about for a in found.atoms if a.text == text)


# ---- what a sentence states -------------------------------------------------------------------


def test_a_number_knows_what_it_counts() -> None:
    assert about("Twenty people were killed in the attack.", "Twenty") == "people killed"
    assert about("The attack killed 20 people.", "20") == "people killed"
    assert about("The death toll from the bombing rose to 26.", "26") == "toll"


def test_weekdays_and_months_are_dates_never_numbers() -> None:
    found = atoms("The vote was held on Friday, three days after the March 3 deadline.")
    assert ("date", "Friday") in found
    assert ("date", "March 3") in found
    assert [text for kind, text in found if kind == "number"] == ["three days"]


def test_a_year_and_a_clock_time_are_dates() -> None:
    found = atoms("The call came at 5:25 a.m. in 1991.")
    assert ("date", "5:25 a.m.") in found
    assert ("date", "1991") in found


def test_names_are_people_places_and_organisations() -> None:
    found = atoms("Ms. Kelly told the Interior Ministry that she had left Paris.")
    assert ("person", "Kelly") in found
    assert ("organisation", "Interior Ministry") in found
    assert ("place", "Paris") in found


def test_a_person_carries_the_role_the_sentence_gives() -> None:
    found = sentence_facts(
        0, parse("John Smith, a captain with the fire department, said the road was closed."),
        frozenset(),
    )  # fmt: skip
    person = next(a for a in found.atoms if a.kind == "person")
    assert person.about == "captain"
    assert found.source.text == "John Smith"
    assert found.source.official


def test_the_source_of_a_statement() -> None:
    def source(sentence: str) -> str:
        return sentence_facts(0, parse(sentence), frozenset()).source.text

    assert source("There was no sign of foul play, the county police said.") == "the county police"
    assert source("According to the Health Ministry, 26 people died.") == "the Health Ministry"
    assert source('"We will rebuild," said Mayor Ann Lee.') == "Mayor Ann Lee"
    assert source("Results are expected to be announced on Monday.") == ""


def test_a_sentence_inside_a_quotation_of_several_sentences_is_quoted() -> None:
    old, _ = read_versions(['"We lost everything. The water came in at night."', "He left."], [])
    assert old.facts[1].quoted_words == 0
    assert all(clause.quoted == 1.0 for clause in old.facts[0].clauses)


# ---- what changed ---------------------------------------------------------------------------


def test_a_changed_death_toll_in_a_rewritten_lede_is_one_number_change() -> None:
    ledger = facts(
        "A bomb killed 20 people in Kabul on Friday, officials said. The Taliban claimed it.",
        "The death toll from Friday's bombing in Kabul rose to 26, officials said. "
        "The Taliban claimed it.",
    )
    assert [(c.kind, c.old, c.new) for c in ledger.changed] == [("number", "20", "26")]
    assert ledger.changed[0].about == "toll"
    assert ledger.changed[0].significance >= 0.8
    assert not ledger.added
    assert not ledger.removed


def test_a_number_changed_in_a_sentence_moved_elsewhere_is_found() -> None:
    ledger = facts(
        "Rescuers worked through the night. At least 12 people were injured. The bridge fell.",
        "The bridge fell. Rescuers worked through the night. At least 15 people were injured, "
        "hospital officials said later.",
    )
    changes = [(c.kind, c.old, c.new) for c in ledger.changed]
    assert ("number", "12", "15") in changes


def test_the_same_fact_in_other_words_is_no_change() -> None:
    ledger = facts(
        "Twenty people were killed in the attack. The mayor spoke later.",
        "The attack killed 20 people. The mayor spoke later.",
    )
    assert not ledger


def test_money_change_is_a_number_change() -> None:
    ledger = facts(
        "The city settled the lawsuit for $3.8 million. The mayor approved it.",
        "The city settled the lawsuit for $4.1 million. The mayor approved it.",
    )
    assert [(c.old, c.new) for c in ledger.changed] == [("$3.8 million", "$4.1 million")]


def test_a_qualified_number_is_a_smaller_change() -> None:
    ledger = facts(
        "He drove at over 100 miles per hour. Police stopped him.",
        "He drove at about 100 miles per hour. Police stopped him.",
    )
    (change,) = ledger.changed
    assert (change.old, change.new) == ("over 100 miles per hour", "about 100 miles per hour")
    assert 0.5 <= change.significance < 0.8


def test_a_name_spelt_another_way_is_a_person_change() -> None:
    ledger = facts(
        "Police found the car near the river. Ms. Kelly said she was relieved.",
        "Police found the car near the river. Ms. Kelley said she was relieved.",
    )
    assert [(c.kind, c.old, c.new, c.about) for c in ledger.changed] == [
        ("person", "Kelly", "Kelley", "spelling")
    ]


def test_a_statement_credited_to_another_source_is_a_statement_change() -> None:
    ledger = facts(
        "There were no signs of foul play, the police said. The coroner will look.",
        "There were no signs of foul play, Mayor John Smith said. The coroner will look.",
    )
    assert [(c.kind, c.old, c.new) for c in ledger.changed] == [
        ("statement", "the police", "Mayor John Smith")
    ]
    assert ledger.changed[0].significance >= 0.7


def test_a_synonym_is_a_wording_change_of_low_significance() -> None:
    ledger = facts(
        "The ruling party won the vote on Friday. Turnout was low.",
        "The governing party won the vote on Friday. Turnout was low.",
    )
    (change,) = ledger.changed
    assert (change.kind, change.about) == ("other", "wording")
    assert "ruling" in change.old
    assert "governing" in change.new
    assert change.significance < 0.3


def test_a_pronoun_for_a_name_is_no_change() -> None:
    ledger = facts(
        "Mr. Halvorsen fell ill. He had been in a prison ward in June. The court met.",
        "Mr. Halvorsen fell ill. Mr. Halvorsen had been in a prison ward in June. The court met.",
    )
    assert not ledger


# ---- what appeared and disappeared ----------------------------------------------------------


def test_a_new_official_statement_is_added_high() -> None:
    ledger = facts(
        "Police found the car near the river. The driver was missing.",
        "Police found the car near the river. The driver was missing. "
        "The Interior Ministry said 12 people had been arrested over the crash.",
    )
    (item,) = ledger.added
    assert item.sentence == 2
    assert item.kind == "number"
    assert "12" in item.about
    assert "Interior Ministry" in item.about
    assert item.significance >= 0.8


def test_a_removed_paragraph_is_one_removed_fact_pointing_to_its_sentence() -> None:
    old = (
        "The storm reached the coast on Monday.\n\n"
        "Officials evacuated 300 homes near the harbor. Schools stayed closed.\n\n"
        "Power was restored by evening."
    )
    new = "The storm reached the coast on Monday.\n\nPower was restored by evening."
    ledger = facts(old, new)
    (item,) = ledger.removed
    assert item.sentence == 1
    assert "300 homes" in item.text
    assert "Schools" in item.text
    assert not ledger.added
    assert not ledger.changed


def test_a_new_quotation_is_the_quote_ledger_s_not_a_fact() -> None:
    ledger = facts(
        "The river rose overnight. Residents left.",
        'The river rose overnight. Residents left. "We have never seen anything like it," '
        "said one resident.",
    )
    assert not ledger


def test_a_sentence_restated_elsewhere_is_neither_added_nor_removed() -> None:
    ledger = facts(
        "The plant closed in March after a fire. Workers were told to stay home.",
        "Workers were told to stay home. After a fire, the plant closed in March.",
    )
    assert not ledger


# ---- noise ----------------------------------------------------------------------------------


def test_whitespace_and_typography_alone_change_no_fact() -> None:
    assert not facts(
        "The mayor's office said 40 roads were closed.",
        "The mayor’s office  said 40 roads were closed.",
    )


def test_text_appended_after_an_unchanged_version_reports_no_facts() -> None:
    first = "The storm reached the coast on Monday. Officials closed 40 roads."
    rest = (
        " Governor Ann Lee declared an emergency on Tuesday. About 300 people were evacuated. "
        "The National Guard sent 12 trucks. Schools will reopen on Friday."
    )
    report = compare(HEAD + first, HEAD + first + rest)
    assert not report.facts
    assert any(row.kind == "added" for row in report.sentences)


def test_identical_versions_have_no_facts() -> None:
    text = "Officials closed 40 roads on Monday. The governor declared an emergency."
    assert not facts(text, text)


# ---- the report document --------------------------------------------------------------------


def test_facts_are_in_the_report_document() -> None:
    document: dict[str, Any] = compare(
        HEAD + "At least 20 people died on Friday.", HEAD + "At least 26 people died on Friday."
    ).to_dict()
    (change,) = document["facts"]["changed"]
    assert change["kind"] == "number"
    assert (change["old"], change["new"]) == ("20", "26")
    assert (change["old_sentence"], change["new_sentence"]) == (0, 0)
    assert isinstance(change["significance"], float)
    assert document["facts"]["added"] == document["facts"]["removed"] == []


@pytest.mark.parametrize("n", [60])
def test_a_long_article_pair_is_compared_quickly(n: int) -> None:
    old = " ".join(f"Officials in District {k} said {k + 3} homes were damaged." for k in range(n))
    new = old.replace("said 10 homes", "said 12 homes") + " The governor visited on Monday."
    compare(HEAD + old, HEAD + new)  # warm the caches
    start = time.perf_counter()
    compare(HEAD + old, HEAD + new)
    assert time.perf_counter() - start < 1.0


# ---- significance, the filter and the summary -----------------------------------------------

_TOLL_AND_WORDING = (
    "At least 20 people were killed in the flood. The ruling party met on Friday.",
    "At least 26 people were killed in the flood. The governing party met on Friday.",
)


def test_a_changed_death_toll_far_outranks_a_wording_change() -> None:
    report = compare(HEAD + _TOLL_AND_WORDING[0], HEAD + _TOLL_AND_WORDING[1])
    toll, wording = report.changes[0], report.changes[-1]
    assert (toll.kind, toll.significance >= 0.8) == ("fact", True)
    assert "'20' -> '26'" in toll.text
    assert (wording.kind, wording.significance < 0.3) == ("wording", True)


def test_min_significance_drops_wording_and_keeps_facts() -> None:
    report = compare(HEAD + _TOLL_AND_WORDING[0], HEAD + _TOLL_AND_WORDING[1])
    kept = filter_report(report, None, 0.5)
    assert [(c.old, c.new) for c in kept.facts.changed] == [("20", "26")]
    assert all(c.significance >= 0.5 for c in kept.changes)


def test_only_facts_keeps_the_fact_ledger_alone() -> None:
    report = compare(
        HEAD + "At least 20 people died. Mayor Ann Lee spoke.",
        HEAD + 'At least 26 people died. Mayor Ann Lee spoke. "We grieve," she said.',
    )
    kept = filter_report(report, ["facts"], 0.0)
    assert kept.facts.changed
    assert not kept.quotes.added
    assert kept.has_changes(["facts"])
    assert not kept.has_changes(["quotes"])


def test_the_summary_leads_with_the_most_significant_fact_change() -> None:
    report = compare(
        "Flood kills 20\n\nAt least 20 people were killed. The ruling party met on Friday.",
        "Flood kills 26\n\nAt least 26 people were killed. The governing party met on Friday.",
    )
    assert report.summary.startswith("Fact changed: '20' -> '26' (people killed) (+1 more).")
    assert "Headline changed" in report.summary


def test_a_wording_change_alone_comes_after_the_headline_in_the_summary() -> None:
    report = compare(
        "Party meets\n\nThe ruling party met on Friday.",
        "Party gathers\n\nThe governing party met on Friday.",
    )
    assert report.summary.startswith("Headline changed. Wording changed: ")


def test_a_rewritten_lede_updates_deaths_and_injuries_as_two_numbers() -> None:
    ledger = facts(
        "A strong earthquake struck the province early on Tuesday, killing at least 12 people "
        "and injuring dozens more, the disaster agency said.",
        "The death toll from a strong earthquake that struck the province early on Tuesday rose "
        "to 31, with more than 200 people injured, the disaster agency said.",
    )
    changes = {(c.old, c.new): c for c in ledger.changed if c.kind == "number"}
    assert changes[("at least 12", "31")].significance >= 0.9
    assert changes[("dozens", "more than 200")].significance >= 0.8
    assert not ledger.added


def test_a_new_official_statement_ranks_with_a_death_toll() -> None:
    ledger = facts(
        "Rescue teams searched the rubble. The region has had strong quakes before.",
        "Rescue teams searched the rubble. Interior Minister Ayse Demir said the government "
        "would declare a state of emergency. The region has had strong quakes before.",
    )
    (item,) = ledger.added
    assert item.significance >= 0.85


def test_a_name_corrected_with_a_correction_note_is_a_name_change() -> None:
    ledger = facts(
        "The town was cut off, said Mehmet Yilmaz, the provincial governor.",
        "The town was cut off, said Mehmet Yildiz, the provincial governor.\n\n"
        "Correction: An earlier version misspelled the governor's name. He is Mehmet Yildiz, "
        "not Mehmet Yilmaz.",
    )
    assert [(c.kind, c.old, c.new) for c in ledger.changed] == [("person", "Yilmaz", "Yildiz")]
    assert not ledger.added


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "Turnout was 45 percent, the lowest in decades.",
            "Turnout was 45%, the lowest in decades.",
        ),
        ("The project cost $5 million.", "The project cost 5 million dollars."),
        (
            "About 1,200 people attended the rally on Sunday.",
            "Some 1200 people attended Sunday's rally.",
        ),
        ("Five people were hurt in the crash.", "The crash hurt 5 people."),
        ("The bill passed 52 to 48 in the Senate.", "The Senate passed the bill 52 to 48."),
    ],
)
def test_a_number_written_another_way_is_no_change(old: str, new: str) -> None:
    assert not facts(old, new)


def test_a_person_given_another_role_is_a_person_change() -> None:
    ledger = facts(
        "Senator John Smith said the bill would pass. Debate began on Monday.",
        "Former Senator John Smith said the bill would pass. Debate began on Monday.",
    )
    assert [(c.kind, c.old, c.new, c.about) for c in ledger.changed] == [
        ("person", "senator", "former senator", "role of John Smith")
    ]


def test_a_place_swapped_is_one_change() -> None:
    ledger = facts(
        "The suspect was arrested in Boston. Police gave no details.",
        "The suspect was arrested in Chicago. Police gave no details.",
    )
    assert [(c.kind, c.old, c.new) for c in ledger.changed] == [("place", "Boston", "Chicago")]


def test_an_age_is_a_number_about_age() -> None:
    ledger = facts(
        "The suspect, a 24-year-old man, was arrested. Police gave no details.",
        "The suspect, a 25-year-old man, was arrested. Police gave no details.",
    )
    (change,) = ledger.changed
    assert (change.about, change.old, change.new) == ("age", "24-year-old", "25-year-old")
    assert 0.5 <= change.significance < 0.8


def test_a_phrase_inserted_in_a_kept_sentence_adds_a_detail() -> None:
    ledger = facts(
        "Officials said he had suffered a stroke in prison. The court met.",
        "Officials said he had suffered cardiac arrest and a stroke in prison. The court met.",
    )
    (change,) = ledger.changed
    assert change.about == "detail added"
    assert "cardiac arrest" in change.new
    assert change.significance == 0.5


# ---- one event per fact, and changes that are not facts ----------------------------------------


def test_two_weighty_facts_in_one_added_paragraph_are_two_events() -> None:
    old = "The storm reached the coast on Monday.\n\nPower was restored by evening."
    new = (
        "The storm reached the coast on Monday.\n\n"
        "Officials evacuated 300 homes near the harbor. The Red Cross opened 12 shelters.\n\n"
        "Power was restored by evening."
    )
    ledger = facts(old, new)
    assert [item.sentence for item in ledger.added] == [1, 2]
    assert "300 homes" in ledger.added[0].text
    assert "12 shelters" in ledger.added[1].text


def test_a_credit_dropped_in_a_rewritten_sentence_is_no_attribution_change() -> None:
    ledger = facts(
        "LONDON - The singer, whose arrest in 2004 by the police was filmed by a neighbour and "
        "led to protests in London the next year after the officers were cleared, was found "
        "dead early Sunday at his home about 40 miles north of here, police officials said. "
        "The trial lasted a month.",
        "LONDON - The singer, whose 2004 filmed arrest by the London police became a symbol of "
        "the country's troubled race relations and later led to a week of protests after the "
        "officers were cleared, was found dead Sunday in a river near the farm he shared with "
        "his partner in Kent. The trial lasted a month.",
    )
    assert ledger.changed
    assert not [c for c in ledger.changed if c.about == "attribution"]


def test_a_cue_inside_an_inserted_detail_credits_only_that_detail() -> None:
    ledger = facts(
        "After he ran from the car, he was caught by officers. The chase ended downtown.",
        "After he ran from the car - frightened, he would later say, of losing his parole "
        "and his license - he was caught by officers. The chase ended downtown.",
    )
    assert not [c for c in ledger.changed if c.about == "attribution"]


def test_a_credit_added_to_a_kept_statement_is_an_attribution_change() -> None:
    ledger = facts(
        "The mayor will resign next week. The council meets on Monday.",
        "The mayor will resign next week, aides said. The council meets on Monday.",
    )
    assert [c.about for c in ledger.changed] == ["attribution"]


def test_words_moved_to_another_sentence_are_no_detail_removed() -> None:
    ledger = facts(
        "She said she had not found work and was nearly broke. The book sold well.",
        "She said she had not found work. The book sold well, though she was nearly broke.",
    )
    assert not [c for c in ledger.changed if c.about == "detail removed"]


def test_a_fact_added_to_a_restated_sentence_is_a_change_of_it() -> None:
    ledger = facts(
        "The plane landed at noon.\n\n"
        "The pilot was flying at over 300 knots when the engine failed over the lake.",
        "The plane landed at noon.\n\nThe airline praised the crew.\n\n"
        "The pilot and two trainees were flying at about 300 knots when the engine failed "
        "over the lake.",
    )
    assert not [item for item in ledger.added if "trainees" in item.text]
    assert "about 300" in {c.new for c in ledger.changed}
    detail = next(c for c in ledger.changed if "two trainees" in c.new)
    assert (detail.old_sentence, detail.new_sentence) == (1, 2)


def test_a_quotation_framed_by_a_statement_of_its_own_is_a_fact_too() -> None:
    ledger = facts(
        "The coach resigned on Sunday. The team lost again.",
        "The coach resigned on Sunday. The team lost again. The owner later admitted that "
        "the club had ignored repeated warnings about the stadium's failing roof, calling "
        'the decision "a grave mistake."',
    )
    (item,) = ledger.added
    assert "warnings" in item.text


def source_changes(old: str, new: str) -> list[tuple[str, str]]:
    """The source changes between two sentences that restate each other."""
    o, n = (sentence_facts(0, parse(s), frozenset()) for s in (old, new))
    pairing = Pairing(o, n, False, set(), set(), lambda side, sentence, atom: False)
    return [(c[1], c[2]) for c in pair_changes(pairing) if c[3] == "source"]


def test_a_statement_now_credited_to_a_named_person_is_a_source_change() -> None:
    assert source_changes(
        "Details were unclear, but there did not appear to be signs of forced entry, the "
        "police said.",
        "Lt. Ann Moss of the city police said that officers were treating it as an accident "
        "and that there are no signs of forced entry.",
    ) == [("the police", "Lt. Ann Moss of the city police")]


def test_a_fuller_name_of_the_same_source_is_no_source_change() -> None:
    assert not source_changes(
        "The bridge will close in May, Mr. Okafor said.",
        "The bridge will close in May, Daniel Okafor said.",
    )


def test_a_witness_in_an_added_paragraph_of_narration_is_part_of_it() -> None:
    old = "The storm reached the coast on Monday.\n\nPower was restored by evening."
    new = (
        "The storm reached the coast on Monday.\n\n"
        "A fallen oak still blocked the lane behind the church. One neighbor said she had "
        "heard the branches crack late at night.\n\n"
        "Power was restored by evening."
    )
    (item,) = facts(old, new).added
    assert "oak" in item.text
    assert "neighbor" in item.text


def test_a_plan_made_a_forecast_is_a_hedge_of_fact_weight() -> None:
    (change,) = facts(
        "Final results are set to be published this week. Turnout was low.",
        "Final results are expected to be published this week. Turnout was low.",
    ).changed
    assert change.about == "hedge"
    assert change.significance >= 0.5


def test_a_month_named_may_is_no_hedge() -> None:
    ledger = facts(
        "The vote was moved to a date in May by the council. Turnout was low.",
        "The vote was moved to a date in June by the council. Turnout was low.",
    )
    assert not [c for c in ledger.changed if c.about == "hedge"]


def test_a_scheduled_event_is_no_plan() -> None:
    ledger = facts(
        "Cracks were found during a routine inspection in May. Traffic was light.",
        "Cracks were found during a scheduled inspection in May. Traffic was light.",
    )
    assert not [c for c in ledger.changed if c.about == "hedge"]


def test_a_digit_in_a_name_or_code_is_no_number() -> None:
    found = atoms("The G7 ministers flew in on an F-16 escort after COVID-19 rules eased for 300.")
    assert [text for kind, text in found if kind == "number"] == ["300"]


def test_an_event_joining_sentences_reads_as_sentences() -> None:
    old = (
        "The fire started at dawn.\n\nThere were no signs of forced entry, the police said.\n\n"
        "The house was empty."
    )
    new = (
        "The fire started at dawn.\n\nThere were no signs of forced entry, the police said.\n\n"
        "Lt. Ann Moss said officers were treating the blaze as an accident and that there were "
        "no signs of forced entry. The county coroner will hold an inquest.\n\n"
        "The house was empty."
    )
    (item,) = facts(old, new).added
    assert "accident. The county coroner" in item.text


# ---- rewording is no new fact; a replaced value is a change ----------------------------------


def test_words_of_a_reported_rewording_are_not_new_content() -> None:
    ledger = facts(
        "The port reopened.\n\nThe two firms are also expected to sign the lease soon."
        "\n\nIt rained.",
        "The port reopened.\n\nThe two firms are additionally anticipated to sign the lease soon."
        "\n\nIt rained.",
    )
    assert not ledger.added
    assert not ledger.removed
    assert all(c.significance < 0.5 for c in ledger.changed)


def test_a_value_replaced_in_its_sentence_is_a_change_though_stated_elsewhere() -> None:
    old = (
        "Ferry fares rose 28 percent last year.\n\n"
        "The new plan would cap fuel charges at 28 percent and end the winter discount."
    )
    new = (
        "Ferry fares rose 28 percent last year.\n\n"
        "The new plan would cap fuel charges at 36 percent and end the winter discount."
    )
    ledger = facts(old, new)
    assert [(c.kind, c.old, c.new) for c in ledger.changed] == [
        ("number", "28 percent", "36 percent")
    ]
    assert not ledger.added


def test_a_sentence_naming_the_same_people_and_day_but_saying_else_is_removed() -> None:
    old = (
        "Mayor Ruiz blasted Governor Ann Hale of Dover on Monday over the Supreme Court ruling.\n\n"
        "Governor Ann Hale of Dover did not immediately react to the Supreme Court ruling.\n\n"
        "The bridge carries 40,000 cars a day."
    )
    new = (
        "Mayor Ruiz blasted Governor Ann Hale of Dover on Monday over the Supreme Court ruling.\n\n"
        "The bridge carries 40,000 cars a day."
    )
    removed = facts(old, new).removed
    assert [r.sentence for r in removed] == [1]


def test_a_surname_respelt_in_one_sentence_while_kept_elsewhere_is_a_spelling_change() -> None:
    kept = "Ms. Halvorsen chairs the harbour board.\n\n"
    ledger = facts(
        kept + "On Friday, Ms. Halvorsen signed the dredging contract for the port.",
        kept + "On Friday, Ms. Halvorsne signed the dredging contract for the port.",
    )
    assert [(c.old, c.new, c.about) for c in ledger.changed] == [
        ("Halvorsen", "Halvorsne", "spelling")
    ]
    assert not ledger.added


def test_a_given_name_respelt_is_a_spelling_change() -> None:
    ledger = facts(
        "The port reopened.\n\nSen. Marta Olsen backed the dredging contract on Friday.",
        "The port reopened.\n\nSen. Marat Olsen backed the dredging contract on Friday.",
    )
    assert [c.about for c in ledger.changed] == ["spelling"]


def test_an_adverb_beside_a_source_does_not_change_the_source() -> None:
    ledger = facts(
        "The port reopened.\n\nFishermen especially say the new quay is too short for trawlers.",
        "The port reopened.\n\nFishermen particularly say the new quay is too short for trawlers.",
    )
    assert all(c.significance < 0.5 for c in ledger.changed)


def test_a_day_replaced_in_its_sentence_is_a_change_though_both_days_stand_elsewhere() -> None:
    kept = "The ferry sails on Tuesday and Friday.\n\n"
    ledger = facts(
        kept + "In a statement released Tuesday, the harbour board raised the fares.",
        kept + "In a statement released Friday, the harbour board raised the fares.",
    )
    assert [(c.kind, c.old, c.new) for c in ledger.changed] == [("date", "Tuesday", "Friday")]


def test_the_same_named_source_described_in_other_words_is_no_new_source() -> None:
    ledger = facts(
        "The port reopened.\n\nThe quay is too short, the most able engineer Halvorsen argues.",
        "The port reopened.\n\nThe quay is too short, the most capable engineer Halvorsen argues.",
    )
    assert all(c.about != "source" for c in ledger.changed)
    assert all(c.significance < 0.5 for c in ledger.changed)


def test_a_speech_word_after_a_possessive_is_a_noun_and_cites_no_one() -> None:
    old = "The port reopened.\n\nA win could help cement Ann Lee's claim to the harbour seat."
    ledger = facts(old, old.replace("help", "assist"))
    assert [c.about for c in ledger.changed] == ["wording"]
