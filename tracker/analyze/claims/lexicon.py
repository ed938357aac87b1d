"""Word lists for claim detection: numbers, qualifiers, units, negations, hedges, attribution
cues, titles and function words. Each name maps to a frozenset of casefolded keys, or to a
dict from a word form to its lemma."""

from __future__ import annotations

# The typography table lives in tracker.typography; re-exported for callers that read it here.
from tracker.extract.typography import TYPOGRAPHY as TYPOGRAPHY


def words_of(text: str) -> frozenset[str]:
    return frozenset(text.split())


def word_table(text: str) -> dict[str, str]:
    """'name: word word; name: word' -> {word: name}: a lemma for its forms, a class for its
    members."""
    out: dict[str, str] = {}
    for group in text.split(";"):
        lemma, forms = group.split(":")
        out.update(dict.fromkeys(forms.split(), lemma.strip()))
    return out


UNITS = dict(
    zip(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
        "eighty ninety dozen twice half".split(),
        [*range(21), 30, 40, 50, 60, 70, 80, 90, 12, 2, 0.5],
        strict=True,
    )
)
ORDINALS = dict(
    zip(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "twentieth hundredth".split(),
        [*range(1, 13), 20, 100],
        strict=True,
    )
)
MODIFIERS = word_table(
    "about: about around roughly approximately some estimated; nearly: nearly almost; "
    "over: over than; under: under; only: only exactly just; least: least; up: up"
)
SCALES = words_of("hundred thousand million billion trillion percent % m bn")
VAGUE = words_of(
    "dozens hundreds thousands millions billions several few handful numerous scores tens "
    "multiple many single thrice"
)
# vague counts that say the same: "many" -> "numerous" is wording, "few" -> "many" a change
VAGUE_SAME = word_table(
    "many: many numerous countless; several: several multiple; few: few handful"
)
MONTHS = words_of(
    "january february march april june july august september october november december jan "
    "feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday yesterday today tomorrow tonight weekend"
)
NEGATIONS = words_of(
    "not n't never no none nobody nothing neither nor cannot deny denies denied denying "
    "without nowhere"
)
HEDGES = word_table(
    "allegedly: allegedly alleged; reportedly: reportedly; may: may; might: might; "
    "could: could; possibly: possibly possible; apparently: apparently apparent; "
    "likely: likely probably; unlikely: unlikely; perhaps: perhaps maybe; "
    "seem: appear appears appeared appearing seem seems seemed seeming; "
    "purportedly: purportedly; suspected: suspected; presumably: presumably; "
    "supposedly: supposedly; unconfirmed: unconfirmed unverified; "
    # how often or how surely (hedges and boosters): "always" -> "often" weakens a claim
    "usually: usually generally typically normally; often: often frequently; "
    "sometimes: sometimes occasionally; largely: largely mostly; partly: partly partially; "
    "always: always invariably; certainly: certainly definitely surely undoubtedly"
)
CUES = word_table(
    "say: said says say saying; tell: told tells tell telling; deny: denied denies deny "
    "denying; claim: claimed claims claim; acknowledge: acknowledged acknowledges "
    "acknowledging; admit: admitted admits; confirm: confirmed confirms; state: stated "
    "states; insist: insisted insists; allege: alleged alleges; assert: asserted asserts; "
    "argue: argued argues; contend: contended contends; announce: announced announces; "
    "report: reported reports; write: wrote writes; testify: testified testifies; "
    "concede: conceded concedes; suggest: suggested suggests; warn: warned warns; "
    "dispute: disputed disputes; reject: rejected; according: according; "
    "explain: explained explains; stress: stressed; maintain: maintained; note: noted; "
    "estimate: estimated; declare: declared; reveal: revealed; add: added"
)
# speech verbs that report without taking a side: one for another is wording ("said" -> "stated")
NEUTRAL_CUES = words_of("say tell state add note explain write report")
WEAK_CUES = words_of("note add maintain estimate report allege claim reveal")
TITLES = words_of(
    "mr mrs ms miss dr sen senator rep representative gov governor gen general president "
    "secretary minister prime chief judge justice lt col sgt capt prof professor rev vice "
    "king queen prince princess pope mayor director chairman chairwoman speaker attorney "
    "officer adm maj cpl pvt st sir lord lady former the de van von of jr sr"
)
FUNCTION = words_of(
    "a an the he she it they we i you his her its their our my your this that these those "
    "there here in on at for from with by of to under over after before when while if "
    "although though despite during since as but and or so yet still also however meanwhile "
    "earlier later last next some many most all both each several other another such no not "
    "only even just according asked what who why how where which instead then now until "
    "because among amid about more less one two three four five six seven eight nine ten "
    "speaking following once like unlike without within through again yes well be do does "
    "did is are was were has have had will would can could may might should must let please"
)
COMMON_STARTS = FUNCTION | words_of(
    "officials police authorities people critics experts analysts witnesses residents "
    "investigators sources democrats republicans voters supporters protesters students "
    "women men children workers lawmakers prosecutors officers troops soldiers doctors "
    "scientists researchers leaders members it's that's there's he's she's we're they're "
    "i'm let's"
)
PRONOUNS = words_of(
    "he she they we i it officials police spokesman spokeswoman spokesperson authorities "
    "sources statement"
)
PERSONAL = words_of("he she his her him they them their it its i we")
NOT_NAMES = (UNITS, ORDINALS, NEGATIONS, HEDGES, VAGUE, SCALES)

# Qualifiers a number phrase may open with, longest first ("more than 55", "at least 25").
QUALIFIERS: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): lemma
    for lemma, phrases in (
        ("over", "more than|greater than|higher than|longer than|larger than|upwards of|over"),
        ("under", "less than|fewer than|lower than|shorter than|smaller than|under|below"),
        ("about", "about|around|roughly|approximately|some|an estimated|estimated"),
        ("nearly", "nearly|almost|close to"),
        ("least", "at least|no fewer than|no less than"),
        ("most", "at most|up to|no more than|as many as|as much as"),
        ("only", "only|just|exactly|precisely"),
    )
    for phrase in phrases.split("|")
}

# Units a number phrase may end with ("50 miles", "three decades", "84-year-old").
MEASURES = words_of(
    "percent percentage point points mile miles kilometer kilometers kilometre kilometres km "
    "meter meters metre metres foot feet inch inches yard yards acre acres pound pounds ton "
    "tons tonnes kilogram kilograms kg gram grams ounce ounces gallon gallons liter liters "
    "litre litres barrel barrels degree degrees year years decade decades century centuries "
    "month months week weeks day days hour hours minute minutes second seconds yearold "
    "dollar dollars euro euros cent cents a.m p.m mph"
)
# Parts of a date or time that follow a number ("3, 1991", "5:25 a.m.").
CLOCK = words_of("a.m p.m am pm gmt utc bst edt est pdt pst cdt cst")
WEAK_NEGATIONS = words_of("without")
# Lowercase words that may join the words of a name ("City of Los Angeles").
NAME_JOINERS = words_of("of de del della da di du la le van von bin al")
DEMONYM_ENDINGS = ("an", "ian", "ese", "ish", "ic", "i")
