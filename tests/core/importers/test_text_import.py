"""The plain-text importer: structure, lists, quotes and boilerplate read from browser copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.importers.text import parse_text
from briefing.core.model import Article, Block, BlockKind, Section

FIXTURES = Path(__file__).parent / "fixtures" / "text"
SEEDS = Path(__file__).resolve().parents[3] / ".." / "shared" / "seeds"


def parse(*lines: str, name: str = "article.txt") -> Article:
    return parse_text("\n".join(lines), name)


STANDFIRST = "What the harbour towns decided this week, and what comes next"


def parse_body(*lines: str) -> Article:
    """The article of a title line, a standfirst and these lines."""
    return parse("Harbour Notes", "", STANDFIRST, "", *lines)


def kinds(blocks: list[Block]) -> list[BlockKind]:
    return [block.kind for block in blocks]


def outline(article: Article) -> list[tuple[int, str]]:
    """(depth, label) of every section, depth 1 for top-level sections."""
    found: list[tuple[int, str]] = []

    def visit(section: Section, depth: int) -> None:
        found.append((depth, section.label))
        for sub in section.sections:
            visit(sub, depth + 1)

    for section in article.sections:
        visit(section, 1)
    return found


def reasons(article: Article) -> dict[str, str]:
    return {item.text: item.reason for item in article.discarded}


BODY_A = ("The council approved the plan after a long debate that ran late into the evening, "
          "with several members asking for more detail on costs.")
BODY_B = ("Critics said the timetable was too tight, and that smaller towns would struggle to "
          "find the staff needed to deliver the work on time.")
BODY_C = ("Supporters replied that waiting another year would raise the bill, because building "
          "prices have climbed steadily since the spring.")


# --- The two reference shapes -------------------------------------------------------------------

def test_opinion_piece_fixture_gives_title_standfirst_lead_sections_and_discards() -> None:
    article = parse_text((FIXTURES / "opinion_piece.txt").read_text(encoding="utf-8"),
                         "opinion_piece.txt")
    assert article.title == ("Holding the Line: Why the new water commissioner must unite the "
                             "river cities")
    assert article.standfirst.startswith("The river basin's change of leadership")
    assert article.source_file == "opinion_piece.txt"
    assert kinds(article.blocks) == [BlockKind.PARAGRAPH] * 3
    assert outline(article) == [(1, "1. Keeping the compact together"),
                                (1, "2. Paying for new storage"),
                                (1, "3. Winning back public trust"),
                                (1, "Sharing the River 2.0")]
    first, _, third, closing = article.sections
    assert kinds(first.blocks) == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH,
                                   BlockKind.PULL_QUOTE, BlockKind.PARAGRAPH]
    assert [block.text[:10] for block in third.blocks if block.kind is BlockKind.BULLET] == [
        "Publishing", "Holding an", "Explaining", "Inviting f"]
    assert len(closing.blocks) == 2
    assert [(item.line, item.reason) for item in article.discarded] == [
        (5, "copyright sign"), (48, "site disclaimer"), (50, "author box"), (52, "author box"),
        (54, "newsletter sign-up"), (56, "newsletter sign-up")]
    assert all(section.id == "" for section in article.walk())


def test_explainer_fixture_without_title_line_gives_two_levels_and_conclusion() -> None:
    article = parse_text((FIXTURES / "explainer_no_title.txt").read_text(encoding="utf-8"),
                         "explainer_no_title.txt")
    assert article.title == "Estonia's First Year on the European Grid"
    assert article.standfirst == ""
    assert kinds(article.blocks) == [BlockKind.PARAGRAPH]
    assert [section.label for section in article.sections] == [
        "1. Leaving the Old Network", "2. Prices and Markets", "3. Security of Supply",
        "4. Looking Further Ahead", "Conclusion"]
    for section in article.sections[:4]:
        assert len(section.sections) == 3
        assert kinds(section.blocks) == [BlockKind.PARAGRAPH]
        assert all(len(sub.blocks) == 1 and not sub.sections for sub in section.sections)
    assert article.sections[0].sections[2].heading == "The Weekend of the Switch"
    assert len(article.sections[4].blocks) == 2 and not article.sections[4].sections
    assert [(item.line, item.text) for item in article.discarded] == [(37, "grid-map.png)")]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the reference articles are not in the repository")
def test_reference_opinion_piece_matches_expected_outline() -> None:
    path = next(SEEDS.glob("000_*.txt"))
    article = parse_text(path.read_text(encoding="utf-8"), path.name)
    assert article.title.startswith("Inventing NATO 3.0: Why Rutte")
    assert article.standfirst
    assert kinds(article.blocks) == [BlockKind.PARAGRAPH] * 3
    assert [(depth, label[:3]) for depth, label in outline(article)] == [
        (1, "1. "), (1, "2. "), (1, "3. "), (1, "4. "), (1, "Inv")]
    assert article.sections[4].heading == "Inventing NATO 3.0"
    all_blocks = [block for section in article.walk() for block in section.blocks]
    assert kinds(all_blocks).count(BlockKind.PULL_QUOTE) == 1
    assert kinds(article.sections[3].blocks).count(BlockKind.BULLET) == 4
    found = {item.reason for item in article.discarded}
    assert {"copyright sign", "site disclaimer", "author box", "newsletter sign-up"} <= found


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the reference articles are not in the repository")
def test_reference_explainer_matches_expected_outline() -> None:
    path = next(SEEDS.glob("003_*.txt"))
    article = parse_text(path.read_text(encoding="utf-8"), path.name)
    assert article.title == "Mark Rutte's First 100 Days as NATO Chief"
    assert len(article.blocks) == 1
    assert [section.number for section in article.sections] == [*range(1, 13), None]
    assert article.sections[12].heading == "Conclusion"
    assert not article.sections[12].sections
    assert all(len(section.sections) == 4 for section in article.sections[:12])
    assert article.sections[10].blocks, "section 11 keeps its intro paragraph"
    assert [item.text for item in article.discarded] == [".jpg)"]


# --- Title and standfirst -----------------------------------------------------------------------

def test_empty_input_gives_file_stem_title_and_no_sections() -> None:
    article = parse_text("", "budget-review.txt")
    assert article.title == "Budget review"
    assert article.sections == [] and article.blocks == [] and article.discarded == []


def test_whitespace_only_input_without_name_is_untitled() -> None:
    article = parse_text(" \n\t\n\u00a0\n", "")
    assert article.title == "Untitled article"
    assert article.sections == [] and article.blocks == []


def test_title_line_and_standfirst_are_read_from_the_opening() -> None:
    article = parse("Ports Under Pressure", "",
                    "Why the harbour needs a new plan before the next storm season", "",
                    BODY_A, "", BODY_B)
    assert article.title == "Ports Under Pressure"
    assert article.standfirst == "Why the harbour needs a new plan before the next storm season"
    assert [block.text for block in article.blocks] == [BODY_A, BODY_B]


def test_long_second_paragraph_is_lead_not_standfirst() -> None:
    long_paragraph = " ".join([BODY_A, BODY_B, BODY_C])
    article = parse("Ports Under Pressure", long_paragraph, BODY_A)
    assert article.standfirst == ""
    assert [block.text for block in article.blocks] == [long_paragraph, BODY_A]


def test_title_case_line_after_title_is_a_heading_not_standfirst() -> None:
    article = parse("Ports Under Pressure", "The Storm Season", BODY_A, BODY_B)
    assert article.standfirst == ""
    assert [section.heading for section in article.sections] == ["The Storm Season"]


def test_title_recovered_from_repeated_phrase_when_no_title_line() -> None:
    article = parse(
        "Harbour authorities met on Monday. The Northern Ports Recovery Plan sets out how the "
        "region will rebuild its quays after the floods.",
        "Under the Northern Ports Recovery Plan, each town submits a list of projects.",
        "Critics of the Northern Ports Recovery Plan say the money will not stretch far enough.")
    assert article.title == "Northern Ports Recovery Plan"


def test_title_phrase_in_first_paragraph_that_recurs_in_conclusion_wins() -> None:
    article = parse(
        "A Quiet Revolution in Rural Schools began when the district bought its first buses, "
        "and Regional Transport Board officials approved the routes.",
        "Regional Transport Board planners later doubled the routes.",
        "Conclusion",
        "A Quiet Revolution in Rural Schools is still under way, a decade on.")
    assert article.title == "A Quiet Revolution in Rural Schools"


def test_title_falls_back_to_file_name_when_nothing_repeats() -> None:
    article = parse(BODY_A, BODY_B, name="harbour_report-2025.txt")
    assert article.title == "Harbour report 2025"


def test_closing_word_on_first_line_is_a_heading_not_a_title() -> None:
    article = parse("Introduction", BODY_A, BODY_B, name="notes.txt")
    assert article.title == "Notes"
    assert [section.heading for section in article.sections] == ["Introduction"]


# --- Headings -----------------------------------------------------------------------------------

def test_import_renumbers_repeated_list_numbers() -> None:
    article = parse_body("", BODY_A, "", "  1. Funding the quays", "", BODY_B, "",
                    "  1. Training the crews", "", BODY_C, "", "  1. Sharing the berths", "",
                    BODY_A)
    assert [section.label for section in article.sections] == [
        "1. Funding the quays", "2. Training the crews", "3. Sharing the berths"]


def test_numbered_headings_with_parenthesis_keep_their_numbers() -> None:
    article = parse_body(BODY_A, "1) Funding the quays", BODY_B,
                    "2) Training the crews", BODY_C)
    assert [(section.number, section.heading) for section in article.sections] == [
        (1, "Funding the quays"), (2, "Training the crews")]


def test_numbered_run_of_sentences_is_a_list_not_headings() -> None:
    article = parse_body(BODY_A,
                    "1. The council should publish the costs of every project each month.",
                    "2. Towns should share one procurement office to save money.",
                    "3. The plan should be reviewed after two years.", BODY_B)
    assert article.sections == []
    assert kinds(article.blocks) == [BlockKind.PARAGRAPH, BlockKind.NUMBERED,
                                     BlockKind.NUMBERED, BlockKind.NUMBERED, BlockKind.PARAGRAPH]
    assert article.blocks[1].text.startswith("The council should publish")


def test_numbered_items_inside_a_section_stay_in_that_section() -> None:
    article = parse_body(BODY_A, "1. Funding the quays", BODY_B,
                    "1. Short title items", "2. Even when short", BODY_C)
    assert [section.label for section in article.sections] == ["1. Funding the quays"]
    assert kinds(article.sections[0].blocks) == [BlockKind.PARAGRAPH, BlockKind.NUMBERED,
                                                 BlockKind.NUMBERED, BlockKind.PARAGRAPH]


def test_numbered_line_ending_with_period_is_an_item() -> None:
    article = parse_body(BODY_A, "1. Fund the quays first.", BODY_B)
    assert article.sections == []
    assert kinds(article.blocks)[1] is BlockKind.NUMBERED


def test_short_sentence_paragraph_ending_with_period_is_not_a_heading() -> None:
    article = parse_body(BODY_A, "That is the real test.", BODY_B)
    assert article.sections == []
    assert [block.text for block in article.blocks] == [BODY_A, "That is the real test.", BODY_B]


def test_short_line_cut_off_mid_phrase_is_not_a_heading() -> None:
    article = parse_body(BODY_A, "Costs rose for the towns and", BODY_B)
    assert article.sections == []


def test_lone_sentence_case_line_without_full_stop_is_a_paragraph_not_a_heading() -> None:
    article = parse_body(BODY_A, "The old seawall at high tide last winter", BODY_B)
    assert article.sections == []
    assert article.blocks[1].text == "The old seawall at high tide last winter"


def test_sentence_case_headings_used_more_than_once_are_headings() -> None:
    article = parse_body(BODY_A, "Why the quays matter", BODY_B, "What the towns want next",
                         BODY_C)
    assert [section.heading for section in article.sections] == [
        "Why the quays matter", "What the towns want next"]


def test_lone_question_line_is_a_heading() -> None:
    article = parse_body(BODY_A, "Who pays for the repairs?", BODY_B)
    assert [section.heading for section in article.sections] == ["Who pays for the repairs?"]


def test_unnumbered_headings_without_numbered_ones_are_level_1() -> None:
    article = parse_body(BODY_A, "The Storm Season", BODY_B, "What the Towns Want",
                    BODY_C)
    assert outline(article) == [(1, "The Storm Season"), (1, "What the Towns Want")]


def test_subheadings_between_numbered_headings_are_level_2() -> None:
    article = parse_body(BODY_A, "1. Funding", "Federal Grants", BODY_B,
                    "Local Taxes", BODY_C, "2. Staffing", "Training", BODY_A)
    assert outline(article) == [(1, "1. Funding"), (2, "Federal Grants"), (2, "Local Taxes"),
                                (1, "2. Staffing"), (2, "Training")]
    assert article.sections[0].blocks == []


def test_unnumbered_heading_after_flat_numbered_sections_is_level_1() -> None:
    article = parse_body(BODY_A, "1. Funding", BODY_B, "2. Staffing", BODY_C,
                    "A Harbour for the Next Century", BODY_A)
    assert outline(article)[-1] == (1, "A Harbour for the Next Century")


def test_closing_word_after_subsections_is_level_1() -> None:
    article = parse_body(BODY_A, "1. Funding", "Federal Grants", BODY_B,
                    "2. Staffing", "Training", BODY_C, "Local Hiring", BODY_A,
                    "Conclusion", BODY_B)
    assert outline(article)[-1] == (1, "Conclusion")
    assert [sub.heading for sub in article.sections[1].sections] == ["Training", "Local Hiring"]


def test_heading_after_complete_subheading_pattern_is_level_1() -> None:
    article = parse_body(BODY_A, "1. Funding", "Grants", BODY_B, "Taxes", BODY_C,
                         "2. Staffing", "Training", BODY_A, "Hiring", BODY_B,
                         "3. Equipment", "Pumps", BODY_C, "Boats", BODY_A,
                         "Where the Money Goes", BODY_C)
    assert outline(article)[-1] == (1, "Where the Money Goes")


def test_extra_heading_before_pattern_is_complete_stays_level_2() -> None:
    article = parse_body(BODY_A, "1. Funding", "Grants", BODY_B, "Taxes", BODY_C,
                    "2. Staffing", "Training", BODY_A, "Hiring Abroad", BODY_B)
    assert outline(article)[-1] == (2, "Hiring Abroad")


def test_heading_far_longer_than_the_subheadings_after_numbered_ones_is_level_1() -> None:
    # The last section's pattern is not complete, but the heading names a broader part.
    article = parse_body(BODY_A, "1. Funding", "Grants", BODY_B, "Taxes", BODY_C,
                         "2. Staffing", "Local Training", BODY_A,
                         "What the Harbour Towns Will Ask of the Council", BODY_B)
    assert outline(article)[-2:] == [(2, "Local Training"),
                                     (1, "What the Harbour Towns Will Ask of the Council")]


def test_unnumbered_heading_before_first_numbered_heading_is_level_1() -> None:
    article = parse_body("Background", BODY_A, "1. Funding", BODY_B)
    assert outline(article) == [(1, "Background"), (1, "1. Funding")]


# --- Paragraphs, lists and quotes ---------------------------------------------------------------

def test_paragraphs_one_per_line_without_blank_lines() -> None:
    article = parse_body("Short but real paragraph.", BODY_A, BODY_B, BODY_C)
    assert [block.text for block in article.blocks] == [
        "Short but real paragraph.", BODY_A, BODY_B, BODY_C]


@pytest.mark.parametrize("marker", ["\u2022", "-", "*", "\u2013", "\u25e6", "\u25aa"])
def test_bullet_markers_are_stripped(marker: str) -> None:
    article = parse_body(BODY_A, f"  {marker} dredge the channel",
                    f"{marker} repair the seawall")
    assert [(block.kind, block.text) for block in article.blocks[1:]] == [
        (BlockKind.BULLET, "dredge the channel"), (BlockKind.BULLET, "repair the seawall")]


def test_bullet_sign_without_space_is_still_a_bullet_but_dash_is_not() -> None:
    article = parse_body(BODY_A, "\u2022dredge the channel", "-5 degrees is normal here.")
    assert [(block.kind, block.text) for block in article.blocks[1:]] == [
        (BlockKind.BULLET, "dredge the channel"),
        (BlockKind.PARAGRAPH, "-5 degrees is normal here.")]


def test_lettered_and_roman_items_are_numbered_blocks() -> None:
    article = parse_body(BODY_A, "a) dredge the channel", "b) repair the seawall",
                    "i. hire divers", "(2) buy pumps")
    assert [(block.kind, block.text) for block in article.blocks[1:]] == [
        (BlockKind.NUMBERED, "dredge the channel"), (BlockKind.NUMBERED, "repair the seawall"),
        (BlockKind.NUMBERED, "hire divers"), (BlockKind.NUMBERED, "buy pumps")]


def test_hyphenated_number_and_dash_without_space_are_not_bullets() -> None:
    article = parse_body(BODY_A, "-5 degrees is normal here.", BODY_B)
    assert kinds(article.blocks) == [BlockKind.PARAGRAPH] * 3


def test_quoted_paragraph_and_angle_bracket_lines_are_quotes() -> None:
    quoted = "\u201cWe cannot wait for another flood before we act,\u201d"
    article = parse_body(BODY_A, quoted, "> The sea does not negotiate.", BODY_B)
    assert [(block.kind, block.text) for block in article.blocks[1:3]] == [
        (BlockKind.QUOTE, quoted), (BlockKind.QUOTE, "The sea does not negotiate.")]


def test_paragraph_with_inner_quotes_is_not_a_quote() -> None:
    text = "\u201cWe act now,\u201d the mayor said, \u201cor we pay later.\u201d"
    article = parse_body(BODY_A, text, BODY_B)
    assert article.blocks[1].kind is BlockKind.PARAGRAPH


def test_pull_quote_repeating_paragraph_is_kept_once() -> None:
    pull = "Waiting another year would raise the bill because building prices have climbed"
    article = parse_body(BODY_A, pull, BODY_C, BODY_B)
    assert kinds(article.blocks) == [BlockKind.PARAGRAPH, BlockKind.PULL_QUOTE,
                                     BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]


def test_exact_duplicate_paragraph_second_copy_is_pull_quote() -> None:
    article = parse_body(BODY_A, BODY_B, BODY_A)
    assert kinds(article.blocks) == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH,
                                     BlockKind.PULL_QUOTE]


def test_paragraphs_sharing_a_few_words_are_not_pull_quotes() -> None:
    article = parse_body(BODY_A, "The council approved the budget for next year.",
                    BODY_B)
    assert BlockKind.PULL_QUOTE not in kinds(article.blocks)


def test_edited_pull_quote_cut_down_from_a_longer_paragraph_is_a_pull_quote() -> None:
    source = ("The port authority will therefore have to set out a firm plan for the new quay "
              "once the funding is secured. There are sound economic, social and safety "
              "reasons for starting early, but it will take courage to press ahead quickly, "
              "given the doubts of some councillors, including the mayor, about the cost.")
    pull = ("The port authority will have to set out a firm plan for the new quay once the "
            "funding is secured: but it will take courage to press ahead given the doubts "
            "of some councillors, including the mayor")
    article = parse_body(BODY_A, pull, source, BODY_B)
    assert kinds(article.blocks) == [BlockKind.PARAGRAPH, BlockKind.PULL_QUOTE,
                                     BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]


def test_parallel_sentences_of_like_length_are_not_pull_quotes() -> None:
    article = parse_body(
        BODY_A,
        "For a full survey of the north quay, the crane bases and the old slipway are "
        "also inspected.",
        "For a full survey of the south quay, the fuel jetty, the crane bases and the old "
        "slipway are also inspected.",
        BODY_B)
    assert BlockKind.PULL_QUOTE not in kinds(article.blocks)


def test_entries_of_a_series_written_to_one_pattern_are_not_pull_quotes() -> None:
    entries = [
        "Anna K. Reeve: Theft of harbour equipment, criminal damage to the quay, held in "
        "custody in lieu of $12,000 bail.",
        "Mark T. Ollis: Theft of harbour equipment, criminal damage to the quay, trespass on "
        "the slipway, held in custody in lieu of $18,500 bail.",
        "Lena P. Dorn: Criminal damage to the quay, held in custody in lieu of $9,000 bail.",
        "Sam J. Kett: Theft of harbour equipment, held in custody in lieu of $7,500 bail."]
    article = parse_body(BODY_A, *entries)
    assert kinds(article.blocks) == [BlockKind.PARAGRAPH] * 5


def test_repeated_paragraph_far_away_is_not_a_pull_quote() -> None:
    fillers = ["Ferries stopped running for a week.", "Insurers raised their premiums.",
               "Fishing crews moved to the southern quay.", "Two cranes were sold abroad.",
               "Tourism held up better than expected.", "The yacht club lost its pontoon."]
    article = parse_body(BODY_A, *fillers, BODY_A)
    assert BlockKind.PULL_QUOTE not in kinds(article.blocks)


# --- Whitespace ---------------------------------------------------------------------------------

def test_non_breaking_spaces_tabs_and_trailing_spaces_are_cleaned() -> None:
    article = parse("Harbour\u00a0Notes   ",
                    "The\u00a0quays\tare  old, and\u202fthe walls leak.   ")
    assert article.title == "Harbour Notes"
    assert article.blocks[0].text == "The quays are old, and the walls leak."


def test_control_and_invisible_characters_are_removed() -> None:
    article = parse_body("The quays\x07 are old\u200b and\x00 leak.")
    assert article.blocks[0].text == "The quays are old and leak."


def test_control_characters_in_a_text_all_in_ascii_are_cleaned_on_every_line() -> None:
    # A text in ASCII is checked for control characters as a whole, not line by line.
    article = parse("Harbour\tNotes", "", "The quays\x07 are old\x0b and\x7f leak.", "",
                    "The walls\x1f are\tworse.")
    assert (article.title, article.standfirst) == ("Harbour Notes", "The quays are old and leak.")
    assert [block.text for block in article.blocks] == ["The walls are worse."]


def test_direction_marks_around_lines_change_nothing() -> None:
    # A copy of a page that mixes writing directions wraps lines in bidi marks and isolates.
    plain = ["The council met on Monday to discuss the harbour levy and the ferry tolls.", "",
             "Ferry Tolls", "",
             "Crossings will cost more from May, the operator said after the vote.", "",
             "Harbour Levy", "",
             "Boat owners will pay a new levy on every berth from next spring."]
    marks = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
             "\u2067", "\u2068", "\u2069", "\u061c"]
    marked = [f"{marks[index % 12]}{line}{marks[(index + 5) % 12]}" if line else line
              for index, line in enumerate(plain)]
    marked[2] = "\u2067Ferry\u2069 \u200fTolls"
    expected, article = parse_body(*plain), parse_body(*marked)
    assert outline(article) == outline(expected) == [(1, "Ferry Tolls"), (1, "Harbour Levy")]
    assert [block.text for section in article.walk() for block in section.blocks] == [
        block.text for section in expected.walk() for block in section.blocks]


def test_lines_of_a_browser_copy_are_never_joined() -> None:
    article = parse_body("First line of text here.", "Second line of text here.")
    assert len(article.blocks) == 2


def test_short_one_line_paragraphs_are_not_mistaken_for_hard_wrapping() -> None:
    lines = ["The ferry timetable changes in May, with fewer crossings at night.",
             "Freight operators asked for an extra early sailing on weekdays.",
             "The council will decide on both requests at its June meeting."]
    article = parse_body(*lines)
    assert [block.text for block in article.blocks] == lines


def test_hard_wrapped_paragraphs_are_joined_back() -> None:
    article = parse_body(
        "The council approved the harbour plan after a long debate that ran",
        "late into the evening, with several members asking for more detail",
        "on costs and on the timetable.", "",
        "Critics said the timetable was too tight, and that smaller towns",
        "would struggle to find the staff needed to deliver the work.", "",
        "  - dredge the channel before the storm season starts in the north",
        "  - repair the seawall")
    assert [block.text for block in article.blocks] == [
        "The council approved the harbour plan after a long debate that ran late into the "
        "evening, with several members asking for more detail on costs and on the timetable.",
        "Critics said the timetable was too tight, and that smaller towns would struggle to "
        "find the staff needed to deliver the work.",
        "dredge the channel before the storm season starts in the north",
        "repair the seawall"]


def test_hard_wrapped_letter_fixture_keeps_headings_lists_and_drops_signature() -> None:
    article = parse_text((FIXTURES / "hard_wrapped_letter.txt").read_text(encoding="utf-8"),
                         "hard_wrapped_letter.txt")
    assert article.title == "THE HARBOUR LETTER"
    assert article.standfirst == "Issue 14: what the storm season means for the quays"
    assert len(article.blocks) == 1 and article.blocks[0].text.endswith("before winter.")
    assert [section.label for section in article.sections] == ["1. The state of the walls",
                                                               "2. Who pays"]
    assert kinds(article.sections[0].blocks) == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH,
                                                 *[BlockKind.NUMBERED] * 3]
    assert article.sections[0].blocks[2].text.startswith("repair the stretches")
    assert [(item.line, item.reason) for item in article.discarded] == [
        (26, "e-mail signature"), (27, "newsletter sign-up")]


def test_hard_wrapped_quote_lines_are_joined_into_one_quote() -> None:
    article = parse_body(
        "The council approved the harbour plan after a long debate that ran",
        "late into the evening, with several members asking for more detail.", "",
        "> We cannot keep patching a wall that was built for a calmer sea and",
        "> a smaller town, and everyone in this room knows it.")
    assert [(block.kind, block.text) for block in article.blocks] == [
        (BlockKind.PARAGRAPH, "The council approved the harbour plan after a long debate that "
                              "ran late into the evening, with several members asking for more "
                              "detail."),
        (BlockKind.QUOTE, "We cannot keep patching a wall that was built for a calmer sea and a "
                          "smaller town, and everyone in this room knows it.")]


# --- A short copy: headline, byline and date on consecutive lines -------------------------------

SHORT_COPY = ("Ferry fares to rise in spring\nBy Jane Moreau\n12 March 2025\n\n"
              "The harbour board will raise fares on the island route from April, to pay for a "
              "new vessel.\n\nWhy\n\nThe two oldest ferries will not pass another inspection, "
              "and a new one costs four years of tolls.\n")


def test_headline_over_its_byline_and_date_is_the_title_not_a_run_of_links() -> None:
    article = parse_text(SHORT_COPY, "short.txt")
    assert article.title == "Ferry fares to rise in spring"
    assert (article.author, article.date) == ("Jane Moreau", "2025-03-12")
    assert [item.reason for item in article.discarded] == [
        "byline, kept as the author", "date line, kept as the date"]


def test_the_paragraph_after_the_byline_opens_the_text_and_is_no_standfirst() -> None:
    article = parse_text(SHORT_COPY, "short.txt")
    assert article.standfirst == ""
    assert article.blocks[0].text.startswith("The harbour board will raise fares")
    assert [section.heading for section in article.sections] == ["Why"]


def test_a_standfirst_over_the_byline_stays_the_standfirst() -> None:
    copy = SHORT_COPY.replace(
        "By Jane Moreau", "The island route needs a new vessel before the winter.\nBy Jane Moreau")
    article = parse_text(copy, "short.txt")
    assert article.standfirst == "The island route needs a new vessel before the winter."
    assert article.blocks[0].text.startswith("The harbour board will raise fares")
