"""Replacing a term in the analyst's notes: the plain-Python half of Edit → Replace.

The GUI's find bar searches with Qt; these functions follow the same rules (a literal term, case
folded unless asked, "whole words" meaning no letter or digit touches the match on either side),
so "All Notes" replaces what the bar would have found in each note.
"""

from __future__ import annotations

import re

from briefing.core.model import Excerpt, Outline, Section

_WORD_CHAR = r"[^\W_]"
"""A letter or a digit (Python's ``\\w`` without the underscore), as Qt's whole-word search."""


def term_pattern(term: str, *, case_sensitive: bool, whole_words: bool) -> re.Pattern[str]:
    """The term as a literal regular expression with the find bar's options."""
    pattern = re.escape(term)
    if whole_words:
        pattern = f"(?<!{_WORD_CHAR}){pattern}(?!{_WORD_CHAR})"
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


def replace_text(text: str, term: str, replacement: str, *, case_sensitive: bool = False,
                 whole_words: bool = False) -> tuple[str, int]:
    """``text`` with every match of ``term`` replaced (literally), and the number replaced."""
    if not term:
        return text, 0
    pattern = term_pattern(term, case_sensitive=case_sensitive, whole_words=whole_words)
    return pattern.subn(lambda _match: replacement, text)


def replace_in_notes(outline: Outline, term: str, replacement: str, *,
                     case_sensitive: bool = False,
                     whole_words: bool = False) -> tuple[dict[str, str], int]:
    """The new note of every section and excerpt whose note has the term (by id), and the
    number of matches replaced; the outline itself is not changed."""
    notes: dict[str, str] = {}
    total = 0
    noted: list[Section | Excerpt] = [section for _article, section in outline.walk()]
    noted.extend(excerpt for _article, excerpt in outline.excerpts())
    for item in noted:
        if not item.note:
            continue
        new, count = replace_text(item.note, term, replacement,
                                  case_sensitive=case_sensitive, whole_words=whole_words)
        if count:
            notes[item.id] = new
            total += count
    return notes, total
