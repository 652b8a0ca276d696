"""How long the note will be on paper, estimated from the intermediate form.

Laying the note out for real takes a word processor; the estimate counts instead. Each block
costs its wrapped lines of text plus the space around it, in lines of body text; a template's
``words_per_page`` says how many words of running text fill its page, which fixes how many
characters a line and how many lines a page holds. Footnotes cost their small lines at the foot
of the page; Word comments cost nothing (they sit in the margin).

The constants below were fitted to LibreOffice 7.4 rendering the Word output of the three built-in
templates for 42 notes of many shapes (half a page to eight pages: few or many sections, long and
short paragraphs, lists, quotes, notes with lists and headings, comments and boxed notes) and
checked on 42 others: the estimate stayed within 0.2 page for notes up to two pages and within
half a page up to eight (the error grows with length, as page ends add up). The templates'
``words_per_page`` are part of that calibration: 680 (briefing-note), 760 (one-page-brief) and
700 (reading-pack) words of running text fill their pages. The decision note's 650 was fitted
afterwards, with its Word file's own paragraphs and table rows counted (:mod:`.template_body`):
within 0.4 page of LibreOffice for notes of one to five pages.
``tests/core/export/test_page_fit.py`` repeats the checks when LibreOffice is installed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.export.document import BlockType, BriefingDocument, Citation, DocBlock, Run
from briefing.core.export.template_body import BodyParagraph, BodyPart, template_body

if TYPE_CHECKING:
    from briefing.core.templates import TemplateSpec


@dataclass(frozen=True)
class FitModel:
    """The calibrated constants of the estimate (lines are lines of body text)."""

    lines_per_page: float = 50.0
    """Lines of body text a page holds (fixed; ``words_per_page`` sets the line width)."""
    chars_per_word: float = 6.2
    """Average characters of a word with its space, for turning words per page into line width."""
    paragraph_after: float = 0.2
    list_item_after: float = 0.05
    quote_after: float = 0.55
    title_lines: float = 3.9
    heading_lines: tuple[float, ...] = (2.1, 1.5, 1.8, 1.5, 1.5, 1.5)
    """What a heading of level 1, 2, ... costs, spacing included (one line of heading text)."""
    field_row_lines: float = 1.3
    source_line_lines: float = 1.3
    note_box_lines: float = 2.2
    """The frame and label of a boxed note, on top of its content."""
    footnote_lines: float = 0.67
    """One line of footnote text (smaller type)."""
    footnote_separator_lines: float = 0.1
    table_row_after: float = 0.3
    """The cell padding and border of a table row from a note, on top of its tallest cell."""
    cell_width: float = 0.95
    """The share of a template table's column that its text fills (the rest is padding)."""
    rule_lines: float = 0.9
    list_indent: float = 0.03
    """The share of the line width a list level's indent takes."""
    page_slack: float = 0.0
    """Space lost at page ends (headings kept with their text, whole lines), as a share."""


MODEL = FitModel()


def _chars(block: DocBlock) -> tuple[int, int]:
    """Characters of the block's text and the number of line breaks in it."""
    chars = breaks = 0
    for run in block.runs:
        if run.is_break:
            breaks += 1
        else:
            chars += len(run.text)
    return chars, breaks


def _text_lines(block: DocBlock, chars_per_line: float, width: float = 1.0) -> float:
    chars, breaks = _chars(block)
    if chars == 0 and breaks == 0:
        return 1.0
    per_line = max(chars_per_line * width, 10.0)
    return float(max(1, math.ceil(chars / per_line)) + breaks)


def _citation_lines(citation: Citation, chars_per_line: float, model: FitModel) -> float:
    return _footnote_lines(citation.runs(), chars_per_line, model)


def _footnote_lines(runs: Iterable[Run], chars_per_line: float, model: FitModel) -> float:
    chars = sum(len(run.text) for run in runs) + 4
    return math.ceil(chars / (chars_per_line * 1.1)) * model.footnote_lines


def _note_footnote_lines(block: DocBlock, chars_per_line: float, model: FitModel) -> float:
    """The analyst's own footnotes marked in the block (its table cells included)."""
    if not block.rows:  # most blocks: no table, and no footnote in their text
        runs = block.runs
        if all(run.footnote is None for run in runs):
            return 0
    else:
        runs = [run for cells in block.rows for cell in cells for run in cell] + block.runs
    return sum(_footnote_lines(run.footnote, chars_per_line, model)
               for run in runs if run.footnote is not None)


def _on_the_page(blocks: list[DocBlock]) -> Iterator[DocBlock]:
    """The blocks and boxed notes' blocks; not comments, which sit in the margin."""
    for block in blocks:
        yield block
        if block.children:
            yield from _on_the_page(block.children)


def _table_lines(block: DocBlock, chars_per_line: float, model: FitModel) -> float:
    columns = max((len(row) for row in block.rows), default=1) or 1
    cell_width = chars_per_line * 1.05 / columns
    return sum(max((_text_lines(DocBlock(BlockType.PARAGRAPH, cell), cell_width)
                    for cell in row), default=1.0) + model.table_row_after
               for row in block.rows) + model.paragraph_after


def block_lines(block: DocBlock, chars_per_line: float, model: FitModel = MODEL) -> float:
    """What one block costs, in lines of body text (a boxed note's content included)."""
    kind = block.kind
    if kind is BlockType.TITLE:
        return model.title_lines * _text_lines(block, chars_per_line * 0.55)
    if kind is BlockType.SUBTITLE:
        return model.heading_lines[0] * _text_lines(block, chars_per_line * 0.8)
    if kind is BlockType.HEADING:
        level = max(1, min(block.level, len(model.heading_lines)))
        extra = _text_lines(block, chars_per_line * 0.8) - 1
        return model.heading_lines[level - 1] + extra
    if kind is BlockType.FIELD:
        return model.field_row_lines + _text_lines(block, chars_per_line * 0.7) - 1
    if kind in (BlockType.BULLET, BlockType.NUMBERED, BlockType.SOURCE):
        width = 1.0 - model.list_indent * (block.level + 1)
        return _text_lines(block, chars_per_line, width) + model.list_item_after
    if kind is BlockType.QUOTE:
        width = 1.0 - model.list_indent * (block.level + 1)
        return _text_lines(block, chars_per_line, width) + model.quote_after
    if kind is BlockType.SOURCE_LINE:
        return model.source_line_lines * _text_lines(block, chars_per_line * 1.1)
    if kind is BlockType.CODE:
        return _text_lines(block, chars_per_line) + model.paragraph_after
    if kind is BlockType.TABLE:
        return _table_lines(block, chars_per_line, model)
    if kind is BlockType.RULE:
        return model.rule_lines
    if kind is BlockType.NOTE:
        return model.note_box_lines + sum(
            block_lines(child, chars_per_line * 0.95, model) for child in block.children)
    return _text_lines(block, chars_per_line) + model.paragraph_after


def _plain_lines(text: str, per_line: float) -> float:
    return float(max(1, math.ceil(len(text) / max(per_line, 10.0))))


def body_part_lines(part: BodyPart, chars_per_line: float, model: FitModel = MODEL) -> float:
    """What a paragraph or table row of a Jinja template's own body costs, in lines."""
    if isinstance(part, BodyParagraph):
        style = part.style.casefold()
        if style == "title":
            return model.title_lines * _plain_lines(part.text, chars_per_line * 0.55)
        if style == "subtitle":
            return model.heading_lines[0] * _plain_lines(part.text, chars_per_line * 0.8)
        if style.startswith("heading ") and style[8:].isdigit():
            level = max(1, min(int(style[8:]), len(model.heading_lines)))
            return model.heading_lines[level - 1] + _plain_lines(part.text,
                                                                 chars_per_line * 0.8) - 1
        return _plain_lines(part.text, chars_per_line) + model.paragraph_after
    return max((sum(_plain_lines(text, chars_per_line * share * model.cell_width)
                    for text in texts) for share, texts in part.cells),
               default=1.0) + model.table_row_after


def estimate_pages(doc: BriefingDocument, spec: TemplateSpec, model: FitModel = MODEL) -> float:
    """The note's length in pages on the template's paper, to one decimal's worth of accuracy:
    the note's blocks, and what a Jinja template's own body adds around them."""
    chars_per_line = spec.words_per_page * model.chars_per_word / model.lines_per_page
    lines = sum(body_part_lines(part, chars_per_line, model)
                for part in template_body(doc, spec))
    citation_lines: dict[int, float] = {}  # by the citation's id: most cite one of a few
    for block in doc.blocks:
        lines += block_lines(block, chars_per_line, model)
        citation = block.footnote
        if citation is not None:
            cost = citation_lines.get(id(citation))
            if cost is None:
                cost = citation_lines[id(citation)] = _citation_lines(citation, chars_per_line,
                                                                      model)
            lines += cost
    note_footnotes = sum(_note_footnote_lines(block, chars_per_line, model)
                         for block in _on_the_page(doc.blocks))
    lines += note_footnotes
    body_pages = lines / model.lines_per_page
    # Each page holding footnotes also holds the rule above them.
    if note_footnotes or any(block.footnote is not None for block in doc.blocks):
        lines += model.footnote_separator_lines * max(1.0, math.ceil(body_pages))
    pages = lines / model.lines_per_page * (1.0 + model.page_slack)
    return round(pages, 2)


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def format_fit(pages: float, budget: float | None) -> str:
    """``"1.6 of 2 pages"``, or ``"1.6 pages"`` when there is no budget."""
    shown = _number(round(pages, 1))
    if budget is None:
        return f"{shown} page" if shown == "1" else f"{shown} pages"
    unit = "page" if budget == 1 else "pages"
    return f"{shown} of {_number(budget)} {unit}"


def over_budget_warning(pages: float, budget: float | None) -> str:
    """``"3.4 pages, budget 2"`` when the note is over its budget, else an empty string."""
    if budget is None or round(pages, 1) <= budget:
        return ""
    return f"{_number(round(pages, 1))} pages, budget {_number(budget)}"
