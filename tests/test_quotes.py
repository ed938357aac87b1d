"""extract_quotes: quotation marks, attribution patterns, and name resolution."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker import extract_quotes
from tracker.models import Quote


def _only(text: str) -> Quote:
    quotes = extract_quotes(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(text)]


# -- marks -----------------------------------------------------------------------------------


def test_curly_quote_text_and_offsets() -> None:
    text = "“The budget is balanced,” Mayor Ann Lee said."
    q = _only(text)
    assert q.text == "The budget is balanced"
    assert text[q.start : q.end] == q.text


def test_straight_quotes() -> None:
    text = 'Gov. Lena Marsh toured the coast.\n\n"We are ready for the storm," the governor said.'
    q = _only(text)
    assert q.text == "We are ready for the storm"
    assert q.speaker == "Gov. Lena Marsh"


def test_description_with_no_one_named_for_it_is_unattributed() -> None:
    assert _only('"We are ready for the storm," the governor said.').speaker is None


def test_sentence_punctuation_inside_the_mark_is_kept() -> None:
    q = _only("Jane Roe said: “We won the vote today.”")
    assert q.text == "We won the vote today."


def test_nested_single_quotes_stay_inside() -> None:
    q = _only("“They kept shouting ‘lock him up’ at the rally,” said Tom Reyes.")
    assert q.text == "They kept shouting ‘lock him up’ at the rally"
    assert q.speaker == "Tom Reyes"


def test_quote_over_several_paragraphs_is_one_quote() -> None:
    text = (
        "Mayor Ann Lee said: “We will build the bridge this year.\n\n"
        "“We will pay for it without new taxes.”\n\nThe council meets Friday."
    )
    q = _only(text)
    assert q.text.startswith("We will build the bridge")
    assert q.text.endswith("without new taxes.")
    assert "“" not in q.text
    assert q.speaker == "Mayor Ann Lee"


def test_unreopened_paragraph_closes_an_open_quote() -> None:
    text = "“We will build the bridge this year, she said\n\nThe council meets on Friday."
    q = _only(text)
    assert "council" not in q.text


def test_partial_quote_inside_a_sentence() -> None:
    text = 'Rep. Dana Ortiz told CNN the agency "should explain its decision to the public."'
    q = _only(text)
    assert q.text == "should explain its decision to the public."
    assert q.speaker == "Rep. Dana Ortiz"
    assert (q.cue or "").startswith("told CNN")


def test_interrupted_quote_gives_two_quotes_with_one_speaker() -> None:
    text = "“We are not done,” Sen. Maria Costa said, “and we will be back next week.”"
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["We are not done", "and we will be back next week."]
    assert {q.speaker for q in quotes} == {"Sen. Maria Costa"}


def test_two_word_scare_quote_without_cue_is_skipped() -> None:
    assert extract_quotes("Critics called the plan a “total mess” during the hearing.") == []


def test_short_quote_with_adjacent_cue_is_kept() -> None:
    q = _only("“Absolutely not,” Sen. Maria Costa said.")
    assert q.text == "Absolutely not"


def test_show_title_in_quotes_is_skipped() -> None:
    assert extract_quotes("She spoke on “Meet the Press” last week.") == []


def test_title_case_quote_of_six_words_is_taken_for_a_title() -> None:
    assert extract_quotes("The crowd chanted “Make The Best Of It Now” outside.") == []


def test_title_case_quote_of_seven_words_is_kept() -> None:
    q = _only("The crowd chanted “Make The Best Of The Year Now” outside.")
    assert q.text == "Make The Best Of The Year Now"


def test_show_title_after_a_network_is_skipped_even_beside_a_cue() -> None:
    text = "“We are ready,” Sen. Ann Lee said on CNN’s “State of the Union.”"
    assert [q.text for q in extract_quotes(text)] == ["We are ready"]


def test_long_book_title_is_skipped() -> None:
    text = "Her book, “A Long Road From Dayton to the Senate Floor,” sold well."
    assert extract_quotes(text) == []


def test_partial_quote_after_on_is_kept_unless_title_case() -> None:
    q = _only("Mayor Ann Lee insisted on “a full count of every ballot cast.”")
    assert q.speaker == "Mayor Ann Lee"


def test_headline_cited_with_its_author_is_skipped() -> None:
    text = (
        "—“Council approves the new bridge budget,” by the Herald’s Jane Roe: "
        "“The council voted 7-2 on Tuesday.”"
    )
    assert [q.text for q in extract_quotes(text)] == ["The council voted 7-2 on Tuesday."]


def test_quote_followed_by_a_passive_agent_is_kept() -> None:
    q = _only("Okafor was called “a voice built for hard winters,” by Dana Whitfield last week.")
    assert q.text.startswith("a voice built")


def test_marks_inside_markup_tags_are_not_quotes() -> None:
    text = '<tweet author="@annlee" date="May 2, 2016">Big win tonight in Ohio.</tweet>'
    assert extract_quotes(text) == []


def test_quote_after_a_markup_tag_is_found() -> None:
    text = '<p class="lead">“We will fix the roads,” Mayor Ann Lee said.</p>'
    assert _only(text).speaker == "Mayor Ann Lee"


# -- attribution patterns --------------------------------------------------------------------


def test_name_said_after_quote() -> None:
    q = _only("“The roads are closed,” Peter Olsen said.")
    assert (q.speaker, q.cue) == ("Peter Olsen", "said")


def test_said_name_after_quote() -> None:
    q = _only("“The roads are closed,” said Peter Olsen.")
    assert (q.speaker, q.cue) == ("Peter Olsen", "said")


def test_told_object_is_part_of_the_cue() -> None:
    q = _only("“The roads are closed,” Peter Olsen told reporters Monday.")
    assert (q.speaker, q.cue) == ("Peter Olsen", "told reporters")


def test_said_in_a_statement() -> None:
    q = _only("“The roads are closed,” Peter Olsen said in a statement.")
    assert (q.speaker, q.cue) == ("Peter Olsen", "said in a statement")


def test_inverted_with_party_and_state_and_statement() -> None:
    q = _only("“We need answers now,” said Sen. Rob Dalton, R-Ohio, in a statement.")
    assert (q.speaker, q.cue) == ("Sen. Rob Dalton", "said in a statement")


def test_apposition_is_skipped() -> None:
    q = _only("Rep. Elena Marquez, a Maryland Democrat, said “the audit is a cover story.”")
    assert q.speaker == "Rep. Elena Marquez"


def test_party_state_apposition_is_skipped() -> None:
    q = _only("Rep. Sam Ives, R-California, said “we need a clear-eyed review of this.”")
    assert q.speaker == "Rep. Sam Ives"


def test_according_to() -> None:
    q = _only("“The vote will be close,” according to Senate Majority Whip Lena Park.")
    assert (q.speaker, q.cue) == ("Senate Majority Whip Lena Park", "according to")


def test_colon_after_speaker() -> None:
    q = _only("A State Department spokesman said: “We have nothing to add at this time.”")
    assert q.speaker == "A State Department spokesman"


def test_titles_are_kept() -> None:
    q = _only("“It is a sad day,” Senate Minority Leader Carl Brandt told reporters.")
    assert q.speaker == "Senate Minority Leader Carl Brandt"


def test_anonymous_source_kept_as_written() -> None:
    q = _only("“No decision has been made,” a senior administration official said.")
    assert q.speaker == "a senior administration official"


def test_cue_far_after_partial_quote() -> None:
    text = "“We need a truly independent panel” to look at the ties, Rep. Lou Grant said."
    assert _only(text).speaker == "Rep. Lou Grant"


def test_cue_before_quote_in_same_sentence() -> None:
    text = "His spokeswoman Ana Ruiz said there was nothing “misleading about the answer he gave.”"
    assert _only(text).speaker == "Ana Ruiz"


def test_quote_without_any_attribution_has_no_speaker() -> None:
    text = "The word on the banner was “closed for the winter season” in red letters."
    assert _only(text).speaker is None


# -- continuation and resolution --------------------------------------------------------------


def test_unattributed_quote_continues_previous_speaker_in_paragraph() -> None:
    text = "“We will appeal,” Sen. Maria Costa said. “This ruling is wrong on the law.”"
    assert _speakers(text) == ["Sen. Maria Costa", "Sen. Maria Costa"]


def test_unattributed_paragraph_continues_previous_paragraph_quote() -> None:
    text = "“We will appeal,” Sen. Maria Costa said.\n\n“This ruling is wrong on the law.”"
    assert _speakers(text) == ["Sen. Maria Costa", "Sen. Maria Costa"]


def test_pronoun_resolves_to_named_person() -> None:
    text = (
        "Sen. Ted Marsh spoke to the crowd on Friday.\n\n“We are going to win this state,” he said."
    )
    assert _only(text).speaker == "Sen. Ted Marsh"


def test_pronoun_respects_gender() -> None:
    text = (
        "Gov. Ellen Shaw, who said she would sign the bill, met Mr. Owen Pike on Monday.\n\n"
        "“This bill will help every family in the state,” she said."
    )
    assert _only(text).speaker == "Gov. Ellen Shaw"


def test_surname_resolves_to_fullest_earlier_name() -> None:
    text = (
        "Attorney General Jeff Stone met the ambassador twice.\n\n"
        "“I never discussed the campaign with anyone,” Stone said."
    )
    assert _only(text).speaker == "Attorney General Jeff Stone"


def test_they_resolves_to_earlier_plural_source() -> None:
    text = (
        "“The plant will close in March,” company officials said.\n\n"
        "“There is no other option for us,” they said."
    )
    assert _speakers(text) == ["company officials", "company officials"]


def test_no_quotes_in_plain_text() -> None:
    assert extract_quotes("The council met on Tuesday and approved the budget.") == []


def _bare(text: str) -> list[str]:
    return "".join(c for c in text if c not in '“”"').split()


@given(st.text(alphabet=st.sampled_from(list('ab “”"\n,.SaidHe')), max_size=80))
def test_arbitrary_text_gives_valid_offsets(text: str) -> None:
    for q in extract_quotes(text):
        assert 0 <= q.start <= q.end <= len(text)
        assert _bare(q.text) == _bare(text[q.start : q.end])


def test_pronoun_after_role_noun_means_the_titled_person() -> None:
    text = (
        "Attorney General Jeff Stone met the envoy twice.\n\n"
        "Sen. Al Brook told CNN that the meetings were troubling.\n\n"
        "The attorney general pushed back on Thursday.\n\n"
        "“I never discussed the campaign with anyone,” he said."
    )
    assert _only(text).speaker == "Attorney General Jeff Stone"


def test_short_tag_sentence_after_a_closed_quote() -> None:
    text = "“That is a false comparison!” Dorsey replied. “Look at the numbers.”"
    assert _speakers(text) == ["Dorsey", "Dorsey"]


# -- verbs and frames beyond "said" ----------------------------------------------------------


def test_reaction_verb_names_its_subject() -> None:
    text = "Sen. Ann Wilson blamed the delay on “a lack of leadership at the agency.”"
    assert _only(text).speaker == "Sen. Ann Wilson"


def test_partial_quote_takes_the_subject_of_its_sentence() -> None:
    text = "Mayor Hal Brandt pondered who might “stand up for the city in a season like this.”"
    assert _only(text).speaker == "Mayor Hal Brandt"


def test_capitalised_word_is_never_a_cue() -> None:
    text = "Whitfield also said the United States has become a “waiting room for everyone else.”"
    assert _only(text).speaker == "Whitfield"


def test_party_tag_in_parentheses_keeps_the_speaker() -> None:
    text = "“It shows us how much this race matters,” Sen. Mark Dorsey (R-Fla.) said."
    assert _only(text).speaker == "Sen. Mark Dorsey"


def test_name_with_suffix_after_inverted_cue() -> None:
    text = "“We have to be careful with this one,” said Sen. Robert P. Hollins Jr., a party backer."
    assert "Hollins" in (_only(text).speaker or "")


def test_tag_with_an_uncommon_past_tense_verb() -> None:
    text = "“That would have shown some good will,” Halloran fumed on Tuesday."
    assert _only(text).speaker == "Halloran"


def test_inverted_tag_with_an_uncommon_verb() -> None:
    text = "“This is fantastic and loud!” beamed Donald Hartley of Madison."
    assert _only(text).speaker == "Donald Hartley of Madison"


def test_long_tag_sentence_after_an_exclamation() -> None:
    text = (
        "“Ruth Okafor is the greatest!!!” Delaney wrote in a March 14, 2019 email to top "
        "Transit Authority officials."
    )
    assert _only(text).speaker == "Delaney"


def test_name_closing_an_apposition_is_the_subject() -> None:
    text = "Ohio’s attorney general, Nora Fenwick, vowed to go after “anyone who cheats us.”"
    assert _only(text).speaker == "Nora Fenwick"


def test_coordinated_cue_takes_the_sentence_subject() -> None:
    text = "Petrakis thought for a moment and said that “being a plain farmer would help him.”"
    assert _only(text).speaker == "Petrakis"


def test_inverted_cue_with_a_lowercase_description_before_the_name() -> None:
    text = "“It is a warning light at best,” said election lawyer Joe Brennick."
    assert _only(text).speaker == "Joe Brennick"


def test_name_and_colon_introduce_a_quote() -> None:
    text = "Miriam T. Caldwell: “At long last the budget hearings have finally started.”"
    assert _only(text).speaker == "Miriam T. Caldwell"


def test_quote_sentence_after_a_paraphrase_takes_its_speaker() -> None:
    text = "Lindqvist added that the board wants to wait. “They don’t want to rush it at all.”"
    assert _only(text).speaker == "Lindqvist"


def test_quote_paragraph_after_a_colon_lead_in_takes_its_subject() -> None:
    text = (
        "President Dana Whitfield released the following statement:\n\n"
        "“Tom and I send our sympathy to the family.”"
    )
    assert _only(text).speaker == "President Dana Whitfield"


def test_dateline_is_not_the_subject_of_a_participle_cue() -> None:
    text = (
        "WASHINGTON, May 3 (AP) — Speaking to donors in Ohio, Sen. Ann Lee’s longtime aide "
        "rallied supporters, saying: “We have to be ready.”"
    )
    assert _only(text).speaker != "WASHINGTON"


def test_tag_with_an_adjective_before_the_name() -> None:
    q = _only("“Ohio will always be Ohio,” an angry Brandvik retaliated.")
    assert q.speaker == "an angry Brandvik"


def test_name_between_commas_beats_a_phrase_before_it() -> None:
    text = (
        "After winning the state’s spring primary, Gov. John Fenwick, said, "
        "“We are going to Dayton.”"
    )
    assert _only(text).speaker == "Gov. John Fenwick"


def test_apposition_after_a_description_still_gives_the_speaker() -> None:
    text = (
        "Sen. Ada Vance spoke first.\n\n"
        "“We need answers,” the senator, a California Democrat, said."
    )
    assert _only(text).speaker == "Sen. Ada Vance"


# -- pronouns --------------------------------------------------------------------------------


def test_given_name_sets_gender_for_a_pronoun() -> None:
    text = "Mark Olsen met Laura Diaz on Monday.\n\n“We agreed on the whole budget,” she said."
    assert _only(text).speaker == "Laura Diaz"


def test_pronoun_prefers_the_speaker_of_the_nearest_sentence() -> None:
    text = (
        "Halloran won over the small crowds, Joe Brennick said.\n\n"
        "“He was calm and quick on his feet,” he said."
    )
    assert _only(text).speaker == "Joe Brennick"


def test_pronoun_contraction_is_a_pronoun_subject() -> None:
    text = (
        "Sen. Ted Marsh spoke in Ohio on Friday.\n\n"
        "He’s claiming that fraud is “a big, big problem in this country.”"
    )
    assert _only(text).speaker == "Sen. Ted Marsh"


def test_pronoun_passes_over_a_possessive_name() -> None:
    text = (
        "Sen. Ted Halloran spoke on Monday. Halloran’s aide, Tom Reyes, was there.\n\n"
        "“We are not done yet,” he said."
    )
    assert _only(text).speaker == "Tom Reyes"


def test_pronoun_passes_over_the_object_of_a_preposition() -> None:
    text = "Sen. Ted Halloran spoke to Tom Reyes on Monday.\n\n“We are not done yet,” he said."
    assert _only(text).speaker == "Sen. Ted Halloran"


def test_pronoun_means_the_person_named_by_role() -> None:
    text = (
        "Attorney General Mary Holt spoke on Monday.\n\n"
        "Gov. Ann Lee left early. Later the attorney general took questions. "
        "“We will appeal the ruling,” she said."
    )
    assert _only(text).speaker == "Attorney General Mary Holt"


def test_bare_surname_means_the_most_mentioned_full_name() -> None:
    text = (
        "Maria Olsen spoke first. Peter Olsen spoke later. Maria Olsen left at noon.\n\n"
        "“We will win the state,” Olsen said."
    )
    assert _only(text).speaker == "Maria Olsen"
