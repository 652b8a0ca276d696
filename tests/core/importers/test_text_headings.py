"""Which lines of a browser copy are headings, and at what level (text_headings, text_levels)."""

from __future__ import annotations

import pytest

from briefing.core.importers.text import parse_text
from briefing.core.importers.text_lines import is_heading_shaped, is_title_case
from briefing.core.model import Article
from tests.core.importers.outline_views import outline

TITLE = "Harbour Towns Back the New Ferry Plan"
BODY_A = ("The council approved the ferry plan after a long debate that ran late into the "
          "evening, with several members asking for more detail on costs.")
BODY_B = ("Critics said the timetable was too tight, and that smaller towns would struggle to "
          "find the crews needed to run the extra crossings on time.")
BODY_C = ("Supporters replied that waiting another year would raise the bill, because boat "
          "prices have climbed steadily since the spring.")
BODY_D = ("The first new crossings are due in the autumn, once the two harbours have finished "
          "work on their landing stages.")


STANDFIRST = "How the two harbours will share the new crossings, and who pays for them"


def copy(*blocks: str) -> Article:
    """A browser copy of a page: the title, a standfirst, then one block per line, blank lines
    between."""
    return parse_text("\n\n".join((TITLE, STANDFIRST, *blocks)), "ferry.txt")


def paragraphs(article: Article) -> list[str]:
    return [block.text for block in article.blocks]


def test_one_word_opening_the_body_is_a_kicker_not_a_heading() -> None:
    article = copy("Transport", BODY_A, BODY_B)
    assert article.sections == []
    assert paragraphs(article)[:2] == ["Transport", BODY_A]


def test_usual_section_name_opening_the_body_stays_a_heading() -> None:
    article = copy("Background", BODY_A, BODY_B)
    assert outline(article.sections) == ["Background"]


def test_long_sentence_case_question_alone_is_text_and_short_one_a_heading() -> None:
    asking = "Why would anyone wait another whole year for a boat?"
    assert copy(BODY_A, asking, BODY_B).sections == []
    assert outline(copy(BODY_A, "What happens next?", BODY_B).sections) == ["What happens next?"]


def test_price_ticker_row_is_not_a_heading() -> None:
    article = copy(BODY_A, "HARBOUR LINES PLC 412.60 -3.15 -0.76%", BODY_B)
    assert article.sections == []
    assert "HARBOUR LINES PLC 412.60 -3.15 -0.76%" in paragraphs(article)


def test_caption_with_a_credit_after_a_dash_is_not_a_heading() -> None:
    caption = "The Old Quay at Dawn - Photo: Harbour Archive"
    article = copy(BODY_A, caption, BODY_B)
    assert article.sections == []
    assert caption in paragraphs(article)


def test_short_label_with_comma_or_colon_is_not_a_lone_heading() -> None:
    assert copy(BODY_A, "Quay steps, Eastport", BODY_B).sections == []
    assert copy(BODY_A, "Timetable: spring, summer", BODY_B).sections == []
    assert outline(copy(BODY_A, "Ferry fares", BODY_B).sections) == ["Ferry fares"]


def test_run_of_headlines_is_other_stories_not_headings() -> None:
    headlines = ["Lighthouse Keeper Retires After Forty Years on the Point",
                 "New Fish Market Opens Its Doors to Weekend Crowds",
                 "Storm Damage Repairs on the Sea Wall Finish Early"]
    article = copy(BODY_A, BODY_B, *headlines, BODY_C)
    assert article.sections == []
    assert paragraphs(article) == [BODY_A, BODY_B, *headlines, BODY_C]


def test_two_headings_each_right_under_another_give_subheadings() -> None:
    article = copy(BODY_A, "Crossings by Ferry", "Northern Route", BODY_B, "Southern Route", BODY_C,
                   "Costs of the Plan", "Boats", BODY_D, "Crews", BODY_A)
    assert outline(article.sections) == [
        "Crossings by Ferry", "  Northern Route", "  Southern Route", "Costs of the Plan",
        "  Boats", "  Crews"]


def test_heading_right_under_a_shorter_heading_is_its_peer() -> None:
    # "Fares" and "Timetable" lost their text (a table) in the copy: they are not parents.
    article = copy(BODY_A, "Fares", "Season Tickets", BODY_B, "Timetable", "Night Crossings",
                   BODY_C, "Crews", BODY_D)
    assert outline(article.sections) == [
        "Fares", "Season Tickets", "Timetable", "Night Crossings", "Crews"]


def test_one_shorter_heading_right_under_another_gives_subheadings() -> None:
    article = copy(BODY_A, "Crossings Planned for Next Year", "Northern Route", BODY_B,
                   "Southern Route", BODY_C, "References", BODY_D)
    assert outline(article.sections) == [
        "Crossings Planned for Next Year", "  Northern Route", "  Southern Route", "References"]


def test_heading_after_an_introduction_is_a_subheading_once_the_article_nests() -> None:
    # "Crossings Planned for Next Year" over "Northern Route" shows the article's parts have
    # parts: "Using the Harbour Pass" opens on one paragraph and is followed by shorter headings.
    article = copy(BODY_A, "Using the Harbour Pass", BODY_B, "Buying", BODY_C, "Renewing", BODY_D,
                   "Crossings Planned for Next Year", "Northern Route", BODY_A)
    assert outline(article.sections) == [
        "Using the Harbour Pass", "  Buying", "  Renewing", "Crossings Planned for Next Year",
        "  Northern Route"]


def test_heading_after_an_introduction_stays_top_level_in_a_flat_article() -> None:
    article = copy(BODY_A, "Using the Harbour Pass", BODY_B, "Buying", BODY_C, "Renewing", BODY_D)
    assert outline(article.sections) == ["Using the Harbour Pass", "Buying", "Renewing"]


def test_short_paragraph_under_a_heading_is_no_sign_of_subheadings() -> None:
    article = copy(BODY_A, "Using the Harbour Pass", "Ask at quays.", "Buying", BODY_C,
                   "Renewing", BODY_D)
    assert outline(article.sections) == ["Using the Harbour Pass", "Buying", "Renewing"]


def test_heading_after_a_longer_introduction_is_no_subheading() -> None:
    article = copy(BODY_A, "Using the Harbour Pass", BODY_B, BODY_C, "Buying", BODY_D,
                   "Crossings Planned for Next Year", "Northern Route", BODY_A)
    assert outline(article.sections)[:2] == ["Using the Harbour Pass", "Buying"]


def test_short_label_over_a_heading_is_no_parent() -> None:
    article = copy(BODY_A, "Crossings", "Northern Route", BODY_B, "Southern Route", BODY_C)
    assert outline(article.sections) == ["Crossings", "Northern Route", "Southern Route"]


def test_numbered_contents_give_heading_levels_and_stay_in_the_text() -> None:
    contents = ["\u2022 1 Crossings", "\u2022 1.1 Northern Route", "\u2022 1.2 Southern Route",
                "\u2022 2 Costs"]
    article = copy(BODY_A, "Contents", "\n".join(contents),
                   "Crossings", BODY_B, "Northern Route", BODY_C, "Southern Route", BODY_D,
                   "Costs", BODY_A)
    assert outline(article.sections) == [
        "Contents", "Crossings", "  Northern Route", "  Southern Route", "Costs"]
    kept = [block.text for section in article.walk() for block in section.blocks]
    assert "1.1 Northern Route" in kept + paragraphs(article)
    assert not article.discarded


def test_wiki_edit_mark_makes_a_heading_even_in_sentence_case() -> None:
    article = copy(BODY_A, "Early crossings[edit]", BODY_B, "Later years[edit]", BODY_C)
    assert outline(article.sections) == ["Early crossings[edit]", "Later years[edit]"]


def test_see_also_alone_is_a_heading_but_a_see_also_pointer_is_furniture() -> None:
    article = copy(BODY_A, "See also", "\u2022 Harbour dues\n\u2022 Ferry crews", BODY_B,
                   "See also: the ferry timetable", BODY_C)
    assert outline(article.sections) == ["See also"]
    assert [(item.text, item.reason) for item in article.discarded] == [
        ("See also: the ferry timetable", "link to other content")]


@pytest.mark.parametrize("line", ["Main article: Harbour Dues", "Learn More: Ten Ferry Facts",
                                  "Related: How the Ferries Are Crewed"])
def test_pointer_to_another_page_is_kept_as_text_not_a_heading(line: str) -> None:
    article = copy(BODY_A, "Crossings", BODY_B, line, BODY_C, "Costs", BODY_D)
    assert outline(article.sections) == ["Crossings", "Costs"]
    assert line in [block.text for block in article.sections[0].blocks]


@pytest.mark.parametrize("line", ["Print Recipe Pin Recipe", "Jump to Recipe", "Fullscreen",
                                  "US Customary - Metric", "Imperial \u2013 Metric"])
def test_row_of_button_labels_is_kept_as_text_not_a_heading(line: str) -> None:
    article = copy(BODY_A, line, BODY_B)
    assert article.sections == []
    assert line in paragraphs(article)


def test_a_unit_switch_over_a_recipe_list_is_no_heading() -> None:
    items = "\u2022 2 cups flour\n\u2022 1 cup sugar"
    article = copy(BODY_A, "Ingredients", "US Customary - Metric", items, "Method", BODY_B)
    assert outline(article.sections) == ["Ingredients", "Method"]


def test_a_back_matter_name_in_small_letters_is_a_heading() -> None:
    article = copy(BODY_A, "Crossings", BODY_B, "references",
                   "\u2022 Moreau, J. (2001). Ferries of the Coast.", BODY_C)
    assert outline(article.sections) == ["Crossings", "references"]


def test_another_line_in_small_letters_is_no_heading() -> None:
    article = copy(BODY_A, "Crossings", BODY_B, "ferries", BODY_C)
    assert outline(article.sections) == ["Crossings"]


def test_back_matter_heading_is_top_level_after_subheadings() -> None:
    article = copy(BODY_A, "Crossings by Ferry", "Northern Route", BODY_B, "Southern Route", BODY_C,
                   "Costs of the Plan", "Boats", BODY_D, "References", BODY_A)
    assert outline(article.sections) == [
        "Crossings by Ferry", "  Northern Route", "  Southern Route", "Costs of the Plan",
        "  Boats", "References"]


def test_name_shaped_line_under_the_title_is_a_heading_when_the_text_uses_its_words() -> None:
    opening = ("Before changing boats at the quay, check the board: the timetable of the "
               "crossings is posted there every morning.")
    article = parse_text("\n\n".join((TITLE, "Changing Boats", opening, BODY_B, "Fares", BODY_C)),
                         "ferry.txt")
    assert article.author == ""
    assert outline(article.sections) == ["Changing Boats", "Fares"]
    byline = parse_text("\n\n".join((TITLE, "Jane Moreau", BODY_A, BODY_B)), "ferry.txt")
    assert byline.author == "Jane Moreau"
    assert byline.sections == []


def test_quoted_phrase_over_text_is_a_heading_but_quoted_speech_is_not() -> None:
    article = copy(BODY_A, "\u2018A fair share\u2019", BODY_B,
                   "\u201cWill the boats be ready, then?\u201d", BODY_C,
                   "\u201cWe kept our side of the deal.\u201d", BODY_D)
    assert outline(article.sections) == ["\u2018A fair share\u2019"]
    kinds = [block.kind.name for block in article.sections[0].blocks]
    assert kinds == ["PARAGRAPH", "QUOTE", "PARAGRAPH", "QUOTE", "PARAGRAPH"]


def test_short_line_under_the_title_opens_the_body_as_a_heading_not_a_standfirst() -> None:
    article = parse_text("\n\n".join((TITLE, "Why change the timetable?", BODY_A, BODY_B)),
                         "ferry.txt")
    assert article.standfirst == ""
    assert outline(article.sections) == ["Why change the timetable?"]
    dek = parse_text("\n\n".join((TITLE, "From the harbour desk, weekly", BODY_A, BODY_B)),
                     "ferry.txt")
    assert dek.standfirst == "From the harbour desk, weekly"
    assert dek.sections == []


def test_title_case_label_ending_on_a_colon_is_a_heading_but_a_list_intro_is_not() -> None:
    article = copy(BODY_A, "Crossing Times and Fares:", "\u2022 Early boat\n\u2022 Late boat",
                   BODY_B, "Here is what the crews still need:", "\u2022 Warm coats\n\u2022 Radios",
                   BODY_C, "Notes:", "\u2022 Fares may change", BODY_D)
    assert outline(article.sections) == ["Crossing Times and Fares:"]
    kept = [block.text for block in article.sections[0].blocks]
    assert "Here is what the crews still need:" in kept
    assert "Notes:" in kept


def test_section_number_without_a_full_stop_is_numbering_not_a_row_of_figures() -> None:
    article = copy(BODY_A, "1 Crossings", BODY_B, "2 Costs", BODY_C, "4.5 from 12 votes", BODY_D)
    assert outline(article.sections) == ["1 Crossings", "2 Costs"]
    assert "4.5 from 12 votes" in [block.text for block in article.sections[1].blocks]


def test_sentence_case_style_is_counted_only_from_lines_that_stand_over_text() -> None:
    lone = "A new timetable for small towns"
    article = copy(BODY_A, "Ferry crews at the quay", "310", "Boats in the old dock", "124",
                   BODY_B, lone, BODY_C)
    assert article.sections == []
    assert lone in paragraphs(article)
    styled = copy(BODY_A, "Ferry crews at the quay", BODY_B, lone, BODY_C)
    assert outline(styled.sections) == ["Ferry crews at the quay", lone]


def test_title_case_heading_may_stand_over_one_short_line_above_its_text() -> None:
    article = copy(BODY_A, "Harbour Fees", "Main article: Harbour dues", BODY_B,
                   "Calories", "310", "Fat 12g", BODY_C)
    assert outline(article.sections) == ["Harbour Fees"]
    kept = [block.text for block in article.sections[0].blocks]
    assert kept[:2] == ["Main article: Harbour dues", BODY_B]
    assert kept[2:5] == ["Calories", "310", "Fat 12g"]


def test_numbered_contents_name_the_headings_and_wiki_edit_marks_do_not_hide_them() -> None:
    contents = ["\u2022 1 Crossings", "\u2022 1.1 Northern Route", "\u2022 2 Costs",
                "\u2022 3 External links"]
    article = copy(BODY_A, "Contents", "\n".join(contents),
                   "Crossings[edit]", BODY_B, "The Old Ferry at the Quay", BODY_C,
                   "Northern Route[edit]", BODY_D, "Costs[edit]", BODY_A,
                   "External links", "Harbour Board", "ferry office, open daily", BODY_B)
    assert outline(article.sections) == [
        "Contents", "Crossings[edit]", "  Northern Route[edit]", "Costs[edit]", "External links"]
    assert "The Old Ferry at the Quay" in [block.text for block in article.sections[1].blocks]


def test_a_heading_the_numbered_contents_name_stays_whatever_its_words() -> None:
    contents = ["\u2022 1 Crossings", "\u2022 1.1 Night boats", "\u2022 2 Costs",
                "\u2022 3 Further reading"]
    books = "\u2022 Moreau, J. (2001). Ferries of the Coast.\n\u2022 Lund, P. (2010). Quays."
    article = copy(BODY_A, "Contents", "\n".join(contents),
                   "Crossings", BODY_B, "Night boats", BODY_D, "Costs", BODY_C,
                   "Further reading", books)
    assert outline(article.sections) == [
        "Contents", "Crossings", "  Night boats", "Costs", "Further reading"]


def test_without_contents_naming_it_further_reading_is_a_related_box() -> None:
    books = "\u2022 Moreau, J. (2001). Ferries of the Coast.\n\u2022 Lund, P. (2010). Quays."
    article = copy(BODY_A, "Crossings", BODY_B, "Costs", BODY_C,
                   "Further reading", books)
    assert "Further reading" in [item.text for item in article.discarded]


def test_title_case_headline_may_end_on_a_full_stop_but_a_sentence_is_no_title() -> None:
    headline = "Ferry Fares Rise Again. Why the Towns Should Not Worry."
    article = parse_text("\n\n".join((headline, BODY_A, BODY_B)), "ferry.txt")
    assert article.title == headline
    opening = parse_text("\n\n".join(("The council met today.", BODY_A, BODY_B)), "ferry.txt")
    assert opening.title != "The council met today."
    assert "The council met today." in paragraphs(opening)


def test_long_title_case_line_under_the_title_is_a_second_headline_not_a_heading() -> None:
    dek = "Towns Agree to Share the Cost of Three New Boats"
    article = parse_text("\n\n".join((TITLE, dek, BODY_A, "Crossings", BODY_B)), "ferry.txt")
    assert article.standfirst == dek
    assert outline(article.sections) == ["Crossings"]
    first = parse_text("\n\n".join((TITLE, "The New Crossings", BODY_A, BODY_B)), "ferry.txt")
    assert first.standfirst == ""
    assert outline(first.sections) == ["The New Crossings"]


def test_short_sentence_case_line_after_text_and_over_a_heading_is_its_parent() -> None:
    article = copy(BODY_A, "Setting up at home", "Tools", BODY_B, "Running the checks", BODY_C,
                   "Costs", BODY_D)
    assert outline(article.sections) == ["Setting up at home", "  Tools", "  Running the checks",
                                         "  Costs"]
    among_captions = copy(BODY_A, "Quay at dawn, 1910", "Boats at rest", "Tools", BODY_B)
    assert outline(among_captions.sections) == ["Tools"]


RECIPE_CARD = ("Ingredients", "Bread Dough:", "\u2022 400 g flour\n\u2022 1 tsp salt",
               "Onion Topping:", "\u2022 2 onions, sliced\n\u2022 olive oil",
               "Instructions", "1. Mix the flour and salt with warm water.\n"
               "2. Spread the onions over the dough and bake.", "Notes",
               "The dough keeps for a day in the fridge.")


def test_recipe_card_parts_sit_under_the_heading_before_the_card() -> None:
    article = copy(BODY_A, "Harbour Onion Bread", BODY_B, *RECIPE_CARD)
    assert outline(article.sections) == [
        "Harbour Onion Bread", "  Ingredients", "    Bread Dough:", "    Onion Topping:",
        "  Instructions", "  Notes"]


def test_recipe_card_opening_the_article_is_top_level() -> None:
    article = copy(BODY_A, *RECIPE_CARD)
    assert outline(article.sections) == [
        "Ingredients", "  Bread Dough:", "  Onion Topping:", "Instructions", "Notes"]


def test_ingredients_without_a_method_are_an_ordinary_section() -> None:
    article = copy(BODY_A, "Crossings", BODY_B, "Ingredients", BODY_C, "Costs", BODY_D)
    assert outline(article.sections) == ["Crossings", "Ingredients", "Costs"]


def test_headings_named_by_a_list_under_a_heading_are_its_subheadings() -> None:
    article = copy(BODY_A, "Crossings", BODY_B, "Other Ways Across",
                   "\u2022 Night Boat\n\u2022 Water Taxi", "Night Boat", BODY_C, "Water Taxi",
                   BODY_D, "Costs", BODY_A)
    assert outline(article.sections) == [
        "Crossings", "Other Ways Across", "  Night Boat", "  Water Taxi", "Costs"]
    assert [item.text for item in article.discarded] == ["\u2022 Night Boat", "\u2022 Water Taxi"]


def test_contents_under_a_contents_heading_leave_the_headings_top_level() -> None:
    article = copy(BODY_A, "Contents", "\u2022 Night Boat\n\u2022 Water Taxi",
                   "Night Boat", BODY_B, "Water Taxi", BODY_C)
    assert outline(article.sections) == ["Contents", "Night Boat", "Water Taxi"]


def test_a_list_naming_only_one_following_heading_makes_no_subheading() -> None:
    article = copy(BODY_A, "Crossings", BODY_B, "Other Ways Across",
                   "\u2022 Night Boat\n\u2022 Harbour Bus", "Night Boat", BODY_C, "Water Taxi",
                   BODY_D, "Harbour Bus", BODY_A)
    assert outline(article.sections) == [
        "Crossings", "Other Ways Across", "Night Boat", "Water Taxi", "Harbour Bus"]


def test_heading_listed_by_numbered_contents_may_stand_over_a_caption() -> None:
    contents = ["\u2022 1 Crossings", "\u2022 1.1 Night boats", "\u2022 2 Costs"]
    caption = "A night boat leaving the old quay in winter"
    article = copy(BODY_A, "Contents", "\n".join(contents),
                   "Crossings", BODY_B, "Night boats", caption, BODY_C, "Costs", BODY_D)
    assert outline(article.sections) == ["Contents", "Crossings", "  Night boats", "Costs"]
    assert [block.text for block in article.sections[1].sections[0].blocks] == [caption, BODY_C]


def test_line_repeating_the_title_is_not_a_heading_but_one_sharing_its_words_is() -> None:
    repeated = "Harbour Towns Back New Ferry Plan: Watch"
    article = copy(BODY_A, repeated, BODY_B, "The New Ferry Plan", BODY_C)
    assert outline(article.sections) == ["The New Ferry Plan"]
    assert paragraphs(article) == [BODY_A, repeated, BODY_B]


def test_contents_box_before_the_first_section_leaves_the_headings_top_level() -> None:
    article = copy(BODY_A, "On This Page", "\u2022 Night Boat\n\u2022 Water Taxi",
                   "Night Boat", BODY_B, "Water Taxi", BODY_C)
    assert outline(article.sections) == ["On This Page", "Night Boat", "Water Taxi"]


def test_dotted_section_numbers_give_heading_levels() -> None:
    article = copy(BODY_A, "1 Crossings", BODY_B, "1.1 Northern Route", BODY_C,
                   "1.2 Southern Route", BODY_D, "2 Costs", BODY_A, "2.1. Fares", BODY_B)
    # A dotted number keeps its last part: the nesting tells the section it belongs to.
    assert outline(article.sections) == [
        "1 Crossings", "  1. Northern Route", "  2. Southern Route", "2 Costs", "  1. Fares"]


def test_section_numbers_without_subsections_leave_headings_flat() -> None:
    article = copy(BODY_A, "1 Crossings", BODY_B, "2 Costs", BODY_C)
    assert outline(article.sections) == ["1 Crossings", "2 Costs"]


LONG_QUESTIONS = ("Why did the council choose a ferry over a bridge this time?",
                  "How will the smaller harbours find the crews for extra crossings?",
                  "What will a return ticket cost for people who cross every day?")
FOURTEEN_WORDS = "What happens to the old harbour boats once the new ferries start their crossings"


def test_article_with_long_headings_takes_a_heading_longer_than_twelve_words() -> None:
    article = copy(BODY_A, LONG_QUESTIONS[0], BODY_B, LONG_QUESTIONS[1], BODY_C,
                   LONG_QUESTIONS[2], BODY_D, FOURTEEN_WORDS, BODY_A)
    assert outline(article.sections) == [*LONG_QUESTIONS, FOURTEEN_WORDS]


def test_article_with_short_headings_keeps_a_fourteen_word_line_as_text() -> None:
    article = copy(BODY_A, "Crossings", BODY_B, "Crews", BODY_C, "Fares", BODY_D,
                   FOURTEEN_WORDS, BODY_A)
    assert outline(article.sections) == ["Crossings", "Crews", "Fares"]
    assert FOURTEEN_WORDS in [block.text for block in article.sections[-1].blocks]


def test_lone_name_the_text_mentions_is_a_caption_not_a_heading() -> None:
    named = ("Mara Quillfeather said the new crossings would let her reach the market before "
             "the stalls open, which the old timetable never allowed.")
    article = copy(BODY_A, named, BODY_B, "Mara Quillfeather", BODY_C)
    assert article.sections == []
    assert "Mara Quillfeather" in paragraphs(article)


def test_lone_name_the_text_never_mentions_stays_a_heading() -> None:
    article = copy(BODY_A, BODY_B, "Quay Timeline", BODY_C)
    assert outline(article.sections) == ["Quay Timeline"]


def test_name_among_other_headings_stays_a_heading() -> None:
    named = "Harbour Lines said the Night Boat would keep its old berth at the northern quay."
    article = copy(BODY_A, "Night Boat", named, "Water Taxi", BODY_C)
    assert outline(article.sections) == ["Night Boat", "Water Taxi"]


def test_dashed_line_in_an_article_with_credited_captions_is_a_caption() -> None:
    credited = "The northern quay at low tide - Photo: Harbour Archive"
    uncredited = "Harbour Boats - Winter Moorings"
    article = copy(BODY_A, credited, BODY_B, uncredited, BODY_C)
    assert article.sections == []
    assert paragraphs(article) == [BODY_A, credited, BODY_B, uncredited, BODY_C]


def test_dashed_heading_without_credited_captions_stays_a_heading() -> None:
    article = copy(BODY_A, "Harbour Boats - Winter Moorings", BODY_B)
    assert outline(article.sections) == ["Harbour Boats - Winter Moorings"]


def test_title_case_exclamation_of_three_words_is_a_heading_an_interjection_is_not() -> None:
    article = copy(BODY_A, "Ready, Steady, Sail!", BODY_B, "Hooray!", BODY_C,
                   "the crews did it, apparently!", BODY_D)
    assert outline(article.sections) == ["Ready, Steady, Sail!"]
    assert [block.text for block in article.sections[0].blocks] == [
        BODY_B, "Hooray!", BODY_C, "the crews did it, apparently!", BODY_D]


def test_caption_opening_on_a_person_the_text_names_is_not_a_heading() -> None:
    named = ("Mara Quillfeather paints the harbour boats, and her new series follows the night "
             "crossings from the northern quay.")
    captions = ["Mara Quillfeather: Night Crossing", "Mara Quillfeather at the Northern Quay"]
    article = copy(named, captions[0], BODY_A, "Crossings", BODY_B, captions[1], BODY_C)
    assert outline(article.sections) == ["Crossings"]
    assert captions[1] in [block.text for block in article.sections[0].blocks]
    assert captions[0] in paragraphs(article)


def test_heading_opening_on_a_name_the_text_does_not_use_stays_a_heading() -> None:
    article = copy(BODY_A, "Harbour Lines: What Comes Next", BODY_B, "Crews", BODY_C)
    assert outline(article.sections) == ["Harbour Lines: What Comes Next", "Crews"]


def test_sentence_closed_by_a_smiley_is_not_a_heading() -> None:
    smiling = "The crews were all back on time. \U0001f642"
    article = copy(BODY_A, "How the crossings work", BODY_B, "Who pays for the boats", BODY_C,
                   smiling, BODY_D)
    assert outline(article.sections) == ["How the crossings work", "Who pays for the boats"]
    assert smiling in [block.text for block in article.sections[1].blocks]


def test_links_separated_by_a_bar_are_not_a_heading() -> None:
    links = "See the Timetable | Book a Crossing"
    article = copy(BODY_A, links, BODY_B, "Crews", BODY_C)
    assert outline(article.sections) == ["Crews"]
    assert links in paragraphs(article)


def test_heading_may_open_on_a_brand_with_a_small_first_letter() -> None:
    article = copy(BODY_A, "Crews", BODY_B, "eBoat Tickets", BODY_C, "the crossings", BODY_D)
    assert outline(article.sections) == ["Crews", "eBoat Tickets"]


def test_small_connecting_words_count_as_small_in_capitals_too() -> None:
    # "OF THE" are connectors, so two of the line's words count and only one is capitalised.
    assert not is_title_case("Harbour OF THE ferries")
    assert is_title_case("Harbour Of The Ferries")
    # A line ending on a connector is cut off mid-phrase, whatever the connector's case.
    assert not is_heading_shaped("Ferries and Buses AND", 12)
    assert is_heading_shaped("Ferries and Buses Andover", 12)


def _tool_notes(*names: str) -> list[str]:
    """Each name over its own short list of notes, as a page listing tools prints them."""
    return [part for name in names
            for part in (name, "\u2022 home page\n\u2022 packaged for most systems")]


def test_three_short_lines_each_over_a_list_are_subheadings_of_the_section() -> None:
    article = copy(BODY_A, "Tools for Boat Crews", BODY_B,
                   *_tool_notes("tidewatch", "knotbook", "bilge.el"), "Costs", BODY_C)
    assert outline(article.sections) == [
        "Tools for Boat Crews", "  tidewatch", "  knotbook", "  bilge.el", "Costs"]
    notes = article.sections[0].sections[1]
    assert [block.text for block in notes.blocks] == ["home page", "packaged for most systems"]


def test_short_lines_over_lists_before_any_heading_are_top_level() -> None:
    article = copy(BODY_A, *_tool_notes("tidewatch", "knotbook", "bilge.el"), BODY_B)
    assert outline(article.sections) == ["tidewatch", "knotbook", "bilge.el"]


def test_one_or_two_short_lines_over_lists_stay_text() -> None:
    article = copy(BODY_A, *_tool_notes("tidewatch", "knotbook"), BODY_B)
    assert article.sections == []
    assert paragraphs(article)[1] == "tidewatch"


@pytest.mark.parametrize("line", ["you will need:", "fares in 2025", "boats, crews", "rope and"])
def test_short_line_over_a_list_that_is_no_name_is_no_label(line: str) -> None:
    # The two names left are too few to make labels: all three lines stay text.
    article = copy(BODY_A, *_tool_notes("tidewatch", "knotbook", line), BODY_B)
    assert article.sections == []
    assert line in paragraphs(article)


def test_groups_of_links_under_the_back_matter_stay_text() -> None:
    article = copy(BODY_A, "Crossings", BODY_B, "External links",
                   *_tool_notes("government", "travel", "weather"))
    assert outline(article.sections) == ["Crossings", "External links"]


def test_short_line_printed_again_over_a_list_is_no_label() -> None:
    article = copy(BODY_A, *_tool_notes("tidewatch", "knotbook", "more"), BODY_B,
                   *_tool_notes("more"), BODY_C)
    assert article.sections == []


@pytest.mark.parametrize("line", ["Our boats came late; who noticed it at the quay",
                                  "Boats Came Late; Nobody Noticed"])
def test_line_whose_clauses_a_semicolon_joins_is_a_sentence_not_a_heading(line: str) -> None:
    article = copy(BODY_A, "Early crossings", BODY_B, line, BODY_C, "Costs and fares", BODY_D)
    assert outline(article.sections) == ["Early crossings", "Costs and fares"]
    assert line in [block.text for block in article.sections[0].blocks]


def _numbered_parts() -> list[str]:
    return ["1. Buy a Season Ticket", BODY_B, "2. Travel Outside the Rush", BODY_C,
            "3. Ask About Group Fares", BODY_D]


def test_title_case_line_announcing_numbered_headings_is_their_parent() -> None:
    announcing = "Three Simple Ways to Pay Less for Every Crossing You Make This Year:"
    article = copy(BODY_A, announcing, *_numbered_parts())
    assert outline(article.sections) == [
        announcing, "  1. Buy a Season Ticket", "  2. Travel Outside the Rush",
        "  3. Ask About Group Fares"]


def test_sentence_introducing_numbered_headings_stays_text() -> None:
    introducing = "So here are three ways to pay less for every crossing you make this year:"
    article = copy(BODY_A, introducing, *_numbered_parts())
    assert outline(article.sections) == [
        "1. Buy a Season Ticket", "2. Travel Outside the Rush", "3. Ask About Group Fares"]
    assert paragraphs(article) == [BODY_A, introducing]


def test_shorter_parent_inside_a_part_is_a_subheading_with_its_own_subheadings() -> None:
    article = copy(BODY_A, "Local Setup for Harbour Crew Developers", "Tools", BODY_B,
                   "Running the Harbour Checks", "Prerequisites", BODY_C, "Running Them", BODY_D,
                   "References", BODY_A)
    assert outline(article.sections) == [
        "Local Setup for Harbour Crew Developers", "  Tools", "  Running the Harbour Checks",
        "    Prerequisites", "    Running Them", "References"]


def test_parent_as_long_as_the_part_before_opens_a_new_part() -> None:
    article = copy(BODY_A, "Crossings by Ferry", "Northern Route", BODY_B,
                   "Fares for the Crossings", "Season Tickets", BODY_C)
    assert outline(article.sections) == [
        "Crossings by Ferry", "  Northern Route", "Fares for the Crossings", "  Season Tickets"]
