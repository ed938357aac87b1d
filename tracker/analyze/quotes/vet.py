"""The last check on a speaker phrase: better no name than a wrong one. A pronoun left
unresolved, a preposition or sentence adverb the grammar took for a name ("Amid", "Still"), a
caption word ("Photo Mr. Romney"), a time ("two months ago"), a bare possessive ("Iran's") or a
newspaper cited as a source of reporting ("The Times") is not a speaker."""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.analyze.people.first_names import FEMALE, MALE
from tracker.analyze.quotes.bodies import BODIES, DOCUMENTS
from tracker.analyze.quotes.roles import PERSON_ROLES
from tracker.analyze.quotes.speech_words import CUES, ROLES, STATES, STOP_CAPS, SUBJECT_CUES

_PRONOUNS = frozenset(
    """he she they it i we you him her them us me who whom which that this these those what
    one another someone somebody anyone everyone nobody""".split()
)
_LEADING_JUNK = frozenset(
    """Photo Photos Photograph Image Video Credit Caption Amid Still Yet Also However Meanwhile
    Instead Indeed Thus Then Now Later Earlier Asked Speaking Writing According Like Unlike
    Despite Among Amongst Between Beyond Besides Via Per Upon Within Back Thirteen Fourteen
    Fifteen Twenty Thirty Hundreds Thousands Dozens Millions Rather Perhaps Maybe Overall
    Finally Ultimately Nonetheless Nevertheless Otherwise Similarly Likewise Moreover
    Furthermore Additionally Again Sometimes Often Even Only Just Here There Today Tonight
    Yesterday Tomorrow Audiences""".split()
)
_TIME = re.compile(
    r"\b(?:ago|years?|months?|weeks?|days?|hours?|minutes?|yesterday|today|tonight|morning"
    r"|afternoon|evening|night|decades?|centur(?:y|ies))\b",
    re.IGNORECASE,
)
_PUBLICATION = re.compile(
    r"(?:the\s+)?(?:[A-Z][\w.&’'-]*\s+){0,3}(?:Times|Post|Journal|Herald|Tribune|Globe|Gazette"
    r"|Star-Ledger|Ledger|Guardian|Telegraph|Chronicle|Examiner|Inquirer|Observer|Courant|Dispatch"
    r"|Bulletin|Sun-Times|Daily News|Newsweek|Economist)",
    re.IGNORECASE,
)
_PAPER_VERBS = frozenset(
    "reported reports wrote writes said says editorialized noted notes added opined".split()
)
_MORE_HEADS = frozenset(
    """source insider veteran guru playwright advocate conservative liberal progressive team
    jock sign banner placard lawsuit suit opinion note piece pitch article story headline caption
    ad narrator voice-over people crowd audience""".split()
)
_HEADS = ROLES | PERSON_ROLES | BODIES | DOCUMENTS | _MORE_HEADS  # nouns of those who speak
_CUE_WORDS = CUES | SUBJECT_CUES
_AGENT = re.compile(r"(?:er|or|ist|ant|ent|ian|eon|an)s?$")
_CLAUSE_VERBS = frozenset("is was were are has have had will would could should can may".split())
_FUNCTION_WORDS = frozenset(
    """the a an of to in on at for with by from as and or but that which who what it its
    is was are were be been has have had will would can could may might must should do does
    did not no this these those their his her our my your than then so if he she they we i
    you""".split()
)
_QUANTIFIERS = frozenset("a an the few several some many most all both each other others".split())


@lru_cache(maxsize=4096)  # asked of one phrase by several rules, and in both versions
def vet(speaker: str | None, cue: str | None = None) -> str | None:
    """`speaker` cleaned of a leading non-name word, or None when it names no one. A newspaper
    is a speaker only as the subject of its own words ("the Post reported"), not in "told The
    Times" or "according to The Times"."""
    if not speaker:
        return None
    words = speaker.split()
    while len(words) > 1 and (words[0] in _LEADING_JUNK or _participle(words[0])):
        words = words[1:]
    if not words:
        return None
    if len(words) == 1 and (words[0] in _LEADING_JUNK or words[0] in STOP_CAPS):
        return None
    text = " ".join(words)
    low = text.lower()
    if low in _PRONOUNS or words[0].lower() in ("who", "which", "what", "that"):
        return None
    if all(w.lower() in _QUANTIFIERS for w in words):
        return None
    if words[-1][-2:] in ("’s", "'s") or words[-1][-1:] in "’'":
        return None
    if _TIME.search(text) and not any(w[:1].isupper() for w in words[1:]):
        return None
    if words[-1] in _FUNCTION_WORDS or len(words) == 1 and words[0].isdigit():
        return None  # "the magnitude of the", "the request was": a phrase cut short
    if text.rstrip(".") in STATES or low in ("the state", "the country", "the city"):
        return None
    if any(w in _CLAUSE_VERBS for w in words[1:]) or any(
        w[:1].isupper() and w.lower() in _CUE_WORDS for w in words[1:-1]
    ):
        return None  # "the statement was coming", "Francois Hollande Says Donald Trump"
    if words[-1][:1].islower() and not _speaks_as(words):
        return None  # "a damning reaction", "The music": things, not speakers
    if _PUBLICATION.fullmatch(text) and (cue or "").split(" ")[0] not in _PAPER_VERBS:
        return None
    return text


def _speaks_as(words: list[str]) -> bool:
    """Whether a description can speak: it names a person's role, a body or a document
    ("a spokesman for the buyer", "the lawsuit"), or ends in an agent noun ("the narrator")."""
    for word in words:
        low = word.lower().rstrip(".,’'")
        if low in _HEADS or (low.endswith("s") and low[:-1] in _HEADS):
            return True
        if word[:1].isupper() and word not in _LEADING_JUNK and low not in ("the", "a", "an"):
            return True  # "one Republican involved in the planning"
    return _AGENT.search(words[-1].lower()) is not None


def _participle(word: str) -> bool:
    """A capitalised -ing word opening a phrase ("Backing Clinton"): not part of a name."""
    return (
        len(word) > 5
        and word[1:].islower()
        and word.endswith("ing")
        and word not in MALE
        and word not in FEMALE
    )
