"""Guards against recording a broken page as a new version of an article. Pure.

A re-check can return a paywall, a consent wall, an error page or a half-rendered page instead of
the story. Recording that as an edit would report every sentence as removed, then re-added on the
next good fetch. `check_plausible` says why a new extraction looks broken. (A version returning to
an earlier one, A -> B -> A, is the store's call: `StoreWriter.decide` marks it a flip-flop.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.typography import folded_lower
from tracker.models import Article

_WORD = re.compile(r"\w+")
_SHORT_PARAGRAPH_WORDS = 40

_BLOCKING = (
    (
        "a paywall",
        r"subscribe (?:now |today )?(?:to|and) (?:continue|keep|read|unlock)"
        r"|(?:to )?continue reading,? (?:please )?(?:subscribe|log ?in|sign ?in|register)"
        r"|(?:sign|log) ?in to (?:continue|read|keep reading)"
        r"|already (?:a subscriber|have an account)"
        r"|(?:this|the) (?:article|story|content) is (?:only )?(?:available|reserved|exclusive)"
        r" (?:exclusively )?(?:to|for) (?:subscribers|members|premium)"
        r"|subscribers only"
        r"|you(?:'ve| have) (?:reached|used|read) (?:your|all (?:of )?your|\d+)"
        r" (?:free |monthly )?(?:articles?|stories|limit)"
        r"|create a free account to (?:continue|read)",
    ),
    (
        "a consent wall",
        r"we (?:and our (?:\d+ )?partners )?(?:use|store) cookies"
        r"|(?:accept|agree to|allow) (?:all )?cookies|cookie (?:settings|preferences|consent)"
        r"|before you continue|we value your privacy"
        r"|manage (?:your )?(?:privacy|consent|cookie) (?:settings|preferences|choices|options)",
    ),
    (
        "a page that needs JavaScript",
        r"(?:please )?enable javascript|javascript is (?:disabled|required|not enabled|off)"
        r"|(?:requires|need|needs) javascript|browser (?:does not|doesn't) support javascript",
    ),
    (
        "an error page",
        r"\bpage (?:was )?not found|\b404 (?:error|not found|page)|error 404"
        r"|(?:the )?page you (?:are|were|'re) looking for"
        r"|this page (?:does not|doesn't|no longer) exists?"
        r"|(?:article|story|page|content) (?:is )?no longer available"
        r"|(?:internal )?server error|service (?:temporarily )?unavailable",
    ),
    (
        "a bot check",
        r"are you a (?:robot|human)|verify (?:that )?you(?: are|'re) (?:a )?human"
        r"|checking (?:if the site connection is secure|your browser)|access denied"
        r"|unusual traffic|\bcaptcha\b|just a moment\.\.\.",
    ),
)
_BLOCKING_PATTERNS = tuple((what, re.compile(rule, re.IGNORECASE)) for what, rule in _BLOCKING)
# Words (lower case) of which each rule above needs one, whichever of its branches matches: a
# paragraph holding none of a rule's words is not searched with it, and most hold none.
_NEEDS = (
    (
        "subscribe ",
        "continue reading",
        "in to ",
        "already ",
        "article is ",
        "story is ",
        "content is ",
        "subscribers only",
        "you've ",
        "you have ",
        "create a free account to",
    ),
    ("cookie", "before you continue", "we value your privacy", "manage "),
    ("javascript",),
    (
        "not found",
        "404",
        "looking for",
        "this page ",
        "no longer available",
        "server error",
        "unavailable",
    ),
    (
        "are you a ",
        "verify ",
        "checking ",
        "access denied",
        "unusual traffic",
        "captcha",
        "just a moment...",
    ),
)
_ERROR_TITLE = re.compile(
    r"^\W*(?:error(?:\s*[45]\d\d)?(?:\s*:.*|\s+[-|]\s.*)?"
    r"|[45]\d\d(?:\s*[-:|]?\s*(?:error|not found|forbidden|unauthorized|gone|bad gateway"
    r"|(?:service|temporarily) unavailable|internal server error|gateway time-?out"
    r"|too many requests|page not found)\b.*)?"
    r"|(?:page|file|article|story|content)? ?not found\b.*|.*\bpage not found\b.*"
    r"|page unavailable|access denied.*|attention required!?.*|just a moment\.*"
    r"|are you a robot\??|security check.*"
    r"|(?:subscribe|sign in|log in)(?: to (?:continue|read).*)?|before you continue.*"
    r"|privacy (?:settings|preferences|consent).*|cookie (?:settings|consent).*"
    r"|untitled(?: document)?|home(?:page)?|too many requests|forbidden|unauthorized)\W*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class GuardPolicy:
    """Thresholds: a body of `substantial_words` or more may not shrink below `min_ratio` of
    itself, and a body under `short_words` that gains a blocking phrase is a blocking page."""

    min_ratio: float = 0.35
    substantial_words: int = 150
    short_words: int = 150
    shrunk_ratio: float = 0.8


def check_plausible(
    previous: Article | None, current: Article, policy: GuardPolicy | None = None
) -> str | None:
    """Why `current` looks like a broken page rather than an edit of `previous`, or None."""
    policy = policy or GuardPolicy()
    return (
        _error_title(previous, current)
        or _empty_body(current)
        or _shrunk(previous, current, policy)
        or _blocking_phrase(previous, current, policy)
    )


def word_count(article: Article) -> int:
    """The number of words in the article's body."""
    return sum(len(_WORD.findall(paragraph)) for paragraph in article.paragraphs)


def _error_title(previous: Article | None, current: Article) -> str | None:
    title = current.title.strip()
    if not _ERROR_TITLE.match(title):
        return None
    if previous is not None and _ERROR_TITLE.match(previous.title.strip()):
        return None
    verb = "is" if previous is None else "became"
    return f"the title {verb} the generic {title!r}"


def _empty_body(current: Article) -> str | None:
    return None if word_count(current) else "the page has no article text"


def _shrunk(previous: Article | None, current: Article, policy: GuardPolicy) -> str | None:
    if previous is None:
        return None
    before, after = word_count(previous), word_count(current)
    if before < policy.substantial_words or after >= policy.min_ratio * before:
        return None
    return f"the body shrank from {before} to {after} words (below {policy.min_ratio:.0%})"


def _blocking_phrase(previous: Article | None, current: Article, policy: GuardPolicy) -> str | None:
    words = word_count(current)
    before = word_count(previous) if previous else 0
    if words >= policy.short_words and (previous is None or words >= policy.shrunk_ratio * before):
        return None
    known = set(previous.paragraphs) if previous else set()
    for paragraph in current.paragraphs:
        if paragraph in known or len(_WORD.findall(paragraph)) > _SHORT_PARAGRAPH_WORDS:
            continue
        found = blocking_phrase(paragraph)
        if found:
            return f"the page looks like {found[0]} ({found[1]!r}), not an edit"
    return None


_ANY_NEED = re.compile("|".join(re.escape(w) for w in sorted({w for n in _NEEDS for w in n})))


def blocking_phrase(paragraph: str) -> tuple[str, str] | None:
    """(what the page looks like, the phrase) when a paragraph reads like a paywall, consent
    wall, bot check or error page, else None."""
    folded = folded_lower(paragraph)
    if not _ANY_NEED.search(folded):
        return None  # no rule's words: most paragraphs, in one search
    for (what, pattern), needs in zip(_BLOCKING_PATTERNS, _NEEDS, strict=True):
        if any(word in folded for word in needs) and (found := pattern.search(paragraph)):
            return what, found.group(0)
    return None
