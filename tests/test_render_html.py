"""The HTML report people read: a header (title, URL, both versions with their times), the
changes each linking to its sentence, a key to the markers; self-contained, phone-sized, every
piece of article text escaped. Change logs write times for people (HTML, Markdown) and RFC 3339
(JSON, Atom)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.models import Claim, FactChange, QuoteLedger, QuoteRef, Report, SentenceChange
from tracker.render import RenderOptions, render_report
from tracker.render._common import human_time, rfc3339, visible_rows

SEEDS = Path(__file__).parent.parent / "seeds"
URL = "https://edition.cnn.com/2017/03/02/politics/jeff-sessions-russian-ambassador-meetings/"
TIMES = ("2017-03-02T03:10:00Z", "2017-03-02T09:45:00Z", "2017-03-02T16:20:00Z")
runner = CliRunner()


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value or "") for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def values(self, name: str) -> list[str]:
        return [value for _, n, value in self.attrs if n == name]


def _parsed(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def seed_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    store = tmp_path_factory.mktemp("store")
    for n, at in enumerate(TIMES, 1):
        result = runner.invoke(app, ["snapshot", str(SEEDS / f"sessions-v{n}.txt"), "--url", URL,
                                     "--at", at, "--store", str(store)])  # fmt: skip
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["diff", URL, "--store", str(store), "--format", "html"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_header_names_title_url_and_both_versions_with_times(seed_html: str) -> None:
    page = _parsed(seed_html)
    text = " ".join(" ".join(page.text).split())
    assert "Sessions did not disclose meetings with Russian envoy" in text
    assert "Previously: Sessions met with Russian envoy twice last year" in text
    assert URL in page.values("href")
    assert "From Version 2 recorded 2 Mar 2017, 09:45 UTC" in text
    assert "To Version 3 recorded 2 Mar 2017, 16:20 UTC" in text
    assert set(page.values("datetime")) == {
        "2017-03-02T09:45:00+00:00",
        "2017-03-02T16:20:00+00:00",
    }


def test_key_names_every_marker(seed_html: str) -> None:
    legend = seed_html[seed_html.index('class="legend"') :]
    legend = legend[: legend.index("</section>")]
    for words in ("added", "removed", "edited", "moved", "<ins>", "<del>"):
        assert words in legend


def test_every_change_links_to_a_sentence_on_the_page(seed_html: str) -> None:
    page = _parsed(seed_html)
    ids = page.values("id")
    assert len(ids) == len(set(ids))
    anchors = [h for h in page.values("href") if h.startswith("#")]
    assert anchors
    assert all(h[1:] in ids for h in anchors)
    nav = seed_html[seed_html.index('<nav class="changes"') : seed_html.index("</nav>")]
    for section in ("Quotes", "Facts", "Contributors", "Notes"):
        assert f"<h3>{section}</h3>" in nav
    quote = re.search(r'<a href="#(s\d+)">Quote added</a>', nav)
    assert quote is not None
    row = re.search(rf'<p class="s (\w+)" id="{quote.group(1)}">(.*?)</p>', seed_html)
    assert row is not None
    assert row.group(1) == "added"
    assert "He should step aside" in row.group(2)
    claim = re.search(r'<a href="#(s\d+)">Fact changed \(hedge\)</a>', nav)
    assert claim is not None
    assert f'id="{claim.group(1)}">' in seed_html
    assert "<ins>reportedly</ins> met" in seed_html
    contributor = re.search(r'<a href="#(s\d+)">Contributor added</a>', nav)
    assert contributor is not None
    assert re.search(rf'id="{contributor.group(1)}">[^\n]*Evan Perez', seed_html)


def test_page_is_self_contained_and_fits_a_phone(seed_html: str) -> None:
    page = _parsed(seed_html)
    assert "script" not in page.tags
    assert "link" not in page.tags
    assert "img" not in page.tags
    assert not page.values("src")
    assert "url(" not in seed_html
    assert "@import" not in seed_html
    assert all(h.startswith("#") or h == URL for h in page.values("href"))
    assert ("meta", "name", "viewport") in page.attrs
    assert "width=device-width,initial-scale=1" in page.values("content")
    assert "@media (max-width:" in seed_html
    assert seed_html.startswith("<!DOCTYPE html>")


def _report(**overrides: object) -> Report:
    rows = (
        SentenceChange("same", (0,), (0,), "Intro <b>.", "Intro <b>."),
        SentenceChange(
            "edited", (1,), (1,), "Officials said 12 were hurt.", "Officials said 14 were hurt.",
            inline=(("=", "Officials said "), ("-", "12"), ("+", "14"), ("=", " were hurt.")),
        ),  # fmt: skip
        SentenceChange("same", (2,), (2,), "Filler.", "Filler."),
        SentenceChange("same", (3,), (3,), "Filler two.", "Filler two."),
        SentenceChange("same", (4,), (4,), "“We are safe,” he said.", "“We are safe,” he said."),
    )  # fmt: skip
    fields: dict[str, object] = {
        "from_meta": {"title": "<script>alert(1)</script>", "url": "javascript:alert(1)"},
        "to_meta": {"title": "A \"quoted\" <i>title</i>", "url": 'https://x.example/a"b<c'},
        "headline": ("<script>alert(1)</script>", 'A "quoted" <i>title</i>'),
        "sentences": rows,
        "old_sentences": tuple(r.old_text or "" for r in rows),
        "new_sentences": tuple(r.new_text or "" for r in rows),
        "quotes": QuoteLedger(changed=((QuoteRef("We are safe", None, "said", 4),
                                         QuoteRef("We are safe", "Mayor Lee", "said", 4)),)),
        "claims": (Claim((1,), (1,), (FactChange("number", "12", "14"),), 0.9),),
        "summary": "Headline changed. <b>",
    }  # fmt: skip
    fields.update(overrides)
    return Report(**fields)  # type: ignore[arg-type]


def test_article_text_and_urls_are_escaped() -> None:
    html = render_report(_report(), "html")
    page = _parsed(html)
    assert "script" not in page.tags
    assert "<i>title</i>" not in html
    assert "&lt;i&gt;title&lt;/i&gt;" in html
    assert "javascript:" not in " ".join(page.values("href"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Headline changed. &lt;b&gt;" in html
    hrefs = [h for h in page.values("href") if not h.startswith("#")]
    assert hrefs == []  # only a plain http(s) URL becomes a link
    assert "https://x.example/a&quot;b&lt;c" in html


def test_a_linked_unchanged_sentence_is_shown_even_beyond_the_context() -> None:
    report = _report()
    html = render_report(report, "html", RenderOptions(context=0))
    assert 'href="#s4">Quote re-attributed</a>' in html
    assert 'id="s4">' in html
    assert "Filler two." not in html  # the rest of the unchanged run stays elided
    shown = visible_rows(report, 0, also={4})
    assert [getattr(r, "new", None) for r in shown][-1] == (4,)


def test_human_and_rfc3339_times() -> None:
    assert human_time("2017-03-02T09:45:00+00:00") == "2 Mar 2017, 09:45 UTC"
    assert human_time("2017-03-02T11:45:00+02:00") == "2 Mar 2017, 09:45 UTC"
    assert human_time("2017-03-02") == "2 Mar 2017"
    assert human_time("not a time") == "not a time"
    assert rfc3339("2017-03-02T09:45Z") == "2017-03-02T09:45:00+00:00"
    assert rfc3339("2017-03-02") == "2017-03-02T00:00:00+00:00"
    assert rfc3339("2017-03-02", end_of_day=True) == "2017-03-02T23:59:59+00:00"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("log")
    for n, at in enumerate(TIMES, 1):
        result = runner.invoke(app, ["snapshot", str(SEEDS / f"sessions-v{n}.txt"), "--url", URL,
                                     "--at", at, "--store", str(path)])  # fmt: skip
        assert result.exit_code == 0, result.output
    return path


def _changelog(store: Path, fmt: str, *args: str) -> str:
    result = runner.invoke(app, ["changelog", "--store", str(store), "--format", fmt, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_changelog_markdown_and_html_write_times_for_people(store: Path) -> None:
    markdown = _changelog(store, "markdown")
    assert "### v2 — 2 Mar 2017, 09:45 UTC" in markdown
    assert f"<{URL}>" in markdown
    html = _changelog(store, "html")
    assert '<time datetime="2017-03-02T16:20:00+00:00">2 Mar 2017, 16:20 UTC</time>' in html
    assert "T16:20" not in _parsed(html).text


def test_changelog_json_and_atom_write_rfc3339(store: Path) -> None:
    rfc = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})")
    doc = json.loads(_changelog(store, "json", "--since", "2017-03-02", "--until", "2017-03-02"))
    assert doc["since"] == "2017-03-02T00:00:00+00:00"
    assert doc["until"] == "2017-03-02T23:59:59+00:00"
    seen = [v["seen"] for a in doc["articles"] for v in a["versions"]]
    assert seen == ["2017-03-02T03:10:00+00:00", "2017-03-02T09:45:00+00:00",
                    "2017-03-02T16:20:00+00:00"]  # fmt: skip
    atom = _changelog(store, "atom")
    updated = re.findall(r"<updated>([^<]+)</updated>", atom)
    assert updated
    assert all(rfc.fullmatch(u) for u in updated)
    assert updated[0] == "2017-03-02T16:20:00+00:00"
