"""One build of the briefing for both the page fit and the word counts of the same outline.

After an edit the Preview (page fit) and the status bar's counts each build the note's
intermediate form from their own copy of the outline, one after the other on the background
thread; on a large outline a build is a quarter of a second of the interpreter. The copies
hold the same outline, so the second build would give the same document: :func:`built`
keeps the last one and hands it out once more when the outline, the template and what the
note limit cuts are all the same, then lets it go (kept on, its few hundred thousand objects
would be walked by each pass of the cyclic collector, a stall of the window each time).
Parse once, write many: the document is only read afterwards.

Only a copy that no edit changes afterwards may be given (the background jobs' snapshots):
the kept outline is what the next one is compared with. The Preview's note limit is lower
than the counts' one; a document built with either is the same whenever no note is longer
than both, which :func:`longest_note` tells.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, fields
from itertools import zip_longest
from operator import attrgetter
from typing import TYPE_CHECKING

from briefing.core.model import Article, Outline, Section
from briefing.core.pauses import Pause

if TYPE_CHECKING:
    from briefing.core.export.intermediate import BriefingDocument
    from briefing.core.templates import TemplateSpec

_article_key = attrgetter(*(field.name for field in fields(Article)
                            if field.compare and field.name != "sections"))
_section_key = attrgetter(*(field.name for field in fields(Section)
                            if field.compare and field.name != "sections"))
"""What is compared of each article and section; subsections are compared one by one."""


@dataclass(frozen=True)
class _Build:
    outline: Outline
    spec: TemplateSpec
    note_limit: int
    longest_note: int
    document: BriefingDocument

    def serves(self, outline: Outline, spec: TemplateSpec, note_limit: int,
               longest: int) -> bool:
        """Whether this build is the document that building ``outline`` would give."""
        limits_agree = note_limit == self.note_limit or longest <= min(note_limit,
                                                                      self.note_limit)
        return (limits_agree and longest == self.longest_note and spec == self.spec
                and same_content(outline, self.outline))


_lock = threading.Lock()
_last: _Build | None = None


def built(outline: Outline, spec: TemplateSpec, note_limit: int,
          pause: Pause | None = None) -> BriefingDocument:
    """The briefing built from ``outline`` (a snapshot) for ``spec`` with ``note_limit``,
    as :func:`~briefing.core.export.document.build_document` gives it (``pause`` between its
    steps); the last build again when it would be the same. The document is shared: read it,
    never change it."""
    from briefing.core.export.document import build_document

    global _last
    longest = longest_note(outline)
    with _lock:
        last = _last
    if last is not None and last.serves(outline, spec, note_limit, longest):
        forget()  # both have had it: kept longer, its many objects would only burden the collector
        return last.document
    document = build_document(outline, spec, note_limit=note_limit, pause=pause)
    with _lock:
        _last = _Build(outline, spec, note_limit, longest, document)
    return document


def forget() -> None:
    """Drop the kept build (its outline and document are large)."""
    global _last
    with _lock:
        _last = None


def longest_note(outline: Outline) -> int:
    """The length of the longest text a note limit could cut: the briefing's own parts and
    every section's and excerpt's note."""
    details = outline.briefing
    lengths = [len(details.purpose), len(details.summary), len(details.recommendation)]
    lengths.extend(len(section.note) for _article, section in outline.walk())
    lengths.extend(len(excerpt.note) for _article, excerpt in outline.excerpts())
    return max(lengths)


def same_content(one: Outline, other: Outline) -> bool:
    """Whether two outlines hold the same text, details, picks and excerpts, section by
    section (without recursion: an outline can be deeply nested)."""
    if one is other:
        return True
    if (one.title, one.briefing) != (other.title, other.briefing) \
            or len(one.articles) != len(other.articles):
        return False
    for mine, theirs in zip(one.articles, other.articles, strict=True):
        if _article_key(mine) != _article_key(theirs):
            return False
        for section, twin in zip_longest(mine.walk(), theirs.walk()):
            if section is None or twin is None or not _same_section(section, twin):
                return False
    return True


def _same_section(one: Section, other: Section) -> bool:
    """The section's own fields alike and as many subsections (which the walk compares)."""
    return len(one.sections) == len(other.sections) and _section_key(one) == _section_key(other)
