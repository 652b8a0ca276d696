"""Replacing a term in notes: literal text, case and whole-word options, every note at once."""

from __future__ import annotations

from briefing.core.model import Article, Outline, Section
from briefing.core.text_replace import replace_in_notes, replace_text


def test_replace_is_literal_and_folds_case_unless_asked() -> None:
    text = "Port, port and portal (a.b) a+b."
    assert replace_text(text, "port", "dock") == ("dock, dock and dockal (a.b) a+b.", 3)
    assert replace_text(text, "port", "dock", case_sensitive=True) == \
        ("Port, dock and dockal (a.b) a+b.", 2)
    assert replace_text(text, "a.b", r"\1") == (r"Port, port and portal (\1) a+b.", 1)
    assert replace_text(text, "a+b", "x")[1] == 1


def test_whole_words_leave_longer_words_alone() -> None:
    text = "port portal airport port_x 2port port"
    assert replace_text(text, "port", "dock", whole_words=True) == \
        ("dock portal airport dock_x 2port dock", 3)


def test_an_empty_term_replaces_nothing() -> None:
    assert replace_text("abc", "", "x") == ("abc", 0)


def test_replace_in_notes_lists_only_the_notes_that_change() -> None:
    outline = Outline(articles=[Article(title="A", sections=[
        Section(id="a", heading="One", note="NATO and nato"),
        Section(id="b", heading="Two", note="nothing here"),
        Section(id="c", heading="Three", sections=[
            Section(id="d", heading="Four", note="Ask NATO")])])])
    notes, count = replace_in_notes(outline, "NATO", "the Alliance", case_sensitive=True)
    assert notes == {"a": "the Alliance and nato", "d": "Ask the Alliance"}
    assert count == 2
    assert outline.articles[0].sections[0].note == "NATO and nato"  # untouched
