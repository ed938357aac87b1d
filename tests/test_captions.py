"""Picture captions: kept apart from the body, stored with each version, and reported in a
section of their own with a low significance, never as a quote, claim or fact."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from typer.testing import CliRunner

from tracker import compare, extract_article
from tracker.analyze.report import build_report
from tracker.cli.app import app
from tracker.models import Article
from tracker.pipeline import diff_stored, load_versions, snapshot
from tracker.render import render_report
from tracker.store import Store
from tracker.store.layout import article_from, content_hash

runner = CliRunner()
T0 = datetime(2025, 4, 7, 8, 0, tzinfo=timezone.utc)
URL = "https://gazette.example.net/2025/04/ferry-returns"

TITLE = "Ferry to Carrow island returns after winter repairs"
BODY = [
    "The ferry between Portwen and the island of Carrow resumed on Tuesday after a winter of "
    "repairs, the harbour board said in a short statement.",
    "Passengers queued from six in the morning, and the first crossing left twelve minutes "
    "late because of fog over the outer channel.",
    '"We are glad to have the boats back," said harbour master Idris Fenwick, who oversaw the '
    "repairs.",
    "Fares will stay at last year's level until the end of the summer season, according to the "
    "operator, which runs three boats.",
]
CAPTION = "The blue ferry Marisol leaves Portwen quay at dawn."
OTHER = "Idris Fenwick checks the mooring lines before the first crossing."


def _page(figure: str, box: str = "") -> str:
    """An article page with `figure` after the first paragraph and `box` after the third."""
    paragraphs = [f"<p>{p}</p>" for p in BODY]
    paragraphs.insert(3, box)
    paragraphs.insert(1, figure)
    return (
        f"<!doctype html><html><head><title>{TITLE}</title></head><body>"
        "<nav><a href='/'>Home</a></nav><article>"
        f"<h1>{TITLE}</h1>{''.join(paragraphs)}</article></body></html>"
    )


def _figure(caption: str, credit: str = "Photo: Tamsin Ockley/Westcoast Images") -> str:
    return (
        f'<figure><img src="ferry.jpg" alt=""><figcaption>{caption} '
        f'<span class="credit">{credit}</span></figcaption></figure>'
    )


def _text(*captions: str) -> str:
    """The story as saved text, each caption a paragraph after the first, with a credit."""
    lines = [TITLE, BODY[0]]
    lines += [f"{c} Photo: Tamsin Ockley/Westcoast Images" for c in captions]
    return "\n\n".join([*lines, *BODY[1:]]) + "\n"


# -- extraction ------------------------------------------------------------------------------


def test_a_figcaption_is_a_caption_and_leaves_the_body() -> None:
    article = extract_article(_page(_figure(CAPTION)))
    assert article.paragraphs == BODY
    assert article.captions == [CAPTION]


def test_a_caption_classed_box_keeps_its_words_without_the_credit() -> None:
    box = f'<div class="image-caption">{OTHER} Credit: Bryn Alder for the Gazette</div>'
    article = extract_article(_page(_figure(CAPTION), box))
    assert article.paragraphs == BODY
    assert article.captions == [CAPTION, OTHER]


def test_a_figcaption_credit_without_markup_is_cut_off() -> None:
    figure = f"<figure><img src='a.jpg'><figcaption>{CAPTION} Tamsin Ockley/Reuters</figcaption>"
    assert extract_article(_page(figure + "</figure>")).captions == [CAPTION]


def test_the_lead_picture_in_the_article_header_is_a_caption_a_sidebar_picture_is_not() -> None:
    page = _page("").replace(
        f"<h1>{TITLE}</h1>", f"<header><h1>{TITLE}</h1>{_figure(CAPTION)}</header>"
    )
    page = page.replace("</article>", f"</article><aside>{_figure(OTHER)}</aside>")
    article = extract_article(page)
    assert article.paragraphs == BODY
    assert article.captions == [CAPTION]


def test_a_plain_text_caption_paragraph_keeps_its_words_not_its_credit() -> None:
    article = extract_article(_text(CAPTION))
    assert article.paragraphs == BODY
    assert article.captions == [CAPTION]


def test_a_credit_alone_is_no_caption() -> None:
    credit_only = '<p class="photo-credit">Photo: Tamsin Ockley/Westcoast Images</p>'
    html = extract_article(_page(credit_only))
    assert html.paragraphs == BODY
    assert html.captions == []
    text = extract_article(
        "\n\n".join([TITLE, BODY[0], "Photo: Tamsin Ockley/Westcoast Images", *BODY[1:]])
    )
    assert text.paragraphs == BODY
    assert text.captions == []


def test_captions_are_kept_once_in_page_order() -> None:
    box = f'<div class="caption">{CAPTION.replace(" ", "  ")}</div>'
    article = extract_article(_page(_figure(OTHER) + _figure(CAPTION), box))
    assert article.captions == [OTHER, CAPTION]


def test_article_to_dict_lists_the_captions() -> None:
    assert extract_article(_text(CAPTION)).to_dict()["captions"] == [CAPTION]


# -- the report ------------------------------------------------------------------------------


def test_only_a_caption_changed_gives_a_captions_section_and_nothing_else() -> None:
    new_caption = "The red ferry Osprey waits at Portwen quay."
    report = compare(_page(_figure(CAPTION)), _page(_figure(new_caption)))
    doc = report.to_dict()
    assert doc["captions"] == {"added": [new_caption], "removed": [CAPTION]}
    assert all(s["kind"] == "same" for s in doc["sentences"])
    assert doc["quotes"]["added"] == doc["quotes"]["removed"] == doc["quotes"]["changed"] == []
    assert doc["claims"] == []
    assert doc["facts"] == {"changed": [], "added": [], "removed": []}
    assert {c["kind"] for c in doc["changes"]} == {"caption"}
    assert max(c["significance"] for c in doc["changes"]) < 0.5
    assert doc["summary"] == "Only a picture caption changed."
    assert report.changed


def test_a_caption_holding_a_quote_and_a_number_makes_no_quote_claim_or_fact() -> None:
    old = '"Nine boats," said Idris Fenwick, as the ferry left the quay.'
    new = '"Fourteen boats," said Idris Fenwick, as 40 passengers boarded.'
    report = compare(_text(old), _text(new))
    assert report.captions_added == (new,)
    assert report.captions_removed == (old,)
    assert not report.has_changes(["quotes", "claims", "facts"])
    assert not report.quotes.appended


def test_a_caption_differing_in_whitespace_or_typography_is_no_change() -> None:
    curly = "Harbour master Idris Fenwick\u2019s boat \u2014 the Marisol \u2014 at dawn."
    straight = "Harbour master  Idris Fenwick's boat - the Marisol - at dawn."
    report = compare(_page(_figure(curly)), _page(_figure(straight)))
    assert not report.changed
    assert "captions" not in report.to_dict()
    assert report.summary == "No changes."


def test_a_caption_beside_a_body_change_is_not_named_in_the_summary() -> None:
    old = _text(CAPTION)
    new = _text(OTHER).replace("twelve minutes", "forty minutes")
    report = compare(old, new)
    assert report.captions_added == (OTHER,)
    assert "caption" not in report.summary.lower()
    kinds = [c.kind for c in report.changes]
    assert kinds[0] != "caption"
    assert kinds.count("caption") == 2
    assert all(c.significance < 0.5 for c in report.changes if c.kind == "caption")


def test_a_report_without_a_caption_change_has_no_captions_key() -> None:
    doc = compare(_text(CAPTION), _text(CAPTION).replace("twelve", "twenty")).to_dict()
    assert "captions" not in doc


def test_a_caption_an_older_extraction_kept_in_the_body_is_no_change() -> None:
    kept = [BODY[0], f"{CAPTION} Credit: Tamsin Ockley", *BODY[1:]]
    stored = Article(TITLE, [], None, None, kept)
    fresh = Article(TITLE, [], None, None, list(BODY), captions=[CAPTION])
    report = build_report(stored, fresh)
    assert not report.changed


# -- renderers and filters -------------------------------------------------------------------


def test_text_markdown_and_html_show_the_caption_change() -> None:
    report = compare(_page(_figure(CAPTION)), _page(_figure(OTHER)))
    text = render_report(report, "text")
    assert f"Caption removed: {CAPTION}" in text
    assert f"Caption added: {OTHER}" in text
    assert f"**Caption added:** {OTHER}" in render_report(report, "markdown")
    page = render_report(report, "html")
    assert "<h3>Captions</h3>" in page
    assert OTHER in page


def _diff(tmp_path: Path, old: str, new: str, *args: str) -> dict[str, object]:
    (tmp_path / "old.html").write_text(old, encoding="utf-8")
    (tmp_path / "new.html").write_text(new, encoding="utf-8")
    files = [str(tmp_path / "old.html"), str(tmp_path / "new.html")]
    result = runner.invoke(app, ["diff", *files, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    doc: dict[str, object] = json.loads(result.stdout)
    return doc


def test_cli_reports_a_caption_change_and_min_significance_removes_it(tmp_path: Path) -> None:
    old, new = _page(_figure(CAPTION)), _page(_figure(OTHER))
    doc = _diff(tmp_path, old, new)
    assert doc["captions"] == {"added": [OTHER], "removed": [CAPTION]}
    filtered = _diff(tmp_path, old, new, "--min-significance", "0.5")
    assert "captions" not in filtered
    assert filtered["changes"] == []
    assert filtered["summary"] == "No changes."


def test_cli_only_captions_keeps_the_caption_section(tmp_path: Path) -> None:
    old = _page(_figure(CAPTION))
    new = _page(_figure(OTHER)).replace("twelve minutes", "forty minutes")
    doc = _diff(tmp_path, old, new, "--only", "captions")
    assert doc["captions"] == {"added": [OTHER], "removed": [CAPTION]}
    assert doc["facts"] == {"changed": [], "added": [], "removed": []}
    assert doc["summary"] == "Only a picture caption changed."
    without = _diff(tmp_path, old, new, "--only", "facts")
    assert "captions" not in without


# -- the store -------------------------------------------------------------------------------


def test_stored_versions_keep_their_captions(tmp_path: Path, store: Store) -> None:
    (tmp_path / "v1.html").write_text(_page(_figure(CAPTION)), encoding="utf-8")
    (tmp_path / "v2.html").write_text(_page(_figure(OTHER)), encoding="utf-8")
    first = snapshot([str(tmp_path / "v1.html")], store, url=URL, at=T0)
    second = snapshot([str(tmp_path / "v2.html")], store, url=URL, at=T0.replace(hour=9))
    assert [r.status for r in (*first, *second)] == ["new", "changed"]
    old, new = load_versions(store, URL)
    assert old.article.captions == [CAPTION]
    assert new.article.captions == [OTHER]
    assert old.article.paragraphs == new.article.paragraphs == BODY
    report = diff_stored(store.root, URL)
    assert report.to_dict()["captions"] == {"added": [OTHER], "removed": [CAPTION]}


def test_a_version_stored_before_captions_were_kept_reads_as_none() -> None:
    meta = {"title": TITLE, "authors": [], "published": None, "notes": [], "contributors": []}
    text = f"{TITLE}\n\n" + "\n\n".join(BODY) + "\n"
    assert article_from(text, meta).captions == []
    assert content_hash(text, meta) == content_hash(text, {**meta, "captions": []})
    assert content_hash(text, meta) != content_hash(text, {**meta, "captions": [CAPTION]})
