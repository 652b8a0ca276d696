"""Real Word lists: numbering definitions (``w:abstractNum`` / ``w:num``) for the writer's lists.

Bullets and numbers follow the template: when its ``List Bullet`` / ``List Number`` styles are
tied to a numbering definition (as the built-in templates' are, and as Word does when a list
style is given a bullet), that definition is used, so the bullet glyphs and indents are the
organisation's. A template without one gets a plain multi-level definition added. Each numbered
list gets its own ``w:num`` with every level restarted at 1, so a second list does not carry on
counting from the first.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.parser import parse_xml
from docx.parts.numbering import NumberingPart
from lxml import etree

from briefing.core.export.docx_styles import BULLETS, NUMBERS
from briefing.core.export.docx_xml import W_NS, W_VAL, sub, w

_W_NUM = w("num")
_W_NUM_ID = w("numId")
_W_ABSTRACT = w("abstractNum")
_W_ABSTRACT_ID = w("abstractNumId")
_W_STYLE = w("style")
_W_NAME = w("name")
_W_PPR = w("pPr")
_W_NUMPR = w("numPr")
LEVELS = 9


def numbering_element(document: Document) -> etree._Element:
    """The document's ``w:numbering``; a numbering part is added when the template has none.

    Word and LibreOffice leave the part out of a document that has never had a list, and
    python-docx cannot create one (``NumberingPart.new`` is not implemented).
    """
    main = document.part
    for rel in main.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return document.part.numbering_part.element
    partname = PackURI("/word/numbering.xml")
    taken = {part.partname for part in main.package.iter_parts()}
    if partname in taken:
        partname = main.package.next_partname("/word/numbering%d.xml")
    element = parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>'.encode())
    part = NumberingPart(partname, CT.WML_NUMBERING, element, main.package)
    main.relate_to(part, RT.NUMBERING)
    return element


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0


class ListNumbering:
    """Gives the writer a ``numId`` for each list, adding definitions to the numbering part."""

    def __init__(self, document: Document) -> None:
        self._numbering = numbering_element(document)
        self._styles = document.styles.element
        self._next_num = 1 + max((_int(n.get(_W_NUM_ID)) for n in
                                  self._numbering.iterchildren(_W_NUM)), default=0)
        self._next_abstract = 1 + max((_int(a.get(_W_ABSTRACT_ID)) for a in
                                       self._numbering.iterchildren(_W_ABSTRACT)), default=-1)
        self._bullet_abstract: int | None = None
        self._number_abstract: int | None = None
        self._bullet_num: int | None = None
        self._lists: dict[int, int] = {}

    def bullet_list(self) -> int:
        """The ``numId`` for bullet items (bullets need no restart, so all lists share it)."""
        if self._bullet_num is None:
            if self._bullet_abstract is None:
                self._bullet_abstract = self._style_abstract(BULLETS[0], bullet=True)
            self._bullet_num = self._add_num(self._bullet_abstract, restart=False)
        return self._bullet_num

    def numbered_list(self, list_id: int) -> int:
        """The ``numId`` of numbered list ``list_id``: a new one, restarted at 1, per list."""
        num_id = self._lists.get(list_id)
        if num_id is None:
            if self._number_abstract is None:
                self._number_abstract = self._style_abstract(NUMBERS[0], bullet=False)
            num_id = self._add_num(self._number_abstract, restart=True)
            self._lists[list_id] = num_id
        return num_id

    def _style_abstract(self, style_name: str, *, bullet: bool) -> int:
        """The abstract definition the template's list style uses, else a new one."""
        num_id = self._style_num_id(style_name)
        if num_id is not None:
            for num in self._numbering.iterchildren(_W_NUM):
                if _int(num.get(_W_NUM_ID)) == num_id:
                    abstract = num.find(_W_ABSTRACT_ID)
                    if abstract is not None:
                        return _int(abstract.get(W_VAL))
        return self._add_abstract(bullet=bullet)

    def _style_num_id(self, style_name: str) -> int | None:
        for style in self._styles.iterchildren(_W_STYLE):
            name = style.find(_W_NAME)
            if name is None or name.get(W_VAL, "").lower() != style_name.lower():
                continue
            num_id = style.find(f"{_W_PPR}/{_W_NUMPR}/{_W_NUM_ID}")
            if num_id is not None and _int(num_id.get(W_VAL)) > 0:
                return _int(num_id.get(W_VAL))
        return None

    def _add_abstract(self, *, bullet: bool) -> int:
        abstract_id = self._next_abstract
        self._next_abstract += 1
        abstract = etree.Element(_W_ABSTRACT)
        abstract.set(_W_ABSTRACT_ID, str(abstract_id))
        sub(abstract, "multiLevelType", val="hybridMultilevel")
        glyphs = ("\u2022", "\u2013", "\u25aa")
        formats = ("decimal", "lowerLetter", "lowerRoman")
        for level in range(LEVELS):
            lvl = sub(abstract, "lvl", ilvl=str(level))
            sub(lvl, "start", val="1")
            if bullet:
                sub(lvl, "numFmt", val="bullet")
                sub(lvl, "lvlText", val=glyphs[level % 3])
            else:
                sub(lvl, "numFmt", val=formats[level % 3])
                sub(lvl, "lvlText", val=f"%{level + 1}.")
            sub(lvl, "lvlJc", val="left")
            sub(sub(lvl, "pPr"), "ind", left=str(360 + 360 * level), hanging="360")
        # Schema order: every abstractNum comes before the first num.
        first_num = self._numbering.find(_W_NUM)
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self._numbering.append(abstract)
        return abstract_id

    def _add_num(self, abstract_id: int, *, restart: bool) -> int:
        num_id = self._next_num
        self._next_num += 1
        num = sub(self._numbering, "num", numId=str(num_id))
        sub(num, "abstractNumId", val=str(abstract_id))
        if restart:
            for level in range(LEVELS):
                override = sub(num, "lvlOverride", ilvl=str(level))
                sub(override, "startOverride", val="1")
        return num_id


def set_numbering(p: etree._Element, num_id: int, level: int) -> None:
    """Make paragraph ``p`` an item of list ``num_id`` at nesting ``level`` (from 0)."""
    ppr = p.find(_W_PPR)
    if ppr is None:
        ppr = etree.Element(_W_PPR)
        p.insert(0, ppr)
    numpr = etree.Element(_W_NUMPR)
    etree.SubElement(numpr, w("ilvl")).set(W_VAL, str(min(max(level, 0), LEVELS - 1)))
    etree.SubElement(numpr, _W_NUM_ID).set(W_VAL, str(num_id))
    style = ppr.find(w("pStyle"))
    # Schema order inside pPr: pStyle, keepNext..., numPr, ...
    if style is not None:
        style.addnext(numpr)
    else:
        ppr.insert(0, numpr)
