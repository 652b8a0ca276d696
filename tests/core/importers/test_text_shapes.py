"""The plain-text importer on the layouts copied text comes in: a browser copy (blank lines
between blocks), one newline between paragraphs (a word processor, a mail client, a notes app)
and hard-wrapped lines (a saved e-mail)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.importers.text import parse_text
from briefing.core.importers.text_furniture import REASON_CONTENTS, REASON_LINK_RUN
from briefing.core.importers.text_lines import read_lines
from briefing.core.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "text"
FIRST = ("The harbour board met on Tuesday and agreed to spend more on the north quay, "
         "after a winter of storms left parts of the wall unsafe.")
SECOND = ("Engineers will survey the whole wall in March, and the repairs are due to start "
          "before the summer season brings the ferries back.")
THIRD = ("Fishing crews have asked for a say in the timing, since the work will close two "
         "of their berths for at least six weeks.")


def single_newline(text: str) -> str:
    """The text with every run of blank lines made one newline."""
    return re.sub(r"\n(?:[ \t]*\n)+", "\n", text)


def parse(*lines: str) -> Article:
    return parse_text("\n".join(lines), "article.txt")


def headings(article: Article) -> list[str]:
    return [section.label for section in article.walk()]


def body(article: Article) -> list[str]:
    """The standfirst and every block's text, in order."""
    texts = [article.standfirst] if article.standfirst else []
    texts += [block.text for block in article.blocks]
    for section in article.walk():
        texts += [block.text for block in section.blocks]
    return texts


def discarded(article: Article) -> list[tuple[str, str]]:
    return [(item.text, item.reason) for item in article.discarded]


def test_a_copy_reads_the_same_with_one_newline_between_its_blocks() -> None:
    copy = (FIXTURES / "ferry_report_copy.txt").read_text(encoding="utf-8")
    articles = [parse_text(text, "ferry_report_copy.txt") for text in (copy, single_newline(copy))]
    for article in articles:
        assert article.title == "Island ferries run late on two days in five, audit finds"
        assert (article.author, article.date) == ("Tomas Lindqvist", "2025-05-14")
        assert headings(article) == ["The delays in numbers", "Why the penalties were never paid",
                                     "What the council can do now"]
        assert {reason for text, reason in discarded(article)
                if text in ("News", "Transport")} == {REASON_LINK_RUN}
        assert {reason for text, reason in discarded(article)
                if text.startswith("• ")} == {REASON_CONTENTS}
    browser, single = articles
    assert body(single) == body(browser)
    assert [text for text, _ in discarded(single)] == [text for text, _ in discarded(browser)]


def test_single_newline_fixture_keeps_headline_headings_and_text_and_drops_the_furniture() -> None:
    article = parse_text((FIXTURES / "library_hours_single_newline.txt").read_text(
        encoding="utf-8"), "library_hours_single_newline.txt")
    assert article.title == "Libraries in the valley towns will open on Sundays from next spring"
    assert article.author == "Marta Quiroga"
    assert "What the trial costs" in headings(article)
    assert "Which branches take part" in headings(article)
    assert "Paid from the county culture fund" in headings(article) + body(article)
    assert [(text, reason) for text, reason in discarded(article) if reason != "byline, kept "
            "as the author"] == [(text, REASON_LINK_RUN) for text in (
                "Local", "Culture", "Riverside branch plans a new study room",
                "Board election dates set for the autumn", "Museum night draws record crowd")]


def test_related_links_end_at_the_blank_line_after_them() -> None:
    article = parse_text("\n\n".join([
        "Harbour Notes", FIRST, "Related stories\nFerry fares to rise\nNew pier opens",
        "Who Pays for the Wall", SECOND, THIRD]), "notes.txt")
    assert headings(article) == ["Who Pays for the Wall"]
    assert [text for text, _ in discarded(article)] == [
        "Related stories", "Ferry fares to rise", "New pier opens"]


def test_byline_and_date_among_consecutive_lines_stay_the_article_details() -> None:
    article = parse_text("\n\n".join([
        "Harbour Notes", "By Jane Moreau\n3 March 2025", FIRST, SECOND, THIRD]), "notes.txt")
    assert (article.author, article.date) == ("Jane Moreau", "2025-03-03")


def test_a_browser_copy_keeps_the_blank_lines_it_has() -> None:
    lines = read_lines("Harbour Notes\n\nHome\nNews\n\n" + FIRST + "\n\n" + SECOND + "\n")
    assert [line.after_blank for line in lines] == [True, True, False, True, True]
    assert not any(line.inferred for line in lines)


def test_without_blank_lines_only_short_open_lines_and_list_items_run_on() -> None:
    lines = read_lines("\n".join(["Harbour Notes", FIRST, "Home", "News", "Sport", SECOND,
                                  "\u2022 one item", "\u2022 another item", THIRD]))
    assert all(line.inferred for line in lines)
    assert [line.after_blank for line in lines] == [True, True, True, False, True, True, True,
                                                    False, True]


def test_menu_above_the_headline_is_dropped_in_text_without_blank_lines() -> None:
    article = parse("Home", "Regions", "Harbour board agrees to spend more on the north quay",
                    FIRST, SECOND)
    assert article.title == "Harbour board agrees to spend more on the north quay"
    assert discarded(article)[-1] == ("Regions", REASON_LINK_RUN)
    assert body(article)[-1] == SECOND


def test_an_exclaiming_headline_under_a_menu_is_kept_and_the_menu_dropped() -> None:
    article = parse("Home", "Regions", "Weather", "North Quay Wall Collapses in Storm!", FIRST,
                    SECOND)
    assert article.title == "North Quay Wall Collapses in Storm!"
    assert [text for text, _ in discarded(article)] == ["Home", "Regions", "Weather"]


def test_headline_byline_and_date_on_consecutive_lines_stay_details() -> None:
    article = parse("Quay Repairs Approved", "By Jane Moreau", "3 March 2025", FIRST, SECOND)
    assert (article.title, article.author, article.date) == (
        "Quay Repairs Approved", "Jane Moreau", "2025-03-03")


def test_headline_over_a_short_standfirst_is_kept() -> None:
    article = parse("Quay Repairs Approved", "What the board decided and what comes next",
                    FIRST, SECOND, THIRD)
    assert article.title == "Quay Repairs Approved"
    assert article.discarded == []


def test_heading_over_a_short_line_inside_the_text_is_no_run_of_links() -> None:
    article = parse("Harbour Notes", FIRST, "Who Pays for the Wall",
                    "Figures from the board's own papers", SECOND, THIRD)
    assert "Who Pays for the Wall" in headings(article)
    assert "Figures from the board's own papers" in headings(article) + body(article)
    assert article.discarded == []


def test_links_between_paragraphs_are_dropped_and_the_heading_under_them_kept() -> None:
    article = parse("Harbour Notes", FIRST, "Copy link", "Send to a friend", "Print this page",
                    "Who Pays for the Wall", SECOND, THIRD)
    assert headings(article) == ["Who Pays for the Wall"]
    assert body(article) == [FIRST, SECOND, THIRD]
    assert [reason for _, reason in discarded(article)][1:] == [REASON_LINK_RUN] * 2


def test_notes_of_short_open_lines_are_the_article_not_a_run_of_links() -> None:
    points = ["Budget for the wall agreed", "Survey to start in March",
              "Ferry timetable unchanged", "Berth closures to be announced",
              "Next meeting in June"]
    closing = "The minutes were approved without changes."
    for text in ("\n".join(["Harbour committee notes", *points, closing]),
                 "\n\n".join(["Harbour committee notes", "\n".join(points), closing])):
        article = parse_text(text, "notes.txt")
        assert article.title == "Harbour committee notes"
        assert set(points) <= set(headings(article) + body(article))
        assert article.discarded == []


def test_rows_of_figures_between_paragraphs_are_a_table_not_links() -> None:
    rows = ["Quay length 420 m", "Built in 1888", "Last repaired 1996", "Berths 12"]
    article = parse("Harbour Notes", FIRST, *rows, SECOND, THIRD)
    assert article.discarded == []
    assert set(rows) <= set(headings(article) + body(article))


def test_wiki_heading_with_an_edit_mark_stands_apart_from_a_caption_under_it() -> None:
    article = parse("Harbour Notes", FIRST, "History[edit]", "The old quay in winter", SECOND,
                    THIRD)
    assert "History" in headings(article)[0]
    assert article.discarded == []


def test_contents_entries_name_headings_that_sit_among_other_short_lines() -> None:
    article = parse("Harbour Notes", FIRST, THIRD, "\u2022 Funding", "\u2022 Timing",
                    "\u2022 Berths", "Funding", SECOND, "Share this page", "Next page",
                    "Back to the index", "Timing", THIRD, "Berths", FIRST.replace("Tuesday",
                                                                                   "Friday"))
    assert headings(article) == ["Funding", "Timing", "Berths"]
    assert discarded(article) == [("\u2022 Funding", REASON_CONTENTS),
                                  ("\u2022 Timing", REASON_CONTENTS),
                                  ("\u2022 Berths", REASON_CONTENTS),
                                  ("Share this page", "share buttons"),
                                  ("Next page", REASON_LINK_RUN),
                                  ("Back to the index", REASON_LINK_RUN)]


def test_an_unmarked_last_entry_of_a_table_of_contents_belongs_to_it() -> None:
    article = parse("Harbour Notes", FIRST, THIRD, "1. Funding", "2. Timing", "Which Berths Close?",
                    "1. Funding", SECOND, "2. Timing", THIRD, "Which Berths Close?", SECOND)
    assert headings(article) == ["1. Funding", "2. Timing", "Which Berths Close?"]
    assert [reason for _, reason in discarded(article)] == [REASON_CONTENTS] * 3


def test_a_numbered_heading_out_of_turn_after_a_numbered_contents_list_is_kept() -> None:
    article = parse("Harbour Notes", FIRST, "3. Wall", "2. Berths", "1. Ferries", "3. Wall",
                    SECOND, "2. Berths", THIRD, "1. Ferries", SECOND)
    assert headings(article) == ["3. Wall", "2. Berths", "1. Ferries"]
    assert [text for text, _ in discarded(article)] == ["3. Wall", "2. Berths", "1. Ferries"]
    assert [item.line for item in article.discarded] == [3, 4, 5]


def test_a_box_printed_again_is_no_table_of_contents() -> None:
    box = ["From 12.50", "In stock", "Available at the harbour shop", "Order online"]
    article = parse("Harbour Notes", FIRST, *box, SECOND, *box, THIRD)
    assert body(article) == [FIRST, "Order online", SECOND, "Order online", THIRD]
    assert [reason for _, reason in discarded(article)] == [REASON_LINK_RUN] * 6


def test_text_written_without_spaces_may_still_be_hard_wrapped() -> None:
    unbroken = "\u6e2f" * 120
    article = parse("Harbour Notes", "", FIRST[:70], FIRST[71:], "", unbroken, "",
                    SECOND[:70], SECOND[71:])
    assert body(article) == [FIRST, unbroken, SECOND]


def test_titles_on_consecutive_lines_of_a_hard_wrapped_text_stay_apart() -> None:
    titles = ["Ferry fares to rise again from the first of June",
              "New pier at the north quay opens to the public",
              "Storm damage bill passes two million for the town"]
    text = "\n\n".join(["Harbour Notes", *(textwrap.fill(block, 72) for block in (
        FIRST, SECOND)), "\n".join(titles), textwrap.fill(THIRD, 72)])
    article = parse_text(text, "notes.txt")
    assert body(article) == [FIRST, SECOND, THIRD]
    assert [text for text, _ in discarded(article)] == titles


def test_a_heading_right_under_a_wrapped_paragraph_stays_a_heading() -> None:
    # One newline between blocks: only the lines' shape parts a heading from a paragraph's
    # last piece, here one that fills the line and ends a sentence.
    paragraphs = [
        "The harbour board met on Tuesday and agreed to spend more on the north quay wall, "
        "after a winter of heavy storms left parts of the old wall unsafe for the crews. The "
        "wall was last mended forty years ago, when the ferries were half the size.",
        "Engineers will survey the whole wall in March, and the repairs are due to start "
        "before the summer season brings the ferries back to the island.",
        "Fishing crews have asked for a say in the timing, since the work will close two of "
        "their berths for at least six weeks in the spring. The board will meet them before "
        "the survey starts, and it has promised to move the work on the south side to the "
        "quiet months."]
    first, second, third = (textwrap.fill(text, 72) for text in paragraphs)
    assert len(second.split("\n")[-1]) == 72
    article = parse_text("\n".join(["Harbour Notes", first, "Who Pays for the Wall", second,
                                    "What the Crews Want", third]), "notes.txt")
    assert headings(article) == ["Who Pays for the Wall", "What the Crews Want"]
    assert body(article) == paragraphs

    # A long line that only lacks its full stop is the paragraph's last piece, not a heading.
    tail = "Crews said the north side would take longer than the south did"
    article = parse_text("\n".join(["Harbour Notes", first, "Who Pays for the Wall", second,
                                    tail, third]), "notes.txt")
    assert headings(article) == ["Who Pays for the Wall"]
    assert body(article) == [paragraphs[0], f"{paragraphs[1]} {tail}", paragraphs[2]]


_WORDS = ["harbour", "quay", "board", "the", "wall", "storm", "repairs", "ferry", "crews",
          "berths", "of", "and", "winter", "survey", "engineers", "money", "north", "season"]
paragraph = st.lists(st.sampled_from(_WORDS), min_size=20, max_size=70).map(
    lambda words: " ".join(words).capitalize() + ".")
heading = st.lists(st.sampled_from(_WORDS[:10]), min_size=1, max_size=4).map(
    lambda words: " ".join(word.capitalize() for word in words))
sections = st.lists(st.tuples(st.one_of(st.none(), heading), paragraph), min_size=3, max_size=8)
"""An article's sections: each a paragraph (long enough to be wrapped), most under a heading."""


@settings(max_examples=60, deadline=None)
@given(sections, st.integers(min_value=60, max_value=80))
def test_hard_wrapped_text_reads_as_its_unwrapped_form(
        parts: list[tuple[str | None, str]], width: int) -> None:
    blocks = ["Harbour Notes", *(block for part in parts for block in part if block)]
    text = "\n\n".join(blocks)
    wrapped = "\n\n".join(textwrap.fill(block, width) for block in blocks)
    unwrapped, rewrapped = parse_text(text, "notes.txt"), parse_text(wrapped, "notes.txt")
    assert (rewrapped.title, headings(rewrapped), body(rewrapped)) == (
        unwrapped.title, headings(unwrapped), body(unwrapped))



_SECTIONS = {
    "What the Repairs Cost": [
        "The board put the cost of the north quay repairs at just over four million pounds, "
        "most of it for new stone and for the crane barge that has to come over from the "
        "mainland for the whole of the spring.",
        "Two councillors want a new estimate."],
    "When the Work Is Done": [
        "Work starts in March and should end before the island ferries return in June, though "
        "a wet spring could push the last stretch of the wall into the summer and keep the "
        "quay closed for longer.",
        "The south berths stay open."],
    "What the Crews Lose": [
        "Fishing crews will lose two berths for at least six weeks, and the board has offered "
        "them moorings in the old basin for as long as the work on the wall goes on, at no "
        "extra charge.",
        "Their association will answer soon."]}
"""Sections whose paragraphs wrap mid-phrase at 72 characters, each followed by a short one."""


def test_hard_wrapped_text_with_one_newline_between_blocks_is_put_back_together() -> None:
    # Headings and the short last pieces of paragraphs are followed by text too, so fewer
    # than two in three such lines fill the width.
    blocks = ["Harbour Notes", textwrap.fill(FIRST, 72)]
    for heading, paragraphs in _SECTIONS.items():
        blocks += [heading, *(textwrap.fill(text, 72) for text in paragraphs)]
    article = parse_text("\n".join(blocks), "notes.txt")
    assert article.title == "Harbour Notes"
    assert headings(article) == list(_SECTIONS)
    assert body(article) == [FIRST, *(text for texts in _SECTIONS.values() for text in texts)]


def test_a_headline_that_fills_the_line_stays_apart_from_the_text_under_it() -> None:
    # One newline between blocks: the next line's first word would not fit on the headline.
    paragraphs = [SECOND, THIRD, FIRST]
    wrapped = [textwrap.fill(text, 72) for text in paragraphs]
    title_case = "North Quay Wall Will Be Rebuilt Before the Ferries Come Back in June"
    sentence_case = "Harbour board agrees to rebuild the north quay wall before the summer"
    for title, under in ((title_case, []), (sentence_case, ["Share this story"])):
        assert len(title) + len(" Engineers") > 72
        article = parse_text("\n".join([title, *under, *wrapped]), "notes.txt")
        assert article.title == title
        assert body(article) == paragraphs

    # A headline that asks or exclaims is closed by its mark.
    question = "Who will pay for the north quay wall when the ferries come back in June?"
    longer = [texts[0] for texts in _SECTIONS.values()]
    assert len(question) + len(" The") > 72
    article = parse_text("\n".join([question, *(textwrap.fill(text, 72) for text in longer)]),
                         "notes.txt")
    assert article.title == question
    assert body(article) == longer

    # A long headline wrapped onto a second line stays one, in title case or not.
    for title in ("North Quay Wall Will Be Rebuilt Before the Ferries Come Back to the Island "
                  "in June",
                  "Harbour board agrees to rebuild the north quay wall before the summer ferry "
                  "Season"):
        article = parse_text("\n".join([textwrap.fill(title, 72), *wrapped]), "notes.txt")
        assert article.title == title
        assert body(article) == paragraphs


def test_a_heading_over_a_one_line_paragraph_stays_apart_from_the_full_line_before_it() -> None:
    # One newline between blocks; the heading follows a paragraph whose last piece fills the
    # line and ends a sentence, and the paragraph under it fits on one line.
    full = ("Engineers will survey the whole wall in March, and the repairs are due to start "
            "before the summer season brings the ferries back to the island.")
    assert len(textwrap.fill(full, 72).split("\n")[-1]) == 72
    short = "The board meets again in June."
    article = parse_text("\n".join(["Harbour Notes", textwrap.fill(FIRST, 72),
                                    textwrap.fill(full, 72), "Next Steps", short,
                                    textwrap.fill(THIRD, 72)]), "notes.txt")
    assert headings(article) == ["Next Steps"]
    assert body(article) == [FIRST, full, short, THIRD]

    # A longer heading is one in title case; in sentence case it is a sentence missing its stop.
    for heading, title_case in (
            ("What the Board Will Ask the Crews When the Survey Is Done", True),
            ("What the board will ask the crews when the survey is done", False)):
        article = parse_text("\n".join(["Harbour Notes", textwrap.fill(FIRST, 72),
                                        textwrap.fill(full, 72), heading, short,
                                        textwrap.fill(THIRD, 72)]), "notes.txt")
        if title_case:
            assert headings(article) == [heading]
            assert body(article) == [FIRST, full, short, THIRD]
        else:
            assert headings(article) == []
            assert body(article) == [FIRST, f"{full} {heading}", short, THIRD]

    # A line naming a web address is a credit closing the paragraph, blank lines or none.
    sourced = f"{full} Photo: www.harbour.example/quay"
    article = parse_text("\n".join(["Harbour Notes", textwrap.fill(FIRST, 72),
                                    textwrap.fill(sourced, 72), textwrap.fill(THIRD, 72)]),
                         "notes.txt")
    assert body(article) == [FIRST, sourced, THIRD]

    # Where blank lines part the blocks, such a line is the paragraph's last piece (a credit).
    credited = f"{full} Pictures by the Harbour Office"
    article = parse_text("\n\n".join(["Harbour Notes", textwrap.fill(FIRST, 72),
                                      textwrap.fill(credited, 72), textwrap.fill(THIRD, 72)]),
                         "notes.txt")
    assert body(article) == [FIRST, credited, THIRD]


def test_a_note_mark_after_the_full_stop_still_ends_the_sentence_before_a_heading() -> None:
    cited = ("Engineers will survey the whole wall in March, and the repairs are due to start "
             "before the season brings the ferries back to the island.[12]")
    assert len(textwrap.fill(cited, 72).split("\n")[-1]) + len(" History") > 72
    article = parse_text("\n".join(["Harbour Notes", textwrap.fill(SECOND, 72),
                                    textwrap.fill(cited, 72), "History",
                                    textwrap.fill(THIRD, 72)]), "notes.txt")
    assert headings(article) == ["History"]
    assert body(article) == [SECOND, cited, THIRD]


def test_a_paragraph_that_ends_on_a_quotation_ends_there_in_hard_wrapped_text() -> None:
    # One newline between blocks, and the quotation fills the line: the next paragraph's first
    # word would not have fit on it.
    quotation = "\u201cThe wall has moved twice since March, and one more storm will take it.\u201d"
    assert len(quotation) + len(" Work") > 72
    first, second, third = (texts[0] for texts in _SECTIONS.values())
    article = parse_text("\n".join(["Harbour Notes", textwrap.fill(first, 72), quotation,
                                    textwrap.fill(second, 72), textwrap.fill(third, 72)]),
                         "notes.txt")
    assert body(article) == [first, quotation, second, third]

    # So does a credit in brackets under the quotation: it stands apart, and goes with the
    # furniture.
    article = parse_text("\n".join(["Harbour Notes", textwrap.fill(first, 72), quotation,
                                    "(Photo: Harbour Office Archive)", textwrap.fill(second, 72),
                                    textwrap.fill(third, 72)]), "notes.txt")
    assert body(article) == [first, quotation, second, third]
    assert [text for text, _ in discarded(article)] == ["(Photo: Harbour Office Archive)"]


def test_a_heading_that_fills_the_line_over_its_text_stays_apart_from_it() -> None:
    # One newline between blocks: the next line's first word would not fit on the heading or
    # the numbered step, but it opens a sentence on a word the text writes in small letters.
    heading = "How the board will pay for the wall once the ferries are back in summer"
    step = "2. Keep the crews informed while their berths are closed for the work"
    opening = ("The board will borrow against the harbour dues, and the crews have asked "
               "for a share of the savings.")
    assert len(heading) + len(" The") > 72 and len(step) + len(" The") > 72
    for line in (heading, step):
        text = "\n".join(["Harbour Notes", textwrap.fill(FIRST, 72), line,
                          textwrap.fill(opening, 72), textwrap.fill(THIRD, 72)])
        assert [read.raw for read in read_lines(text)] == ["Harbour Notes", FIRST, line, opening,
                                                           THIRD]
    # The numbered step reads as a heading over its text.
    article = parse_text(text, "notes.txt")
    assert headings(article) == [step]
    assert body(article) == [FIRST, opening, THIRD]


def test_a_paragraph_piece_that_ends_before_a_name_goes_on_with_it() -> None:
    # A capital after a line that ends without punctuation goes on with a name: a word the text
    # capitalises within its sentences more often than not, or one followed by another capital.
    named = ("The survey found the worst damage lies under the store that houses\n"
             "Harbour Office staff, who moved from the old Harbour Office.")
    acronym = ("The survey found the worst damage lies under the store that houses\n"
               "Harbour ABC, which will repair it.")
    for text in (named, acronym):
        assert len(text.split("\n")[0]) + len(" Harbour") > 72
        article = parse_text("\n".join(["Harbour Notes", textwrap.fill(FIRST, 72), text,
                                        textwrap.fill(THIRD, 72)]), "notes.txt")
        assert headings(article) == []
        assert body(article) == [FIRST, text.replace("\n", " "), THIRD]


def test_titles_of_two_pieces_under_a_paragraph_stay_apart_from_it() -> None:
    # Titles of linked stories under a paragraph whose last piece fills the line, one newline
    # between blocks; the first title fills the line too, so only its short second piece shows
    # where it ends.
    full = ("Engineers will survey the whole wall in March, and the repairs are due to start "
            "before the summer season brings the ferries back to the island.")
    titles = ["Ferry Operators Say the New Timetable Will Cut Crossings to Both Islands "
              "Next Winter",
              "Storm Damage Closes the Coastal Path Again"]
    wrapped = textwrap.fill(titles[0], 72).split("\n")
    assert len(wrapped) == 2 and len(wrapped[0]) + len(" Storm") > 72
    assert len(textwrap.fill(full, 72).split("\n")[-1]) + len(" Ferry") > 72
    text = "\n".join(["Harbour Notes", textwrap.fill(FIRST, 72), textwrap.fill(full, 72),
                      *wrapped, titles[1], textwrap.fill(THIRD, 72)])
    assert [line.raw for line in read_lines(text)] == ["Harbour Notes", FIRST, full, *titles,
                                                       THIRD]


def test_an_indented_list_item_wrapped_at_the_width_stays_whole() -> None:
    # The wrapper counts the indent before the bullet, so a piece may look short enough to
    # have taken the next word once the spaces are stripped.
    item = ("Last of all, the board will ask the crews if their work can wait until the "
            "survey of the whole wall is done in March.")
    wrapped = textwrap.fill(item, 72, initial_indent="  \u2022 ")
    first_piece = wrapped.split("\n")[0]
    assert len(first_piece.strip()) + len(" until") == 72 < len(first_piece) + len(" until")
    full = ("Engineers will survey the whole wall in March, and the repairs are due to start "
            "before the summer season brings the ferries back to the island.")
    paragraphs = [FIRST, full, full, THIRD]
    assert max(len(line) for line in textwrap.fill(full, 72).split("\n")) == 72
    text = "\n\n".join(["Harbour Notes", *(textwrap.fill(text, 72) for text in paragraphs[:3]),
                        wrapped, textwrap.fill(THIRD, 72)])
    assert [line.raw for line in read_lines(text)] == ["Harbour Notes", *paragraphs[:3],
                                                       f"\u2022 {item}", THIRD]
