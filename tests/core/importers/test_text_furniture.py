"""Site furniture found from the shape of a browser copy: link runs, contents, footers."""

from __future__ import annotations

from briefing.core.importers.text import parse_text
from briefing.core.importers.text_furniture import (
    REASON_CONTENTS,
    REASON_FOOTER,
    REASON_LINK_RUN,
)
from briefing.core.model import Article
from tests.core.importers.test_text_import import BODY_A, BODY_B, BODY_C, outline

TITLE = "How the Harbour Towns Plan for Storms"
LEAD = ("Three coastal towns have agreed a joint plan for the storm season, after two winters "
        "of flooding that closed their ports for weeks.")


def copy(*blocks: str) -> Article:
    """A browser copy: the blocks separated by blank lines; a block may hold several lines."""
    return parse_text("\n\n".join((TITLE, LEAD, *blocks)), "copy.txt")


def body_texts(article: Article) -> list[str]:
    """The standfirst and every block's text, in order."""
    texts = [article.standfirst] if article.standfirst else []
    texts.extend(block.text for block in article.blocks)
    for section in article.walk():
        texts.extend(block.text for block in section.blocks)
    return texts


def discarded(article: Article) -> list[tuple[str, str]]:
    return [(item.text, item.reason) for item in article.discarded]


def test_table_of_contents_after_the_lead_is_discarded_and_its_headings_kept() -> None:
    contents = "Why the Ports Closed\nWhat the Towns Agreed\nWho Pays for the Works"
    article = copy(contents, "Why the Ports Closed", BODY_A, "What the Towns Agreed", BODY_B,
                   "Who Pays for the Works", BODY_C)
    assert [heading for _, heading in outline(article)] == [
        "Why the Ports Closed", "What the Towns Agreed", "Who Pays for the Works"]
    assert discarded(article) == [(line, REASON_CONTENTS) for line in contents.split("\n")]


def test_bulleted_table_of_contents_is_discarded_too() -> None:
    contents = "• The Storm Season\n• The New Seawall"
    article = copy(contents, "The Storm Season", BODY_A, "The New Seawall", BODY_B)
    assert [heading for _, heading in outline(article)] == ["The Storm Season",
                                                            "The New Seawall"]
    assert [reason for _, reason in discarded(article)] == [REASON_CONTENTS] * 2


def test_run_of_share_buttons_after_the_title_is_discarded() -> None:
    article = copy("Mail\nPost\nSave for later", BODY_A, BODY_B, BODY_C)
    assert body_texts(article) == [LEAD, BODY_A, BODY_B, BODY_C]
    assert [reason for _, reason in discarded(article)] == [REASON_LINK_RUN] * 3


def test_related_stories_between_paragraphs_are_discarded() -> None:
    related = ("Ferry fares to rise again in the spring\n"
               "Why the old lighthouse is up for sale\n"
               "Five walks along the harbour wall")
    article = copy(BODY_A, related, BODY_B, BODY_C)
    assert body_texts(article) == [LEAD, BODY_A, BODY_B, BODY_C]
    assert [text for text, _ in discarded(article)] == related.split("\n")


def test_consecutive_sentences_are_kept_when_the_copy_has_no_blank_lines() -> None:
    lines = [TITLE, LEAD, BODY_A, "A short line", "Another short line", BODY_B, BODY_C]
    article = parse_text("\n".join(lines), "copy.txt")
    assert "A short line" in body_texts(article)
    assert article.discarded == []


def test_list_items_on_consecutive_lines_stay_a_list() -> None:
    article = copy(BODY_A, "• dredge the channel\n• repair the seawall\n• move the ferry berth",
                   BODY_B)
    items = ["dredge the channel", "repair the seawall", "move the ferry berth"]
    assert [text for text in body_texts(article) if len(text) < 30] == items
    assert article.discarded == []


def test_short_lines_after_the_last_sentence_are_the_footer() -> None:
    article = copy(BODY_A, BODY_B, BODY_C, "Ferry Timetables", "Contact the Newsroom",
                   "Harbour Weekly Group")
    assert body_texts(article) == [LEAD, BODY_A, BODY_B, BODY_C]
    assert discarded(article) == [("Ferry Timetables", REASON_FOOTER),
                                  ("Contact the Newsroom", REASON_FOOTER),
                                  ("Harbour Weekly Group", REASON_FOOTER)]


def test_footer_links_labels_and_notices_are_discarded_with_their_reason() -> None:
    article = copy(BODY_A, "Tags: harbour, storms", BODY_B, "Post a comment", BODY_C,
                   "Sign me up for the newsletter!", "Privacy Policy",
                   "Portions of this page are \u00a9 2025 Harbour Weekly")
    assert body_texts(article) == [LEAD, BODY_A, BODY_B, BODY_C]
    assert [reason for _, reason in discarded(article)] == [
        "tags", "comments link", "newsletter sign-up", "site footer link", "copyright notice"]


def test_sentence_that_mentions_a_newsletter_in_passing_is_kept() -> None:
    line = ("The council's own newsletter first reported the plan in March, and the ferry "
            "company confirmed it a week later.")
    article = copy(BODY_A, line, BODY_B)
    assert line in body_texts(article)


def test_one_short_closing_line_without_any_boilerplate_is_kept() -> None:
    article = copy(BODY_A, BODY_B, BODY_C, "With reporting from the coast")
    assert body_texts(article)[-1] == "With reporting from the coast"
    assert article.discarded == []


def test_date_line_between_blocks_is_discarded_and_kept_as_the_date() -> None:
    article = copy(BODY_A, "March 3, 2025 at 7:15 am", BODY_B, BODY_C)
    assert article.date == "2025-03-03"
    assert discarded(article) == [("March 3, 2025 at 7:15 am", "date line, kept as the date")]


def test_date_and_time_parted_by_a_bar_is_one_date_line() -> None:
    article = copy(BODY_A, "November 4, 2025 | 4:10pm", BODY_B)
    assert article.date == "2025-11-04"


def test_bare_name_under_the_title_is_the_byline() -> None:
    article = parse_text("\n\n".join((TITLE, "Jane Moreau", LEAD, BODY_A)), "copy.txt")
    assert article.author == "Jane Moreau"
    assert body_texts(article)[0] != "Jane Moreau"
    assert discarded(article) == [("Jane Moreau", "byline, kept as the author")]


def test_heading_under_the_title_is_not_taken_for_a_name() -> None:
    article = parse_text("\n\n".join((TITLE, "The Storm Season", BODY_A, BODY_B)), "copy.txt")
    assert article.author == ""


def test_bare_name_in_capitals_inside_the_text_is_the_byline() -> None:
    article = copy(BODY_A, "JANE MOREAU", BODY_B, "Flood Walls", BODY_C)
    assert article.author == "Jane Moreau"
    assert "JANE MOREAU" not in body_texts(article)
    assert outline(article) == [(1, "Flood Walls")]
    assert discarded(article) == [("JANE MOREAU", "byline, kept as the author")]


def test_heading_in_capitals_whose_words_the_text_uses_is_no_byline() -> None:
    article = copy(BODY_A, "HARBOUR CREWS", BODY_B, "Flood Walls", BODY_C,
                   "Most crews stayed at the harbour through the night.")
    assert article.author == ""
    assert outline(article) == [(1, "HARBOUR CREWS"), (1, "Flood Walls")]


# --- Titles and headings in copies from other sites ----------------------------------------------

def test_headline_ending_on_an_exclamation_or_in_quotes_is_the_title() -> None:
    for headline in ("The Ferry Is Back!", "\u2018We will rebuild\u2019: towns plan for storms",
                     "eBay sellers move to the harbour market"):
        article = parse_text("\n\n".join((headline, LEAD, BODY_A)), "copy.txt")
        assert article.title == headline


def test_short_line_printed_several_times_is_not_a_heading() -> None:
    article = copy(BODY_A, "Buy Now", BODY_B, "Buy Now", BODY_C)
    assert article.sections == []
    assert body_texts(article).count("Buy Now") == 2


def test_short_line_over_another_short_line_is_not_a_heading() -> None:
    article = copy(BODY_A, "Nutrition Facts", "per slice 310 kcal", BODY_B)
    assert article.sections == []


def test_heading_over_a_paragraph_is_still_found() -> None:
    article = copy(BODY_A, "What the Towns Agreed", BODY_B)
    assert [heading for _, heading in outline(article)] == ["What the Towns Agreed"]


def test_lone_short_sentence_case_heading_over_a_paragraph_is_a_heading() -> None:
    article = copy(BODY_A, "Storm surge", BODY_B)
    assert [heading for _, heading in outline(article)] == ["Storm surge"]


def test_lone_long_sentence_case_line_between_paragraphs_is_not_a_heading() -> None:
    caption = "The harbour master inspects the seawall at low tide"
    article = copy(BODY_A, caption, BODY_B)
    assert article.sections == []
    assert caption in body_texts(article)


def test_photo_credits_are_discarded() -> None:
    credits = ["Top photo by Jane Moreau", "Jane Moreau/Harbour Weekly",
               "(Image credit: Harbour Weekly)", "SOURCE: News agencies"]
    article = copy(BODY_A, *credits[:2], BODY_B, *credits[2:], BODY_C)
    assert body_texts(article) == [LEAD, BODY_A, BODY_B, BODY_C]
    assert {text for text, _ in discarded(article)} == set(credits)


def test_byline_in_capitals_followed_by_a_date_gives_the_author() -> None:
    article = copy("By JANE MOREAU March 3, 2025 Harbour Weekly", BODY_A, BODY_B)
    assert article.author == "Jane Moreau"


def test_caption_that_places_people_and_an_agency_credit_are_discarded() -> None:
    caption = "Jane Moreau, left, and the harbour master walk the seawall on Tuesday."
    article = copy(BODY_A, caption, "John Smith, Associated Press", BODY_B, BODY_C)
    assert body_texts(article) == [LEAD, BODY_A, BODY_B, BODY_C]
    assert [reason for _, reason in discarded(article)] == ["image caption or file name",
                                                            "image credit"]


def test_heading_that_opens_with_a_quoted_word_is_a_heading() -> None:
    heading = "\u2018Unprecedented\u2019 Storm Damage"
    article = copy(BODY_A, heading, BODY_B)
    assert [text for _, text in outline(article)] == [heading]


def test_figure_labels_courtesy_credits_and_cut_teasers_are_discarded() -> None:
    lines = ["Flood barrier layout [Fig 2]", "Courtesy Harbour Museum",
             "Ten ways to save on your ferry tick\u2026"]
    article = copy(BODY_A, lines[0], BODY_B, lines[1], BODY_C, lines[2])
    assert body_texts(article) == [LEAD, BODY_A, BODY_B, BODY_C]
    assert [text for text, _ in discarded(article)] == lines


def test_heading_that_trails_off_with_a_spaced_ellipsis_is_kept() -> None:
    heading = "The Next Big Challenge Is \u2026"
    article = copy(BODY_A, heading, BODY_B)
    assert article.discarded == []


def test_rows_of_figures_are_not_headings() -> None:
    article = copy(BODY_A, "Fat 12g 18%", BODY_B, "Salt 0.4g 7%", BODY_C)
    assert article.sections == []


def test_question_that_reads_as_a_sentence_is_not_a_heading() -> None:
    for line in ("That sounds costly, doesn\u2019t it?", "But who pays for the works?"):
        article = copy(BODY_A, line, BODY_B)
        assert article.sections == [], line


def test_short_question_heading_is_still_a_heading() -> None:
    article = copy(BODY_A, "Who pays for the works?", BODY_B)
    assert [text for _, text in outline(article)] == ["Who pays for the works?"]


def test_short_line_ending_on_a_word_like_map_is_not_an_agency_credit() -> None:
    article = copy(BODY_A, "See the flood map", BODY_B)
    assert article.discarded == []


def test_sign_up_lines_in_any_case_and_mailing_list_notices_are_discarded() -> None:
    lines = ["GET HARBOUR NEWS DELIVERED TO YOUR INBOX",
             "You can Manage Your Subscriptions from your account page at any time",
             "Notify Me of new posts"]
    article = copy(BODY_A, lines[0], BODY_B, lines[1], BODY_C, lines[2], BODY_A)
    assert body_texts(article) == [LEAD, BODY_A, BODY_B, BODY_C, BODY_A]
    assert [reason for _, reason in discarded(article)] == ["newsletter sign-up"] * 3


def test_image_file_name_at_the_end_of_a_long_line_is_discarded() -> None:
    line = " ".join(["Harbour"] * 50) + " (storm-wall-plan.jpg)"
    article = copy(BODY_A, line, BODY_B)
    assert body_texts(article) == [LEAD, BODY_A, BODY_B]
    assert discarded(article) == [(line, "image caption or file name")]


def test_a_recipe_card_part_after_its_buttons_heads_its_list_without_blank_lines() -> None:
    text = "\n".join((
        "Harbour Rye Loaf", LEAD, BODY_A, "4 from 9 votes", "Print Recipe Save Recipe",
        "Ingredients", "For the dough", "\u2022 500 g rye flour", "\u2022 10 g salt",
        "For the top", "\u2022 1 tbsp seeds", "Method", "\u2022 Mix the flour and the salt.",
        "\u2022 Bake for an hour."))
    article = parse_text(text, "loaf.txt")
    assert outline(article) == [
        (1, "Ingredients"), (2, "For the dough"), (2, "For the top"), (1, "Method")]
    assert ("Print Recipe Save Recipe", REASON_LINK_RUN) in discarded(article)


def test_a_card_part_name_in_a_menu_is_a_link() -> None:
    text = "\n".join((
        "Harbour Rye Loaf", "Recipes", "Ingredients", "Shop", LEAD, BODY_A, BODY_B))
    article = parse_text(text, "loaf.txt")
    assert ("Ingredients", REASON_LINK_RUN) in discarded(article)
