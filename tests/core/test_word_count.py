"""Word counts: words as a reader counts them, in notes and in the briefing as exported."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.core import word_count
from briefing.core.export.document import build_document
from briefing.core.model import Article, Block, BlockKind, BriefingDetails, Outline, Section
from briefing.core.templates import find_template
from briefing.core.word_count import (
    WordCount,
    count_document_words,
    count_note_words,
    count_notes_words,
    count_words,
    document_count,
    note_count,
    words_label,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("", 0),
    ("   \n\t ", 0),
    ("The fleet sailed north.", 4),
    ("Don't call it a long-term plan", 6),
    ("Spending rose 2,000 units to 1.9 per cent", 8),
    ("See https://example.org/a_b?c=1 today", 3),
    ("Ottawa – Québec — Nuuk", 3),
    ("— * # > -", 0),
])
def test_count_words_counts_words_as_read(text: str, expected: int) -> None:
    assert count_words(text) == expected


_PIECES = st.sampled_from(["word", "Québec", "don't", "d\u2019accord", "long-term", "1.9",
                           "2,000", "3:4", "x_y", "_", "a--b", "https://example.org/a_b",
                           "mailto://x", "://", "end.", "(aside)", "\u00b2", "\u0663\u0664",
                           "—", "*", "12.5.6", "-", "'", "\u2019s"])
_SPACES = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\u2003", "\x1c", ""])


@given(st.lists(st.tuples(_PIECES, _SPACES), max_size=30))
def test_count_words_agrees_with_the_word_pattern_on_the_whole_text(
        parts: list[tuple[str, str]]) -> None:
    # Counting space-separated pieces apart must find what the pattern finds in the whole text.
    text = "".join(piece + space for piece, space in parts)
    assert count_words(text) == sum(1 for _ in word_count._WORD.finditer(text))


def test_a_note_counts_its_shown_words_not_its_markdown() -> None:
    note = ("# Risks\n\nAsk the **ministry** about [icebreakers](https://example.org/ice "
            "\"title\").\n\n1. First point\n2) Second point\n- third *point*\n> quoted `code`")
    assert count_note_words(note) == 1 + 5 + 2 + 2 + 2 + 2
    assert count_notes_words([note, "", "two words"]) == 14 + 2


def test_words_label_says_word_or_words() -> None:
    assert (words_label(0), words_label(1), words_label(2)) == ("0 words", "1 word", "2 words")


def _outline() -> Outline:
    article = Article(title="Ice Study", author="A. Writer", url="https://example.org/ice",
                      sections=[
                          Section(id="s1", heading="Melt rates", picked=True,
                                  note="Worth a line to the minister.",
                                  blocks=[Block(BlockKind.PARAGRAPH, "The ice thinned fast.")]),
                          Section(id="s2", heading="Shipping lanes",
                                  blocks=[Block(BlockKind.PARAGRAPH,
                                                "Three new lanes opened in summer.")])])
    return Outline(title="Outline", articles=[article],
                   briefing=BriefingDetails(title="Arctic change", template="briefing-note"))


def _briefing_words(outline: Outline) -> int:
    outline.sync_order()
    return count_document_words(build_document(outline, find_template("briefing-note")))


def test_the_briefing_count_follows_notes_and_picks() -> None:
    outline = _outline()
    before = _briefing_words(outline)
    assert before > 0
    outline.articles[0].sections[0].note += " Ask about the 2,000 tonnes."
    with_note = _briefing_words(outline)
    assert with_note == before + 5
    outline.articles[0].sections[1].picked = True
    # The heading as the briefing numbers it ("2. Shipping lanes") and the paragraph.
    assert _briefing_words(outline) == with_note + 3 + 6


def test_the_briefing_count_leaves_unpicked_text_out() -> None:
    outline = _outline()
    before = _briefing_words(outline)
    outline.articles[0].sections[1].blocks.append(Block(BlockKind.PARAGRAPH, "Not picked."))
    assert _briefing_words(outline) == before


def test_a_note_past_the_limit_is_a_lower_bound_cut_between_words() -> None:
    note = "alpha beta " * 10
    assert note_count(note) == WordCount(20)
    cut = note_count(note, limit=25)  # "alpha beta alpha beta alp" -> four whole words
    assert cut == WordCount(4, at_least=True)
    assert cut.label() == "4+ words" and WordCount(1).label() == "1 word"
    assert WordCount(2) + cut == WordCount(6, at_least=True)


def test_the_briefing_past_the_limit_is_a_lower_bound() -> None:
    outline = _outline()
    outline.sync_order()
    document = build_document(outline, find_template("briefing-note"))
    whole = document_count(document)
    assert whole == WordCount(count_document_words(document))
    part = document_count(document, limit=30)
    assert part.at_least and 0 < part.words < whole.words
    assert document_count(document, notes_cut=True) == WordCount(whole.words, at_least=True)


def test_the_briefing_count_takes_note_tables_and_footnotes_but_not_their_marks() -> None:
    outline = _outline()
    before = _briefing_words(outline)
    outline.articles[0].sections[0].note += (
        "\n\nSee the table[^1].\n\n| Port | Depth |\n|---|---|\n| North bay | deep |\n\n"
        "[^1]: Survey figures.\n")
    assert _briefing_words(outline) == before + 3 + 5 + 2
