"""One version of an article as a fact ledger: the facts of each sentence, with what the
comparison needs to look them up (every fact key, which sentences hold a word, paragraphs)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tracker.analyze.facts.names import person_surnames
from tracker.analyze.facts.sentence import Parsed, SentenceFacts, parse, sentence_facts
from tracker.analyze.facts.text import quote_states

COMMON = 12  # sentences holding a word beyond which the word is looked up last


@dataclass
class Version:
    """One version's sentences with their facts, and the sentences the comparison looks at."""

    facts: list[SentenceFacts]
    touched: set[int] = field(default_factory=set)  # sentences an edit touched
    paragraph_of: dict[int, int] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)  # fact keys anywhere in the version
    holders: dict[str, list[int]] = field(default_factory=dict)  # content word -> sentences
    common: frozenset[str] = frozenset()  # words more than COMMON sentences hold

    def __post_init__(self) -> None:
        self.set_aside(set())

    def set_aside(self, sentences: set[int]) -> None:
        """Read the version's facts without these sentences (notes and credits, whose words
        are no statement of the story: a correction names the misspelt name too)."""
        kept = [s for s in self.facts if s.index not in sentences]
        self.keys = {a.key for s in kept for a in s.atoms}
        holders: defaultdict[str, list[int]] = defaultdict(list)
        for s in kept:
            for k in s.keys:
                holders[k].append(s.index)
        self.holders = dict(holders)
        self.common = frozenset(k for k, held in self.holders.items() if len(held) > COMMON)


def read_versions(old: Sequence[str], new: Sequence[str]) -> tuple[Version, Version]:
    """The ledgers of two versions; a sentence both hold is read once."""
    parsed = {s: parse(s) for s in {*old, *new}}
    persons = person_surnames((p.tokens, p.names) for p in parsed.values())
    seen: dict[tuple[str, bool], SentenceFacts] = {}
    return (
        Version(_read(old, parsed, persons, seen)),
        Version(_read(new, parsed, persons, seen)),
    )


def _read(
    sentences: Sequence[str],
    parsed: Mapping[str, Parsed],
    persons: frozenset[str],
    seen: dict[tuple[str, bool], SentenceFacts],
) -> list[SentenceFacts]:
    out = []
    opens = quote_states([parsed[s].text for s in sentences])
    for i, (s, opened) in enumerate(zip(sentences, opens, strict=True)):
        if (s, opened) not in seen:
            seen[(s, opened)] = sentence_facts(i, parsed[s], persons, opened)
        known = seen[(s, opened)]
        out.append(known.at(i))
    return out
