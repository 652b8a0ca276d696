"""Importing Word's HTML from the command line: a saved clipboard copy (with the Windows
CF_HTML header) and a document saved as a web page give the document's outline."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.cli import main
from briefing.core.model import BlockKind
from briefing.core.outline_file import load_outline
from tests.core.importers.office_markup import (
    DOCUMENT_CLOSE,
    DOCUMENT_OPEN,
    cf_html,
    word_clipboard,
    word_selection,
)


@pytest.mark.parametrize(("name", "html"), [
    ("copied.html", cf_html(word_clipboard(word_selection()))),
    ("depot.htm", DOCUMENT_OPEN + word_selection() + DOCUMENT_CLOSE),
], ids=["clipboard-copy", "saved-web-page"])
def test_import_and_show_a_word_document_from_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, html: str) -> None:
    source = tmp_path / name
    source.write_text(html, encoding="utf-8")
    outline_path = tmp_path / "depot.yaml"
    assert main(["import", str(source), "-o", str(outline_path)]) == 0
    article = load_outline(outline_path).articles[0]
    assert (article.title, article.standfirst) == ("Tram depot plans",
                                                   "Three sites for the second depot")
    kinds = [block.kind for section in article.walk() for block in section.blocks]
    assert (kinds.count(BlockKind.BULLET), kinds.count(BlockKind.NUMBERED)) == (4, 4)
    capsys.readouterr()
    assert main(["show", str(outline_path)]) == 0
    shown = capsys.readouterr().out
    assert "Choosing a site  (1 paragraph, 4 bullets)" in shown
    assert "The sites  (1 paragraph)" in shown
    assert "Next steps  (1 paragraph, 4 numbered items)" in shown
