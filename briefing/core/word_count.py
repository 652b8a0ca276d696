"""Counting words the way a reader would: in a note as typed and in the briefing as exported.

A word is a run of letters or digits; an apostrophe or hyphen inside one ("don't", "long-term")
and a decimal point or separator between digits ("1.9", "2,000") keep it one word, and a web
address is one word. In a note, a link's target (``[text](https://...)``) and list numbers are
Markdown, not words, and are not counted. The exported briefing is counted from its intermediate
form (:func:`briefing.core.export.document.build_document`): every block's text, including a
note placed as a comment or box; footnote citations are not counted.

Counting stays cheap whatever the outline holds: a note is counted up to :data:`NOTE_COUNT_LIMIT`
characters and the briefing up to :data:`DOCUMENT_COUNT_LIMIT`; past that the count is a lower
bound (:attr:`WordCount.at_least`, shown as "30000+ words"), so a 45 MB note pasted by mistake
never stalls the window.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.core.export.intermediate import BriefingDocument, Run

NOTE_COUNT_LIMIT = 200_000
"""Characters of one note counted exactly (about 30,000 words, a few milliseconds)."""
DOCUMENT_COUNT_LIMIT = 2_000_000
"""Characters of the exported briefing counted exactly."""

_WORD = re.compile(r"\S+://\S+|[^\W_]+(?:(?:[-'\u2019]|(?<=\d)[.,:](?=\d))[^\W_]+)*")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_LIST_NUMBER = re.compile(r"^[ \t>]*\d+[.)][ \t]", re.MULTILINE)


def count_words(text: str) -> int:
    r"""The number of words in plain text.

    No word runs across white space, so the text is taken a space-separated piece at a time:
    a piece of letters and digits only (``isalnum``, the pattern's ``[^\W_]``) is one word,
    and only the other pieces go through the pattern; on prose that is twice as fast.
    """
    pieces = text.split()
    odd = [piece for piece in pieces if not piece.isalnum()]
    if not odd:
        return len(pieces)
    return len(pieces) - len(odd) + len(_WORD.findall(" ".join(odd)))


def count_note_words(markdown_text: str) -> int:
    """The number of words a Markdown note shows: link targets and list numbers left out."""
    if not markdown_text:
        return 0
    shown = _LIST_NUMBER.sub(" ", _LINK_TARGET.sub("] ", markdown_text))
    return count_words(shown)


def count_notes_words(notes: Iterable[str]) -> int:
    """The words of many notes together."""
    return sum(count_note_words(note) for note in notes)


def count_document_words(document: BriefingDocument) -> int:
    """The words of the briefing as it exports: every block of its intermediate form, its
    tables' cells and the analyst's footnotes included (a footnote's mark is not a word)."""
    return sum(_runs_words(block.runs) + sum(_runs_words(cell) for row in block.rows
                                             for cell in row)
               for block in document.walk())


def _runs_words(runs: Iterable[Run]) -> int:
    return sum(_runs_words(run.footnote) if run.footnote is not None else count_words(run.text)
               for run in runs)


@dataclass(frozen=True)
class WordCount:
    """A number of words, or (``at_least``) a lower bound when the text was too long to count."""

    words: int
    at_least: bool = False

    def __add__(self, other: WordCount) -> WordCount:
        return WordCount(self.words + other.words, self.at_least or other.at_least)

    def label(self) -> str:
        """``"42 words"``, or ``"30000+ words"`` for a lower bound."""
        return f"{self.words}+ words" if self.at_least else words_label(self.words)


def _cut(text: str, limit: int) -> str:
    """``text`` up to ``limit`` characters, not ending inside a word."""
    cut = text[:limit]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    return cut[:space] if space > 0 else cut


def note_count(markdown_text: str, limit: int = NOTE_COUNT_LIMIT) -> WordCount:
    """A note's words; a note longer than ``limit`` characters gives a lower bound."""
    if len(markdown_text) > limit:
        return WordCount(count_note_words(_cut(markdown_text, limit)), at_least=True)
    return WordCount(count_note_words(markdown_text))


def document_count(document: BriefingDocument, limit: int = DOCUMENT_COUNT_LIMIT, *,
                   notes_cut: bool = False) -> WordCount:
    """The briefing's words, counted up to ``limit`` characters of text; ``notes_cut`` says the
    document was built with long notes cut short, so its count is a lower bound too."""
    words = 0
    budget = limit
    for block in document.walk():
        for run in block.runs:
            if len(run.text) > budget:
                return WordCount(words + count_words(_cut(run.text, budget)), at_least=True)
            budget -= len(run.text)
            words += count_words(run.text)
    return WordCount(words, at_least=notes_cut)


def words_label(count: int) -> str:
    """``"1 word"``, ``"42 words"``."""
    return f"{count} word" if count == 1 else f"{count} words"
