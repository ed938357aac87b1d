"""Who said it: the news attribution grammar around a quotation. Pure, rule based.

Works on one sentence's text outside its quotations ("the frame"): the words before a quote
(`Sen. Rob Portman, R-Ohio, said: “`) and after it (`,” Cummings said in a statement.`). A speaker
is a noun phrase next to a cue verb: "X said", "said X", "X, a Maryland Democrat, told Y",
"according to X", "..., saying" (the sentence's subject). Names are resolved later by `NameBook`.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tracker.analyze._speech_words import (
    ADVERBS,
    AUXILIARIES,
    BACK_VERBS,
    CONNECTORS,
    COPULAS,
    CUES,
    DETERMINERS,
    IRREGULAR,
    LEAD_WORDS,
    MODIFIERS,
    NOT_AFTER_CALLED,
    NOT_VERBS,
    PARTICIPLES,
    ROLES,
    STOP_CAPS,
    SUBJECT_CUES,
    TAG_VERBS,
    TITLES,
)

_PRONOUNS = frozenset(("he", "she", "they"))
_RELATIVES = frozenset(("who", "which", "that"))
_CLAUSE_WORDS = frozenset("and or but then later also when while as if because so".split())
_TOKEN = re.compile(r"\w[\w’'\-.&]*|[^\w\s·]")
_SUFFIXES = frozenset(("Jr", "Sr", "II", "III", "IV"))
# Every word `_is_cue` can accept: the rest are rejected before its special cases.
_MAYBE_CUES = (
    CUES
    | SUBJECT_CUES
    | PARTICIPLES
    | BACK_VERBS
    | frozenset("called calls calling put puts pointed according".split())
)
_ASIDE = re.compile(r"\([^()\n]{1,24}\)")
_CONTRACTION = re.compile(r"(?i)(he|she|they|it|we|i|you)[’'](?:s|d|ll|re|ve)$")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_CUE_TAIL = re.compile(
    r"(?:\s*,[^,.“”\"]{1,40},)?\s*(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?,?\s+|(?:late|early|last|this)\s+\w+\s+)?"
    r"((?:in|on|at|during|via|through)\s+(?:a|an|the|his|her|their|its)?\s*(?:[\w’'-]+\s+){0,3}?"
    r"(?:statement|interview|tweet|post|e-?mail|speech|conference|briefing|release|letter|video"
    r"|message|appearance|hearing|rally|Twitter|Facebook|Instagram|op-ed|call|column|memo|filing"
    r"|broadcast|podcast|radio|television|program|show)s?)\b"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speaker phrase as written, its cue phrase, and where the speaker phrase starts."""

    speaker: str
    cue: str
    position: int


class _Tok(NamedTuple):
    """One word or punctuation mark of a frame and where it is (a tuple: cheap to make)."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[_Tok]:
    """Words and punctuation marks of `text`; abbreviations and initials keep their periods."""
    return list(_iter_tokens(text))


def _iter_tokens(text: str) -> Iterator[_Tok]:
    """`tokenize`, one token at a time (a caller that needs only the first few stops early)."""
    if "(" in text:
        text = _ASIDE.sub(lambda m: " " * len(m.group()), text)
    for m in _TOKEN.finditer(text):
        word = m.group()
        start, end = m.span()
        contraction = _CONTRACTION.match(word) if "'" in word or "’" in word else None
        if contraction:
            cut = start + contraction.end(1)
            yield _Tok(contraction.group(1), start, cut)
            yield _Tok(word[contraction.end(1) :], cut, end)
        elif word[-1] == "." and len(word) > 1 and not _is_abbreviation(word):
            yield _Tok(word[:-1], start, end - 1)
            yield _Tok(".", end - 1, end)
        else:
            yield _Tok(word, start, end)


@functools.lru_cache(maxsize=64)
def _tokens(text: str) -> tuple[_Tok, ...]:
    """`tokenize`, remembered for the last few frames: several rules read the same frame
    (`attribute_before`, then `attribute_subject`), and two versions of one article share most."""
    return tuple(tokenize(text))


def _is_abbreviation(word: str) -> bool:
    return word[:-1] in TITLES or _INITIALS.fullmatch(word) is not None


def _is_name(word: str) -> bool:
    return word[:1].isupper() and word.rstrip(".") not in STOP_CAPS or word.rstrip(".") in TITLES


def _is_role(word: str) -> bool:
    return word.lower() in ROLES


def _phrase_ok(words: Sequence[str]) -> bool:
    """A speaker phrase ends in a name or a role noun and is not all function words."""
    if not words:
        return False
    last = words[-1]
    if last.lower() in _PRONOUNS:
        return len(words) == 1
    if last.lower() in DETERMINERS:
        return False
    if last.rstrip(".") in _SUFFIXES and len(words) > 1:
        last = words[-2]
    return (_is_name(last) and last.rstrip(".") not in TITLES) or _is_role(last)


def _accept_backward(word: str) -> bool:
    low = word.lower()
    return _is_name(word) or low in ROLES or low in MODIFIERS or low in CONNECTORS


def _np_before(toks: Sequence[_Tok], end: int) -> tuple[int, int] | None:
    """Token range [i, end) of the noun phrase ending just before index `end`, if any."""
    if end > 0 and toks[end - 1].text.lower() in _PRONOUNS:
        return end - 1, end
    if end > 1 and toks[end - 1].text.lower() in _RELATIVES:
        k = end - 2 if toks[end - 2].text == "," else end - 1
        return _np_before(toks, k)
    return _name_phrase_before(toks, end) or _described_before(toks, end)


def _described_before(toks: Sequence[_Tok], end: int) -> tuple[int, int] | None:
    """A short determiner-led description: "the New York businessman", "a longtime friend"."""
    if end == 0 or toks[end - 1].text.lower() in _CLAUSE_WORDS | CONNECTORS:
        return None
    for i in range(end - 2, max(-1, end - 7), -1):
        word = toks[i].text
        if not word[:1].isalnum():
            return None
        if word.lower() in _CLAUSE_WORDS:
            return None
        if word.lower() in ("the", "a", "an", "another", "one"):
            return (i, end) if toks[end - 1].text[:1].isalpha() else None
    return None


def _name_phrase_before(toks: Sequence[_Tok], end: int) -> tuple[int, int] | None:
    i = end
    while i > 0:
        word = toks[i - 1].text
        if word.lower() in DETERMINERS or word.isdigit():
            i -= 1
            break
        if not _accept_backward(word):
            break
        i -= 1
    while i < end and toks[i].text.lower() in CONNECTORS - {"the"}:
        i += 1
    if i < end and toks[i].text.lower() == "the" and i + 1 < end and toks[i + 1].text == "and":
        i += 2
    words = [t.text for t in toks[i:end]]
    return (i, end) if _phrase_ok(words) else None


def _np_after(toks: Sequence[_Tok], start: int) -> tuple[int, int] | None:
    """Token range [start, j) of the noun phrase starting at index `start`, if any."""
    j = start
    if j < len(toks) and toks[j].text in CONNECTORS - {"the"}:
        return None
    if j < len(toks) and (toks[j].text.lower() in DETERMINERS or toks[j].text.isdigit()):
        j += 1
    while j < len(toks) and _accept_backward(toks[j].text):
        j += 1
    while j > start and toks[j - 1].text.lower() in CONNECTORS:
        j -= 1
    words = [t.text for t in toks[start:j]]
    return (start, j) if _phrase_ok(words) else None


def _described_name_after(toks: Sequence[_Tok], start: int) -> tuple[int, int] | None:
    """`said election lawyer Joe Birkenstock`: a few lowercase words, then a name."""
    j = start
    while j < len(toks) and j - start < 4 and toks[j].text.isalpha() and toks[j].text.islower():
        j += 1
    if j == start or j >= len(toks) or not toks[j].text[:1].isupper():
        return None
    found = _np_after(toks, j)
    return (start, found[1]) if found else None


def _inverted_subject(toks: Sequence[_Tok], start: int) -> tuple[int, int] | None:
    """After "said": a name, or a description up to the clause's end ("a person close to X")."""
    found = _np_after(toks, start)
    if start >= len(toks) or toks[start].text.lower() not in DETERMINERS:
        return found or _described_name_after(toks, start)
    j = start + 1
    while j < len(toks) and j - start < 10 and toks[j].text[:1].isalnum():
        if toks[j].text.lower() in _RELATIVES:
            break
        j += 1
    return (start, j) if j > start + 1 and toks[j - 1].text[:1].isalpha() else found


def _subject_of(toks: Sequence[_Tok], cue: int) -> tuple[int, int] | None:
    """The subject of the cue verb at index `cue`: directly before it, or before an apposition."""
    k = _skip_back(toks, cue)
    return _subject_before(toks, k) or _name_before_comma(toks, k)


def _skip_back(toks: Sequence[_Tok], k: int) -> int:
    """Back from a cue over adverbs ("famously") and a lead-in verb ("went on to", "wanted to")."""
    while k > 0:
        word = toks[k - 1].text
        if word.lower() in ADVERBS or (word.endswith("ly") and word.islower() and len(word) > 4):
            k -= 1
        elif word == "to" and k > 1 and toks[k - 2].text.islower():
            k -= 3 if toks[k - 2].text == "on" and k > 2 else 2
        else:
            return k
    return k


def _name_before_comma(toks: Sequence[_Tok], k: int) -> tuple[int, int] | None:
    """`Florida's attorney general, Pam Bondi, vowed`: the name closing an apposition."""
    if k < 2 or toks[k - 1].text != ",":
        return None
    found = _name_phrase_before(toks, k - 1)
    return found if found and toks[found[0]].text[:1].isupper() else None


def _subject_before(toks: Sequence[_Tok], k: int) -> tuple[int, int] | None:
    for _ in range(3):
        if k > 0 and toks[k - 1].text == ",":
            commas = [i for i in range(k - 1) if toks[i].text == ","]
            if not commas:
                return None
            named = _whole_name(toks, commas[-1] + 1, k - 1)
            k = commas[-1]
            found = _np_before(toks, k)
            if found and named and not toks[found[1] - 1].text[:1].isupper():
                return named  # `after the Ohio primary, Gov. John Kasich, said`
            if found:
                return found
            continue
        return _np_before(toks, k)
    return None


def _whole_name(toks: Sequence[_Tok], start: int, end: int) -> tuple[int, int] | None:
    """The name of two or more words filling all of tokens [start, end), if there is one."""
    found = _name_phrase_before(toks, end) if end - start > 1 else None
    return found if found == (start, end) and toks[start].text[:1].isupper() else None


def _sentence_subject(toks: Sequence[_Tok]) -> tuple[int, int] | None:
    """The noun phrase opening the sentence (after a dateline, a leading adverbial and its
    comma)."""
    start = _after_dateline(toks)
    while start < len(toks) and (
        toks[start].text in LEAD_WORDS or toks[start].text.lower() in ADVERBS
    ):
        start += 1
    lead = toks[start].text if start < len(toks) else ""
    if lead in STOP_CAPS or (lead.endswith("ly") and lead[1:].islower()):
        commas = [i for i, t in enumerate(toks[start : start + 16]) if t.text == ","]
        start = start + commas[0] + 1 if commas else start + 1
    return _np_after(toks, start) or _description_after(toks, start)


def _after_dateline(toks: Sequence[_Tok]) -> int:
    """The index after a dateline opening the sentence (`WASHINGTON, Dec. 8 (UPI) —`), else 0."""
    j = 0
    while j < len(toks) and len(toks[j].text) > 1 and toks[j].text.isupper():
        j += 1
    if j == 0 or j >= len(toks) or toks[j].text not in ",—–-":
        return 0
    for k in range(j, min(len(toks), j + 8)):
        if toks[k].text in "—–-":
            return k + 1
    return 0


def _description_after(toks: Sequence[_Tok], start: int) -> tuple[int, int] | None:
    """`One operative inside Trump Tower tried`: a determiner-led phrase up to its verb."""
    if start >= len(toks) or toks[start].text.lower() not in ("a", "an", "the", "one"):
        return None
    for j in range(start + 2, min(len(toks), start + 7)):
        word = toks[j].text
        if _verb_like(word) and word.lower() not in ROLES:
            return (start, j) if toks[j - 1].text.isalpha() else None
        if not word.isalnum() or word.lower() in _CLAUSE_WORDS | _RELATIVES:
            return None
    return None


def _is_cue(toks: Sequence[_Tok], i: int) -> bool:
    word = toks[i].text.lower()
    if word not in _MAYBE_CUES:
        return False
    if i > 0 and toks[i].text[:1].isupper() and word != "according":
        return False
    if word in BACK_VERBS:
        return i + 1 < len(toks) and toks[i + 1].text.lower() == "back"
    if word in ("called", "calls", "calling"):
        nxt = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
        return nxt not in NOT_AFTER_CALLED
    if word in ("put", "puts"):
        return i + 1 < len(toks) and toks[i + 1].text.lower() == "it"
    if word == "pointed":
        return i + 1 < len(toks) and toks[i + 1].text.lower() == "out"
    if word == "according":
        return i + 1 < len(toks) and toks[i + 1].text.lower() == "to"
    return word in CUES or word in SUBJECT_CUES or word in PARTICIPLES


def _cue_phrase(text: str, toks: Sequence[_Tok], cue: int, after: int) -> tuple[str, int]:
    """The cue's words ("told reporters", "said in a statement") and the index after them."""
    word = toks[cue].text
    end = cue + 1
    if word.lower() in ("according", "pointed"):
        return f"{word} {toks[cue + 1].text}", cue + 2
    if word.lower() in ("told", "tells", "tell", "telling", "asked") and end < len(toks):
        obj = _np_after(toks, end)
        if obj and obj[1] == len(toks) and obj[1] - obj[0] > 1:
            obj = (obj[0], obj[0] + 1)
        if obj and obj[1] - obj[0] <= 4:
            end = obj[1]
    phrase = text[toks[cue].start : toks[end - 1].end]
    tail_from = toks[max(end, after) - 1].end
    tail = _CUE_TAIL.match(text, tail_from)
    if tail:
        phrase = f"{phrase} {tail.group(1)}"
    return phrase, end


def _span_text(text: str, toks: Sequence[_Tok], span: tuple[int, int]) -> str:
    return text[toks[span[0]].start : toks[span[1] - 1].end]


def _make(
    text: str, toks: Sequence[_Tok], subj: tuple[int, int], cue: int, offset: int
) -> Attribution:
    after = subj[1] if subj[0] > cue else cue + 1
    phrase, _ = _cue_phrase(text, toks, cue, after)
    return Attribution(_span_text(text, toks, subj), phrase, offset + toks[subj[0]].start)


def _attribute_at(
    text: str, toks: Sequence[_Tok], cue: int, inverted: bool, offset: int
) -> Attribution | None:
    word = toks[cue].text.lower()
    if word == "according":
        subj = _np_after(toks, cue + 2)
    elif word in PARTICIPLES:
        subj = _sentence_subject(toks[:cue])
    elif inverted and cue > 0 and toks[cue - 1].text == ",":
        subj = _subject_of(toks, cue) or _inverted_subject(toks, cue + 1)
    elif inverted:
        subj = _inverted_subject(toks, cue + 1) or _subject_of(toks, cue)
    elif cue == 0:
        subj = _inverted_subject(toks, cue + 1)
    else:
        subj = _subject_of(toks, cue)
        if subj is None and toks[cue - 1].text.lower() in ("and", "but", "then"):
            subj = _sentence_subject(toks[:cue])
    return _make(text, toks, subj, cue, offset) if subj else None


def attribute_after(text: str, offset: int) -> Attribution | None:
    """Attribution in the words after a closing mark: `, he said`, `, said X`, `..., X said`."""
    toks = _tokens(text)
    lead = 0
    while lead < len(toks) and toks[lead].text in ",;—–-":
        lead += 1
    for i in range(lead, len(toks)):
        if toks[i].text in '“”"':
            return None
        if _is_cue(toks, i) and toks[i].text.lower() not in PARTICIPLES:
            first = toks[i].text.lower() == "according" or i == lead or toks[i - 1].text == ","
            first = first and toks[i].text.lower() not in SUBJECT_CUES
            found = _attribute_at(text, toks, i, first, offset)
            if found or i - lead <= 2:
                return found
    return None


def attribute_before(text: str, offset: int) -> Attribution | None:
    """Attribution in the words before an opening mark: `X said:`, `X told CNN that Y was`."""
    toks = _tokens(text)
    for i in range(len(toks) - 1, -1, -1):
        if _is_cue(toks, i):
            found = _attribute_at(text, toks, i, False, offset)
            if found:
                return found
    return _name_colon(text, toks, offset)


def _name_colon(text: str, toks: Sequence[_Tok], offset: int) -> Attribution | None:
    """A lead-in that is only a name and a colon: `Michael P. McDonald: “`."""
    if len(toks) < 2 or toks[-1].text != ":":
        return None
    found = _name_phrase_before(toks, len(toks) - 1)
    if found is None or not toks[found[0]].text[:1].isupper():
        return None
    if found[0] > 0 and toks[found[0] - 1].text not in "—–-.":
        return None
    return Attribution(_span_text(text, toks, found), ":", offset + toks[found[0]].start)


def attribute_subject(text: str, offset: int) -> Attribution | None:
    """The subject of the narration that carries a partial quote and names no cue:
    `Hollande denounced Trump's remarks as “` means Hollande."""
    toks = _tokens(text)
    subj = _sentence_subject(toks)
    if subj is None:
        return None
    k = _skip_apposition(toks, subj[1])
    while k < len(toks) and (toks[k].text.lower() in ADVERBS or toks[k].text[:1] in "’'"):
        k += 1
    if k >= len(toks) or not _verb_like(toks[k].text) or toks[k].text in COPULAS:
        return None
    return Attribution(_span_text(text, toks, subj), toks[k].text, offset + toks[subj[0]].start)


def _skip_apposition(toks: Sequence[_Tok], k: int) -> int:
    """The index after `, a Wisconsin Republican,` when one starts at `k`."""
    if k >= len(toks) or toks[k].text != ",":
        return k
    for j in range(k + 1, min(len(toks), k + 16)):
        if toks[j].text == ",":
            return j + 1
    return len(toks)


def _verb_like(word: str) -> bool:
    low = word.lower()
    if not word.isalpha() or word != low or low in NOT_VERBS:
        return False
    return low.endswith(("ed", "es", "s")) or low in CUES or low in AUXILIARIES or low in IRREGULAR


def attribute_tag(text: str, offset: int) -> Attribution | None:
    """A speaker tag with a verb the cue list lacks, right after a quote that ends in a comma,
    `?` or `!`: `,” Toomey fumed on Tuesday.` or `!” Trump went on.`"""
    toks = _tokens(text[:80])
    lead = 1 if toks and toks[0].text in ",—–" else 0
    verb = toks[lead].text if lead < len(toks) else ""
    if verb.endswith("ed") and verb.islower():
        found = _np_after(toks, lead + 1)
        if found and toks[found[0]].text[:1].isupper():
            return Attribution(_span_text(text, toks, found), verb, offset + toks[found[0]].start)
    subj = _np_after(toks, lead)
    if subj is None and lead < len(toks) and toks[lead].text.lower() in ("a", "an", "the"):
        subj = _described_name_after(toks, lead)  # `,” an angry Hollande retaliated.`
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
    toks = itertools.islice(_iter_tokens(after[:60]), 5)
    head = itertools.islice((t.text.lower() for t in toks if t.text not in ",;"), 4)
    return any(w in CUES or w in SUBJECT_CUES for w in head)
