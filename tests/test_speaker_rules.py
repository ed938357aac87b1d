"""Speaker attribution rules read from how English attributes speech: the subject of a clause
opened by "after" or "before", a woman's given name after a place and a title, a long tag
sentence that only says who spoke, organisations that speak ("it said"), and the cases where
the text leaves the speaker unclear (no name then). One case per line: text, then speakers."""

from __future__ import annotations

import pytest

from tracker import extract_quotes

LEE = "“We will not back down.” Ann Lee, the party’s deputy leader for the northern region, "
HALE = (
    "Ohio Sen. Margaret Hale asked whether he would resign, and the chief executive, Tom Brandt, "
    "said no.\n\n“This is not right,” Hale said. “You let your workers take the blame” for the "
    "losses, she said."
)

CASES = {
    "a name after 'after' is the subject of its clause": (
        "The endorsement came days after Ann Lee told a paper she was “not quite ready” to vote.",
        ["Ann Lee"],
    ),
    "the object of a plain preposition is not the subject": (
        "Critics who have in the past described the plan as “a costly mistake” stayed quiet.",
        ["Critics"],
    ),
    "a given name after a place and a title makes her a she": (
        HALE,
        ["Ohio Sen. Margaret Hale"] * 2,
    ),
    "a long tag sentence with only a speech verb": (LEE + "told reporters on Monday.", ["Ann Lee"]),
    "a long sentence that says something else is no tag": (LEE + "said it was rigged.", [None]),
    "a short quote inside the attribution clause": (
        "Mr. Lee, citing “the unique magic of the party,” said the plan could work.",
        ["Mr. Lee"],
    ),
    "'it said' after a body is that body": (
        "The Justice Department declined to comment. “We do not discuss cases,” it said.",
        ["The Justice Department"],
    ),
    "'it added' after a body spoke in the paragraph before": (
        "“The state will not change sides,” the newspaper said.\n\n“But help them,” it added.",
        ["the newspaper", "the newspaper"],
    ),
    "'it said' after a thing is unattributed": (
        "The storm reached the coast on Monday. “The claims are baseless and false,” it said.",
        [None],
    ),
    "the subject of 'is questioning' says the partial quote": (
        "Gov. Ann Lee is questioning whether the mayor would have come “if it were held here.”",
        ["Gov. Ann Lee"],
    ),
    "a passive subject is not the speaker": (
        "In an interview published on Monday, Lee was asked, “What is the worst place you saw?”",
        [None],
    ),
    "a time phrase opening the sentence is not its subject": (
        "A few days later, Ann Lee reversed herself, telling a paper the law “is settled for now.”",
        ["Ann Lee"],
    ),
    "an owner's name before a long description and a name": (
        "“It is the first time,” said Lee’s top foreign policy aide Jake Sorensen.",
        ["Lee’s top foreign policy aide Jake Sorensen"],
    ),
    "a participle after a cue clause shares its subject": (
        "Hart and Ford will meet next week, Varga said, adding, “They need to talk.”",
        ["Varga"],
    ),
    "a participle after an inverted cue clause shares its subject": (
        "The plan will pass next week, said Ann Lee, adding, “They need to sit down.”",
        ["Ann Lee"],
    ),
    "a participle after 'said to someone' is not the object's": (
        "“Enough,” Varga said to Okafor, adding, “I urge you to act.”",
        ["Varga", "Varga"],
    ),
    "'According to X' makes X the one a later 'he said' means": (
        "According to Gen. Victor Dunmore, the officers disagreed with the minister’s plans.\n\n"
        "“We’re on our fourth minister,” he said.",
        ["Gen. Victor Dunmore"],
    ),
    "a participle after a cue and when and where shares its subject": (
        "The “excesses” are shocking, Moreau said Tuesday in Paris, noting the man “makes "
        "you want to shout.”",
        ["Moreau", "Moreau"],
    ),
    "a given name ending in -ly opens the sentence as its subject": (
        "Carly Vance threw her support behind Ted Marsh, saying it is time for “a real "
        "reformer in the mayor’s office.”",
        ["Carly Vance"],
    ),
    "a capitalised word, lowercase nouns and a name are one subject": (
        "Republican presidential nominee Ann Lee, in interviews on Thursday, referred to the "
        "mayor as “the most valuable player of the year.”",
        ["Republican presidential nominee Ann Lee"],
    ),
    "a subject and its verb do not become one described name": (
        "Lee praised radio host Sean Brody as “the best host on the air today.”",
        ["Lee"],
    ),
    "a name right before a participle is its subject": (
        "A March exchange between Lee and her aide has Lee saying, “We are going to have to "
        "publish all those letters.”",
        ["Lee"],
    ),
    "a document and a day before a participle are no speaker": (
        "Lee sent a series of tweets early Friday saying that her rival had used the mayor "
        "“as a paragon of virtue.”",
        ["Lee"],
    ),
    "a tag sentence may end in a participle clause of its own": (
        "“Long live free speech!” Ann Lee, the editor in chief, wrote on Twitter, adding "
        "that the bank gave no reason.",
        ["Ann Lee"],
    ),
    "a day between the subject and its verb": (
        "President Ann Lee on Tuesday accused her rival of praise to a degree that is "
        "“unprecedented in our politics.”",
        ["President Ann Lee"],
    ),
    "a subject and one verb before a colon": (
        "Ann Lee shrugged: “We will see what happens next week.”",
        ["Ann Lee"],
    ),
    "a day or 'himself' between a name and its cue": (
        "Pryor later Thursday told a reporter: “Both of them are meeting next week.” Cross "
        "himself said that “the only way to win is to go and ask, one on one.”",
        ["Pryor", "Cross"],
    ),
    "a day after a verb is not skipped to find a subject": (
        "The order released Friday said the school “was a fraud from the very start.”",
        ["The order released Friday"],
    ),
    "a pronoun paragraphs after the last speaker, no one else named between": (
        "Jane Moore spoke to the crowd. “We will not stop,” Moore said.\n\n"
        "The crowd cheered for a long time.\n\nThe band played on.\n\n"
        "“We will win in the end,” she said.",
        ["Jane Moore", "Jane Moore"],
    ),
    "a pronoun after someone else is named is left unattributed": (
        "Jane Moore spoke to the crowd. “We will not stop,” Moore said.\n\n"
        "The crowd cheered for Ann Price.\n\nThe band played on.\n\n"
        "“We will win in the end,” she said.",
        ["Jane Moore", None],
    ),
    "a city before its state is no speaker": (
        "After the video, a student group at Harbor College in Lynchburg, Va., derided him "
        "as a man “who proudly speaks nonsense.”",
        [None],
    ),
    "a person before a city and its state is the speaker": (
        "“It is closer than it looks,” said Celia Varner, 67, a retired clerk in Allentown, "
        "Pa., who voted for him.",
        ["Celia Varner"],
    ),
    "'one said' and 'said another' are someone else, unnamed": (
        "“I abstain,” McAllen said. “I am voting for him,” one said. “I feel good,” said another.",
        ["McAllen", None, None],
    ),
    "a title-case headline with a quoted phrase names no one": (
        "City Lawmakers Rip Lee As A ‘Shameless Fraud.’\n\n“We will see,” Lee said.",
        ["Lee"],
    ),
    "'That was how X described it' in the next paragraph names the speaker": (
        "“You should have crossed a goat with a kite and got a dragon.”\n\n"
        "That was how Paul Danner, the chief executive, once described the merger.",
        ["Paul Danner"],
    ),
    "a sentence after a quote's paragraph is no tag unless it says so": (
        "“You should have crossed a goat with a kite and got a dragon.”\n\n"
        "Paul Danner, the chief executive, once described the merger in other words.",
        [None],
    ),
    "the name in apposition after an inverted description is the speaker": (
        "“She is a policy reader,” said Lee’s communications director, Nora Kessler, adding "
        "that things might have gone differently. “Normally,” she said, “you have two choices.”",
        ["Nora Kessler"] * 3,
    ),
    "an inverted description with no name after it stays a description": (
        "“It is over,” said a spokesman for the campaign, who asked not to be named.",
        ["a spokesman for the campaign"],
    ),
    "the owner in a speaker phrase is not the one who spoke": (
        "“You should go run a bakery,” Ann Lee’s son told a radio show in 2013.\n"
        "“You can’t be signing treaties,” he said.",
        ["Ann Lee’s son", "Ann Lee’s son"],
    ),
    "the name after 'thanked' is its object, never the speaker": (
        "Kerry Ames, star of the show, thanked Ann Lee for “taking these steps to keep us safe.”",
        ["Kerry Ames"],
    ),
    "a name after 'added' or 'asked' and a comma is the speaker": (
        "“We will chip away at the lead,” added his campaign manager Jon Wexler. “Why not?” "
        "asked Dunn, now a partner at a firm.",
        ["Jon Wexler", "Dunn"],
    ),
    "a name inside 'of the ... Studies' does not compete for a later 'he'": (
        "“It is a stretch,” Victor Lomax of the Center for Coastal Studies wrote.\n\n"
        "But, he noted, “it is a mistake to rule it out.”",
        ["Victor Lomax", "Victor Lomax"],
    ),
    "a 'he' that fits no one named is never an institute's field": (
        "“It is a stretch,” Rita Lomax of the Center for Coastal Studies wrote.\n\n"
        "But, he noted, “it is a mistake to rule it out.”",
        ["Rita Lomax", None],
    ),
    "a town alone in a chain of appositions is not the subject": (
        "Colin Marsh, who lives outside the state capital, Sacramento, said the party "
        "“has to listen to us now.”",
        ["Colin Marsh"],
    ),
    "a surname that is also a speech verb ends a name": (
        "“We will grow,” said Norvex chief executive Paul Read.",
        ["Norvex chief executive Paul Read"],
    ),
    "'chiding him' is a participle of speech": (
        "Ann Lee famously clashed with Ron Vance during the hearing, chiding him, “What "
        "good does it do at this point?”",
        ["Ann Lee"],
    ),
    "a short sentence ending in a verb of manner hands over the next quote": (
        "Ann Lee paused. “We will see what comes of it next week.”",
        ["Ann Lee"],
    ),
    "a short sentence ending in any other verb does not": (
        "Ann Lee won. “It was a great night for the party and for the state.”",
        [None],
    ),
    "a cue whose subject names no one gives way to an earlier cue": (
        "Rev. Alan Merrow said the town lost a voice that said “patience in hard times is the "
        "greatest strength.”",
        ["Rev. Alan Merrow"],
    ),
    "an owner's name and the person it owns are one subject": (
        "In response, Ann Lee’s right-hand woman rallied supporters, saying: “We have to be "
        "ready.”",
        ["Ann Lee’s right-hand woman"],
    ),
    "an owner's name and a thing it owns are no speaker": (
        "Mr. Lee’s temperament came under scrutiny, with critics citing “his many outbursts "
        "this year.”",
        [None],
    ),
}


@pytest.mark.parametrize(("text", "speakers"), list(CASES.values()), ids=list(CASES))
def test_speakers(text: str, speakers: list[str | None]) -> None:
    assert [q.speaker for q in extract_quotes(text)] == speakers
