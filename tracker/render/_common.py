"""What every renderer shares: rows to show, how to describe a move, the key items, how to
name a version and write its time."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import timezone
from pathlib import PurePath
from typing import Any

from tracker.models import QuoteRef, Report, SentenceChange
from tracker.times import parse_time


@dataclass(frozen=True, slots=True)
class Elided:
    """A run of unchanged sentences left out of the view."""

    count: int


@dataclass(frozen=True, slots=True)
class KeyItem:
    """One line of the editor's summary: a section ("headline", "quotes", ...) and its text.

    `old_sentence` / `new_sentence` index the sentence it is about in `old_sentences` /
    `new_sentences`, when there is one (the HTML report links the item to it).
    """

    section: str
    label: str
    old: str | None = None
    new: str | None = None
    old_sentence: int | None = None
    new_sentence: int | None = None


def visible_rows(
    report: Report, context: int, also: Collection[int] = ()
) -> list[SentenceChange | Elided]:
    """Rows in reading order with runs of unchanged sentences beyond `context` elided; rows
    whose index is in `also` are always shown."""
    rows = report.sentences
    changed = [i for i, r in enumerate(rows) if r.kind != "same" or i in also]
    keep = [False] * len(rows)
    for i in changed:
        for k in range(max(0, i - context), min(len(rows), i + context + 1)):
            keep[k] = True
    out: list[SentenceChange | Elided] = []
    run = 0
    for row, shown in zip(rows, keep, strict=True):
        if shown:
            if run:
                out.append(Elided(run))
                run = 0
            out.append(row)
        else:
            run += 1
    if run:
        out.append(Elided(run))
    return out


def tidy_inline(inline: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Word-level changes with whitespace outside the changed words.

    Each run of changes keeps its words and gives the spaces at its edges to the unchanged text
    around it ("{+reportedly+} met", never "{+reportedly +}met"); a change of whitespace alone
    shows as the new whitespace. Adjacent unchanged pieces are joined.
    """
    out: list[tuple[str, str]] = []
    trail = ""  # spaces after the last run of changes, written only if no space follows

    def emit(op: str, text: str) -> None:
        if not text:
            return
        if op == "=" and out and out[-1][0] == "=":
            out[-1] = ("=", out[-1][1] + text)
        else:
            out.append((op, text))

    def flush(run: list[tuple[str, str]]) -> str:
        old = "".join(t for op, t in run if op == "-")
        new = "".join(t for op, t in run if op == "+")
        if not old.strip() and not new.strip():
            emit("=", new)
            return ""
        shown = new if new.strip() else old
        lead = shown[: len(shown) - len(shown.lstrip())]
        if out and not out[-1][1][-1:].isspace():
            emit("=", lead)
        emit("-", old.strip())
        emit("+", new.strip())
        return shown[len(shown.rstrip()) :]

    run: list[tuple[str, str]] = []
    for op, text in inline:
        if op != "=":
            run.append((op, text))
            continue
        if run:
            trail, run = flush(run), []
        if not text[:1].isspace():
            emit("=", trail)
        trail = ""
        emit("=", text)
    if run:
        flush(run)
    return out


def _paragraph_name(index: int | None) -> str:
    if index is None:
        return "?"
    return "the lede" if index == 0 else f"paragraph {index + 1}"


def move_note(row: SentenceChange) -> str:
    """'moved up from paragraph 9 to the lede' for a moved row, else ''."""
    if row.kind != "moved" or row.old_paragraph is None or row.new_paragraph is None:
        return ""
    if row.old_paragraph == row.new_paragraph:
        return f"moved within {_paragraph_name(row.new_paragraph)}"
    direction = "up" if row.new_paragraph < row.old_paragraph else "down"
    return (
        f"moved {direction} from {_paragraph_name(row.old_paragraph)} "
        f"to {_paragraph_name(row.new_paragraph)}"
    )


def _shorten(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# How a fact changed, shown instead of its kind when the ledger says it.
_HOW_CHANGED = frozenset(
    ["hedge", "negation", "attribution", "source", "spelling", "detail added", "detail removed"]
)


def _told(report: Report, at: tuple[int | None, int | None], old: str, new: str) -> bool:
    """Whether a fact change of the same sentences holds a claim change's words."""
    return any(
        (f.old_sentence, f.new_sentence) == at and old in f.old and new in f.new
        for f in report.facts.changed
    )


def _quote_line(q: QuoteRef, start: int = 0) -> str:
    """The quote (from about `start`, so a change deep in a long quote shows) and its speaker."""
    who = q.speaker or "unattributed"
    text = " ".join(q.text.split())
    if start > 40:
        cut = text.rfind(" ", 0, start - 30) + 1
        text = "…" + text[cut:]
    return f"“{_shorten(text)}” ({who})"


def _first_difference(a: str, b: str) -> int:
    """Where two quotes start to differ (0 when they do not: show the whole quote)."""
    a, b = " ".join(a.split()), " ".join(b.split())
    if a == b:
        return 0
    same = (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y)
    return next(same, min(len(a), len(b)))


def key_items(report: Report) -> list[KeyItem]:
    """The changes an editor asks about first, in a fixed order."""
    items: list[KeyItem] = []
    if report.headline:
        before, after = report.headline
        if before and after:
            items.append(KeyItem("headline", "Headline changed", before, after))
        else:
            label = "Headline added" if after else "Headline removed"
            items.append(KeyItem("headline", label, before or None, after or None))
    items += [
        KeyItem("quotes", "Quote added", None, _quote_line(q), new_sentence=q.sentence)
        for q in report.quotes.added
    ]
    items += [
        KeyItem("quotes", "Quote removed", _quote_line(q), old_sentence=q.sentence)
        for q in report.quotes.removed
    ]
    for old, new in report.quotes.changed:
        label = "Quote re-attributed" if old.speaker != new.speaker else "Quote reworded"
        start = _first_difference(old.text, new.text)
        items.append(
            KeyItem(
                "quotes",
                label,
                _quote_line(old, start),
                _quote_line(new, start),
                old.sentence,
                new.sentence,
            )
        )
    for fact in report.facts.changed:
        what = fact.about if fact.about in _HOW_CHANGED else fact.kind
        label = "Wording changed" if fact.about == "wording" else f"Fact changed ({what})"
        before, after = fact.old or "—", fact.new or "—"
        items.append(KeyItem("facts", label, before, after, fact.old_sentence, fact.new_sentence))
    items += [
        KeyItem("facts", f"Fact added ({f.kind})", None, f.text, new_sentence=f.sentence)
        for f in report.facts.added
    ]
    items += [
        KeyItem("facts", f"Fact removed ({f.kind})", f.text, old_sentence=f.sentence)
        for f in report.facts.removed
    ]
    for claim in report.claims:
        at = (claim.old[0] if claim.old else None, claim.new[0] if claim.new else None)
        for change in claim.changes:
            if _told(report, at, change.old, change.new):
                continue  # the fact ledger reports this edit already
            label = f"Claim changed ({change.kind})"
            items.append(KeyItem("claims", label, change.old or "—", change.new or "—", *at))
    items += [
        KeyItem(
            "contributors",
            "Contributor added",
            None,
            n,
            new_sentence=_naming(report.new_sentences, n),
        )
        for n in report.contributors_added
    ]
    items += [
        KeyItem(
            "contributors", "Contributor removed", n, old_sentence=_naming(report.old_sentences, n)
        )
        for n in report.contributors_removed
    ]
    items += [
        KeyItem("notes", "Note added", None, n, new_sentence=_naming(report.new_sentences, n))
        for n in report.notes_added
    ]
    items += [
        KeyItem("notes", "Note removed", n, old_sentence=_naming(report.old_sentences, n))
        for n in report.notes_removed
    ]
    items += [KeyItem("captions", "Caption added", None, c) for c in report.captions_added]
    items += [KeyItem("captions", "Caption removed", c) for c in report.captions_removed]
    return items


def _naming(sentences: Sequence[str], text: str) -> int | None:
    """The last sentence that holds `text` (a name, a note) or that a note begins with."""
    words = " ".join(text.split())
    for i in range(len(sentences) - 1, -1, -1):
        sentence = " ".join(sentences[i].split())
        if sentence and (words in sentence or words.startswith(sentence)):
            return i
    return None


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DATE_ONLY = re.compile(r"\s*\d{4}-?\d{2}-?\d{2}\s*")


def human_time(value: str | None) -> str:
    """An ISO 8601 time as people read it, in UTC: '2 Mar 2017, 09:45 UTC' ('2 Mar 2017' for
    a date alone); text that is not ISO 8601 is returned as it is."""
    if not value:
        return ""
    try:
        moment = parse_time(value).astimezone(timezone.utc)
    except ValueError:
        return value
    day = f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"
    return day if _DATE_ONLY.fullmatch(value) else f"{day}, {moment:%H:%M} UTC"


def rfc3339(value: str, *, end_of_day: bool = False) -> str:
    """An ISO 8601 time as an RFC 3339 date-time ('2017-03-02T09:45:00+00:00'); a date alone is
    the start of that day (its last second with `end_of_day`); a time without a zone is UTC."""
    moment = parse_time(value, end_of_day=end_of_day)
    return moment.isoformat(timespec="seconds")


def version_name(meta: Mapping[str, Any]) -> str:
    """'version 3', else the file's name, else 'revision 1a2b3c4d5e', else ''."""
    if meta.get("version"):
        return f"version {meta['version']}"
    if meta.get("path"):
        return PurePath(str(meta["path"])).name
    if meta.get("revision"):
        return f"revision {str(meta['revision'])[:10]}"
    return ""


def version_moment(meta: Mapping[str, Any]) -> tuple[str, str] | None:
    """What the best-known time of a version is ('recorded', 'updated', 'published') and the
    time itself (ISO 8601), or None."""
    for key, what in (("seen", "recorded"), ("modified", "updated"), ("published", "published")):
        if meta.get(key):
            return what, str(meta[key])
    return None


def describe_version(meta: Mapping[str, Any], fallback: str) -> str:
    """'version 3, recorded 2 Mar 2017, 16:20 UTC' with what is known."""
    moment = version_moment(meta)
    name = version_name(meta) or fallback
    return f"{name}, {moment[0]} {human_time(moment[1])}" if moment else name


def version_line(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """'From version 2, recorded ... to version 3, recorded ...'."""
    before, after = describe_version(old, "the old version"), describe_version(new, "the new one")
    return f"From {before} to {after}."
