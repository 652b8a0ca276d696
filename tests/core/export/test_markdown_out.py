"""Markdown export, read back with a Markdown parser: structure, escaping, lists, footnotes."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from briefing.core.export.document import (
    BlockType,
    BriefingDocument,
    DocBlock,
    DocMetadata,
    Run,
    build_document,
)
from briefing.core.export.markdown_out import inline, write_markdown
from briefing.core.export.notes_markdown import parse_inline, parse_note
from tests.core.export.test_document import make_outline, make_spec


def read_back(text: str) -> lxml_html.HtmlElement:
    """The Markdown as another reader sees it (Python-Markdown with footnotes)."""
    rendered = markdown.markdown(text, extensions=["footnotes", "sane_lists", "fenced_code"])
    return lxml_html.fragment_fromstring(rendered, create_parent="div")


def doc_of(*blocks: DocBlock, classification: str = "") -> BriefingDocument:
    return BriefingDocument(metadata=DocMetadata(classification=classification),
                            blocks=list(blocks))


def test_briefing_note_reads_back_with_headings_in_order() -> None:
    text = write_markdown(build_document(make_outline(), make_spec()))
    tree = read_back(text)
    assert tree.xpath("//h1/text()") == ["Alliance at a turning point"]
    assert tree.xpath("//h2/text()") == ["Purpose", "Summary", "Background", "Considerations",
                                         "Recommendation", "Sources"]
    background = [h.text_content() for h in tree.xpath("//h3")][:5]
    assert background == ["1. Working with the union1", "2. Unity first2", "3. Forward forces3",
                          "4. Nuclear sharing4", "5. Picked child5"]
    assert text.startswith("**OFFICIAL**\n") and text.endswith("**OFFICIAL**\n")


def test_details_are_one_tight_list() -> None:
    text = write_markdown(build_document(make_outline(), make_spec()))
    assert "- **To:** Minister\n- **From:** Policy Unit\n- **Date:** 15 October 2024\n" in text


def test_footnotes_cite_the_sources_and_links_are_links() -> None:
    tree = read_back(write_markdown(build_document(make_outline(), make_spec())))
    notes = tree.xpath("//div[@class='footnote']//li")
    assert len(notes) == 5
    assert "Holding an alliance together" in notes[0].text_content()
    assert "https://example.org/alliance" in tree.xpath("//div[@class='footnote']//a/@href")
    sources = tree.xpath("//h2[text()='Sources']/following-sibling::ol[1]/li")
    assert [li.text_content().split(",")[0] for li in sources] == [
        "A. Writer", "\u201cAn explainer on deterrence\u201d"]


def test_article_lists_stay_separate_and_numbered() -> None:
    tree = read_back(write_markdown(build_document(make_outline(), make_spec())))
    unity = tree.xpath("//h3[starts-with(., '2. Unity first')]/following-sibling::*")
    tags = [element.tag for element in unity[:4]]
    assert tags == ["p", "ul", "ol", "h3"]  # then the next excerpt: subsection s11 is unpicked
    assert [li.text_content() for li in unity[1]] == ["First bullet of unity.",
                                                      "Second bullet of unity."]


def test_nested_note_lists_keep_their_levels() -> None:
    blocks = parse_note("1. one\n    - inner\n        1. deep\n2. two\n\n- other list\n- more")
    text = write_markdown(doc_of(*blocks))
    assert parse_note(text) == blocks


def test_adjacent_lists_of_one_kind_are_not_merged() -> None:
    text = write_markdown(doc_of(DocBlock(BlockType.BULLET, [Run("a")], list_id=1),
                                 DocBlock(BlockType.BULLET, [Run("b")], list_id=2)))
    assert text == "- a\n\n* b\n"


def test_text_that_looks_like_markdown_is_escaped() -> None:
    runs = [Run("1. not a list *nor* _this_ [x](y) <b>tag</b> # hash `tick` \\ back")]
    text = write_markdown(doc_of(DocBlock(BlockType.PARAGRAPH, runs)))
    assert parse_inline(text) == runs
    tree = read_back(text)
    assert tree.xpath("//ol|//em|//a|//b|//code") == []


def test_line_breaks_and_formatting_read_back() -> None:
    runs = [Run("bold", bold=True), Run(" and "), Run("it", italic=True), Run("\n"),
            Run("- dash start "), Run("x`y", code=True), Run(" "),
            Run("link", url="https://example.org/a_(b)?q=1&r=2")]
    text = write_markdown(doc_of(DocBlock(BlockType.PARAGRAPH, runs)))
    assert parse_inline(text) == runs


def test_spaces_in_a_link_target_are_encoded() -> None:
    assert inline([Run("x", url="https://example.org/a b")]) == "[x](https://example.org/a%20b)"


def test_unsafe_link_is_written_as_text() -> None:
    text = inline([Run("click", url="javascript:alert(1)")])
    assert text == "click"


def test_quotes_code_and_notes() -> None:
    note = [DocBlock(BlockType.PARAGRAPH, [Run("Mind the gap.")])]
    text = write_markdown(doc_of(
        DocBlock(BlockType.QUOTE, [Run("quoted")], level=1),
        DocBlock(BlockType.CODE, [Run("a ``` b", code=True), Run("\n"), Run("  c", code=True)]),
        DocBlock(BlockType.HEADING, [Run("Anchor")], level=2, comment=note),
        DocBlock(BlockType.NOTE, children=note)))
    tree = read_back(text)
    assert tree.xpath("//blockquote/blockquote/p/text()") == ["quoted"]
    assert tree.xpath("//pre/code/text()") == ["a ``` b\n  c\n"]
    assert text.count("> Mind the gap.") == 2
    assert text.count("> **Analyst\u2019s note**") == 2


def test_empty_document_is_just_the_marking() -> None:
    assert write_markdown(doc_of(classification="SECRET")) == "**SECRET**\n\n**SECRET**\n"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 .*_`#-+>[]()<>!\\&|=:")), min_size=1,
               max_size=60))
def test_any_plain_text_survives_a_round_trip(text: str) -> None:
    expected = " ".join(text.split())
    if not expected:
        return
    written = write_markdown(doc_of(DocBlock(BlockType.PARAGRAPH, [Run(expected)])))
    assert parse_inline(written) == [Run(expected)]
