"""Word import beyond the body's styles: a byline typed as plain paragraphs, and the document's
footnotes and endnotes, which live in parts of their own."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from briefing.core.errors import ArticleImportError
from briefing.core.importers import import_article
from briefing.core.importers.docx import parse_docx
from briefing.core.importers.html_furniture import REASON_CAPTION, REASON_TOC
from tests.core.importers.test_docx_import import to_bytes

_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CONTENT_TYPES = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def add_notes(document: Any, kind: str, notes: dict[int, str]) -> None:
    """Give the document a footnotes or endnotes part (``kind``) holding ``notes`` by id, with
    the separator notes Word writes first."""
    tag = kind[:-1]
    separators = "".join(
        f'<w:{tag} w:type="{kind_}" w:id="{number}"><w:p><w:r><w:separator/></w:r></w:p>'
        f"</w:{tag}>" for number, kind_ in ((-1, "separator"), (0, "continuationSeparator")))
    bodies = "".join(f'<w:{tag} w:id="{number}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
                     f"</w:{tag}>" for number, text in notes.items())
    xml = f"<w:{kind} {nsdecls('w')}>{separators}{bodies}</w:{kind}>"
    part = Part(PackURI(f"/word/{kind}.xml"), f"{_CONTENT_TYPES}{kind}+xml", xml.encode(),
                document.part.package)
    document.part.relate_to(part, _RELATIONSHIPS + kind)


def refer(paragraph: Any, kind: str, note_id: int) -> None:
    """Put a reference to note ``note_id`` at the end of ``paragraph``."""
    tag = "footnoteReference" if kind == "footnotes" else "endnoteReference"
    paragraph.add_run()._r.append(parse_xml(f'<w:{tag} {nsdecls("w")} w:id="{note_id}"/>'))


def memo(*opening: str) -> Any:
    document = docx.Document()
    document.add_paragraph("Quay Wall Repairs", style="Title")
    for text in opening:
        document.add_paragraph(text)
    document.add_heading("Condition", level=1)
    document.add_paragraph("Divers found the lower courses of the quay wall cracked in places.")
    return document


def test_a_byline_and_date_typed_under_the_title_are_the_articles() -> None:
    article = parse_docx(to_bytes(memo("By Irene Falk", "4 June 2025",
                                       "The harbour board asked for a survey in spring.")))
    assert (article.author, article.date) == ("Irene Falk", "2025-06-04")
    assert [block.text for block in article.blocks] == [
        "The harbour board asked for a survey in spring."]
    assert [(item.text, item.reason) for item in article.discarded] == [
        ("By Irene Falk", "byline"), ("4 June 2025", "date line")]


def test_a_byline_on_one_line_with_its_publisher() -> None:
    article = parse_docx(to_bytes(memo("By Irene Falk | Harbour Board | 4 June 2025")))
    assert (article.author, article.publisher, article.date) == (
        "Irene Falk", "Harbour Board", "2025-06-04")
    assert article.blocks == []


def test_sentences_and_lines_under_a_heading_are_not_bylines() -> None:
    document = memo("By 2030 the quay must carry twice the load it was built for.")
    document.add_paragraph("4 June 2025")
    article = parse_docx(to_bytes(document))
    assert article.author == "" and article.discarded == []
    assert [block.text for block in article.blocks] == [
        "By 2030 the quay must carry twice the load it was built for."]
    assert article.sections[0].blocks[-1].text == "4 June 2025"


def test_footnotes_and_endnotes_are_kept_in_discarded_in_the_order_the_text_cites_them(
        ) -> None:
    document = memo()
    first = document.add_paragraph("Repairs were last made in 1987.")
    refer(first, "footnotes", 2)
    second = document.add_paragraph("The survey costs less than a new wall.")
    refer(second, "footnotes", 1)
    refer(second, "endnotes", 1)
    add_notes(document, "footnotes", {1: "Board minutes, March 2025.",
                                      2: "Harbour engineer's log, 1987."})
    add_notes(document, "endnotes", {1: "All costs exclude tax."})
    article = parse_docx(to_bytes(document))
    assert [(item.text, item.reason) for item in article.discarded] == [
        ("1. Harbour engineer's log, 1987.", "footnote"),
        ("2. Board minutes, March 2025.", "footnote"),
        ("1. All costs exclude tax.", "endnote"),
    ]
    assert [block.text for block in article.sections[0].blocks][1:] == [
        "Repairs were last made in 1987.", "The survey costs less than a new wall."]


def test_a_damaged_footnotes_part_is_a_clear_error() -> None:
    document = memo()
    part = Part(PackURI("/word/footnotes.xml"), f"{_CONTENT_TYPES}footnotes+xml",
                b"<w:footnotes><w:footnote", document.part.package)
    document.part.relate_to(part, _RELATIONSHIPS + "footnotes")
    with pytest.raises(ArticleImportError) as caught:
        parse_docx(to_bytes(document), "memo.docx")
    assert str(caught.value) == ("memo.docx: is damaged: parts of it cannot be read. Open it in "
                                 "Word or LibreOffice, which can often repair it, and save it "
                                 "again")


def add_style(document: Any, name: str, based_on: str | None = None) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on:
        style.base_style = document.styles[based_on]


def test_a_table_of_contents_and_captions_go_to_discarded() -> None:
    document = docx.Document()
    document.add_paragraph("Quay Wall Repairs", style="Title")
    add_style(document, "toc 1")
    add_style(document, "Contents 2")  # LibreOffice's name
    add_style(document, "Figure", based_on="Caption")  # LibreOffice's caption style
    document.add_paragraph("Contents", style="TOC Heading")  # based on Heading 1
    document.add_paragraph("Condition\t1", style="toc 1")
    document.add_paragraph("Divers' survey\t2", style="Contents 2")
    document.add_heading("Condition", level=1)
    document.add_paragraph("The lower courses are cracked in places.")
    document.add_paragraph("Figure 1: Cracks along the east quay", style="Caption")
    document.add_paragraph("Figure 2: The west quay", style="Figure")
    document.add_heading("Divers' survey", level=2)
    document.add_paragraph("Two dives found the same cracks.")
    article = parse_docx(to_bytes(document))
    assert [section.heading for section in article.walk()] == ["Condition", "Divers' survey"]
    assert [block.text for block in article.sections[0].blocks] == [
        "The lower courses are cracked in places."]
    assert [(item.text, item.reason) for item in article.discarded] == [
        ("Contents", REASON_TOC), ("Condition 1", REASON_TOC), ("Divers' survey 2", REASON_TOC),
        ("Figure 1: Cracks along the east quay", REASON_CAPTION),
        ("Figure 2: The west quay", REASON_CAPTION)]


def test_a_document_without_text_is_refused_like_an_empty_file() -> None:
    with pytest.raises(ArticleImportError) as caught:
        parse_docx(to_bytes(docx.Document()), "blank.docx")
    assert str(caught.value) == ("blank.docx: has no text in it (pictures and drawings are not "
                                 "imported). Choose a Word document with the article's text "
                                 "in it")
    titled = docx.Document()
    titled.add_paragraph("Quay Wall Repairs", style="Title")
    titled.add_paragraph("")
    with pytest.raises(ArticleImportError) as caught:
        parse_docx(to_bytes(titled), "title.docx")
    assert str(caught.value) == ("title.docx: has only a title (“Quay Wall Repairs”) and no "
                                 "text under it. Choose the file that holds the article's "
                                 "text")


def test_a_document_of_footnotes_alone_still_imports() -> None:
    document = docx.Document()
    document.add_paragraph("Quay Wall Repairs", style="Title")
    refer(document.add_paragraph(""), "footnotes", 1)
    add_notes(document, "footnotes", {1: "Board minutes, March 2025."})
    article = parse_docx(to_bytes(document))
    assert [item.text for item in article.discarded] == ["1. Board minutes, March 2025."]


@pytest.mark.parametrize(("suffix", "main_type"), [
    (".docm", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    (".dotx", "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"),
    (".dotm", "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"),
])
def test_macro_enabled_documents_and_templates_import_as_documents(
        tmp_path: Path, suffix: str, main_type: str) -> None:
    plain = io.BytesIO(to_bytes(memo("By Irene Falk")))
    path = tmp_path / f"quay{suffix}"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument."
                                    b"wordprocessingml.document.main+xml", main_type.encode())
            target.writestr(item.filename, data)
    warnings: list[str] = []
    article = import_article(path, warn=warnings.append)
    assert article.title == "Quay Wall Repairs" and article.author == "Irene Falk"
    assert [section.heading for section in article.sections] == ["Condition"]
    assert warnings == []
