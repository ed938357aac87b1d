"""Two Articles -> Report: segments, alignment, word changes, change intelligence. Pure."""

from __future__ import annotations

from typing import Any

from tracker.align import align_sentences
from tracker.inline import inline_diff
from tracker.models import Article, Report, SentenceChange
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


def build_report(
    old: Article,
    new: Article,
    from_meta: dict[str, Any] | None = None,
    to_meta: dict[str, Any] | None = None,
) -> Report:
    old_s, old_p = _sentences(old)
    new_s, new_p = _sentences(new)
    rows: list[SentenceChange] = []
    for a in align_sentences(old_s, new_s):
        old_text = " ".join(old_s[i] for i in a.old) or None
        new_text = " ".join(new_s[j] for j in a.new) or None
        inline = tuple(inline_diff(old_text, new_text)) if old_text and new_text else ()
        rows.append(
            SentenceChange(
                kind=a.kind,
                old=a.old,
                new=a.new,
                old_text=old_text,
                new_text=new_text,
                inline=inline if a.kind != "same" or old_text != new_text else (),
                old_paragraph=old_p[a.old[0]] if a.old else None,
                new_paragraph=new_p[a.new[0]] if a.new else None,
            )
        )
    headline = (old.title, new.title) if old.title != new.title else None
    return Report(
        from_meta={"title": old.title, "revision": None, "fetched": None, **(from_meta or {})},
        to_meta={"title": new.title, "revision": None, "fetched": None, **(to_meta or {})},
        headline=headline,
        sentences=tuple(rows),
        old_sentences=tuple(old_s),
        new_sentences=tuple(new_s),
    )
