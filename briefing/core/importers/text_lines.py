"""The lines of a plain-text article: clean whitespace, list and quote markers, heading shapes.

Text copied from a browser keeps one paragraph per line, so a line is the unit the text importer
reasons about. Lines are never joined, except in a file that was hard-wrapped (every long line
broken near the same width, as in a saved e-mail), where the broken pieces of one paragraph are
put back together.

A browser copy puts a blank line between blocks and keeps only list items and the entries of a
menu or a list of links on consecutive lines; the furniture rules read those runs. Text from a
word processor, a mail client or a notes app puts one newline between paragraphs: there the
blank lines a browser copy would have are worked out from the lines' shape (see
:func:`_infer_breaks`), so the same rules hold on both; in a hard-wrapped file that has no blank
lines either, they are worked out once its paragraphs are put back together.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import product

from briefing.core.importers.invisible import INVISIBLE
from briefing.core.importers.text_details import byline_and_date, url_line


class LineKind(Enum):
    """What a line's leading marker says it is."""

    TEXT = "text"
    BULLET = "bullet"
    NUMBERED = "numbered"
    """``1.`` or ``2)``: a heading or a list item, decided by context."""
    LETTERED = "lettered"
    """``a)``, ``iv.``, ``(3)``: always a list item."""
    QUOTE = "quote"
    """``> text``."""


TEXT, BULLET, NUMBERED, LETTERED, QUOTE = (LineKind.TEXT, LineKind.BULLET, LineKind.NUMBERED,
                                           LineKind.LETTERED, LineKind.QUOTE)
"""The kinds under plain names for the tests made on every line: on Python 3.11 looking up a
member on its Enum class is about ten times slower than a global name (the enum metaclass
defines ``__getattr__``)."""


@dataclass(slots=True)
class Line:
    """One non-blank line (or re-joined hard-wrapped paragraph) of the source."""

    number: int
    """The 1-based line of the source where it starts."""
    raw: str
    """The whole line with whitespace cleaned, marker included (what a discard records)."""
    text: str
    """The content without its marker."""
    kind: LineKind = TEXT
    list_number: int | None = None
    words: int = 0
    after_blank: bool = True
    """Whether a blank line (or the start of the text) comes right before it; in a text that
    puts no blank lines between its blocks, whether a browser copy would put one there."""
    inferred: bool = False
    """Whether ``after_blank`` was worked out from the shape of the lines (the text puts no
    blank lines between its blocks) rather than read."""
    indent: int = 0
    """The spaces before it in the source (a wrapper counts them in a line's width)."""
    depth: int = 0
    """The heading depth a numbered table of contents gives this line (0: none given)."""
    parts: tuple[str, ...] = ()
    """The entries of a table of contents right under this line (compared as
    :func:`.text_furniture.entry_key`): a heading over such a list names its subheadings."""


_INVISIBLE = frozenset(INVISIBLE)
"""The characters that never show (:mod:`.invisible`): removed, not made spaces."""
_ODD_CHARACTERS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200a"
                             f"\u2028\u2029\u202f\u205f\u3000{INVISIBLE}]")
"""Tabs, odd spaces and control characters (each becomes a plain space) and the invisible
characters; one pattern, so the text is scanned once."""
_ASCII_CONTROLS = bytes([*range(0x0a), *range(0x0b, 0x20), 0x7f])
"""The unprintable ASCII characters bar the line break."""
_SPACES = re.compile(r" {2,}")
_BULLET_SIGNS = "\u2022\u25e6\u25aa\u25ab\u2023\u2043\u25cf\u25cb\u25a0\u25a1"
"""Marks that are only ever bullets: the text may follow without a space."""
_BULLET_MARKS = _BULLET_SIGNS + "\u00b7\u2013\u2219*+-"
_BULLET = re.compile(rf"^(?:[{_BULLET_SIGNS}] *|[{re.escape(_BULLET_MARKS)}](?: +|$))(.*)$")
_NUMBERED = re.compile(r"^(\d{1,3})[.)](?: +(.*))?$")
_LETTERED = re.compile(r"^(?:\((\d{1,3}|[a-z]|[ivx]{1,5})\)|([a-z]|[ivx]{1,5})[.)]) +(.*)$")
_QUOTE = re.compile(r"^(?:> ?)+(.*)$")
_NUMERAL_LETTERS = "ivx"
_LETTER_MARK_ENDS = ".)"
"""A small letter opens a lettered item only before one of these, or as a roman numeral."""

_OPENING_QUOTES = "\u201c\u2018\"'\u00ab"
_CLOSING_QUOTES = "\u201d\u2019\"')]\u00bb"
_CLOSING_PUNCTUATION = frozenset(".,;:!\u2026")
CONNECTORS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into",
                        "nor", "of", "on", "or", "the", "to", "via", "with", "vs"})
_CONNECTOR_FORMS = frozenset("".join(letters) for word in CONNECTORS
                             for letters in product(*((letter, letter.upper()) for letter in word)))
"""The connectors in every mix of cases: a word is one when its lower case is a connector (no
other character lowers to their ASCII letters), found without lower-casing each word."""
_OPEN_TO_CLOSE = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb", "\u201e": "\u201c",
                  "\u2018": "\u2019"}
QUOTE_OPENINGS = frozenset(_OPEN_TO_CLOSE)
"""The marks that open a quotation a whole paragraph may sit in (see :func:`is_quoted`)."""


def clean(text: str) -> str:
    """Odd spaces and control characters to plain spaces, runs collapsed, ends stripped."""
    return _SPACES.sub(" ", _normalise(text)).strip()


def _normalise(text: str) -> str:
    """Odd spaces to plain spaces and invisible characters removed (line breaks kept)."""
    return _ODD_CHARACTERS.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    return "" if match.group() in _INVISIBLE else " "


def word_count(text: str) -> int:
    """Words in cleaned text (single spaces), counted without splitting."""
    return text.count(" ") + 1 if text else 0


def classify(number: int, raw: str, after_blank: bool = True) -> Line:
    """A cleaned non-blank line with its marker read and removed."""
    kind = TEXT
    text = raw
    list_number: int | None = None
    first = raw[0]
    if first == ">":
        match = _QUOTE.match(raw)
        if match:
            kind, text = QUOTE, match.group(1)
    elif first.isdigit():
        match = _NUMBERED.match(raw)
        if match:
            kind, text, list_number = NUMBERED, match.group(2) or "", int(match.group(1))
    elif first in _BULLET_MARKS:
        match = _BULLET.match(raw)
        if match:
            kind, text = BULLET, match.group(1) or ""
    elif first == "(" or first.islower():
        match = _LETTERED.match(raw)
        if match:
            kind, text = LETTERED, match.group(3)
    return Line(number, raw, text, kind, list_number, word_count(text), after_blank)


def read_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, cleaned and classified, hard-wrapping undone."""
    if _has_odd_characters(text):
        text = _normalise(text)  # the pattern never takes a line break: lines stay as they are
    lines: list[Line] = []
    previous_blank = True
    for index, source in enumerate(text.split("\n"), 1):
        raw = source.strip()
        if not raw:
            previous_blank = True
            continue
        if "  " in raw:
            raw = _SPACES.sub(" ", raw)
        first = raw[0]
        if first.isupper() or (first.islower() and first not in _NUMERAL_LETTERS
                               and raw[1:2] not in _LETTER_MARK_ENDS):
            # A capital opens most lines, and a small letter that is no list marker ("a)",
            # "iv.") the pieces of a hard-wrapped paragraph: plain text, no marker to read.
            lines.append(Line(index, raw, raw, TEXT, None, raw.count(" ") + 1, previous_blank))
        else:
            lines.append(classify(index, raw, previous_blank))
        if source[0] == " ":
            lines[-1].indent = len(source) - len(source.lstrip())
        previous_blank = False
    if _looks_hard_wrapped(lines):
        lines = _join_wrapped(lines)
    if lines and not separates_blocks(lines):
        _infer_breaks(lines)
    return lines


def _has_odd_characters(text: str) -> bool:
    """Whether the text holds a character :func:`_normalise` replaces: a scan of the whole
    text, which nearly every text passes (in ASCII only a control character but the line break
    can be one; deleting those from the text's bytes is the cheapest scan)."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_CONTROLS)) != len(text)
    return _ODD_CHARACTERS.search(text) is not None


BLANK_SEPARATED_SHARE = 0.6
"""The share of unmarked lines after a blank line from which a copy separates its blocks."""
_SEPARATED_MIN_LINES = 4
RUN_LINE_WORDS = 20
"""The longest line that runs on with its neighbours in a text without blank lines: a link, a
label or a heading, never a paragraph."""


def _opens_a_block(before: str, line: Line, after: list[Line], width: int,
                   spaced: bool) -> bool:
    """Whether a line shaped like a heading follows a line that ends a sentence and ends its
    own block: the next line's first word would have fit on it. Past nine words only a line in
    title case is taken for a heading (in sentence case it is as likely a sentence missing its
    full stop, the paragraph's last piece). Where blank lines part the
    blocks, a paragraph's last piece may be such a line (a credit, a link), so only one over a
    wrapped paragraph whose first line is full opens a block there (a heading written with no
    blank line between it and its text)."""
    if before[-1:] == "]":
        before = _NOTE_MARKS.sub("", before)
    text = line.text
    if before.rstrip(_CLOSING_QUOTES)[-1:] not in _SENTENCE_ENDS or not (
            is_heading_shaped(text, _WRAPPED_HEADING_WORDS)
            or (is_heading_shaped(text, _WRAPPED_TITLE_WORDS) and is_title_case(text))):
        return False
    if not spaced:
        # A line naming a web address is a credit or a source closing its paragraph.
        # A title of two pieces ends its block under its second.
        return "://" not in text and "www." not in text and (
            _ends_its_block(line, after, width)
            or (is_title_case(text) and bool(after) and after[0].kind is TEXT
                and is_heading_shaped(after[0].text, _WRAPPED_HEADING_WORDS)
                and is_title_case(after[0].text) and _ends_its_block(after[0], after[1:], width)))
    if len(after) < 2 or after[0].after_blank or after[1].after_blank:
        return False
    following, under = after[0].raw, after[1].raw
    return (len(line.raw) + 1 + len(following.partition(" ")[0]) <= width
            < len(following) + 1 + len(under.partition(" ")[0]))


def _quotation_ends(before: str, text: str) -> bool:
    """Whether a line ends a quotation with its sentence and the next opens a sentence (or a
    credit in brackets): where one newline parts the blocks, a paragraph that ends on a
    quotation more often ends there (news gives each speaker's words a paragraph) than it goes
    on."""
    return (before[-2:-1] in _SENTENCE_ENDS and before[-1:] in _QUOTATION_CLOSES
            and text.lstrip(_SENTENCE_OPENINGS)[:1].isupper())


_QUOTATION_CLOSES = frozenset("\u201d\"")
_SENTENCE_OPENINGS = _OPENING_QUOTES + "("
"""What may come before the capital that opens a sentence (or a credit in brackets)."""


def _ends_its_block(line: Line, after: list[Line], width: int) -> bool:
    """Whether a line of a hard-wrapped text is the last of its block: nothing follows, a
    blank line or a marked line does, or the next line's first word would have fit on it."""
    if not after:
        return True
    following = after[0]
    return (following.after_blank or following.kind is not TEXT
            or len(line.raw) + 1 + len(following.raw.partition(" ")[0]) <= width)


_WRAPPED_HEADING_WORDS = 9
_WRAPPED_TITLE_WORDS = 15
_NOTE_MARKS = re.compile(r"(?:\[[^\]\s]{1,12}\])+$")
"""Note and citation marks closing a sentence (``.[21]``, ``.[a][3]``), as a wiki prints them."""
_SENTENCE_ENDS = frozenset(".!?\u2026\u3002\uff01\uff1f")


def separates_blocks(lines: Sequence[Line]) -> bool:
    """Whether the copy puts a blank line between its blocks (lists aside)."""
    unmarked = [line for line in lines[1:] if line.kind is TEXT]
    if len(unmarked) < _SEPARATED_MIN_LINES:
        return False
    after_blank = sum(1 for line in unmarked if line.after_blank)
    return after_blank >= BLANK_SEPARATED_SHARE * len(unmarked)


def _infer_breaks(lines: list[Line]) -> None:
    """Mark where a copy that separated its blocks by blank lines would have put one.

    Text from a word processor, a mail client or a notes app puts one newline between
    paragraphs. A browser copy keeps on consecutive lines only the items of a list and the
    entries of a menu, share bar or list of links; so here a line runs on from the one before
    only when both are list items or both are short lines that do not end like a sentence.
    Such lines are as likely a headline and its byline, or a heading and a subheading, so
    some start a line of their own: the short line right over text (a heading), a line of
    the opening that stands out from the short lines around it (the headline among menu
    entries, which may end on "!"), and the first line unless such a headline stands out
    below it.
    """
    last = len(lines) - 1
    # A long line is never short and open: a cheap test before the full one.
    shaped = [line.words <= RUN_LINE_WORDS and line.kind is TEXT and is_short_and_open(line)
              for line in lines]
    # A line with no such neighbour runs on with nothing: its details need no reading.
    runs = [shaped[index] and ((index > 0 and shaped[index - 1])
                               or (index < last and shaped[index + 1]))
            and _is_not_a_detail(line) for index, line in enumerate(lines)]
    heads = [False] * len(lines)
    for index, line in enumerate(lines):
        if line.kind is not TEXT:
            continue
        neighbours = [lines[other].words for other in (index - 1, index + 1)
                      if 0 <= other <= last and runs[other]]
        if not runs[index]:
            # The first paragraph ends the opening; a short line there that exclaims may be
            # the headline (a headline may end on "!", a menu entry does not).
            heads[index] = (line.words <= RUN_LINE_WORDS
                            and line.text.rstrip(_CLOSING_QUOTES)[-1:] == "!"
                            and _stands_out(line.words, neighbours[:1]))
            break
        heads[index] = _stands_out(line.words, neighbours)
    joined = [False] * len(lines)
    for index in range(1, len(lines)):
        joined[index] = (runs[index] and runs[index - 1] and not heads[index]
                         and not heads[index - 1] and (index == last or (
                             (runs[index + 1] or heads[index + 1])
                             and not lines[index + 1].after_blank)))
    if len(lines) > 1 and not any(heads):
        joined[1] = False  # no headline stands out below: the first line is the headline
    lines[0].inferred = True
    for index in range(1, len(lines)):
        line = lines[index]
        line.inferred = True
        if not line.after_blank:
            line.after_blank = (not joined[index] if line.kind is TEXT
                                else _starts_list(lines[index - 1], line))


def _starts_list(previous: Line, line: Line) -> bool:
    """Whether a list item starts a list of its own rather than going on with the line before:
    after text, after another kind of item, or numbered out of turn (a list counts up or down
    by one)."""
    kind = previous.kind
    if kind is TEXT:
        return True
    if kind is NUMBERED and line.kind is NUMBERED:
        return (previous.list_number is None or line.list_number is None
                or abs(line.list_number - previous.list_number) != 1)
    return (kind is NUMBERED) is not (line.kind is NUMBERED)


def _stands_out(words: int, neighbours: list[int]) -> bool:
    """Whether a line of ``words`` words stands out from the short lines beside it."""
    return (words >= _STANDING_OUT_WORDS and bool(neighbours)
            and words >= _STANDING_OUT * max(neighbours))


_STANDING_OUT_WORDS = 5
_STANDING_OUT = 2
_RUN_LINE_CHARS = 150
EDIT_MARK = "[edit]"
"""What a wiki's copied heading ends with (its edit link)."""
_RUN_ENDS = _CLOSING_PUNCTUATION | frozenset("\u3002\uff01\uff1f")
"""Closing punctuation (:data:`_CLOSING_PUNCTUATION`) and the ideographic full stop and full-width
"!" and "?" that end a sentence of CJK text."""


def _is_not_a_detail(line: Line) -> bool:
    """Whether a line is neither a byline, a date line nor a web address (a detail of the
    article is a line of its own, never an entry of a menu or a list of links)."""
    text = line.text
    return (line.words > 1 or url_line(text) is None) and byline_and_date(text) is None


def is_short_and_open(line: Line) -> bool:
    """Whether a line is short and does not end like a sentence or clause (a line a wiki marks
    "[edit]" is a heading: never an entry of a list of links)."""
    text = line.text
    if line.words > RUN_LINE_WORDS or len(text) > _RUN_LINE_CHARS or text.endswith(EDIT_MARK):
        return False
    stripped = text.rstrip(_CLOSING_QUOTES)
    return not stripped or stripped[-1] not in _RUN_ENDS


_WRAP_WIDTH_LIMIT = 100
_WRAPPED_MIN_LENGTH = 40
_WIDTH_SHARE = 90
"""The share of lines (per cent) no longer than the width a hard-wrapped file is taken for."""


def _looks_hard_wrapped(lines: list[Line]) -> bool:
    """Whether the file breaks its paragraphs at a fixed width.

    Browser copies put a paragraph on one (often very long) line. A hard-wrapped file has no line
    longer than about 100 characters that could have been broken at a space (a long address, or
    text written without spaces, stays whole), and of the lines followed directly by more text
    many are long and the long ones mostly stop mid-sentence. Where one newline parts the
    blocks too, every heading, label and paragraph's last piece is followed by text, so only a
    third of those lines need be long.
    """
    if len(lines) < 3 or any(len(line.raw) > _WRAP_WIDTH_LIMIT
                             and line.raw.find(" ", 1, _WRAPPED_MIN_LENGTH) > 0
                             for line in lines):
        return False
    continued = [lines[i] for i in range(len(lines) - 1)
                 if not lines[i + 1].after_blank and (
                     lines[i + 1].kind is TEXT
                     or lines[i].kind is lines[i + 1].kind is QUOTE)]
    if len(continued) < 2:
        return False
    full = [line.raw for line in continued if len(line.raw) >= _WRAPPED_MIN_LENGTH]
    # Wrapping breaks lines anywhere in a sentence; one paragraph per line ends each on a stop.
    stopped = sum(1 for raw in full if ends_with_closing_punctuation(raw) or raw.endswith("?"))
    return len(full) * 3 >= len(continued) and stopped * 2 < len(full)


def _join_wrapped(lines: list[Line]) -> list[Line]:
    """Put a hard-wrapped paragraph's pieces back on one line; markers still start new lines.

    A piece continues the line before it when no blank line separates them and that line is
    full: long, and too long to have taken the piece's first word (a wrapper breaks a line only
    where the next word would not fit; nearly the widest line gives the width). So a run of short
    titles, each on its own line, is not taken for one paragraph. Nor does a short line shaped
    like a heading continue a line that ends a sentence: a paragraph's pieces are full but its
    last, and the last ends on a stop, so the short line after it opens a block (a heading
    written with no blank line around it; see :func:`_opens_a_block`), nor, without blank
    lines, the line after a long headline (see :func:`_headline_alone`) or a sentence
    opening under a full line shaped like a heading (see :func:`_sentence_under`). Quoted pieces
    (``> ...``) continue a quote, other text continues anything but a quote.
    """
    lengths = sorted(line.indent + len(line.raw) for line in lines
                     if len(line.raw) <= _WRAP_WIDTH_LIMIT)
    # Nearly the widest line: a word too long for the width may stick out of a line or two.
    width = lengths[len(lengths) * _WIDTH_SHARE // 100] if lengths else 0
    joined: list[Line] = []
    piece = 0  # the length of the source line before this one
    alone = False  # whether the last joined line is still one piece
    spaced = sum(1 for line in lines if line.after_blank) >= _SEPARATED_MIN_LINES
    # Whether the last joined line is the first long one, in the headline's place (where blank
    # lines part the blocks, the lines between two of them are one block: no headline there).
    headline = not spaced
    # The joined lines of several pieces (by position), put together once at the end: adding
    # each piece to a growing string would copy a long paragraph once per piece. The tests
    # read only the last joined line's length and its end, which never reaches past the space
    # that joins its last piece.
    pieces: dict[int, list[Line]] = {}
    common = _CommonWords(lines)
    length = 0
    tail = ""
    for index, line in enumerate(lines):
        last = joined[-1] if joined and not line.after_blank else None
        full = line.kind is QUOTE or piece + 1 + len(line.raw.partition(" ")[0]) > width
        piece = line.indent + len(line.raw)
        if last is not None and full and length >= _WRAPPED_MIN_LENGTH and (
                (line.kind is TEXT and last.kind is not QUOTE
                 and not _opens_a_block(tail, line, lines[index + 1:index + 3], width, spaced)
                 and not (alone and headline and _headline_alone(
                     last, line, lines[index + 1:index + 2], width))
                 and not (alone and not spaced and _sentence_under(last, line, common))
                 and not (not spaced and _quotation_ends(tail, line.text)))
                or (line.kind is QUOTE and last.kind is QUOTE)):
            pieces.setdefault(len(joined) - 1, [last]).append(line)
            length += 1 + piece
            tail = f" {line.raw}"
            alone = False
            continue
        headline = headline and (not joined or length < _WRAPPED_MIN_LENGTH)
        joined.append(line)
        length = piece
        tail = line.raw
        alone = True
    for at, parts in pieces.items():
        first = joined[at]
        first.raw = " ".join(part.raw for part in parts)
        texts = [part.text for part in parts]
        opening = next((position for position, text in enumerate(texts) if text), len(texts))
        first.text = " ".join(texts[opening:])
        first.words = word_count(first.text)
    return joined


class _CommonWords:
    """Which capitalised words the text writes in small letters more often than capitalised
    within a sentence (common words, capitalised only to open one; not names), counted once
    when first asked."""

    def __init__(self, lines: list[Line]) -> None:
        self._lines = lines
        self._small: Counter[str] | None = None
        self._inside: Counter[str] = Counter()

    def __contains__(self, word: str) -> bool:
        if self._small is None:
            text = " ".join(line.raw for line in self._lines)
            self._small = Counter(_SMALL_WORD.findall(text))
            self._inside = Counter(_INSIDE_CAPITAL.findall(text))
        return self._small[word.lower()] > self._inside[word]


_SMALL_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
"""A word all in small letters (not the end of a contraction or a compound)."""
_INSIDE_CAPITAL = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+(?![\w'’-])")
"""A capitalised word after a small word or a comma: within a sentence."""
_OPENING_WORD = re.compile(r"[A-Z][a-z]+(?=,| [a-z])")


def _sentence_under(first: Line, line: Line, common: _CommonWords) -> bool:
    """Whether a full line that is a block's first piece ends that block though the next
    line's first word would not have fit on it: a heading, a numbered step or a link's title
    written right over its text fills the line as often as a paragraph's first piece does.

    The line is shaped like a heading (no sentence in it, no closing punctuation, no question,
    no dangling small word, no quotation opening) and ends on a small word, or is in title
    case over a line that is not; and the next line opens on a common word (see
    :class:`_CommonWords`). A paragraph's piece that ends without punctuation goes on
    mid-sentence, where a common word takes no capital; a capital after a capitalised word
    goes on with a name.
    """
    text = first.text
    if (not text or ". " in text or text[0] in _OPENING_QUOTES or text[-1] in "?!"
            or not is_heading_shaped(text, _WRAPPED_TITLE_WORDS)):
        return False
    following = line.text
    if not text[text.rfind(" ") + 1].islower() and not (
            is_title_case(text) and not is_title_case(following)):
        return False
    match = _OPENING_WORD.match(following.lstrip(_OPENING_QUOTES))
    return match is not None and match.group() in common


def _headline_alone(first: Line, line: Line, after: list[Line], width: int) -> bool:
    """Whether the text's first long line is a headline of its own rather than the first piece
    of a paragraph, though the next line's first word would not have fit on it (a long
    headline fills the line as often as a paragraph's piece does).

    It is shaped like a heading, with no sentence in it, and the next line opens on a capital;
    then either the headline asks or exclaims (a paragraph's first piece seldom ends on a
    question exactly where the line is full), or it is in title case and a paragraph in
    sentence case starts under it (a title-case headline's second piece is in title case too),
    or it is in sentence case and the next line is short, shaped like a heading and ends its
    block (a byline, a label or a subheading: a paragraph of two pieces would end like a
    sentence).
    """
    text = line.text
    if (not text.lstrip(_OPENING_QUOTES)[:1].isupper() or ". " in first.text
            or not is_heading_shaped(first.text, _WRAP_WIDTH_LIMIT)):
        return False
    if first.text.rstrip(_CLOSING_QUOTES)[-1:] in "?!":
        return True
    ends = _ends_its_block(line, after, width)
    if is_title_case(first.text):
        return not ends and not is_title_case(text)
    return ends and is_heading_shaped(text, _WRAPPED_HEADING_WORDS)


def ends_with_closing_punctuation(text: str) -> bool:
    """Whether the text ends like a sentence or clause (``.``, ``,``, ``;``, ``:``, ``!``, ``…``).

    A question mark does not count: headings and titles may ask a question.
    """
    stripped = text.rstrip(_CLOSING_QUOTES)
    return bool(stripped) and stripped[-1] in _CLOSING_PUNCTUATION


_TRAILING_SIGNS = re.compile("[\\s\u2190-\u2bff\U0001f000-\U0001faff\ufe0f]+$")
"""Arrows, symbols, dingbats and emoji (with their variation selector) closing a line."""
_SPEECH_ENDS = frozenset(".!?,\u2026")


def is_quoted(text: str) -> bool:
    """Whether the whole text sits inside one pair of quotation marks."""
    if len(text) < 3:
        return False
    close = _OPEN_TO_CLOSE.get(text[0])
    if close is None or text[-1] not in (close, "\u201d", '"'):
        return False
    # Curly single quotes double as apostrophes, so only the other marks are checked inside.
    return close == "\u2019" or close not in text[1:-1]


def is_heading_shaped(text: str, max_words: int, max_chars: int = 120) -> bool:
    """Short, starts with a capital or digit, no closing punctuation, not cut off mid-phrase."""
    if not text or len(text) > max_chars or text.count(" ") >= max_words:
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit()):
        # A heading may open with a quoted word ("'Unprecedented' strandings"); the capital
        # follows. A brand written with a small first letter ("iPhone Apps") is a capitalised
        # word.
        opening = text.lstrip(_OPENING_QUOTES)[:2]
        first = opening[:1]
        if not (first.isupper() or first.isdigit()
                or (first.islower() and opening[1:].isupper())):
            return False
    if text[0] in QUOTE_OPENINGS and is_quoted(text):
        # A heading may quote a phrase whole ("'A fair deal'"); a quoted sentence, statement
        # or question, is speech.
        inner = text[1:-1].strip()
        return inner[-1:] not in _SPEECH_ENDS and is_heading_shaped(inner, max_words, max_chars)
    last = text[-1]
    if (ends_with_closing_punctuation(text) if last in _CLOSING_QUOTES
            else last in _CLOSING_PUNCTUATION) or (not last.isascii() and (
            ends_with_closing_punctuation(_TRAILING_SIGNS.sub("", text)))):
        # A sentence stays one when a smiley or another sign follows its full stop.
        return False
    return text[text.rfind(" ") + 1:] not in _CONNECTOR_FORMS


def is_title_case(text: str) -> bool:
    """Whether most words that are not small connecting words start with a capital."""
    # Counted in one loop: building the list of first letters and summing over it twice
    # costs more than twice as much.
    capitals = counted = 0
    for word in text.split(" "):
        if word not in _CONNECTOR_FORMS:
            counted += 1
            first = word[0]
            if first.isupper() or first.isdigit():
                capitals += 1
    return bool(counted) and capitals * 4 >= counted * 3
