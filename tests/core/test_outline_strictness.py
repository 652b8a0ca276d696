"""The outline reader refuses what docs/outline-format.md forbids, naming file, line and path.

One case per rule of the contract, and the document's own example, which must load.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from briefing.core import yaml_io
from briefing.core.errors import OutlineFormatError
from briefing.core.outline_file import FORMAT, check_outline_file, loads_outline

DOC = Path(__file__).resolve().parents[2] / "docs" / "outline-format.md"
HEAD = f"format: {FORMAT}\narticles:\n- title: A\n"


def _error(text: str) -> str:
    with pytest.raises(OutlineFormatError) as info:
        loads_outline(text, "plan.yaml", warn=pytest.fail)
    return str(info.value)


def test_the_example_in_the_format_document_loads_as_described() -> None:
    [example] = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    outline = loads_outline(example, "outline-format.md", warn=pytest.fail)
    [article] = outline.articles
    [section] = article.sections
    assert (section.id, section.number, section.picked, section.tags) == ("s1", 1, True,
                                                                          ["cohesion"])
    assert section.blocks[0].text.splitlines()[1] == "It is also the easiest thing to lose."
    assert article.discarded[0].line == 88
    excerpt, lead = article.excerpts
    assert (excerpt.id, excerpt.anchor.block, excerpt.anchor.offset) == ("e1", 0, 36)
    assert excerpt.anchor.quote == "It is also the easiest thing to lose." and not excerpt.orphaned
    assert excerpt.note == "Quote this line in the summary." and excerpt.tags == ["cohesion"]
    assert lead.in_lead and not lead.orphaned
    assert article.blocks[0].text[lead.anchor.offset:].startswith(lead.anchor.quote)
    assert outline.briefing.order == ["e1", "s1", "e2"]
    assert [item.id for _, item in outline.entries_in_order()] == ["e1", "s1", "e2"]


@pytest.mark.parametrize(("snippet", "place", "problem"), [
    # A required key set to null.
    ("- title:\n", "line 3: articles[0].title", "'title' is empty (null), but an article needs it"),
    ("- title: A\n  sections:\n  - {id: ~, heading: H}\n", "line 5: articles[0].sections[0].id",
     "'id' is empty (null), but a section needs it"),
    ("- title: A\n  sections:\n  - id: s1\n    heading: null\n",
     "line 6: articles[0].sections[0].heading", "'heading' is empty (null), but a section"),
    ("- title: A\n  blocks:\n  - kind: bullet\n    text:\n", "line 6: articles[0].blocks[0].text",
     "'text' is empty (null), but a block needs it"),
    ("- title: A\n  discarded:\n  - {text: x, reason: }\n",
     "line 5: articles[0].discarded[0].reason", "'reason' is empty (null), but a discarded"),
    # Numbers that count from 1.
    ("- title: A\n  discarded:\n  - {text: x, reason: y, line: 0}\n",
     "line 5: articles[0].discarded[0].line", "line numbers count from 1, found 0"),
    ("- title: A\n  sections:\n  - {id: s1, heading: H, number: 0}\n",
     "line 5: articles[0].sections[0].number", "section numbers count from 1, found 0"),
    ("- title: A\n  sections:\n  - {id: s1, heading: H, number: -3}\n",
     "line 5: articles[0].sections[0].number", "section numbers count from 1, found -3"),
])
def test_a_rule_of_the_contract_broken_is_refused_with_its_place(snippet: str, place: str,
                                                                 problem: str) -> None:
    message = _error(f"format: {FORMAT}\narticles:\n{snippet}")
    assert message.startswith(f"plan.yaml: {place}: {problem}")


def test_sections_read_the_same_written_plainly_or_in_the_less_usual_forms() -> None:
    """Plain sections are read on a quicker path than the rest: both give the same sections."""
    plain = ("  sections:\n  - {id: s1, heading: H, number: 2, picked: true, note: N}\n"
             "  - {id: s2, heading: I}\n")
    unusual = ("  sections:\n  - {id: s1, heading: H, number: 2, picked: true, note: N, tags: []}\n"
               "  - {id: s2, heading: I, picked: ~, note: ~, number: ~}\n")
    read = [loads_outline(HEAD + text, "plan.yaml", warn=pytest.fail).articles[0].sections
            for text in (plain, unusual)]
    assert read[0] == read[1]
    assert [(s.id, s.number, s.picked, s.note) for s in read[0]] == [("s1", 2, True, "N"),
                                                                    ("s2", None, False, "")]


def test_a_section_id_used_twice_is_refused_however_plain_the_sections() -> None:
    message = _error(HEAD + "  sections:\n  - {id: s1, heading: H}\n  - {id: s1, heading: I}\n")
    assert message.startswith("plan.yaml: line 6: articles[0].sections[1].id: section id 's1' "
                              "is used twice")


def test_a_null_title_says_how_to_write_an_empty_one() -> None:
    assert _error(f"format: {FORMAT}\narticles:\n- title: ~\n").endswith(
        "Write its text after 'title:' (write '' for none)")
    assert loads_outline(f"format: {FORMAT}\narticles:\n- title: ''\n").articles[0].title == ""


def test_a_section_listed_twice_in_the_order_names_both_places() -> None:
    text = (HEAD + "  sections:\n  - {id: s1, heading: H, picked: true}\n"
            "briefing:\n  order:\n  - s1\n  - s1\n")
    assert _error(text) == (
        "plan.yaml: line 9: briefing.order[1]: section id 's1' is listed twice; it is already "
        "used at line 8: briefing.order[0]. List each section and excerpt once, where the note "
        "should present it")


def test_an_excerpt_listed_twice_in_the_order_is_called_an_excerpt() -> None:
    text = (HEAD + "  sections:\n  - {id: s1, heading: H, blocks: [{kind: paragraph, text: Hi.}]}"
            "\n  excerpts:\n  - {id: e1, section: s1, block: 0, offset: 0, quote: Hi.}\n"
            "briefing:\n  order: [e1, s1, e1]\n")
    assert "briefing.order[2]: excerpt id 'e1' is listed twice" in _error(text)


def test_a_key_written_twice_names_both_lines() -> None:
    text = HEAD + "  sections:\n  - id: s1\n    heading: H\n    note: mine\n    note: theirs\n"
    assert _error(text) == (
        "plan.yaml: line 8: articles[0].sections[0].note: the key 'note' is written twice in "
        "one mapping, on line 7 and on line 8. Keep one of the two (YAML would silently drop "
        "the first)")


def test_a_key_written_twice_on_one_line_is_refused() -> None:
    message = _error(f"format: {FORMAT}\narticles: [{{title: a, title: b}}]\n")
    assert message.startswith("plan.yaml: line 2: articles[0].title: the key 'title' is "
                              "written twice in one mapping, both on line 2")


def test_keys_that_read_as_the_same_value_are_a_repeated_key() -> None:
    message = _error(f"format: {FORMAT}\narticles: []\n1: a\n01: b\n")
    assert "the key '01' is written twice in one mapping, on line 3 and on line 4" in message


def test_a_repeated_key_is_found_beside_an_anchor_too() -> None:
    text = f"format: {FORMAT}\ntitle: Q &A\narticles: []\ntitle: again\n"
    assert "the key 'title' is written twice in one mapping, on line 2 and on line 4" in (
        _error(text))


def test_a_merge_key_is_refused_with_its_place() -> None:
    text = f"format: {FORMAT}\narticles:\n- &base\n  title: A\n- <<: *base\n  author: B\n"
    assert _error(text) == (
        "plan.yaml: line 5: articles[1].<<: uses a YAML merge key ('<<'), which Briefing does "
        "not read. Write the keys out in full where they are needed")


@pytest.mark.parametrize(("value", "tag"), [("!!str 1984", "'!!str'"), ("! plain", "'!'"),
                                            ("!mine x", "'!mine'"), ("!!set {a, b}", "'!!set'")])
def test_yaml_tags_are_refused_even_harmless_ones(value: str, tag: str) -> None:
    assert _error(f"format: {FORMAT}\ntitle: {value}\n").startswith(
        f"plan.yaml: line 2, column 8: holds the YAML tag {tag}, which Briefing does not read")


def test_quoting_is_the_way_to_keep_a_number_as_text() -> None:
    assert loads_outline(f"format: {FORMAT}\ntitle: '1984'\n").title == "1984"


def test_the_pure_python_parser_refuses_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_io, "SAFE_LOADER", yaml.SafeLoader)
    assert "on line 2 and on line 3" in _error(f"format: {FORMAT}\nt: 1\nt: 2\nt: 3\n")
    assert "merge key" in _error(f"format: {FORMAT}\nm: &m {{a: 1}}\nn: {{<<: *m}}\n")
    assert "the YAML tag '!!int'" in _error(f"format: {FORMAT}\ntitle: !!int 3\n")


def test_validate_lists_each_broken_rule(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(HEAD + "  sections:\n  - {id: s1, heading: H, number: 0, picked: true}\n"
                    "  - {id: s2, heading: ~}\n  discarded:\n  - {text: x, reason: y, line: 0}\n"
                    "briefing:\n  order: [s1, s1]\n", encoding="utf-8")
    check = check_outline_file(path)
    assert check.outline is None
    assert [error.split(": ", 3)[2] for error in check.errors] == [
        "articles[0].sections[0].number", "articles[0].sections[1].heading",
        "articles[0].discarded[0].line", "briefing.order[1]"]
    assert all(error.startswith(f"{path}: line ") for error in check.errors)


def test_an_article_numbering_from_0_imports_saves_and_reads_back(tmp_path: Path) -> None:
    from briefing.core.importers import import_article
    from briefing.core.model import Outline
    from briefing.core.outline_file import load_outline, save_outline

    source = tmp_path / "zero.md"
    source.write_text("# Counting from nought\n\n## 0. Preface\n\nA word first.\n\n"
                      "## 1. Main part\n\nThe body.\n", encoding="utf-8")
    outline = Outline()
    outline.add_article(import_article(source, None, warn=lambda _message: None))
    save_outline(outline, tmp_path / "zero.yaml")
    loaded = load_outline(tmp_path / "zero.yaml", warn=pytest.fail)
    assert [(s.number, s.heading) for s in loaded.articles[0].sections] == [
        (None, "0. Preface"), (1, "Main part")]
