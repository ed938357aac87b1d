"""Whose cue it is: the subject of a cue verb, before it (`Pam Bondi, Florida's attorney
general, vowed`), after it (`said a person close to him`), or opening the sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.analyze.people.first_names import FEMALE, MALE
from tracker.analyze.quotes.phrases import (
    described_name_after,
    name_phrase_before,
    np_after,
    np_before,
)
from tracker.analyze.quotes.speech_words import (
    ADVERBS,
    AUXILIARIES,
    CLAUSE_WORDS,
    CUES,
    DETERMINERS,
    IRREGULAR,
    LEAD_WORDS,
    NOT_VERBS,
    RELATIVES,
    ROLES,
    STATES,
    STOP_CAPS,
    TITLES,
)
from tracker.analyze.quotes.tokens import Tok
from tracker.extract.places import is_place

_APPOSITIONS = 5
_LEADS = 4  # phrases with commas before a subject: `At an event in Ames, Iowa, on Sunday,`
_POSSESSIVES = frozenset(("His", "Her", "Its", "Their"))
_COMMAS = frozenset(",—–")
_CLAUSE_OR_RELATIVE = CLAUSE_WORDS | RELATIVES  # read in loops, made once
_SUBORDINATORS = frozenset(
    """as when while after before although though because since if unless until once whether
    in on at for during despite with without from by under over amid""".split()
)
_SUBJECTS = frozenset("he she they we".split())  # a pronoun subject after "But" or "When"
_APPOSED_LEADS = frozenset("now then once still formerly himself herself also of from".split())
_PARTY = re.compile(r"[RDI]-[A-Z]")
_CONJUNCTIONS = frozenset(("after", "before"))  # prepositions that also open a clause
_OWNED_HEADS = frozenset("woman man women men brother sister partner brief".split())
_DAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
_TIME_WORDS = frozenset(
    """later earlier ago before after day days week weeks month months year years decade
    decades hour hours minute minutes morning afternoon evening night weekend""".split()
)
_PREPOSITIONS = frozenset(
    "in on at of for with from by to about after before during into over under".split()
)


def inverted_subject(toks: Sequence[Tok], start: int) -> tuple[int, int] | None:
    """After "said": a name, or a description up to the clause's end ("a person close to X")."""
    found = np_after(toks, start)
    if start >= len(toks) or toks[start].text.lower() not in DETERMINERS:
        longer = described_name_after(toks, start)
        return longer if longer and (found is None or longer[1] > found[1]) else found
    j = start + 1
    while j < len(toks) and j - start < 10 and toks[j].text[:1].isalnum():
        if toks[j].text.lower() in RELATIVES:
            break
        j += 1
    return (start, j) if j > start + 1 and toks[j - 1].text[:1].isalpha() else found


def subject_of(toks: Sequence[Tok], cue: int) -> tuple[int, int] | None:
    """The subject of the cue verb at index `cue`: directly before it, or before an apposition."""
    k = _skip_back(toks, cue)
    return _subject_before(toks, k) or _name_before_comma(toks, k)


def _skip_back(toks: Sequence[Tok], k: int) -> int:
    """Back from a cue over adverbs ("famously") and a lead-in verb ("went on to", "wanted to");
    a quoted title that closes an apposition (`author of “The Quiet Charter,” put it`) counts as
    the apposition's comma."""
    if k > 2 and toks[k - 1].text in '"”' and toks[k - 2].text == "," and toks[k - 3].text in '"“':
        return k - 1
    while k > 0:
        word = toks[k - 1].text
        if word.lower() in ADVERBS or (word.endswith("ly") and word.islower() and len(word) > 4):
            k -= 1
        elif word in ("himself", "herself") or (word in _DAYS and _after_name(toks, k - 1)):
            k -= 1  # `Priebus later Thursday told`, `Cruz himself said`
        elif word == "to" and k > 1 and toks[k - 2].text.islower():
            k -= 3 if toks[k - 2].text == "on" and k > 2 else 2
            j = k
            while j > 0 and k - j < 4 and toks[j - 1].text.isalpha() and toks[j - 1].text.islower():
                j -= 1  # `went so far as to say`, `was prompted to say`
            if j < k and j > 0 and toks[j - 1].text[:1].isupper():
                k = j
        else:
            return k
    return k


def _after_name(toks: Sequence[Tok], k: int) -> bool:
    """Whether token `k` follows a name, or adverbs after one ("Priebus later")."""
    while k > 0 and toks[k - 1].text.lower() in ADVERBS:
        k -= 1
    return k > 0 and toks[k - 1].text[:1].isupper()


def _name_before_comma(toks: Sequence[Tok], k: int) -> tuple[int, int] | None:
    """`Florida's attorney general, Pam Bondi, vowed`: the name closing an apposition."""
    if k < 2 or toks[k - 1].text != ",":
        return None
    found = name_phrase_before(toks, k - 1)
    return found if found and toks[found[0]].text[:1].isupper() else None


def _subject_before(toks: Sequence[Tok], k: int) -> tuple[int, int] | None:
    if k > 0 and toks[k - 1].text in _COMMAS:
        return _apposed_subject(toks, k) or _old_subject_before(toks, k)
    for _ in range(4):
        found = np_before(toks, k)
        if found is None:
            return _before_relative(toks, k)
        if found[0] > 1 and toks[found[0] - 1].text == "," and _place(toks, found):
            k = found[0] - 1  # `Stacy Baker of Columbia, South Carolina says`
            continue
        if found[0] == 0 or toks[found[0] - 1].text.lower() not in _PREPOSITIONS:
            return found
        if toks[found[0] - 1].text.lower() in _CONJUNCTIONS and toks[found[0]].text[:1].isupper():
            return found  # `days after Trump told`: a name and its verb make a clause
        k = _skip_back(toks, found[0] - 1)  # `who has in the past described`: not "the past"
    return None


def _place(toks: Sequence[Tok], span: tuple[int, int]) -> bool:
    """A state ("South Carolina", "Calif.") closing a "city, state" pair."""
    words = " ".join(t.text for t in toks[span[0] : span[1]]).replace(" .", ".")
    return words.rstrip(".") in STATES


def _before_relative(toks: Sequence[Tok], k: int) -> tuple[int, int] | None:
    """`a White House official who spoke anonymously to discuss strategy said`: the phrase
    before a relative clause that runs up to the verb."""
    for i in range(k - 1, max(0, k - 14), -1):
        word = toks[i].text
        if not word[:1].isalnum():
            return None
        if word.lower() in ("who", "whom"):
            return np_before(toks, i)
    return None


def _apposed_subject(toks: Sequence[Tok], k: int) -> tuple[int, int] | None:
    """`Daniel Gros, the director of the Centre, which is based in Brussels, said`: the name
    that opens a chain of comma-separated appositions before the verb."""
    commas = [i for i in range(max(0, k - 60), k) if toks[i].text in _COMMAS]
    end = commas.pop()
    for _ in range(_APPOSITIONS):
        start = commas.pop() + 1 if commas else _chain_start(toks, end)
        if start < end:
            name = None if _PARTY.match(toks[start].text) else _segment_name(toks, start, end)
            if name and _place(toks, name) and _after_place_word(toks, start):
                name = None  # `a salesman from Sumter, South Carolina,`
            town = name is not None and _town(toks, name, start)
            if name and not town:
                return name
            if not (town or _apposition(toks, start, end) or _place(toks, (start, end))):
                return None
        if start == 0 or toks[start - 1].text not in _COMMAS:
            return None
        end = start - 1
    return None


def _town(toks: Sequence[Tok], name: tuple[int, int], start: int) -> bool:
    """`Rubio, whose hometown, Miami, is projected ...`: a known place standing alone in a
    chain of appositions after another segment is that segment's place, not the subject."""
    alone = name == (start, name[1]) and name[1] - name[0] == 1
    if alone and start > 1 and is_place(toks[start].text):
        return True
    return _after_whose(toks, start)


def _after_whose(toks: Sequence[Tok], start: int) -> bool:
    """`Ann Lee, whose latest start-up, Paradata, finds suppliers, said`: a name set off
    right after a "whose" phrase names that phrase's noun, not the subject."""
    for k in range(start - 2, max(-1, start - 8), -1):
        if toks[k].text in _COMMAS:
            return toks[k + 1].text.lower() == "whose"
    return False


def _after_place_word(toks: Sequence[Tok], start: int) -> bool:
    """Whether the segment before `start` ends in a place ("from Sumter,")."""
    k = start - 2
    while k >= 0 and toks[k].text[:1].isupper():
        k -= 1
    return k >= 0 and toks[k].text.lower() in ("from", "in", "of", "at", "near")


def _chain_start(toks: Sequence[Tok], end: int) -> int:
    """Where the clause holding the first segment of a chain starts (after "said," or "and")."""
    i = end
    while i > 0 and toks[i - 1].text not in ",;:—–(" and toks[i - 1].text.lower() not in CUES:
        i -= 1
    return i


def _segment_name(toks: Sequence[Tok], start: int, end: int) -> tuple[int, int] | None:
    """The name that fills tokens [start, end) ("Daniel Gros", "the Rev. Al Sharpton")."""
    found = name_phrase_before(toks, end)
    if found is None or found[0] != start:
        return None
    first = toks[start].text
    if not first[:1].isupper() and not (end - start > 2 and toks[start + 1].text[:-1] in TITLES):
        return None
    if end - start == 1 and first in STOP_CAPS:
        return None
    return found


def _apposition(toks: Sequence[Tok], start: int, end: int) -> bool:
    """A segment that describes the name before it: "the director of ...", "45", "who ...",
    "R-Ohio", or a lowercase list item."""
    first = toks[start].text
    low = first.lower()
    if low in DETERMINERS or low in RELATIVES or low in ("whose", "and", "or", "based"):
        return True
    if first[:1].isdigit() or first[-2:] in ("’s", "'s") or "-" in first:
        return True
    if low in _APPOSED_LEADS:
        return True  # `Ann Lee, now 81 and retired in Salem, Mass., said`
    return all(t.text.islower() or not t.text[:1].isalnum() for t in toks[start:end])


def _old_subject_before(toks: Sequence[Tok], k: int) -> tuple[int, int] | None:
    for _ in range(3):
        if k > 0 and toks[k - 1].text == ",":
            commas = [i for i in range(k - 1) if toks[i].text == ","]
            if not commas:
                return None
            if _place(toks, (commas[-1] + 1, k - 1)):
                return None  # `in Lynchburg, Va., derided`: a city and its state
            named = _whole_name(toks, commas[-1] + 1, k - 1)
            k = commas[-1]
            found = np_before(toks, k)
            if found and named and not toks[found[1] - 1].text[:1].isupper():
                return named  # `after the Ohio primary, Gov. John Kasich, said`
            if found:
                return found
            continue
        return np_before(toks, k)
    return None


def _whole_name(toks: Sequence[Tok], start: int, end: int) -> tuple[int, int] | None:
    """The name of two or more words filling all of tokens [start, end), if there is one."""
    found = name_phrase_before(toks, end) if end - start > 1 else None
    return found if found == (start, end) and toks[start].text[:1].isupper() else None


def sentence_subject(toks: Sequence[Tok]) -> tuple[int, int] | None:
    """The noun phrase opening the sentence (after a dateline and up to three leading
    adverbials with their commas: "Even as regulators dug in this summer, Mr. Sloan, 56,")."""
    start = _skip_leads(toks, _after_dateline(toks))
    found = None
    for _ in range(_LEADS):
        lead = toks[start].text if start < len(toks) else ""
        if lead in _SUBJECTS:
            return start, start + 1  # `But he laid off staff`: "But" skipped
        opening = lead[1:].islower() and (lead.endswith(("ly", "ing")) or lead == "Asked")
        opening = opening and lead not in MALE and lead not in FEMALE  # "Carly", "Sterling"
        leading = (lead in STOP_CAPS and lead not in _POSSESSIVES) or opening
        leading = leading or lead.lower() in _SUBORDINATORS
        found = None if leading else np_after(toks, start) or _description_after(toks, start)
        found = _described_name(toks, found)
        if found and _place(toks, found) and found[1] < len(toks) and toks[found[1]].text == ",":
            found, leading = None, True  # `In San Bernardino, Calif., a familiar voice`
        if found and _time_lead(toks, found):
            found, leading = None, True  # `A few days later, Trump reversed himself`
        if found or not (leading or _lowercase_lead(toks, start)):
            return found
        commas = [i for i, t in enumerate(toks[start : start + 30]) if t.text == ","]
        if not commas:
            if lead in STOP_CAPS and start + 1 < len(toks) and toks[start + 1].text in _SUBJECTS:
                return start + 1, start + 2  # `But he laid off staff`
            return np_after(toks, start + 1) if lead in STOP_CAPS else None
        start = _skip_leads(toks, start + commas[0] + 1)
    return found


def _time_lead(toks: Sequence[Tok], span: tuple[int, int]) -> bool:
    """A time phrase and its comma opening the sentence ("A few days later,", "Two weeks
    ago,", "One day,"): not the subject."""
    for k in range(span[0], min(len(toks), span[1] + 3)):
        if toks[k].text == ",":
            return any(t.text.lower() in _TIME_WORDS for t in toks[span[0] : k])
    return False


def _described_name(toks: Sequence[Tok], found: tuple[int, int] | None) -> tuple[int, int] | None:
    """`Republican presidential nominee Donald Trump`: one capitalised word, a few lowercase
    nouns and adjectives (no verb), then a name, all one subject."""
    if found is None or found[1] >= len(toks):
        return found
    if toks[found[1] - 1].text.endswith(("’s", "'s")):
        return _owned_description(toks, found)
    if found[1] - found[0] != 1:
        return found
    longer = described_name_after(toks, found[1])
    if longer is None:
        return found
    words = [t.text for t in toks[found[1] : longer[1]] if t.text.islower()]
    if any(verb_like(w) or w in CLAUSE_WORDS or w in RELATIVES for w in words):
        return found
    return (found[0], longer[1])


def _owned_description(toks: Sequence[Tok], found: tuple[int, int]) -> tuple[int, int]:
    """`Hillary Clinton’s right-hand woman rallied`: an owner's name and the lowercase noun
    phrase it owns, up to the verb, all one subject."""
    j = found[1]
    while j < len(toks) and j - found[1] < 4 and toks[j].text.replace("-", "").isalpha():
        word = toks[j].text
        if not word.islower() or verb_like(word) or word in _CLAUSE_OR_RELATIVE:
            break
        j += 1
    if j > found[1] and j < len(toks) and toks[j].text.isupper() and len(toks[j].text) > 1:
        return (found[0], j + 1)  # `Trump’s potential VP`
    head = toks[j - 1].text.lower()
    if j == found[1] or not (head in ROLES or head in _OWNED_HEADS or head.endswith("er")):
        return found  # `Mr. Trump’s temperament came under scrutiny`: no one who speaks
    return (found[0], j)


def _skip_leads(toks: Sequence[Tok], start: int) -> int:
    while start < len(toks) and (
        toks[start].text in LEAD_WORDS or toks[start].text.lower() in ADVERBS
    ):
        start += 1
    return start


def _lowercase_lead(toks: Sequence[Tok], start: int) -> bool:
    """A sentence that opens with lowercase words and a comma ("more recently, Lee said")."""
    return (
        start < len(toks)
        and toks[start].text.islower()
        and any(t.text == "," for t in toks[start : start + 5])
    )


def _after_dateline(toks: Sequence[Tok]) -> int:
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


def _description_after(toks: Sequence[Tok], start: int) -> tuple[int, int] | None:
    """`One operative inside Trump Tower tried`: a determiner-led phrase up to its verb."""
    if start >= len(toks) or toks[start].text.lower() not in ("a", "an", "the", "one"):
        return None
    for j in range(start + 2, min(len(toks), start + 7)):
        word = toks[j].text
        if verb_like(word) and word.lower() not in ROLES:
            return (start, j) if toks[j - 1].text.isalpha() else None
        if not word.isalnum() or word.lower() in _CLAUSE_OR_RELATIVE:
            return None
    return None


def verb_like(word: str) -> bool:
    low = word.lower()
    if not word.isalpha() or word != low or low in NOT_VERBS:
        return False
    return low.endswith(("ed", "es", "s")) or low in CUES or low in AUXILIARIES or low in IRREGULAR
