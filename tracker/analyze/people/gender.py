"""Whether a person is a he or a she, from what one article says about them: a given name,
a title or role noun before a mention ("Mrs.", "spokeswoman"), the pronoun that follows it."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from tracker.analyze.people.first_names import FEMALE, MALE
from tracker.analyze.people.runs import CAPWORD, PERSON_TITLES

_GENDERED = re.compile(
    r"\b(?:(?P<f>she|her|hers|herself|Mrs|Ms|Miss|spokeswoman|congresswoman|chairwoman"
    r"|businesswoman)|(?P<m>he|his|him|himself|Mr|spokesman|congressman|chairman"
    r"|businessman))\b"
)
_TITLE_GENDER = {"Mr.": "m", "Mrs.": "f", "Ms.": "f", "Miss": "f"}
_AFTER_PRONOUN = re.compile(r"\b(?:he|she)\b")


def gender_of(name: str, votes: Counter[str]) -> str | None:
    """A given name decides; otherwise titles, role nouns and the pronouns near the name."""
    return name_gender(name) or (votes.most_common(1)[0][0] if votes else None)


@lru_cache(maxsize=4096)  # asked once a name per mention index, and again for its vote
def name_gender(name: str) -> str | None:
    """The gender the name itself gives, by a title or a common given name; else None."""
    title = title_gender(name)
    if title:
        return title
    known = [w for w in name.split()[:-1] if w in MALE or w in FEMALE]
    given = known[0] if known else _given_name(name)  # "… Correspondent Cynthia McFadden"
    if given in MALE:
        return "m"
    if given in FEMALE:
        return "f"
    return None


def title_gender(name: str) -> str | None:
    """The gender a title before a name gives: "Ms. Khan" is a she whatever "Mr. Khan" is."""
    words = name.split()
    return _TITLE_GENDER.get(words[0]) if words else None


def _given_name(name: str) -> str | None:
    """The first name of a person's name, after any place, title or role before it
    ("Massachusetts Sen. Elizabeth Warren", "White House spokesman Josh Earnest")."""
    words = name.split()
    start = 0
    for i, word in enumerate(words[:-1]):
        if word in PERSON_TITLES or not word[:1].isupper():
            start = i + 1
    rest = [w for w in words[start:] if not w.endswith(".")]
    return rest[0] if len(rest) >= 2 else None


def gender_near(masked: str, start: int, end: int) -> list[str]:
    """Gender hints around one mention: a title or role before it, the next pronoun after it."""
    out = []
    before = _GENDERED.search(masked, max(0, start - 14), start)
    if before and not before.group().islower() or before and before.group()[-3:] == "man":
        out.append("f" if before.group("f") else "m")
    window = masked[end : end + 60].split(".", 1)[0]
    after = _AFTER_PRONOUN.search(window)
    if after and not CAPWORD.search(window, 1, after.start()):
        out.append("f" if after.group() == "she" else "m")
    return out
