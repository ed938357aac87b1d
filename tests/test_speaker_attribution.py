"""How English news prose names who said a quote: the speaker phrase around the quote's own
sentence, read as a reader would (a title-like description before a name, a long apposition
between a name and its verb, a subject after a few lead-in phrases)."""

from __future__ import annotations

from tracker import extract_quotes


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(text)]


# -- after the verb: `said <description> <Name>` -------------------------------------------------


def test_place_and_role_before_an_inverted_name_belong_to_it() -> None:
    text = (
        "“The biggest worry for me is the budget,” said Ohio furniture executive Dan Warbler,"
        " who backed the levy last year."
    )
    assert _speakers(text) == ["Ohio furniture executive Dan Warbler"]
    assert _speakers("“We have the votes,” said Smith on Tuesday.") == ["Smith"]  # no role noun


# -- before the verb: an apposition that holds commas of its own ----------------------------------


def test_age_and_home_town_between_name_and_verb() -> None:
    text = (
        "“If the mayor had gone, I would have been stuck for a long time,” Mr. Dunleavy,"
        " now 81 and retired in Salem, Mass., said by telephone this week."
    )
    assert _speakers(text) == ["Mr. Dunleavy"]


# -- the sentence's subject, for a partial quote or a participle ---------------------------------


def test_subject_with_an_irregular_perfect_carries_a_partial_quote() -> None:
    text = "In recent weeks, Lind has gone after Parker as a “leech who will bleed the town.”"
    assert _speakers(text) == ["Lind"]


def test_subject_after_three_lead_in_phrases_owns_a_participle_cue() -> None:
    text = (
        "At a town hall in Ames, Iowa, on Sunday, Mrs. Lorne tried to widen her remarks, saying"
        " the county should be “keeping its neighbours close and its promises closer.”"
    )
    assert _speakers(text) == ["Mrs. Lorne"]


# -- one name for each person -------------------------------------------------------------------


def test_a_justice_is_a_person_a_pronoun_can_mean() -> None:
    text = (
        "Supreme Court Justice Ruth Ann Weller spoke to the paper last week about the case.\n\n"
        "In a later interview, Weller joked about moving abroad. She went further on Tuesday.\n\n"
        "“He has no consistency about him,” she said."
    )
    assert _speakers(text) == ["Supreme Court Justice Ruth Ann Weller"]


def test_a_role_word_capitalised_by_the_sentence_start_is_not_part_of_the_name() -> None:
    text = (
        "Rival Hillary Vance had mocked the complaint, saying it was a “bad excuse for a bad"
        " night.” The governor was in Ohio.\n\n"
        "“This is dangerous for a president,” Hillary Vance said. She is a rival of the mayor."
    )
    assert set(_speakers(text)) == {"Hillary Vance"}


def test_a_title_abbreviation_does_not_end_the_sentence() -> None:
    text = (
        "Democrats also called the fight ominous.\n\n"
        "“This is a waste of time,” said Del. Stacy Plank of the Virgin Islands."
    )
    assert _speakers(text)[0] is not None
    assert "Plank" in (_speakers(text)[0] or "")


def test_agrees_after_a_quote_is_a_speech_verb_but_agrees_to_is_a_deed() -> None:
    text = "“Our ideas of success are different,” agrees Michelle Stone, 30, of Gainesville, Fla."
    assert _speakers(text) == ["Michelle Stone"]
    text = (
        "Mr. Hale Parker spoke at the plant. And Mr. Parker vows to shun the firm until it agrees"
        " to change course. “They will call me within a day,” he promises."
    )
    assert _speakers(text) == ["Mr. Hale Parker"]


def test_a_name_set_off_after_a_whose_phrase_is_not_the_subject() -> None:
    text = (
        "Mr. Slade, whose latest start-up, Parata, helps brands find suppliers, said Mr. Hale"
        " was a candidate in the spirit of the valley: “He's a start-up kind of guy.”"
    )
    assert _speakers(text) == ["Mr. Slade"]


def test_a_tag_that_a_colon_ends_introduces_the_next_quote() -> None:
    text = (
        "After Lee said that students might do better at “less advanced schools,” Hale said:"
        " “I don't like what he said, no, I don't like it.”"
    )
    assert _speakers(text) == ["Lee", "Hale"]


def test_with_a_name_and_a_participle_the_name_does_the_saying() -> None:
    text = (
        "Vale and Hale have used the harshest words, with Vale recently promising to “sweep"
        " them all out of the statehouse.” They gave no details."
    )
    assert _speakers(text) == ["Vale"]


# -- whom "he" or "she" means -------------------------------------------------------------------


def test_a_given_name_inside_a_longer_run_makes_it_a_person() -> None:
    text = (
        "The other candidate, former Secretary of State Hillary Vance, drew a contrast.\n\n"
        "“I do take what the expert said seriously,” she said."
    )
    assert _speakers(text) == ["Hillary Vance"]


def test_ms_before_a_surname_is_a_she_whatever_mr_with_it_is() -> None:
    text = (
        "“Vote for unity,” Mr. Kahn said. “Vote for liberty.”\n\n"
        "“All the town felt my pain,” Ms. Kahn wrote. She continued: “Does he need to ask?”"
    )
    assert _speakers(text) == ["Mr. Kahn", "Mr. Kahn", "Ms. Kahn", "Ms. Kahn"]


def test_a_few_quoted_words_inside_the_attribution_do_not_end_it() -> None:
    text = (
        "“We have had better conventions than this one,” delegate Bill Eastwood, wearing a hat"
        " and “Vote Lee” pins, said as confetti fell."
    )
    assert _speakers(text) == ["delegate Bill Eastwood"]


def test_a_name_after_the_closing_cue_beats_a_description_before_it() -> None:
    text = (
        "That would create a “summer of pain” for the mayor, forcing her to fend off both"
        " rivals, said Bart Nolan, a pollster and consultant."
    )
    assert _speakers(text) == ["Bart Nolan"]


def test_a_quote_inside_an_opening_while_clause_is_that_clause_subjects() -> None:
    text = (
        "While Mr. Ryder, speaking for the governing wing, laid out a vision for “a reformed tax"
        " code that rewards free enterprise,” Ben Carver used his time to attack the mayor."
    )
    assert _speakers(text) == ["Mr. Ryder"]


def test_the_agent_of_was_asked_by_asks_the_question() -> None:
    text = (
        "Sayers was asked by host Bill Mahon, who backs Sayers, “Now, you said in one of the"
        " first debates that you are tired of hearing about the emails?”"
    )
    assert _speakers(text) == ["host Bill Mahon"]


def test_an_origin_between_commas_is_part_of_the_apposition() -> None:
    text = (
        "“Both of them scare me,” Harry Bonds, 30, of Raleigh, N.C., who was among those"
        " polled, said in a follow-up interview."
    )
    assert _speakers(text) == ["Harry Bonds"]


def test_a_time_phrase_between_subject_and_verb() -> None:
    text = (
        "Moss has covered the campaign all year. Parker in the past has called out Moss by name,"
        " and has referred to her as “a third-rate columnist with a grudge.”"
    )
    assert _speakers(text) == ["Parker"]


def test_a_sentence_opening_with_a_bare_participle_goes_on_with_the_last_speaker() -> None:
    text = (
        "Later in the show, Mahon stated that the report “wasn’t good.” Adding, “Now, like with"
        " all such scandals, what they actually do is never that bad.”"
    )
    assert _speakers(text)[-1] == "Mahon"


def test_he_replied_means_the_one_the_sentence_before_asked() -> None:
    text = (
        "Former Senior Adviser Thomas Blumfield spoke on the morning show.\n\n"
        "Ann Kerr, the host, pressed him. Blumfield was asked, “Would you have told her?”"
        " He answered, “I have no idea. We are old friends.”"
    )
    assert _speakers(text)[-1] == "Senior Adviser Thomas Blumfield"


def test_a_long_title_run_ending_in_a_given_name_and_surname_is_a_person() -> None:
    text = (
        "Network Senior Investigative Correspondent Cynthia Mayfield spoke to the hacker.\n\n"
        "“He had total access, he told me,” she said."
    )
    assert _speakers(text) == ["Network Senior Investigative Correspondent Cynthia Mayfield"]


def test_a_subject_that_names_no_speaker_is_no_person_for_a_pronoun() -> None:
    text = (
        "Putting the show together, Batz said, allowed him to “get in touch with himself,” too."
        " Audiences can expect him to approach the set with “a little more recklessness.”\n\n"
        "“It’s straight from the heart,” he said."
    )
    assert _speakers(text)[-1] == "Batz"


def test_a_pronoun_subject_after_but_carries_a_partial_quote() -> None:
    text = (
        "Sen. Bernie Sayers has not said whether he has a new plan. But he laid off more than"
        " 200 staffers and began talking about what will happen “if we do not win.”"
    )
    assert _speakers(text) == ["Sen. Bernie Sayers"]
    text = (  # after a semicolon the clause has a subject of its own
        "When Sherwin was at school, he studied under Wayne Barrow, the reporter; Barrow’s"
        " dictum to his interns was, “It’s not a good story if you don’t get a threat.”"
    )
    assert _speakers(text) == [None]


def test_back_in_a_year_is_a_lead_in_not_a_subject() -> None:
    text = (
        "Back in 1999, Mr. Parker expressed admiration for Mr. Lind's political skills, telling"
        " a network: “I wish I could be like that. I just can't.”"
    )
    assert _speakers(text) == ["Mr. Parker"]


def test_he_does_not_skip_a_subject_the_article_never_named_in_full() -> None:
    text = (
        "Donald Hale went with the odds and picked the home team.\n\n"
        "Cruzon openly admitted that his pick was political. “With an eye to the primary,”"
        " he said."
    )
    assert _speakers(text) == [None]


def test_a_quote_inside_an_opening_participle_phrase_is_the_main_subjects() -> None:
    text = (
        "Acknowledging that Parker “says a great many silly things,” though, Allen did suggest that"
        " the mogul’s wealth gives him an edge."
    )
    assert _speakers(text) == ["Allen"]


def test_the_owner_of_a_response_says_what_follows_the_colon() -> None:
    text = (
        "An aide emailed the secretary in December with the news. Lind’s response was: “Is that"
        " store in Ohio or Wisconsin?”"
    )
    assert _speakers(text) == ["Lind"]


def test_a_description_after_shes_is_the_same_person_not_someone_new() -> None:
    text = (
        "“It goes by age groups,” said Mattie Tomlin, 66, a retired cook who lives in Lake"
        " Town, about 25 miles south of Dover. She's a Sayers supporter but concedes that most"
        " of her peers love the Lyndons from Bill's two terms in office.\n\n"
        "“They have their minds made up,” she said."
    )
    assert _speakers(text) == ["Mattie Tomlin", "Mattie Tomlin"]


def test_a_name_in_the_question_that_opens_the_sentence_is_not_the_one_replying() -> None:
    text = (
        "“I just can’t bring myself to do that,” said the actress Susan Sarandel.\n\n"
        "Asked about her vote in the event that Hillary Lind faces Parker, she replied: “I don’t"
        " know. I’m going to see what happens.”"
    )
    assert _speakers(text)[-1] == "Susan Sarandel"


def test_a_quoted_title_closing_an_apposition_does_not_hide_the_name() -> None:
    text = (
        "As Ann Moor, professor of law at Yale and author of “The Quiet Charter,” put it,"
        " “Senators should remember that a deal today may be better for them.”"
    )
    assert _speakers(text)[-1] == "Ann Moor"


def test_straight_marks_around_a_few_words_inside_the_attribution() -> None:
    text = (
        'Given his success, his endorsements will carry "a great deal of weight" and help bring'
        ' candidates the "grass-roots firepower" they need to win, DFA spokesman Neil Sorkin said.'
    )
    assert _speakers(text)[0] == "DFA spokesman Neil Sorkin"


def test_the_subject_of_an_inverted_speech_verb_is_a_person_a_pronoun_can_mean() -> None:
    text = (
        "Debates are not likely to alter the race, noted NBC’s Dante Chinelli.\n\n"
        "“Voters have seen and heard from them over and over again,” he wrote."
    )
    assert _speakers(text) == ["Dante Chinelli"]


def test_the_subject_after_a_lead_in_wins_over_a_name_inside_the_lead_in() -> None:
    text = (
        "Like Makepeace, the former Hale University customer, Marvin Rofford does not want to"
        " tangle with Hale anymore.\n\n"
        "“I'm 76, and I don't feel like going through that again,” he said."
    )
    assert _speakers(text) == ["Marvin Rofford"]
    text = (  # a name that only reports the sentence is no subject to prefer
        "As the crowd cheered Bernie Sayers, The Post's Robert Costner reported, his wife"
        " whispered to him: “They're still with you.”"
    )
    assert _speakers(text) == ["his wife"]
