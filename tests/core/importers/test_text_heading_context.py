"""Lines a copy sets apart that are not headings, and headings told by the lines around them
(text_headings): rows of figures, scores, questions and labels."""

from __future__ import annotations

from briefing.core.importers.text import parse_text
from briefing.core.model import Article
from tests.core.importers.outline_views import body_text, outline

TITLE = "The Valley Library Opens Its New Reading Rooms"
BODY_A = ("The reading rooms took two years to build, and the first visitors queued along the "
          "river path before the doors opened on Saturday morning.")
BODY_B = ("Staff moved forty thousand books across town in small vans, shelf by shelf, so that "
          "nothing would be out of order on the opening day.")
BODY_C = ("Readers asked for longer evening hours, and the library board agreed to try them for "
          "a season before it makes a final decision.")
BODY_D = ("The old building on the square will become a workshop for the town's printing "
          "society, which has looked for a home for years.")


def copy(*blocks: str) -> Article:
    """A browser copy of a page: the title, then one block per line, blank lines between."""
    return parse_text("\n\n".join((TITLE, *blocks)), "library.txt")


def test_dates_of_a_schedule_are_rows_under_their_heading() -> None:
    article = copy(BODY_C, BODY_B, "LIBRARY READINGS TOUR", "FRIDAY 9 MAY RIVER HALL, NORTHVALE",
                   "SATURDAY 17 MAY MILL ROOMS, SOUTHVALE", "Tickets are on sale at the desk.")
    assert outline(article.sections) == ["LIBRARY READINGS TOUR"]
    assert [block.text for block in article.sections[0].blocks][:2] == [
        "FRIDAY 9 MAY RIVER HALL, NORTHVALE", "SATURDAY 17 MAY MILL ROOMS, SOUTHVALE"]


def test_one_dated_line_over_text_stays_a_heading() -> None:
    article = copy(BODY_A, "The 2025 Reading List", BODY_B, BODY_C)
    assert outline(article.sections) == ["The 2025 Reading List"]


def test_label_and_figure_among_short_lines_stay_a_table() -> None:
    article = copy(BODY_A, "Books 40000", "Rooms 4", "Staff 9", BODY_B)
    assert article.sections == []
    assert "Books 40000" in body_text(article)


def test_lines_told_apart_only_by_their_figures_show_sentence_case_headings_once() -> None:
    article = copy(BODY_A, "Room 1: The River Wing", "Seats in room 1 at a glance: desks and sofas",
                   BODY_B, "Room 2: The Mill Wing", "Seats in room 2 at a glance: desks and sofas",
                   BODY_C, "Room 3: The Garden Wing",
                   "Seats in room 3 at a glance: desks and sofas", BODY_D)
    assert outline(article.sections) == [
        "Room 1: The River Wing", "Room 2: The Mill Wing", "Room 3: The Garden Wing"]


def test_two_different_sentence_case_headings_set_the_style() -> None:
    article = copy(BODY_A, "Where the books came from on the day", BODY_B,
                   "How the new rooms are heated in winter", BODY_C)
    assert outline(article.sections) == [
        "Where the books came from on the day", "How the new rooms are heated in winter"]


def test_interview_questions_with_a_comma_are_headings_like_the_others() -> None:
    questions = ["What first brought you to the valley library?",
                 "Why did you stay here, and not move to the city?",
                 "Which room do you like the most today?",
                 "What are you reading at the moment?"]
    article = copy(BODY_A, questions[0], BODY_B, questions[1], BODY_C, questions[2], BODY_D,
                   questions[3], BODY_A)
    assert outline(article.sections) == questions


def test_question_with_a_comma_in_an_article_of_statements_stays_text() -> None:
    asking = "That sounds simple, doesn't it?"
    article = copy(BODY_A, "Moving the Books", BODY_B, asking, BODY_C, "The Evening Hours", BODY_D)
    assert outline(article.sections) == ["Moving the Books", "The Evening Hours"]
    assert asking in body_text(article)


def test_name_and_role_over_a_heading_sign_off_the_part_before() -> None:
    article = copy(BODY_A, "Opening Day", BODY_B, "Marta Kovac, Head Librarian",
                   "The Reading Rooms", BODY_C)
    assert outline(article.sections) == ["Opening Day", "The Reading Rooms"]
    assert [block.text for block in article.sections[0].blocks] == [
        BODY_B, "Marta Kovac, Head Librarian"]


def test_place_and_region_over_text_stay_a_heading() -> None:
    article = copy(BODY_A, "Opening Day", BODY_B, "North Vale, Upper Valley", BODY_C)
    assert outline(article.sections) == ["Opening Day", "North Vale, Upper Valley"]


def test_name_printed_again_in_a_box_of_short_lines_stays_a_heading() -> None:
    article = copy(BODY_A, "Reading Lamp", "• Warm light for long evenings", "• Folds flat",
                   "Reading Lamp", "$24.00", "Desk Chair", "• Soft seat",
                   "• Turns easily", BODY_D)
    assert outline(article.sections) == ["Reading Lamp", "Desk Chair"]


def test_name_in_a_box_before_its_part_stays_a_heading() -> None:
    # The box comes first here, so the line over text is the name's second place.
    article = copy(BODY_A, "Desk Chair", "$31.00", "Reading Lamp", "$24.00", "Reading Lamp",
                   BODY_C, "Desk Chair", BODY_D)
    assert outline(article.sections) == ["Reading Lamp", "Desk Chair"]


def test_label_printed_over_two_parts_is_no_heading() -> None:
    article = copy(BODY_A, "In short", BODY_B, "Opening Day", BODY_C, "In short", BODY_D)
    assert outline(article.sections) == ["Opening Day"]


def test_caption_between_numbered_headings_is_no_parent() -> None:
    article = copy(BODY_A, "1. Come early on the first day", BODY_B, "Readers on the steps",
                   "2. Bring your old library card", BODY_C, "3. Ask for the river room", BODY_D)
    assert outline(article.sections) == [
        "1. Come early on the first day", "2. Bring your old library card",
        "3. Ask for the river room"]
    assert "Readers on the steps" in body_text(article)


def test_question_answered_in_one_sentence_before_the_next_part_is_text() -> None:
    article = copy(BODY_A, "Where the books came from on the day", BODY_B, "The best part?",
                   "Nobody lost a single book on the way.", "How the new rooms are heated",
                   BODY_C, BODY_D)
    assert outline(article.sections) == [
        "Where the books came from on the day", "How the new rooms are heated"]
    assert "The best part?" in body_text(article)


def test_questions_of_a_faq_with_short_answers_stay_headings() -> None:
    article = copy(BODY_A, BODY_B, "Is the library open on Sundays?", "Yes, from ten until four.",
                   "Can I bring my dog?", "Only to the garden room.",
                   "Where do I return books?", "At the desk by the river door.")
    assert outline(article.sections) == [
        "Is the library open on Sundays?", "Can I bring my dog?", "Where do I return books?"]


def test_pointer_to_the_full_version_elsewhere_is_no_heading() -> None:
    pointer = "Read the full list"
    article = copy(BODY_A, BODY_B, pointer, BODY_C, "Opening Day", BODY_D)
    assert outline(article.sections) == ["Opening Day"]
    assert pointer in body_text(article)


def test_one_word_label_after_a_labelled_list_is_the_next_part() -> None:
    article = copy(BODY_A, BODY_D, "Ingredients", "Almond Filling:", "• 100 g ground almonds",
                   "• 50 g sugar", "Glaze:", "• 2 tbsp apricot jam", "Method", BODY_B, BODY_C)
    assert outline(article.sections) == [
        "Ingredients", "  Almond Filling:", "  Glaze:", "Method"]


def test_one_word_label_over_a_list_alone_stays_text() -> None:
    article = copy(BODY_A, BODY_B, "Notes:", "• The river room opens at ten", "• Bring a card",
                   BODY_C)
    assert article.sections == []


def test_line_that_cries_out_and_goes_on_is_text() -> None:
    steps = ["Shelve and label! Done", "Huh? Why did the lights go out"]
    article = copy(BODY_A, "Where the books came from on the day", BODY_B, steps[0], BODY_C,
                   "How the new rooms are heated in winter", BODY_D, steps[1], BODY_A)
    assert outline(article.sections) == [
        "Where the books came from on the day", "How the new rooms are heated in winter"]


def test_question_with_a_follow_up_question_stays_a_heading() -> None:
    asking = ["Why did you choose the river site? And why now?",
              "What comes after the opening? Who runs the rooms?"]
    article = copy(BODY_A, asking[0], BODY_B, BODY_C, asking[1], BODY_D)
    assert outline(article.sections) == asking


def test_a_label_with_its_score_run_on_is_a_heading_not_a_row_of_figures() -> None:
    article = copy(BODY_A, "Mira's Verdict9/10", BODY_B, "Tom's Verdict7.5/10", BODY_C)
    assert outline(article.sections) == ["Mira's Verdict9/10", "Tom's Verdict7.5/10"]


def test_a_label_and_a_figure_of_its_own_stay_a_row() -> None:
    article = copy(BODY_A, "Rating 9/10", BODY_B, "Rooms 4", BODY_C)
    assert article.sections == []


def test_a_sentence_case_line_of_three_sentences_is_text() -> None:
    article = copy(BODY_A, "Where the books came from on the day", BODY_B,
                   "The shelf moved. Then it stopped. Why did rows move?", BODY_C,
                   "How the new rooms are heated in winter", BODY_D)
    assert outline(article.sections) == [
        "Where the books came from on the day", "How the new rooms are heated in winter"]


def test_a_question_heading_may_add_one_sentence() -> None:
    article = copy(BODY_A, "Where the books came from on the day", BODY_B,
                   "Who runs the rooms now? A short history", BODY_C,
                   "How the new rooms are heated in winter", BODY_D)
    assert outline(article.sections) == [
        "Where the books came from on the day", "Who runs the rooms now? A short history",
        "How the new rooms are heated in winter"]
