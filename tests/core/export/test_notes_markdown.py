"""Markdown notes become typed blocks with inline runs; raw HTML and unsafe links stay text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.export.document import BlockType, DocBlock, Run, is_safe_url
from briefing.core.export.notes_markdown import parse_inline, parse_note


def kinds(blocks: list[DocBlock]) -> list[tuple[str, int]]:
    return [(block.kind.value, block.level) for block in blocks]


def test_inline_formatting_becomes_runs() -> None:
    runs = parse_inline("Plain **bold** *italic* `a < b` ***both***")
    assert runs == [Run("Plain "), Run("bold", bold=True), Run(" "), Run("italic", italic=True),
                    Run(" "), Run("a < b", code=True), Run(" "),
                    Run("both", bold=True, italic=True)]


def test_underscore_emphasis_inside_words_is_left_alone() -> None:
    assert parse_inline("file_name_here and _this_") == [
        Run("file_name_here and "), Run("this", italic=True)]


@pytest.mark.parametrize("url", ["https://example.org/a?x=1&y=2", "http://example.org",
                                 "mailto:desk@example.org"])
def test_safe_links_become_links(url: str) -> None:
    runs = parse_inline(f"See [the page]({url}) now")
    assert runs == [Run("See "), Run("the page", url=url), Run(" now")]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", "file:///etc/passwd",
                                 "data:text/html,hi", "vbscript:x", "relative/page.html"])
def test_other_link_schemes_become_plain_text(url: str) -> None:
    runs = parse_inline(f"See [the page]({url}) now")
    assert runs == [Run("See the page now")]


def test_autolinks_are_links() -> None:
    assert parse_inline("<https://example.org/x>") == [
        Run("https://example.org/x", url="https://example.org/x")]


def test_bare_web_addresses_become_links_without_the_sentence_punctuation() -> None:
    runs = parse_inline("See https://example.org/a?b=1&c=2. Also (https://example.org/wiki/"
                        "Cost_(defence)), **https://example.net/x**, `https://example.com/c`")
    assert [(run.text, run.url) for run in runs if run.url] == [
        ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"),
        ("https://example.org/wiki/Cost_(defence)", "https://example.org/wiki/Cost_(defence)"),
        ("https://example.net/x", "https://example.net/x")]
    assert runs[-1] == Run("https://example.com/c", code=True)
    assert "".join(run.text for run in runs).startswith("See https://example.org/a?b=1&c=2. ")
    assert parse_inline("ftp://example.org and http:// alone") == [
        Run("ftp://example.org and http:// alone")]


def test_link_text_keeps_its_formatting() -> None:
    runs = parse_inline("[**Strong** link](https://example.org)")
    assert runs == [Run("Strong", bold=True, url="https://example.org"),
                    Run(" link", url="https://example.org")]


def test_raw_html_is_shown_as_text() -> None:
    blocks = parse_note("Hello <b>there</b> <script>alert('x')</script>\n\n<div>block</div>\n\n"
                        "AT&T &amp; co")
    assert [b.text() for b in blocks] == [
        "Hello <b>there</b> <script>alert('x')</script>", "<div>block</div>", "AT&T &amp; co"]
    assert all(not run.bold for b in blocks for run in b.runs)


def test_html_comment_is_text_too() -> None:
    assert parse_note("<!-- hidden -->")[0].text() == "<!-- hidden -->"


def test_control_characters_are_removed() -> None:
    blocks = parse_note("Bell\x07 **bo\x00ld**\x1b text\x02\x03 end\x0b")
    assert blocks[0].runs == [Run("Bell "), Run("bold", bold=True), Run(" text end")]


def test_headings_are_demoted_below_the_section() -> None:
    blocks = parse_note("# One\n\n## Two\n\n###### Six", base_level=2)
    assert kinds(blocks) == [("heading", 3), ("heading", 4), ("heading", 6)]
    assert [b.text() for b in blocks] == ["One", "Two", "Six"]


def test_bullet_and_numbered_lists_with_nesting() -> None:
    note = ("- top one\n"
            "    1. inner numbered\n"
            "    2. inner second\n"
            "        - deepest\n"
            "- top two\n"
            "\n"
            "Between.\n"
            "\n"
            "1. other list\n")
    blocks = parse_note(note)
    assert kinds(blocks) == [("bullet", 0), ("numbered", 1), ("numbered", 1), ("bullet", 2),
                             ("bullet", 0), ("paragraph", 0), ("numbered", 0)]
    assert [b.text() for b in blocks] == ["top one", "inner numbered", "inner second", "deepest",
                                          "top two", "Between.", "other list"]
    first, second = {b.list_id for b in blocks[:5]}, blocks[6].list_id
    assert first == {1} and second == 2


def test_numbered_and_bullet_lists_next_to_each_other_stay_apart() -> None:
    blocks = parse_note("1. one\n2. two\n\n- dot\n")
    assert kinds(blocks) == [("numbered", 0), ("numbered", 0), ("bullet", 0)]
    assert blocks[0].list_id == blocks[1].list_id != blocks[2].list_id


def test_loose_list_item_paragraphs_join_with_a_line_break() -> None:
    blocks = parse_note("- first para\n\n    second para\n\n- next\n")
    assert blocks[0].runs == [Run("first para"), Run("\n"), Run("second para")]
    assert blocks[1].text() == "next"


def test_list_straight_under_its_lead_in_line_is_a_list() -> None:
    blocks = parse_note("Three risks:\n- cost overruns\n- **delay**\nThat is all.")
    assert kinds(blocks) == [("paragraph", 0), ("bullet", 0), ("bullet", 0)]
    assert [b.text() for b in blocks] == ["Three risks:", "cost overruns",
                                          "delay\nThat is all."]
    assert blocks[2].runs[0] == Run("delay", bold=True)


def test_lists_nest_by_two_or_three_spaces() -> None:
    blocks = parse_note("- top\n  - two spaces\n    - four\n- back\n\n"
                        "1. first\n   - three spaces under a number\n2. second\n")
    assert kinds(blocks) == [("bullet", 0), ("bullet", 1), ("bullet", 2), ("bullet", 0),
                             ("numbered", 0), ("bullet", 1), ("numbered", 0)]
    assert blocks[1].text() == "two spaces" and blocks[5].text() == "three spaces under a number"


def test_bullets_then_numbers_without_a_blank_line_are_two_lists() -> None:
    blocks = parse_note("- dot\n- dot two\n1. one\n2. two")
    assert kinds(blocks) == [("bullet", 0), ("bullet", 0), ("numbered", 0), ("numbered", 0)]
    assert blocks[0].list_id == blocks[1].list_id != blocks[2].list_id == blocks[3].list_id


def test_number_other_than_one_does_not_break_a_paragraph() -> None:
    blocks = parse_note("Spending peaked in\n2024. Then it fell.")
    assert kinds(blocks) == [("paragraph", 0)]
    assert blocks[0].text() == "Spending peaked in\n2024. Then it fell."


def test_code_is_never_taken_for_a_list() -> None:
    blocks = parse_note("Before.\n\n    - indented code\n      - stays\n\n"
                        "```\n- fenced\n  - too\n```\n")
    assert kinds(blocks) == [("paragraph", 0), ("code", 0), ("code", 0)]
    assert blocks[1].text() == "- indented code\n  - stays"
    assert blocks[2].text() == "- fenced\n  - too"


def test_item_paragraphs_indented_by_two_spaces_stay_in_their_item() -> None:
    blocks = parse_note("- a\n  - b\n\n    more of b\n  - b2\n- c\n\n  more of c\n- d")
    assert kinds(blocks) == [("bullet", 0), ("bullet", 1), ("bullet", 1), ("bullet", 0),
                             ("bullet", 0)]
    assert [b.text() for b in blocks] == ["a", "b\nmore of b", "b2", "c\nmore of c", "d"]


@st.composite
def _typed_lists(draw: st.DrawFn) -> tuple[str, list[tuple[str, int]]]:
    """A note's nested list as an analyst types it: some indent per level, any markers."""
    unit = draw(st.sampled_from([2, 3, 4]))
    depths = [0]
    for _ in range(draw(st.integers(0, 8))):
        depths.append(draw(st.integers(0, min(depths[-1] + 1, 3))))
    lead = draw(st.sampled_from(["", "Lead-in line:\n", "Lead-in.\n\n"]))
    lines: list[str] = []
    expected: list[tuple[str, int]] = []
    top = draw(st.sampled_from(["-", "*", "1."]))
    for index, depth in enumerate(depths):
        marker = top if depth == 0 else draw(st.sampled_from(["-", "+", "1."]))
        # Siblings keep their list's kind, as Python-Markdown (sane_lists) reads them.
        for previous, previous_depth in zip(reversed(lines), reversed(depths[:index]),
                                            strict=False):
            if previous_depth < depth:
                break
            if previous_depth == depth:
                marker = previous.split()[0]
                break
        lines.append(" " * (unit * depth) + f"{marker} item {index}")
        expected.append(("numbered" if marker == "1." else "bullet", depth))
    return lead + "\n".join(lines), expected


@settings(max_examples=150, deadline=None)
@given(_typed_lists())
def test_typed_nested_lists_keep_their_levels(case: tuple[str, list[tuple[str, int]]]) -> None:
    note, expected = case
    items = [b for b in parse_note(note) if b.kind is not BlockType.PARAGRAPH]
    assert kinds(items) == expected
    assert [b.text() for b in items] == [f"item {index}" for index in range(len(expected))]


def test_block_quotes_keep_their_depth() -> None:
    blocks = parse_note("> outer **strong**\n>\n> > inner\n\nafter")
    assert kinds(blocks) == [("quote", 0), ("quote", 1), ("paragraph", 0)]
    assert blocks[0].runs[1] == Run("strong", bold=True)


def test_line_breaks_typed_in_the_note_are_kept() -> None:
    blocks = parse_note("line one\nline two  \nline three")
    assert blocks[0].runs == [Run("line one"), Run("\n"), Run("line two"), Run("\n"),
                              Run("line three")]


def test_code_block_keeps_lines_and_angle_brackets() -> None:
    blocks = parse_note("Text:\n\n    if a < b && c:\n        go()\n")
    code = blocks[1]
    assert code.kind is BlockType.CODE
    assert code.runs == [Run("if a < b && c:", code=True), Run("\n"),
                         Run("    go()", code=True)]


def test_fenced_code_block_keeps_its_text() -> None:
    blocks = parse_note("Before.\n\n```python\nif a < b & c:\n    print(\"x\")\n```\n\nAfter.")
    assert [b.kind for b in blocks] == [BlockType.PARAGRAPH, BlockType.CODE, BlockType.PARAGRAPH]
    assert blocks[1].runs == [Run("if a < b & c:", code=True), Run("\n"),
                              Run('    print("x")', code=True)]


def test_images_become_their_alt_text() -> None:
    assert parse_inline("![a map](https://example.org/map.png)") == [Run("a map")]


def test_backslash_escapes_are_honoured() -> None:
    assert parse_inline(r"\*not italic\* \<b\>") == [Run("*not italic* <b>")]


def test_blank_note_has_no_blocks() -> None:
    assert parse_note("") == []
    assert parse_note("  \n\n\t") == []
    assert parse_note("---") == []


_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _all_runs(blocks: list[DocBlock]) -> list[Run]:
    return [run for block in blocks for run in block.runs]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab *_`#->[]()<>!\\&\n\t1.:/\x00\x07")) |
               st.characters(), max_size=200),
       st.integers(min_value=0, max_value=3))
def test_any_note_parses_to_clean_safe_blocks(text: str, base_level: int) -> None:
    blocks = parse_note(text, base_level)
    for run in _all_runs(blocks):
        assert not _ILLEGAL.search(run.text)
        assert run.text
        assert run.url is None or is_safe_url(run.url)
    for block in blocks:
        assert 0 <= block.level <= 6
        if block.kind is BlockType.HEADING:
            assert block.level > base_level


def test_a_note_nested_past_the_limit_keeps_its_text_as_plain_paragraphs() -> None:
    deep_quote = "> " * 3000 + "the innermost remark"
    deep_list = "".join("  " * level + f"- level {level}\n" for level in range(400))
    for note in (deep_quote, deep_list):
        blocks = parse_note(note + "\n\nA closing line.")
        text = " ".join(run.text for block in blocks for run in block.runs)
        assert "A closing line." in text
        assert ("the innermost remark" in text) or ("level 399" in text)
    # The parser is still sound afterwards: the next note is read as Markdown again.
    after = parse_note("Plain **bold** text")
    assert [run.text for run in after[0].runs] == ["Plain ", "bold", " text"]
    assert after[0].runs[1].bold


def test_a_note_parsed_again_gives_blocks_its_caller_may_change() -> None:
    note = "Intro with **bold**.\n\n- first point\n    - inner point\n\n> a quoted line"
    first = parse_note(note)
    expected = [(block.kind, [run.text for run in block.runs], len(block.children))
                for block in first]
    first[0].runs.clear()
    first[0].part = "changed"
    for block in first:
        block.children.clear()
        block.list_id = 99
    again = parse_note(note)
    assert [(block.kind, [run.text for run in block.runs], len(block.children))
            for block in again] == expected
    assert again[0].part == "" and all(block.list_id != 99 for block in again)
