"""What a short line's own words, and the lines beside it, say it is instead of a heading.

A copy keeps captions, credits, buttons, pointers to other pages, rows of figures and the text's
own cries and questions as short lines of their own, shaped much like headings. Each test here
reads one such shape, on any site; :mod:`.text_headings` asks them of its heading candidates.
"""

from __future__ import annotations

import re

from briefing.core.importers.text_details import is_name_line
from briefing.core.importers.text_lines import TEXT, Line, is_heading_shaped, is_title_case

_DIGIT = re.compile(r"\d")
_NAMED_FIGURE = re.compile(r"[^\W\d_]+[-\u2013]?\d[\d.,/%]*")
"""A word whose letters come first and figures only close it: a name or a label with its
number or score ("Covid-19", "Q3", "Score8/10"), not a figure."""
SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")
"""A section number opening a heading: "2", "2.1", "2.1.3."."""
_SENTENCE_OPENERS = frozenset({"But", "And", "Or", "So", "Yet"})
_EXCLAMATION_INSIDE = re.compile(r"([!?])[!?]* +[A-Z]")
"""A "!" or "?" ending a sentence inside a line, another sentence after it."""
_SENTENCE_INSIDE = re.compile(r"[.!?] +[A-Z]")
"""A sentence ending inside a line, another sentence after it."""
_SENTENCES_IN_SPEECH = 3
CREDITED = re.compile(r"\s[-\u2013\u2014|]\s+(?:image|photo|picture|credit|source)s?\s*:", re.I)
"""A credit after a dash ("The old harbour - Photo: Jane Moreau") makes a line a caption."""
_NAME_THEN = re.compile(r"^(\S+(?: \S+){1,3}?)(?::|,| at) ")
"""Two to four words, then a colon, a comma or "at": a name and what follows it."""
CREDIT_DASH = re.compile(r"\s[-\u2013\u2014|]\s")
"""The dash a credited caption puts before its credit."""
CROSS_REFERENCE = re.compile(
    r"^(?:learn more|check out|related|main articles?|see also|read more|read|further "
    r"information|more|watch|listen)\s*:", re.IGNORECASE)
FULL_VERSION = re.compile(
    r"^(?:read|watch|see|view|listen to|download) the (?:full|whole|complete) ", re.IGNORECASE)
"""A pointer to another page ("Main article: Harbour dues", "Read the full list"), not a
heading."""
_UNITS = r"(?:us customary|us|imperial|metric)"
_UNIT_SWITCH = re.compile(rf"{_UNITS}(?:\s*[-\u2013/]\s*{_UNITS})+$", re.IGNORECASE)
_BUTTON_ACTIONS = frozenset({"print", "pin", "save", "share", "jump", "fullscreen", "email",
                             "tweet", "rate", "play", "watch", "download"})
_BUTTON_WORDS = _BUTTON_ACTIONS | {"to", "this", "it", "recipe", "article", "video", "story",
                                   "review", "now"}


class WholeText:
    """The article's body text in one string, joined when first asked for.

    The importer's own join (:func:`.text._read_details`) is of another text: the lines before
    the byline, date, title and standfirst are taken out, wherever those stand, so a name
    counted there may be counted once more than here."""

    def __init__(self, body: list[Line]) -> None:
        self._body = body
        self._text: str | None = None

    def count(self, part: str) -> int:
        if self._text is None:
            self._text = "\n".join(line.text for line in self._body)
        return self._text.count(part)


def is_picture_of_someone(text: str, whole: WholeText) -> bool:
    """Whether the line is a caption that opens on a person the text names, then their work,
    their role or their place ("Jane Moreau: Harbour at Dusk", "Jane Moreau at the Quay")."""
    if not (": " in text or ", " in text or " at " in text):
        return False  # a cheap test before the pattern: what follows the name is missing
    match = _NAME_THEN.match(text)
    if match is None:
        return False
    name = match.group(1)
    return is_name_line(name) and whole.count(name) > 1


def _figure_at(text: str) -> int:
    """The position of the first word holding a figure, leaving out a section number opening
    the line ("2.1 Fares"); -1 when there is none."""
    if not _DIGIT.search(text):
        return -1  # the usual case: no word to look at
    words = text.split(" ")
    start = 1 if SECTION_NUMBER.match(words[0]) else 0
    return next((at for at in range(start, len(words)) if _DIGIT.search(words[at])), -1)


def is_figure_row(body: list[Line], index: int, most_words: int) -> bool:
    """Whether the line and a line right next to it are both short and open, and printed to
    one pattern: alike in case, with their first figure at the same word ("FRIDAY 9 MAY
    HARBOUR HALL" over "SATURDAY 17 MAY QUAY CLUB"). They are dates of a schedule or rows of a
    table, one after another; a heading stands alone over its text, and may stand over such
    rows as over a list."""
    text = body[index].text
    if not _DIGIT.search(text):
        return False  # the usual case
    at = _figure_at(text)
    if at < 0:
        return False
    capitalised = is_title_case(text)
    return any(0 <= other < len(body) and body[other].kind is TEXT
               and body[other].words <= most_words
               and _figure_at(body[other].text) == at
               and is_heading_shaped(body[other].text, most_words)
               and is_title_case(body[other].text) == capitalised
               for other in (index - 1, index + 1))


def is_signature(text: str) -> bool:
    """Whether the line is a name, a comma and what follows ("Jane Moreau, Director"): over a
    heading, with no text of its own, it signs off the part before it."""
    if ", " not in text:
        return False
    match = _NAME_THEN.match(text)
    return match is not None and text[match.end(1)] == "," and is_name_line(match.group(1))


def is_button_row(text: str) -> bool:
    """Whether the line is only the labels of a page's buttons ("Print Recipe Pin Recipe"),
    links a bar separates ("Learn More | Buy Now") or a switch between units of measure ("US
    Customary - Metric", over a recipe's list): a heading names one part of the text."""
    if " | " in text or _UNIT_SWITCH.match(text):
        return True
    if text.split(None, 1)[0].lower() not in _BUTTON_WORDS:
        return False  # the usual case, told by the first word alone
    words = set(text.lower().split())
    return words <= _BUTTON_WORDS and bool(words & _BUTTON_ACTIONS)


def reads_as_data(text: str) -> bool:
    """Whether half the words, or three words and a third, are figures ("Fat 12g 18%",
    "ACME CORP. 12.40 -1.62 -1.41%"): a table row or a price ticker, not a heading. A word
    that only ends on figures is a name or a label with its number ("Covid-19", a
    reviewer's "Score8/10" with the score run on), as a heading has it."""
    if not _DIGIT.search(text):
        return False
    number, _, rest = text.partition(" ")
    if rest and SECTION_NUMBER.match(number) and not _DIGIT.search(rest):
        return False  # "2.1 Early Crossings": a section's number, not a figure
    words = text.split(" ")
    figures = sum(1 for word in words
                  if _DIGIT.search(word) and not _NAMED_FIGURE.fullmatch(word))
    return figures * 2 >= len(words) or (figures >= 3 and figures * 3 >= len(words))


def reads_as_a_sentence(text: str) -> bool:
    """A sentence-case question with a comma, or opening on "But", "And", "Or", "So": a
    sentence of the text ("That helps, doesn't it?"), not a heading."""
    if not text.endswith("?"):
        return False
    return "," in text or text.split(" ", 1)[0] in _SENTENCE_OPENERS


def exclaims_then_goes_on(text: str) -> bool:
    """Whether a sentence-case line cries out and goes on: a one-word sentence first ("Huh?
    Why did it stop?"), an exclamation before more words ("Slice and serve! Enjoy") or three
    sentences ("It moved. Then it stopped. Why?"). That is speech or a step of the text, not
    a heading (which may add one sentence to a question)."""
    if len(_SENTENCE_INSIDE.findall(text)) >= _SENTENCES_IN_SPEECH - 1:
        return True
    match = _EXCLAMATION_INSIDE.search(text)
    if match is None:
        return False
    return match.group(1) == "!" or " " not in text[:match.start()].strip()
