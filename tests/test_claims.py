"""Claims: which facts changed in an edited sentence, and how much the edit matters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.analyze.claims import fact_changes, is_cosmetic, is_surface_edit, significance
from tracker.models import ClaimKind, FactChange


def kinds(old: str, new: str) -> set[str]:
    return {c.kind for c in fact_changes(old, new)}


def test_digit_change_is_a_number_claim() -> None:
    changes = fact_changes("At least 25 people were killed.", "At least 30 people were killed.")
    assert changes == [FactChange("number", "25", "30")]


def test_spelled_out_number_change_is_a_number_claim() -> None:
    changes = fact_changes("Three soldiers died.", "Four soldiers died.")
    assert changes == [FactChange("number", "Three", "Four")]


def test_money_change_is_a_number_claim() -> None:
    assert kinds("The deal was worth $5 million.", "The deal was worth $6 million.") == {"number"}


def test_percentage_change_is_a_number_claim() -> None:
    assert kinds("Turnout was 52.5% on Sunday.", "Turnout was 48.5% on Sunday.") == {"number"}


def test_weekday_change_is_a_number_claim() -> None:
    assert kinds("The vote is on Tuesday.", "The vote is on Wednesday.") == {"number"}


def test_year_change_is_a_number_claim() -> None:
    assert kinds("He left the firm in 2014.", "He left the firm in 2015.") == {"number"}


def test_vague_count_change_is_a_number_claim() -> None:
    assert kinds("Dozens of homes burned.", "Hundreds of homes burned.") == {"number"}


def test_added_qualifier_before_a_number_is_a_number_claim() -> None:
    assert kinds("He ruled for three decades.", "He ruled for nearly three decades.") == {"number"}


def test_inserted_negation_is_a_negation_claim() -> None:
    changes = fact_changes(
        "The senator met the ambassador.", "The senator did not meet the ambassador."
    )
    assert changes == [FactChange("negation", "met", "did not meet")]


def test_removed_never_is_a_negation_claim() -> None:
    assert kinds("She has never visited Moscow.", "She has visited Moscow.") == {"negation"}


def test_contraction_spelled_out_is_cosmetic() -> None:
    assert fact_changes("He didn't attend the meeting.", "He did not attend the meeting.") == []


def test_swapped_name_is_an_entity_claim() -> None:
    changes = fact_changes("The senator met Dubrovsky in July.", "The senator met Dahl in July.")
    assert changes == [FactChange("entity", "Dubrovsky", "Dahl")]


def test_swapped_full_name_keeps_both_words() -> None:
    changes = fact_changes("Envoy Anton Dubrovsky spoke.", "Envoy Erik Halvorsen spoke.")
    assert changes == [FactChange("entity", "Anton Dubrovsky", "Erik Halvorsen")]


def test_added_reportedly_is_a_hedge_claim() -> None:
    changes = fact_changes(
        "The company misled investors.", "The company reportedly misled investors."
    )
    assert changes == [FactChange("hedge", "", "reportedly")]


def test_will_to_may_is_a_hedge_claim() -> None:
    assert fact_changes("The plan will cut taxes.", "The plan may cut taxes.") == [
        FactChange("hedge", "will", "may")
    ]


def test_is_to_may_be_is_a_hedge_claim() -> None:
    assert fact_changes("The plan is illegal.", "The plan may be illegal.") == [
        FactChange("hedge", "is", "may be")
    ]


def test_said_to_denied_is_an_attribution_claim_only() -> None:
    changes = fact_changes("Reyes said he met the envoy.", "Reyes denied he met the envoy.")
    assert changes == [FactChange("attribution", "said", "denied")]


def test_added_attribution_clause_is_an_attribution_claim() -> None:
    changes = fact_changes(
        "Troops will leave by March.", "Troops will leave by March, officials said."
    )
    assert changes == [FactChange("attribution", "", "officials said")]


def test_added_according_to_is_an_attribution_claim() -> None:
    new = "Troops will leave by March, according to the Pentagon."
    assert kinds("Troops will leave by March.", new) == {"attribution"}


def test_denied_instead_of_a_plain_verb_is_a_negation_claim() -> None:
    assert kinds("He met the senator.", "He denied meeting the senator.") == {"negation"}


def test_number_change_keeps_its_changed_qualifier() -> None:
    changes = fact_changes("Over 40 homes were flooded.", "More than 45 homes were flooded.")
    assert changes == [FactChange("number", "Over 40", "More than 45")]


def test_number_change_leaves_out_an_unchanged_qualifier_and_unit() -> None:
    changes = fact_changes(
        "Repairs will take about two weeks.", "Repairs will take about three weeks."
    )
    assert changes == [FactChange("number", "two", "three")]


def test_added_qualifier_shows_the_whole_phrase() -> None:
    changes = fact_changes("He ruled for three decades.", "He ruled for nearly three decades.")
    assert changes == [FactChange("number", "three decades", "nearly three decades")]


def test_amount_keeps_its_scale_word() -> None:
    changes = fact_changes("The deal was worth $2 million.", "The deal was worth $3 million.")
    assert changes == [FactChange("number", "$2 million", "$3 million")]


def test_percentage_keeps_its_unit() -> None:
    changes = fact_changes("Turnout rose 5 percent.", "Turnout rose 7 percent.")
    assert changes == [FactChange("number", "5 percent", "7 percent")]


def test_added_distance_is_one_number_with_its_unit() -> None:
    old = "The rally was held in Dunmore."
    new = "The rally was held in Dunmore, 20 miles west of Kestrel Bay."
    assert FactChange("number", "", "20 miles") in fact_changes(old, new)


def test_hyphenated_measure_is_one_number() -> None:
    changes = fact_changes("The center blocked the shot.", "The 7-foot-1 center blocked the shot.")
    assert changes == [FactChange("number", "", "7-foot-1")]


def test_removed_date_is_one_number() -> None:
    changes = fact_changes("On May 3, 2019, the plant closed.", "The plant closed.")
    assert changes == [FactChange("number", "May 3, 2019", "")]


def test_each_added_name_is_its_own_change() -> None:
    old = "She thanked her lawyer for the help."
    new = "She thanked her lawyer, Maria Odell, who once sued the City of Port Ellis, for the help."
    assert [c for c in fact_changes(old, new) if c.kind == "entity"] == [
        FactChange("entity", "", "Maria Odell"),
        FactChange("entity", "", "City of Port Ellis"),
    ]


def test_name_kept_in_another_form_anywhere_is_no_change() -> None:
    old = "Maria Odell, the mayor, left the meeting early."
    assert fact_changes(old, "The mayor, Ms. Odell, left the meeting early.") == []


def test_abbreviated_place_name_is_no_change() -> None:
    assert fact_changes("He moved to Calif. in 2010.", "He moved to California in 2010.") == []


def test_sentence_adverbs_are_not_names() -> None:
    assert fact_changes("Thus, the plan failed.", "Hence, the plan failed.") == []


def test_nationality_before_a_noun_is_not_an_added_name() -> None:
    old = "Crews reached the site."
    assert fact_changes(old, "American crews reached the site.") == []


def test_heavy_rewrite_keeps_a_number_whose_counted_word_matches() -> None:
    old = "Officials said 12 people were hurt when the old bridge collapsed on Tuesday after rain."
    new = "The collapse of the old bridge injured 14 people, according to a county statement."
    changes = fact_changes(old, new)
    assert FactChange("number", "12", "14") in changes
    assert "attribution" not in {c.kind for c in changes}
    assert not any(c.old == "Tuesday" for c in changes)


def test_heavy_rewrite_drops_a_qualifier_only_change() -> None:
    old = "Guards found about 30 rifles at the depot by 6:15 a.m. on Friday."
    new = "A search of the depot, which ended at 6:15 a.m., found 30 rifles, the army said later."
    assert [c for c in fact_changes(old, new) if c.kind == "number"] == []


def test_heavy_rewrite_lists_at_most_three_changes() -> None:
    old = "Lee and Park met Diaz, Okafor and Brandt in Oslo on Monday to discuss 3 plans."
    new = (
        "Nobody expected that Moreau, Haddad, Silva, Novak and Ivanova would sign 4 deals in Rome."
    )
    assert 1 <= len(fact_changes(old, new)) <= 3


def test_without_counts_only_when_the_same_predicate_flips() -> None:
    old = "Their charter gives them immunity from any audit and control of the budget."
    new = "Their charter lets them run the budget without any review or audit."
    assert "negation" not in kinds(old, new)


def test_with_to_without_on_the_same_words_is_a_negation() -> None:
    old, new = (
        "The council passed it with a public vote.",
        "The council passed it without a public vote.",
    )
    assert kinds(old, new) == {"negation"}


def test_always_to_often_is_a_hedge() -> None:
    changes = fact_changes(
        "Such storms always reach the coast.", "Such storms often reach the coast."
    )
    assert changes == [FactChange("hedge", "always", "often")]


def test_two_facts_changed_are_both_listed() -> None:
    old = "Police said 12 people died in Paris."
    new = "Police said 14 people died in Lyon."
    assert kinds(old, new) == {"number", "entity"}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("The troops will leave by March.", "The troops will leave by March!"),
        ("The plan, which passed, cuts taxes.", "The plan which passed cuts taxes."),
        ("The troops will leave by March.", "The troops will leave by Marhc."),
        ("The ambassador met Mr. Dubrovsky.", "The ambassador met Mr. Dubrovksy."),
        ("The Prime Minister visited Berlin.", "The prime minister visited Berlin."),
        ('He said "we will win" on Monday.', "He said \u201cwe will win\u201d on Monday."),
        ("It was a 2010-2012 plan.", "It was a 2010\u20132012 plan."),
        ("Police said the suspect fled on foot.", "The suspect fled on foot, police said."),
        ("On Monday, the governor signed the bill.", "The governor signed the bill on Monday."),
        ("The big building collapsed.", "The large building collapsed."),
        ("Turnout was 5 percent.", "Turnout was 5%."),
        ("The fee is $2,000.", "The fee is $2000."),
        ("He flew to the U.S. on Monday.", "He flew to the United States on Monday."),
        ("President Dana Whitfield spoke.", "Whitfield spoke."),
        ("He had been in a prison ward.", "Mr. Halloran had been in a prison ward."),
        ("It was Norland \u2019s first vote.", "It was Norland\u2019s first vote."),
        ("His one-time allies left.", "His onetime allies left."),
        ("Such storms often reach the coast.", "Such storms frequently reach the coast."),
        ("It grew in a three dimensional gel.", "It grew in a three-dimensional gel."),
        ("See Fig. 2 for the data.", "See Figure 2 for the data."),
    ],
    ids=[
        "punctuation",
        "commas",
        "typo",
        "name-typo",
        "case",
        "quote-style",
        "dash-style",
        "reordered-attribution",
        "reordered-clause",
        "synonym",
        "percent-sign",
        "thousands-comma",
        "acronym",
        "shorter-name",
        "pronoun-to-name",
        "spaced-possessive",
        "hyphenation",
        "frequency-synonym",
        "hyphenated-number-word",
        "abbreviation",
    ],
)
def test_cosmetic_edit_has_no_claim(old: str, new: str) -> None:
    assert fact_changes(old, new) == []


def test_is_cosmetic_agrees_with_fact_changes() -> None:
    assert is_cosmetic("The vote passed.", "The vote passed!")
    assert not is_cosmetic("The vote passed 5-4.", "The vote passed 6-3.")


def test_significance_of_cosmetic_edit_is_at_most_a_tenth() -> None:
    old, new = "The vote passed.", "The vote passed!"
    assert 0.0 <= significance(old, new, fact_changes(old, new)) <= 0.1


def test_significance_of_identical_text_is_zero() -> None:
    assert significance("Same.", "Same.", []) == 0.0


def test_one_digit_casualty_change_ranks_high() -> None:
    old, new = "At least 25 people were killed.", "At least 26 people were killed."
    assert significance(old, new, fact_changes(old, new)) >= 0.9


def test_number_outranks_hedge_of_the_same_size() -> None:
    base = "The storm will hit 3 towns."
    number = significance(base, "The storm will hit 4 towns.", [FactChange("number", "3", "4")])
    hedge = significance(base, "The storm may hit 3 towns.", [FactChange("hedge", "will", "may")])
    assert number > hedge


def test_kinds_rank_number_negation_attribution_entity_hedge() -> None:
    old, new = "A b c d e f g h.", "A b c d e f g i."
    order: list[ClaimKind] = ["number", "negation", "attribution", "entity", "hedge"]
    scores = [significance(old, new, [FactChange(k, "h", "i")]) for k in order]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == len(scores)


def test_heavy_rewrite_ranks_below_the_same_fact_in_a_light_edit() -> None:
    light_old, light_new = "12 people were hurt in the crash.", "14 people were hurt in the crash."
    heavy_old = "Officials said 12 people were hurt when the old bridge collapsed on Tuesday."
    heavy_new = "The collapse of the old bridge injured 14 people, according to a county statement."
    change = [FactChange("number", "12", "14")]
    light = significance(light_old, light_new, change)
    assert significance(heavy_old, heavy_new, change) < light - 0.2


def test_small_fact_edit_outranks_large_rewrite_with_the_same_fact() -> None:
    change = [FactChange("entity", "Paris", "Lyon")]
    small = significance("He was in Paris today.", "He was in Lyon today.", change)
    large = significance("He was in Paris today.", "Yesterday a man came to Lyon by train.", change)
    assert small > large


@given(st.text(max_size=120))
def test_identical_text_never_has_a_claim(text: str) -> None:
    assert fact_changes(text, text) == []


@given(st.text(max_size=80), st.text(max_size=80))
def test_any_text_gives_a_bounded_significance(old: str, new: str) -> None:
    score = significance(old, new, fact_changes(old, new))
    assert 0.0 <= score <= 1.0


_WORDS = "Over 50 more than 55 people Lee Park said not without may the in on Tuesday".split()


@given(
    st.lists(st.sampled_from(_WORDS), max_size=14),
    st.lists(st.sampled_from(_WORDS), max_size=14),
)
def test_every_reported_word_is_in_its_version(old_words: list[str], new_words: list[str]) -> None:
    old, new = " ".join(old_words) + ".", " ".join(new_words) + "."
    for change in fact_changes(old, new):
        assert set(change.old.split()) <= set(old.rstrip(".").split())
        assert set(change.new.split()) <= set(new.rstrip(".").split())


def test_heavy_rewrite_keeps_a_swapped_attribution_verb() -> None:
    old = (
        "Jo Reyes, a clerk with the election office in Dunmore, where the count was held, "
        "told the Dunmore Courier that the ballots came at 9 p.m."
    )
    new = "The election office in Dunmore said it received the ballots at 9 p.m. on Friday."
    assert FactChange("attribution", "told", "said") in fact_changes(old, new)


def test_hyphenated_name_is_one_name() -> None:
    old = "He invested in a label called Harbor Vale-Tunez that failed."
    assert fact_changes(old, "He invested in a label that failed.") == [
        FactChange("entity", "Harbor Vale-Tunez", "")
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("The mayor said no.", "The mayor said: no!"),
        ("the Mayor spoke on Monday.", "The mayor spoke on Monday."),
        ("The goverment will respond.", "The government will respond."),
        ("A one-time deal was struck.", "A onetime deal was struck."),
        ("Roads closed. Schools stayed open.", "Roads closed, but schools stayed open."),
        ("On Monday, the council voted.", "The council voted on Monday."),
    ],
)
def test_surface_edits_are_cosmetic_in_the_strict_sense(old: str, new: str) -> None:
    assert is_surface_edit(old, new)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("A routine inspection found cracks.", "A scheduled inspection found cracks."),
        ("He had a stroke.", "He had cardiac arrest and a stroke."),
        ("Officials said 12 were hurt.", "Officials said 14 were hurt."),
    ],
)
def test_changed_wording_is_not_a_surface_edit(old: str, new: str) -> None:
    assert not is_surface_edit(old, new)


@pytest.mark.parametrize(
    ("old", "new", "change"),
    [
        (
            "Smith beat Jones in Ohio.",
            "Jones beat Smith in Ohio.",
            FactChange("entity", "Smith beat Jones", "Jones beat Smith"),
        ),
        (
            "The Senate passed the bill 51 to 49.",
            "The Senate passed the bill 49 to 51.",
            FactChange("number", "51 to 49", "49 to 51"),
        ),
        (
            "He was not guilty, and she was guilty.",
            "He was guilty, and she was not guilty.",
            FactChange(
                "negation", "not guilty, and she was guilty", "guilty, and she was not guilty"
            ),
        ),
    ],
    ids=["names", "numbers", "negation"],
)
def test_facts_trading_places_is_a_claim(old: str, new: str, change: FactChange) -> None:
    assert fact_changes(old, new) == [change]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Smith beat Jones in Ohio.", "Jones beat Smith in Ohio."),
        ("The Senate passed the bill 51 to 49.", "The Senate passed the bill 49 to 51."),
        ("He was not guilty, and she was guilty.", "He was guilty, and she was not guilty."),
    ],
)
def test_facts_trading_places_is_not_a_surface_edit(old: str, new: str) -> None:
    assert not is_surface_edit(old, new)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("In 2019, Smith beat Jones.", "Smith beat Jones in 2019."),
        ("He was not guilty, she said.", "She said he was not guilty."),
        ("Police said that in May, Smith left Ohio.", "Police said that Smith left Ohio in May."),
        ("The council praised Smith and Jones.", "The council praised Jones and Smith."),
    ],
    ids=["clause-to-end", "attribution-to-front", "clause-within", "list-order"],
)
def test_moved_clause_keeps_facts_in_relation(old: str, new: str) -> None:
    assert fact_changes(old, new) == []
    assert is_surface_edit(old, new)


def test_contraction_beside_a_second_negation_is_cosmetic() -> None:
    old = "The ad did not sway Ohio, but Okafor could not focus there."
    assert fact_changes(old, "The ad didn't sway Ohio, but Okafor could not focus there.") == []


# ---- words that say the same: no claim --------------------------------------------------------


def test_seem_for_appear_is_wording_and_unlikely_for_likely_is_a_hedge() -> None:
    assert fact_changes("The ferry appeared late.", "The ferry seemed late.") == []
    assert fact_changes("A deal is likely soon.", "A deal is probably soon.") == []
    assert kinds("A deal is likely this week.", "A deal is unlikely this week.") == {"hedge"}


def test_one_vague_count_for_another_of_its_size_is_no_number_change() -> None:
    assert fact_changes("Many farmers sold early.", "Numerous farmers sold early.") == []
    assert kinds("A few farmers sold early.", "Many farmers sold early.") == {"number"}
