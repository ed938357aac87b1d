"""Two Articles -> Report: segments, alignment, word changes, change intelligence. Pure."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tracker.align import align_sentences, normalize_typography
from tracker.align.inline import inline_diff
from tracker.analyze.captions import diff_captions
from tracker.analyze.claims import fact_changes, is_surface_edit, significance
from tracker.analyze.facts import compare_facts
from tracker.analyze.facts.compare import appended_from
from tracker.analyze.people import diff_names, diff_notes, is_contributor_line, is_note
from tracker.analyze.quotes.ledger import appended_quotes, quote_ledger
from tracker.analyze.rank import rank_changes
from tracker.analyze.summary import summarize
from tracker.extract.boilerplate import without_furniture
from tracker.models import Alignment, Article, Claim, Report, SentenceChange
from tracker.segment import split_sentences


def _sentences(article: Article) -> tuple[list[str], list[int]]:
    """Sentences of the body, and the paragraph index of each."""
    sentences: list[str] = []
    paragraph_of: list[int] = []
    for p, para in enumerate(article.paragraphs):
        for s in split_sentences(para):
            sentences.append(s)
            paragraph_of.append(p)
    return sentences, paragraph_of


def _row(
    a: Alignment, old_s: list[str], new_s: list[str], old_p: list[int], new_p: list[int]
) -> SentenceChange:
    old_text = _joined(old_s, a.old)
    new_text = _joined(new_s, a.new)
    inline: tuple[tuple[str, str], ...] = ()
    cosmetic = False
    if old_text is not None and new_text is not None and old_text != new_text:
        inline = tuple(inline_diff(old_text, new_text))
        cosmetic = is_surface_edit(old_text, new_text)
    return SentenceChange(
        kind=a.kind,
        old=a.old,
        new=a.new,
        old_text=old_text,
        new_text=new_text,
        inline=inline,
        cosmetic=cosmetic,
        old_paragraph=old_p[a.old[0]] if a.old else None,
        new_paragraph=new_p[a.new[0]] if a.new else None,
    )


def _joined(sentences: list[str], indices: tuple[int, ...]) -> str | None:
    """The sentences at `indices` joined by spaces; None for none (or only empty text)."""
    if len(indices) == 1:
        return sentences[indices[0]] or None  # most rows: one sentence, nothing to join
    return " ".join([sentences[i] for i in indices]) or None


def _claims(rows: list[SentenceChange]) -> list[Claim]:
    """One claim per edited (or moved-and-edited) group whose facts changed.

    Contributor lines and notes are reported in their own sections, never as claims.
    """
    claims = []
    for row in rows:
        if row.inline and row.old_text and row.new_text and not row.cosmetic:
            if _is_furniture(row.old_text) or _is_furniture(row.new_text):
                continue
            changes = fact_changes(row.old_text, row.new_text)
            if changes:
                score = significance(row.old_text, row.new_text, changes)
                claims.append(Claim(row.old, row.new, tuple(changes), score))
    return claims


def _is_furniture(text: str) -> bool:
    return is_contributor_line(text) or is_note(text)


def _headline(old: Article, new: Article) -> tuple[str, str] | None:
    if normalize_typography(old.title) == normalize_typography(new.title):
        return None
    return (old.title, new.title)


def build_report(
    old: Article,
    new: Article,
    from_meta: dict[str, Any] | None = None,
    to_meta: dict[str, Any] | None = None,
) -> Report:
    """Compare two extracted versions of one article."""
    old, new = without_furniture(old), without_furniture(new)  # layout text, captions
    old_s, old_p = _sentences(old)
    new_s, new_p = _sentences(new)
    rows = [_row(a, old_s, new_s, old_p, new_p) for a in align_sentences(old_s, new_s)]
    claims = _claims(rows)
    start = appended_from(rows)  # a block appended after an unchanged text: see there
    quotes = (
        quote_ledger(old.paragraphs, new.paragraphs, old_s, new_s)
        if start is None
        else appended_quotes(new.paragraphs, new_s, start)
    )
    c_added, c_removed = diff_names(
        [*old.authors, *old.contributors], [*new.authors, *new.contributors]
    )
    n_added, n_removed = diff_notes(old.notes, new.notes)
    p_added, p_removed = diff_captions(old.captions, new.captions)  # never in the body
    report = Report(
        from_meta={"title": old.title, "revision": None, "fetched": None, **(from_meta or {})},
        to_meta={"title": new.title, "revision": None, "fetched": None, **(to_meta or {})},
        headline=_headline(old, new),
        sentences=tuple(rows),
        old_sentences=tuple(old_s),
        new_sentences=tuple(new_s),
        quotes=quotes,
        claims=tuple(claims),
        facts=compare_facts(old_s, new_s, rows, claims),
        contributors_added=tuple(c_added),
        contributors_removed=tuple(c_removed),
        notes_added=tuple(n_added),
        notes_removed=tuple(n_removed),
        captions_added=tuple(p_added),
        captions_removed=tuple(p_removed),
    )
    return replace(report, summary=summarize(report), changes=rank_changes(report))
