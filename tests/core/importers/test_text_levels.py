"""Heading levels read from plain text (text_levels): runs of headings printed to one template
and the heading that introduces them."""

from __future__ import annotations

from briefing.core.importers.text import parse_text
from briefing.core.model import Article
from tests.core.importers.outline_views import outline

TITLE = "Gifts for a Harbour Town Winter"
INTRO = ("The shops along the quay stay open late in December, and we walked all of them to "
         "find presents that last longer than the season.")
PARTS = [
    "Each of these was bought with our own money and used for a month before we wrote a word.",
    "It folds flat into a coat pocket and still keeps tea hot through a whole ferry crossing.",
    "The stitching held after a week of rain, and the strap never slipped off a shoulder.",
    "Children liked it best, though the grown-ups kept borrowing it on the long evenings.",
    "The maker repairs it for free for five years, which few shops along the coast will offer.",
]


def copy(*blocks: str) -> Article:
    """A browser copy of a page: the title, then one block per line, blank lines between."""
    return parse_text("\n\n".join((TITLE, *blocks)), "gifts.txt")


def test_a_run_of_headings_closing_on_a_price_are_parts_of_the_heading_before() -> None:
    article = copy(INTRO, "Our favourite finds this year", PARTS[0],
                   "Tide Flask for $24", PARTS[1], "Quay Satchel for $80", PARTS[2],
                   "Lantern Puzzle Box for $15", PARTS[3], "Oak Stool for $120", PARTS[4])
    assert outline(article.sections) == [
        "Our favourite finds this year", "  Tide Flask for $24", "  Quay Satchel for $80",
        "  Lantern Puzzle Box for $15", "  Oak Stool for $120"]


def test_scores_run_on_to_their_label_are_headings_under_the_verdict() -> None:
    article = copy(INTRO, "Was the Market Worth the Trip?", PARTS[0], "Ana's Score8.5/10",
                   PARTS[1], "Ben's Score8/10", PARTS[2], "Cleo's Score7/10", PARTS[3],
                   "Getting There", PARTS[4])
    assert outline(article.sections) == [
        "Was the Market Worth the Trip?", "  Ana's Score8.5/10", "  Ben's Score8/10",
        "  Cleo's Score7/10", "Getting There"]


def test_two_headings_closing_alike_are_no_run() -> None:
    article = copy(INTRO, "Our favourite finds this year", PARTS[0], "Tide Flask for $24",
                   PARTS[1], "Quay Satchel for $80", PARTS[2])
    assert outline(article.sections) == [
        "Our favourite finds this year", "Tide Flask for $24", "Quay Satchel for $80"]


def test_headings_closing_on_different_words_stay_peers() -> None:
    article = copy(INTRO, "Our favourite finds this year", PARTS[0], "Top 5 flasks",
                   PARTS[1], "The 2025 satchels", PARTS[2], "Gifts under $15", PARTS[3])
    assert outline(article.sections) == [
        "Our favourite finds this year", "Top 5 flasks", "The 2025 satchels", "Gifts under $15"]


def test_after_the_numbered_parts_end_a_short_heading_stays_top_level() -> None:
    article = copy(INTRO, "1. Start with the quay shops", PARTS[0], "Small Gifts", PARTS[1],
                   "Big Gifts", PARTS[2], "2. Then try the market hall", PARTS[3],
                   "Gifts We Would Happily Buy Again Next Winter", PARTS[4],
                   "Happy hunting", PARTS[0])
    assert outline(article.sections) == [
        "1. Start with the quay shops", "  Small Gifts", "  Big Gifts",
        "2. Then try the market hall",
        "Gifts We Would Happily Buy Again Next Winter", "Happy hunting"]


def test_a_run_of_headings_labelled_alike_are_parts_of_the_heading_before() -> None:
    article = copy(INTRO, "How our shop trip went", PARTS[0],
                   "The Quay Stop: flasks and satchels", PARTS[1],
                   "The Market Stop: toys for the evenings", PARTS[2],
                   "The Harbour Stop: stools and lamps", PARTS[3], PARTS[4])
    assert outline(article.sections) == [
        "How our shop trip went", "  The Quay Stop: flasks and satchels",
        "  The Market Stop: toys for the evenings", "  The Harbour Stop: stools and lamps"]


def test_numbered_labels_are_top_level_parts_like_numbered_headings() -> None:
    article = copy(INTRO, "How our shop trip went", PARTS[0], "Gift Idea #1: a flask", PARTS[1],
                   "Gift Idea #2: a satchel", PARTS[2], "Gift Idea #3: a stool", PARTS[3])
    assert outline(article.sections) == [
        "How our shop trip went", "Gift Idea #1: a flask", "Gift Idea #2: a satchel",
        "Gift Idea #3: a stool"]


def test_a_run_of_priced_headings_after_an_introduction_follows_it() -> None:
    article = copy(INTRO, "Introduction", PARTS[0], "Tide Flask for $24", PARTS[1],
                   "Quay Satchel for $80", PARTS[2], "Oak Stool for $120", PARTS[3])
    assert outline(article.sections) == [
        "Introduction", "Tide Flask for $24", "Quay Satchel for $80", "Oak Stool for $120"]
