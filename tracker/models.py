"""Frozen data passed between stages: fetch -> extract -> segment -> align -> analyze -> render."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Literal

AlignKind = Literal["same", "edited", "added", "removed", "moved"]
ClaimKind = Literal["number", "negation", "entity", "hedge", "attribution"]
FactKind = Literal["number", "person", "place", "organisation", "date", "statement", "other"]
ChangeKind = Literal[
    "fact",
    "quote",
    "reattribution",
    "correction",
    "contributor",
    "headline",
    "wording",
    "structure",
    "caption",
]


@dataclass(frozen=True, slots=True)
class Page:
    """One HTTP response (or a local file read as one)."""

    url: str
    final_url: str
    status: int
    content: bytes
    fetched: str
    headers: dict[str, str] = field(default_factory=dict)
    redirects: tuple[str, ...] = ()
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """What extraction sees in one version of a story."""

    title: str
    authors: list[str]
    published: str | None
    modified: str | None
    paragraphs: list[str]
    contributors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    url: str | None = None
    description: str | None = None
    captions: list[str] = field(default_factory=list)  # picture captions, kept out of the body

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "modified": self.modified,
            "url": self.url,
            "description": self.description,
            "contributors": list(self.contributors),
            "notes": list(self.notes),
            "captions": list(self.captions),
            "paragraphs": list(self.paragraphs),
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Alignment:
    """One group of aligned sentences: indices into the old and new sentence lists."""

    kind: AlignKind
    old: tuple[int, ...]
    new: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation: the words inside the marks and who said them."""

    text: str
    speaker: str | None
    cue: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class FactChange:
    """One fact that changed inside an edited sentence."""

    kind: ClaimKind
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Claim:
    """An edited sentence (or split/merge group) whose facts changed."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    changes: tuple[FactChange, ...]
    significance: float = 0.0


@dataclass(frozen=True, slots=True)
class SentenceChange:
    """One row of the report: an alignment with its texts and word-level changes."""

    kind: AlignKind
    old: tuple[int, ...]
    new: tuple[int, ...]
    old_text: str | None
    new_text: str | None
    inline: tuple[tuple[str, str], ...] = ()
    cosmetic: bool = False
    old_paragraph: int | None = None
    new_paragraph: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "old": list(self.old),
            "new": list(self.new),
            "old_text": self.old_text,
            "new_text": self.new_text,
            "inline": [[op, text] for op, text in self.inline],
            "cosmetic": self.cosmetic,
            "old_paragraph": self.old_paragraph,
            "new_paragraph": self.new_paragraph,
        }


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """A quote as placed in one version: its sentence index in that version."""

    text: str
    speaker: str | None
    cue: str | None
    sentence: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "cue": self.cue,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class QuoteLedger:
    """Quotes added, removed and changed between two versions. `appended` holds the quotes of a
    block appended after an otherwise unchanged text (a restored page, a capture that had cut
    the article short): new to the capture, but not news, so not among `added`."""

    added: tuple[QuoteRef, ...] = ()
    removed: tuple[QuoteRef, ...] = ()
    changed: tuple[tuple[QuoteRef, QuoteRef], ...] = ()
    appended: tuple[QuoteRef, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": [q.to_dict() for q in self.added],
            "removed": [q.to_dict() for q in self.removed],
            "changed": [{"old": a.to_dict(), "new": b.to_dict()} for a, b in self.changed],
            "appended": [q.to_dict() for q in self.appended],
        }


@dataclass(frozen=True, slots=True)
class FactUpdate:
    """A fact both versions state, with another value in the newer one ("20" -> "26" killed).

    `about` says what the fact is about: what a number counts, whose name or role, who speaks.
    """

    kind: FactKind
    old: str
    new: str
    old_sentence: int
    new_sentence: int
    significance: float
    about: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
            "old_sentence": self.old_sentence,
            "new_sentence": self.new_sentence,
            "significance": self.significance,
            "about": self.about,
        }


@dataclass(frozen=True, slots=True)
class FactRef:
    """A fact only one version states; `sentence` indexes that version's sentences."""

    kind: FactKind
    text: str
    sentence: int
    significance: float
    about: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "sentence": self.sentence,
            "significance": self.significance,
            "about": self.about,
        }


@dataclass(frozen=True, slots=True)
class FactLedger:
    """The article-level facts of two versions, compared: changed, added, removed."""

    changed: tuple[FactUpdate, ...] = ()
    added: tuple[FactRef, ...] = ()
    removed: tuple[FactRef, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.removed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "changed": [f.to_dict() for f in self.changed],
            "added": [f.to_dict() for f in self.added],
            "removed": [f.to_dict() for f in self.removed],
        }


# The "from" / "to" object of the report document: every key, with its value when unknown
# (docs/json.md says what each one means). Every diff gives exactly these keys.
VERSION_FIELDS: dict[str, Any] = {
    "title": "",
    "url": None,
    "canonical": None,
    "final_url": None,
    "source": None,
    "path": None,
    "version": None,
    "revision": None,
    "seen": None,
    "fetched": None,
    "status": None,
    "published": None,
    "modified": None,
    "authors": (),
    "reextract": False,
    "flip_flop_of": None,
}


def version_dict(meta: dict[str, Any]) -> dict[str, Any]:
    """A version's metadata as the report document's "from"/"to" object."""
    doc = {key: meta.get(key, unknown) for key, unknown in VERSION_FIELDS.items()}
    doc["authors"] = list(doc["authors"] or ())
    doc["title"] = doc["title"] or ""
    doc["reextract"] = bool(doc["reextract"])
    return doc


@dataclass(frozen=True, slots=True)
class RankedChange:
    """One change an editor is told about, of one kind, with how much it matters (0 to 1):
    a changed death toll or a new official statement 0.8 and up, a change of wording under 0.3.
    `old` / `new` index the sentences it is about."""

    kind: ChangeKind
    significance: float
    text: str
    old: tuple[int, ...] = ()
    new: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "significance": self.significance,
            "text": self.text,
            "old": list(self.old),
            "new": list(self.new),
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The full comparison of two versions; `to_dict()` is the JSON document of CONTRACT.md."""

    from_meta: dict[str, Any]
    to_meta: dict[str, Any]
    headline: tuple[str, str] | None
    sentences: tuple[SentenceChange, ...]
    old_sentences: tuple[str, ...]
    new_sentences: tuple[str, ...]
    quotes: QuoteLedger = QuoteLedger()
    claims: tuple[Claim, ...] = ()
    facts: FactLedger = FactLedger()
    contributors_added: tuple[str, ...] = ()
    contributors_removed: tuple[str, ...] = ()
    notes_added: tuple[str, ...] = ()
    notes_removed: tuple[str, ...] = ()
    captions_added: tuple[str, ...] = ()
    captions_removed: tuple[str, ...] = ()
    summary: str = ""
    changes: tuple[RankedChange, ...] = ()  # every change above, most significant first

    @property
    def changed(self) -> bool:
        """Whether anything differs: sentences, headline, quotes, contributors, notes or
        captions."""
        return self.has_changes()

    def has_changes(self, parts: Collection[str] | None = None) -> bool:
        """Whether the versions differ in `parts` (headline, quotes, claims, facts,
        contributors, notes, captions; None: in anything, sentences included)."""
        found = {
            "headline": self.headline is not None,
            "quotes": bool(self.quotes.added or self.quotes.removed or self.quotes.changed),
            "claims": bool(self.claims),
            "facts": bool(self.facts),
            "contributors": bool(self.contributors_added or self.contributors_removed),
            "notes": bool(self.notes_added or self.notes_removed),
            "captions": bool(self.captions_added or self.captions_removed),
        }
        if parts is not None:
            return any(found.get(part, False) for part in parts)
        return any(found.values()) or any(s.kind != "same" for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": version_dict(self.from_meta),
            "to": version_dict(self.to_meta),
            "headline": (
                {"old": self.headline[0], "new": self.headline[1]} if self.headline else None
            ),
            "sentences": [s.to_dict() for s in self.sentences],
            "old_sentences": list(self.old_sentences),
            "new_sentences": list(self.new_sentences),
            "quotes": self.quotes.to_dict(),
            "claims": [
                {
                    "old": list(c.old),
                    "new": list(c.new),
                    "changes": [{"kind": f.kind, "old": f.old, "new": f.new} for f in c.changes],
                    "significance": c.significance,
                }
                for c in self.claims
            ],
            "facts": self.facts.to_dict(),
            "contributors": {
                "added": list(self.contributors_added),
                "removed": list(self.contributors_removed),
            },
            "notes": {"added": list(self.notes_added), "removed": list(self.notes_removed)},
            **self._captions_dict(),
            "summary": self.summary,
            "changes": [c.to_dict() for c in self.changes],
        }

    def _captions_dict(self) -> dict[str, Any]:
        """The "captions" section, present only when a picture caption changed."""
        if not (self.captions_added or self.captions_removed):
            return {}
        return {
            "captions": {"added": list(self.captions_added), "removed": list(self.captions_removed)}
        }


@dataclass(frozen=True, slots=True)
class Transition:
    """One version of an article and what changed since the version before it."""

    version: int
    revision: str
    seen: str
    title: str
    report: Report | None  # None for the first version: nothing came before it


@dataclass(frozen=True, slots=True)
class ArticleLog:
    url: str
    title: str
    transitions: tuple[Transition, ...]


@dataclass(frozen=True, slots=True)
class Changelog:
    articles: tuple[ArticleLog, ...]
    since: str | None = None
    until: str | None = None
