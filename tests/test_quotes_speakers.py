"""Speakers that refuse to guess: pronouns and descriptions resolved only when the text makes
the person clear, never a pronoun, a caption word, a time or a newspaper cited for reporting;
one name for each person however the article writes it."""

from __future__ import annotations

from tracker import extract_quotes
from tracker.models import Quote


def _only(text: str) -> Quote:
    quotes = extract_quotes(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(text)]


# -- pronouns ------------------------------------------------------------------------------------


def test_unresolved_pronoun_is_no_speaker() -> None:
    assert _only("“We will be back next year,” he said.").speaker is None


def test_pronoun_after_two_people_of_the_same_standing_is_unattributed() -> None:
    text = (
        "The talks on Monday brought together Mark Olsen and Peter Vance.\n\n"
        "“We agreed on nothing,” he said."
    )
    assert _only(text).speaker is None


def test_pronoun_means_the_subject_over_the_object() -> None:
    text = "Mark Olsen met Peter Vance on Monday.\n\n“We agreed on the whole budget,” he said."
    assert _only(text).speaker == "Mark Olsen"


def test_pronoun_does_not_reach_past_the_previous_paragraph() -> None:
    text = (
        "Mark Olsen opened the meeting.\n\nThe budget was approved.\n\n"
        "The roads will be repaired.\n\n“It was a long night,” he said."
    )
    assert _only(text).speaker is None


def test_a_described_unnamed_person_blocks_an_earlier_name() -> None:
    text = (
        "Mayor Hal Brandt left the square at noon.\n\n"
        "A protest leader then issued a warning to the police.\n\n"
        "“We will stay until the vote is counted,” he said."
    )
    assert _only(text).speaker is None


def test_a_chain_of_pronouns_keeps_its_person() -> None:
    text = (
        "Gov. Ruth Okafor toured the flooded towns on Sunday.\n\n"
        "She met farmers in the morning. Later she visited a shelter.\n\n"
        "“These families need help now,” she said."
    )
    assert _only(text).speaker == "Gov. Ruth Okafor"


def test_pronoun_after_a_quote_continues_its_named_speaker() -> None:
    text = (
        "“We will appeal,” said Tom Reyes, the union’s lawyer.\n\n"
        "He added, “This ruling is wrong on the law.”"
    )
    assert _speakers(text) == ["Tom Reyes", "Tom Reyes"]


def test_pronoun_skips_a_place_that_looks_like_a_name() -> None:
    text = (
        "Nina Holt grew up near Santa Monica.\n\n"
        "Her first job was with a firm in Santa Monica.\n\n"
        "“Nobody had the right degrees back then,” she said."
    )
    assert _only(text).speaker == "Nina Holt"


def test_pronoun_does_not_take_a_name_used_as_a_modifier() -> None:
    text = (
        "The Vance campaign is well funded, said Katie Marsh, a strategist.\n\n"
        "“Others have to be leaner,” she said."
    )
    assert _only(text).speaker == "Katie Marsh"


def test_a_name_in_apposition_before_said_is_not_a_rival() -> None:
    text = (
        "Mr. Hale’s lawyer, Alan Brisco, said Ned Varley was wrong. "
        "He said the agreement “is standard practice for every business.”"
    )
    assert _only(text).speaker == "Alan Brisco"


# -- descriptions --------------------------------------------------------------------------------


def test_the_role_means_the_one_person_named_with_it() -> None:
    text = (
        "Rami Haddad, a spokesman for the campaign, spoke on Monday.\n\n"
        "“We are winning,” the spokesman said."
    )
    assert _only(text).speaker == "Rami Haddad"


def test_the_role_with_two_people_named_with_it_is_unattributed() -> None:
    text = (
        "Rami Haddad, a spokesman for the campaign, and Omar Tannous, a spokesman for the party, "
        "spoke on Monday.\n\n“We are winning,” the spokesman said."
    )
    assert _only(text).speaker is None


def test_the_title_gives_the_role() -> None:
    text = "Gov. Lena Marsh toured the coast.\n\n“We are ready for the storm,” the governor said."
    assert _only(text).speaker == "Gov. Lena Marsh"


def test_the_role_after_an_unnamed_source_is_that_source() -> None:
    text = (
        "“No decision has been made,” a senior administration official said.\n\n"
        "“We are still talking,” the official said."
    )
    assert _speakers(text) == ["a senior administration official"] * 2


def test_an_unnamed_described_speaker_is_kept_as_written() -> None:
    text = "“We will stay,” a senior editor at a party newspaper said."
    assert _only(text).speaker == "a senior editor at a party newspaper"


# -- never a speaker -----------------------------------------------------------------------------


def test_caption_word_is_not_part_of_a_name() -> None:
    text = "Photo\n\nMr. Halloran spoke in Ohio.\n\n“We will win this state,” Mr. Halloran said."
    assert _only(text).speaker == "Mr. Halloran"


def test_newspaper_an_interview_was_given_to_is_not_the_speaker() -> None:
    text = "“It was scary,” according to The New York Times."
    assert _only(text).speaker is None


def test_newspaper_reporting_in_its_own_words_is_the_speaker() -> None:
    text = "“The city will run out of money by June,” the Daily Herald reported."
    assert _only(text).speaker == "the Daily Herald"


def test_a_time_before_said_is_not_a_speaker() -> None:
    text = (
        "The former mayor, who two and a half months ago said that “these were the best "
        "years of the city,” has since left."
    )
    assert _only(text).speaker != "a half months ago"


def test_a_clause_after_the_quote_is_not_its_tag() -> None:
    text = (
        "Former governor Ed Brandt praised the plan, calling it “an incredible feat” — but "
        "he said the time is coming to change course."
    )
    assert _only(text).speaker == "Former governor Ed Brandt"


def test_a_leading_participle_is_not_the_speaker() -> None:
    text = (
        "Weighing in on the discussion, former Gov. Mike Hale agreed, praising the senator as "
        "“one of the sharpest voices that we’ve heard.”"
    )
    assert _only(text).speaker == "Gov. Mike Hale"


# -- subject, not object -------------------------------------------------------------------------


def test_subject_who_criticized_someone_saying() -> None:
    text = "Sen. Ann Wilson criticized Gov. Hal Brandt, saying “he has failed the state.”"
    assert _only(text).speaker == "Sen. Ann Wilson"


def test_said_of_someone() -> None:
    text = "“He has failed the state,” Sen. Ann Wilson said of Gov. Hal Brandt."
    assert _only(text).speaker == "Sen. Ann Wilson"


def test_said_that_someone_with_a_partial_quote() -> None:
    text = (
        "Former Mayor Tom Vale of Troy said Mr. Okafor “wasn’t the one who signed that "
        "letter,” but he defended Mr. Halloran."
    )
    assert _only(text).speaker == "Former Mayor Tom Vale of Troy"


# -- one name per person -------------------------------------------------------------------------


def test_every_form_of_a_name_is_one_speaker() -> None:
    text = (
        "Sen. John Smith of Ohio opened the hearing.\n\n"
        "“We will get answers,” Mr. Smith said.\n\n"
        "“No one is above the law,” said John Smith.\n\n"
        "“This is only the start,” Smith added."
    )
    assert set(_speakers(text)) == {"Sen. John Smith"}


def test_two_people_with_one_surname_stay_apart() -> None:
    text = (
        "George Hale and his brother, Cal Hale, spoke at the rally.\n\n"
        "“My brother will win,” George Hale said.\n\n"
        "“I will win,” Cal Hale said."
    )
    assert _speakers(text) == ["George Hale", "Cal Hale"]


def test_family_name_first() -> None:
    text = "The memoir by Goh Wei Lin was published last year.\n\n“This is progress,” Ms. Goh said."
    assert _only(text).speaker == "Goh Wei Lin"


def test_a_thing_is_not_a_speaker() -> None:
    text = "The first incident came when a crowd shouted, “We want the vote now!”"
    assert _only(text).speaker != "The first incident"


def test_a_headline_line_names_no_one() -> None:
    text = "Mayor Slams Council Over Budget Vote\n\n“It is a shameful day for the city,” she said."
    assert _only(text).speaker is None


def test_the_statement_is_who_issued_it() -> None:
    text = (
        "A spokesman for the Ministry of Home Affairs declined to comment. The ministry, in a "
        "statement, rejected calls for an inquiry. “The threat was real,” the statement said."
    )
    assert _only(text).speaker == "Ministry of Home Affairs"


def test_its_statement_is_the_body_of_its_sentence() -> None:
    text = (
        "The Hale campaign did not present evidence, but its statement added, “Our opponents "
        "broke the election law again and again.”"
    )
    assert _only(text).speaker == "The Hale campaign"


def test_his_campaign_is_the_person_s() -> None:
    text = (
        "Peter Halloran has changed his position twice.\n\n"
        "His campaign later edited its website to include the line, “Peter Halloran believes it "
        "is unacceptable.”"
    )
    assert (_only(text).speaker or "").startswith("Peter Halloran")


def test_told_someone_after_a_comma_names_the_listener_not_the_speaker() -> None:
    text = "“We will win,” Rick Danvers, a delegate from Fargo, told Politico on Monday."
    assert _only(text).speaker == "Rick Danvers"
