"""The outline file: format, versions, validation messages, safety and atomic saving."""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from briefing import __version__
from briefing.core import atomic, outline_file, yaml_io
from briefing.core.errors import OutlineFormatError
from briefing.core.model import (
    Article,
    Block,
    BlockKind,
    BriefingDetails,
    Discarded,
    Outline,
    Section,
)
from briefing.core.outline_file import (
    FORMAT,
    check_outline_file,
    dumps_outline,
    load_outline,
    loads_outline,
    save_outline,
    validate_outline_file,
)

FIXTURES = Path(__file__).parent / "fixtures" / "outlines"


def _outline() -> Outline:
    """A small outline with something in every field."""
    return Outline(
        title="Alliance outlook",
        articles=[Article(
            title="Three tests for the alliance", standfirst="Money, unity, time.",
            author="A. Writer", publisher="Example Review", date="2024-10-01",
            url="https://example.org/a", source_file="a.txt",
            blocks=[Block(BlockKind.PARAGRAPH, "A short lead.")],
            sections=[
                Section(id="s1", number=1, heading="Unity",
                        blocks=[Block(BlockKind.PARAGRAPH, "First line.\nSecond line.")],
                        sections=[Section(id="s3", heading="Votes", picked=True)],
                        picked=True, note="**Why:** it matters.\n", tags=["cohesion", "2024"]),
                Section(id="s2", number=2, heading="Money",
                        blocks=[Block(BlockKind.BULLET, "Two percent.")]),
            ],
            discarded=[Discarded("Subscribe now", "newsletter sign-up", 40)])],
        briefing=BriefingDetails(title="Outlook", to="Minister", from_="Policy Unit",
                                 date="2024-10-03", classification="OFFICIAL",
                                 order=["s3", "s1"]))


def _error(text: str, source: str = "plan.yaml") -> str:
    with pytest.raises(OutlineFormatError) as info:
        loads_outline(text, source, warn=pytest.fail)
    return str(info.value)


def _warnings(text: str, source: str = "plan.yaml") -> list[str]:
    warnings: list[str] = []
    loads_outline(text, source, warn=warnings.append)
    return warnings


@pytest.fixture
def pure_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use PyYAML's pure-Python safe loader and dumper, as when libyaml is missing."""
    monkeypatch.setattr(yaml_io, "SAFE_LOADER", yaml.SafeLoader)
    monkeypatch.setattr(yaml_io, "SAFE_DUMPER", yaml.SafeDumper)


# --- the format as written ---------------------------------------------------------------------

def test_writer_uses_contract_key_order_and_leaves_out_empty_values() -> None:
    text = dumps_outline(_outline())
    data = yaml.safe_load(text)
    assert list(data) == ["format", "title", "articles", "briefing"]
    article = data["articles"][0]
    assert list(article) == ["title", "standfirst", "author", "publisher", "date", "url",
                             "source_file", "blocks", "sections", "discarded"]
    assert list(article["sections"][0]) == ["id", "number", "heading", "blocks", "sections",
                                            "picked", "note", "tags"]
    assert list(article["sections"][0]["sections"][0]) == ["id", "heading", "picked"]
    assert list(article["sections"][1]) == ["id", "number", "heading", "blocks"]
    assert list(article["discarded"][0]) == ["text", "reason", "line"]
    assert list(data["briefing"]) == ["title", "to", "from", "date", "classification", "order"]
    assert "picked: false" not in text and "file_number" not in text


def test_writer_quotes_dates_and_text_that_looks_like_other_types() -> None:
    outline = Outline(articles=[Article(title="true", date="2024-10-01", sections=[
        Section(id="1", heading="null", tags=["yes", "1.5", ""])])])
    text = dumps_outline(outline)
    assert "date: '2024-10-01'" in text
    assert "title: 'true'" in text and "id: '1'" in text and "heading: 'null'" in text
    assert "tags: ['yes', '1.5', '']" not in text  # an empty tag forces one item a line
    assert loads_outline(text) == outline


def test_writer_puts_multiline_and_long_text_in_literal_blocks() -> None:
    long_text = "A sentence about readiness that runs on. " * 4
    outline = Outline(articles=[Article(title="T", blocks=[
        Block(BlockKind.PARAGRAPH, "one\ntwo"), Block(BlockKind.PARAGRAPH, long_text.strip()),
        Block(BlockKind.QUOTE, "ends with a newline\n")])])
    text = dumps_outline(outline)
    assert "text: |-\n      one\n      two\n" in text
    assert f"text: |-\n      {long_text.strip()}\n" in text
    assert "text: |\n      ends with a newline\n" in text


def test_writer_never_writes_tags_or_aliases_even_for_shared_objects() -> None:
    shared = [Block(BlockKind.PARAGRAPH, "Same block object twice")]
    tags = ["shared"]
    outline = Outline(articles=[Article(title="T", sections=[
        Section(id="s1", heading="A", blocks=shared, tags=tags),
        Section(id="s2", heading="B", blocks=shared, tags=tags)])])
    text = dumps_outline(outline)
    assert "!!" not in text and "&" not in text and "*" not in text
    assert loads_outline(text) == outline


def test_writer_accepts_block_kinds_given_as_plain_text() -> None:
    outline = Outline(articles=[Article(title="T", blocks=[Block("bullet", "x")])])  # type: ignore[arg-type]
    assert loads_outline(dumps_outline(outline)).articles[0].blocks == [
        Block(BlockKind.BULLET, "x")]


def test_writer_escapes_control_characters_in_double_quotes() -> None:
    outline = Outline(articles=[Article(title="bell\x07 tab\t nel\x85 cr\r end")])
    text = dumps_outline(outline)
    assert '"bell\\a tab\\t nel\\N cr\\r end"' in text
    assert loads_outline(text) == outline


def _as_current_format(fixture: Path) -> bytes:
    """A fixture's bytes as saving writes them: the current format line, the rest unchanged."""
    head, rest = fixture.read_bytes().split(b"\n", 1)
    assert head.startswith(b"format: briefing-outline/")
    return f"format: {FORMAT}\n".encode() + rest


def test_v1_fixture_loads_and_saves_as_v2_otherwise_byte_identical(tmp_path: Path) -> None:
    fixture = FIXTURES / "format-v1.yaml"
    outline = load_outline(fixture, warn=pytest.fail)
    assert [s.id for _, s in outline.walk()] == ["s1", "s2", "s3", "s4"]
    assert outline.briefing.order == ["s2", "s1"]
    assert outline.articles[0].sections[1].sections[0].blocks[1] == Block(
        BlockKind.NUMBERED, "Sign longer contracts.")
    assert outline.articles[0].discarded[0] == Discarded(
        "Subscribe to our weekly newsletter", "newsletter sign-up", 88)
    copy = tmp_path / "copy.yaml"
    save_outline(outline, copy)
    assert copy.read_bytes() == _as_current_format(fixture)


def test_v2_fixture_loads_the_note_fields_and_saves_as_v3_otherwise_identical(
        tmp_path: Path) -> None:
    fixture = FIXTURES / "format-v2.yaml"
    briefing = load_outline(fixture, warn=pytest.fail).briefing
    assert (briefing.action_required, briefing.approved_by, briefing.caveats) == (
        "decision", "D. Director", "UK EYES ONLY")
    assert (briefing.drafted_by_name, briefing.drafted_by_unit, briefing.drafted_by_contact) == (
        "R. Analyst", "Policy Unit", "r.analyst@example.org")
    assert briefing.second_title == "La nouvelle direction de l'Alliance"
    copy = tmp_path / "copy.yaml"
    save_outline(load_outline(fixture), copy)
    assert copy.read_bytes() == _as_current_format(fixture)


def test_v1_file_with_a_v2_note_field_warns_that_the_key_is_unknown() -> None:
    warnings: list[str] = []
    outline = loads_outline("format: briefing-outline/1\narticles: []\nbriefing:\n"
                            "  approved_by: D. Director\n", warn=warnings.append)
    assert outline.briefing.approved_by == ""
    assert len(warnings) == 1 and "unknown key 'approved_by'" in warnings[0]


def test_an_unknown_action_required_is_an_error_naming_the_choices() -> None:
    message = _error(f"format: {FORMAT}\narticles: []\nbriefing:\n  action_required: lunch\n")
    assert "line 4" in message and "unknown action 'lunch'" in message
    assert "Use one of decision, information, signature" in message


def test_hand_written_v1_fixture_reads_flow_style_unquoted_dates_and_nulls() -> None:
    outline = load_outline(FIXTURES / "hand-written-v1.yaml", warn=pytest.fail)
    article = outline.articles[0]
    assert article.title == "A hand-made outline"
    assert article.date == "2024-10-01" and article.standfirst == ""
    first, second = article.sections
    assert first == Section(id="s7", heading="Deterrence on the eastern flank", picked=True)
    assert second.heading == "Air defence and munitions" and second.number == 2
    assert second.note == "" and second.tags == ["air defence", "2024"]
    assert second.blocks == [Block(BlockKind.BULLET, "More launchers."),
                             Block(BlockKind.QUOTE, "It's a question of stockpiles.")]
    assert outline.briefing == BriefingDetails(from_="Policy Unit", order=["s2"])


def test_every_format_version_has_a_fixture_that_loads() -> None:
    for version in outline_file.FORMAT_VERSIONS:
        fixture = FIXTURES / f"format-v{version}.yaml"
        assert load_outline(fixture, warn=pytest.fail).articles


def test_crlf_line_ends_and_a_bom_read_the_same(tmp_path: Path) -> None:
    text = dumps_outline(_outline())
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert load_outline(path, warn=pytest.fail) == _outline()


# --- versions ------------------------------------------------------------------------------

def test_newer_format_is_refused_naming_this_version() -> None:
    message = _error("format: briefing-outline/4\narticles: []\n")
    assert message.startswith("plan.yaml: line 1: format: was written by a newer version")
    assert f"needs a Briefing newer than {__version__}" in message
    assert f"this is {__version__}, which reads {FORMAT}" in message
    assert message.endswith("Update Briefing to open it")


def test_newer_format_names_the_first_briefing_that_reads_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(outline_file.FORMAT_VERSIONS, 4, "0.3.0")
    message = _error("articles: []\nformat: briefing-outline/4\n")
    assert message.startswith("plan.yaml: line 2: format:")
    assert f"needs Briefing 0.3.0 or later; this is {__version__}" in message


def test_missing_format_is_refused_naming_the_key() -> None:
    message = _error("title: x\narticles: []\n")
    assert message.startswith("plan.yaml: line 1: is not a Briefing outline: "
                              "the required key 'format' is missing")
    assert f"starts with 'format: {FORMAT}'" in message


@pytest.mark.parametrize("value", ["briefing-outline/one", "other-tool/1", "briefing-outline/0",
                                   "'3'"])
def test_unknown_format_is_refused(value: str) -> None:
    message = _error(f"articles: []\nformat: {value}\n")
    assert message.startswith(f"plan.yaml: line 2: format: unknown format '{value.strip(chr(39))}'"
                              ": not a Briefing outline")
    assert message.endswith(f"reads 'format: {FORMAT}'")


def test_format_that_is_not_text_is_refused() -> None:
    message = _error("format: 1\narticles: []\n")
    assert message == (f"plan.yaml: line 1: format: expected a format name such as '{FORMAT}', "
                       f"found a number (1). Briefing {__version__} reads 'format: {FORMAT}'")


def test_a_list_at_the_top_is_not_an_outline() -> None:
    message = _error("- format: briefing-outline/1\n")
    assert message.startswith("plan.yaml: line 1: is not an outline file")
    assert "found a list" in message


# --- syntax and structure errors -------------------------------------------------------------

def test_yaml_syntax_error_gives_line_and_column() -> None:
    message = _error(f"format: {FORMAT}\narticles:\n- title: ok\n  sections: [s1\n")
    assert message.startswith("plan.yaml: line 5, column 1: not valid YAML")
    assert message.endswith("Check the indentation, colons and quotes there")


def test_bad_indentation_reports_its_line() -> None:
    message = _error(f"format: {FORMAT}\narticles:\n- title: ok\n   bad: x\n")
    assert message.startswith("plan.yaml: line 4, column")


def test_raw_control_character_is_refused_with_its_place() -> None:
    message = _error(f"format: {FORMAT}\narticles:\n- title: a\x01b\n")
    assert message.startswith("plan.yaml: line 3, column 11: holds the character U+0001")
    assert "write it as an escape inside double quotes" in message


def test_raw_control_character_place_with_pure_python(pure_yaml: None) -> None:
    message = _error(f"format: {FORMAT}\narticles:\n- title: é\x01b\n")
    assert message.startswith("plan.yaml: line 3, column 11: holds the character U+0001")


def test_two_documents_are_refused() -> None:
    message = _error(f"format: {FORMAT}\narticles: []\n---\nformat: {FORMAT}\n")
    assert message.startswith("plan.yaml: line 3, column 1: not valid YAML: the file holds "
                              "more than one YAML document")


def test_python_tags_are_refused_not_run() -> None:
    message = _error(f"format: {FORMAT}\narticles:\n- title: !!python/object/apply:os.system"
                     " [echo hi]\n")
    assert message.startswith("plan.yaml: line 3, column 10: holds the YAML tag "
                              "'!!python/object/apply:os.system', which Briefing does not read")
    assert message.endswith("Remove the tag: write plain text, lists and mappings (quote a "
                            "value that must stay text)")


def test_a_list_as_a_key_is_refused() -> None:
    message = _error(f"format: {FORMAT}\narticles: []\n? [a, b]\n: c\n")
    assert message.startswith("plan.yaml: line 3, column 3: holds YAML that Briefing does not "
                              "read")
    assert "unhashable key" in message


def test_wrong_type_names_yaml_path_and_line() -> None:
    text = (f"format: {FORMAT}\narticles:\n- title: A\n  sections:\n  - id: s1\n    heading: H\n"
            "  - id: s2\n    heading:\n    - not\n    - text\n")
    message = _error(text)
    assert message == ("plan.yaml: line 8: articles[0].sections[1].heading: expected text, "
                       "found a list. Write it as plain text, or as a '|' block for several lines")


def test_number_where_text_is_expected_suggests_quotes() -> None:
    message = _error(f"format: {FORMAT}\narticles:\n- title: 1984\n")
    assert message == ("plan.yaml: line 3: articles[0].title: expected text, found a number "
                       "(1984). Put the value in quotes to make it text")


@pytest.mark.parametrize(("snippet", "place", "expected"), [
    ("  sections:\n  - {id: s1, heading: H, number: two}\n",
     "line 5: articles[0].sections[0].number",
     "expected a whole number, found text. Write a whole number such as 3, or remove the line"),
    ("  sections:\n  - {id: s1, heading: H, picked: maybe}\n",
     "line 5: articles[0].sections[0].picked",
     "expected true or false, found text. Write true or false"),
    ("  sections:\n  - {id: s1, heading: H, tags: [a, [b]]}\n",
     "line 5: articles[0].sections[0].tags[1]", "expected text, found a list. Write it as"),
    ("  sections: oops\n", "line 4: articles[0].sections",
     "expected a list, found text. Write it as a list: one '- ' line per item"),
    ("  discarded:\n  - {text: x, reason: y, line: ten}\n",
     "line 5: articles[0].discarded[0].line",
     "expected a line number, found text. Write a whole number such as 12"),
    ("  blocks:\n  - just text\n", "line 5: articles[0].blocks[0]",
     "expected a block (a mapping of keys and values), found text. "
     "Write it as 'key: value' lines such as 'kind: paragraph'"),
    ("  blocks:\n  - {kind: [bullet], text: x}\n", "line 5: articles[0].blocks[0].kind",
     "expected a block kind, found a list. Use one of paragraph,"),
    ("  standfirst: {a: b}\n", "line 4: articles[0].standfirst",
     "expected text, found a mapping (key: value lines). Write it as plain text"),
])
def test_wrong_types_inside_articles(snippet: str, place: str, expected: str) -> None:
    message = _error(f"format: {FORMAT}\narticles:\n- title: A\n{snippet}")
    assert message.startswith(f"plan.yaml: {place}: {expected}")


def test_wrong_briefing_type_names_its_place() -> None:
    message = _error(f"format: {FORMAT}\narticles: []\nbriefing:\n  order: s1\n")
    assert message.startswith("plan.yaml: line 4: briefing.order: expected a list, found text")
    message = _error(f"format: {FORMAT}\narticles: []\nbriefing:\n- s1\n")
    assert message == ("plan.yaml: line 3: briefing: expected the briefing details (a mapping of "
                       "keys and values), found a list. Write it as 'key: value' lines such as "
                       "'title: ...'")
    message = _error(f"format: {FORMAT}\narticles:\n- just a title\n")
    assert message == ("plan.yaml: line 3: articles[0]: expected an article (a mapping of keys "
                       "and values), found text. Write it as 'key: value' lines such as "
                       "'title: ...'")


@pytest.mark.parametrize(("snippet", "place", "key"), [
    ("- standfirst: no title\n", "line 3: articles[0]", "title"),
    ("- title: A\n  sections:\n  - heading: no id\n", "line 5: articles[0].sections[0]", "id"),
    ("- title: A\n  sections:\n  - id: s1\n    number: 1\n", "line 5: articles[0].sections[0]",
     "heading"),
    ("- title: A\n  blocks:\n  - kind: bullet\n", "line 5: articles[0].blocks[0]", "text"),
    ("- title: A\n  discarded:\n  - text: x\n", "line 5: articles[0].discarded[0]", "reason"),
])
def test_missing_required_key_names_key_and_place(snippet: str, place: str, key: str) -> None:
    message = _error(f"format: {FORMAT}\narticles:\n{snippet}")
    assert message.startswith(f"plan.yaml: {place}: ")
    assert f"has no '{key}' (a required key)" in message
    assert message.endswith(f"Add {'an' if key == 'id' else 'a'} '{key}:' line to it")


def test_missing_block_kind_lists_the_kinds() -> None:
    message = _error(f"format: {FORMAT}\narticles:\n- title: A\n  blocks:\n  - text: x\n")
    assert message.startswith("plan.yaml: line 5: articles[0].blocks[0]: a block has no 'kind'")
    assert "paragraph, bullet, numbered, quote, pull_quote" in message


def test_unknown_block_kind_names_the_allowed_ones() -> None:
    message = _error(f"format: {FORMAT}\narticles:\n- title: A\n  blocks:\n"
                     "  - kind: heading\n    text: x\n")
    assert message == ("plan.yaml: line 5: articles[0].blocks[0].kind: unknown block kind "
                       "'heading'. Use one of paragraph, bullet, numbered, quote, pull_quote")


def test_empty_section_id_is_refused() -> None:
    message = _error(f"format: {FORMAT}\narticles:\n- title: A\n  sections:\n"
                     "  - {id: '', heading: H}\n")
    assert message.startswith("plan.yaml: line 5: articles[0].sections[0].id: the section id "
                              "is empty")


def test_duplicate_section_ids_name_both_places() -> None:
    text = (f"format: {FORMAT}\narticles:\n- title: A\n  sections:\n  - id: s1\n    heading: H\n"
            "    sections:\n    - id: s2\n      heading: Sub\n"
            "- title: B\n  sections:\n  - id: s2\n    heading: Again\n")
    message = _error(text)
    assert message == ("plan.yaml: line 12: articles[1].sections[0].id: section id 's2' is used "
                       "twice; it is already used at line 8: articles[0].sections[0].sections[0]"
                       ".id. Give each section its own id")


def test_unknown_keys_are_warnings_with_path_key_and_line() -> None:
    text = (f"format: {FORMAT}\ncolour: blue\narticles:\n- title: A\n  sections:\n  - id: s1\n"
            "    heading: H\n    colour: red\n")
    warnings = _warnings(text)
    assert len(warnings) == 2
    assert warnings[0].startswith("plan.yaml: line 2: unknown key 'colour' is ignored")
    assert warnings[1].startswith("plan.yaml: line 8: articles[0].sections[0]: unknown key "
                                  "'colour' is ignored (known keys: blocks, heading, id,")


def test_order_naming_an_unknown_section_is_a_warning_and_kept() -> None:
    text = (f"format: {FORMAT}\narticles:\n- title: A\n  sections:\n  - {{id: s1, heading: H}}\n"
            "briefing:\n  order: [s1, s9]\n")
    warnings: list[str] = []
    outline = loads_outline(text, "plan.yaml", warn=warnings.append)
    assert warnings == ["plan.yaml: line 7: briefing.order[1]: no section has the id 's9'; "
                        "it is left out of the briefing"]
    assert outline.briefing.order == ["s1", "s9"]


def test_deeply_nested_sections_are_refused_cleanly() -> None:
    depth = 300
    text = f"format: {FORMAT}\narticles:\n- title: A\n  sections:\n"
    text += "".join(f"{'  ' * i}  - id: s{i}\n{'  ' * i}    heading: H\n{'  ' * i}    sections:\n"
                    for i in range(depth))
    message = _error(text)
    # The 401st container is section 198 (two levels a section, five above the first one).
    assert message.startswith("plan.yaml: line 599, column 401: is nested more than 400 levels")
    assert message.endswith("Flatten the outline's sections")


@pytest.mark.parametrize("anchor", ["", "&deep "])
def test_very_deep_nesting_is_refused_without_crashing(tmp_path: Path, anchor: str) -> None:
    # libyaml's composer recurses in C: 10**5 levels would overflow the stack. Which limit
    # speaks first, Briefing's or the one newer libyaml releases have of their own, depends on
    # the libyaml installed; either way the user gets the file and the place, and no crash.
    prefix = f"x: {anchor}"
    path = tmp_path / "plan.yaml"
    path.write_text(f"format: {FORMAT}\n{prefix}" + "[" * 100_000 + "]" * 100_000
                    + "\narticles: []\n", encoding="utf-8")
    with pytest.raises(OutlineFormatError) as info:
        load_outline(path)
    error = info.value
    assert str(error).startswith(f"{path}: line 2, column ")
    place = re.fullmatch(r"line 2, column (\d+)", error.place)
    assert place is not None, error.place
    assert len(prefix) < int(place[1]) <= len(prefix) + 100_000  # within the brackets
    assert error.hint


@pytest.mark.parametrize("anchor", ["", "&deep "])
def test_nesting_past_the_limit_gets_briefings_own_message(pure_yaml: None,
                                                           anchor: str) -> None:
    # The pure-Python parser has no depth limit of its own, so this is Briefing's check alone.
    text = f"format: {FORMAT}\nx: {anchor}" + "[" * 420 + "]" * 420 + "\narticles: []\n"
    column = len(f"x: {anchor}") + 400  # the 400th bracket is the 401st container
    assert _error(text) == (f"plan.yaml: line 2, column {column}: is nested more than 400 "
                            "levels deep. Flatten the outline's sections")


# --- aliases ---------------------------------------------------------------------------------

_BOMB = """format: briefing-outline/1
a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
articles: []
"""


def test_alias_bomb_is_refused_before_it_is_expanded() -> None:
    # Expanded, it would be 9**8 nodes; bench/bench_outline_file.py times the refusal.
    message = _error(_BOMB)
    # The place is the anchor whose repetitions add the most: '&g', which 'h' repeats nine times.
    assert message.startswith("plan.yaml: line 8: its YAML aliases (*name) would expand it by ")
    assert "the anchor (&name) here is the one repeated most" in message
    assert message.endswith("Write the repeated parts out instead of using anchors and aliases")


def test_alias_bomb_through_sections_is_refused() -> None:
    lines = [f"format: {FORMAT}", "x0: &x0 {id: s, heading: H}"]
    lines += [f"x{i}: &x{i} {{id: s{i}, heading: H, sections: [{', '.join([f'*x{i - 1}'] * 9)}]}}"
              for i in range(1, 9)]
    lines.append("articles:\n- title: A\n  sections: [*x8]")
    message = _error("\n".join(lines) + "\n")
    assert message.startswith("plan.yaml: line 10: ") and "would expand it by" in message


def test_merge_key_bomb_is_refused() -> None:
    lines = [f"format: {FORMAT}", "m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}"]
    lines += [f"m{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 9)}]}}" for i in range(1, 9)]
    lines.append("articles: []")
    assert "would expand it by" in _error("\n".join(lines) + "\n")


def test_alias_loop_is_refused() -> None:
    text = (f"format: {FORMAT}\narticles:\n- title: A\n  sections: &loop\n"
            "  - {id: s1, heading: H, sections: *loop}\n")
    message = _error(text)
    assert message == ("plan.yaml: line 4: its YAML aliases (*name) refer back to the node that "
                       "holds them. Write the repeated parts out instead of using anchors and "
                       "aliases")


def test_a_few_aliases_are_fine() -> None:
    text = (f"format: {FORMAT}\narticles:\n- title: A\n  sections:\n"
            "  - {id: s1, heading: H, tags: &common [cohesion, money]}\n"
            "  - {id: s2, heading: I, tags: *common}\n")
    outline = loads_outline(text, warn=pytest.fail)
    assert [s.tags for _, s in outline.walk()] == [["cohesion", "money"]] * 2


def test_ampersands_in_text_keep_the_fast_path_correct() -> None:
    outline = Outline(articles=[Article(title="R&D and Q & A", sections=[
        Section(id="s1", heading="&nbsp; & &x", note="AT&T\n&amp; [&x]")])])
    assert loads_outline(dumps_outline(outline)) == outline


# --- files -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("setup", "expected"), [
    ("missing", "no such file. Check the name and the folder"),
    ("folder", "is a folder, not a file. Choose an outline file inside it"),
    ("empty", "is empty. Choose an outline file with some text in it"),
    ("binary", "is a binary file, not text"),
])
def test_unreadable_files_are_reported(tmp_path: Path, setup: str, expected: str) -> None:
    path = tmp_path / "plan.yaml"
    if setup == "folder":
        path.mkdir()
    elif setup == "empty":
        path.write_text("  \n")
    elif setup == "binary":
        path.write_bytes(b"format: x\x00\x01\x02")
    with pytest.raises(OutlineFormatError) as info:
        load_outline(path)
    assert str(info.value).startswith(f"{path}: {expected}")


def test_file_over_the_size_limit_is_refused(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outline_file, "MAX_OUTLINE_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text(dumps_outline(_outline()))
    size = path.stat().st_size
    with pytest.raises(OutlineFormatError, match=f"is {size:,} bytes, more than the limit of "
                       "100 bytes"):
        load_outline(path)


def test_non_utf8_file_reads_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_bytes(f"format: {FORMAT}\narticles:\n- title: Caf\xe9\n".encode("cp1252"))
    warnings: list[str] = []
    outline = load_outline(path, warn=warnings.append)
    assert outline.articles[0].title == "Café"
    assert warnings and warnings[0].startswith(f"{path}: line 3: not UTF-8")


def test_validate_reports_problems_or_nothing(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    save_outline(_outline(), good)
    assert validate_outline_file(good) == []
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"format: {FORMAT}\nextra: 1\narticles:\n- title: [x]\n")
    problems = validate_outline_file(bad)
    assert problems[0].startswith(f"{bad}: line 2: unknown key 'extra'")
    assert problems[1].startswith(f"{bad}: line 4: articles[0].title: expected text, found a "
                                  "list. Write it as plain text")
    assert validate_outline_file(tmp_path / "none.yaml") == [
        f"{tmp_path / 'none.yaml'}: no such file. Check the name and the folder"]


# --- saving ----------------------------------------------------------------------------------

_MANY_PROBLEMS = f"""format: {FORMAT}
colour: blue
articles:
- title: First
  sections:
  - {{id: s1, heading: [not, text]}}
  - id: s2
    heading: Fine
    blocks:
    - {{kind: sidebar, text: x}}
    - {{kind: paragraph, text: kept}}
    sections:
    - {{id: s1, heading: Again}}
  - heading: No id
- just text
briefing:
  to: [Minister]
"""


def test_check_lists_every_error_in_file_order_and_the_warnings(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(_MANY_PROBLEMS, encoding="utf-8")
    check = check_outline_file(path)
    assert check.outline is None
    assert check.warnings == [f"{path}: line 2: unknown key 'colour' is ignored (known keys: "
                              "articles, briefing, format, last_excerpt, title)"]
    assert [error.split(": ", 3)[1:3] for error in check.errors] == [
        ["line 6", "articles[0].sections[0].heading"],
        ["line 10", "articles[0].sections[1].blocks[0].kind"],
        ["line 13", "articles[0].sections[1].sections[0].id"],
        ["line 14", "articles[0].sections[2]"],
        ["line 15", "articles[1]"],
        ["line 17", "briefing.to"]]
    assert "is used twice; it is already used at line 6" in check.errors[2]
    assert validate_outline_file(path) == check.warnings + check.errors
    # Loading stops at the first of them.
    with pytest.raises(OutlineFormatError) as info:
        load_outline(path, warn=lambda _: None)
    assert str(info.value) == check.errors[0]


def test_check_of_a_good_file_gives_the_outline(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    save_outline(_outline(), path)
    check = check_outline_file(path)
    assert (check.errors, check.warnings, check.outline) == ([], [], _outline())


@pytest.mark.parametrize(("text", "expected"), [
    ("format: briefing-outline/4\narticles: [1, 2]\n", "line 1: format: was written by a newer"),
    ("- a list\n", "line 1: is not an outline file"),
    ("format: [x\n", "line 2, column 1: not valid YAML"),
])
def test_check_stops_at_a_problem_with_the_whole_file(tmp_path: Path, text: str,
                                                      expected: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    check = check_outline_file(path)
    assert check.outline is None and len(check.errors) == 1
    assert check.errors[0].startswith(f"{path}: {expected}")
    assert check_outline_file(tmp_path / "gone.yaml").errors == [
        f"{tmp_path / 'gone.yaml'}: no such file. Check the name and the folder"]


def test_save_keeps_the_previous_file_as_backup(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    first = _outline()
    save_outline(first, path)
    second = _outline()
    second.title = "Changed"
    save_outline(second, path)
    assert load_outline(path) == second
    assert load_outline(atomic.backup_path(path)) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml", "plan.yaml.bak"]


def test_failure_mid_write_leaves_old_file_and_no_temp_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.yaml"
    save_outline(_outline(), path)
    before = path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    changed = _outline()
    changed.title = "Lost"
    with pytest.raises(OutlineFormatError) as info:
        save_outline(changed, path)
    assert str(info.value) == (f"{path}: cannot be saved: the disk is full. Free some space, "
                               "then save again (the file on disk is as it was)")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_save_to_unwritable_folder_says_what_to_do(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refuse(path: str, flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_CREAT:  # no new file in this folder (root would ignore its mode)
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    path = tmp_path / "plan.yaml"
    with pytest.raises(OutlineFormatError) as info:
        save_outline(_outline(), path)
    assert str(info.value) == (f"{path}: cannot be saved (Permission denied). Choose a folder "
                               "you can write to, or check the file's permissions")


def test_save_to_a_folder_or_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutlineFormatError, match=r"is a folder, not a file\. Choose a file name"):
        save_outline(_outline(), tmp_path)
    missing = tmp_path / "nowhere" / "plan.yaml"
    with pytest.raises(OutlineFormatError) as info:
        save_outline(_outline(), missing)
    assert str(info.value) == (f"{missing}: cannot be saved: its folder does not exist. "
                               "Choose an existing folder")


def test_save_refuses_outlines_the_reader_would_refuse(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    twice = Outline(articles=[Article(title="A", sections=[
        Section(id="s1", heading="One", number=1), Section(id="s1", heading="Two")])])
    with pytest.raises(OutlineFormatError) as info:
        save_outline(twice, path)
    assert str(info.value) == (f"{path}: cannot be saved: sections '1. One' and 'Two' share "
                               "the id 's1'. Give each section its own id before saving")
    no_id = Outline(articles=[Article(title="A", sections=[Section(id="", heading="One")])])
    with pytest.raises(OutlineFormatError, match="has no id"):
        save_outline(no_id, path)
    broken = Outline(articles=[Article(title="A \ud800 B")])
    with pytest.raises(OutlineFormatError, match="unpaired surrogate U\\+D800"):
        save_outline(broken, path)
    assert not path.exists()


def test_broken_text_is_refused_with_pure_python_too(tmp_path: Path, pure_yaml: None) -> None:
    with pytest.raises(OutlineFormatError, match="broken character"):
        save_outline(Outline(articles=[Article(title="x", sections=[
            Section(id="s1", heading="H", tags=["\udc80"])])]), tmp_path / "p.yaml")


# --- pure-Python fallback --------------------------------------------------------------------

@pytest.fixture
def without_libyaml(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Reload the YAML layer as if PyYAML had been built without libyaml."""
    monkeypatch.delattr(yaml, "CSafeLoader")
    monkeypatch.delattr(yaml, "CSafeDumper")
    importlib.reload(yaml_io)
    yield
    monkeypatch.undo()
    importlib.reload(yaml_io)


def test_without_libyaml_the_pure_python_classes_are_used(without_libyaml: None,
                                                           tmp_path: Path) -> None:
    assert yaml_io.SAFE_LOADER is yaml.SafeLoader
    assert yaml_io.SAFE_DUMPER is yaml.SafeDumper
    assert not yaml_io.uses_libyaml()
    path = tmp_path / "plan.yaml"
    save_outline(_outline(), path)
    assert load_outline(path) == _outline()
    fixture = FIXTURES / "format-v2.yaml"
    save_outline(load_outline(fixture), path)
    assert path.read_bytes() == _as_current_format(fixture)


def test_pure_python_reports_the_same_errors(pure_yaml: None) -> None:
    assert _error(f"format: {FORMAT}\narticles:\n- title: [x]\n") == (
        "plan.yaml: line 3: articles[0].title: expected text, found a list. "
        "Write it as plain text, or as a '|' block for several lines")
    assert _error(f"format: {FORMAT}\narticles:\n- title: ok\n  sections: [s1\n").startswith(
        "plan.yaml: line 5, column 1: not valid YAML")
    assert "would expand it by" in _error(_BOMB)


def test_libyaml_is_used_when_present() -> None:
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")
    assert yaml_io.uses_libyaml()
