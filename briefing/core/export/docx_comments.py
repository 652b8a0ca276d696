"""Real Word comments: the analyst's note beside the text it is about, in the margin.

The comments part is python-docx's own (``Document.comments`` creates it when the template has
none); the comment's paragraphs are built by the writer. A comment is anchored on a range of the
body: ``w:commentRangeStart`` at the start of the first paragraph, ``w:commentRangeEnd`` at the end
of the last, and a run with ``w:commentReference`` right after the end.
"""

from __future__ import annotations

import datetime as dt

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from lxml import etree

from briefing.core.export.docx_xml import W_ID, W_PPR, W_R, W_RPR, W_RSTYLE, W_VAL, w

_W_COMMENT = w("comment")


def _initials(author: str) -> str:
    return "".join(word[0] for word in author.split() if word[:1].isalpha())[:4].upper()


class Comments:
    """Adds comments to a document and anchors them on body paragraphs."""

    def __init__(self, document: Document, author: str, reference_style: str) -> None:
        document.comments  # noqa: B018 - creates the comments part when the template has none
        self.part: Part = document.part.part_related_by(RT.COMMENTS)
        self._root = self.part.element  # type: ignore[attr-defined]
        self._author = author or "Briefing"
        self._initials = _initials(self._author) or "B"
        self._date = dt.datetime.now(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._reference_style = reference_style
        ids = [int(c.get(W_ID)) for c in self._root.iterchildren(_W_COMMENT)
               if (c.get(W_ID) or "").isdigit()]
        self._next_id = max(ids, default=-1) + 1
        self._marks: dict[int, list[etree._Element]] = {}
        """The elements carrying each added comment's id, for :meth:`renumber`."""

    def add(self, paragraphs: list[etree._Element]) -> int:
        """A new comment holding ``paragraphs``; returns its id.

        The first paragraph gets the comment's own mark (``w:annotationRef``) at its start.
        """
        comment_id = self._next_id
        self._next_id += 1
        comment = etree.SubElement(self._root, _W_COMMENT)
        comment.set(W_ID, str(comment_id))
        self._marks[comment_id] = [comment]
        comment.set(w("author"), self._author)
        comment.set(w("date"), self._date)
        comment.set(w("initials"), self._initials)
        if not paragraphs:
            paragraphs = [etree.Element(w("p"))]
        first = paragraphs[0]
        mark = self._styled_run()
        etree.SubElement(mark, w("annotationRef"))
        ppr = first.find(W_PPR)
        if ppr is not None:
            ppr.addnext(mark)
        else:
            first.insert(0, mark)
        for p in paragraphs:
            comment.append(p)
        return comment_id

    def anchor(self, first: etree._Element, last: etree._Element, comment_id: int) -> None:
        """Anchor comment ``comment_id`` on the paragraphs from ``first`` to ``last``."""
        start = etree.Element(w("commentRangeStart"))
        start.set(W_ID, str(comment_id))
        ppr = first.find(W_PPR)
        if ppr is not None:
            ppr.addnext(start)
        else:
            first.insert(0, start)
        end = etree.SubElement(last, w("commentRangeEnd"))
        end.set(W_ID, str(comment_id))
        reference = self._styled_run()
        mark = etree.SubElement(reference, w("commentReference"))
        mark.set(W_ID, str(comment_id))
        last.append(reference)
        self._marks[comment_id] += [start, end, mark]

    def renumber(self, first_id: int) -> None:
        """Give the added comments ids from ``first_id`` on.

        Word keeps comment and footnote ids apart, but LibreOffice (7.4) shows the wrong footnote
        text when a comment has the same id as a footnote; ids above every footnote's avoid it.
        """
        for offset, comment_id in enumerate(sorted(self._marks)):
            for element in self._marks[comment_id]:
                element.set(W_ID, str(first_id + offset))

    def _styled_run(self) -> etree._Element:
        r = etree.Element(W_R)
        if self._reference_style:
            rpr = etree.SubElement(r, W_RPR)
            etree.SubElement(rpr, W_RSTYLE).set(W_VAL, self._reference_style)
        return r
