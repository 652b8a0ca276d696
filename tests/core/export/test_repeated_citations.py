"""Repeated citations: the first in full, "Ibid." just after the same source, else short.

Each output is read back as a reader sees it: the .docx footnotes part in order, the HTML
footnotes at the foot of the page, and the Markdown rendered with its footnotes.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import markdown
import pytest
from lxml import html as lxml_html

from briefing.core.export.document import Citation, build_document
from briefing.core.export.docx_writer import write_docx
from briefing.core.export.html_out import render_html
from briefing.core.export.intermediate import ibid_word
from briefing.core.export.markdown_out import write_markdown
from briefing.core.model import Article, Block, BlockKind, BriefingDetails, Outline, Section
from briefing.core.templates import TemplateSpec, find_template
from tests.core.export.fixtures.readback import Package, text_of, w

PORTS_FULL = ("Mara Quint, \u201cPorts and shipping lanes: a survey of the coast\u201d, "
              "Harbour Quarterly, 2 May 2025, https://example.org/ports")
PORTS_SHORT = "Mara Quint, \u201cPorts and shipping lanes\u201d"
RIVERS_FULL = "Olu Benn, \u201cRiver trade\u201d, Inland Letters, 9 June 2025"
RIVERS_SHORT = "Olu Benn, \u201cRiver trade\u201d"
OWN_NOTE = "Counted by the port office."
NOTE_WITH_FOOTNOTE = f"Traffic doubled.[^1]\n\n[^1]: {OWN_NOTE}\n"


def _outline(order: list[str], notes: dict[str, str] | None = None) -> Outline:
    """Two articles written for this test: four sections of one, one of the other; the
    sections in ``order`` are picked."""
    notes = notes or {}

    def section(section_id: str, heading: str) -> Section:
        return Section(id=section_id, heading=heading, picked=section_id in order,
                       note=notes.get(section_id, ""),
                       blocks=[Block(BlockKind.PARAGRAPH, f"Text of {heading.lower()}.")])

    ports = Article(title="Ports and shipping lanes: a survey of the coast", author="Mara Quint",
                    publisher="Harbour Quarterly", date="2025-05-02",
                    url="https://example.org/ports",
                    sections=[section("p1", "Cranes"), section("p2", "Berths"),
                              section("p3", "Dredging"), section("p4", "Pilots")])
    rivers = Article(title="River trade", author="Olu Benn", publisher="Inland Letters",
                     date="2025-06-09", sections=[section("r1", "Barges")])
    details = BriefingDetails(title="Coastal trade", date="2025-07-01", order=order)
    return Outline(title="Trade reading", articles=[ports, rivers], briefing=details)


RUN_OF_EXCERPTS = ["p1", "p2", "p3", "r1", "p4"]
"""Three excerpts of one article in a row, another article, then the first again."""
EXPECTED_RUN = [PORTS_FULL, "Ibid.", "Ibid.", RIVERS_FULL, PORTS_SHORT]


def _briefing_note(language: str = "en") -> TemplateSpec:
    return dataclasses.replace(find_template("briefing-note"), language=language)


def _reading_pack(note_placement: str) -> TemplateSpec:
    return dataclasses.replace(find_template("reading-pack"), note_placement=note_placement)


def _docx_footnotes(outline: Outline, spec: TemplateSpec, folder: Path) -> list[str]:
    """The footnotes' text in the order Word numbers them (separators left out)."""
    output = folder / f"{spec.name}-{spec.language}-{spec.note_placement}.docx"
    warnings: list[str] = []
    write_docx(build_document(outline, spec), spec, output, warnings.append)
    assert warnings == []
    part = Package(output).xml("word/footnotes.xml")
    return [text_of(note).strip() for note in part.iter(w("footnote"))
            if note.get(w("type")) is None]


def _html_footnotes(outline: Outline, spec: TemplateSpec) -> list[str]:
    """The footnotes at the foot of the HTML page, without their numbers."""
    tree = lxml_html.document_fromstring(render_html(build_document(outline, spec)))
    return [note.text_content().split(" ", 1)[1]
            for note in tree.xpath("//p[@class='footnote']")]


def _markdown_footnotes(outline: Outline, spec: TemplateSpec) -> list[str]:
    """The footnotes of the Markdown as a Markdown reader shows them (back links left out)."""
    rendered = markdown.markdown(write_markdown(build_document(outline, spec)),
                                 extensions=["footnotes"])
    tree = lxml_html.fragment_fromstring(rendered, create_parent="div")
    return [item.text_content().replace("\u21a9", "").strip()
            for item in tree.xpath("//div[@class='footnote']//li")]


def test_a_run_of_excerpts_from_one_article_is_full_then_ibid_in_word(tmp_path: Path) -> None:
    assert _docx_footnotes(_outline(RUN_OF_EXCERPTS), _briefing_note(), tmp_path) == EXPECTED_RUN


def test_html_and_markdown_cite_the_run_the_same_way() -> None:
    outline, spec = _outline(RUN_OF_EXCERPTS), _briefing_note()
    assert _html_footnotes(outline, spec) == EXPECTED_RUN
    assert _markdown_footnotes(outline, spec) == EXPECTED_RUN


def test_ibid_is_in_the_templates_language(tmp_path: Path) -> None:
    footnotes = _docx_footnotes(_outline(RUN_OF_EXCERPTS), _briefing_note("de"), tmp_path)
    assert footnotes[0].startswith("Mara Quint, \u201cPorts and shipping lanes")
    assert footnotes[1:3] == ["Ebd.", "Ebd."]
    assert "Ibid." not in footnotes


@pytest.mark.parametrize(("language", "word"), [
    ("en", "Ibid."), ("en_GB", "Ibid."), ("fr", "Ibid."), ("fr_CA", "Ibid."), ("de", "Ebd."),
    ("de_AT", "Ebd."), ("ja", "Ibid.")])
def test_ibid_word_falls_back_to_the_latin_abbreviation(language: str, word: str) -> None:
    assert ibid_word(language) == word


@pytest.mark.parametrize("note", [
    NOTE_WITH_FOOTNOTE,
    f"| Port | Ships |\n|---|---|\n| North[^1] | 12 |\n\n[^1]: {OWN_NOTE}\n"])
def test_the_analysts_own_footnote_between_two_citations_makes_the_second_short(
        tmp_path: Path, note: str) -> None:
    outline = _outline(["p1", "p2", "p3"], {"p1": note})
    expected = [PORTS_FULL, OWN_NOTE, PORTS_SHORT, "Ibid."]
    for placement in ("inline", "box"):
        spec = _reading_pack(placement)
        assert _docx_footnotes(outline, spec, tmp_path) == expected
        assert _html_footnotes(outline, spec) == expected
        assert _markdown_footnotes(outline, spec) == expected


def test_a_key_points_own_footnote_comes_before_its_citation(tmp_path: Path) -> None:
    """A key point's lead sentence carries the note's footnote mark before the citation's mark
    at the end of the point, so the next point of the same article is "Ibid."."""
    outline = _outline(["p1", "p2"], {"p1": NOTE_WITH_FOOTNOTE})
    spec = find_template("one-page-brief")
    expected = [OWN_NOTE, PORTS_FULL, "Ibid."]
    assert _docx_footnotes(outline, spec, tmp_path) == expected
    assert _html_footnotes(outline, spec) == expected
    assert _markdown_footnotes(outline, spec) == expected


def test_a_note_in_a_word_comment_still_breaks_the_chain(tmp_path: Path) -> None:
    """Word brackets a comment's footnote, but HTML and Markdown number it between the two
    citations; the citation after it is short in every output, so they all read alike."""
    outline = _outline(["p1", "p2"], {"p1": NOTE_WITH_FOOTNOTE})
    spec = _reading_pack("comment")
    assert _docx_footnotes(outline, spec, tmp_path) == [PORTS_FULL, PORTS_SHORT]
    assert _html_footnotes(outline, spec) == [PORTS_FULL, OWN_NOTE, PORTS_SHORT]


def test_sources_list_each_article_once_in_full() -> None:
    doc = build_document(_outline(RUN_OF_EXCERPTS), _briefing_note())
    assert [source.text() for source in doc.sources] == [PORTS_FULL, RIVERS_FULL]
    assert not any(source.ibid or source.short for source in doc.sources)


def test_ibid_without_author_or_title_still_stands_for_the_address() -> None:
    """A source known only by its address is "Ibid." just after itself, like any other."""
    bare = Citation(url="https://example.org/bare")
    assert dataclasses.replace(bare, ibid="Ibid.").runs()[0].text == "Ibid."
    assert bare == dataclasses.replace(bare, ibid="Ibid.")


@pytest.mark.parametrize(("citation", "expected"), [
    (Citation(author="Mara Quint", title="Ports and shipping lanes: a survey",
              publisher="Harbour Quarterly"), "Mara Quint, \u201cPorts and shipping lanes\u201d"),
    (Citation(title="Ports and shipping lanes: a survey", publisher="Harbour Quarterly"),
     "\u201cPorts and shipping lanes\u201d, Harbour Quarterly"),
    (Citation(publisher="Harbour Quarterly", url="https://example.org/p"), "Harbour Quarterly"),
    (Citation(url="https://example.org/p"), "https://example.org/p"),
])
def test_the_short_form_opens_as_the_full_form_does(citation: Citation, expected: str) -> None:
    """Without an author the full form opens on the title, so the short form does too."""
    assert citation.short_text() == expected
    assert citation.text().startswith(expected.split(",")[0].rstrip("\u201d"))
