"""The named styles the Word writer uses, and finding them in a template.

Every paragraph and run the writer makes points to one of these styles, so an organisation
restyles its notes by editing its template's styles in Word or LibreOffice. python-docx would
silently ignore a style the document lacks; instead a missing style is copied from the built-in
``briefing-note`` template, with a warning naming it.

Styles are looked up by name, case-insensitively: Word stores its own styles' names in lower case
(``heading 1``, ``footnote text``) and LibreOffice may give the same style another id.
"""

from __future__ import annotations

import copy
import functools
import logging
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document
from lxml import etree

from briefing.core import paths
from briefing.core.errors import WarningSink
from briefing.core.export.docx_xml import W_VAL, w

logger = logging.getLogger(__name__)

FALLBACK_TEMPLATE = paths.BUILTIN_TEMPLATES / "briefing-note.docx"

TITLE = "Title"
SUBTITLE = "Subtitle"
BODY = "Body Text"
QUOTE = "Quote"
QUOTES = (QUOTE, "Quote 2", "Quote 3")
"""A quote, a quote in a quote, and anything deeper."""
RULE = "Horizontal Rule"
TABLE_HEADING = "Table Heading"
TABLE_TEXT = "Table Text"
CODE_BLOCK = "HTML Preformatted"
SOURCE_LINE = "Source Line"
SOURCE_ENTRY = "Source Entry"
NOTE_LABEL = "Note Label"
NOTE_TEXT = "Note Text"
FIELD_LABEL = "Field Label"
FIELD_VALUE = "Field Value"
FOOTNOTE_TEXT = "footnote text"
COMMENT_TEXT = "annotation text"
BULLETS = ("List Bullet", "List Bullet 2", "List Bullet 3")
NUMBERS = ("List Number", "List Number 2", "List Number 3")
HEADINGS = tuple(f"heading {level}" for level in range(1, 7))

HYPERLINK = "Hyperlink"
STRONG_HYPERLINK = "Strong Hyperlink"
STRONG = "Strong"
EMPHASIS = "Emphasis"
STRIKE = "Strikethrough"
EMPHASIS_STYLES: dict[tuple[bool, bool, bool], str] = {
    (True, False, False): STRONG,
    (False, True, False): EMPHASIS,
    (True, True, False): "Strong Emphasis",
    (False, False, True): STRIKE,
    (True, False, True): "Strong Strikethrough",
    (False, True, True): "Emphasis Strikethrough",
    (True, True, True): "Strong Emphasis Strikethrough",
}
"""The character style for each (bold, italic, struck out) mix: a run has one style only, and
direct formatting is never used, so every mix has its own named style."""
CODE = "HTML Code"
FOOTNOTE_REFERENCE = "footnote reference"
COMMENT_REFERENCE = "annotation reference"

DETAILS_TABLE = "Details Table"
NOTE_BOX = "Note Box"
NOTE_TABLE = "Note Table"
"""A table written in a note."""

PARAGRAPH_STYLES = (TITLE, SUBTITLE, BODY, *QUOTES, CODE_BLOCK, SOURCE_LINE, SOURCE_ENTRY,
                    NOTE_LABEL, NOTE_TEXT, FIELD_LABEL, FIELD_VALUE, FOOTNOTE_TEXT, COMMENT_TEXT,
                    RULE, TABLE_HEADING, TABLE_TEXT, *BULLETS, *NUMBERS, *HEADINGS)
CHARACTER_STYLES = (HYPERLINK, STRONG_HYPERLINK, *EMPHASIS_STYLES.values(), CODE,
                    FOOTNOTE_REFERENCE, COMMENT_REFERENCE)
TABLE_STYLES = (DETAILS_TABLE, NOTE_BOX, NOTE_TABLE)

NOTE_CONSTRUCT_STYLES = frozenset({
    *((name, "paragraph") for name in (SUBTITLE, *QUOTES[1:], RULE, TABLE_HEADING,
                                       TABLE_TEXT)),
    *((name, "character") for name in (STRONG_HYPERLINK, *EMPHASIS_STYLES.values())
      if name not in (STRONG, EMPHASIS)),
    (NOTE_TABLE, "table"),
})
"""Styles only some notes need (a second-language title, a nested quote, a table...): a
template made before they existed is warned about one of them only when a note uses it."""

WRITER_STYLES: tuple[tuple[str, str], ...] = (
    *((name, "paragraph") for name in PARAGRAPH_STYLES),
    *((name, "character") for name in CHARACTER_STYLES),
    *((name, "table") for name in TABLE_STYLES),
)
"""Every (style name, style type) the writer may use; each template should define them all."""

_W_STYLE = w("style")
_W_NAME = w("name")
_W_TYPE = w("type")
_W_STYLE_ID = w("styleId")
_W_BASED_ON = w("basedOn")
_W_NUMPR = w("numPr")
_W_PPR = w("pPr")


_ALIASES = {"comment text": "annotation text", "comment reference": "annotation reference"}
"""Names Word shows for styles it stores under another name."""


def _key(name: str) -> str:
    key = " ".join(name.lower().split())
    return _ALIASES.get(key, key)


def _styles_of(styles_element: etree._Element) -> Iterator[tuple[str, str, etree._Element]]:
    """(name key, type, element) for every style in a ``w:styles`` element."""
    for style in styles_element.iterchildren(_W_STYLE):
        name = style.find(_W_NAME)
        if name is not None and name.get(W_VAL):
            yield _key(name.get(W_VAL, "")), style.get(_W_TYPE, "paragraph"), style


@functools.lru_cache(maxsize=1)
def _fallback_styles() -> dict[tuple[str, str], etree._Element]:
    document = docx.Document(str(FALLBACK_TEMPLATE))
    return {(key, kind): style for key, kind, style in _styles_of(document.styles.element)}


def missing_styles(template: Path) -> list[tuple[str, str]]:
    """The writer's (name, type) pairs that the Word file ``template`` does not define."""
    return missing_in(docx.Document(str(template)))


def missing_in(document: Document) -> list[tuple[str, str]]:
    """The writer's (name, type) pairs that the open Word ``document`` does not define."""
    present = {(key, kind) for key, kind, _ in _styles_of(document.styles.element)}
    return [(name, kind) for name, kind in WRITER_STYLES if (_key(name), kind) not in present]


_SHOWN_STYLE_NAMES = {"annotation text": "Comment Text",
                      "annotation reference": "Comment Reference"}


def shown_style_name(name: str) -> str:
    """A style's name as Word and the template guide show it (``Footnote Text``), so a
    message names the style the user can find in the Styles pane."""
    return _SHOWN_STYLE_NAMES.get(name, name.title() if name.islower() else name)


class StyleMap:
    """Style ids of one document by style name, copying any missing style from the fallback."""

    def __init__(self, document: Document, template_name: str, warn: WarningSink) -> None:
        self._styles = document.styles.element
        self._template_name = template_name
        self._warn = warn
        self._ids: dict[tuple[str, str], str] = {}
        self._taken: set[str] = set()
        self._missing: list[str] | None = None
        """Collects missing style names while :meth:`prepare` runs."""
        for key, kind, style in _styles_of(self._styles):
            self._ids.setdefault((key, kind), style.get(_W_STYLE_ID, ""))
            self._taken.add(style.get(_W_STYLE_ID, ""))

    def paragraph(self, name: str) -> str:
        return self._id(name, "paragraph")

    def character(self, name: str) -> str:
        return self._id(name, "character")

    def table(self, name: str) -> str:
        return self._id(name, "table")

    def prepare(self) -> None:
        """Resolve the styles every note uses up front and warn once, naming all the missing
        ones (the :data:`NOTE_CONSTRUCT_STYLES` are resolved, and warned about, when used)."""
        self._missing = []
        for name, kind in WRITER_STYLES:
            if (name, kind) not in NOTE_CONSTRUCT_STYLES:
                self._id(name, kind)
        missing, self._missing = self._missing, None
        if missing:
            shown = ", ".join(repr(shown_style_name(name)) for name in missing)
            self._warn(f"template {self._template_name} lacks {len(missing)} of the styles "
                       f"the note uses ({shown}); the built-in ones are used. "
                       "Add them to the template to set their look")

    def _id(self, name: str, kind: str) -> str:
        found = self._ids.get((_key(name), kind))
        if found is not None:
            return found
        style_id = self._copy_fallback(name, kind)
        self._ids[(_key(name), kind)] = style_id
        return style_id

    def _copy_fallback(self, name: str, kind: str) -> str:
        source = _fallback_styles().get((_key(name), kind))
        if source is None:  # not in the fallback either: the document's default style is used
            self._warn(f"template {self._template_name} has no {kind} style {name!r}; "
                       "the default style is used")
            return ""
        if self._missing is not None:
            self._missing.append(name)
        else:
            self._warn(f"template {self._template_name} has no {kind} style "
                       f"{shown_style_name(name)!r}; using the built-in one (add the style to the "
                       "template to set its look)")
        style = copy.deepcopy(source)
        ppr = style.find(_W_PPR)
        numpr = ppr.find(_W_NUMPR) if ppr is not None else None
        if ppr is not None and numpr is not None:
            ppr.remove(numpr)  # the fallback's list numbering is not this document's
        based_on = style.find(_W_BASED_ON)
        if based_on is not None and based_on.get(W_VAL) not in self._taken:
            style.remove(based_on)
        style_id = str(style.get(_W_STYLE_ID, "")) or "Briefing"
        while style_id in self._taken:
            style_id += "Briefing"
        style.set(_W_STYLE_ID, style_id)
        self._styles.append(style)
        self._taken.add(style_id)
        return style_id
