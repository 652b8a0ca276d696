"""Real Word footnotes, written through python-docx's XML layer (it has no footnote API).

The footnotes live in ``/word/footnotes.xml``, related to the document part; Word expects the
two separator footnotes in it. A template that has the part keeps its separators (and any
footnotes of its own); one without gets a new part. A footnote is referenced from the text by a
run holding ``w:footnoteReference`` in the ``footnote reference`` character style.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.parser import parse_xml
from lxml import etree

from briefing.core.export.docx_xml import W_ID, W_NS, W_R, W_RPR, W_RSTYLE, W_VAL, paragraph, w

_W_FOOTNOTE = w("footnote")

_EMPTY_FOOTNOTES = (
    f'<w:footnotes xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>")


def footnotes_part(document: Document) -> XmlPart:
    """The document's footnotes part as an XML part, created (or re-read as XML) if needed."""
    main = document.part
    for rel_id, rel in list(main.rels.items()):
        if rel.reltype != RT.FOOTNOTES or rel.is_external:
            continue
        part = rel.target_part
        if isinstance(part, XmlPart):
            return part
        # python-docx loads footnotes as an opaque blob: swap in an XML part with the same name,
        # relationship id and relationships, so it can be edited.
        xml_part: XmlPart = XmlPart.load(part.partname, part.content_type, part.blob, part.package)
        for old in part.rels.values():
            target = old.target_ref if old.is_external else old.target_part
            xml_part.load_rel(old.reltype, target, old.rId, old.is_external)
        main.drop_rel(rel_id)
        main.load_rel(RT.FOOTNOTES, xml_part, rel_id)
        return xml_part
    new_part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES,
                       parse_xml(_EMPTY_FOOTNOTES.encode("utf-8")), main.package)
    main.relate_to(new_part, RT.FOOTNOTES)
    return new_part


class Footnotes:
    """Adds footnotes to a document and makes the reference runs that point at them."""

    def __init__(self, document: Document, text_style: str, reference_style: str) -> None:
        xml_part = footnotes_part(document)
        self.part: Part = xml_part
        self._root = xml_part.element
        self._text_style = text_style
        self._reference_style = reference_style
        ids = [int(f.get(W_ID)) for f in self._root.iterchildren(_W_FOOTNOTE)
               if (f.get(W_ID) or "").lstrip("-").isdigit()]
        self._next_id = max(max(ids, default=0) + 1, 1)

    @property
    def next_id(self) -> int:
        """The id the next footnote would get: larger than every footnote's id."""
        return self._next_id

    def add(self) -> tuple[int, etree._Element]:
        """A new footnote: its id and its first paragraph, holding the footnote mark.

        The caller appends the footnote's text runs to the paragraph.
        """
        footnote_id = self._next_id
        self._next_id += 1
        footnote = etree.SubElement(self._root, _W_FOOTNOTE)
        footnote.set(W_ID, str(footnote_id))
        p = paragraph(self._text_style)
        footnote.append(p)
        mark = self._styled_run(p)
        etree.SubElement(mark, w("footnoteRef"))
        space = etree.SubElement(p, W_R)
        t = etree.SubElement(space, w("t"))
        t.text = " "
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return footnote_id, p

    def reference(self, parent: etree._Element, footnote_id: int) -> None:
        """Append the superscript reference to footnote ``footnote_id`` to a paragraph."""
        etree.SubElement(self._styled_run(parent), w("footnoteReference")).set(
            W_ID, str(footnote_id))

    def _styled_run(self, parent: etree._Element) -> etree._Element:
        r = etree.SubElement(parent, W_R)
        if self._reference_style:
            rpr = etree.SubElement(r, W_RPR)
            etree.SubElement(rpr, W_RSTYLE).set(W_VAL, self._reference_style)
        return r
