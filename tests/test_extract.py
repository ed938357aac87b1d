"""extract_article: metadata, body, bylines, contributors, notes, plain text, empty pages."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.charset import decode, detect_charset
from tracker.errors import ExtractionEmpty
from tracker.extract.article import extract_article
from tracker.extract.meta import clean_title, iso_date
from tracker.extract.text import split_plain_text
from tracker.extract.title import TitleCandidate, choose_title

BODY = [
    "The city council voted on Tuesday to approve a new budget for the coming fiscal year, "
    "ending weeks of debate over how to pay for road repairs and school buses.",
    "Council members said the plan raises spending on public transit by twelve percent while "
    "holding property taxes flat for most homeowners in the district.",
    "Opponents argued that the budget relies on optimistic revenue forecasts and warned that "
    "the city could face a shortfall if the local economy slows next year.",
    "The mayor is expected to sign the measure later this week, according to her office, "
    "which called the vote a sensible compromise between the two factions.",
]


def page(
    *paragraphs: str, head: str = "", before: str = "", after: str = "", title: str = ""
) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs or BODY)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<article>{before}{body}{after}</article>"
        "<footer><p>Copyright 2024 Example Media. All rights reserved.</p></footer>"
        "</body></html>"
    )


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# --- metadata ---------------------------------------------------------------------------


def test_json_ld_news_article_gives_title_authors_and_dates() -> None:
    ld = json_ld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Council approves budget",
            "author": [{"@type": "Person", "name": "Jane Doe"}, {"name": "John Smith"}],
            "datePublished": "2024-03-05T10:00:00Z",
            "dateModified": "2024-03-06T08:30:00-05:00",
        }
    )
    article = extract_article(page(head=ld, title="Something else - Example"))
    assert article.title == "Council approves budget"
    assert article.authors == ["Jane Doe", "John Smith"]
    assert article.published == "2024-03-05T10:00:00+00:00"
    assert article.modified == "2024-03-06T08:30:00-05:00"


def test_json_ld_article_inside_graph_is_found() -> None:
    ld = json_ld(
        {
            "@graph": [
                {"@type": "WebSite", "name": "Example"},
                {"@type": ["ReportageNewsArticle"], "headline": "Graph headline"},
            ]
        }
    )
    assert extract_article(page(head=ld)).title == "Graph headline"


def test_open_graph_tags_alone_give_title_and_dates() -> None:
    head = (
        '<meta property="og:title" content="Budget passes after long debate">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00+00:00">'
        '<meta property="article:modified_time" content="2024-03-05T12:00:00+00:00">'
        '<meta name="author" content="Jane Doe">'
    )
    article = extract_article(page(head=head))
    assert article.title == "Budget passes after long debate"
    assert article.published == "2024-03-05T10:00:00+00:00"
    assert article.modified == "2024-03-05T12:00:00+00:00"
    assert article.authors == ["Jane Doe"]


def test_title_tag_loses_its_site_suffix() -> None:
    article = extract_article(page(title="Council approves the new budget | The Guardian"))
    assert article.title == "Council approves the new budget"


def test_clean_title_drops_the_named_site() -> None:
    assert clean_title("Council approves budget - CNN", "CNN") == "Council approves budget"


def test_json_ld_wrapped_in_cdata_is_read() -> None:
    ld = json_ld({"@type": "NewsArticle", "headline": "Council approves budget"})
    ld = ld.replace(">{", "><![CDATA[{").replace("}<", "}]]><")
    assert extract_article(page(head=ld, title="Other words entirely")).title == (
        "Council approves budget"
    )


def test_dublin_core_title_is_a_title_source() -> None:
    head = '<meta property="dc:title" content="Council approves budget">'
    assert extract_article(page(head=head)).title == "Council approves budget"


def test_fuller_visible_headline_replaces_a_shortened_meta_title() -> None:
    head = '<meta property="og:title" content="Council approves budget">'
    before = "<h1>Late-night vote: council approves budget for transit</h1>"
    assert extract_article(page(before=before, head=head)).title == (
        "Late-night vote: council approves budget for transit"
    )


def test_fuller_heading_outside_the_article_keeps_the_title_element() -> None:
    html = page(title="Council approves budget").replace(
        "<body>", "<body><h1>Council approves budget: the full vote, test page</h1>"
    )
    assert extract_article(html).title == "Council approves budget"


def test_shorter_visible_headline_keeps_the_fuller_json_ld_headline() -> None:
    ld = json_ld({"@type": "NewsArticle", "headline": "How the council approved its 2024 budget"})
    before = "<h1>Council approved budget</h1>"
    assert extract_article(page(before=before, head=ld)).title == (
        "How the council approved its 2024 budget"
    )


def test_headline_backed_by_other_sources_beats_a_lone_json_ld_headline() -> None:
    ld = json_ld(
        {"@type": "Article", "headline": "matrix equal to its transpose", "name": "Matrix"}
    )
    html = page(head=ld, title="Hermitian matrix - Wiki", before="<h1>Hermitian matrix</h1>")
    html = html.replace('"name": "Matrix"', '"name": "Hermitian matrix"')
    assert extract_article(html).title == "Hermitian matrix"


def test_unbacked_logo_heading_does_not_replace_the_meta_title() -> None:
    head = '<meta property="og:title" content="Council approves budget">'
    html = page(head=head, before="<h1>The Daily Example</h1>")
    assert extract_article(html).title == "Council approves budget"


def test_site_name_is_not_taken_as_the_headline() -> None:
    head = (
        '<meta property="og:title" content="Example News">'
        '<meta property="og:site_name" content="Example News">'
    )
    html = page(head=head, title="Council approves budget - Example News")
    assert extract_article(html).title == "Council approves budget"


def test_choose_title_prefers_the_candidate_most_sources_back() -> None:
    candidates = [
        TitleCandidate("Modern ambitions behind neon", "meta"),
        TitleCandidate("Why neon is the symbol of the century", "meta"),
        TitleCandidate("A brief history of neon signage", "title"),
        TitleCandidate("Why neon is the symbol of the century", "article"),
    ]
    assert choose_title(candidates) == "Why neon is the symbol of the century"


def test_choose_title_of_nothing_is_empty() -> None:
    assert choose_title([TitleCandidate("Logo", "page")]) == ""


def test_canonical_link_is_the_article_url() -> None:
    head = '<link rel="canonical" href="https://example.com/news/budget">'
    article = extract_article(page(head=head), url="https://example.com/news/budget?utm=x")
    assert article.url == "https://example.com/news/budget"


def test_given_url_is_kept_without_canonical() -> None:
    assert extract_article(page(), url="https://example.com/a").url == "https://example.com/a"


def test_iso_date_reads_rfc_2822() -> None:
    assert iso_date("Tue, 05 Mar 2024 10:00:00 GMT") == "2024-03-05T10:00:00+00:00"


def test_iso_date_rejects_garbage() -> None:
    assert iso_date("last Tuesday") is None


# --- bylines ----------------------------------------------------------------------------


def test_byline_element_gives_authors() -> None:
    before = '<div class="article-byline">By Jane Doe and John Smith</div>'
    assert extract_article(page(before=before)).authors == ["Jane Doe", "John Smith"]


def test_rel_author_links_give_authors() -> None:
    before = '<p class="meta"><a rel="author" href="/jane">Jane Doe</a></p>'
    assert extract_article(page(before=before)).authors == ["Jane Doe"]


def test_json_ld_author_in_lower_case_is_kept() -> None:
    ld = json_ld({"@type": "NewsArticle", "headline": "H", "author": {"name": "Mobasir hassan"}})
    assert extract_article(page(head=ld)).authors == ["Mobasir hassan"]


def test_site_name_as_author_gives_way_to_a_byline() -> None:
    head = (
        '<meta name="author" content="Example News">'
        '<meta property="og:site_name" content="Example News">'
    )
    before = '<div class="byline">By Jane Doe</div>'
    assert extract_article(page(head=head, before=before)).authors == ["Jane Doe"]


def test_publication_is_the_author_when_no_person_is_named() -> None:
    head = (
        '<meta name="author" content="Example News">'
        '<meta property="og:site_name" content="Example News">'
    )
    assert extract_article(page(head=head)).authors == ["Example News"]


def test_by_line_paragraph_leaves_the_body() -> None:
    article = extract_article(page("By Jane Doe", *BODY))
    assert article.authors == ["Jane Doe"]
    assert article.paragraphs[0].startswith("The city council")


# --- contributors and notes -------------------------------------------------------------


def test_contributed_line_gives_contributors_and_stays_in_body() -> None:
    line = "Associated Press writers Ann Lee in Boston and Bo Chen contributed to this report."
    article = extract_article(page(*BODY, line))
    assert article.contributors == ["Ann Lee", "Bo Chen"]
    assert line in article.paragraphs


def test_correction_line_is_a_note_as_printed() -> None:
    note = "Correction: An earlier version of this article misstated the size of the budget."
    article = extract_article(page(*BODY, note))
    assert article.notes == [note]


def test_editors_note_outside_the_body_is_found() -> None:
    note = "Editor's note: This article was corrected to fix the name of the council clerk."
    article = extract_article(page(after=f'<aside class="note"><em>{note}</em></aside>'))
    assert note in article.notes


# --- body -------------------------------------------------------------------------------


def test_body_keeps_article_paragraphs_and_drops_navigation() -> None:
    article = extract_article(page())
    assert article.paragraphs == BODY
    assert article.text == "\n\n".join(BODY)


def test_json_ld_article_body_replaces_a_thin_extraction() -> None:
    ld = json_ld({"@type": "NewsArticle", "headline": "H", "articleBody": "\n\n".join(BODY * 3)})
    html = f"<html><head>{ld}</head><body><div>Subscribe for more.</div></body></html>"
    assert extract_article(html).paragraphs == BODY * 3


# --- plain text -------------------------------------------------------------------------


def test_plain_text_first_line_is_headline_when_it_looks_like_one() -> None:
    text = "Council approves budget\n" + "\n".join(BODY)
    article = extract_article(text)
    assert article.title == "Council approves budget"
    assert article.paragraphs == BODY


def test_plain_text_first_sentence_is_not_a_headline() -> None:
    article = extract_article("\n".join(BODY))
    assert article.title == ""
    assert article.paragraphs == BODY


def test_plain_text_label_is_not_a_headline() -> None:
    article = extract_article("Story highlights\n" + "\n".join(BODY))
    assert article.title == ""


def test_hard_wrapped_plain_text_joins_lines_of_a_block() -> None:
    assert split_plain_text("one two\nthree\n\nfour five\nsix") == [
        "one two three",
        "four five six",
    ]


def test_plain_text_contributor_line() -> None:
    text = "\n".join([*BODY, "Jane Doe contributed to this report."])
    assert extract_article(text).contributors == ["Jane Doe"]


@pytest.mark.parametrize(
    "lede",
    [
        "The mayor told reporters: \u201cWe are done.\u201d",
        "The mayor told reporters: 'We are done.'",
        "The council adjourned early (the second time this month.)",
    ],
)
def test_plain_text_lede_ending_in_a_closing_quote_is_not_a_headline(lede: str) -> None:
    article = extract_article("\n\n".join([lede, *BODY]))
    assert article.title == ""
    assert article.paragraphs == [lede, *BODY]


def test_plain_text_mentioning_a_tag_stays_plain_text() -> None:
    text = (
        "He wrote <script>alert(1)</script> in the post, a harmless test that the forum "
        "software printed as code instead of running, the moderators said on Monday after "
        "several readers asked whether the site had been hacked overnight."
    )
    article = extract_article("\n\n".join([text, *BODY]))
    assert article.paragraphs == [text, *BODY]


def test_a_short_html_page_with_a_tag_is_still_empty() -> None:
    with pytest.raises(ExtractionEmpty):
        extract_article("<div>Loading the live blog <script>start()</script></div>")


# --- empty, broken and mis-encoded input ------------------------------------------------


def test_consent_page_is_empty() -> None:
    html = page("We use cookies to improve your experience. Accept all cookies to continue.")
    with pytest.raises(ExtractionEmpty, match="consent"):
        extract_article(html, url="https://example.com/a")


STORY_45 = (
    "A federal judge on Monday approved a consent decree requiring the city to overhaul its "
    "police training. Officials said the bakery on Main Street will keep selling cookies "
    "during the work, and the courthouse clock has now been broken for 404 days."
)


def test_short_story_mentioning_consent_cookies_and_404_extracts() -> None:
    assert extract_article(page(STORY_45)).paragraphs == [STORY_45]


def test_empty_input_is_empty() -> None:
    with pytest.raises(ExtractionEmpty):
        extract_article(b"")


def test_malformed_html_still_extracts() -> None:
    html = "<html><body><div><p>" + "<p>".join(BODY) + "</div></span><b><i>unclosed"
    assert extract_article(html).paragraphs[0] == BODY[0]


def test_latin1_bytes_declared_in_meta_decode() -> None:
    html = page(*BODY, "Le café est fermé le dimanche après la réunion du conseil.")
    data = html.replace("<head>", '<head><meta charset="iso-8859-1">').encode("latin-1")
    assert "Le café est fermé" in extract_article(data).text


def test_undeclared_bytes_without_any_utf8_read_as_windows_1252() -> None:
    assert decode(b"caf\xe9 \x93ok\x94") == "caf\u00e9 \u201cok\u201d"


@pytest.mark.parametrize("declared", ["utf-8", None])
def test_stray_bytes_beside_utf8_text_are_replaced_not_fatal(declared: str | None) -> None:
    assert decode(b"caf\xe9 \x81 \xe2\x80\x99", declared) == "caf\ufffd \ufffd \u2019"


def test_a_page_labelled_utf8_without_any_utf8_reads_as_windows_1252() -> None:
    assert decode(b"<p>caf\xe9</p>", "utf-8") == "<p>caf\u00e9</p>"


def test_utf8_bom_is_honoured() -> None:
    assert decode(b"\xef\xbb\xbfcaf\xc3\xa9") == "café"


STRAY_BYTE = (
    '<html><head><meta charset="utf-8"></head><body><p>It\u2019s caf'.encode()
    + b"\xe9 time.</p></body></html>"
)


@pytest.mark.parametrize("declared", ["utf-8", None])
def test_utf8_page_with_one_stray_byte_stays_utf8(declared: str | None) -> None:
    text = decode(STRAY_BYTE, declared)
    assert "<p>It\u2019s caf\ufffd time.</p>" in text
    assert "\u00e2\u20ac\u2122" not in text  # It’s read as cp1252: Itâ€™s


def test_valid_utf8_wins_over_a_declared_single_byte_charset() -> None:
    assert (
        decode("<p>It\u2019s caf\u00e9</p>".encode(), "iso-8859-1") == "<p>It\u2019s caf\u00e9</p>"
    )


def test_latin1_label_reads_curly_quotes_as_browsers_do() -> None:
    assert decode(b"\x93caf\xe9\x94", "iso-8859-1") == "\u201ccaf\u00e9\u201d"


def test_bytes_outside_a_declared_single_byte_charset_are_replaced() -> None:
    assert decode(b"caf\xe9 \x81", "windows-1252") == "caf\u00e9 \ufffd"


def test_declared_utf16_without_a_bom_decodes() -> None:
    assert decode("<p>h\u00e9</p>".encode("utf-16-le"), "utf-16-le") == "<p>h\u00e9</p>"


def test_a_meta_tag_claiming_utf16_on_an_ascii_page_is_ignored() -> None:
    data = b'<meta charset="utf-16"><p>plain</p>'
    assert decode(data) == data.decode("ascii")


def test_a_codec_that_is_no_charset_is_ignored() -> None:
    assert detect_charset(b'<meta charset="base64">') is None
    assert (
        decode(b'<meta charset="base64"><p>caf\xe9</p>')
        == '<meta charset="base64"><p>caf\u00e9</p>'
    )


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        (b"\xef\xbb\xbf<p>x</p>", "latin-1", "utf-8"),
        (b"\xff\xfe<\x00p\x00", None, "utf-16-le"),
        (b'<meta charset="windows-1252">', "UTF-8", "utf-8"),
        (b'<meta charset="windows-1252">', None, "cp1252"),
        (b"<p>x</p>", "no-such-set", None),
    ],
)
def test_detect_charset_bom_then_declared_then_meta(
    data: bytes, declared: str | None, expected: str | None
) -> None:
    assert detect_charset(data, declared) == expected


TAGS = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<br>", "<script>", "<!--", "<html>"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=40), TAGS), max_size=30))
def test_arbitrary_input_raises_nothing_but_extraction_empty(parts: list[str]) -> None:
    text = "".join(parts)
    for source in (text, text.encode("utf-8", "surrogatepass")):
        try:
            extract_article(source)
        except ExtractionEmpty:
            pass


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_nothing_but_extraction_empty(data: bytes) -> None:
    try:
        extract_article(data)
    except ExtractionEmpty:
        pass


def test_a_page_without_date_metadata_gets_its_date_from_the_page() -> None:
    body = "".join(
        f"<p>The harbour board met again to discuss the new ferry timetable, paragraph {n}.</p>"
        for n in range(6)
    )
    page = (
        "<html><head><title>Ferry timetable changes</title></head><body><article>"
        "<h1>Ferry timetable changes</h1><p class='date'>Published March 5, 2024</p>"
        f"{body}</article></body></html>"
    )
    article = extract_article(page, url="https://news.example.org/2024/03/05/ferry-timetable")
    assert article.published is not None
    assert article.published.startswith("2024-03-05")


def test_a_short_news_brief_is_an_article() -> None:
    article = extract_article(
        "<html><head><title>Vote</title></head><body><article><h1>Vote</h1>"
        "<p>The council met on Monday.</p><p>It voted 5-2 to approve the budget.</p>"
        "</article></body></html>"
    )
    assert article.title == "Vote"
    assert article.paragraphs == [
        "The council met on Monday.",
        "It voted 5-2 to approve the budget.",
    ]


def test_a_short_error_page_is_not_an_article() -> None:
    with pytest.raises(ExtractionEmpty, match="not an article"):
        extract_article(
            "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
            "<p>The requested URL was not found on this server.</p></body></html>"
        )


# --- several authors ------------------------------------------------------------------------


def test_every_meta_author_tag_gives_an_author() -> None:
    head = '<meta name="author" content="Jane Doe"><meta name="author" content="John Smith">'
    assert extract_article(page(head=head)).authors == ["Jane Doe", "John Smith"]


def test_json_ld_author_list_gives_every_author() -> None:
    authors = [{"@type": "Person", "name": n} for n in ("Jane Doe", "John Smith", "Ana Ruiz")]
    ld = json_ld({"@type": "NewsArticle", "headline": "H", "author": authors})
    assert extract_article(page(head=ld)).authors == ["Jane Doe", "John Smith", "Ana Ruiz"]


def test_author_elements_in_one_byline_box_give_every_author() -> None:
    before = (
        '<div class="byline">By <span class="author"><a href="/a">Jane Doe</a></span> and '
        '<span class="author"><a href="/b">John Smith</a></span></div>'
    )
    assert extract_article(page(before=before)).authors == ["Jane Doe", "John Smith"]


def test_authors_box_without_separators_gives_each_name() -> None:
    before = (
        '<div class="authors"><div class="author-name">Jane Doe</div>'
        '<div class="author-name">John Smith</div></div>'
    )
    assert extract_article(page(before=before)).authors == ["Jane Doe", "John Smith"]


def test_comment_author_is_not_a_co_author() -> None:
    before = '<div class="byline"><a rel="author" href="/a">Jane Doe</a></div>'
    after = '<div class="comments"><span class="author">Troll Person</span></div>'
    assert extract_article(page(before=before, after=after)).authors == ["Jane Doe"]


def test_a_bare_by_is_no_author() -> None:
    before = '<div class="byline"><span class="author">By</span></div>'
    assert extract_article(page(before=before)).authors == []
