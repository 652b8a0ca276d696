"""HTML export and preview, read back with an HTML parser and with Qt's rich text."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from briefing.core.export.document import (
    BlockType,
    BriefingDocument,
    DocBlock,
    DocMetadata,
    Run,
    build_document,
)
from briefing.core.export.html_out import STYLESHEET, inline, render_html
from briefing.core.export.notes_markdown import parse_note
from tests.core.export.test_document import make_outline, make_spec

QT_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "h5", "h6",
           "p", "ul", "ol", "li", "blockquote", "pre", "table", "tr", "th", "td", "b", "i",
           "code", "a", "sup", "br", "hr"}


def parse(text: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(text)


def doc_of(*blocks: DocBlock) -> BriefingDocument:
    return BriefingDocument(metadata=DocMetadata(title="T"), blocks=list(blocks))


def test_standalone_page_has_title_style_and_metadata() -> None:
    page = render_html(build_document(make_outline(), make_spec()))
    tree = parse(page)
    assert page.startswith("<!DOCTYPE html>")
    assert tree.findtext(".//title") == "Alliance at a turning point"
    assert "h2 {" in tree.findtext(".//style")
    assert tree.xpath("//meta[@name='author']/@content") == ["Policy Unit"]
    assert tree.xpath("//meta[@name='keywords']/@content") == ["eu, cohesion"]


def test_body_only_for_the_preview() -> None:
    body = render_html(build_document(make_outline(), make_spec()), standalone=False)
    assert "<style>" not in body and "<html>" not in body
    assert body.startswith('<p class="classification">OFFICIAL</p>')
    assert body.endswith('<p class="classification">OFFICIAL</p>')


def test_briefing_note_structure_reads_back() -> None:
    tree = parse(render_html(build_document(make_outline(), make_spec())))
    assert [h.text_content() for h in tree.xpath("//h1")] == ["Alliance at a turning point"]
    assert [h.text_content() for h in tree.xpath("//h2")] == [
        "Purpose", "Summary", "Background", "Considerations", "Recommendation", "Sources"]
    rows = [(tr.findtext("th"), tr.find("td").text_content())
            for tr in tree.xpath("//table[@class='details']/tr")]
    assert rows == [("To:", "Minister"), ("From:", "Policy Unit"), ("Date:", "15 October 2024"),
                    ("File number:", "PU-2024-118")]
    markings = tree.xpath("//p[@class='classification']/text()")
    assert markings == ["OFFICIAL", "OFFICIAL"]
    body = tree.find("body")
    assert body[0].get("class") == body[-1].get("class") == "classification"


def test_footnote_marks_link_to_numbered_sources() -> None:
    tree = parse(render_html(build_document(make_outline(), make_spec())))
    marks = tree.xpath("//h3/sup/a")
    assert [a.text for a in marks] == ["1", "2", "3", "4", "5"]
    assert [a.get("href") for a in marks] == [f"#fn{n}" for n in range(1, 6)]
    notes = tree.xpath("//p[@class='footnote']")
    assert [p.find("a").get("name") for p in notes] == [f"fn{n}" for n in range(1, 6)]
    assert "Holding an alliance together" in notes[0].text_content()
    assert notes[0].xpath(".//a/@href") == ["https://example.org/alliance"]


def test_lists_nest_inside_their_items() -> None:
    blocks = parse_note("1. one\n    - inner\n        1. deep\n2. two\n\n- other")
    tree = parse(render_html(doc_of(*blocks)))
    top = tree.xpath("//body/ol")
    assert len(top) == 1
    assert [li.text.strip() for li in top[0].findall("li")] == ["one", "two"]
    inner = top[0].find("li/ul")
    assert inner.find("li").text.strip() == "inner"
    assert inner.find("li/ol/li").text.strip() == "deep"
    assert [li.text.strip() for li in tree.xpath("//body/ul/li")] == ["other"]


def test_raw_html_and_script_links_in_notes_stay_text() -> None:
    outline = make_outline()
    outline.articles[0].sections[0].note = (
        "<script>alert('x')</script> <b onclick=\"x()\">hi</b> [bad](javascript:alert(1)) "
        "[good](https://example.org/?a=1&b=2)")
    tree = parse(render_html(build_document(outline, make_spec())))
    assert tree.xpath("//script") == [] and tree.xpath("//*[@onclick]") == []
    text = tree.text_content()
    assert "<script>alert('x')</script>" in text and '<b onclick="x()">hi</b>' in text
    hrefs = tree.xpath("//a/@href")
    assert "https://example.org/?a=1&b=2" in hrefs
    assert not any(href.startswith("javascript") for href in hrefs)


def test_inline_formatting_and_breaks() -> None:
    runs = [Run("b", bold=True), Run("i", italic=True), Run("<c>", code=True), Run("\n"),
            Run("l", url="mailto:a@example.org"), Run("x", url="javascript:y")]
    assert inline(runs) == ('<b>b</b><i>i</i><code>&lt;c&gt;</code><br/>'
                            '<a href="mailto:a@example.org">l</a>x')


def test_quotes_code_source_line_and_notes() -> None:
    note = [DocBlock(BlockType.PARAGRAPH, [Run("Careful & brief.")])]
    tree = parse(render_html(doc_of(
        DocBlock(BlockType.QUOTE, [Run("deep")], level=1),
        DocBlock(BlockType.CODE, [Run("a < b", code=True), Run("\n"), Run("  c", code=True)]),
        DocBlock(BlockType.HEADING, [Run("Anchor")], level=2, comment=note),
        DocBlock(BlockType.SOURCE_LINE, [Run("Someone, “Title”")]),
        DocBlock(BlockType.NOTE, children=note))))
    assert tree.xpath("//blockquote/blockquote/p/text()") == ["deep"]
    assert tree.xpath("//pre/text()") == ["a < b\n  c"]
    assert tree.xpath("//h3/text()") == ["Anchor"]
    boxes = tree.xpath("//table[@class='note']")
    assert len(boxes) == 2
    assert [box.xpath(".//p/text()")[1] for box in boxes] == ["Careful & brief."] * 2
    assert tree.xpath("//p[@class='source']")[0].text_content() == "Source: Someone, “Title”"


def test_qt_rich_text_reads_the_preview(qapp: object) -> None:
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setDefaultStyleSheet(STYLESHEET)
    document.setHtml(render_html(build_document(make_outline(), make_spec()), standalone=False))
    text = document.toPlainText()
    assert "Alliance at a turning point" in text
    assert "Members disagree on aid levels." in text
    assert "Spending text that is not picked." not in text
    block = document.begin()
    formats = set()
    while block.isValid():
        formats.add(block.blockFormat().headingLevel())
        block = block.next()
    assert {1, 2, 3, 4} <= formats


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <>&\"'*_`#-1.[]()!\n/=")), max_size=120))
def test_any_note_renders_well_formed_html_with_known_tags(note: str) -> None:
    page = render_html(doc_of(*parse_note(note)))
    tree = etree.fromstring(page.replace("<!DOCTYPE html>", ""))  # strict XML parse
    assert {element.tag for element in tree.iter()} <= QT_TAGS


def test_reading_pack_comment_shows_after_the_excerpt() -> None:
    spec = make_spec(("title", "reading"), note_placement="comment", page_budget=None)
    tree = parse(render_html(build_document(make_outline(), spec)))
    body = [element for element in tree.find("body")]
    texts = [element.text_content().strip() for element in body]
    unity = texts.index("2. Unity first2")
    box = next(i for i in range(unity, len(body)) if body[i].get("class") == "note")
    assert texts.index("Numbered step one.") < box
    assert body[box + 1].tag == "h3" and texts[box + 1] == "3. Forward forces3"
    assert "Why it matters:" in texts[box]


def test_each_section_has_one_anchor_at_its_first_heading() -> None:
    tree = parse(render_html(build_document(make_outline(), make_spec())))
    names = tree.xpath("//a[@name and not(starts-with(@name, 'fn'))]/@name")
    assert names == ["s3", "s1", "s22", "s5", "s51"]
    assert tree.xpath("//a[@name='s1']/parent::*")[0].text_content() == "2. Unity first2"


def test_the_page_is_in_the_templates_language() -> None:
    french = dataclasses.replace(make_spec(), language="fr_CA")
    assert parse(render_html(build_document(make_outline(), french))).get("lang") == "fr-CA"
    assert parse(render_html(build_document(make_outline(), make_spec()))).get("lang") == "en"
