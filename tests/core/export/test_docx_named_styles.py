"""Every exported document formats text through named styles only, never directly.

An organisation restyles its notes by editing its template's styles; a bold run or an indented
paragraph set directly would not follow. The audit reads every story part of the exported
file (body, headers, footers, footnotes, comments).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree

from briefing.core.export.document import build_document
from briefing.core.export.docx_writer import write_docx
from briefing.core.templates import find_template
from tests.core.export.fixtures.note_constructs import constructs_outline
from tests.core.export.fixtures.readback import Package, text_of, w

STORY_PARTS = ("word/document.xml", "word/footnotes.xml", "word/comments.xml")
ALLOWED_PARAGRAPH_PROPERTIES = {w("pStyle"), w("numPr"), w("sectPr")}
"""A paragraph names its style; list numbering and the section's page set-up are not text
formatting (a list's restart needs its own numbering instance)."""
ALLOWED_RUN_PROPERTIES = {w("rStyle")}


def direct_formatting(root: etree._Element) -> list[str]:
    """Each paragraph or run property set directly, with the text it is on."""
    found = []
    for props in root.iter(w("pPr"), w("rPr")):
        owner = props.getparent()
        if owner.tag == w("pPr") or any(
                ancestor.tag == w("footnote") and ancestor.get(w("type"))
                for ancestor in props.iterancestors()):
            continue  # Word's footnote separators are its own furniture
        allowed = ALLOWED_PARAGRAPH_PROPERTIES if props.tag == w("pPr") \
            else ALLOWED_RUN_PROPERTIES
        for child in props:
            if child.tag not in allowed:
                found.append(f"{etree.QName(child).localname} on {text_of(owner)!r}")
    return found


def _story_parts(package: Package) -> list[str]:
    return [name for name in package.names
            if name in STORY_PARTS
            or (name.startswith(("word/header", "word/footer")) and name.endswith(".xml"))]


@pytest.mark.parametrize(("name", "placement"), [
    ("briefing-note", None), ("one-page-brief", None), ("reading-pack", None),
    ("reading-pack", "box"), ("reading-pack", "inline"), ("decision-note", None)])
def test_exported_note_has_no_direct_formatting(tmp_path: Path, name: str,
                                                placement: str | None) -> None:
    spec = find_template(name)
    if placement:
        spec = dataclasses.replace(spec, note_placement=placement)
    output = tmp_path / "out.docx"
    warnings: list[str] = []
    write_docx(build_document(constructs_outline(), spec), spec, output, warnings.append)
    assert warnings == []
    package = Package(output)
    parts = _story_parts(package)
    assert {"word/document.xml", "word/footnotes.xml"} <= set(parts)
    assert any(part.startswith("word/footer") for part in parts)
    findings = {part: direct_formatting(package.xml(part)) for part in parts}
    assert {part: found for part, found in findings.items() if found} == {}


def test_the_audit_finds_direct_bold_and_direct_indents() -> None:
    root = etree.fromstring(
        f'<w:body xmlns:w="{w("")[1:-1]}"><w:p><w:pPr><w:pStyle w:val="BodyText"/>'
        '<w:ind w:left="720"/></w:pPr><w:r><w:rPr><w:rStyle w:val="Emphasis"/><w:b/></w:rPr>'
        '<w:t>loud</w:t></w:r></w:p></w:body>')
    assert direct_formatting(root) == ["ind on 'loud'", "b on 'loud'"]
