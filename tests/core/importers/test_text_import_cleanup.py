"""The text importer's handling of site boilerplate and of the byline, date and address lines."""

from __future__ import annotations

import re

import pytest

from briefing.core.importers.cleanup import _LOWER_CASE_CUE_PATTERNS
from tests.core.importers.test_text_import import (
    BODY_A,
    BODY_B,
    BODY_C,
    STANDFIRST,
    parse,
    parse_body,
    reasons,
)

# --- Boilerplate --------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "reason"), [
    ("\u00a9", "copyright sign"),
    ("\u00a9 2025 Harbour Weekly", "copyright notice"),
    ("Copyright 2025 Harbour Weekly. All rights reserved.", "copyright notice"),
    ("Subscribe", "newsletter sign-up"),
    ("Sign up for our newsletter", "newsletter sign-up"),
    ("Enter your email address", "newsletter sign-up"),
    ("Share", "share buttons"),
    ("Tweet", "share buttons"),
    ("Facebook | LinkedIn | Copy link", "share buttons"),
    ("harbour-crane_1200x800.jpg)", "image caption or file name"),
    ("Image: The old seawall at high tide", "image caption or file name"),
    ("Read more", "link to other content"),
    ("More harbour news \u00bb", "link to other content"),
    ("Try the ferry timetable app \u2192", "link to other content"),
    ("Advertisement", "advertisement"),
    ("We use cookies to improve your experience. By continuing you accept our cookie policy.",
     "cookie notice"),
    ("The views expressed in this article are the author's own.", "site disclaimer"),
    ("This commentary does not necessarily reflect the views of the institute.",
     "site disclaimer"),
])
def test_boilerplate_line_in_the_body_is_discarded_with_reason(line: str, reason: str) -> None:
    article = parse_body(BODY_A, "", line, "", BODY_B)
    assert [block.text for block in article.blocks] == [BODY_A, BODY_B]
    assert [(item.text, item.reason, item.line) for item in article.discarded] == [
        (line, reason, 7)]


def test_author_box_with_name_and_bio_is_discarded_in_the_middle() -> None:
    article = parse_body(BODY_A, "About the author", "Jane Moreau",
                         "Jane Moreau writes about ports and coastal planning.", BODY_B)
    assert [block.text for block in article.blocks] == [BODY_A, BODY_B]
    assert [item.reason for item in article.discarded] == ["author box"] * 3


def test_author_box_without_name_at_the_end_is_discarded() -> None:
    article = parse_body(BODY_A, BODY_B, "Author", "Senior Fellow, Coastal Programme",
                         "Follows ports and shipping")
    assert [block.text for block in article.blocks] == [BODY_A, BODY_B]
    assert [item.text for item in article.discarded] == [
        "Author", "Senior Fellow, Coastal Programme", "Follows ports and shipping"]


def test_related_articles_list_is_discarded_but_body_after_it_is_kept() -> None:
    article = parse_body(BODY_A, "Related articles", "Why the Quays Are Sinking",
                         "A Short History of the Seawall", BODY_B)
    assert [block.text for block in article.blocks] == [BODY_A, BODY_B]
    assert [item.reason for item in article.discarded] == ["related links"] * 3


def test_long_disclaimer_in_the_footer_is_discarded() -> None:
    disclaimer = ("Harbour Weekly is an independent publication and welcomes a wide range of "
                  "voices on coastal policy from researchers, officials and residents. " * 3
                  + "The views expressed are those of the individual authors.")
    article = parse_body(BODY_A, BODY_B, disclaimer, "Subscribe")
    assert [block.text for block in article.blocks] == [BODY_A, BODY_B]
    assert [item.reason for item in article.discarded] == ["site disclaimer",
                                                           "newsletter sign-up"]


def test_line_mentioning_subscribe_inside_a_long_paragraph_is_kept() -> None:
    text = ("Residents who subscribe to the flood alert service get a text message when the "
            "river rises, and the council wants every household on the list by autumn.")
    article = parse_body(BODY_A, text, BODY_B)
    assert [block.text for block in article.blocks] == [BODY_A, text, BODY_B]
    assert article.discarded == []


@pytest.mark.parametrize("line", [
    "Copyright law for harbour photographs is changing.",
    "Polls do not necessarily reflect the views of voters.",
    "Share prices of the port operator fell sharply this week.",
    "Image rights were sold to the museum in 2019.",
    "Subscribers to the ferry pass pay less.",
    "The positions of the authors of the treaty differed.",
    "More from less is the new motto of the port.",
    "The harbour masters rated the crossing at 4 > 3 on the scale, a clear step up \u00bb",
])
def test_body_lines_that_only_look_like_boilerplate_are_kept(line: str) -> None:
    article = parse_body(BODY_A, line, BODY_B)
    assert line in [block.text for block in article.blocks]
    assert article.discarded == []


def test_boilerplate_before_the_title_does_not_hide_it() -> None:
    article = parse("Share", "Advertisement", "Ports Under Pressure", "", STANDFIRST, "", BODY_A)
    assert article.title == "Ports Under Pressure"
    assert article.standfirst == STANDFIRST
    assert [(item.line, item.reason) for item in article.discarded] == [
        (1, "share buttons"), (2, "advertisement")]


def test_empty_list_markers_and_symbol_lines_are_discarded_not_dropped() -> None:
    article = parse_body(BODY_A, "\u2022", "* * *", "1.", BODY_B)
    assert [block.text for block in article.blocks] == [BODY_A, BODY_B]
    assert [item.text for item in article.discarded] == ["\u2022", "* * *", "1."]


@pytest.mark.parametrize("line", ["Home > News > Ports", "5 min read", "Menu"])
def test_site_navigation_lines_are_discarded(line: str) -> None:
    article = parse_body(BODY_A, line, BODY_B)
    assert [(item.text, item.reason) for item in article.discarded] == [(line, "site navigation")]


@pytest.mark.parametrize(("line", "reason"), [
    # ASCII lines are matched in lower case, whatever case they are printed in.
    ("SUBSCRIBE", "newsletter sign-up"),
    ("Share On Facebook", "share buttons"),
    ("SPONSORED CONTENT", "advertisement"),
    ("Related Stories", "related links"),
    ("Comments (12)", "comments link"),
    ("Privacy Policy", "site footer link"),
    ("News / Harbour / Ferries", "site navigation"),
    ("3 MIN READ", "site navigation"),
    # Other lines go through the case-blind patterns in full.
    ("Home \u203a Ports \u203a Ferries", "site navigation"),
    ("Facebook \u00b7 Tweet", "share buttons"),
    ("Sign up for the Caf\u00e9 Bulletin", "newsletter sign-up"),
    ("Sponsored Content \u00e9t\u00e9", None),
])
def test_short_cues_hold_in_any_case_and_outside_ascii(line: str, reason: str | None) -> None:
    article = parse_body(BODY_A, line, BODY_B)
    assert [item.reason for item in article.discarded] == ([reason] if reason else [])


def test_lower_case_cue_patterns_have_no_capital_letters() -> None:
    # They match ASCII text in lower case in place of the case-blind patterns.
    for pattern in _LOWER_CASE_CUE_PATTERNS:
        letters = re.sub(r"\\.|\(\?P<", "", pattern.pattern)
        assert letters == letters.lower()
        assert not pattern.flags & re.IGNORECASE


# --- Byline and date ----------------------------------------------------------------------------

def test_byline_and_date_lines_become_author_and_iso_date() -> None:
    article = parse("Ports Under Pressure", "By Jane Moreau and Tom Ali",
                    "Published 3 March 2025", STANDFIRST, BODY_A, BODY_B)
    assert (article.title, article.author, article.date) == (
        "Ports Under Pressure", "Jane Moreau and Tom Ali", "2025-03-03")
    assert article.standfirst == STANDFIRST
    assert [(item.line, item.reason) for item in article.discarded] == [
        (2, "byline, kept as the author"), (3, "date line, kept as the date")]


@pytest.mark.parametrize(("line", "author", "date"), [
    ("By Jane Moreau | 3 Mar 2025", "Jane Moreau", "2025-03-03"),
    ("By Jane Moreau, Published 3 March 2025", "Jane Moreau", "2025-03-03"),
    ("Updated: Tuesday, 4 March 2025 at 10:30 CET", "", "2025-03-04"),
    ("March 3, 2025", "", "2025-03-03"),
    ("2025-03-03", "", "2025-03-03"),
])
def test_byline_and_date_forms_are_recognised(line: str, author: str, date: str) -> None:
    article = parse("Ports Under Pressure", line, STANDFIRST, BODY_A)
    assert (article.author, article.date) == (author, date)
    assert [item.text for item in article.discarded] == [line]


def test_a_publication_named_beside_the_byline_becomes_the_publisher() -> None:
    line = "By Jane Moreau | Harbour Weekly | 3 Mar 2025"
    article = parse("Ports Under Pressure", line, STANDFIRST, BODY_A)
    assert (article.author, article.publisher, article.date) == (
        "Jane Moreau", "Harbour Weekly", "2025-03-03")
    assert [(item.text, item.reason) for item in article.discarded] == [
        (line, "byline and date, kept as the author and publisher and date")]


@pytest.mark.parametrize("line", [
    "By Jane Moreau | the quay at dawn",  # words of a sentence, not a name
    "By Jane Moreau | Harbour Weekly | Port Politics | 3 Mar 2025",  # two names: which?
    "Harbour Weekly | 3 Mar 2025",  # no byline to stand beside
])
def test_a_name_is_read_as_the_publisher_only_beside_a_byline_and_alone(line: str) -> None:
    article = parse("Ports Under Pressure", STANDFIRST, line, BODY_A)
    assert (article.author, article.publisher) == ("", "")
    assert line in [block.text for block in article.blocks] + [
        section.heading for section in article.sections]


@pytest.mark.parametrize("line", ["By 2030 the port will double in size",
                                  "2025-02-30", "Jane Moreau, 3 March 2025 was a long day"])
def test_lines_that_are_not_a_byline_or_valid_date_are_kept(line: str) -> None:
    article = parse("Ports Under Pressure", STANDFIRST, line, BODY_A)
    assert (article.author, article.date) == ("", "")
    assert line in [block.text for block in article.blocks] + [
        section.heading for section in article.sections]


def test_web_address_line_in_the_opening_becomes_the_url() -> None:
    article = parse("https://example.org/ports/under-pressure", "Ports Under Pressure",
                    STANDFIRST, BODY_A)
    assert (article.url, article.title) == ("https://example.org/ports/under-pressure",
                                            "Ports Under Pressure")
    assert [(item.line, item.reason) for item in article.discarded] == [
        (1, "web address, kept as the url")]


def test_web_address_inside_a_sentence_is_not_taken_as_the_url() -> None:
    line = "The plan is online at https://example.org/plan for anyone to read."
    article = parse("Ports Under Pressure", STANDFIRST, line, BODY_A)
    assert article.url == ""
    assert line in [block.text for block in article.blocks]


def test_byline_between_blocks_further_down_is_discarded_and_kept_as_the_author() -> None:
    article = parse_body(BODY_A, "", BODY_B, "", BODY_C, "", "By Jane Moreau", "", BODY_B)
    assert article.author == "Jane Moreau"
    assert reasons(article) == {"By Jane Moreau": "byline, kept as the author"}
    assert [block.text for block in article.blocks] == [BODY_A, BODY_B, BODY_C, BODY_B]


def test_byline_words_inside_a_sentence_stay_in_the_text() -> None:
    line = "By Friday the council had approved the plan, and the works began."
    article = parse_body(BODY_A, "", line, "", BODY_B)
    assert article.author == ""
    assert line in [block.text for block in article.blocks]


def test_author_label_among_short_paragraphs_does_not_swallow_the_article() -> None:
    short = [f"Point number {n} about the harbour." for n in range(30)]
    article = parse_body(*short[:10], "Author", *short[10:])
    assert [block.text for block in article.blocks] == short[:10] + short[11:]
    assert [item.text for item in article.discarded] == ["Author", short[10]]


def test_separator_dashes_in_the_body_do_not_swallow_what_follows() -> None:
    article = parse_body(*[BODY_A, "--", BODY_B] * 8)
    assert [block.text for block in article.blocks] == [BODY_A, BODY_B] * 8
    assert {item.reason for item in article.discarded} == {"separator line"}
