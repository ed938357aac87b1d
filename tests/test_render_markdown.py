"""Markdown output is CommonMark that renders as meant: every change marker becomes emphasis
(<strong> for inserted words, <s> for removed ones), and no asterisk, underscore or tilde of a
marker is left in the rendered text; literal ones from the article survive as text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tracker import compare
from tracker.models import Report, SentenceChange
from tracker.render import render_report
from tracker.render.markdown import inline_md

SEEDS = Path(__file__).parent.parent / "seeds"
COMMONMARK = MarkdownIt("commonmark")
GFM = MarkdownIt("commonmark").enable("strikethrough")


class _Text(HTMLParser):
    """The rendered page's text, and the tags it uses."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _rendered(markdown: str, md: MarkdownIt = GFM) -> _Text:
    parser = _Text()
    parser.feed(md.render(markdown))
    return parser


def _seed_markdown(old: str, new: str) -> str:
    report = compare(
        (SEEDS / old).read_text(encoding="utf-8"), (SEEDS / new).read_text(encoding="utf-8")
    )
    return render_report(report, "markdown")


@pytest.mark.parametrize(
    ("old", "new"), [("sessions-v1.txt", "sessions-v2.txt"), ("sessions-v2.txt", "sessions-v3.txt")]
)
def test_seed_story_renders_without_stray_markers(old: str, new: str) -> None:
    markdown = _seed_markdown(old, new)
    for md in (COMMONMARK, GFM):
        text = "".join(_rendered(markdown, md).text)
        assert "**" not in text
        assert "*" not in text
        assert "_" not in text
    page = _rendered(markdown)
    assert "~" not in "".join(page.text)
    assert {"strong", "em", "s"} <= set(page.tags)


def test_seed_story_marks_the_inserted_hedge_as_strong() -> None:
    html = GFM.render(_seed_markdown("sessions-v2.txt", "sessions-v3.txt"))
    assert "Jeff Sessions <strong>reportedly</strong> met twice" in html
    assert "This story <s>is being</s><strong>has been</strong> updated" in html
    assert "<strong>Raju, Evan Perez</strong> and Sunlen Serfaty" in html


def _edited(*inline: tuple[str, str]) -> SentenceChange:
    old = "".join(t for op, t in inline if op != "+")
    new = "".join(t for op, t in inline if op != "-")
    return SentenceChange("edited", (0,), (0,), old, new, inline=inline)


@pytest.mark.parametrize(
    ("inline", "strong", "struck"),
    [
        ((("=", "Dana Holt "), ("+", "reportedly "), ("=", "met.")), ["reportedly"], []),
        (
            (("=", "Ann Ruiz"), ("+", ", Eli Park"), ("=", " and")),
            ["Ruiz, Eli Park"],
            ["Ruiz"],
        ),
        ((("=", "were hurt"), ("-", "."), ("+", "!")), ["hurt!"], ["hurt."]),
        ((("=", "the "), ("+", "(AP)"), ("=", "report")), ["(AP)report"], ["report"]),
        ((("=", "said "), ("-", "“no”"), ("+", "“yes”"), ("=", ".")), ["“yes”"], ["“no”"]),
        ((("-", "Twelve"), ("+", "Fourteen"), ("=", " people.")), ["Fourteen"], ["Twelve"]),
        ((("=", "A "), ("-", "x "), ("=", "B")), [], ["x"]),
        ((("=", "x"), ("+", "*"), ("=", "y")), ["x*y"], ["xy"]),
    ],
)
def test_every_change_becomes_emphasis(
    inline: tuple[tuple[str, str], ...], strong: list[str], struck: list[str]
) -> None:
    html = GFM.render(inline_md(_edited(*inline)))
    parser = _Text()
    parser.feed(html)
    text = "".join(parser.text)
    assert "**" not in text
    assert "~~" not in text
    for words in strong:
        assert f"<strong>{words}</strong>" in html
    for words in struck:
        assert f"<s>{words}</s>" in html


def _report_with(text: str) -> Report:
    rows = (
        SentenceChange("same", (0,), (0,), text, text),
        SentenceChange("added", (), (1,), None, text),
        SentenceChange("removed", (1,), (), text, None),
        _edited(("=", text + " "), ("+", "now")),
    )
    return Report(
        from_meta={"title": text},
        to_meta={"title": text + " now"},
        headline=(text, text + " now"),
        sentences=rows,
        old_sentences=(text, text),
        new_sentences=(text, text, text + " now"),
        contributors_added=(text,),
        summary=text,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Use *args and **kwargs, not __init__ or snake_case names.",
        "1. A numbered start",
        "- a dash start",
        "+ a plus start",
        "--- a rule?",
        "> quoted",
        "# a hash",
        "<b>not bold</b> &amp; [a link](http://x) `code` ~~x~~ \\",
        "Price: 5 * 3 = 15_000",
    ],
)
def test_literal_markdown_characters_in_article_text_stay_text(text: str) -> None:
    markdown = render_report(_report_with(text), "markdown")
    page = _rendered(markdown)
    rendered = "".join(page.text)
    assert rendered.count(text) >= 5  # headline, summary, contributor, three rows
    assert not {"ol", "hr", "blockquote", "code", "a", "b", "h1"} & set(page.tags[1:])
    assert page.tags.count("ul") == 2  # key items and sentences, nothing nested


def test_the_header_names_the_url_and_both_versions() -> None:
    report = compare("Title one\n\nA sentence here.", "Title one\n\nA sentence there.")
    from_meta = {**report.from_meta, "version": 2, "seen": "2017-03-02T09:45:00+00:00"}
    to_meta = {
        **report.to_meta,
        "version": 3,
        "seen": "2017-03-02T16:20:00+00:00",
        "url": "https://example.com/story",
    }
    markdown = render_report(Report(**{**_fields(report), "from_meta": from_meta,
                                       "to_meta": to_meta}), "markdown")  # fmt: skip
    assert "<https://example.com/story>" in markdown
    assert (
        "From version 2, recorded 2 Mar 2017, 09:45 UTC to version 3, recorded 2 Mar 2017, "
        "16:20 UTC." in markdown
    )


def _fields(report: Report) -> dict[str, object]:
    return {name: getattr(report, name) for name in Report.__dataclass_fields__}


_PIECES = st.sampled_from(["a", "word", " ", ",", ".", "“", "”", "(", ")", "'", "-", "1", "—"])
_CHUNK = st.lists(_PIECES, min_size=1, max_size=4).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("=-+"), _CHUNK), min_size=1, max_size=6))
def test_no_change_marker_is_ever_left_as_text(ops: list[tuple[str, str]]) -> None:
    merged: list[tuple[str, str]] = []
    for op, text in ops:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    parser = _Text()
    parser.feed(GFM.render("- ✎ " + inline_md(_edited(*merged))))
    text = "".join(parser.text)
    assert "*" not in text
    assert "~" not in text
