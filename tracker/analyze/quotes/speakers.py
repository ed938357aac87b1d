"""Who said it: the news attribution grammar around a quotation. Pure, rule based.

Works on one sentence's text outside its quotations ("the frame"): the words before a quote
(`Sen. Rob Portman, R-Ohio, said: “`) and after it (`,” Cummings said in a statement.`). A speaker
is a noun phrase next to a cue verb: "X said", "said X", "X, a Maryland Democrat, told Y",
"according to X", "..., saying" (the sentence's subject). Names are resolved later by `NameBook`.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.analyze.quotes.cues import cue_phrase, is_cue
from tracker.analyze.quotes.phrases import (
    described_name_after,
    name_phrase_before,
    np_after,
    np_before,
)
from tracker.analyze.quotes.speech_words import (
    ADVERBS,
    AUXILIARIES,
    CONNECTORS,
    COPULAS,
    CUES,
    PARTICIPLES,
    SUBJECT_CUES,
    TAG_VERBS,
)
from tracker.analyze.quotes.subjects import (
    inverted_subject,
    sentence_subject,
    subject_of,
    verb_like,
)
from tracker.analyze.quotes.tokens import Tok, frame_tokens, iter_tokens, tokenize
from tracker.analyze.quotes.vet import vet

__all__ = [
    "Attribution",
    "adjacent_cue",
    "attribute_after",
    "attribute_before",
    "attribute_subject",
    "attribute_tag",
    "bare_speech_clause",
    "names_someone",
    "tokenize",
]


_TO_SOMEONE = frozenset("told tells tell asked asks thanked urged pressed".split())
_DAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
_TIMES = _DAYS | frozenset(
    """January February March April May June July August September October November December
    Today Yesterday""".split()
)
_TIME_NOUNS = frozenset("past time week weeks month months year years moment".split())
_CUE_PLACES = frozenset(
    """in on at during a an the his her their its statement interview speech rally briefing
    conference call later earlier today yesterday morning afternoon evening night""".split()
)
_PRONOUNS = frozenset("he she it they we i you".split())
_TAKES_OBJECT = frozenset(  # `thanked Obama`, `called Lee a liar`: the name after is the object
    """thanked thanks praised praises blamed blames criticized criticizes accused accuses
    denounced denounces decried decries slammed slams ripped rips attacked attacks mocked mocks
    defended defends lauded hailed welcomed welcomes condemned condemns derided derides
    endorsed endorses implored labeled labelled dubbed branded likened compared quoted told
    tells called calls described describes pressed""".split()
)
# Irregular past participles after "has" / "have" / "had": `Lee has gone after Hale as`.
_PARTICIPLES = frozenset("gone made taken given written spoken told said put sent brought".split())
_REPLY_NOUNS = frozenset("response reply answer retort message verdict advice".split())
_INNER_QUOTE = 30  # characters a quoted name or slogan inside an attribution holds
_COMPLEMENT = frozenset("that whether if how why what who when where".split())
_NEW_CLAUSE = frozenset(
    "but and or while whereas though although because so yet when after before if as".split()
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speaker phrase as written, its cue phrase, and where the speaker phrase starts."""

    speaker: str
    cue: str
    position: int


def attribute_after(text: str, offset: int) -> Attribution | None:
    """Attribution in the words after a closing mark: `, he said`, `, said X`, `..., X said`."""
    toks = frame_tokens(text)
    lead = 0
    while lead < len(toks) and toks[lead].text in ",;—–-":
        lead += 1
    for i in range(lead, len(toks)):
        if toks[i].text in '“”"' and not _inner_quote(toks, i):
            return None
        if is_cue(toks, i) and toks[i].text.lower() not in PARTICIPLES:
            first = toks[i].text.lower() == "according" or i == lead or toks[i - 1].text == ","
            first = first and toks[i].text.lower() not in SUBJECT_CUES
            found = _attribute_at(text, toks, i, first, offset)
            if found or i - lead <= 2:
                return found
    return None


def _inner_quote(toks: Sequence[Tok], i: int) -> bool:
    """A few quoted words inside the narration (`Ann Lee, wearing “Vote Lee” pins, said`), or
    their closing mark: part of the attribution, not the next quotation."""
    if toks[i].text in '“"' and i + 1 < len(toks) and toks[i + 1].text in '”"':
        return toks[i + 1].start - toks[i].end <= _INNER_QUOTE and i + 2 < len(toks)
    return toks[i].text in '”"' and i > 0 and toks[i - 1].text in '“"' and _inner_quote(toks, i - 1)


def attribute_before(text: str, offset: int) -> Attribution | None:
    """Attribution in the words before an opening mark: `X said:`, `X told CNN that Y was`."""
    toks = frame_tokens(text)
    first = None
    for i in range(len(toks) - 1, -1, -1):
        if is_cue(toks, i):
            found = (
                _passive_agent(text, toks, i, offset)
                or _inverted_after_comma(text, toks, i, offset)
                or _attribute_at(text, toks, i, False, offset)
            )
            if found and names_someone(found):
                return found
            first = first or found  # `Penwell said the world lost a voice that said “`
    found = first or _name_colon(text, toks, offset) or _verb_colon(text, toks, offset)
    return found or _owner_colon(text, toks, offset)


def _owner_colon(text: str, toks: Sequence[Tok], offset: int) -> Attribution | None:
    """`Lee’s response was: “`: the owner of a reply says what follows the colon."""
    if len(toks) < 4 or toks[-1].text != ":" or toks[-2].text not in ("was", "is"):
        return None
    if toks[-3].text.lower() not in _REPLY_NOUNS:
        return None
    owner = toks[-4].text
    if not (owner[:1].isupper() and owner.endswith(("’s", "'s")) and len(owner) > 3):
        return None
    start = toks[-4].start
    return Attribution(owner[:-2], toks[-3].text, offset + start)


def _passive_agent(text: str, toks: Sequence[Tok], cue: int, offset: int) -> Attribution | None:
    """`Lee was asked by host Bill Mahon, “…”`: the one after "by" asks, not the one asked."""
    if cue == 0 or cue + 2 >= len(toks) or toks[cue].text not in ("asked", "told", "pressed"):
        return None
    if toks[cue - 1].text not in ("was", "were") or toks[cue + 1].text != "by":
        return None
    agent = _named_apposition(toks, inverted_subject(toks, cue + 2))
    if agent is None or not toks[agent[1] - 1].text[:1].isupper():
        return None
    return _make(text, toks, agent, cue, offset)


def names_someone(found: Attribution) -> bool:
    """Whether a speaker phrase can name someone: a pronoun (resolved later) or a phrase `vet`
    keeps ("a voice", "the plan" do not)."""
    return found.speaker.lower() in _PRONOUNS or vet(found.speaker, found.cue) is not None


def _inverted_after_comma(
    text: str, toks: Sequence[Tok], cue: int, offset: int
) -> Attribution | None:
    """`..., said Bart Naylor, a policy advocate.`: a name right after a cue that follows a
    comma is its subject."""
    if cue == 0 or toks[cue - 1].text != "," or cue + 1 >= len(toks):
        return None
    word = toks[cue].text.lower()
    if word not in CUES or word in _TO_SOMEONE or not toks[cue + 1].text[:1].isupper():
        return None
    subj = inverted_subject(toks, cue + 1)
    if subj is None or subj[0] != cue + 1:
        return None
    if subj[1] < len(toks) and toks[subj[1]].text not in ",.;:—–(" and not _cue_tail(toks, subj[1]):
        return None  # `, says Hillsborough is a microcosm`: the name starts a clause
    return _make(text, toks, subj, cue, offset)


def _cue_tail(toks: Sequence[Tok], k: int) -> bool:
    """`said Ann Lee in a statement` / `on Monday`: a phrase that may follow an inverted cue."""
    return toks[k].text.lower() in ("in", "on", "at", "during", "via", "of", "from", "to", "who")


def _name_colon(text: str, toks: Sequence[Tok], offset: int) -> Attribution | None:
    """A lead-in that is only a name and a colon: `Michael P. McDonald: “`."""
    if len(toks) < 2 or toks[-1].text != ":":
        return None
    found = name_phrase_before(toks, len(toks) - 1)
    if found is None or not toks[found[0]].text[:1].isupper():
        return None
    if found[0] > 0 and toks[found[0] - 1].text not in "—–-.":
        return None
    return Attribution(_span_text(text, toks, found), ":", offset + toks[found[0]].start)


def _verb_colon(text: str, toks: Sequence[Tok], offset: int) -> Attribution | None:
    """`He sighed: “`, `Ann Lee shrugged:`: a subject and one verb that a colon ends, right
    before a quote; the colon hands the verb's subject the words."""
    if len(toks) < 3 or toks[-1].text != ":" or not _past_or_present(toks[-2].text):
        return None
    subj = sentence_subject(toks[:-2])
    if subj is None or subj[0] != 0:
        return None
    k = subj[1]
    while k < len(toks) - 2 and toks[k].text.lower() in ADVERBS:
        k += 1
    if k != len(toks) - 2:
        return None
    return Attribution(_span_text(text, toks, subj), toks[-2].text, offset + toks[subj[0]].start)


def _past_or_present(word: str) -> bool:
    return word.isalpha() and word.islower() and word.endswith(("ed", "s")) and len(word) > 3


def attribute_subject(text: str, offset: int) -> Attribution | None:
    """The subject of the narration that carries a partial quote and names no cue:
    `Hollande denounced Trump's remarks as “` means Hollande. After a semicolon the clause
    has a subject of its own."""
    cut = text.rfind(";") + 1
    text, offset = text[cut:], offset + cut
    toks = frame_tokens(text)
    subj = sentence_subject(toks)
    if subj is None:
        return None
    k = _skip_apposition(toks, subj[1])
    while k < len(toks) and (toks[k].text.lower() in ADVERBS or toks[k].text[:1] in "’'"):
        k += 1
    if k + 1 < len(toks) and _active_participle(toks[k].text, toks[k + 1].text):
        k += 1  # `Donald Trump is questioning whether ...`, `Lee has called it`
    elif k >= len(toks) or not _finite_verb(toks, k) or toks[k].text in COPULAS:
        return None
    return Attribution(_span_text(text, toks, subj), toks[k].text, offset + toks[subj[0]].start)


def _finite_verb(toks: Sequence[Tok], k: int) -> bool:
    """A verb at `k`, or an irregular participle after "has" (`Lee has gone after Hale as`)."""
    if verb_like(toks[k].text):
        return True
    return toks[k].text in _PARTICIPLES and k > 0 and toks[k - 1].text in ("has", "have", "had")


def _active_participle(auxiliary: str, verb: str) -> bool:
    """ "is questioning", "has called": an auxiliary and a verb whose subject acts (not the
    passive "was asked", "is based", whose subject is acted on)."""
    if not verb.isalpha() or not verb.islower():
        return False
    if auxiliary in ("is", "was", "are", "were"):
        return verb.endswith("ing")
    return auxiliary in ("has", "have", "had") and verb.endswith("ed")


def bare_speech_clause(text: str) -> bool:
    """`Ann Lee, the party's deputy leader for the north, told reporters on Monday.`: a
    sentence whose one verb is a verb of saying with nothing said after it (no clause, no
    second verb). What it says is the quote beside it, however long its subject."""
    toks = frame_tokens(text)
    subj = sentence_subject(toks)
    if subj is None or subj[0] != 0:
        return False
    k = _skip_apposition(toks, subj[1])
    while k < len(toks) and toks[k].text.lower() in ADVERBS:
        k += 1
    if k >= len(toks) or toks[k].text not in CUES:
        return False
    for i, tok in enumerate(toks[k + 1 :], k + 1):
        word = tok.text.lower()
        if tok.text == "," and i + 1 < len(toks) and toks[i + 1].text in PARTICIPLES:
            return True  # `..., wrote on Twitter, adding that ...`: a second statement
        if word in _COMPLEMENT or word in AUXILIARIES or word in COPULAS or word in PARTICIPLES:
            return False
        if word in CUES or word in SUBJECT_CUES or tok.text in ":;":
            return False
    return True


def _skip_apposition(toks: Sequence[Tok], k: int) -> int:
    """The index after `, a Wisconsin Republican,` when one starts at `k`, or after a day
    between a subject and its verb (`Obama on Tuesday accused`)."""
    if k + 1 < len(toks) and toks[k].text == "on" and toks[k + 1].text in _TIMES:
        return k + 2
    if k < len(toks) and toks[k].text in _DAYS:
        return k + 1
    if k < len(toks) and toks[k].text in ("in", "at", "last", "this"):
        for j in range(k + 1, min(len(toks), k + 4)):
            if toks[j].text in _TIME_NOUNS:
                return j + 1  # `Lee in the past has called`, `Lee last week told`
    if k >= len(toks) or toks[k].text != ",":
        return k
    for j in range(k + 1, min(len(toks), k + 16)):
        if toks[j].text == ",":
            return j + 1
    return len(toks)


def attribute_tag(text: str, offset: int) -> Attribution | None:
    """A speaker tag with a verb the cue list lacks, right after a quote that ends in a comma,
    `?` or `!`: `,” Toomey fumed on Tuesday.` or `!” Trump went on.`"""
    toks = frame_tokens(text[:80])
    lead = 1 if toks and toks[0].text in ",—–" else 0
    verb = toks[lead].text if lead < len(toks) else ""
    if verb.endswith("ed") and verb.islower() and verb not in _TAKES_OBJECT:
        found = np_after(toks, lead + 1)
        if found and toks[found[0]].text[:1].isupper():
            return Attribution(_span_text(text, toks, found), verb, offset + toks[found[0]].start)
    subj = np_after(toks, lead)
    if subj is None and lead < len(toks) and toks[lead].text.lower() in ("a", "an", "the"):
        subj = described_name_after(toks, lead)  # `,” an angry Hollande retaliated.`
    if subj is None or subj[1] >= len(toks):
        return None
    k = subj[1]
    while k < len(toks) and toks[k].text.lower() in ADVERBS:
        k += 1
    verb = toks[k].text if k < len(toks) else ""
    if not (verb.endswith("ed") or verb in TAG_VERBS) or verb != verb.lower():
        return None
    return Attribution(_span_text(text, toks, subj), verb, offset + toks[subj[0]].start)


def adjacent_cue(after: str) -> bool:
    """Whether the words right after a closing mark are an attribution (`, she said.`)."""
    return _adjacent_cue(after[:60])


@functools.lru_cache(maxsize=1024)  # asked of each quote twice, and of both versions' quotes
def _adjacent_cue(after: str) -> bool:
    toks = itertools.islice(iter_tokens(after), 5)
    head = list(itertools.islice((t.text.lower() for t in toks if t.text not in ",;—–-"), 4))
    if head and head[0] in _NEW_CLAUSE:
        return False
    return any(w in CUES or w in SUBJECT_CUES for w in head)


def _attribute_at(
    text: str, toks: Sequence[Tok], cue: int, inverted: bool, offset: int
) -> Attribution | None:
    word = toks[cue].text.lower()
    if word == "according":
        subj = np_after(toks, cue + 2)
    elif word in PARTICIPLES:
        subj = _named_before(toks, cue) or _said_before(toks, cue) or sentence_subject(toks[:cue])
    elif inverted and cue > 0 and toks[cue - 1].text == ",":
        subj = _named_over_described(toks, subject_of(toks, cue), _inverted(toks, cue))
    elif inverted:
        subj = _inverted(toks, cue) or subject_of(toks, cue)
    elif cue == 0:
        subj = _inverted(toks, cue)
    else:
        subj = subject_of(toks, cue)
        if subj is None and toks[cue - 1].text.lower() in ("and", "but", "then"):
            subj = sentence_subject(toks[:cue])
    return _make(text, toks, subj, cue, offset) if subj else None


def _named_over_described(
    toks: Sequence[Tok], before: tuple[int, int] | None, after: tuple[int, int] | None
) -> tuple[int, int] | None:
    """`..., forcing the mayor to fend off rivals, said Bart Nolan, a pollster.`: a name right
    after the cue is its subject when what comes before is no name."""
    if after is None or before is None:
        return before or after
    named_after = toks[after[0]].text[:1].isupper() and toks[after[0]].text not in _TIMES
    return after if named_after and not toks[before[1] - 1].text[:1].isupper() else before


def _inverted(toks: Sequence[Tok], cue: int) -> tuple[int, int] | None:
    """The subject after a cue verb (`said Ann Lee`), for verbs that can stand before their
    subject; after "thanked", "praised" or "told" the name is their object."""
    if toks[cue].text.lower() in _TAKES_OBJECT:
        return None
    return _named_apposition(toks, inverted_subject(toks, cue + 1))


def _named_apposition(toks: Sequence[Tok], subj: tuple[int, int] | None) -> tuple[int, int] | None:
    """`said Lee’s communications director, Jennifer Palmieri,`: a description after an
    inverted cue, then the name it describes in apposition; the name is the speaker."""
    if subj is None or subj[1] + 1 >= len(toks) or toks[subj[1]].text != ",":
        return subj
    if toks[subj[1] - 1].text[:1].isupper():
        return subj  # the phrase already ends in a name
    name = np_after(toks, subj[1] + 1)
    if name is None or not all(t.text[:1].isupper() for t in toks[name[0] : name[1]]):
        return subj
    if name[1] < len(toks) and toks[name[1]].text not in ",.;—–":
        return subj
    return name


def _named_before(toks: Sequence[Tok], participle: int) -> tuple[int, int] | None:
    """`footage of Ann Lee asking, “...`, `has Podesta saying`: a name right before a
    participle (no comma between) is the one doing it."""
    k = participle
    while k > 1 and toks[k - 1].text.islower() and toks[k - 1].text.endswith("ly"):
        k -= 1  # `with Lee recently promising`
    found = np_before(toks, k)
    if found is None or found[1] != k:
        return None
    if toks[found[0]].text == "with" and found[1] - found[0] > 1:
        found = (found[0] + 1, found[1])  # `with Lee promising`: Lee does it
    words = [t.text for t in toks[found[0] : found[1]]]
    named = all(w[:1].isupper() or w.lower() in CONNECTORS for w in words)
    return found if named and words[-1] not in _TIMES and words[0] not in _TIMES else None


def _said_before(toks: Sequence[Tok], participle: int) -> tuple[int, int] | None:
    """`..., Spicer said, adding, “...”`: a participle right after a cue clause belongs to
    that clause, so its subject is the cue's subject, not the sentence's."""
    k = participle - 1
    if k < 2 or toks[k].text != ",":
        return None
    for cue in range(k - 1, max(0, k - 8), -1):
        word = toks[cue].text.lower()
        if toks[cue].text in ",;:—–":
            return None
        if word not in CUES or not is_cue(toks, cue):
            continue
        if toks[cue - 1].text != ",":  # `Hollande said Tuesday in Paris, noting`
            return subject_of(toks, cue) if _adverbials(toks, cue + 1, k) else None
        if word in _TO_SOMEONE:
            return None
        found = inverted_subject(toks, cue + 1)  # `, said Ann Lee, adding`
        named = found and found == (cue + 1, k) and toks[cue + 1].text[:1].isupper()
        return found if named else None
    return None


def _adverbials(toks: Sequence[Tok], start: int, end: int) -> bool:
    """Whether tokens [start, end) after a cue verb are only when and where ("Tuesday in
    Paris", "on Monday", "in a statement"), not an object the participle could be about."""
    for tok in toks[start:end]:
        word = tok.text
        if word.lower() in _CUE_PLACES or word[:1].isupper() or word.isdigit():
            continue
        return False
    return True


def _make(
    text: str, toks: Sequence[Tok], subj: tuple[int, int], cue: int, offset: int
) -> Attribution:
    after = subj[1] if subj[0] > cue else cue + 1
    phrase, _ = cue_phrase(text, toks, cue, after)
    return Attribution(_span_text(text, toks, subj), phrase, offset + toks[subj[0]].start)


def _span_text(text: str, toks: Sequence[Tok], span: tuple[int, int]) -> str:
    return text[toks[span[0]].start : toks[span[1] - 1].end]
