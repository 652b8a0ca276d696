"""The shared rules importers use: heading numbers, nesting by level, dates and fallback titles."""

from __future__ import annotations

import pytest

from briefing.core.importers.structure import (
    UNTITLED,
    Heading,
    Item,
    build_sections,
    iso_date,
    split_heading_number,
    title_from_name,
)
from briefing.core.model import Block, BlockKind


@pytest.mark.parametrize(("text", "expected"), [
    ("2. Budget", (2, "Budget")),
    ("3) Staffing", (3, "Staffing")),
    ("4: Risks", (4, "Risks")),
    ("5 \u2013 Next steps", (5, "Next steps")),
    ("2.3. Detail", (3, "Detail")),
    ("2.3 Detail", (3, "Detail")),
    ("1.5 million homes at risk", (None, "1.5 million homes at risk")),
    ("2024 in review", (None, "2024 in review")),
    ("3 ways to save", (None, "3 ways to save")),
    ("  Plain\u00a0heading ", (None, "Plain heading")),
    ("0. Preface", (None, "0. Preface")),  # numbers count from 1 in an outline
    ("2.0 Overview", (None, "2.0 Overview")),
])
def test_split_heading_number(text: str, expected: tuple[int | None, str]) -> None:
    assert split_heading_number(text) == expected


def test_sections_nest_under_the_nearest_shallower_heading() -> None:
    items: list[Item] = [
        Block(BlockKind.PARAGRAPH, "lead"), Heading(3, "A"), Block(BlockKind.BULLET, "a"),
        Heading(5, "A1"), Heading(4, "A2"), Heading(2, "B"), Heading(3, "B1")]
    lead, sections = build_sections(items)
    assert [block.text for block in lead] == ["lead"]
    assert [(s.heading, [c.heading for c in s.sections]) for s in sections] == [
        ("A", ["A1", "A2"]), ("B", ["B1"])]
    assert sections[0].blocks == [Block(BlockKind.BULLET, "a")]


def test_repeated_numbers_are_renumbered_but_distinct_ones_kept() -> None:
    _, repeated = build_sections([Heading(1, "1. A"), Heading(1, "1. B"), Heading(1, "C"),
                                  Heading(1, "1. D")])
    assert [s.number for s in repeated] == [1, 2, None, 3]
    _, chosen = build_sections([Heading(1, "2. A"), Heading(1, "5. B")])
    assert [s.number for s in chosen] == [2, 5]


@pytest.mark.parametrize(("text", "expected"), [
    ("5 November 2024", "2024-11-05"),
    ("Tuesday, 5 November 2024", "2024-11-05"),
    ("Nov. 5th, 2024", "2024-11-05"),
    ("2024-11-05T08:30:00Z", "2024-11-05"),
    ("05/11/2024", "05/11/2024"),
    ("Spring 2024", "Spring 2024"),
])
def test_iso_date_converts_only_unambiguous_dates(text: str, expected: str) -> None:
    assert iso_date(text) == expected


def test_title_from_name() -> None:
    assert title_from_name("some/folder/port-fees_2025.md") == "Port fees 2025"
    assert title_from_name("") == UNTITLED


LOCALE_PROBE = """
import locale, sys
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])  # Qt sets the process locale from the environment, as the app does
from briefing.core.importers.structure import iso_date
print(locale.setlocale(locale.LC_TIME))
print(iso_date("5 November 2024"), iso_date("Nov. 5th, 2024"), iso_date("March 3, 2025"))
"""


@pytest.mark.parametrize("lang", ["tr_TR.UTF-8", "de_DE.UTF-8", "C"])
def test_english_dates_read_the_same_in_every_locale(lang: str) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "LANG": lang, "LC_ALL": lang}
    result = subprocess.run([sys.executable, "-c", LOCALE_PROBE], env=env, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    if lang != "C" and result.stdout.splitlines()[0] in ("C", "C.UTF-8", "POSIX"):
        pytest.skip(f"the {lang} locale is not installed here")
    assert result.stdout.splitlines()[-1] == "2024-11-05 2024-11-05 2025-03-03"
