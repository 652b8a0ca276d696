"""The outline copied for a worker in idle slices: the same file, and edits meanwhile kept."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from briefing.core.model import Outline
from briefing.core.outline_file import dumps_outline
from briefing.gui import outline_copier
from briefing.gui.document import Document
from briefing.gui.outline_copier import OutlineCopier


def _copier(document: Document, copies: list[Outline]) -> OutlineCopier:
    copier = OutlineCopier(lambda: document.outline, document.changed)
    copier.ready.connect(copies.append)
    return copier


def test_the_copy_writes_the_same_file_and_later_edits_leave_it_alone(
        document: Document) -> None:
    document.outline.excerpt_ids_given = 7  # an excerpt id given once stays given
    copies: list[Outline] = []
    copier = _copier(document, copies)
    copier.start()
    copier.finish_now()
    assert len(copies) == 1 and not copier.is_copying()
    text = dumps_outline(document.outline)
    assert "last_excerpt" in text
    assert dumps_outline(copies[0]) == text
    document.set_note("s1", "Written after the copy")
    document.set_tags("s2", ["later"])
    document.set_picked(["s3"], True)
    assert dumps_outline(copies[0]) == text


def test_an_edit_while_copying_starts_the_copy_over(qtbot: QtBot, document: Document,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outline_copier, "SLICE_S", 0.0)  # one article a slice
    copies: list[Outline] = []
    copier = _copier(document, copies)
    copier.start()
    assert copier.is_copying() and copier.copied_articles == 1
    document.set_note("s1", "Typed while the copy was made")  # in the article copied already
    with qtbot.waitSignal(copier.ready):
        pass
    assert copier.restarts == 1
    assert copies[0].articles[0].sections[0].note == "Typed while the copy was made"
    assert dumps_outline(copies[0]) == dumps_outline(document.outline)


def test_a_cancelled_copy_is_never_handed_over(document: Document,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outline_copier, "SLICE_S", 0.0)
    copies: list[Outline] = []
    copier = _copier(document, copies)
    copier.start()
    copier.cancel()
    copier.finish_now()
    assert copies == [] and not copier.is_copying()
    copier.start()
    copier.finish_now()  # what a clean exit does with a copy under way
    assert len(copies) == 1


def test_what_is_gathered_with_the_copy_is_from_the_same_state(
        qtbot: QtBot, document: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outline_copier, "SLICE_S", 0.0)  # one article a slice
    copier = OutlineCopier(lambda: document.outline, document.changed,
                           also=lambda article: [s.note for s in article.walk()])
    copier.start()
    document.set_note("s1", "Typed while the copy was made")
    with qtbot.waitSignal(copier.ready):
        pass
    assert copier.also_gathered == [[s.note for s in article.walk()]
                                    for article in document.outline.articles]
    assert copier.also_gathered[0][0] == "Typed while the copy was made"
