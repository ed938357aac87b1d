"""Page furniture: layout text that is not the article. Pure.

Captured pages, and text saved from them, carry the page's layout text beside the story:
labels ("Advertisement", "Supported by", "Photo", "Video", "Loading..."), jump lines ("Continue
reading the main story", "Story continues below"), share bars ("Share this: Facebook Twitter
Email"), prompts ("Sign up for our newsletter", "Subscribe"), lists of other articles ("Related:
...", "Read more: ..."), page markers ("Page 2 of 3", "Next page", "Single page"), comment
counts, photo credits ("Credit Jane Doe for The Times", "Photograph: Jane Doe/AP", "(AP
Photo/Jane Doe)") and the captions they close. A site redesign changes all of these without
touching the story, so they are dropped before versions are compared; a caption's own words
(its credit cut off) are kept apart from the body, in `Article.captions`.

The rules describe what furniture looks like: a line made only of fixed layout phrases, a short
prompt or label line, a credit, or a short paragraph that ends in a credit. A body sentence that
merely mentions a photo, a video or an advertisement is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from tracker.extract.guards import blocking_phrase
from tracker.extract.memo import per_text
from tracker.extract.typography import folded_lower, normalize_typography, plain_typography
from tracker.models import Article

# --- fixed layout phrases ------------------------------------------------------------------
# A line made only of these phrases is layout text. The "cut" phrases never open or close a
# sentence, so they are also cut where they are glued between a paragraph's sentences; media
# labels ("Photo", "Video") are cut only after a paragraph's last full stop.

_MEDIA = (
    r"(?:(?:view|see|open|enlarge|expand|launch|play|watch|listen\s+to)\s+(?:the\s+)?)?"
    r"(?:photos?|photographs?|images?|pictures?|videos?|audio|graphics?|interactive"
    r"(?:\s+(?:graphic|feature|map))?|(?:photo\s+)?galler(?:y|ies)|slide\s?shows?|multimedia"
    r"|maps?|charts?)(?:\s+\d+\s+of\s+\d+)?"
)
_CUT_PHRASES = (
    r"advertisements?|sponsored\s+(?:content|links?|stories|post)"
    r"|paid\s+(?:content|post|partner\s+content)|promoted\s+(?:content|stories)"
    r"|continue\s+reading(?:\s+(?:the\s+)?(?:main\s+)?(?:story|article|below))?"
    r"|(?:the\s+)?(?:story|article)\s+continues\s+(?:below|after(?:\s+(?:the|this))?"
    r"(?:\s+advertisement)?)(?:\s+advertisement)?"
    r"|continued\s+(?:below|on\s+(?:next\s+)?page(?:\s+\w+)?|from\s+page\s+\w+)"
    r"|skip\s+(?:advertisement|ad|to\s+(?:main\s+)?content|to\s+navigation)"
    r"|scroll\s+(?:down\s+)?to\s+continue(?:\s+(?:reading|with\s+content))?"
    r"|share\s+this\s+(?:page|article|story|post)|share\s+(?:on|via)\s+(?:facebook|twitter"
    r"|x|linkedin|whatsapp|e-?mail|reddit)|more\s+sharing\s+options|gift\s+this\s+article"
    r"|(?:hide|toggle|show)\s+caption|enlarge\s+this\s+image"
    r"|listen\s+to\s+(?:this|the)\s+(?:article|story)|\d+\s+min(?:ute)?s?\s+(?:read|listen)"
    r"|page\s+\d+\s+of\s+\d+|back\s+to\s+top"
)
_LINE_PHRASES = (
    _MEDIA + r"|supported\s+by|sponsored|advertising|promoted|loading(?:\s*\.\.\.)?"
    r"|please\s+wait|full\s?screen|copy\s+link|link\s+copied|gift\s+article"
    r"|(?:view|show|read|hide|load)\s+(?:all\s+)?(?:\d+\s+)?comments|comments\s*\(\d+\)"
    r"|\d+\s+comments?|(?:post|leave|add)\s+a\s+comment|join\s+the\s+(?:conversation|"
    r"discussion)|single[\s-]page|view\s+(?:as\s+)?(?:a\s+)?single\s+page"
    r"|(?:next|previous|prev)\s+(?:page|article|story|slide)|most\s+(?:popular|read|viewed|"
    r"shared|emailed)|you\s+(?:may|might)\s+also\s+like|related\s+(?:articles?|stories|"
    r"coverage|content|links|topics|posts|videos?)|recommended\s+(?:for\s+you|stories|reading|"
    r"articles)|more\s+(?:on|from)\s+this\s+(?:story|topic)|editor'?s'?\s+picks"
    r"|top\s+stories|trending\s+(?:now|stories)|photo\s+credit|image\s+credit"
    r"|all\s+rights\s+reserved|share(?:\s+this)?|tweet(?:\s+this)?|pin(?:\s+it)?"
    r"|e-?mail(?:\s+this)?|print(?:\s+this)?(?:\s+(?:page|article))?"
    r"|save(?:\s+(?:for\s+later|article|this\s+story))?"
    r"|facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|messenger|flipboard|telegram"
    r"|comments?|related|recommended|trending|latest|more|read\s+more|see\s+more|next"
    r"|previous|prev|close|caption|credit|ad|subscribe(?:\s+(?:now|today|here))?"
    r"|sign\s+(?:up|in)|log\s+in|register|newsletters?|watch(?:\s+(?:now|live|video))?"
    r"|listen|\d+:\d\d\s+min(?:ute)?s?|page\s+\d+|follow(?:\s+us)?|menu"
    r"|(?:view|see|show)\s+all|more\s+stories|show\s+(?:more|less)|expand|collapse"
    r"|open\s+in\s+(?:the\s+)?app|opens?\s+in\s+(?:a\s+)?new\s+(?:tab|window)"
    r"|listen\s+to\s+article"
)
_SEPARATORS = r"[\s|•·:/>»›<«‹,;()\[\]*_–—\"-]*"
_PHRASE = re.compile(rf"(?:{_CUT_PHRASES}|{_LINE_PHRASES})(?!\w)\.?\s*", re.I)
_GAP = re.compile(_SEPARATORS)
_CUT = re.compile(rf"\b(?:{_CUT_PHRASES})\b", re.I)
_EDGE = re.compile(rf"\b(?:{_CUT_PHRASES}|{_MEDIA})\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?\"')\]\u201d\u2019])\s+")
_OPENS = re.compile(r"[\"'(\u201c\u2018\d]|(?-i:[A-Z])")
_MAX_RUN = 60  # phrases in one run

# Words (lower case, single-spaced) of which every phrase `_clears` looks for and every credit
# tail (its label, or "photo" / "image" after an agency's name) holds one: a paragraph whose
# plain text holds none of them has nothing to cut and no credit tail, and most hold none.
# (Grouped by first letter: the regex engine tries the pattern at each of those letters.)
_FURNITURE_WORD = re.compile(
    "a(?:dvertisement|udio)|back to top|c(?:aption|hart|ontinue|redit)|g(?:aller|ift|raphic)"
    "|i(?:llustration|mage|nteractive)|listen|m(?:ap|ins? read|inutes? read|ultimedia)"
    "|p(?:age|aid|hoto|icture|romoted)|s(?:croll|har|kip|lide|ponsored)|video"
)

# --- date lines ----------------------------------------------------------------------------

CLOCK_WORDS = frozenset(
    "am pm et est ist jst kst hkt sgt aest aedt msk wat cat eat z edt pt pst pdt ct cst cdt "
    "gmt bst utc cet cest at on by "
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december mon tue wed thu fri sat sun monday "
    "tuesday wednesday thursday friday saturday sunday".split()
)
_STAMP_LABEL = re.compile(
    r"^\W{0,3}(?:(?:last\s+|first\s+)?(?:updated?|published|posted|modified)|date)\b"
    r"(?:\s+(?:on|at))?\s*:?\s*",
    re.I,
)
_DATE_MARK = re.compile(
    r"\d{1,2}:\d\d|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.?\s+\d|\d\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.I,
)
_STAMP_WORDS = 14
_NUMERIC = re.compile(r"\d[\d:/,-]*(?:am|pm|th|st|nd|rd|h)?")

# --- prompts and link lists ----------------------------------------------------------------

_PROMPT = re.compile(
    r"^\W{0,3}(?:"
    r"(?:sign\s+up|subscribe|register|join)\b.{0,160}?\b(?:newsletters?|alerts|briefings?|"
    r"digest|inbox|podcasts?|e-?mail\s+(?:updates|alerts|list))\b"
    r"|(?:sign\s+up|subscribe|register|join)(?:\s+(?:now|today|here|for\s+free|free))+\W*$"
    r"|subscribe\s+(?:to|for|now|today|and)\b"
    r"|(?:get|receive)\s+(?:our|the|a|free)\b.{0,80}?\b(?:newsletters?|briefings?|alerts?|"
    r"app|e-?mails?|updates)\b"
    r"|(?:follow|like)\s+(?:us|@\w+|(?-i:[A-Z])[\w'.-]*(?:\s+(?-i:[A-Z])[\w'.-]*){0,3})\s+on\s+"
    r"(?:twitter|facebook|instagram|x|linkedin|tiktok|threads|bluesky|youtube|mastodon)\b"
    r"|(?:click|tap)\s+here\b|download\s+(?:the|our)\s+(?:free\s+)?app\b"
    r"|(?:related|read\s+more|read\s+also|also\s+read|see\s+also|more|more\s+from|more\s+on|"
    r"more\s+coverage|recommended|watch|listen|related\s+coverage|related\s+article|"
    r"related\s+story|further\s+reading|previously|explore\s+more)\s*(?::|›|»|>|\|)\s*\S"
    r"|this\s+material\s+may\s+not\s+be\s+published"
    r"|this\s+(?:article|story|content)\s+is\s+more\s+than\s+\w+\s+(?:years?|months?)\s+old"
    r"|(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*\d{4}\b"
    r")",
    re.I,
)
_PROMPT_WORDS = 30

# --- credits and captions ------------------------------------------------------------------

_AGENCIES = (
    r"AP|AFP|Reuters|EPA|EPA-EFE|Getty\s+Images|Getty|Associated\s+Press"
    r"|Agence\s+France-Presse|Bloomberg|Shutterstock|Alamy|Redux|Polaris|ZUMA(?:\s+(?:Press|Wire))?"
    r"|Sipa(?:\s+USA)?|NurPhoto|Anadolu(?:\s+Agency)?|Xinhua|Kyodo|Yonhap|dpa"
    r"|PA(?:\s+(?:Wire|Media))?|Corbis|Magnum(?:\s+Photos)?|UPI|TASS|Sputnik|iStock(?:photo)?"
    r"|Wikimedia\s+Commons"
)
_CREDIT_LABEL = (
    r"(?:(?:photo(?:graph)?s?|image|picture|illustration|video|graphic|map|chart)\s*(?:credit)?"
    r"\s*(?::|by\b)|(?:photo\s+|image\s+)?credits?\b\s*:?)"
)
_AGENCY_PHOTO = rf"\(?\s*(?-i:{_AGENCIES})\s+(?:photos?|images?)\s*/"
_CREDIT_LINE = re.compile(
    rf"^\W{{0,2}}(?:{_CREDIT_LABEL}\s*\S.*|{_AGENCY_PHOTO}.*"
    rf"|(?-i:[A-Z])[\w.'’-]*(?:\s+[\w.'’-]+){{1,5}}\s*/\s*(?:(?-i:{_AGENCIES})(?!\w)|The\s+\S).*"
    rf"|(?-i:{_AGENCIES})\s*\)?|courtesy\s+(?:of\s+)?\S.*)$",
    re.I,
)
_CREDIT_WORDS = 16
_CAPTION_TAIL = re.compile(
    rf"(?<=[.!?\"')\]\u201d\u2019])\s+(?P<credit>{_CREDIT_LABEL}\s*\S.*)$"
    rf"|[(\[]\s*(?:{_AGENCY_PHOTO}[^)\]]*|(?:photo|image|credit)s?\s*:\s*[^)\]]*)[)\]]\s*$",
    re.I,
)
_CAPTION_WORDS = 80
_CREDIT_LOWER = frozenset(
    "for via of the and de da del der van von la le al el y with courtesy by photo photos "
    "photograph photographs image images staff pool file handout".split()
)


def is_furniture(line: str) -> bool:
    """Whether a whole line or paragraph is layout text: labels, jump lines, share bars,
    prompts, lists of other articles, page markers, comment counts or a credit."""
    return _is_furniture(_plain(line))


def _is_furniture(text: str) -> bool:
    return _is_layout(text) or (_word_count(text) <= _CREDIT_WORDS and _is_credit(text))


def is_layout(line: str) -> bool:
    """Whether a line is page layout (labels, jump lines, share bars, prompts, link lists,
    page markers, comment counts), credits aside: a byline "Reuters" is no layout."""
    return _is_layout(_plain(line))


def _is_layout(text: str) -> bool:
    if not text:
        return False
    ends = _run(text, _skip_gap(text, 0))
    if len(ends) > 1 and ends[-1] == len(text):
        return True
    if _is_date_line(text):
        return True
    return _word_count(text) <= _PROMPT_WORDS and bool(_PROMPT.match(text))


def is_date_line(line: str) -> bool:
    """A line that is only a date or time, labelled or not ("June 5, 2012", "Updated 9:45 p.m.
    ET, Tue March 5, 2024", "Published: 2024-03-05"): page metadata, not the story."""
    return _is_date_line(_plain(line))


def _is_date_line(text: str) -> bool:
    if _word_count(text) > _STAMP_WORDS or not _DATE_MARK.search(text):
        return False
    words = [w.strip(",;()|").replace(".", "").lower() for w in _STAMP_LABEL.sub("", text).split()]
    words = [w for w in words if w]
    return bool(words) and all(w in CLOCK_WORDS or _NUMERIC.fullmatch(w) for w in words)


def is_credit(line: str) -> bool:
    """A photo or media credit: "Credit Jane Doe for The Times", "Photograph: Jane Doe/AP",
    "(AP Photo/Jane Doe)", "Jane Doe/Getty Images"."""
    return _is_credit(_plain(line))


def _is_credit(text: str) -> bool:
    if _word_count(text) > _CREDIT_WORDS or not _CREDIT_LINE.match(text):
        return False
    return _reads_as_credit(text)


def is_caption(paragraph: str) -> bool:
    """A short paragraph that ends in a photo credit (the caption under a picture), or a
    credit alone."""
    return _is_caption(_plain(paragraph))


def _is_caption(text: str) -> bool:
    if not text or _word_count(text) > _CAPTION_WORDS:
        return False
    if _is_credit(text):
        return True
    tail = _CAPTION_TAIL.search(text) if _holds_furniture_word(text) else None
    if not tail:
        return False
    credit = tail.group("credit")  # a piece of plain text from a non-space to the end: plain
    return credit is None or (_word_count(credit) <= _CREDIT_WORDS and _is_credit(credit))


def caption_text(caption: str) -> str:
    """The words of a picture caption without its credit ("A ferry leaves the harbour.
    Photo: Jane Doe/Agency" -> "A ferry leaves the harbour."), without layout labels; "" for
    a credit alone or a label alone."""
    text = " ".join(caption.split())
    tail = _CAPTION_TAIL.search(text)
    credit = tail.group("credit") if tail else None
    if tail and (credit is None or _is_credit(_plain(credit))):
        text = text[: tail.start()].rstrip()
    pieces = _SENTENCE_END.split(text)
    while pieces and _is_credit(_plain(pieces[-1])):  # "... harbour. Jane Doe/Agency"
        pieces.pop()
    text = strip_furniture(" ".join(pieces))
    return "" if _is_credit(_plain(text)) else text


def captions_in(paragraphs: Iterable[str]) -> list[str]:
    """The captions `clean_paragraphs` takes out of `paragraphs`, as `caption_text` gives
    them, each once, in order."""
    return unique_captions(map(_caption_of, paragraphs))


def unique_captions(captions: Iterable[str]) -> list[str]:
    """The non-empty captions, each once (whitespace and typography aside), in order."""
    first: dict[str, str] = {}
    for caption in filter(None, captions):  # "" (most paragraphs') has the key dropped below
        first.setdefault(caption_key(caption), caption)
    first.pop("", None)
    return list(first.values())


def caption_key(caption: str) -> str:
    """Equal for captions that differ only in whitespace or typography."""
    return normalize_typography(caption)


@per_text()
def _caption_of(paragraph: str) -> str:
    """The caption a paragraph is, "" when it is none (or a credit alone)."""
    if _cleaned(paragraph):  # kept as body text (the check most paragraphs end with)
        return ""
    if blocking_phrase(paragraph) or not _is_caption(_plain(paragraph)):
        return ""
    return caption_text(paragraph)


def strip_furniture(paragraph: str) -> str:
    """The paragraph without layout phrases glued to its edges or between its sentences
    ("Advertisement Continue reading the main story He said ..."); "" when nothing else is
    left."""
    return _strip_furniture(paragraph, _plain(paragraph))


def _strip_furniture(paragraph: str, plain: str) -> str:
    """`strip_furniture`, given the paragraph's plain text too."""
    if _is_furniture(plain):
        return ""
    if not _holds_furniture_word(plain):  # plain text: the paragraph's words, single-spaced
        return paragraph
    cuts: list[tuple[int, int]] = []
    starts = [(_skip_gap(paragraph, 0), False)]
    starts += [(m.end(), True) for m in _SENTENCE_END.finditer(paragraph)]
    for start, after_stop in starts:
        if cuts and start < cuts[-1][1]:
            continue
        ends = _run(paragraph, start)
        if after_stop and ends[-1] == len(paragraph) and _clears(paragraph[start:], edge=True):
            cuts.append((start, len(paragraph)))  # after the last full stop: "... said. Photo"
            break
        for end in reversed(ends[1:]):  # the longest run a sentence follows
            if _OPENS.match(paragraph, end) and _clears(paragraph[start:end]):
                cuts.append((start, end))
                break
    if not cuts:
        return paragraph
    kept, last = [], 0
    for start, end in cuts:
        kept.append(paragraph[last:start])
        last = end
    kept.append(paragraph[last:])
    return " ".join(" ".join(kept).split())


def clean_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    """Body paragraphs without layout text and captions: furniture lines and captions are
    dropped, layout phrases glued to a paragraph are cut from it."""
    return [text for text in map(_cleaned, paragraphs) if text]


@per_text()
def _cleaned(paragraph: str) -> str:
    """The paragraph as `clean_paragraphs` keeps it, "" when it goes. (Kept per paragraph:
    both versions of an article hold mostly the same paragraphs, and a report cleans the
    paragraphs an extraction cleaned.)"""
    plain = _plain(paragraph)
    cleaned = "" if _is_caption(plain) else _strip_furniture(paragraph, plain)
    # A paywall or consent prompt tells the guards a page is no article: it stays for them to
    # see. (Asked only of a paragraph cleaning would change: most are kept as they are.)
    if cleaned != paragraph and blocking_phrase(paragraph):
        return paragraph
    return cleaned


def _run(text: str, start: int) -> list[int]:
    """Where a run of layout phrases from `start` could end: `start` itself, then the end of
    each phrase (with the spaces after it) that follows the one before it."""
    ends = [start]
    position = start
    while len(ends) <= _MAX_RUN:
        match = _PHRASE.match(text, position)
        if not match or match.end() == position:
            break
        ends.append(match.end())
        position = _skip_gap(text, match.end())
        if position == len(text):
            ends[-1] = position
            break
    return ends


def _skip_gap(text: str, position: int) -> int:
    """The position after any separators (spaces, bars, bullets, dashes) at `position`."""
    gap = _GAP.match(text, position)
    return gap.end() if gap else position


def _clears(run: str, edge: bool = False) -> bool:
    """Whether a run of layout phrases found inside a paragraph may be cut: it must hold a
    phrase that never opens or closes a sentence (at an edge after a full stop, a media label
    such as "Photo" is enough)."""
    return bool((_EDGE if edge else _CUT).search(run))


def _plain(text: str) -> str:
    """The text the layout rules read: plain typography, words single-spaced."""
    return " ".join(plain_typography(text).split())


@per_text()  # asked by the caption rule and then by the cut rule of each paragraph
def _holds_furniture_word(plain: str) -> bool:
    return bool(_FURNITURE_WORD.search(folded_lower(plain)))


def _word_count(plain: str) -> int:
    """`len(plain.split())` of plain text (or a piece of it from a word to its end): one space
    stands between each two words."""
    return plain.count(" ") + 1 if plain else 0


def _reads_as_credit(text: str) -> bool:
    """The words after any label are names and agencies, not a sentence."""
    body = re.sub(rf"^\W*{_CREDIT_LABEL}", "", text, flags=re.I)
    words = [w.strip("()[],;:.'\"/") for w in re.split(r"[\s/]+", body) if w.strip("()[],;:./")]
    lower = [w for w in words if w[:1].islower() and w.lower() not in _CREDIT_LOWER]
    return bool(words) and not lower


def without_furniture(article: Article) -> Article:
    """The article with layout text and captions taken out of its paragraphs (an article
    stored by an earlier extraction may still hold them): the captions join its own."""
    paragraphs = clean_paragraphs(article.paragraphs)
    if paragraphs == article.paragraphs:
        return article
    captions = unique_captions([*article.captions, *captions_in(article.paragraphs)])
    return replace(article, paragraphs=paragraphs, captions=captions)
