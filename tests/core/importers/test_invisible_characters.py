"""Both importers take out the same characters that never show, and keep the joiners that do."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefing.core.importers.fragment import parse_fragment
from briefing.core.importers.html import parse_html
from briefing.core.importers.invisible import INVISIBLE
from briefing.core.importers.text import parse_text
from briefing.core.model import Article

FAMILY = "\U0001f469\u200d\U0001f467"
"""Woman, zero-width joiner, girl: one picture of a mother and daughter."""
PERSIAN = "\u0645\u06cc\u200c\u0631\u0648\u0645"
"""A Persian verb whose prefix the zero-width non-joiner keeps apart in its written form."""
MARKED = (f"The ferry crew paint\u00aded a sign\u200b {FAMILY} by the word {PERSIAN} on the "
          "\u2067quay\u2069 wall\u2060 and\ufeff left the harbour before the evening tide.")
SHOWN = (f"The ferry crew painted a sign {FAMILY} by the word {PERSIAN} on the quay wall and "
         "left the harbour before the evening tide.")
OTHER = "The harbour board thanked them and said the sign would stay there for the summer."


def from_text() -> Article:
    return parse_text(f"Harbour Notes\n\n{MARKED}\n\n{OTHER}\n", "sign.txt")


def from_page() -> Article:
    return parse_html("<html><head><title>Harbour Notes</title></head><body><article>"
                      f"<h1>Harbour Notes</h1><p>{MARKED}</p><p>{OTHER}</p>"
                      "</article></body></html>", "sign.html")


def from_fragment() -> Article:
    return parse_fragment(f"<h1>Harbour Notes</h1><p>{MARKED}</p><p>{OTHER}</p>", "sign.html")


@pytest.mark.parametrize("read", [from_text, from_page, from_fragment])
def test_invisible_characters_go_and_joiners_stay(read: Callable[[], Article]) -> None:
    article = read()
    assert article.title == "Harbour Notes"
    # The plain text's first paragraph under the title reads as its standfirst.
    texts = [text for text in (article.standfirst, *(block.text for block in article.blocks))
             if text]
    assert texts == [SHOWN, OTHER]


def test_the_joiners_are_not_counted_invisible() -> None:
    assert "\u200d" not in INVISIBLE and "\u200c" not in INVISIBLE
    assert all(character in MARKED for character in "\u00ad\u200b\u2060\ufeff\u2067\u2069")
