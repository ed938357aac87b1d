"""One sentence -> the facts it states: numbers with what they count, dates, named people
(with their roles), places and organisations, and who it quotes or cites. Pure."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from tracker.analyze.claims.names import Name, names_in
from tracker.analyze.claims.numbers import NumberPhrase, number_phrases
from tracker.analyze.claims.text import Token, tokenise
from tracker.analyze.facts import lexicon as lx
from tracker.analyze.facts.atom import Atom
from tracker.analyze.facts.names import name_atoms
from tracker.analyze.facts.numbers import number_atoms
from tracker.analyze.facts.sources import Source, source_of
from tracker.analyze.facts.text import Clause, clauses, inside, quoted_spans, word_key


@dataclass(frozen=True, slots=True)
class Parsed:
    """A sentence's words, names and number phrases, worked out once per distinct sentence
    (most sentences stand in both versions)."""

    text: str
    tokens: tuple[Token, ...]
    keys: tuple[str | None, ...]  # each token's content-word stem, None for other words
    names: tuple[Name, ...]
    numbers: tuple[NumberPhrase, ...]


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """The facts of one sentence of one version."""

    index: int
    text: str  # typography normalised
    atoms: tuple[Atom, ...]
    clauses: tuple[Clause, ...]
    keys: frozenset[str]  # content-word stems
    source: Source
    quoted_words: int  # words inside quotation marks

    def clause_text(self, clause: Clause) -> str:
        return self.text[clause.start : clause.end].strip(" ,;-")


@lru_cache(maxsize=4096)
def parse(sentence: str) -> Parsed:
    """Read once, kept for the next comparison: consecutive versions share most sentences."""
    tokens, text = tokenise(sentence)
    keys = tuple(map(word_key, tokens))
    names, numbers = names_in(tokens, text), number_phrases(tokens, text)
    return Parsed(text, tuple(tokens), keys, tuple(names), tuple(numbers))


def sentence_facts(
    index: int, parsed: Parsed, persons: frozenset[str], opened: bool = False
) -> SentenceFacts:
    """The facts of one sentence; `persons` are surnames the article gives a person's title,
    `opened` says the sentence starts inside a quotation opened before it."""
    tokens, text = parsed.tokens, parsed.text
    quoted = quoted_spans(text, opened)
    source = source_of(tokens, text, persons)
    parts = clauses(text, tokens, parsed.keys, quoted, (source.start, source.end))
    atoms = [
        *number_atoms(tokens, text, parsed.numbers, parts),
        *name_atoms(tokens, text, parsed.names, persons, quoted),
    ]
    if source.text and not source.official:  # a person the sentence gives an official role
        roles = {w for a in atoms if a.kind == "person" and a.text in source.text
                 for w in a.about.split()}  # fmt: skip
        source = replace(source, official=bool(roles & lx.OFFICIAL_ROLES))
    return SentenceFacts(
        index,
        text,
        tuple(atoms),
        tuple(parts),
        frozenset(k for k in parsed.keys if k),
        source,
        sum(inside(t.start, quoted) for t in tokens) if quoted else 0,
    )
