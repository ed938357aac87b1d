"""Renderers: every format shows the changes, escapes article text, colours only when asked."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from tracker import compare
from tracker.analyze.summary import summarize
from tracker.models import Claim, FactChange, QuoteLedger, QuoteRef, Report, SentenceChange
from tracker.render import RenderOptions, render_report


def _report(**overrides: object) -> Report:
    rows = (
        SentenceChange(
            "same", (0,), (0,), "The council met on Monday.", "The council met on Monday."
        ),
        SentenceChange(
            "edited",
            (1,),
            (1,),
            "Officials said 12 people were hurt.",
            "Officials said 14 people were hurt.",
            inline=(
                ("=", "Officials said "),
                ("-", "12"),
                ("+", "14"),
                ("=", " people were hurt."),
            ),
        ),
        SentenceChange("added", (), (2,), None, "A second <script>alert(1)</script> vote is due."),
        SentenceChange("removed", (2,), (), "The mayor declined to comment.", None),
        SentenceChange(
            "moved",
            (3,),
            (3,),
            "Roads stay closed.",
            "Roads stay closed.",
            old_paragraph=8,
            new_paragraph=0,
        ),
    )
    fields: dict[str, object] = {
        "from_meta": {"title": "Storm hits town", "revision": "a1", "fetched": None},
        "to_meta": {"title": "Storm hits town, 14 hurt", "revision": "b2", "fetched": None},
        "headline": ("Storm hits town", "Storm hits town, 14 hurt"),
        "sentences": rows,
        "old_sentences": (
            "The council met on Monday.",
            "Officials said 12 people were hurt.",
            "The mayor declined to comment.",
            "Roads stay closed.",
        ),
        "new_sentences": (
            "The council met on Monday.",
            "Officials said 14 people were hurt.",
            "A second <script>alert(1)</script> vote is due.",
            "Roads stay closed.",
        ),
        "quotes": QuoteLedger(added=(QuoteRef("We are safe", "Mayor Ann Lee", "said", 2),)),
        "claims": (Claim((1,), (1,), (FactChange("number", "12", "14"),), 0.9),),
        "contributors_added": ("Jo Park",),
        "notes_added": ("Correction: an earlier version misspelled the mayor's name.",),
    }
    fields.update(overrides)
    report = Report(**fields)  # type: ignore[arg-type]
    return Report(**{**fields, "summary": summarize(report)})  # type: ignore[arg-type]


def test_summary_names_headline_quotes_claims_contributors_and_notes() -> None:
    summary = _report().summary
    assert summary.startswith("Headline changed. 1 quote added (Mayor Ann Lee).")
    assert "Claim changed: '12' -> '14'" in summary
    assert "New contributors: Jo Park" in summary
    assert "Correction appended" in summary


def test_summary_of_identical_versions_says_no_changes() -> None:
    report = _report(
        headline=None,
        sentences=(),
        quotes=QuoteLedger(),
        claims=(),
        contributors_added=(),
        notes_added=(),
    )
    assert report.summary == "No changes."


def test_json_is_the_report_document() -> None:
    doc = json.loads(render_report(_report(), "json"))
    assert doc["headline"] == {"old": "Storm hits town", "new": "Storm hits town, 14 hurt"}
    assert [s["kind"] for s in doc["sentences"]] == ["same", "edited", "added", "removed", "moved"]
    assert doc["claims"][0]["changes"] == [{"kind": "number", "old": "12", "new": "14"}]
    assert doc["quotes"]["added"][0]["speaker"] == "Mayor Ann Lee"
    assert set(doc) >= {
        "from",
        "to",
        "old_sentences",
        "new_sentences",
        "contributors",
        "notes",
        "summary",
    }


def test_text_without_colour_uses_word_diff_markers_and_no_escape_codes() -> None:
    out = render_report(_report(), "text", RenderOptions(color=False))
    assert "[-12-]{+14+}" in out
    assert "\x1b[" not in out
    assert "moved up from paragraph 9 to the lede" in out


def test_text_with_colour_emits_ansi_codes() -> None:
    out = render_report(_report(), "text", RenderOptions(color=True))
    assert "\x1b[" in out
    assert "[-12-]" not in out


def test_text_elides_unchanged_runs_beyond_context() -> None:
    same = tuple(SentenceChange("same", (i,), (i,), f"S{i}.", f"S{i}.") for i in range(6))
    edit = SentenceChange(
        "edited", (6,), (6,), "Old.", "New.", inline=(("-", "Old."), ("+", "New."))
    )
    out = render_report(_report(sentences=(*same, edit)), "text", RenderOptions(context=1))
    assert "… 5 unchanged sentence(s)" in out
    assert "S5." in out
    assert "S0." not in out


def test_side_by_side_shows_both_versions() -> None:
    out = render_report(_report(), "text", RenderOptions(side_by_side=True, width=120))
    assert "12" in out
    assert "14" in out
    assert "Storm hits town, 14 hurt" in out


def test_markdown_marks_deletions_and_insertions() -> None:
    out = render_report(_report(), "markdown")
    assert "~~12~~" in out
    assert "**14**" in out
    assert "\\<script\\>" in out


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_html_is_one_page_that_escapes_article_text() -> None:
    out = render_report(_report(), "html")
    parser = _Collector()
    parser.feed(out)
    assert "script" not in parser.tags
    assert "&lt;script&gt;" in out
    assert "<del>12</del><ins>14</ins>" in out
    assert out.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_every_format_names_the_new_contributor(fmt: str) -> None:
    assert "Jo Park" in render_report(_report(), fmt)


def test_a_claim_the_fact_ledger_reports_is_listed_once() -> None:
    report = compare(
        "Council Vote\n\nShe led the party for three decades. The vote is on Friday.",
        "Council Vote\n\nShe led the party for nearly three decades. The vote is on Friday.",
    )
    assert report.claims  # both see the edit
    assert report.facts.changed
    out = render_report(report, "text", RenderOptions(color=False))
    assert out.count("nearly three decades") == 2  # the key list once, the sentence once
