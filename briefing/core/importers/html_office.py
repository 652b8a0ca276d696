"""Reading the HTML that Word and Outlook write: Office's own markup rewritten as plain markup.

Word and Outlook put their own HTML on the clipboard and write it when a document is saved as a
web page. It says little with tags: the title is a ``<p class=MsoTitle>``, a list is a run of
``<p class=MsoListParagraph… style='mso-list:l0 level1 lfo1'>`` paragraphs whose bullet or
number is text in a ``<span style='mso-list:Ignore'>`` (inside ``<![if !supportLists]>``), and
``<o:p>`` elements and ``&nbsp;`` paragraphs hold the spacing. :func:`rewrite_office` turns that
into the markup every other source uses (``<h1>``…, ``<ul>``/``<ol>`` nested by level, ``<li>``),
so the usual walk (:mod:`html_walk`) reads it; nothing here decides what is furniture.

Office markup is recognised by the ``urn:schemas-microsoft-com:office`` namespaces, a
``ProgId`` or ``Generator`` ``<meta>`` naming Word or Outlook, ``Mso`` classes or ``mso-list``
styles. A web page whose text was once pasted from Word keeps ``MsoNormal`` classes in its
article; only a document that Office wrote whole (:func:`is_office_document`) is read without
looking for the article in a site around it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

_SNIFF_CHARS = 200_000
"""Office writes its namespaces and ``<meta>`` first; its classes appear from the first block."""
_DOCUMENT_SIGNS = re.compile(
    r"<meta\b[^>]*\bname\s*=\s*[\"']?(?:ProgId|Generator)\b[^>]*\b(?:Word|Outlook)\b",
    re.IGNORECASE)
"""What only a document Word or Outlook wrote whole carries: a ``<meta>`` naming it (a web site
made with another Office tool may declare Office's namespaces too)."""
_MARKUP_SIGNS = re.compile(r"urn:schemas-microsoft-com:office:(?:office|word)"
                           r"|\bclass\s*=\s*[\"']?Mso[A-Z]|mso-list\s*:", re.IGNORECASE)
_LIST_STYLE = re.compile(r"mso-list\s*:\s*l(\d+)\s+level(\d+)", re.IGNORECASE)
_IGNORE_STYLE = re.compile(r"mso-list\s*:\s*ignore", re.IGNORECASE)
_HEADING_CLASS = re.compile(r"^MsoHeading([1-6])$", re.IGNORECASE)
_NUMBER_MARKER = re.compile(
    r"^\(?(?:\d+(?:\.\d+)*|[a-z]|[ivxlcdm]+)[.)]\)?$|^\d+(?:\.\d+)*$", re.IGNORECASE)
"""A list number as Word writes it: ``1.``, ``2.3.``, ``a)``, ``(iv)``, ``B.``; anything else
(Symbol's ``·``, Courier's ``o``, Wingdings' ``§`` or ``Ø``) is a bullet."""
_PADDING_STYLE = re.compile(r"font\s*:\s*7(?:\.0)?pt", re.IGNORECASE)
"""The span of spaces Word sets between a list marker and the item's text."""
_INDENT_STYLE = re.compile(r"margin-left\s*:\s*(\d+(?:\.\d+)?)\s*(pt|cm|in|mm)", re.IGNORECASE)
_POINTS = {"pt": 1.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "in": 72.0}
_POINTS_PER_LEVEL = 36.0
_HANGING = re.compile(r"text-indent\s*:\s*-", re.IGNORECASE)
"""A list paragraph hangs its marker out to the left of its text."""
_SYMBOL_FONT = re.compile(r"font-family\s*:\s*[\"']?(?:Symbol|Wingdings|Courier New)",
                          re.IGNORECASE)
_SUPPORT_LISTS = re.compile(r"^\[?if !supportLists\]?$", re.IGNORECASE)
_SUPPORT_FIELDS = re.compile(r"^\[?if supportFields\]?$", re.IGNORECASE)
_END_IF = re.compile(r"^\[?endif\]?$", re.IGNORECASE)


@dataclass
class OfficeParts:
    """What the rewrite took out of the markup for the article's details."""

    subtitle: str = ""
    """The document's ``MsoSubtitle`` paragraph: the article's standfirst."""


def is_office_markup(html: str) -> bool:
    """Whether ``html`` holds markup that Word or Outlook wrote (a whole document or a part)."""
    head = html[:_SNIFF_CHARS]
    return bool(_DOCUMENT_SIGNS.search(head) or _MARKUP_SIGNS.search(head))


def is_office_document(html: str) -> bool:
    """Whether ``html`` is a document Word or Outlook wrote whole (a copy or a saved page),
    rather than a web page that holds some text once pasted from Word."""
    return bool(_DOCUMENT_SIGNS.search(html[:_SNIFF_CHARS]))


def rewrite_office(root: Any) -> OfficeParts:
    """Rewrite Office's markup under ``root`` (an lxml HTML element) in place as plain markup.

    ``MsoTitle`` becomes an ``<h1>`` (the headline, as the first heading), ``MsoHeadingN`` an
    ``<hN>``, the Quote styles ``<blockquote>``, ``MsoCaption`` a ``caption``, runs of list
    paragraphs nested ``<ul>``/``<ol>`` lists without their markers; the ``MsoSubtitle``
    paragraph is taken out and returned; a table of contents (``MsoToc`` paragraphs) becomes a
    ``toc`` box, and field codes (``<![if supportFields]>``) go. Call it before
    :func:`html_text.strip_invisible`, which removes the conditional comments.
    """
    parts = OfficeParts()
    _drop_field_codes(root)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag == "o:p" and not (element.text or "").strip() and len(element) == 0:
            element.drop_tree()
            continue
        classes = (element.get("class") or "").split()
        if "MsoTitle" in classes:
            element.tag = "h1"
        elif "MsoQuote" in classes or "MsoIntenseQuote" in classes:
            element.tag = "blockquote"
        elif "MsoCaption" in classes:
            element.set("class", "caption")
        elif "MsoSubtitle" in classes:
            if not parts.subtitle:
                parts.subtitle = _text(element)
            element.drop_tree()
        else:
            ranks = [match.group(1) for match in map(_HEADING_CLASS.match, classes) if match]
            if ranks:
                element.tag = f"h{ranks[0]}"
    for paragraphs in _list_runs(root):
        _make_lists(paragraphs)
    _box_tables_of_contents(root)
    return parts


def _drop_field_codes(root: Any) -> None:
    """Remove what lies between ``<![if supportFields]>`` and its ``<![endif]>``: the codes of
    Word's fields (``TOC \\o "1-3"``, ``REF _Ref12``), which Word reads and no reader sees."""
    from lxml import etree

    for comment in list(root.iter(etree.Comment)):
        if not _SUPPORT_FIELDS.match((comment.text or "").strip()):
            continue
        inside: list[Any] = []
        sibling = comment.getnext()
        while sibling is not None and not (sibling.tag is etree.Comment
                                           and _END_IF.match((sibling.text or "").strip())):
            inside.append(sibling)
            sibling = sibling.getnext()
        if sibling is None:
            continue  # the field ends in another element: leave it rather than lose text
        comment.tail = None
        for node in inside:
            node.getparent().remove(node)


def _box_tables_of_contents(root: Any) -> None:
    """Put each run of ``MsoToc…`` paragraphs (with the ``MsoTocHeading`` above them) in a
    ``<div class="toc">``, the box a web page's table of contents is."""
    runs: list[list[Any]] = []
    for element in list(root.iter("p")):
        if not (element.get("class") or "").startswith("MsoToc"):
            continue
        if runs and _follows(runs[-1][-1], element):
            runs[-1].append(element)
        else:
            runs.append([element])
    for run in runs:
        box = run[0].makeelement("div", {"class": "toc"})
        run[0].addprevious(box)
        box.tail, run[-1].tail = run[-1].tail, None
        for element in run:
            box.append(element)


@dataclass
class _ListParagraph:
    element: Any
    level: int
    marker: str
    """The bullet or number Word drew ("·", "1.", "a)")."""
    drops: list[Any]
    """The elements that hold the marker and its padding."""
    text_is_marker: bool = False
    """Whether the paragraph's own leading text is the marker (a filtered page's ``1.``)."""


def _list_paragraph(element: Any) -> _ListParagraph | None:
    """A paragraph Word made a list item of, with its level and marker; None for any other.

    Word marks it with ``mso-list:l0 level2 lfo1`` and puts the marker in a ``mso-list:Ignore``
    span; a page saved "filtered" keeps neither, only the marker before a 7-point padding span
    and the indent (36 points a level).
    """
    style = element.get("style") or ""
    listed = _LIST_STYLE.search(style)
    if listed is not None:
        drops = [node for node in element.iter("span")
                 if _IGNORE_STYLE.search(node.get("style") or "")]
        marker = " ".join(_text(node) for node in drops)
        if not drops:
            drops = _between_list_comments(element)
            marker = " ".join(_text(node) for node in drops)
        return _ListParagraph(element, max(1, int(listed.group(2))), marker, drops)
    if not (element.get("class") or "").startswith("Mso") or not _HANGING.search(style):
        return None
    padding = next((node for node in element.iter("span")
                    if _PADDING_STYLE.search(node.get("style") or "")
                    and not _text(node)), None)
    if padding is None:
        return None
    holder = padding
    while holder.getparent() is not element:
        holder = holder.getparent()
    marker = " ".join(((element.text or "") + holder.text_content()).split())
    if holder.getprevious() is not None or not _is_marker(marker, holder):
        return None
    indent = _INDENT_STYLE.search(style)
    points = float(indent.group(1)) * _POINTS[indent.group(2).lower()] if indent else 0.0
    level = max(1, round(points / _POINTS_PER_LEVEL))
    return _ListParagraph(element, level, marker, [holder], text_is_marker=True)


def _is_marker(marker: str, holder: Any) -> bool:
    """Whether the text before a filtered page's padding span is a list's number or bullet:
    a number, a sign, or a letter in a font of symbols (Wingdings' ``§``, Courier's ``o``)."""
    if _NUMBER_MARKER.match(marker):
        return True
    if len(marker) != 1:
        return False
    if not marker.isalnum():
        return True
    fonts = " ".join(node.get("style") or "" for node in holder.iter())
    return bool(_SYMBOL_FONT.search(fonts))


def _list_runs(root: Any) -> list[list[_ListParagraph]]:
    """Runs of sibling list paragraphs (with only spacing between them), in document order."""
    runs: list[list[_ListParagraph]] = []
    current: list[_ListParagraph] = []
    for element in list(root.iter("p")):
        item = _list_paragraph(element)
        if item is None:
            continue
        if current and not _follows(current[-1].element, element):
            runs.append(current)
            current = []
        current.append(item)
    if current:
        runs.append(current)
    return runs


def _follows(previous: Any, element: Any) -> bool:
    """Whether ``element`` comes right after ``previous`` with only spacing between them."""
    if (previous.tail or "").strip():
        return False
    sibling = previous.getnext()
    while sibling is not None and sibling is not element:
        if isinstance(sibling.tag, str) or (sibling.tail or "").strip():
            return False
        sibling = sibling.getnext()
    return sibling is element


def _make_lists(run: list[_ListParagraph]) -> None:
    """Replace a run of list paragraphs by lists nested by level, each paragraph an item."""
    first = run[0].element
    parent = first.getparent()
    anchor = first.makeelement("div", {})
    parent.insert(parent.index(first), anchor)
    anchor.tail = None
    stack: list[tuple[int, bool, Any]] = []
    """The open lists: level, numbered, and the list element."""
    for item in run:
        numbered = bool(_NUMBER_MARKER.match(item.marker))
        while stack and (stack[-1][0] > item.level
                         or (stack[-1][0] == item.level and stack[-1][1] != numbered)):
            stack.pop()
        if not stack or stack[-1][0] < item.level:
            new_list = first.makeelement("ol" if numbered else "ul", {})
            if stack and len(stack[-1][2]):
                stack[-1][2][-1].append(new_list)
            else:
                anchor.append(new_list)
            stack.append((item.level, numbered, new_list))
        stack[-1][2].append(_list_item(item))
    tail = run[-1].element.tail
    for item in run:
        item.element.getparent().remove(item.element)
    anchor.tail = tail
    anchor.drop_tag()


def _list_item(item: _ListParagraph) -> Any:
    """An ``<li>`` holding a list paragraph's content without its marker and padding."""
    paragraph = item.element
    if item.text_is_marker:
        paragraph.text = None
    for node in item.drops:
        node.drop_tree()
    list_item = paragraph.makeelement("li", {})
    list_item.text = paragraph.text
    for child in list(paragraph):
        list_item.append(child)
    return list_item


def _between_list_comments(paragraph: Any) -> list[Any]:
    """The elements between ``<![if !supportLists]>`` and ``<![endif]>``: the marker that a
    browser shows and Word draws itself."""
    from lxml import etree

    inside = False
    found: list[Any] = []
    for child in paragraph:
        if child.tag is etree.Comment:
            text = (child.text or "").strip()
            if _SUPPORT_LISTS.match(text):
                inside = True
            elif _END_IF.match(text):
                inside = False
        elif inside:
            found.append(child)
    return found


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())
