"""One sentence -> the facts it states: numbers with what they count, dates, named people
(with their roles), places and organisations, and who it quotes or cites. Pure."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from tracker.analyze.claims.names import Name, names_in
from tracker.analyze.claims.numbers import NumberPhrase, number_phrases
from tracker.analyze.claims.text import Token, tokenise
from tracker.analyze.facts import lexicon as lx
from tracker.analyze.facts.atom import Atom
from tracker.analyze.facts.names import name_atoms
from tracker.analyze.facts.numbers import number_atoms
from tracker.analyze.facts.sources import Source, source_of
from tracker.analyze.facts.text import (
    Clause,
    Span,
    Words,
    clause_bounds,
    clause_cuts,
    key_stem,
    quoted_spans,
)


@dataclass(frozen=True, slots=True)
class Parsed:
    """A sentence's words, names and number phrases, worked out once per distinct sentence
    (most sentences stand in both versions)."""

    text: str
    tokens: tuple[Token, ...]
    keys: tuple[str | None, ...]  # each token's content-word stem, None for other words
    names: tuple[Name, ...]
    numbers: tuple[NumberPhrase, ...]


class SentenceFacts:
    """The facts of one sentence of one version: its text (typography normalised), facts,
    content-word stems (`keys`), clauses, source and how many words it quotes."""

    __slots__ = ("index", "_of")

    def __init__(
        self,
        index: int,
        text: str,
        atoms: tuple[Atom, ...],
        clauses: tuple[Clause, ...],
        keys: frozenset[str],
        source: Source,
        quoted_words: int,
    ) -> None:
        self.index = index
        self._of: _Known | _Reading = _Known(text, atoms, clauses, keys, source, quoted_words)

    @classmethod
    def _at(cls, index: int, reading: _Known | _Reading) -> SentenceFacts:
        """The facts of a sentence read already (or being read), standing at `index`."""
        made = cls.__new__(cls)
        made.index, made._of = index, reading
        return made

    def at(self, index: int) -> SentenceFacts:
        """The same sentence at another place: the one reading serves both."""
        return self if index == self.index else SentenceFacts._at(index, self._of)

    @property
    def text(self) -> str:
        return self._of.text

    @property
    def atoms(self) -> tuple[Atom, ...]:
        return self._of.atoms

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return self._of.clauses

    @property
    def keys(self) -> frozenset[str]:
        return self._of.keys

    @property
    def source(self) -> Source:
        return self._of.source

    @property
    def quoted_words(self) -> int:
        """Words inside quotation marks."""
        return self._of.quoted_words

    def clause_text(self, clause: Clause) -> str:
        return self.text[clause.start : clause.end].strip(" ,;-")


@dataclass(frozen=True, slots=True)
class _Known:
    """What a sentence states, given whole."""

    text: str
    atoms: tuple[Atom, ...]
    clauses: tuple[Clause, ...]
    keys: frozenset[str]
    source: Source
    quoted_words: int


class _Reading:
    """What a sentence states, each part worked out when first asked for. The comparison asks
    every sentence for its facts and words, but only the sentences an edit touched for their
    clauses, source and quoted words: most sentences of an article are kept as they were."""

    def __init__(self, parsed: Parsed, persons: frozenset[str], opened: bool) -> None:
        self._parsed, self._persons = parsed, persons
        self.text = parsed.text
        self.keys = frozenset(filter(None, parsed.keys))
        self._quoted = quoted_spans(parsed.text, opened)

    @cached_property
    def atoms(self) -> tuple[Atom, ...]:
        p = self._parsed
        return (
            *number_atoms(p.tokens, p.text, p.numbers, self._clause_at),
            *name_atoms(p.tokens, p.text, p.names, self._persons, self._quoted),
        )

    @cached_property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(self._words.clause(a, b) for a, b in self._bounds)

    @cached_property
    def source(self) -> Source:
        source = self._cited
        if source.text and not source.official:  # a person the sentence gives an official role
            roles = {w for a in self.atoms if a.kind == "person" and a.text in source.text
                     for w in a.about.split()}  # fmt: skip
            source = replace(source, official=bool(roles & lx.OFFICIAL_ROLES))
        return source

    @cached_property
    def quoted_words(self) -> int:
        return sum(self._words.quoted) if self._quoted else 0

    @cached_property
    def _cited(self) -> Source:
        return source_of(self._parsed.tokens, self.text, self._persons)

    @cached_property
    def _words(self) -> Words:
        cited = self._cited
        p = self._parsed
        return Words(p.tokens, p.keys, self._quoted, (cited.start, cited.end))

    @cached_property
    def _bounds(self) -> list[Span]:
        cuts = clause_cuts(self.text, self._quoted)
        return [(0, len(self.text))] if len(cuts) == 2 else clause_bounds(cuts, self._words)

    @cached_property
    def _starts(self) -> list[int]:
        return [a for a, _ in self._bounds]

    def _clause_at(self, position: int) -> Span:
        """The clause holding `position`, else the last one. The bounds follow one another in
        order, so the one holding it is the last that starts at or before it: one binary
        search, where a scan made a sentence of many clauses and numbers quadratic."""
        k = bisect.bisect_right(self._starts, position) - 1
        bounds = self._bounds
        return bounds[k] if k >= 0 and position < bounds[k][1] else bounds[-1]


@lru_cache(maxsize=4096)
def parse(sentence: str) -> Parsed:
    """Read once, kept for the next comparison: consecutive versions share most sentences."""
    tokens, text = tokenise(sentence)
    keys = tuple(map(key_stem, [t.key for t in tokens]))
    names, numbers = names_in(tokens, text), number_phrases(tokens, text)
    return Parsed(text, tuple(tokens), keys, tuple(names), tuple(numbers))


def sentence_facts(
    index: int, parsed: Parsed, persons: frozenset[str], opened: bool = False
) -> SentenceFacts:
    """The facts of one sentence; `persons` are surnames the article gives a person's title,
    `opened` says the sentence starts inside a quotation opened before it."""
    return SentenceFacts._at(index, _Reading(parsed, persons, opened))
