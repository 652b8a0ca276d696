"""Whether a table holds data or only lays the article out.

The outline has no tables: a table of data goes to ``discarded`` a row per line. A table that
only lays the article out is read as markup: long paragraphs in its cells and neither header
cells (``<th>``) of its own nor a grid of three columns or more, nearly all of the text, or a
single column (a box drawn around a note).
"""

from __future__ import annotations

from typing import Any

from briefing.core.importers.html_text import element_text, holds_article_text
from briefing.core.importers.structure import clean_text

REASON_TABLE = "table"
LAYOUT_TABLE_SHARE = 0.75
"""A table holding more than this share of the words is the page's layout, header cells or not."""


def lays_out(table: Any, total_words: int) -> bool:
    """Whether a table lays the article out rather than holding data: long paragraphs in
    its cells and neither header cells nor a grid of columns, or nearly all the article's
    words (an old page set in one table, with a header cell for its title). A table of one
    column has nothing to line up: it is a box drawn around a note."""
    if one_column(table) and not has_header_cells(table):
        return True
    if not holds_article_text(table, paragraphs=("p", "td")):
        return False
    if not has_header_cells(table) and not is_grid(table):
        return True
    return len(element_text(table).split()) > LAYOUT_TABLE_SHARE * total_words


def text_outside_rows(table: Any) -> str:
    """Text a malformed table holds outside its rows (a caption, words between rows)."""
    parts: list[str] = []
    stack = [(table, False)]
    while stack:
        node, in_row = stack.pop()
        in_row = in_row or node.tag == "tr"
        if not in_row:
            parts.append(node.text or "")
        for child in node:
            if not in_row:
                parts.append(child.tail or "")
            if isinstance(child.tag, str):
                stack.append((child, in_row))
    return clean_text(" ".join(parts))


def has_header_cells(table: Any) -> bool:
    """Whether a table's own rows have header cells (``<th>``): a table of data, whatever its
    cells hold. Tables that only lay a page out have no headers to give."""
    return any(next(cell.iterancestors("table"), None) is table for cell in table.iter("th"))


def _cells_per_row(table: Any) -> list[int]:
    """How many cells each of a table's own rows holds (not those of tables inside it)."""
    return [sum(1 for cell in row if cell.tag in ("td", "th")) for row in table.iter("tr")
            if next(row.iterancestors("table"), None) is table]


def one_column(table: Any) -> bool:
    """Whether each of a table's own rows holds one cell at most (and it has rows)."""
    cells = _cells_per_row(table)
    return bool(cells) and max(cells) <= 1


GRID_MIN = 3
"""A table with at least this many rows of at least this many cells is a grid of data."""


def is_grid(table: Any) -> bool:
    """Whether most of a table's rows line up three or more cells, three rows or more: data
    in columns, however long its cells' text (a page's layout has a column or two)."""
    cells = _cells_per_row(table)
    wide = sum(1 for count in cells if count >= GRID_MIN)
    return wide >= GRID_MIN and 2 * wide > len(cells)
