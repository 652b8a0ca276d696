"""Small builders for WordprocessingML elements, made with lxml directly.

python-docx's ``add_paragraph`` rescans the whole body on every call, which makes a long export
quadratic; the writer builds elements with these helpers instead and appends them itself.
"""

from __future__ import annotations

from lxml import etree

from briefing.core.export.document import clean_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"

_SPACE = f"{{{XML_NS}}}space"


def w(tag: str) -> str:
    """The Clark name of a ``w:`` element or attribute: ``w("p")`` is ``{...main}p``."""
    return f"{{{W_NS}}}{tag}"


W_P = w("p")
W_PPR = w("pPr")
W_PSTYLE = w("pStyle")
W_R = w("r")
W_RPR = w("rPr")
W_RSTYLE = w("rStyle")
W_T = w("t")
W_VAL = w("val")
W_ID = w("id")
W_TAB = w("tab")
W_BR = w("br")
W_B = w("b")
W_I = w("i")
W_TBL = w("tbl")
W_SECTPR = w("sectPr")
R_ID = f"{{{R_NS}}}id"


def element(tag: str, **attributes: str) -> etree._Element:
    """A ``w:`` element with ``w:`` attributes (``element("jc", val="center")``)."""
    node = etree.Element(w(tag))
    for name, value in attributes.items():
        node.set(w(name), value)
    return node


def sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    """Append a new ``w:`` child with ``w:`` attributes and return it."""
    node = etree.SubElement(parent, w(tag))
    for name, value in attributes.items():
        node.set(w(name), value)
    return node


def paragraph(style_id: str | None) -> etree._Element:
    """An empty ``w:p`` pointing at a paragraph style."""
    p = etree.Element(W_P)
    if style_id:
        ppr = etree.SubElement(p, W_PPR)
        etree.SubElement(ppr, W_PSTYLE).set(W_VAL, style_id)
    return p


def paragraph_properties(p: etree._Element) -> etree._Element:
    """The paragraph's ``w:pPr``, added as its first child when missing."""
    ppr = p.find(W_PPR)
    if ppr is None:
        ppr = etree.Element(W_PPR)
        p.insert(0, ppr)
    return ppr


def add_text(run: etree._Element, text: str) -> None:
    """Append ``text`` to a run as ``w:t`` (and ``w:tab`` for tabs), made XML-safe."""
    text = clean_text(text)
    pieces = text.split("\t") if "\t" in text else (text,)
    for index, piece in enumerate(pieces):
        if index:
            etree.SubElement(run, W_TAB)
        if piece:
            t = etree.SubElement(run, W_T)
            t.text = piece
            if piece[0] == " " or piece[-1] == " ":
                t.set(_SPACE, "preserve")


def run(parent: etree._Element, text: str, *, style_id: str | None = None) -> etree._Element:
    """Append a run to ``parent``, in a character style when given (never direct formatting:
    an organisation restyles its notes through the template's styles)."""
    r = etree.SubElement(parent, W_R)
    if style_id:
        etree.SubElement(etree.SubElement(r, W_RPR), W_RSTYLE).set(W_VAL, style_id)
    add_text(r, text)
    return r


def line_break(parent: etree._Element) -> None:
    """Append a run holding a line break (``w:br``)."""
    etree.SubElement(etree.SubElement(parent, W_R), W_BR)


def paragraph_text(p: etree._Element) -> str:
    """The visible text of a paragraph (``w:t`` only), for tests and placeholder search."""
    return "".join(t.text or "" for t in p.iter(W_T))
