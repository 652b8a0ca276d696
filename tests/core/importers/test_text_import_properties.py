"""Properties of the plain-text importer on open-ended input: it never fails and loses nothing."""

from __future__ import annotations

import logging
import re
import textwrap
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.importers.text import parse_text
from briefing.core.model import Article, Section

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

_LETTERS = re.compile(r"[^\W\d_]{2,}")
_ROMAN = re.compile(r"[ivxlc]+")

any_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)

words = st.sampled_from(["harbour", "Quay", "the", "of", "Storm", "council", "NATO", "budget",
                         "and", "ferry", "Plan", "2025", "subscribe", "share", "\u00a9",
                         "views", "author", "image.png)", "\u201cquoted\u201d", "3.0"])
sentence = st.lists(words, min_size=1, max_size=30).map(" ".join)
marker = st.sampled_from(["", "", "", "1. ", "  1. ", "2) ", "\u2022 ", "- ", "* ", "a) ",
                          "> ", "iv. ", "\u2013 "])
ending = st.sampled_from(["", ".", ":", "?", "  ", "\u00a0"])
article_line = st.one_of(st.just(""), st.builds(lambda m, s, e: m + s + e, marker, sentence,
                                                 ending))
article_text = st.lists(article_line, max_size=40).map("\n".join)
copy_block = st.lists(st.builds(lambda m, s, e: m + s + e, marker, sentence, ending),
                      min_size=1, max_size=3).map("\n".join)
browser_copy = st.lists(copy_block, max_size=15).map(
    lambda blocks: "\n\n".join(blocks[1:3] + blocks))
"""A browser copy: blocks between blank lines, some of several lines (runs, lists), and a few
blocks printed twice, as a table of contents repeats its headings."""


def all_output_text(article: Article) -> str:
    parts = [article.title, article.standfirst]
    parts += [block.text for block in article.blocks]
    parts += [item.text for item in article.discarded]
    for section in article.walk():
        parts.append(section.heading)
        parts += [block.text for block in section.blocks]
    return "\n".join(parts)


def letter_words(text: str) -> Counter[str]:
    """Words of two or more letters; list markers like ``iv.`` are not words of the text."""
    return Counter(word for word in _LETTERS.findall(text) if not _ROMAN.fullmatch(word))


def check_shape(article: Article, text: str) -> None:
    assert article.title
    line_count = text.count("\n") + 1
    lines = [item.line for item in article.discarded]
    assert all(line is not None and 1 <= line <= line_count for line in lines)
    assert lines == sorted(line or 0 for line in lines)
    for section in article.sections:
        assert isinstance(section, Section)
        for sub in section.sections:
            assert not sub.sections, "plain text gives at most two heading levels"
    for section in article.walk():
        assert section.id == ""
        assert section.heading and section.heading == section.heading.strip()
    for value in all_output_text(article).split("\n"):
        assert value == value.strip()
        assert not any(ord(char) < 32 for char in value)


@SETTINGS
@given(any_text)
def test_import_never_fails_on_arbitrary_text(caplog: pytest.LogCaptureFixture,
                                              text: str) -> None:
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        article = parse_text(text, "input.txt")
    assert not caplog.records, "the importer fell back to plain paragraphs"
    check_shape(article, text)


@SETTINGS
@given(article_text)
def test_import_never_fails_and_loses_no_words_on_article_shaped_text(
        caplog: pytest.LogCaptureFixture, text: str) -> None:
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        article = parse_text(text, "input.txt")
    assert not caplog.records, "the importer fell back to plain paragraphs"
    check_shape(article, text)
    missing = letter_words(text) - letter_words(all_output_text(article))
    assert not missing, f"words neither imported nor discarded: {sorted(missing)}"


@SETTINGS
@given(browser_copy)
def test_import_of_a_browser_copy_with_runs_and_repeats_loses_no_words(
        caplog: pytest.LogCaptureFixture, text: str) -> None:
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        article = parse_text(text, "copy.txt")
    assert not caplog.records, "the importer fell back to plain paragraphs"
    check_shape(article, text)
    missing = letter_words(text) - letter_words(all_output_text(article))
    assert not missing, f"words neither imported nor discarded: {sorted(missing)}"


@SETTINGS
@given(st.integers(min_value=1, max_value=5000), st.sampled_from(["\u2022", "1.", "-", " ",
                                                                  "\u00a9", "x" * 50]))
def test_import_survives_huge_lines_and_repeated_markers(count: int, unit: str) -> None:
    text = unit * count + "\n" + f"{unit}\n" * min(count, 300)
    article = parse_text(text, "")
    check_shape(article, text)


def test_import_of_a_megabyte_line_is_fast_enough_to_finish() -> None:
    text = "Harbour Notes\n" + "The quay is old and the wall leaks " * 30000
    article = parse_text(text, "big.txt")
    assert article.title == "Harbour Notes"
    assert len(article.blocks) + (1 if article.standfirst else 0) == 1


@pytest.mark.parametrize("shape", ["headings after numbered", "title-case paragraph",
                                   "one long capitalised run", "names printed twice"])
def test_large_pathological_inputs_are_imported_whole(shape: str) -> None:
    # Once slower than linear; bench/bench_text_import.py times them, and pytest-timeout fails
    # the test by name if a pass over the text ever stalls again.
    body = "The quay is old and the wall leaks."
    if shape == "headings after numbered":
        lines = ["Harbour Notes", "1. Funding", body] + [
            f"Heading Number {n}\n{body}" for n in range(20000)]
    elif shape == "title-case paragraph":
        lines = [" ".join(f"Alpha Beta{n % 97} Gamma." for n in range(60000))] * 3
    elif shape == "names printed twice":
        names = [f"Harbour Pass {n}\n{body}" for n in range(5000)]
        lines = ["Harbour Notes", "", *names, *names]
    else:
        lines = [" ".join(f"Word{n}" for n in range(200000)), body]
    text = "\n".join(lines)
    article = parse_text(text, "big.txt")
    check_shape(article, text)


def test_many_speeches_under_names_in_capitals_are_imported_whole() -> None:
    # Once quadratic (the text was joined again for each name line); bench/bench_text_import.py
    # times it.
    names = ("JANE MOREAU", "OMAR HALE", "RUTH ANSEL", "LEO BRANDT")
    text = "Harbour Hearing\n\n" + "\n".join(
        f"{names[n % 4]}\n\nSpeech {n}: the quay is old and the wall leaks.\n"
        for n in range(4000))
    article = parse_text(text, "hearing.txt")
    check_shape(article, text)
    assert article.author == "Jane Moreau"
    assert sum(item.text == "OMAR HALE" for item in article.discarded) == 1000


def test_long_hard_wrapped_paragraph_is_put_back_whole() -> None:
    # Once quadratic (each piece copied the paragraph joined so far); bench/bench_text_import.py
    # times it.
    paragraph = " ".join(f"quay{n % 50} and wall" for n in range(30000)) + "."
    text = "\n".join(["Harbour Notes", "", *textwrap.wrap(paragraph, 72), "",
                      "The quay is old and the wall leaks."])
    article = parse_text(text, "wrapped.txt")
    assert article.title == "Harbour Notes"
    assert [block.text for block in article.blocks] == [
        paragraph, "The quay is old and the wall leaks."]
