"""Word lists for the attribution grammar in `speakers`: cue verbs, role nouns, titles, pronouns."""

from __future__ import annotations

CUES = frozenset(
    """said says say told tells tell added adds asked asks wrote writes tweeted tweets posted
    stated states explained explains noted notes argued argues insisted insists continued continues
    recalled recalls warned warns claimed claims declared declares acknowledged acknowledges
    admitted admits replied replies responded responds answered answers remarked observed
    suggested suggests predicted cautioned conceded concedes countered counters quipped joked
    shouted yelled announced announces testified emphasized stressed concluded complained
    lamented boasted vowed vows promised urged charged maintained reiterated assured confirmed
    exclaimed mused recounted pointed described describes called calls pressed reacted remembered
    wondered demurred commented emailed texted retorted interjected snapped scoffed asserted
    contended opined elaborated repeated reflected speculated hinted explained agreed disagreed
    agrees disagrees
    read reads recalled reasoned chimed offered observed reported reports proclaimed proclaims
    riffed barked bristled sniped thundered whispered marveled pleaded cracked teased gushed
    raved lectured admits confirms denies denied argues warns insists recalls responds replies
    declares counters concedes acknowledges suggests cautions complains laments boasts
    maintains reiterates assures explains notes added confided confides pronounced
    pronounces advises advised recommends""".split()
)
SUBJECT_CUES = frozenset(
    """praised praises blamed blames thanked thanks criticized criticizes accused accuses
    denounced denounces decried decries slammed slams ripped rips attacked attacks mocked mocks
    dismissed dismisses defended defends touted touts pondered ponders predicted predicts
    lauded hailed welcomed welcomes condemned condemns derided derides rejected rejects
    vowed promised pledged pledges endorsed endorses urged urges implored warned questioned
    questions described describes characterized labeled labelled labeling labels dubbed branded
    cited cites
    likened compared compares recalled recalls quoted quotes offered admitted added""".split()
)
PARTICIPLES = frozenset(
    """saying adding telling writing noting arguing insisting explaining warning calling asking
    declaring tweeting stating claiming describing citing calling praising blaming
    accusing warning urging promising vowing reporting proclaiming chiding joking quipping
    recalling suggesting acknowledging admitting asserting complaining boasting conceding
    countering replying responding answering predicting""".split()
)
BACK_VERBS = frozenset("shot fired hit pushed struck snapped".split())
TAG_VERBS = frozenset("went goes shot fired hit began begins quips jokes rants sang sings".split())
NOT_AFTER_CALLED = frozenset("for on off in up out back into".split())
ADVERBS = frozenset(
    """also later previously then again recently once has have had would will further simply
    just repeatedly often reportedly publicly privately earlier first quickly flatly bluntly
    separately frequently has since already only still even never however meanwhile though
    too instead""".split()
)
AUXILIARIES = frozenset(
    "is was are were has have had will would can could may might must should did does do".split()
)
COPULAS = frozenset("is was are were be been being".split())
IRREGULAR = frozenset(
    """went gave made took came wrote spoke told got put sent began brought thought felt kept
    left met ran saw sat stood won lost led read paid held knew found gets goes laid""".split()
)
NOT_VERBS = frozenset(
    """of in on at for with from by to as and or but the a an this that these those his her
    their its is' news always""".split()
)
DETERMINERS = frozenset(
    """a an the one two three four five six seven eight nine ten several some many other another
    both all most multiple few his her their its""".split()
)
CONNECTORS = frozenset(
    "of the for and de del della da di van von der den la le du bin al el".split()
)
ROLES = frozenset(
    """official officials spokesman spokeswoman spokespeople spokesperson source sources aide
    aides adviser advisers advisor advisors person people lawyer lawyers attorney attorneys
    representative representatives chairman chairwoman chair director leader leaders president
    senator senators governor officer officers member members minister analyst analysts expert
    experts professor economist economists strategist strategists pollster executive founder
    chief head staffer staffers commissioner mayor judge counsel candidate nominee voter voters
    resident residents witness witnesses police authorities prosecutors investigators secretary
    manager campaign statement report memo letter release complaint filing poll study survey
    administration department agency ministry company firm group organization committee office
    government spokesmen critics supporters observers insiders diplomat diplomats researcher
    researchers scientist scientists doctor doctors teacher student students worker workers
    father mother son daughter wife husband friend friends reporters reporter journalists
    lawmakers crowd audience viewers listeners colleagues host hosts interviewer
    businessman businesswoman mogul activist activists commenter user users prince princess
    king queen pope pontiff newspaper paper outlet outlets network magazine website ad ads
    editorial column blog author writer historian professor lawmaker congressman congresswoman
    chairwoman host anchor moderator spokesperson nominee candidates founder""".split()
)
MODIFIERS = frozenset(
    """former senior top acting deputy longtime administration department state federal press
    communications national security government intelligence military campaign then-candidate
    close familiar with matter local police justice defense white house chief executive
    republican democratic political foreign legal general vice assistant associate other high
    ranking high-ranking u.s. american russian european""".split()
)
LEAD_WORDS = frozenset(
    "And But Or So Yet Also Meanwhile However Still Then Now Instead Indeed Thus Back , —".split()
)
STOP_CAPS = frozenset(
    """But And Or So Yet Also Meanwhile However Still Later Earlier Then Now In On At For As When
    While After Before Asked Speaking Last This That These Those Thus Instead Indeed Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Today Yesterday Tonight If Although Though Because
    Since Until Even Just Only What Why How Where Who It We I You Our My Your Their His Her Its
    There Here Some Many Most Both Each Every No Not Yes Well Oh Like With Without From By To Of
    Under Over During Despite Through""".split()
)
TITLES = frozenset(
    """Sen Sens Rep Reps Del Msgr Fr Gov Govs Lt Gen Col Maj Capt Sgt Dr Mr Mrs Ms Prof Rev St
    Sec Adm Cmdr Atty Pres Supt Det Jr Sr Brig Cpl Pvt Hon Amb Mt Ft""".split()
)
PRONOUNS = frozenset(("he", "she", "they", "it"))
RELATIVES = frozenset(("who", "which", "that"))
CLAUSE_WORDS = frozenset("and or but then later also when while as if because so".split())
SUFFIXES = frozenset(("Jr", "Sr", "II", "III", "IV"))

# Places a speaker phrase may stop at by mistake ("of Columbia, South Carolina").
STATES = frozenset(
    """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
    Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts
    Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon
    Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming America
    Europe Asia Africa Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich
    Minn Miss Mo Mont Neb Nev N.H N.J N.M N.Y N.C N.D Okla Ore Pa R.I S.C S.D Tenn Tex Va Vt
    Wash Wis Wyo D.C""".split()
) | frozenset(
    (
        "New Hampshire",
        "New Jersey",
        "New Mexico",
        "New York",
        "North Carolina",
        "North Dakota",
        "Rhode Island",
        "South Carolina",
        "South Dakota",
        "West Virginia",
        "United States",
    )
)
