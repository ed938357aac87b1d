"""Whether a person is a he or a she, from what one article says about them: a given name,
a title or role noun before a mention ("Mrs.", "spokeswoman"), the pronoun that follows it."""

from __future__ import annotations

import re
from collections import Counter

from tracker.analyze.people.first_names import FEMALE, MALE
from tracker.analyze.people.runs import CAPWORD, PERSON_TITLES

_GENDERED = re.compile(
    r"\b(?:(?P<f>she|her|hers|herself|Mrs|Ms|Miss|spokeswoman|congresswoman|chairwoman"
    r"|businesswoman)|(?P<m>he|his|him|himself|Mr|spokesman|congressman|chairman"
    r"|businessman))\b"
)
_AFTER_PRONOUN = re.compile(r"\b(?:he|she)\b")


def gender_of(name: str, votes: Counter[str]) -> str | None:
    """A given name decides; otherwise titles, role nouns and the pronouns near the name."""
    words = [w for w in name.split() if w not in PERSON_TITLES and not w.endswith(".")]
    if len(words) >= 2 and words[0] in MALE:
        return "m"
    if len(words) >= 2 and words[0] in FEMALE:
        return "f"
    return votes.most_common(1)[0][0] if votes else None


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
