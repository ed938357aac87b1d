"""Which quotations are speech: scare quotes ("so-called “reforms”") and titles of works
(`CNN's “State of the Union”`) are not."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.analyze.quotes.scan import NAMED_TITLE_WORDS, Span
from tracker.analyze.quotes.speakers import Attribution, adjacent_cue
from tracker.analyze.quotes.speech_words import CUES, PARTICIPLES, SUBJECT_CUES

_COLON_CUE = re.compile(r"(?:said|says|added|asked|wrote|tweeted|told \w+)\s*[:,]?\s*$", re.I)
_SHORT = 2
_COINED = 3  # a coined term or scare quote has at most this many words
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z][\w’'-]*\s+$")
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z][\w’'-]+")
_TITLE_WORDS = 6  # a title-case quote of more words is speech, unless its context names a work
_TITLE_SMALL = frozenset(
    """a an the and or nor but of in on at to for with by from as is vs via
    de la le los las del y para por en des du""".split()
)
_WORK_BEFORE = re.compile(
    r"(?:\b(?:show|program|programme|podcast|book|memoir|novel|film|movie|documentary|series"
    r"|sitcom|episode\s+of|broadcast\s+of|interview\s+with|appearance\s+on|appeared\s+on"
    r"|column|op-ed|editorial|essay|headline|segment|song|album|play|musical|star\s+of|on|On"
    r"|titled|entitled|called|named|dubbed|headlined|classic|hit|bestseller|autobiography"
    r"|author\s+of|according\s+to|group|PAC|slogan|campaign)"
    r"|\b[A-Z]{2,}[’']s)[\s,:]*$"
)
_BY_AUTHOR = re.compile(r"\s+by\s+(?:the\s+)?(?:[A-Z][\w.&-]*\s+){0,4}?[A-Z][\w.&-]*(?:[’']s?\s|:)")


def is_speech(text: str, masked: str, span: Span, found: Attribution | None) -> bool:
    """Drop scare quotes and titles: short or title-case quotes with no cue beside them, and
    titles of works whatever is beside them."""
    words = span.words
    if _names_work(text, span):
        return False
    right = masked[span.close + 1 : span.close + 60].split("\n", 1)[0]
    left = masked[max(0, span.open - 40) : span.open].rsplit("\n", 1)[-1]
    beside = adjacent_cue(right) or _COLON_CUE.search(left) is not None
    if _nickname(text, span):
        return False
    if len(words) <= _SHORT:
        return beside and found is not None
    inner = text[span.pieces[-1][0] : span.pieces[-1][1]].rstrip()
    if beside:
        return True
    coined = len(words) <= _COINED and inner[-1:] not in ".!?,;:"
    if coined and not _speech_cue(found):
        return False  # the "law and order" candidate, "more for more": no one said it
    titled = _title_case(words)
    return not (titled and len(words) <= _TITLE_WORDS and inner[-1:] not in ".!?")


def _speech_cue(found: Attribution | None) -> bool:
    """Whether an attribution names a verb of saying (not "He ran as the ...")."""
    if found is None:
        return False
    verb = found.cue.split()[0].lower() if found.cue else ""
    return verb in CUES or verb in SUBJECT_CUES or verb in PARTICIPLES or verb in (":", "according")


def _nickname(text: str, span: Span) -> bool:
    """Dwayne “The Rock” Johnson: a quoted word or two between a given name and a surname."""
    if len(span.words) > _COINED or len(span.pieces) > 1 or not text[span.close - 1].isalnum():
        return False
    before = text[max(0, span.open - 30) : span.open]
    after = text[span.close + 1 : span.close + 30]
    return _NAME_BEFORE.search(before) is not None and _NAME_AFTER.match(after) is not None


def _names_work(text: str, span: Span) -> bool:
    """A title of a work, not speech: `on CNN's “State of the Union.”`, `the book “Backfire”`,
    `“Met sued over painting,” by Jane Roe`."""
    if len(span.words) > NAMED_TITLE_WORDS:
        return False
    if text[span.close - 1] == "," and _BY_AUTHOR.match(text, span.close + 1):
        return True
    if not _title_case(span.words):
        return False
    line = text.rfind("\n", 0, span.open) + 1
    return _WORK_BEFORE.search(text, max(line, span.open - 40), span.open) is not None


def _title_case(words: Sequence[str]) -> bool:
    """Every word capitalized but the short function words a title leaves lowercase."""
    return words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL for w in words
    )
