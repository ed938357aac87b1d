"""Word lists for the fact ledger: what a number counts, who speaks for an institution, which
capitalised words name places and organisations. Keys are casefolded."""

from __future__ import annotations

from tracker.analyze.claims import lexicon as claims_lx
from tracker.analyze.claims.lexicon import word_table, words_of

# What a count is of, when a verb or noun says it: "20 people were killed", "the death toll
# rose to 26", "killing 26" all count deaths. Words of one class are one event; any other verb
# is its own event ("four were indicted" and "three were acquitted" count different things).
EVENTS = word_table(
    "death: killed kill kills killing dead died die dies dying deaths death toll fatalities "
    "fatality lives slain murdered perished; "
    "injury: wounded injured injuries hurt hospitalized wounding injuring; "
    "arrest: arrested detained arrests detentions jailed custody; "
    "missing: missing unaccounted; "
    "displacement: displaced homeless refugees; "
    "evacuation: evacuated evacuees evacuate; "
    "destroyed: destroyed razed flattened demolished; "
    "damaged: damaged; "
    "vote: votes vote voted ballots ballot; "
    "indicted: indicted indictment; charged: charged; convicted: convicted; "
    "acquitted: acquitted; sentenced: sentenced; accused: accused; "
    "rescued: rescued; released: released freed; "
    "jobs: jobs layoffs; infected: infected infections"
)
# Plurals without an "s" that end the noun a number counts.
PLURALS = words_of("people children men women police staff personnel cattle")
# Words around an age: "Mr. King, 47," "He was 47." "aged 47", "47-year-old".
AGE_CUES = words_of("aged age ages")
# Bare counts too vague to stand as a fact of their own ("several officers", "many people").
VAGUE = words_of(
    "several few many numerous multiple single handful some couple various most all both"
)
# A lone number word that is seldom a fact ("one of the", "the first time").
WEAK_NUMBERS = words_of("one first second half once twice")

# How sure a statement about what will happen is: a plan fixed ("set to", "scheduled to",
# "will") or only foreseen ("expected to", "likely to", "may"). A swap between the two, or a
# word of either added or cut, changes the statement's certainty: a hedge. The words of the
# `*_TO` lists count only before "to" ("a scheduled inspection" plans nothing).
CERTAIN = words_of("will definitely")
CERTAIN_TO = words_of("set scheduled due")
FORESEEN = words_of("may might could probably possibly")
FORESEEN_TO = words_of(
    "expected anticipated projected predicted forecast likely unlikely poised hoping planning "
    "intending"
)

# Who speaks for an institution: a statement by one of these is an official statement.
OFFICIAL = words_of(
    "police officials official authorities spokesman spokeswoman spokesperson ministry "
    "minister department government agency office president prime secretary governor mayor "
    "sheriff chief commander general military army court judge prosecutor prosecutors "
    "attorney coroner embassy council committee commission administration white house "
    "pentagon statement state senator lieutenant captain sergeant officer officers "
    "investigators lt capt sgt gen col det insp supt cmdr adm sen rep gov"
)

# Capitalised words that make a name an organisation ("Rialto Police Department").
ORG_WORDS = words_of(
    "department ministry party council court agency committee commission university company "
    "corporation corp inc co ltd llc association center centre army navy office bank times "
    "post news network group board institute foundation union league brotherhood congress "
    "senate parliament assembly government administration service bureau authority "
    "organization organisation fund church school college hospital club team federation "
    "coalition alliance front movement embassy police guard force forces press journal "
    "tribune herald reuters agence television radio channel studio studios records label "
    "airlines airways motors industries holdings partners capital commission cabinet "
    "campaign command corps council"
)
# Capitalised words that make a name a place ("Simi Valley", "Tahrir Square").
PLACE_WORDS = words_of(
    "city county valley square street avenue road boulevard river lake mountain mountains "
    "island islands province state region district park bay beach coast heights springs "
    "village township peninsula strait borough parish airport bridge harbor harbour port "
    "desert gulf sea ocean canyon hills neighborhood"
)
# Known places: countries, regions, U.S. states and their abbreviations, frequent datelines.
PLACES = frozenset(
    """afghanistan albania algeria angola argentina armenia australia austria azerbaijan
    bahrain bangladesh belarus belgium bolivia bosnia brazil britain bulgaria burma cambodia
    cameroon canada chad chile china colombia congo croatia cuba cyprus denmark ecuador egypt
    england eritrea estonia ethiopia europe finland france gaza georgia germany ghana greece
    guatemala haiti honduras hungary iceland india indonesia iran iraq ireland israel italy
    jamaica japan jordan kazakhstan kenya korea kosovo kuwait kyrgyzstan laos latvia lebanon
    liberia libya lithuania macedonia madagascar malaysia mali mexico moldova mongolia
    montenegro morocco mozambique myanmar nepal netherlands nicaragua niger nigeria norway oman
    pakistan palestine panama paraguay peru philippines poland portugal qatar romania russia
    rwanda scotland senegal serbia singapore slovakia slovenia somalia spain sudan sweden
    switzerland syria taiwan tajikistan tanzania thailand tunisia turkey turkmenistan uganda
    ukraine uruguay uzbekistan venezuela vietnam wales yemen zambia zimbabwe africa asia
    america americas antarctica caribbean balkans crimea kashmir tibet alabama alaska arizona
    arkansas california colorado connecticut delaware florida hawaii idaho illinois indiana
    iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
    missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah
    vermont virginia washington wisconsin wyoming ala ariz ark calif colo conn del fla ill ind
    kan kans ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis
    wyo jerusalem cairo baghdad damascus beirut tehran kabul moscow beijing london paris berlin
    athens rome madrid brussels tokyo seoul istanbul ankara riyadh tripoli aleppo homs
    alexandria singapore sydney toronto chicago boston houston dallas atlanta miami seattle
    denver detroit manhattan brooklyn queens bronx hollywood""".split()
)
# Role words that stand before or beside a name ("a captain with the police", "publicist").
ROLES = words_of(
    "president senator governor mayor minister secretary spokesman spokeswoman spokesperson "
    "captain lieutenant sergeant officer detective chief commander general colonel major "
    "director chairman chairwoman judge justice prosecutor attorney lawyer publicist "
    "professor doctor coroner sheriff ambassador representative leader founder executive "
    "adviser advisor aide analyst economist candidate premier chancellor king queen prince "
    "bishop pastor reverend rev lt capt sgt det gen col maj dr sen rep gov prof insp supt "
    "former acting deputy interim vice fiancee fiancée wife husband son daughter mother "
    "father brother sister friend neighbor neighbour"
)
# Roles of people who speak for an institution.
OFFICIAL_ROLES = words_of(
    "president senator governor mayor minister secretary spokesman spokeswoman spokesperson "
    "captain lieutenant sergeant officer detective chief commander general colonel major "
    "director chairman chairwoman judge justice prosecutor attorney coroner sheriff "
    "ambassador representative premier chancellor superintendent inspector"
)
# Abbreviated roles and their full forms, so "Capt." and "a captain" are one role.
ROLE_FORMS = {
    "lt": "lieutenant",
    "capt": "captain",
    "sgt": "sergeant",
    "det": "detective",
    "gen": "general",
    "col": "colonel",
    "maj": "major",
    "dr": "doctor",
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "prof": "professor",
    "rev": "reverend",
    "insp": "inspector",
    "supt": "superintendent",
    "fiancée": "fiancee",
    "neighbour": "neighbor",
    "advisor": "adviser",
}
# Titles that make the next name a person's.
PERSON_TITLES = words_of(
    "mr mrs ms miss dr sen rep gov lt capt sgt det gen col maj adm cmdr prof rev insp supt "
    "president senator governor mayor judge justice secretary minister chancellor pope king "
    "queen prince princess sheriff ambassador representative congressman congresswoman "
    "speaker chairman chairwoman sir lord lady"
)
# Words never part of the content of a fact: function words, pronouns, titles, speech verbs.
STOP = (
    claims_lx.FUNCTION
    | claims_lx.PERSONAL
    | claims_lx.TITLES
    | frozenset(claims_lx.CUES)
    | words_of(
        "him them me us mr mrs ms been being having said says say told tells also very much "
        "more most less than into onto upon whose whom s t nt re ve ll d m would could "
        "there's it's that's he's she's they're we're i'm did didn't wasn't weren't isn't "
        "aren't has hasn't have haven't had hadn't percent"
    )
)
# Dates: days, months, relative days, parts of a day.
DATE_WORDS = claims_lx.MONTHS | words_of("morning afternoon evening night midnight noon")
