"""Contributor lines and editor's notes: recognise them, parse names, diff two versions. Pure."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2026": "...",
    }
)
_BY = re.compile(r"^\s*(?:written\s+|reported\s+|compiled\s+|edited\s+)?by\s+", re.I)
_OUTLET = re.compile(r"^(?:[A-Z][\w&.-]*\s+){0,3}?[A-Z][\w&.-]*'s\s+(?=[A-Z])")
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
    r"(?:reporting|writing|editing|research|researching|compiled|reported|written|edited|"
    r"contributing|fact-checking|graphics|photos?|video)(?:\s+and\s+\w+)?\s+by\s+",
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
    r"(?:report|article|story|post))|\bcontributed\.?\s*$|^\s*(?:additional\s+|with\s+)?"
    r"(?:reporting|writing|editing|research)\s+(?:and\s+\w+\s+)?by\s+(?-i:[A-Z])",
    re.I,
)
_NOTE = re.compile(
    r"^\W{0,3}(?:correction|corrections|clarification|editor'?s'?\s+note|editors'\s+note|"
    r"update|updated|updates)\b\s*(?:\([^)]{0,40}\)\s*)?[:.-]"
    r"|^\W{0,3}(?:an?\s+)?(?:earlier|previous|prior)\s+versions?\s+of\s+this\s+"
    r"|^\W{0,3}(?:this|the)\s+(?:story|article|report|post|piece|headline|item)\s+"
    r"(?:has\s+been|was|had\s+been|is\s+being|will\s+be)\s+(?:updated|corrected|amended|"
    r"revised|changed|clarified)"
    r"|^\W{0,3}this\s+is\s+a\s+(?:developing|breaking)\s+(?:news\s+)?story"
    r"|^\W{0,3}because\s+of\s+an\s+editing\s+error",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)\s*")
_NOT_NAME = re.compile(r"[^\w .'-]|^\W|\d")


def normalize_name(name: str) -> str:
    """A person's name as printed once: no 'By', outlet, title, role or shouted capitals."""
    text = " ".join(name.translate(_TYPOGRAPHY).split()).strip(" .,;:")
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
    """Names in a byline or contributor line, normalised, in order, without repeats."""
    text = " ".join(line.translate(_TYPOGRAPHY).split())
    names: list[str] = []
    for segment in re.split(r"\s*[;|]\s*|\.\s+(?=[A-Z])", text):
        segment = _LEAD.sub("", _BY.sub("", segment.strip(" .")))
        for part in _parts(segment):
            name = normalize_name(_PLACE.sub("", _TRAIL.sub("", part)))
            if _looks_like_name(name):
                names.append(name)
    return _unique(names, _name_key)


def _parts(segment: str) -> list[str]:
    """Comma / 'and' separated pieces, keeping 'Jr.'-style suffixes with their name."""
    parts: list[str] = []
    for piece in _SPLIT.split(segment):
        if parts and _SUFFIX.fullmatch(" " + _TRAIL.sub("", piece)):
            parts[-1] += " " + piece
        elif piece:
            parts.append(piece)
    return parts


def diff_names(old: Sequence[str], new: Sequence[str]) -> tuple[list[str], list[str]]:
    """(added, removed) names, compared by normalised name ('Manu Raju' == 'MANU RAJU')."""
    old_keys = {_name_key(n) for n in old}
    new_keys = {_name_key(n) for n in new}
    added = [normalize_name(n) for n in new if _name_key(n) not in old_keys]
    removed = [normalize_name(n) for n in old if _name_key(n) not in new_keys]
    return _unique(added, _name_key), _unique(removed, _name_key)


def diff_notes(old: Sequence[str], new: Sequence[str]) -> tuple[list[str], list[str]]:
    """(added, removed) notes; typography and spacing do not count as a change."""
    old_keys = {_note_key(n) for n in old}
    new_keys = {_note_key(n) for n in new}
    added = [n for n in new if _note_key(n) not in old_keys]
    removed = [n for n in old if _note_key(n) not in new_keys]
    return _unique(added, _note_key), _unique(removed, _note_key)


def is_note(paragraph: str) -> bool:
    """A correction, clarification, update or editor's note paragraph."""
    return bool(_NOTE.search(paragraph.translate(_TYPOGRAPHY)))


def is_contributor_line(paragraph: str) -> bool:
    """A line crediting reporters ('X contributed to this report', 'Reporting by X; ...')."""
    text = paragraph.translate(_TYPOGRAPHY).strip()
    return len(text) <= 400 and bool(_CONTRIBUTOR.search(text)) and bool(split_names(text))


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


def _name_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", normalize_name(name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^\w ]", "", text).casefold().replace("  ", " ").strip()


def _note_key(note: str) -> str:
    text = unicodedata.normalize("NFKC", note).translate(_TYPOGRAPHY)
    return " ".join(text.split()).casefold().strip(" .")


def _unique(items: Iterable[str], key: Callable[[str], str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        k = key(item)
        if k and k not in seen:
            seen.add(k)
            out.append(item)
    return out
