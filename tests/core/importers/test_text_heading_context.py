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
