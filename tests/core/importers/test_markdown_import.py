"""Markdown import: title and details, section nesting and numbers, block kinds, dropped lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.importers.markdown import parse_markdown, plain_inline
from briefing.core.model import Article, BlockKind, Section
from tests.core.importers.outline_views import outline

FIXTURES = Path(__file__).parent / "fixtures" / "md"


def load(name: str) -> Article:
    return parse_markdown((FIXTURES / name).read_text(encoding="utf-8"), name)



def kinds(section: Section) -> list[tuple[str, str]]:
    return [(block.kind.value, block.text) for block in section.blocks]


def test_hash_heading_is_title_and_short_italic_paragraph_the_standfirst() -> None:
    article = load("heat_pumps.md")
    assert article.title == "Heat pumps in rented homes"
    assert article.standfirst == "Landlords hold the key to the next million installations."


def test_lead_blocks_come_before_the_first_section_with_lines_joined() -> None:
    article = load("heat_pumps.md")
    assert [block.text for block in article.blocks] == [
        "Fewer than one in twenty privately rented homes has a heat pump, against one in nine "
        "owner-occupied homes. The gap is not about technology.",
        "The sections below look at the money, the rules and the installers.",
    ]


def test_sections_nest_by_level_and_take_their_numbers() -> None:
    article = load("heat_pumps.md")
    assert outline(article.sections) == [
        "1. The split incentive",
        "  Who gains",
        "  Recovering the cost",
        "2. Minimum standards",
        "3. Installer capacity",
    ]
    assert [section.number for section in article.sections] == [1, 2, 3]
    assert all(section.id == "" for section in article.walk())


def test_bullets_numbered_items_and_quotes_become_their_block_kinds() -> None:
    article = load("heat_pumps.md")
    first, second, _ = article.sections
    assert kinds(first.sections[0]) == [
        ("bullet", "tenants, through lower running costs;"),
        ("bullet", "landlords, only when rents can reflect the better rating;"),
        ("bullet", "the grid operator, if pumps run off-peak."),
    ]
    assert kinds(first.sections[1]) == [
        ("numbered", "a green lease clause shares the savings;"),
        ("numbered", "a rent review after installation."),
    ]
    assert kinds(second)[0] == (
        "quote", "A floor that rises on a published timetable gives owners time to plan and "
                 "lenders a reason to finance.")
    assert kinds(second)[1][0] == "paragraph"


def test_list_item_continuation_lines_and_indented_paragraphs_stay_in_the_item() -> None:
    third = load("heat_pumps.md").sections[2]
    assert kinds(third) == [
        ("bullet", "Training places doubled last year."),
        ("bullet", "Accreditation still takes up to nine months. Shorter routes are being "
                   "piloted in two regions."),
    ]


def test_front_matter_gives_the_details_and_a_repeated_title_heading_is_dropped() -> None:
    article = load("front_matter.md")
    assert article.title == "Rail freight after the timetable change"
    assert article.author == "Mireille Okafor, Dan Hsu"
    assert article.publisher == "Transit Quarterly"
    assert article.date == "2024-11-05"
    assert article.url == "https://transit-quarterly.example.net/freight-timetable"
    assert article.standfirst.startswith("Paths for freight trains shrank by a tenth")
    assert article.discarded == []


def test_levels_count_from_the_shallowest_section_heading() -> None:
    article = load("front_matter.md")
    assert outline(article.sections) == ["Night paths", "  The northern route",
                                         "What shippers did"]
    assert [block.text for block in article.blocks] == [
        "Freight operators lost night paths on three trunk routes when the new timetable started."]


def test_first_line_is_the_title_without_a_hash_heading_and_setext_headings_are_sections() -> None:
    article = load("no_heading.md")
    assert article.title == "Water meters and summer demand"
    assert article.standfirst.startswith("Households with meters used about 15% less")
    assert outline(article.sections) == ["Setext section", "  Second setext"]
    assert kinds(article.sections[0].sections[0]) == [
        ("paragraph", "Text of the second section.")]


def test_title_comes_from_the_file_name_when_the_text_opens_with_a_sentence() -> None:
    text = "Tariffs rose twice this year.\n\nMore text.\n"
    article = parse_markdown(text, "grid-tariffs_2025.md")
    assert article.title == "Grid tariffs 2025"
    assert article.standfirst == ""
    assert [block.text for block in article.blocks] == ["Tariffs rose twice this year.",
                                                        "More text."]


def test_a_long_paragraph_after_the_title_is_text_not_a_standfirst() -> None:
    long_paragraph = "word " * 80
    article = parse_markdown(f"# Title\n\n{long_paragraph}\n\n## Next\n\nBody.\n", "a.md")
    assert article.standfirst == ""
    assert article.blocks[0].text == long_paragraph.strip()


def test_a_kicker_above_the_title_stays_in_the_lead() -> None:
    article = parse_markdown("Analysis\n\n# The real title\n\nShort summary.\n\nBody text.\n", "")
    assert article.title == "The real title"
    assert article.standfirst == "Short summary."
    assert [block.text for block in article.blocks] == ["Analysis", "Body text."]


def test_repeated_heading_numbers_are_renumbered_in_order() -> None:
    text = "# T\n\n## 1. Alpha\n\nA.\n\n## 1. Beta\n\nB.\n\n## 1. Gamma\n\nC.\n"
    assert outline(parse_markdown(text, "").sections) == ["1. Alpha", "2. Beta", "3. Gamma"]


def test_skipped_levels_nest_one_step_and_heading_markup_is_removed() -> None:
    text = ("# T\n\n## **Bold** part ##\n\n#### A `deep` [link](https://x.example) {#anchor}\n\n"
            "x\n\n## 2.3 Dotted Number\n")
    article = parse_markdown(text, "")
    assert outline(article.sections) == ["Bold part", "  A deep link", "3. Dotted Number"]


def test_inline_markup_stays_markdown_in_block_text() -> None:
    text = "# T\n\nIntro.\n\nSee **this** and [that](https://x.example) and `code`.\n"
    article = parse_markdown(text, "")
    assert article.blocks[-1].text == "See **this** and [that](https://x.example) and `code`."


def test_a_number_that_is_not_one_does_not_start_a_list_inside_a_paragraph() -> None:
    article = parse_markdown("# T\n\nx\n\nBudgets were cut in\n2024. The year after, more.\n", "")
    assert [(b.kind, b.text) for b in article.blocks] == [
        (BlockKind.PARAGRAPH, "Budgets were cut in 2024. The year after, more.")]


def test_a_bullet_right_after_a_paragraph_starts_a_list() -> None:
    article = parse_markdown("# T\n\nx\n\nThree options:\n- one\n- two\n", "")
    assert [block.kind for block in article.blocks] == [
        BlockKind.PARAGRAPH, BlockKind.BULLET, BlockKind.BULLET]


def test_quote_paragraphs_and_quoted_list_items_are_separate_quotes() -> None:
    article = parse_markdown("# T\n\nx\n\n> first\n>\n> second\n> - item\n>> nested\n", "")
    assert [(b.kind, b.text) for b in article.blocks] == [
        (BlockKind.QUOTE, "first"), (BlockKind.QUOTE, "second"), (BlockKind.QUOTE, "item nested")]


def test_fenced_code_is_one_paragraph_and_hashes_inside_are_not_headings() -> None:
    article = parse_markdown("# T\n\nx\n\n```\n# not a heading\nvalue = 1\n```\n", "")
    assert article.sections == []
    assert article.blocks[-1].text == "# not a heading\nvalue = 1"


def test_table_rows_become_paragraphs_without_the_rule_row() -> None:
    article = parse_markdown("# T\n\nx\n\n| Year | Cost |\n|---|:--:|\n| 2024 | 3 |\n", "")
    assert [block.text for block in article.blocks] == ["Year | Cost", "2024 | 3"]


def test_images_comments_and_link_definitions_are_discarded_with_their_lines() -> None:
    text = "# T\n\nx\n\n![chart](c.png)\n\n<!-- draft\nnote -->\n\n[ref]: https://x.example\n"
    article = parse_markdown(text, "")
    assert [(d.reason, d.line) for d in article.discarded] == [
        ("image", 5), ("HTML comment", 7), ("link reference definition", 10)]
    assert [block.text for block in article.blocks] == ["x"]


def test_front_matter_that_is_not_yaml_is_discarded_not_fatal() -> None:
    article = parse_markdown("---\ntitle: [unclosed\n---\n# Heading title\n\nText.\n", "")
    assert article.title == "Heading title"
    assert article.discarded[0].reason == "front matter that is not valid YAML"
    assert article.discarded[0].line == 1


def test_rules_between_text_are_not_front_matter() -> None:
    article = parse_markdown("---\nJust a line.\n\n---\n\n# Title\n\nBody here.\n", "")
    assert article.title == "Title"
    assert [block.text for block in article.blocks] == ["Just a line.", "Body here."]


def test_front_matter_date_written_out_becomes_an_iso_date() -> None:
    article = parse_markdown("---\ndate: 3 March 2025\n---\n# T\n", "")
    assert article.date == "2025-03-03"


def test_front_matter_date_with_a_time_keeps_the_date() -> None:
    article = parse_markdown("---\ndate: 2025-01-31 10:00:00\nauthor: {name: Ola Berg}\n---\n"
                             "# T\n", "")
    assert (article.date, article.author) == ("2025-01-31", "Ola Berg")


def test_plain_inline_keeps_underscores_inside_words() -> None:
    assert plain_inline("_snake_case_ and *stars* \\# escaped") == "snake_case and stars # escaped"


def test_windows_line_ends_are_read_like_unix_ones() -> None:
    unix = parse_markdown("# T\n\nLead.\n\n## A\n\n- x\n", "")
    windows = parse_markdown("# T\r\n\r\nLead.\r\n\r\n## A\r\n\r\n- x\r\n", "")
    assert windows == unix


MARKDOWNISH = st.text(alphabet=st.sampled_from(list("#>-*+_`|=~!.)[]():{}1290 \t\naAzZ\u00e9\r")),
                      max_size=400)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), MARKDOWNISH))
def test_parse_markdown_never_raises_and_gives_a_titled_article(text: str) -> None:
    article = parse_markdown(text, "notes.md")
    assert article.title
    for section in article.walk():
        assert section.heading
        assert all(block.text for block in section.blocks)


@pytest.mark.parametrize("byline", ["By Rosa Lind | 12 May 2025", "*By Rosa Lind, 12 May 2025*",
                                    "_By Rosa Lind_\n\n12 May 2025"])
def test_a_byline_under_the_title_gives_author_and_date(byline: str) -> None:
    article = parse_markdown(f"# Canal Dredging Plan\n\n{byline}\n\nThe canal trust will dredge "
                             "the upper reach this summer.\n\n## Costs\n\nMost of it is "
                             "paid by the port.\n")
    assert (article.author, article.date) == ("Rosa Lind", "2025-05-12")
    assert article.standfirst == "The canal trust will dredge the upper reach this summer."
    assert {item.reason for item in article.discarded} <= {"byline", "date line"}
    assert len(article.discarded) == byline.count("\n\n") + 1


def test_a_web_clippers_front_matter_gives_the_address_and_the_authors_name() -> None:
    article = parse_markdown('---\ntitle: "Canal Dredging Plan"\nsource: '
                             "https://news.example.org/canal\nauthor:\n"
                             '  - "[[Rosa Lind]]"\n  - "[[people/ok|Olu Kane]]"\n'
                             "published: 2025-05-12\ntags:\n  - clippings\n---\n"
                             "# Canal Dredging Plan\n\nThe trust will dredge the upper reach.\n")
    assert article.url == "https://news.example.org/canal"
    assert article.publisher == ""
    assert article.author == "Rosa Lind, Olu Kane"
    assert article.date == "2025-05-12"


def test_a_source_that_names_a_publication_stays_the_publisher() -> None:
    article = parse_markdown("---\ntitle: Canal Dredging Plan\nsource: Canal Weekly\n---\n"
                             "The trust will dredge the upper reach this summer.\n")
    assert (article.publisher, article.url) == ("Canal Weekly", "")
