"""``item.source_link`` in a Word template: the source with a real hyperlink to the article.

A narrow table column (the decision note's Source column) broke a long address mid-word, so
the field shows the source without its address and makes the article's title (else the
publisher, else the address, which may then break after its slashes) a link to it.

docxtpl writes a value as text where its tag stands, so rendering leaves a marker there and
:meth:`SourceLinks.place` then splits the run around each marker with lxml: the text before
and after keeps the run's formatting, and the XML stays whole whatever surrounds the tag.
"""

from __future__ import annotations

import copy
import re
import secrets
from collections.abc import Iterable
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from briefing.core.export.docx_xml import R_ID, W_R, W_RPR, W_T, XML_NS, add_text, run, w
from briefing.core.export.intermediate import clean_text
from briefing.core.export.template_context import TemplateItem

XML_SPACE = f"{{{XML_NS}}}space"
_BREAKABLE = "\u200b"
"""A zero-width space: lets a shown address break after a slash, not mid-word."""


class SourceLink:
    """One item's source as a template sees it: plain text to a filter (``| upper``), a
    marker for :class:`SourceLinks` where it is printed as it is."""

    # Private names only: the sandbox lets a template read public attributes.
    __slots__ = ("_links", "_parts", "_url")

    def __init__(self, links: SourceLinks, item: TemplateItem) -> None:
        self._links = links
        before, text, after = item.source_parts()
        self._parts = (clean_text(before), clean_text(text), clean_text(after))
        self._url = clean_text(item.url)

    def __str__(self) -> str:
        return "".join(self._parts)

    def __bool__(self) -> bool:
        return bool(str(self))

    def __html__(self) -> str:
        return self._links.marker(self._parts, self._url)


class SourceLinks:
    """The links of one rendering: their markers, then their placing in the document."""

    def __init__(self, template: Any, style_id: str | None) -> None:
        self._template = template  # docxtpl's: it knows the part being rendered
        self._style_id = style_id
        self._token = secrets.token_hex(6)
        self._pattern = re.compile(f"\ue000{self._token}:(\\d+)\ue001")
        self._made: list[tuple[str, str, str, str]] = []
        """(before, link text, after, relationship id) by marker number."""

    def link(self, item: TemplateItem) -> SourceLink:
        return SourceLink(self, item)

    def marker(self, parts: tuple[str, str, str], url: str) -> str:
        """A marker for the link; its relationship is made now, in the part being rendered
        (a header's link is the header's)."""
        before, text, after = parts
        if text == url:
            scheme, sep, rest = text.partition("://")
            text = scheme + sep + rest.replace("/", "/" + _BREAKABLE) if sep else text
        rel_id = self._template.current_rendering_part.relate_to(url, RT.HYPERLINK,
                                                                 is_external=True)
        self._made.append((before, text, after, rel_id))
        return f"\ue000{self._token}:{len(self._made) - 1}\ue001"

    def place(self, roots: Iterable[etree._Element]) -> None:
        """Turn each marker in these stories into its text and hyperlink."""
        if not self._made:
            return
        for root in roots:
            for t in [t for t in root.iter(W_T) if "\ue000" in (t.text or "")]:
                if t.getparent() is not None and t.getparent().tag == W_R:
                    self._split(t)

    def _split(self, t: etree._Element) -> None:
        """Split the run holding ``t`` at each marker: text runs in the run's own formatting,
        the links in the link style."""
        original = t.getparent()
        pieces = self._pattern.split(t.text or "")
        if len(pieces) == 1:
            return
        rest = list(t.itersiblings())  # what followed the text in its run (a break ...)
        if pieces[0]:
            t.text = pieces[0]
            t.set(XML_SPACE, "preserve")
        else:
            original.remove(t)
        last = original
        for index, piece in enumerate(pieces[1:], start=1):
            if index % 2:
                before, text, after, rel_id = self._made[int(piece)]
                last = self._text_run(last, original, before)
                link = etree.Element(w("hyperlink"))
                link.set(R_ID, rel_id)
                link.set(w("history"), "1")
                run(link, text, style_id=self._style_id)
                last.addnext(link)
                last = self._text_run(link, original, after)
            else:
                last = self._text_run(last, original, piece)
        if rest and last.tag != W_R:  # the link ends the text: what followed goes in a run after it
            last = self._text_run(last, original, "", always=True)
        for element in rest:
            last.append(element)

    @staticmethod
    def _text_run(after: etree._Element, original: etree._Element, text: str, *,
                  always: bool = False) -> etree._Element:
        """A run of ``text`` in ``original``'s formatting after ``after`` (none when empty,
        unless ``always``)."""
        if not text and not always:
            return after
        new = etree.Element(W_R)
        properties = original.find(W_RPR)
        if properties is not None:
            new.append(copy.deepcopy(properties))
        add_text(new, text)
        after.addnext(new)
        return new
