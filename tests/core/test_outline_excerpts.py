"""Outline format versions 2 and 3: excerpts stored, read back, checked; older files still load."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefing.core.errors import OutlineFormatError
from briefing.core.model import Excerpt, Outline
from briefing.core.outline_file import (
    FORMAT,
    check_outline_file,
    dumps_outline,
    load_outline,
    loads_outline,
    save_outline,
)

FIXTURES = Path(__file__).parent / "fixtures" / "outlines"
EXCERPTS = FIXTURES / "excerpts-v2.yaml"
"""The version 2 fixture with excerpts (format-v2.yaml has the other keys version 2 added)."""
LEAD_EXCERPT = FIXTURES / "format-v3.yaml"
"""The version 3 fixture: the version 2 excerpts and one in the article's lead."""

_HEAD = """format: briefing-outline/2
articles:
- title: Harbour works
  sections:
  - id: s1
    heading: The plan
    blocks:
    - kind: paragraph
      text: The council met on Monday. It approved the new quay.
  excerpts:
  - id: e1
"""


def _error(text: str) -> str:
    with pytest.raises(OutlineFormatError) as info:
        loads_outline(text, "plan.yaml", warn=pytest.fail)
    return str(info.value)


def test_version_1_file_loads_and_saves_as_version_3(tmp_path: Path) -> None:
    outline = load_outline(FIXTURES / "format-v1.yaml", warn=pytest.fail)
    assert all(not article.excerpts for article in outline.articles)
    path = tmp_path / "plan.yaml"
    save_outline(outline, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"format: {FORMAT}\n") and FORMAT == "briefing-outline/3"
    assert load_outline(path, warn=pytest.fail) == outline


def test_version_2_fixture_reads_excerpts_with_anchor_note_tags_and_order() -> None:
    outline = load_outline(EXCERPTS, warn=pytest.fail)
    first, second = outline.articles[0].excerpts
    assert first.id == "e1" and first.anchor.section_id == "s1"
    assert first.anchor.quote.endswith("Eastern members want more troops on the border.")
    assert first.note == "Both halves of the **unity** point." and first.tags == ["cohesion"]
    assert (second.anchor.block, second.anchor.offset, second.anchor.quote) == (
        0, 22, "now a floor")
    assert not first.orphaned and not second.orphaned
    assert outline.briefing.order == ["s2", "e1", "s1", "e2"]
    assert [item.id for _, item in outline.entries_in_order()] == ["s2", "e1", "s1", "e2"]


def test_version_3_fixture_reads_an_excerpt_of_the_lead_without_a_section() -> None:
    outline = load_outline(LEAD_EXCERPT, warn=pytest.fail)
    article = outline.articles[0]
    lead = article.excerpts[0]
    assert lead.in_lead and not lead.orphaned
    assert (lead.anchor.block, lead.anchor.offset) == (1, 20)
    assert article.blocks[1].text[20:].startswith(lead.anchor.quote)
    assert lead.note.startswith("The lead says") and lead.tags == ["framing"]
    assert [item.id for _, item in outline.entries_in_order()] == ["s2", "e3", "e1", "s1", "e2"]


def test_version_3_round_trip_writes_no_section_for_a_lead_excerpt(tmp_path: Path) -> None:
    outline = load_outline(LEAD_EXCERPT, warn=pytest.fail)
    path = tmp_path / "again.yaml"
    save_outline(outline, path)
    assert path.read_text(encoding="utf-8") == LEAD_EXCERPT.read_text(encoding="utf-8")
    assert load_outline(path, warn=pytest.fail) == outline
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "section" not in data["articles"][0]["excerpts"][0]


def test_a_version_2_excerpt_without_its_section_is_still_an_error() -> None:
    message = _error(_HEAD + "    block: 0\n    offset: 0\n    quote: The council\n")
    assert "articles[0].excerpts[0]" in message and "'section'" in message


def test_a_version_3_excerpt_without_a_section_is_in_the_lead() -> None:
    text = _HEAD.replace("briefing-outline/2", "briefing-outline/3").replace(
        "  sections:", "  blocks:\n  - kind: paragraph\n    text: Ahead of it all.\n  sections:")
    outline = loads_outline(text + "    block: 0\n    offset: 9\n    quote: of it\n",
                            warn=pytest.fail)
    excerpt = outline.articles[0].excerpts[0]
    assert excerpt.in_lead and not excerpt.orphaned


def test_save_load_round_trip_keeps_every_excerpt_and_note(tmp_path: Path) -> None:
    outline = load_outline(EXCERPTS, warn=pytest.fail)
    path = tmp_path / "again.yaml"
    save_outline(outline, path)
    again = load_outline(path, warn=pytest.fail)
    assert again == outline
    assert path.read_text(encoding="utf-8") == dumps_outline(outline)
    assert EXCERPTS.read_text(encoding="utf-8").replace("briefing-outline/2", FORMAT, 1) \
        == dumps_outline(outline)


def test_excerpt_keys_are_written_in_contract_order() -> None:
    outline = load_outline(EXCERPTS, warn=pytest.fail)
    data = yaml.safe_load(dumps_outline(outline))
    assert list(data["articles"][0]["excerpts"][0]) == [
        "id", "section", "block", "offset", "quote", "before", "note", "tags"]


def test_an_orphaned_excerpt_loads_with_a_warning_and_is_kept(tmp_path: Path) -> None:
    text = _HEAD + "    section: s1\n    block: 0\n    offset: 0\n    quote: Gone words\n"
    warnings: list[str] = []
    outline = loads_outline(text, "plan.yaml", warn=warnings.append)
    (excerpt,) = outline.articles[0].excerpts
    assert excerpt.orphaned and excerpt.anchor.quote == "Gone words"
    assert warnings == ["plan.yaml: excerpt e1 of 'Harbour works': its text is no longer in "
                        "the article; it is kept and shown as orphaned"]
    path = tmp_path / "kept.yaml"
    save_outline(outline, path)
    assert "quote: Gone words" in path.read_text(encoding="utf-8")


def test_a_stale_position_is_corrected_on_load() -> None:
    text = _HEAD + "    section: s1\n    block: 3\n    offset: 9\n    quote: the new quay\n"
    (excerpt,) = loads_outline(text, warn=pytest.fail).articles[0].excerpts
    assert (excerpt.anchor.block, excerpt.anchor.offset) == (0, 39)
    assert excerpt.anchor.before == "The council met on Monday. It approved "


@pytest.mark.parametrize(("body", "expected"), [
    ("    block: 0\n    offset: 0\n    quote: x\n",
     "line 11: articles[0].excerpts[0]: an excerpt has no 'section' (a required key). "
     "Add a 'section:' line to it"),
    ("    section: s1\n    offset: 0\n    quote: x\n",
     "line 11: articles[0].excerpts[0]: an excerpt has no 'block' (a required key)"),
    ("    section: s1\n    block: -1\n    offset: 0\n    quote: x\n",
     "line 13: articles[0].excerpts[0].block: positions count from 0, found -1. "
     "Write a whole number from 0 up"),
    ("    section: s1\n    block: 0\n    offset: two\n    quote: x\n",
     "line 14: articles[0].excerpts[0].offset: expected a position, found text. "
     "Write a whole number from 0 up, such as 3"),
    ("    section: s1\n    block: 0\n    offset: 0\n    quote: ''\n",
     "line 15: articles[0].excerpts[0].quote: the excerpt's quote is empty. "
     "Write the quoted text, or remove the excerpt"),
    ("    section: s1\n    block: 0\n    offset: 0\n    quote: '  '\n",
     "line 15: articles[0].excerpts[0].quote: the excerpt's quote is empty"),
    ("    section: s1\n    block: 0\n    offset: 0\n    quote: x\n    tags: x\n",
     "line 16: articles[0].excerpts[0].tags: expected a list"),
])
def test_excerpt_problems_name_file_line_and_path(body: str, expected: str) -> None:
    message = _error(_HEAD + body)
    assert message.startswith("plan.yaml: ") and expected in message


def test_excerpts_read_the_same_written_plainly_or_in_the_less_usual_forms() -> None:
    """Plain excerpts are read on a quicker path than the rest: both give the same excerpt."""
    plain = "    section: s1\n    block: 0\n    offset: 27\n    quote: It approved\n    note: N\n"
    unusual = plain + "    before: ~\n    after: ~\n    tags: []\n"
    read = [loads_outline(_HEAD + text, warn=pytest.fail).articles[0].excerpts
            for text in (plain, unusual)]
    assert read[0] == read[1]
    [excerpt] = read[0]
    assert (excerpt.id, excerpt.note, excerpt.anchor.quote, excerpt.orphaned) == (
        "e1", "N", "It approved", False)


def test_an_excerpt_id_used_by_a_section_is_refused() -> None:
    text = _HEAD.replace("id: e1", "id: s1") + (
        "    section: s1\n    block: 0\n    offset: 0\n    quote: x\n")
    message = _error(text)
    assert "line 11: articles[0].excerpts[0].id: excerpt id 's1' is used twice; it is already " \
           "used at line 5: articles[0].sections[0].id" in message


def test_version_1_reports_excerpts_as_an_unknown_key() -> None:
    text = _HEAD.replace("briefing-outline/2", "briefing-outline/1") + (
        "    section: s1\n    block: 0\n    offset: 0\n    quote: x\n")
    warnings: list[str] = []
    outline = loads_outline(text, "plan.yaml", warn=warnings.append)
    assert not outline.articles[0].excerpts
    assert "line 10: articles[0]: unknown key 'excerpts' is ignored" in warnings[0]


def test_validate_lists_every_excerpt_problem_and_orphan(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(_HEAD + "    section: s1\n    block: 0\n    offset: 0\n    quote: Not here\n"
                    "  - id: e2\n    section: s1\n    block: x\n    offset: 0\n    quote: y\n",
                    encoding="utf-8")
    check = check_outline_file(path)
    assert len(check.errors) == 1 and "excerpts[1].block: expected a position" in check.errors[0]
    assert any("excerpt e1" in warning and "orphaned" in warning for warning in check.warnings)


def test_saving_refuses_two_excerpts_with_one_id(tmp_path: Path) -> None:
    outline = load_outline(EXCERPTS, warn=pytest.fail)
    excerpts = outline.articles[0].excerpts
    excerpts[1].id = excerpts[0].id
    with pytest.raises(OutlineFormatError, match="excerpt id 'e1' is empty or used twice"):
        save_outline(outline, tmp_path / "bad.yaml")
    assert not (tmp_path / "bad.yaml").exists()


def test_new_excerpt_ids_are_never_given_twice() -> None:
    outline = load_outline(EXCERPTS, warn=pytest.fail)
    assert outline.next_excerpt_id() == "e3"
    outline.articles[0].excerpts.pop()
    assert outline.next_excerpt_id() == "e4"


def test_order_keeps_excerpts_and_appends_unordered_ones() -> None:
    outline = load_outline(EXCERPTS, warn=pytest.fail)
    outline.briefing.order = ["e2"]
    assert [item.id for _, item in outline.entries_in_order()] == ["e2", "s1", "s2", "e1"]
    outline.sync_order()
    assert outline.briefing.order == ["e2", "s1", "s2", "e1"]
    assert isinstance(outline.entries_in_order()[0][1], Excerpt)
    assert Outline().entries_in_order() == []


def test_a_removed_excerpt_s_id_is_not_given_again_after_save_and_reopen(
        tmp_path: Path) -> None:
    outline = load_outline(EXCERPTS, warn=pytest.fail)
    assert outline.next_excerpt_id() == "e3"  # given out, then its excerpt removed (undo)
    outline.articles[0].excerpts.pop()  # e2 removed too
    outline.sync_order()
    path = tmp_path / "plan.yaml"
    save_outline(outline, path)
    text = path.read_text(encoding="utf-8")
    assert text.endswith("last_excerpt: 3\n")
    again = load_outline(path, warn=pytest.fail)
    assert again.next_excerpt_id() == "e4"


def test_last_excerpt_is_left_out_while_every_number_is_in_use(tmp_path: Path) -> None:
    outline = load_outline(EXCERPTS, warn=pytest.fail)
    assert "last_excerpt" not in dumps_outline(outline)
    outline.next_excerpt_id()
    outline.articles[0].excerpts.append(Excerpt("e3", outline.articles[0].excerpts[0].anchor))
    assert "last_excerpt" not in dumps_outline(outline)


@pytest.mark.parametrize(("value", "found"), [("-1", "a number (-1)"), ("three", "text")])
def test_a_bad_last_excerpt_names_the_line_and_what_to_write(value: str, found: str) -> None:
    text = _HEAD + ("    section: s1\n    block: 0\n    offset: 0\n    quote: x\n"
                    f"last_excerpt: {value}\n")
    message = _error(text)
    assert message.startswith("plan.yaml: line 16: last_excerpt: expected a whole number from "
                              f"0 up (the highest excerpt number given out), found {found}")
    assert message.endswith("Write a whole number such as 7, or remove the line")


def test_version_1_reports_last_excerpt_as_an_unknown_key() -> None:
    text = _HEAD.replace("briefing-outline/2", "briefing-outline/1").split("  excerpts:")[0]
    warnings: list[str] = []
    outline = loads_outline(text + "last_excerpt: 4\n", "plan.yaml", warn=warnings.append)
    assert outline.excerpt_ids_given == 0
    assert "unknown key 'last_excerpt' is ignored" in warnings[0]
