"""Counting words the way a reader would: in a note as typed and in the briefing as exported.

A word is a run of letters or digits; an apostrophe or hyphen inside one ("don't", "long-term")
and a decimal point or separator between digits ("1.9", "2,000") keep it one word, and a web
address is one word. In a note, a link's target (``[text](https://...)``) and list numbers are
Markdown, not words, and are not counted. The exported briefing is counted from its intermediate
form (:func:`briefing.core.export.document.build_document`): every block's text, including a
note placed as a comment or box; footnote citations are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.core.export.intermediate import BriefingDocument

_WORD = re.compile(r"\S+://\S+|[^\W_]+(?:(?:[-'\u2019]|(?<=\d)[.,:](?=\d))[^\W_]+)*")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_LIST_NUMBER = re.compile(r"^[ \t>]*\d+[.)][ \t]", re.MULTILINE)


def count_words(text: str) -> int:
    """The number of words in plain text."""
    return sum(1 for _ in _WORD.finditer(text))


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
    """The words of the briefing as it exports: every block of its intermediate form."""
    return sum(count_words(run.text) for block in document.walk() for run in block.runs)


def words_label(count: int) -> str:
    """``"1 word"``, ``"42 words"``."""
    return f"{count} word" if count == 1 else f"{count} words"
