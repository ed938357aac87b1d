"""Fast paths give the answers of the plain code they stand in for."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.analyze.claims.text import Token, hunks, similarity, tokenise
from tracker.analyze.facts.compare import _held, _most
from tracker.analyze.facts.ledger import Version
from tracker.analyze.facts.sentence import SentenceFacts
from tracker.analyze.facts.sources import Source
from tracker.analyze.quotes.bodies import named_body
from tracker.analyze.quotes.ledger import quote_ledger
from tracker.extract import guards, typography
from tracker.extract.memo import PER_TEXT_CHARS, per_text
from tracker.extract.typography import TYPOGRAPHY, normalize_typography, plain_typography
from tracker.models import QuoteLedger
from tracker.segment import split_sentences

TYPOGRAPHIC = "".join(chr(c) for c in TYPOGRAPHY)
SETTINGS = settings(max_examples=300, deadline=None)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(f"{TYPOGRAPHIC}ab '\"-.é\u2603")))
def test_plain_typography_is_the_table(text: str) -> None:
    assert plain_typography(text) == text.translate(TYPOGRAPHY)


def test_fold_holds_every_letter_ignorecase_takes_for_ascii() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    beyond = {c for c in range(128, 0x110000) if letter.fullmatch(chr(c))}
    assert beyond == set(typography._IGNORECASE_ASCII)


def _searched(paragraph: str) -> tuple[str, str] | None:
    """What blocking_phrase answered before it looked for each rule's words first."""
    for what, pattern in guards._BLOCKING_PATTERNS:
        if found := pattern.search(paragraph):
            return what, found.group(0)
    return None


PHRASES = [
    "Subscribe now to continue reading.",
    "To continue reading, please log in",
    "SignIn to keep reading",
    "Already a subscriber? Sign in",
    "This story is available exclusively to subscribers",
    "Subscribers only",
    "You've reached your free article limit",
    "Create a free account to read",
    "We and our 800 partners use cookies",
    "Accept all cookies",
    "Before you continue to Google",
    "We value your privacy",
    "Manage your consent preferences",
    "Please enable JavaScript",
    "Your browser doesn't support JavaScript",
    "Page not found",
    "404 error",
    "Error 404",
    "The page you are looking for",
    "This page no longer exists",
    "Content is no longer available",
    "Internal Server Error",
    "Service temporarily unavailable",
    "Are you a robot?",
    "Verify you're a human",
    "Checking your browser before accessing",
    "Access denied",
    "Unusual traffic from your network",
    "Solve this CAPTCHA",
    "Just a moment...",
    "\u0130n to continue: S\u0131gn \u0130n to read; \u017fubscribers only; \u212aeep",
    "The mayor said she had already voted, and the council is looking for a new clerk.",
]


def test_blocking_phrase_finds_what_every_rule_finds() -> None:
    for phrase in PHRASES:
        for text in (phrase, phrase.upper(), f"He said: {phrase.lower()} and left."):
            assert guards.blocking_phrase(text) == _searched(text), text


WORDS = [w for phrase in PHRASES for w in phrase.split()] + ["\u0130", "\u017f", "x"]


@SETTINGS
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
def test_blocking_phrase_on_word_salad(text: str) -> None:
    assert guards.blocking_phrase(text) == _searched(text)


def _difflib_hunks(old: list[str], new: list[str]) -> list[tuple[int, int, int, int]]:
    matcher = SequenceMatcher(None, old, new, False)
    return [(i1, i2, j1, j2) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def _tokens(words: list[str]) -> list[Token]:
    return [Token(w, w, 0, 0, False, False) for w in words]


@SETTINGS
@given(
    st.lists(st.sampled_from("a b c the said 3".split()), max_size=30),
    st.lists(st.sampled_from("a b c the said 4".split()), max_size=30),
)
def test_word_diff_is_difflibs(old: list[str], new: list[str]) -> None:
    assert hunks(_tokens(old), _tokens(new)) == _difflib_hunks(old, new)
    expected = SequenceMatcher(None, old, new, False).ratio() if old or new else 1.0
    assert similarity(_tokens(old), _tokens(new)) == expected


def test_word_diff_of_a_huge_repetitive_sentence_is_its_changed_word() -> None:
    old = "a b c".split() * 4000
    new = [*old[:6000], "7", *old[6001:]]
    assert hunks(_tokens(old), _tokens(new)) == [(6000, 6001, 6000, 6001)]
    assert similarity(_tokens(old), _tokens(new)) == 2 * 11999 / 24000
    assert hunks(_tokens(old), _tokens(old + ["x"])) == [(12000, 12000, 12000, 12001)]


def test_tokenise_hands_out_its_own_list() -> None:
    first, _ = tokenise("The council voted 7-2 on Tuesday.")
    first.clear()
    assert [t.text for t in tokenise("The council voted 7-2 on Tuesday.")[0]][:2] == [
        "The",
        "council",
    ]


def _normalized(s: str) -> str:
    """normalize_typography as regular expressions said it."""
    s = unicodedata.normalize("NFKC", s).translate(TYPOGRAPHY)
    s = re.sub(r"-{2,}", "-", s)
    s = re.sub(r"\s+(?=[^\w\s])|(?<=[^\w\s])\s+", "", s)
    return re.sub(r"\s+", " ", s).strip()


@SETTINGS
@given(st.text(alphabet=st.sampled_from(f"{TYPOGRAPHIC}ab_1 \t\n\u3000\u00a0-.,'\"(é\uff21")))
def test_normalize_typography_is_the_patterns(text: str) -> None:
    assert normalize_typography(text) == _normalized(text)


def test_the_same_paragraphs_hold_no_quote_change() -> None:
    paragraphs = ['"We will win," said Ann Lee.', 'Bo Chen said: "Not this year."']
    sentences = [s for p in paragraphs for s in split_sentences(p)]
    assert quote_ledger(paragraphs, list(paragraphs), sentences, sentences) == QuoteLedger()
    moved = quote_ledger(paragraphs, paragraphs[::-1], sentences, sentences[::-1])
    assert moved == QuoteLedger()  # the same quotes elsewhere: no change either


def test_the_same_sentences_in_other_paragraphs_hold_no_quote_change() -> None:
    old = ["Bo Chen spoke first. Ann Lee spoke next.", '"We will win," she said.']
    new = ["Bo Chen spoke first.", 'Ann Lee spoke next. "We will win," she said.']
    sentences = [s for p in old for s in split_sentences(p)]
    assert sentences == [s for p in new for s in split_sentences(p)]
    assert quote_ledger(old, new, sentences, sentences) == QuoteLedger()


def test_per_text_keeps_short_texts_only() -> None:
    calls: list[str] = []

    @per_text(maxsize=8)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    long = "x" * (PER_TEXT_CHARS + 1)
    assert [shout("a"), shout("a"), shout(long), shout(long)] == ["A", "A", *[long.upper()] * 2]
    assert calls == ["a", long, long]
    shout.cache_clear()
    shout("a")
    assert calls == ["a", long, long, "a"]


def _named_body_by_scan(masked: str, noun: str, position: int) -> str | None:
    """named_body as a scan of the text before `position` for every call."""
    cap = noun[:1].upper() + noun[1:]
    pattern = re.compile(
        rf"(?:[A-Z][\w.’'&-]*\s+)*{re.escape(cap)}\b(?:\s+(?:of|for|on)\s+(?:the\s+)?"
        rf"(?:[A-Z][\w.’'&-]*(?:\s+|$))+)?"
    )
    found = {m.group().strip() for m in pattern.finditer(masked, 0, position)}
    found = {f for f in found if f != cap and not f.startswith(("The ", "A "))}
    return found.pop() if len(found) == 1 else None


_BODY_WORDS = ["Ministry", "of", "Water.", "Roads", "the", "ministry", "The", "A", "Board", "."]


@SETTINGS
@given(st.lists(st.sampled_from(_BODY_WORDS), max_size=30), st.integers(0, 400))
def test_named_body_is_the_scan_before_the_quote(words: list[str], at: int) -> None:
    masked = " ".join(words) + " “We will see,” the ministry said."
    position = min(at, masked.index("“"))  # a quotation's speaker is found before it
    assert named_body(masked, "ministry", position) == _named_body_by_scan(
        masked, "ministry", position
    )


def test_named_body_of_two_bodies_is_none_and_of_one_is_it() -> None:
    one = "The Ministry of Water met. Later the Ministry of Water spoke. "
    two = one + "Officials at the Ministry of Roads disagreed. "
    assert named_body(one, "ministry", len(one)) == "Ministry of Water"
    assert named_body(two, "ministry", len(one)) == "Ministry of Water"  # the second comes later
    assert named_body(two, "ministry", len(two)) is None


def _best_by_scan(keys: frozenset[str], version: Version, w: dict[str, float]) -> tuple[int, float]:
    found = _held(keys, version, w)
    return max(found.items(), key=lambda x: (x[1], -x[0]), default=(-1, 0.0))


@SETTINGS
@given(
    st.lists(st.sets(st.sampled_from("abcdefgh"), max_size=5), min_size=1, max_size=40),
    st.sets(st.sampled_from("abcdefghij"), min_size=1, max_size=6),
)
def test_most_is_the_best_of_every_sentence(sentences: list[set[str]], clause: set[str]) -> None:
    version = Version([
        SentenceFacts(i, "", (), (), frozenset(keys), Source("", False, False), 0)
        for i, keys in enumerate(sentences)
    ])  # fmt: skip
    df = {k: sum(k in s for s in sentences) for k in "abcdefghij"}
    w = {k: 1.0 / (1.0 + n) for k, n in df.items()}
    keys = frozenset(clause)
    assert _most(keys, version, w) == _best_by_scan(keys, version, w)
