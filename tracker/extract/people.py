"""Names and notes in article text: bylines, contributor lines, editor's notes. Pure.

The one implementation behind `Article.authors`, `.contributors` and `.notes` at extraction
and behind the report's contributor and note diffs (tracker.analyze.people).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from tracker.extract.boilerplate import CLOCK_WORDS, is_layout
from tracker.extract.memo import per_text
from tracker.extract.places import DATE_WORDS, is_place, leading_place, trailing_place
from tracker.extract.typography import folded_lower, plain_typography

_BY = re.compile(r"^\s*(?:written\s+|reported\s+|compiled\s+|edited\s+)?by\s+", re.I)
_OUTLET = re.compile(r"^(?:[A-Z][\w&.-]*\s+){0,3}?[A-Z][\w&.-]*(?:'s|(?<=s)')\s+(?=[A-Z])")
_TITLE = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Rev|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt)\.?|Senior|Staff|Special|"
    r"Correspondent|Reporter|Writer|Editor|Photographer|Producer)\s+",
)
_ROLE_LEAD = re.compile(
    r"^(?:[\w'.-]+\s+){0,4}?(?:staff\s+)?(?:writers?|reporters?|correspondents?|"
    r"researchers?|editors?|photographers?|producers?|columnists?)\s+(?=(?-i:[A-Z]))",
    re.I,
)
_SUFFIX = re.compile(r",?\s+(?:Jr|Sr|II|III|IV)\.?$")
_ROLE_TAIL = re.compile(r"\s*[,|/(-]\s+.*$|\s*\(.*$")
_PLACE = re.compile(
    r"\s+(?:reporting\s+)?(?:in|from|at)\s+(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*"
)
_LEAD = re.compile(
    r"^\s*(?:(?:additional|further|more|with|and|also)\s+)*"
    r"(?:(?:reporting|writing|editing|research|researching|compiled|reported|written|edited|"
    r"contributing|fact-checking|graphics|photos?|video)(?:\s+and\s+\w+)?"
    r"|(?:additional\s+)?(?:reporting|research)(?:\s+and\s+\w+)?\s+(?:was|were|has\s+been|"
    r"had\s+been)\s+(?:contributed|provided|done))\s+by\s+",
    re.I,
)
_TRAIL = re.compile(
    r"\s*(?:(?:have|has|had)\s+)?(?:also\s+)?contributed\b.*$|\s+(?:also\s+)?reported\s+"
    r"(?:from|this)\b.*$|\s+(?:are|is)\s+(?:staff\s+)?(?:writers?|reporters?|correspondents?)"
    r"\b.*$",
    re.I,
)
_CONTRIBUTOR = re.compile(
    r"\bcontributed\s+(?:additional\s+|to\s+)?(?:reporting|research|to\s+th(?:is|e)\s+"
    r"(?:report|article|story|post))|\bcontributed\.?\s*$|^\s*(?:additional\s+|with\s+|"
    r"contributing\s+)?(?:reporting|writing|editing|research|compiled|produced)\s+"
    r"(?:and\s+\w+\s+)?by\s+(?-i:[A-Z])"
    r"|^\s*(?:additional\s+)?(?:reporting|research)(?:\s+and\s+\w+)?\s+(?:was|were|has\s+been|"
    r"had\s+been)\s+(?:contributed|provided)\s+by\s+(?-i:[A-Z])",
    re.I,
)
# "Jane Doe reported from Kabul, and John Roe from Islamabad." as a line of its own
_REPORTED_FROM = re.compile(r"^(?-i:[A-Z])[^.]*?\breported\s+(?:from|in)\s+(?-i:[A-Z])", re.I)
_CREDIT_WORDS = frozenset(
    "and by from in at of the with for also additional reporting reported contributed "
    "research writing editing was were has have had been provided this report article story "
    "to de da del della der di du la le van von bin ibn al el y dos das".split()
)
_NOTE = re.compile(
    r"^\W{0,3}(?:correction|corrections|clarification|clarifications|editor'?s'?\s+note|"
    r"editors'\s+note|update|updated|updates)\b\s*(?:\([^)]{0,40}\)\s*)?[:.-]"
    r"|^\W{0,3}updated?\s+(?:at\s+)?[^:]{0,30}\d[^:]{0,20}:\s+(?P<rest>.+)"
    r"|^\W{0,3}corrections?\s+(?:appended|notice)"
    r"|^\W{0,3}(?:an?\s+)?(?:earlier|previous|prior)\s+versions?\s+of\s+this\s+"
    r"|^\W{0,3}(?:this|the)\s+(?:story|article|report|post|piece|headline|item|version)\s+"
    r"(?:has\s+been|was|had\s+been|is\s+being|will\s+be|is)\s+(?:updated|corrected|amended|"
    r"revised|changed|clarified|edited)"
    r"|^\W{0,3}(?:story|article)\s+(?:has\s+been\s+|was\s+)?(?:updated|corrected)\b"
    r"|^\W{0,3}this\s+is\s+a\s+(?:developing|breaking)\s+(?:news\s+)?story"
    r"|^\W{0,3}because\s+of\s+an\s+editing\s+error",
    re.I,
)
_NOTE_LABEL = re.compile(r"^\W{0,3}(?:updated?|last\s+updated)\b[^:]{0,40}:?\s*", re.I)
_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)\s*")
_NOT_NAME = re.compile(r"[^\w .'-]|^\W|\d")


def normalize_name(name: str) -> str:
    """A person's name as printed once: no 'By', outlet, title, role or shouted capitals."""
    text = _unglue_date(" ".join(plain_typography(name).split())).strip(" .,;:")
    suffix = _SUFFIX.search(text)
    text = text[: suffix.start()] if suffix else text
    text = _BY.sub("", text)
    text = _ROLE_LEAD.sub("", _OUTLET.sub("", text))
    text = _ROLE_TAIL.sub("", text)
    while _TITLE.match(text):
        text = _TITLE.sub("", text, count=1)
    if _shouted(text) or text.islower():
        text = " ".join(_capitalise(w) for w in text.split())
    if suffix:
        text += " " + suffix.group().strip(" ,")
    return text.strip(" .,;:")


def split_names(line: str) -> list[str]:
    """Names in a byline or contributor line, normalised, in order, without repeats: places
    ("from Kabul, Afghanistan", "Rialto, Calif."), organisations, dates and roles left out."""
    text = " ".join(plain_typography(line).split()).strip(" ()[]*_")
    names: dict[str, str] = {}
    for segment in _clauses(text):
        segment = _LEAD.sub("", _BY.sub("", re.sub(r"^\s*and\s+", "", segment.strip(" ."))))
        for part in _parts(segment):
            name = _credit_name(part)
            if name:
                names.setdefault(name_key(name), name)
    return list(names.values())


def _clauses(text: str) -> list[str]:
    """Clauses of a credit line: cut at ";", "|", brackets and full stops, but not after an
    initial or a short title ("David E. Sanger", "John Cushman Jr. and ...")."""
    out: list[str] = []
    start = 0
    for match in re.finditer(r"\s*[;|()]\s*|\.\s+(?=[A-Z])", text):
        if match.group().startswith(".") and _ABBREVIATION_END.search(text[start : match.start()]):
            continue
        out.append(text[start : match.start()])
        start = match.end()
    out.append(text[start:])
    return [s for s in out if s.strip()]


_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:[A-Z]|Jr|Sr|St|Mr|Mrs|Ms|Dr|Lt|Gen|Col|Sgt|Rev)$")


def _credit_name(part: str) -> str | None:
    """The person in one piece of a credit line, or None for a place, date, outlet or role."""
    cut = _TRAIL.sub("", part)
    bare = _PLACE.sub("", cut)
    name = scrub_name(normalize_name(bare), residue=bare != part)
    if not name or not _looks_like_name(name) or len(name.split()) < 2:
        return None
    if is_place(name) or _is_organisation(name):
        return None
    return name


def _parts(segment: str) -> list[str]:
    """Comma / 'and' separated pieces, keeping 'Jr.'-style suffixes with their name."""
    parts: list[str] = []
    for piece in _SPLIT.split(segment):
        if parts and _SUFFIX.fullmatch(" " + _TRAIL.sub("", piece)):
            parts[-1] += " " + piece
        elif piece:
            parts.append(piece)
    return parts


@per_text()  # asked of each paragraph and sentence, and most stand in both versions
def is_note(paragraph: str) -> bool:
    """A correction, clarification, update or editor's note as printed (not a timestamp)."""
    text = plain_typography(paragraph).strip()
    # The rule, anchored at the start, turns most lines away before their words are counted.
    if len(text) > 1200 or not _NOTE.search(text) or len(text.split()) < 4:
        return False
    return not _is_timestamp(_NOTE_LABEL.sub("", text, count=1))


def _is_timestamp(text: str) -> bool:
    """ "3:45 PM ET, Tue March 5, 2024": only clock, date and zone words."""
    words = [w.strip(",;()").replace(".", "").lower() for w in text.split()]
    return all(not w or w in CLOCK_WORDS or any(c.isdigit() for c in w) for w in words)


def is_contributor_line(paragraph: str) -> bool:
    """A line crediting reporters ('X contributed to this report', 'Reporting by X; ...')."""
    return bool(contributor_names(paragraph))


def contributor_names(line: str) -> list[str]:
    """Names in "X contributed to this report", "Reporting by X; Editing by Y" and the like."""
    return list(_contributor_names(line))


@per_text()  # asked of each paragraph and sentence, and most stand in both versions
def _contributor_names(line: str) -> tuple[str, ...]:
    text = plain_typography(line).strip(" ()[]*_-")
    if len(text) > 400:
        return ()
    if not _credits_reporters(text) and not (_REPORTED_FROM.match(text) and is_name_list(text)):
        return ()
    return tuple(split_names(text))


def _credits_reporters(text: str) -> bool:
    """`_CONTRIBUTOR.search(text)`: the branches of the rule that can match past the start of
    a line all hold "contributed", so a line without that word is matched at its start alone."""
    if _CONTRIBUTOR.match(text):
        return True
    return "contributed" in folded_lower(text) and bool(_CONTRIBUTOR.search(text))


def is_name_list(text: str) -> bool:
    """Whether a line reads as names and credits only: its lower-case words are all credit
    words ("and", "from", "contributed reporting"), so it is no sentence of the story."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    return bool(words) and all(
        w[0].isupper() or w.lower().strip(".") in _CREDIT_WORDS for w in words
    )


def _shouted(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _capitalise(word: str) -> str:
    parts = re.split(r"([-'])", word.lower())
    out = "".join(p[:1].upper() + p[1:] if p.isalpha() else p for p in parts)
    return re.sub(r"^(Mc)(\w)", lambda m: m.group(1) + m.group(2).upper(), out)


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 5 or _NOT_NAME.search(name):
        return False
    if any(w.lower().strip(".") in _ROLES for w in words):
        return False
    return all(w[0].isupper() or w.lower() in _PARTICLES for w in words)


_ROLES = frozenset(
    "correspondent reporter writer editor staff senior bureau chief contributor columnist "
    "producer photographer analyst intern he she they it this we i news wire wires".split()
)
_PARTICLES = frozenset("de da del della der di du la le van von bin al el y dos das".split())


def name_key(name: str) -> str:
    """What two spellings of one name share: 'MANU RAJU', 'By Manu Raju' and 'Manu K. Raju Jr.'
    key alike (case, accents, initials and generational suffixes do not count)."""
    text = unicodedata.normalize("NFKD", normalize_name(name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = re.sub(r"[^\w ]", "", text).casefold().split()
    kept = [w for w in words if len(w) > 1 and w not in _GENERATIONS]
    return " ".join(kept or words)


_GENERATIONS = frozenset("jr sr ii iii iv".split())


def same_person(a: str, b: str) -> bool:
    """Whether two names stand for one person: equal keys, the same first and last name
    ("Martin Luther King" / "Martin King"), or one name the other with words after it."""
    ka, kb = name_key(a).split(), name_key(b).split()
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if len(ka) < 2 or len(kb) < 2:
        return False
    short, long = sorted((ka, kb), key=len)
    return (ka[0], ka[-1]) == (kb[0], kb[-1]) or long[: len(short)] == short


# --- cleaning names that layout and other extractors garbled --------------------------------

_MONTHS = "january|february|march|april|june|july|august|september|october|november|december"
_MONTH_ABBREVIATIONS = "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
_GLUED_DATE = re.compile(
    rf"(?<=[^\W\d_]{{3}})(?:{_MONTHS}|may|{_MONTH_ABBREVIATIONS})\.?,?\s*\d.*$"
    rf"|(?<=[a-z]{{3}})(?:(?:{_MONTHS})\.?|(?:{_MONTH_ABBREVIATIONS})\.)$"
    rf"|(?<=[a-z]{{3}})(?-i:{_MONTHS.title()}|May)\.?$",
    re.I,
)
_ROLE_CUT = re.compile(
    r"\s+(?:(?:has|have|had|also)\s+)*(?:contributed|contributing|reported|reporting|"
    r"researched|research)\b.*$",
    re.I,
)
_OF_ORGANISATION = re.compile(r"(?<=\w)\s+of\s+(?:the\s+)?[A-Z].*$")
_FROM_PLACE = re.compile(r"\s+(?:from|(?-i:in|at))\s+\S.*$", re.I)
_IN_PLACE = re.compile(r"\s+(?:in|at)\s+(?P<place>\S.*)$", re.I)


def _unglue_date(text: str) -> str:
    """ "Andrew Jacobsjune 5, 2012" -> "Andrew Jacobs": a date a page layout glued to a name."""
    return _GLUED_DATE.sub("", text)


def scrub_name(name: str, residue: bool = False) -> str:
    """A name without what a credit line or a garbled byline put around it: a glued date,
    "of The Times", a state before it ("Fla. David E. Sanger") or a place after it
    ("Michael Schwirtz New York"; a one-word place only when `residue` says the name came
    from a longer credit). "" when nothing of a name is left."""
    text = _unglue_date(" ".join(name.split())).strip(" ,;:")
    before = text
    text = _ROLE_CUT.sub("", text)
    residue = residue or text != before
    if len(text.split()) > 2:
        text = _FROM_PLACE.sub("", _OF_ORGANISATION.sub("", text))
        where = _IN_PLACE.search(text)
        if where and is_place(where.group("place")):
            text = text[: where.start()]
    words = text.split()
    lead = leading_place(words)
    if lead and words[lead - 1].endswith((".", ",")) and len(words) - lead >= 2:
        words = words[lead:]
    tail = trailing_place(words)
    if tail and len(words) - tail >= 2 and (tail > 1 or residue):
        words = words[:-tail]
    text = " ".join(words).strip(" ,;:")
    return "" if is_layout(text) or is_place(text) else text


def _is_organisation(name: str) -> bool:
    words = name.split()
    lower = [w.lower().strip(".,") for w in words]
    return (
        lower[0] == "the"
        or any(w in _ORG_WORDS for w in lower[1:])
        or _outlet_key(name) in _WIRES
        or all(w in DATE_WORDS for w in lower)
    )


def tidy_names(names: Iterable[str]) -> list[str]:
    """Names from any source (metadata, bylines, stored versions) as people: garbled dates,
    credit words, places and layout text cleaned off, and entries that glue two listed names
    together ("Jane Doe John Roe") or repeat one with a place ("Jane Doe Houston") dropped."""
    out: list[str] = []
    for raw in names:
        name = scrub_name(normalize_name(raw))
        if name and any(c.isalpha() for c in name) and not _is_role(name):
            out.append(name)
    return merge_people(out)


def _is_role(name: str) -> bool:
    return all(w.lower().strip(".,") in _ROLES | _JOB_WORDS for w in name.split())


def merge_people(names: list[str]) -> list[str]:
    """One entry per person: an entry made of other entries ("Jane Doe John Roe"), or of one
    entry and a leftover word ("Jane Doe Houston", "Calif. Jane Doe"), is dropped; a leftover
    that is itself a full name is kept as that name."""
    keys = [_words_key(n) for n in names]
    out: dict[str, str] = {}
    for index, name in enumerate(names):
        others = [k for j, k in enumerate(keys) if j != index and k and k != keys[index]]
        for part in _unglue(name, keys[index], others):
            if not any(same_person(part, kept) for kept in out.values()):
                out[name_key(part)] = part
    return list(out.values())


def _words_key(name: str) -> tuple[str, ...]:
    return tuple(w.strip(".,").casefold() for w in name.split())


def _unglue(name: str, key: tuple[str, ...], others: list[tuple[str, ...]]) -> list[str]:
    """The names an entry holds, given the other entries of its list."""
    words = name.split()
    for other in sorted(others, key=len, reverse=True):
        size = len(other)
        if size < 2 or size >= len(key):
            continue
        if key[:size] == other:
            known, rest = words[:size], words[size:]
        elif key[-size:] == other:
            known, rest = words[len(words) - size :], words[: len(words) - size]
        else:
            continue
        if len(rest) < 2:
            return [" ".join(known)]  # a listed name and a leftover word ("Houston", "Fla.")
        more = _unglue(" ".join(rest), _words_key(" ".join(rest)), others)
        return [" ".join(known), *more] if key[:size] == other else [*more, " ".join(known)]
    return [name]


# --- bylines --------------------------------------------------------------------------------

_BY_PREFIX = re.compile(
    r"^\s*(?:(?:[\w'’]+\s+){0,3}?(?:posted|written|reported|published|posts|articles?|"
    r"stories|edited)\s+)?by(?:\s+|(?=(?-i:[A-Z])))",
    re.IGNORECASE,
)
_ORG_WORDS = frozenset(
    "press news times post journal reuters media agency service services network tribune "
    "herald daily magazine radio tv television online digital group newspapers wire".split()
)
_OUTLET_TAIL = frozenset(
    "news online media agency agencies newsroom redaktion desk team staff wire wires "
    "service network group magazine tv radio".split()
)
_WIRES = frozenset(
    "reuters afp ap dpa apa upi ians pti ani xinhua kyodo efe ansa associated press "
    "associatedpress pressassociation agencefrancepresse agencies".split()
)
_NOT_AUTHORS = frozenset(
    "admin administrator user guest unknown anonymous editor editors staff redaktion by".split()
)
_NAME_CUT = re.compile(
    r"\s*(?:\b(?:updated|published|posted|last updated|photographs? by|photos? by|video by|"
    r"illustrations? by|follow|email|e-mail|twitter|read more|more from)\b|\b\d|\(|@|"
    r"\s[-–—]\s|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d)",
    re.IGNORECASE,
)
_JOB_WORDS = frozenset(
    "writer writers reporter reporters correspondent correspondents editor editors staff "
    "contributor contributors columnist photographer analyst producer bureau chief senior "
    "intern author authors journalist journalists desk team opinion special contributing "
    "associate deputy managing political national international washington engineer "
    "developer reporting research additional contributed".split()
)
_LOWER_PARTICLES = frozenset(
    "de da del della der den di do dos du la le van von bin al el ibn".split()
)


def clean_names(raw: Iterable[str], lenient: bool = False) -> list[str]:
    """Person names from byline-like strings: no "By", job titles, URLs or "Staff"; deduped.

    `lenient` is for fields that hold only a name (JSON-LD, meta tags): there a name may be
    written in lower case ("marc", "Mobasir hassan").
    """
    names: list[str] = []
    seen: set[str] = set()
    for text in raw:
        for piece in _name_pieces(text, lenient):
            key = piece.casefold()
            if key not in seen and key not in _NOT_AUTHORS:
                seen.add(key)
                names.append(piece)
    return merge_people(names)


def drop_outlets(names: list[str], outlets: Iterable[str]) -> list[str]:
    """Names without the publication's own ("BBC News", "Reuters", the site's name)."""
    keys = {_outlet_key(o) for o in outlets} - {""}
    return [n for n in names if not _is_outlet(n, keys)]


def _is_outlet(name: str, outlet_keys: set[str]) -> bool:
    words = name.split()
    key = _outlet_key(name)
    return (
        key in outlet_keys
        or key in _WIRES
        or words[0].lower() == "the"
        or words[-1].lower() in _OUTLET_TAIL
        or (len(words) == 1 and name.isupper() and len(name) <= 4)
    )


def _outlet_key(text: str) -> str:
    text = re.sub(r"^the\s+|\.(?:com|org|net|co\.uk|de)$", "", text.strip().lower())
    return re.sub(r"[^\w]", "", text)


def _name_pieces(text: str, lenient: bool) -> Iterator[str]:
    text = re.sub(r"https?://\S+|www\.\S+", " ", " ".join(text.split()))
    text = _BY_PREFIX.sub("", text)
    text = _NAME_CUT.split(text, maxsplit=1)[0]
    for group in re.split(r"\s*(?:;|&|\band\b|\bwith\b|\||/|\+)\s*", text, flags=re.I):
        for index, piece in enumerate(group.split(",")):
            piece = _unglue_date(_LEAD.sub("", _BY_PREFIX.sub("", piece)).strip())
            piece = _before_job(piece.strip(" .:-–—'\"“”"))
            piece = scrub_name(piece).strip(" .:-–—'\"“”")
            if (
                piece
                and _looks_like_byline_name(piece, lenient)
                and (index == 0 or _looks_like_person(piece))
            ):
                yield piece.title() if piece.isupper() and len(piece) > 4 else piece


def _before_job(piece: str) -> str:
    """ "Jane Doe Staff Writer" -> "Jane Doe"; a job title alone stays (and is refused)."""
    words = piece.split()
    for index, word in enumerate(words):
        if index >= 2 and word.lower().strip(".,") in _JOB_WORDS:
            return " ".join(words[:index])
    return piece


def _looks_like_person(piece: str) -> bool:
    """A name after a comma is a co-author only if it does not read as an affiliation."""
    words = piece.split()
    return len(words) >= 2 and not any(w.lower() in _ORG_WORDS for w in words)


def _looks_like_byline_name(piece: str, lenient: bool) -> bool:
    words = piece.split()
    if not 1 <= len(words) <= 5 or len(piece) > 60:
        return False
    if any(w.lower().strip(".,") in _JOB_WORDS for w in words):
        return False
    if lenient:
        return any(c.isalpha() for c in piece)
    return all(w[0].isupper() or w.lower() in _LOWER_PARTICLES for w in words if w[0].isalpha())


def strip_by(text: str) -> str:
    """ "By Jane Doe" -> "Jane Doe"; other text unchanged."""
    return _BY_PREFIX.sub("", text)
