"""An excerpt of several paragraphs keeps its paragraph breaks where a template shows it in a
cell or a key point, and the decision note's Source column links to the article, read back from
the exported files."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn

from briefing.core import paths
from briefing.core.anchoring import make_anchor, section_text
from briefing.core.export.api import export_briefing
from briefing.core.model import Block, BlockKind, Excerpt, Outline
from tests.core.export.fixtures.outlines import sample_outline

FIRST = "Spending is shown in the figures below"
SECOND = "Budget lines rose in every member state"


def _outline() -> Outline:
    """The sample outline with an excerpt over two paragraphs, the first without a full stop."""
    outline = sample_outline()
    article = outline.articles[0]
    section = article.sections[0]
    section.blocks[0:1] = [Block(BlockKind.PARAGRAPH, FIRST), Block(BlockKind.PARAGRAPH, SECOND)]
    text = section_text(section)
    start = text.index(FIRST)
    end = text.index(SECOND) + len(SECOND)
    article.excerpts = [Excerpt("e1", make_anchor(section, start, end))]
    section.picked = False
    outline.briefing.order = ["e1", "s4", "s6"]
    return outline


def _export(outline: Outline, tmp_path: Path, template: str, name: str = "note.docx") -> Path:
    output = tmp_path / name
    export_briefing(outline, output, template=template, warn=lambda message: None)
    return output


def _cell_lines(cell: object) -> list[str]:
    """The cell's lines as a reader sees them: a line break or a new paragraph starts one."""
    return [line for p in cell.paragraphs for line in p.text.split("\n")]  # type: ignore[attr-defined]


def test_decision_note_cell_keeps_the_excerpt_paragraphs_apart(tmp_path: Path) -> None:
    table = docx.Document(str(_export(_outline(), tmp_path, "decision-note"))).tables[1]
    issue = table.rows[1].cells[1]
    assert _cell_lines(issue) == ["Burden sharing (excerpt)", f"\u201c{FIRST}",
                                  f"{SECOND}\u201d"]
    breaks = issue._tc.findall(".//" + qn("w:br"))
    assert breaks, "the paragraphs are apart by a real line break"


def test_key_points_in_word_markdown_and_html_keep_the_excerpt_paragraphs_apart(
        tmp_path: Path) -> None:
    outline = _outline()
    template = "one-page-brief"
    word = docx.Document(str(_export(outline, tmp_path, template)))
    point = next(p for p in word.paragraphs if FIRST in p.text)
    assert f"\u201c{FIRST}\n{SECOND}\u201d" in point.text
    assert point._p.findall(".//" + qn("w:br"))
    markdown = (_export(outline, tmp_path, template, "note.md")).read_text(encoding="utf-8")
    assert f"{FIRST}  \n" in markdown and f"{FIRST} {SECOND}" not in markdown
    html = (_export(outline, tmp_path, template, "note.html")).read_text(encoding="utf-8")
    assert f"{FIRST}<br/>{SECOND}" in html


def test_decision_note_source_is_a_link_to_the_article(tmp_path: Path) -> None:
    word = docx.Document(str(_export(_outline(), tmp_path, "decision-note")))
    rows = word.tables[1].rows[1:]
    sources = {row.cells[0].text: row.cells[2] for row in rows}
    cell = sources["1"]
    assert cell.text == ("Ana Ribeiro, \u201cDeterrence in a colder decade\u201d, Policy Review, "
                         "14 March 2025")
    links = cell._tc.findall(".//" + qn("w:hyperlink"))
    assert len(links) == 1
    link_text = "".join(t.text for t in links[0].iter(qn("w:t")))
    assert link_text == "Deterrence in a colder decade"
    target = word.part.rels[links[0].get(qn("r:id"))].target_ref
    assert target == "https://example.org/deterrence"
    style = links[0].find(".//" + qn("w:rStyle")).get(qn("w:val"))
    assert word.styles.get_by_id(style, docx.enum.style.WD_STYLE_TYPE.CHARACTER).name \
        == "Hyperlink"
    summit = sources["3"]._tc.findall(".//" + qn("w:hyperlink"))
    assert word.part.rels[summit[0].get(qn("r:id"))].target_ref \
        == "https://example.com/summit?id=7&lang=en"


def test_a_source_without_title_or_publisher_links_its_address_broken_at_slashes(
        tmp_path: Path) -> None:
    outline = _outline()
    summit = outline.articles[1]
    summit.title = summit.publisher = summit.author = ""
    word = docx.Document(str(_export(outline, tmp_path, "decision-note")))
    cell = word.tables[1].rows[3].cells[2]
    link = cell._tc.find(".//" + qn("w:hyperlink"))
    shown = "".join(t.text for t in link.iter(qn("w:t")))
    assert shown == "https://example.com/\u200bsummit?id=7&lang=en"
    assert word.part.rels[link.get(qn("r:id"))].target_ref == summit.url
    assert cell.text == "2 June 2025, " + shown


def test_an_address_that_is_no_web_link_stays_plain_text(tmp_path: Path) -> None:
    outline = _outline()
    outline.articles[1].url = "file:///home/someone/summit.html"
    word = docx.Document(str(_export(outline, tmp_path, "decision-note")))
    cell = word.tables[1].rows[3].cells[2]
    assert cell._tc.find(".//" + qn("w:hyperlink")) is None
    assert cell.text == "Lee Park, \u201cThe summit season\u201d, Eastern Affairs, 2 June 2025"


def _own_template(folder: Path, lines: list[str]) -> Path:
    """The built-in note with ``lines`` as paragraphs in a loop over the items."""
    word = folder / "memo.docx"
    document = docx.Document(str(paths.BUILTIN_TEMPLATES / "briefing-note.docx"))
    for line in ("{%p for item in items %}", *lines, "{%p endfor %}"):
        document.add_paragraph(line)
    document.save(str(word))
    builtin_yaml = (paths.BUILTIN_TEMPLATES / "briefing-note.yaml").read_text(encoding="utf-8")
    (folder / "memo.yaml").write_text(builtin_yaml, encoding="utf-8")
    return word


def test_a_filtered_source_link_is_plain_text_and_reaches_nothing_behind_it(
        tmp_path: Path) -> None:
    word = _own_template(tmp_path, ["A {{ item.source_link | upper }}",
                                    "B {{ item.source_link.template }}.",
                                    "C {{ item.source_link._template }}."])
    output = _export(_outline(), tmp_path, str(word))
    texts = [p.text for p in docx.Document(str(output)).paragraphs]
    assert "A ANA RIBEIRO, \u201cDETERRENCE IN A COLDER DECADE\u201d, POLICY REVIEW, " \
           "14 MARCH 2025" in texts
    assert "B ." in texts and "C ." in texts


def test_a_source_link_amid_bold_text_keeps_the_text_bold_around_the_link(
        tmp_path: Path) -> None:
    word = _own_template(tmp_path, [])
    document = docx.Document(str(word))
    loop_end = document.paragraphs[-1]
    line = loop_end.insert_paragraph_before()
    line.add_run("See {{ item.source_link }} first.").bold = True
    document.save(str(word))
    output = docx.Document(str(_export(_outline(), tmp_path, str(word))))
    p = next(p for p in output.paragraphs if p.text.startswith("See Lee Park"))
    assert p.text == ("See Lee Park, \u201cThe summit season\u201d, Eastern Affairs, "
                      "2 June 2025 first.")
    pieces = [(child.tag.split("}")[1], "".join(t.text for t in child.iter(qn("w:t"))),
               child.find(".//" + qn("w:b")) is not None) for child in p._p
              if child.tag in (qn("w:r"), qn("w:hyperlink"))]
    assert pieces == [("r", "See ", True), ("r", "Lee Park, \u201c", True),
                      ("hyperlink", "The summit season", False),
                      ("r", "\u201d, Eastern Affairs, 2 June 2025", True), ("r", " first.", True)]
