"""Property tests: any outline survives save and load, and the file is stable byte for byte."""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core import yaml_io
from briefing.core.anchoring import make_anchor, section_text
from briefing.core.errors import OutlineFormatError
from briefing.core.model import (
    Article,
    Block,
    BlockKind,
    BriefingDetails,
    Discarded,
    Excerpt,
    Outline,
    Section,
)
from briefing.core.outline_file import dumps_outline, load_outline, loads_outline, save_outline

# Strings YAML treats specially: look-alikes of other types, indicators, escapes, line breaks.
_TRICKY = st.sampled_from([
    "", " ", "  ", "\n", "\n\n", "true", "False", "yes", "No", "on", "null", "~", "NULL", "1",
    "-1", "0x1F", "0o17", "1_000", "1.5", ".inf", "-.NaN", "1e3", "2024-10-01",
    "2024-10-01 10:00:00", "12:30", "=", "<<", "- item", "? key", "key: value", "# comment",
    "a #b", "&anchor", "*alias", "!tag", "!!str", "%YAML", "@at", "`tick", "|", ">", "'", '"',
    "[]", "{}", "[a, b]", "a, b", "---", "...", "\t", "tab\tinside", " lead", "trail ",
    "trail \nnext", "line\n  indented\n", "\nleading break", "ends\n", "ends\n\n", "a\r\nb", "\r",
    "\x00", "\x07", "\x1b[0m", "\x7f", "\x85", "\xa0", "\u2028", "\u2029", "\ufeff", "\ufffe",
    "\U0001f600 emoji", "caf\u00e9", "\u201cquoted\u201d", "\u05e9\u05dc\u05d5\u05dd",
    "**bold** _it_ `code`",
])
_LINES = st.lists(st.text(max_size=25), min_size=2, max_size=4).map("\n".join)
_TEXT = st.one_of(_TRICKY, st.text(max_size=30), st.text(min_size=70, max_size=160), _LINES,
                  st.lists(_TRICKY, min_size=2, max_size=4).map("".join))
_KINDS = st.sampled_from(list(BlockKind))
_BLOCKS = st.lists(st.builds(Block, _KINDS, _TEXT), max_size=3)
_NUMBERS = st.none() | st.integers(min_value=1, max_value=10**20)
"""Section and line numbers, which count from 1 (the reader refuses 0 and below)."""


@st.composite
def _sections(draw: st.DrawFn, depth: int) -> list[Section]:
    sections = []
    for _ in range(draw(st.integers(0, 3 if depth else 0))):
        sections.append(Section(
            id="", heading=draw(_TEXT), number=draw(_NUMBERS), blocks=draw(_BLOCKS),
            sections=draw(_sections(depth - 1)), picked=draw(st.booleans()), note=draw(_TEXT),
            tags=draw(st.lists(_TEXT, max_size=3))))
    return sections


@st.composite
def outlines(draw: st.DrawFn) -> Outline:
    articles = [Article(
        title=draw(_TEXT), standfirst=draw(_TEXT), author=draw(_TEXT), publisher=draw(_TEXT),
        date=draw(_TEXT), url=draw(_TEXT), source_file=draw(_TEXT), blocks=draw(_BLOCKS),
        sections=draw(_sections(2)),
        discarded=draw(st.lists(st.builds(Discarded, _TEXT, _TEXT, _NUMBERS), max_size=2)))
        for _ in range(draw(st.integers(0, 2)))]
    outline = Outline(title=draw(_TEXT), articles=articles)
    count = sum(1 for _ in outline.walk())
    ids = draw(st.lists(st.one_of(st.from_regex(r"s[0-9]{1,5}", fullmatch=True),
                                  _TEXT.filter(bool)),
                        min_size=count, max_size=count, unique=True))
    for (_, section), section_id in zip(outline.walk(), ids, strict=True):
        section.id = section_id
    _add_excerpts(draw, outline, set(ids))
    ids += [excerpt.id for _, excerpt in outline.excerpts()]
    outline.briefing = BriefingDetails(
        title=draw(_TEXT), to=draw(_TEXT), from_=draw(_TEXT), date=draw(_TEXT),
        classification=draw(_TEXT), file_number=draw(_TEXT), purpose=draw(_TEXT),
        summary=draw(_TEXT), recommendation=draw(_TEXT), template=draw(_TEXT),
        order=draw(st.lists(st.sampled_from(ids), max_size=4, unique=True)) if ids else [])
    return outline


def _add_excerpts(draw: st.DrawFn, outline: Outline, taken: set[str]) -> None:
    """Excerpts of drawn stretches of section text, anchored as the reader anchors them."""
    number = 0
    for article, section in list(outline.walk()):
        text = section_text(section)
        if not text or not draw(st.booleans()):
            continue
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        number += 1
        excerpt_id = f"e{number}"
        try:
            anchor = make_anchor(section, start, end)
        except ValueError:  # only spaces selected
            continue
        if excerpt_id not in taken:
            article.excerpts.append(Excerpt(excerpt_id, anchor, note=draw(_TEXT),
                                            tags=draw(st.lists(_TEXT, max_size=2))))


@contextmanager
def _pure_python() -> Iterator[None]:
    """PyYAML's pure-Python safe classes, as when libyaml is missing."""
    saved = yaml_io.SAFE_LOADER, yaml_io.SAFE_DUMPER
    yaml_io.SAFE_LOADER, yaml_io.SAFE_DUMPER = yaml.SafeLoader, yaml.SafeDumper
    try:
        yield
    finally:
        yaml_io.SAFE_LOADER, yaml_io.SAFE_DUMPER = saved


def _no_warnings(message: str) -> None:
    raise AssertionError(f"unexpected warning: {message}")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(outlines())
def test_save_load_gives_the_same_outline_and_the_same_bytes(outline: Outline) -> None:
    text = dumps_outline(outline)
    loaded = loads_outline(text, warn=_no_warnings)
    assert loaded == outline
    assert dumps_outline(loaded) == text
    events = list(yaml.parse(text, Loader=yaml_io.SAFE_LOADER))
    assert not [event for event in events  # no tags, anchors or aliases written
                if getattr(event, "tag", None) or getattr(event, "anchor", None)]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(outlines())
def test_saved_file_loads_back_equal_and_resaves_identical(outline: Outline) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "outline.yaml"
        save_outline(outline, path)
        first = path.read_bytes()
        loaded = load_outline(path, warn=_no_warnings)
        assert loaded == outline
        save_outline(loaded, path)
        assert path.read_bytes() == first


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(outlines())
def test_pure_python_writes_the_same_bytes_and_reads_them_back(outline: Outline) -> None:
    text = dumps_outline(outline)
    with _pure_python():
        assert dumps_outline(outline) == text
        assert loads_outline(text, warn=_no_warnings) == outline


# --- the fast event-based parser agrees with PyYAML's safe_load --------------------------------

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), _TEXT,
    st.dates(), st.datetimes(min_value=datetime.datetime(1900, 1, 1)).map(
        lambda moment: moment.replace(microsecond=0)))
_DATA = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.one_of(_TEXT, st.integers(), st.booleans()), children, max_size=4),
    max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(_DATA, st.sampled_from([False, True, None]))
def test_fast_parser_reads_yaml_as_safe_load_does(data: Any, flow: bool | None) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    if _has_tags(text):  # PyYAML tags some values (``!!timestamp``); the format has no tags
        with pytest.raises(OutlineFormatError, match="YAML tag"):
            yaml_io.parse(text, "data.yaml")
        return
    assert yaml_io.parse(text, "data.yaml") == yaml.safe_load(text)


def _has_tags(text: str) -> bool:
    return any(getattr(event, "tag", None) is not None for event in yaml.parse(text))


@pytest.mark.parametrize("value", [
    "yes", "No", "~", "", "0o17", "0x1F", "017", "1_000", "+12", ".inf", "-.inf", "1e3", "3.",
    "2024-10-01", "2024-1-1", "2024-10-01 10:00:00", "2024-10-01T10:00:00Z", "12:30:00", "=",
    "<<", "'quoted'", '"dq\\n"', "|\n  block\n", ">\n  folded\n  text\n", "[1, two, 3.0]",
    "{a: 1, 2: b}", "!!str 12", "!!binary aGk=", "!!set {a, b}", "? [complex]\n: key",
    "- &x 1\n- *x",
])
def test_fast_parser_matches_safe_load_on_hand_written_values(value: str) -> None:
    text = f"key:\n  {value.replace(chr(10), chr(10) + '  ')}\n" if "\n" in value else (
        f"key: {value}\n")
    if _has_tags(text):
        with pytest.raises(OutlineFormatError, match="YAML tag"):
            yaml_io.parse(text, "data.yaml")
        return
    try:
        expected = yaml.safe_load(text)
    except yaml.YAMLError:
        with pytest.raises(OutlineFormatError):
            yaml_io.parse(text, "data.yaml")
        return
    assert yaml_io.parse(text, "data.yaml") == expected
    with _pure_python():
        assert yaml_io.parse(text, "data.yaml") == expected
