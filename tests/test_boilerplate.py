"""Page furniture (labels, jump lines, share bars, prompts, credits, captions) is not content:
it leaves the body at extraction and before a report aligns two versions."""

from __future__ import annotations

import pytest

from tracker import compare, extract_article
from tracker.analyze.report import build_report
from tracker.extract.boilerplate import (
    clean_paragraphs,
    is_caption,
    is_credit,
    is_furniture,
    strip_furniture,
)
from tracker.models import Article

BODY = [
    "The harbor authority said on Monday that it would close the north pier for repairs after "
    "inspectors found cracks in two of its supports.",
    "\u201cWe cannot take any chances with the public,\u201d said Irene Valdez, the authority's "
    "director, adding that the work would take at least six weeks.",
    "Fishing boats that use the pier will be moved to the south basin, where the authority has "
    "set aside forty berths, officials said.",
    "The pier, built in 1962, was last renovated two decades ago, according to city records.",
]


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Skip Advertisement",
        "Continue reading the main story",
        "Continue Reading The Main Story Share This Page",
        "Advertisement Continue reading the main story",
        "Continue reading the main story Video",
        "Story continues below advertisement",
        "Supported by",
        "Photo",
        "Image",
        "Video",
        "Photos: 1 of 12",
        "Loading...",
        "Loading\u2026",
        "Share this: Facebook Twitter Email",
        "Share | Tweet | Email | Print",
        "Share this article",
        "Page 2 of 3",
        "Next page \u00bb",
        "Single page",
        "View as single page",
        "312 Comments",
        "Comments (45)",
        "Read more",
        "Related: Harbor towns brace for a busy summer",
        "Read more: How the pier was built",
        "RELATED COVERAGE",
        "Sign up for our morning newsletter",
        "Sign up for the Harbor Briefing newsletter and get the day's news in your inbox.",
        "Subscribe",
        "Subscribe now",
        "Follow us on Twitter",
        "Follow Irene Valdez on Twitter",
        "Listen to this article \u00b7 4:21 min",
        "5 min read",
        "Copyright 2031 The Harbor Gazette. All rights reserved.",
        "Credit Peter Lind for The Harbor Gazette",
        "Photograph: Ana Ruiz/Reuters",
        "Photo by Ana Ruiz",
        "(AP Photo/Ana Ruiz)",
        "Ana Ruiz/Agence France-Presse \u2014 Getty Images",
        "Peter K. Lind/The Harbor Gazette",
        "Getty Images",
        "Advertisement - Continue Reading Below",
        "ADVERTISEMENT - SCROLL TO CONTINUE",
        "Show more",
        "This article is more than 5 years old",
        "June 5, 2031",
        "JUNE 5, 2031",
        "Updated 9:45 p.m. ET, Tue March 5, 2031",
        "Published: 2031-03-05",
        "Posted: Thursday, April 21, 2031. 10:11 pm CST.",
        "4:14 p.m.",
    ],
)
def test_layout_lines_are_furniture(line: str) -> None:
    assert is_furniture(line)
    assert clean_paragraphs([line]) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The photo showed the mayor at the party.",
        "Advertisement revenue fell 5 percent last year, the company said.",
        "Video of the collapse was shared widely.",
        "Supported by Democrats, the bill passed easily.",
        "Subscribers were told the price would rise.",
        "Credit card debt rose again in May.",
        "Share prices fell sharply on Monday.",
        "Photo ID laws were challenged in court.",
        "Next, the council turned to the budget.",
        "More than 50 people were killed.",
        "Images from the scene showed smoke over the harbor.",
        "Sign up for the draft began on Tuesday, officials said.",
        "Copyright law is complex, the judge wrote.",
        "Follow the money, the prosecutor said.",
        "Related to the case, the police said nothing.",
        "Read more carefully, the memo says something else.",
        "He was 47.",
        "U.S./Mexico Border Talks Resume",
        "Loading the ships took three days.",
        "Comments from residents were mostly positive.",
        "Page 2 of the report lists the damage.",
        "On June 5, 2031, the pier closed.",
        "1962",
        "https://example.com/2031/06/05/pier-closes/",
        "Expand the pier, the mayor said.",
    ],
)
def test_sentences_about_photos_ads_and_shares_stay(sentence: str) -> None:
    assert not is_furniture(sentence)
    assert not is_caption(sentence)
    assert clean_paragraphs([sentence]) == [sentence]


@pytest.mark.parametrize(
    "caption",
    [
        "Fishing boats in the south basin on Monday. Credit Peter Lind for The Harbor Gazette",
        "Fishing boats in the south basin on Monday. (AP Photo/Ana Ruiz)",
        "Fishing boats in the south basin on Monday. Photograph: Ana Ruiz/Reuters",
        "Fishing boats in the south basin on Monday. [Photo: Ana Ruiz]",
        "The north pier in 1962. Credit: Harbor Museum",
    ],
)
def test_captions_are_kept_apart_from_the_body(caption: str) -> None:
    assert is_caption(caption)
    assert clean_paragraphs([BODY[0], caption, BODY[1]]) == BODY[:2]


def test_credit_needs_names_not_a_sentence() -> None:
    assert is_credit("Credit Jae C. Hong/Associated Press")
    assert not is_credit("Credit Suisse declined to comment")
    assert not is_caption("Shares of Credit Suisse fell. Credit Suisse declined to comment.")


@pytest.mark.parametrize(
    ("glued", "clean"),
    [
        (
            "He said no. Advertisement Continue reading the main story Mr. Lind fired back.",
            "He said no. Mr. Lind fired back.",
        ),
        ("\u201cWe will go,\u201d he said. Advertisement", "\u201cWe will go,\u201d he said."),
        ("The pier closed at noon. Photo", "The pier closed at noon."),
        ("Advertisement The pier closed at noon.", "The pier closed at noon."),
        ("Continue reading the main story The pier closed.", "The pier closed."),
        ("The pier closed. Continue reading the main story Video", "The pier closed."),
    ],
)
def test_layout_phrases_glued_to_a_paragraph_are_cut(glued: str, clean: str) -> None:
    assert strip_furniture(glued) == clean


@pytest.mark.parametrize(
    "paragraph",
    [
        "Photo ID laws passed. The governor signed them.",
        "The pier closed. Video Games Live opened at the arena.",
        "He watched. Supported by Democrats, the bill passed.",
    ],
)
def test_words_that_can_open_a_sentence_are_not_cut(paragraph: str) -> None:
    assert strip_furniture(paragraph) == paragraph


def _plain_capture(layout: bool) -> str:
    """One version as saved text; `layout` adds what a redesigned page puts inline."""
    lines = ["Harbor authority closes north pier", "By Irene Valdez"]
    if layout:
        lines += ["Supported by", "Continue reading the main story", "Share this page"]
    for index, paragraph in enumerate(BODY):
        lines.append(paragraph)
        if layout and index == 1:
            lines += [
                "Photo",
                "Boats in the south basin. Credit Peter Lind for The Harbor Gazette",
                "Advertisement",
                "Continue reading the main story",
            ]
    if layout:
        lines += ["Related: Harbor towns brace for summer", "Sign up for our newsletter"]
    return "\n\n".join(lines)


def test_plain_text_capture_drops_layout_text() -> None:
    article = extract_article(_plain_capture(layout=True))
    assert article.paragraphs == BODY
    assert article.authors == ["Irene Valdez"]


def test_html_capture_drops_layout_text() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY[:2])
    rest = "".join(f"<p>{p}</p>" for p in BODY[2:])
    page = (
        "<html><head><title>Harbor authority closes north pier</title></head><body><article>"
        "<h1>Harbor authority closes north pier</h1><p>Supported by</p><p>Advertisement</p>"
        f"{paragraphs}<p>Photo</p><p>Continue reading the main story</p>{rest}"
        "<p>Related: Harbor towns brace for summer</p><p>Sign up for our newsletter</p>"
        "</article></body></html>"
    )
    assert extract_article(page).paragraphs == BODY


def test_a_redesign_with_layout_text_reports_no_events() -> None:
    report = compare(_plain_capture(layout=False), _plain_capture(layout=True))
    assert all(s.kind == "same" for s in report.sentences)
    assert not report.has_changes(["headline", "quotes", "claims", "facts", "contributors"])
    assert not report.has_changes(["notes"])
    # the picture the redesign added is told apart, as a caption
    assert report.captions_added == ("Boats in the south basin.",)
    assert report.summary == "Only a picture caption changed."


def test_build_report_drops_layout_text_kept_by_an_older_extraction() -> None:
    old = Article("H", ["Irene Valdez"], None, None, list(BODY))
    new = Article(
        "H",
        ["Irene Valdez"],
        None,
        None,
        [BODY[0], "Photo", BODY[1], "Advertisement Continue reading the main story", *BODY[2:]],
    )
    report = build_report(old, new)
    assert all(s.kind == "same" for s in report.sentences)
    assert not report.quotes.added
    assert not report.quotes.removed
    assert not report.claims


def test_long_runs_of_layout_words_take_linear_time() -> None:
    text = "He said. " * 200 + "photo gallery " * 400 + "and then the story went on."
    assert not is_furniture(text)
    assert strip_furniture(text).endswith("the story went on.")
    assert is_furniture("Share | Facebook | Twitter | Email | Print " * 10)


def test_caption_and_credit_markup_leaves_the_html_body() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    page = (
        "<html><head><title>Harbor authority closes north pier</title></head><body><article>"
        f"<h1>Harbor authority closes north pier</h1>{paragraphs}"
        '<figure><img src="pier.jpg"><figcaption>The north pier on Monday.</figcaption></figure>'
        '<div class="story-caption">Boats moved to the south basin.</div>'
        '<p class="photo-credit">Peter Lind for The Harbor Gazette</p>'
        f"{paragraphs}</article></body></html>"
    )
    assert extract_article(page).paragraphs == BODY + BODY


def test_separator_lines_are_not_layout_phrases() -> None:
    assert not is_furniture("___")
    assert clean_paragraphs(["* * *"]) == ["* * *"]


def test_a_changed_update_time_is_no_event() -> None:
    old = "\n\n".join(["Updated June 5, 2031, 9:45 a.m. ET", *BODY])
    new = "\n\n".join(["Updated June 5, 2031, 4:10 p.m. ET", *BODY])
    report = compare(old, new)
    assert not report.changed


def test_paywall_prompts_stay_for_the_guards() -> None:
    prompt = "Subscribe to continue reading this article."
    assert clean_paragraphs([BODY[0], prompt]) == [BODY[0], prompt]
