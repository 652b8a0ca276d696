"""Site furniture in a browser copy, found from the shape of the copy rather than its words.

A copy of a web page puts one block per line with a blank line between blocks, and list items on
consecutive lines behind their marker (``•``, ``1.``); in text that puts one newline between
paragraphs, :mod:`.text_lines` marks where those blank lines would be. The furniture a copy
brings along keeps its own shapes, which hold on any site:

Runs of links
    A menu, share bar or list of related stories comes out as consecutive lines without markers:
    in a copy that separates its blocks by blank lines, article text never does that (a byline
    or date among them stays the article's). Where the blank lines were worked out from the
    lines' shape, the evidence is weaker: two such lines inside the article text are as likely
    a heading over a label, and lines that mostly carry figures are a table's rows; both stay.
    So does a recipe card's part ("Ingredients") that ends such a run over its list.
Tables of contents
    A run of lines (marked or not) whose entries come back later in the text as lines of the
    kind a heading is (unmarked or numbered), each apart from the others: the headings the
    table lists, which no run of links takes. Entries that come back together are a box
    printed again (a product box, a repeated menu). A heading that contents numbered "1",
    "1.1" name is kept whatever its words say ("Further reading" and its list).
The footer
    After the last sentence of the article, a copy ends on short lines without a full stop:
    links, labels, credits, copyright. Lines of a footer are short, so the run is cut at
    :data:`~briefing.core.importers.cleanup.FOOTER_LINES` lines.

The words that give a single line away (share buttons, sign-ups, copyright...) are the cues of
:mod:`.cleanup`; their reasons come first, the shapes here add what those miss. Every reason is
kept with its line in the article's ``discarded`` list, so the analyst can see and restore it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.core.importers.cleanup import FOOTER_LINES, REASON_RELATED, find_boilerplate
from briefing.core.importers.text_details import byline_and_date
from briefing.core.importers.text_lines import (
    EDIT_MARK,
    NUMBERED,
    TEXT,
    Line,
    ends_with_closing_punctuation,
    is_short_and_open,
)

REASON_LINK_RUN = "run of links (menu, share bar or related stories)"
REASON_CONTENTS = "table of contents (its entries are the headings that follow)"
REASON_FOOTER = "page footer (short lines after the article)"

FOOTER_LINE_WORDS = 8
"""The longest footer line: a link, a label or a credit, never a sentence."""
CONTENTS_ENTRY_WORDS = 20
"""The longest line a table of contents can name: a heading, never a paragraph."""
_CONTENTS_SHARE = 0.5
CARD_OPENING = frozenset({"ingredients"})
CARD_STEPS = frozenset({"instructions", "method", "directions", "preparation", "steps"})
"""How a recipe card names its list of ingredients and its steps, as recipe sites name them."""
_SENTENCE_END = ".!?\u2026"
_CLOSING_MARKS = "\u201d\u2019\"')]\u00bb"


def find_furniture(lines: Sequence[Line]) -> dict[int, str]:
    """The indexes of ``lines`` (as :func:`.text_lines.read_lines` gives them: with the blank
    lines between blocks read or worked out) that are site furniture, each with the reason.

    The lines a table of contents names are headings: a run of links never takes them.
    """
    reasons = find_boilerplate(lines)
    runs = _runs(lines)
    keys = _entry_keys(lines, runs) if runs else {}
    group = {index: start for start, stop in runs for index in range(start, stop)}
    named: set[int] = set()
    span = _text_span(lines) if lines and lines[0].inferred else None
    link_runs: list[tuple[int, int]] = []
    for start, stop in runs:
        run = lines[start:stop]
        headings = _named_lines(run, keys, stop) if keys else []
        # The headings a table names stand apart, each over its own text; entries that come
        # back together are a box printed again (a product box, a repeated menu).
        apart = len({group.get(index, index) for index in headings})
        if apart >= 2 and apart >= _CONTENTS_SHARE * len(run):
            named.update(headings)
            while stop < len(lines) and _continues_contents(lines, stop, keys):
                named.update(_named_lines(lines[stop:stop + 1], keys, stop + 1))
                stop += 1
            for index in range(start, stop):
                reasons.setdefault(index, REASON_CONTENTS)
        elif _is_link_run(run) and not (
                span is not None and len(run) == 2 and span[0] < start and stop <= span[1]):
            # Two short lines within the text, where no blank lines tell blocks apart, are as
            # likely a heading over a label, a caption or a subheading as two links.
            link_runs.append((start, stop))
    links: list[int] = []
    for start, stop in link_runs:
        # A byline or a date line among the links is the article's: its details keep it.
        others = [index for index in range(start, stop)
                  if byline_and_date(lines[index].text) is None]
        if others and others[-1] == stop - 1 and _opens_card_part(lines, stop - 1):
            others.pop()
        # Links come two or more together: one line over a byline and a date is the headline
        # that stands over them.
        if len(others) >= 2:
            links.extend(index for index in others
                         if index not in named and index not in reasons)
    # Links are what a copy brings along with an article; where no blank lines part the
    # blocks, text that is mostly short open lines (notes, a list of points) is the article.
    if not (span is not None and _takes_most(lines, links)):
        reasons.update(dict.fromkeys(links, REASON_LINK_RUN))
    for index in _footer(lines, reasons):
        reasons.setdefault(index, REASON_FOOTER)
    return reasons


def _opens_card_part(lines: Sequence[Line], index: int) -> bool:
    """Whether the line names a part of a recipe card ("Ingredients", "Method") over its list,
    or over a label over its list ("For the dough"): it heads the part after the buttons
    before it ("Print Recipe"), even where no blank line parts them."""
    if lines[index].text.rstrip(":").lower() not in CARD_OPENING | CARD_STEPS:
        return False
    after = lines[index + 1:index + 3]
    return bool(after) and (after[0].kind is not TEXT or (
        len(after) == 2 and is_short_and_open(after[0]) and after[1].kind is not TEXT))


def _takes_most(lines: Sequence[Line], found: list[int]) -> bool:
    """Whether the lines found hold more than half the text's words."""
    taken = sum(lines[index].words for index in found)
    return taken * 2 > sum(line.words for line in lines)


def _continues_contents(lines: Sequence[Line], index: int, keys: dict[str, list[int]]) -> bool:
    """Whether the line after a table of contents, where the blank lines were worked out, is
    one more of its entries: an unmarked last entry a break was put before, which names a
    heading further on."""
    line = lines[index]
    return (line.inferred and line.kind is TEXT and is_short_and_open(line)
            and bool(_named_lines((line,), keys, index + 1)))


def _text_span(lines: Sequence[Line]) -> tuple[int, int]:
    """The indexes of the first and the last line that read as article text (unmarked, too
    long or too closed to be a link; 0 and -1 when no line does)."""
    # Scanned from both ends: the text is found within a few lines of each.
    first = next((index for index, line in enumerate(lines) if _is_text(line)), None)
    if first is None:
        return 0, -1
    last = next(index for index in range(len(lines) - 1, first - 1, -1)
                if _is_text(lines[index]))
    return first, last


def _is_text(line: Line) -> bool:
    return line.kind is TEXT and not is_short_and_open(line)


def _is_link_run(run: Sequence[Line]) -> bool:
    """Unmarked lines that read as links or labels: most do not end like a sentence."""
    if not all(line.kind is TEXT for line in run):
        return False
    sentences = sum(1 for line in run if line.text.rstrip(_CLOSING_MARKS)[-1:] in _SENTENCE_END)
    if sentences * 2 > len(run):
        return False
    if run[0].inferred:
        # Without blank lines, the rows of a table (figures, amounts, times) run on as
        # links do; links seldom carry figures.
        figures = sum(1 for line in run if any(char.isdigit() for char in line.text))
        return figures * 2 < len(run)
    return True


def _runs(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """(start, stop) of each group of two or more lines with no blank line between them."""
    runs: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(lines) + 1):
        if index == len(lines) or lines[index].after_blank:
            if index - start >= 2:
                runs.append((start, index))
            start = index
    return runs


def entry_key(line: Line) -> str:
    """A line reduced for comparing a contents entry with the heading it names (a wiki prints
    "[edit]" after its headings, never in its contents)."""
    return " ".join(line.text.casefold().removesuffix(EDIT_MARK).split()).rstrip(":")


_SECTION_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.? +(?=\S)")
"""A contents entry's section number: "3 Economy", "3.1 Trade"."""
_NUMBERED_CONTENTS_LINES = 3


def contents_depths(lines: Sequence[Line]) -> dict[str, int]:
    """The depth a numbered table of contents gives each heading it lists, by heading key.

    Contents numbered "3", "3.1", "3.1.2" (three or more such lines in a row, one of them
    dotted) say which headings are subheadings, which the plain text of the headings no longer
    shows. The entries stay in the text: a wiki's contents list is part of the article.
    """
    depths: dict[str, int] = {}
    run: list[tuple[str, int]] = []
    for line in lines:
        # A cheap test first: nearly every line opens on a letter.
        entry = _numbered_entry(line) if line.text[:1].isdigit() else None
        if run and (entry is None or line.after_blank):
            _take_contents(run, depths)
            run = []
        if entry is not None:
            run.append(entry)
    _take_contents(run, depths)
    return depths


def keep_named_headings(lines: Sequence[Line], reasons: dict[int, str],
                        depths: dict[str, int]) -> None:
    """Keep the lines a numbered table of contents names (``depths``), whatever their words
    say: they are the article's headings ("Further reading"), and the list a related-links
    label was taken to hold under such a heading is its text (the reading list)."""
    kept = -1
    for index in sorted(reasons):
        reason = reasons[index]
        if reason != REASON_CONTENTS and entry_key(lines[index]) in depths:
            del reasons[index]
            kept = index if reason == REASON_RELATED else -1
        elif kept >= 0 and index == kept + 1 and reason == REASON_RELATED:
            del reasons[index]
            kept = index
        else:
            kept = -1


def _numbered_entry(line: Line) -> tuple[str, int] | None:
    """(key, depth) of a line like "3.1 Trade", or None."""
    match = _SECTION_NUMBER.match(line.text)
    if match is None:
        return None
    key = " ".join(line.text[match.end():].casefold().split()).rstrip(":")
    return key, match.group(1).count(".") + 1


def _take_contents(run: list[tuple[str, int]], depths: dict[str, int]) -> None:
    if len(run) >= _NUMBERED_CONTENTS_LINES and any(depth > 1 for _, depth in run):
        for key, depth in run:
            depths.setdefault(key, depth)


def _entry_keys(lines: Sequence[Line], runs: list[tuple[int, int]]) -> dict[str, list[int]]:
    """The lines after the first run that could be headings a run names (short, unmarked or
    numbered: not list items), by key, with their indexes."""
    # A cheap test first: a line can only be named by an entry that opens on its letter (an
    # entry of a run, or the line right after one: see _continues_contents).
    openings = {line.text[:1].casefold() for start, stop in runs
                for line in lines[start:stop + 1]}
    keys: dict[str, list[int]] = {}
    for index in range(runs[0][1], len(lines)):
        line = lines[index]
        if (line.text[:1].casefold() in openings and line.words <= CONTENTS_ENTRY_WORDS
                and (line.kind is TEXT or line.kind is NUMBERED)):
            keys.setdefault(entry_key(line), []).append(index)
    return keys


def _named_lines(run: Sequence[Line], keys: dict[str, list[int]], stop: int) -> list[int]:
    """The lines after the run (which ends before ``stop``) that its entries name, each the
    first that comes back: a table of contents names the headings that follow it."""
    named: list[int] = []
    for line in run:
        if line.words <= CONTENTS_ENTRY_WORDS:
            later = next((index for index in keys.get(entry_key(line), ()) if index >= stop),
                         None)
            if later is not None:
                named.append(later)
    return named


def _is_footer_shaped(line: Line) -> bool:
    if line.kind is not TEXT or line.words > FOOTER_LINE_WORDS:
        return False
    stripped = line.text.rstrip(_CLOSING_MARKS)
    return not stripped or stripped[-1] not in _SENTENCE_END


def _footer(lines: Sequence[Line], reasons: dict[int, str]) -> list[int]:
    """The trailing lines after the article's last sentence that look like a page footer.

    Lines already found as boilerplate belong to the footer whatever their shape; the walk
    stops at the first line that could end an article (a sentence, a list item, a long line).
    """
    found: list[int] = []
    index = len(lines) - 1
    shaped = 0
    while index >= 0:
        line = lines[index]
        if index not in reasons:
            if (shaped == FOOTER_LINES or not _is_footer_shaped(line)
                    or ends_with_closing_punctuation(line.text)):
                break
            shaped += 1
        found.append(index)
        index -= 1
    # A footer without one line of boilerplate among it is more likely the article's last
    # short lines (a sign-off, a source line) than furniture.
    if not any(index in reasons for index in found) and len(found) < 2:
        return []
    return found
