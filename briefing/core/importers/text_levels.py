"""The levels of a plain-text article's headings (1 to 3), read from what plain text shows.

Plain text carries no heading ranks: a level comes from numbering ("2.1 Fares"), a numbered
table of contents, a list naming the headings that follow, headings placed right under one
another, recipe-card parts and short labels over lists. The importer's module docstring
(:mod:`.text`, "Levels") tells the rules in full; :mod:`.text_headings` decides which lines are
headings.
"""

from __future__ import annotations

import re

from briefing.core.importers.text_furniture import CARD_OPENING, CARD_STEPS, entry_key
from briefing.core.importers.text_headings import (
    BACK_MATTER_NAMES,
    BLOCK,
    CLOSING_NAMES,
    HEADING,
    LIST_LABEL,
    NUMBERED_HEADING,
    SECTION_NUMBER,
    USUAL_NAMES,
    section_name,
)
from briefing.core.importers.text_lines import TEXT, Line

_LISTED_PARTS = 2
_TEMPLATE_RUN = 3
_LABEL_WORDS = (2, 4)
"""How many words a label opening a heading before its colon has ("The Quay Stop")."""
_FIGURES = re.compile(r"[\d.,/%$\u00a3\u20ac]*\d[\d.,/%]*")
"""A figure with its signs ("$235", "8.5/10", "20%"), one mark for the template of a line."""
_DEEPEST = 3
_OUTGROWN = 2
_CARD_PARTS = CARD_OPENING | CARD_STEPS | {
    "notes", "recipe notes", "equipment", "nutrition", "nutrition facts", "video"}
"""The parts of a recipe card, as recipe sites name them."""
_TOP_NAMES = CLOSING_NAMES | BACK_MATTER_NAMES


class _SubheadingPattern:
    """How many subheadings the level-1 sections from the first numbered one on have had."""

    def __init__(self) -> None:
        self.current = 0
        self.finished = 0
        self.common: int | None = None
        """The count every finished section shares; -1 once they differ."""
        self.any = False
        self.longest = 0
        """The most words a subheading has had."""

    def new_section(self, started: bool) -> None:
        if started:
            self.finished += 1
            if self.common is None:
                self.common = self.current
            elif self.common != self.current:
                self.common = -1
        self.current = 0

    def add_subheading(self, words: int) -> None:
        self.current += 1
        self.any = True
        self.longest = max(self.longest, words)

    def outgrown(self, words: int) -> bool:
        """Whether a heading this long is far longer (over twice) than every subheading so far:
        it names a broader part, a top-level section."""
        return words > _OUTGROWN * self.longest

    def complete(self) -> bool:
        """Whether the current section already has as many subheadings as each earlier one."""
        return (self.finished >= 2 and self.common is not None and self.common > 0
                and self.current >= self.common)


def heading_levels(body: list[Line], roles: list[int]) -> list[int]:
    """The level (1 to 3) of each heading; 0 for blocks. The rules are in the module docstring."""
    if any(line.depth for line in body):
        return [(body[index].depth or 1) if role else 0 for index, role in enumerate(roles)]
    labels: list[int] = []
    if LIST_LABEL in roles:
        labels = [index for index, role in enumerate(roles) if role == LIST_LABEL]
        roles = [BLOCK if role == LIST_LABEL else role for role in roles]
    levels = _levels(body, roles)
    _number_depths(body, roles, levels)
    _nest_listed_headings(body, roles, levels)
    _nest_template_runs(body, roles, levels)
    _nest_recipe_card(body, roles, levels)
    if labels:
        _nest_list_labels(labels, levels)
    return levels


def _nest_list_labels(labels: list[int], levels: list[int]) -> None:
    """Put each label over a list one level under the heading before it (top-level before the
    first heading): the labels name the parts of that heading's section."""
    labelled = set(labels)
    parent = 0
    for index, level in enumerate(levels):
        if index in labelled:
            levels[index] = min(parent + 1, _DEEPEST)
        elif level:
            parent = level


def _levels(body: list[Line], roles: list[int]) -> list[int]:
    """The levels read from numbering and from headings placed right under headings."""
    numbered = [index for index, role in enumerate(roles) if role == NUMBERED_HEADING]
    if not numbered:
        return _unnumbered_levels(body, roles)
    levels = [0] * len(roles)
    first, last = numbered[0], numbered[-1]
    pattern = _SubheadingPattern()
    left = False
    """Whether a top-level heading has followed the last numbered part: the list is over."""
    for index, role in enumerate(roles):
        if role == BLOCK:
            continue
        level = 1
        if role == HEADING and first < index < last:
            level = 2
        elif role == HEADING and index > last:
            closing = section_name(body[index].text) in CLOSING_NAMES
            level = 1 if left or closing or not pattern.any or pattern.complete() or (
                pattern.outgrown(body[index].words)) else 2
            left = level == 1
        levels[index] = level
        if index >= first:
            if level == 1:
                pattern.new_section(started=index > first)
            else:
                pattern.add_subheading(body[index].words)
    if first and roles[first - 1] == HEADING:
        # A heading right over the first numbered heading announces the numbered parts.
        for index in numbered:
            levels[index] = 2
    return levels


def _unnumbered_levels(body: list[Line], roles: list[int]) -> list[int]:
    """Levels without numbered headings: a shorter heading right under another is its
    subheading; one as long or longer is its peer (the heading above lost its text: a table,
    a picture or code that a copy leaves out). A parent names a broader part in more words, so
    a parent shorter than the one whose part it stands in is a subheading with subheadings.
    Once an article shows subheadings so, a heading that opens on a one-paragraph introduction
    and is followed by a shorter heading, before any run of subheadings, is a parent too."""
    count = len(roles)
    opens = [index > 0 and roles[index - 1] != BLOCK and (index < 2 or roles[index - 2] == BLOCK)
             for index in range(count)]
    """Whether a heading comes right under a heading that is not itself right under one."""
    # A heading over a contents list (the list left the body) is placed by what the list names.
    nests = [opens[index] and roles[index] != BLOCK and body[index].words < body[index - 1].words
             and not body[index - 1].parts for index in range(count)]
    if not any(nests):
        return [1 if role else 0 for role in roles]
    introduced = [_introduced(body, roles, index) for index in range(count)]
    """Whether a heading comes after the one-paragraph introduction of a longer heading."""
    levels = [0] * count
    child = 0
    parent_words = 0
    for index, role in enumerate(roles):
        if role == BLOCK:
            continue
        previous = levels[index - 1] if index else 0
        if nests[index]:
            level = min(previous + 1, _DEEPEST)
            child = level
        elif introduced[index] and not child:
            level = min(levels[index - 2] + 1, _DEEPEST)
            child = level
        elif index > 0 and roles[index - 1] != BLOCK:
            level = previous
        elif index + 1 < count and nests[index + 1] and child == 2 and (
                body[index].words < parent_words):
            level = 2
        elif (index + 1 < count and nests[index + 1]) or (
                section_name(body[index].text) in _TOP_NAMES):
            level = 1
            child = 0
            parent_words = body[index].words
        else:
            level = child or 1
        levels[index] = level
    return levels


def _introduced(body: list[Line], roles: list[int], index: int) -> bool:
    """Whether the heading at ``index`` is shorter than a heading two lines up, with one
    paragraph between them: in an article that has subheadings, the paragraph introduces the
    parts of that heading's section ("Installing" and "Settings" after "Using the library"
    and a sentence about it)."""
    parent = index - 2
    return (parent >= 0 and roles[index] != BLOCK and roles[index - 1] == BLOCK
            and body[index - 1].kind is TEXT and roles[parent] != BLOCK
            and (parent == 0 or roles[parent - 1] == BLOCK) and not body[parent].parts
            and body[index].words < body[parent].words)


def _nest_recipe_card(body: list[Line], roles: list[int], levels: list[int]) -> None:
    """Give a recipe card's parts one level, and the labels inside them the next.

    A recipe page ends on a card: "Ingredients", then "Instructions" (or "Method"...), often
    "Notes", "Equipment" or "Nutrition", with labels for the parts of each list ("For the
    sauce:"). The parts are peers, one level under the heading before the card (the recipe's
    name, or the article's last section), or top-level when the card opens the article; a
    label inside a part is one level deeper. Closing and back-matter names keep their level.
    """
    headings = [index for index, role in enumerate(roles) if role != BLOCK]
    names = [section_name(body[index].text) for index in headings]
    opening = next((position for position, name in enumerate(names)
                    if name in CARD_OPENING), None)
    if opening is None or not CARD_STEPS.intersection(names[opening + 1:]):
        return
    part = 2 if opening else 1
    for index, name in zip(headings[opening:], names[opening:], strict=True):
        if name in _CARD_PARTS:
            levels[index] = part
        elif name not in _TOP_NAMES:
            levels[index] = part + 1


def _number_depths(body: list[Line], roles: list[int], levels: list[int]) -> None:
    """Give headings numbered like "2", "2.1", "2.1.3" the depth their number shows, when the
    article numbers subsections so ("2.1 Fares"): a report's own outline."""
    depths = {index: _section_depth(body[index].text) for index, role in enumerate(roles)
              if role == HEADING}
    if not any(depth > 1 for depth in depths.values()):
        return
    for index, depth in depths.items():
        if depth:
            levels[index] = min(depth, _DEEPEST)


def _section_depth(text: str) -> int:
    """How many parts the section number opening a heading has ("2.1 Fares": 2), or 0."""
    if not text[:1].isdigit():
        return 0  # the usual case: no number opens the heading
    number, _, rest = text.partition(" ")
    if not rest or not SECTION_NUMBER.match(number):
        return 0
    return number.rstrip(".").count(".") + 1


def _nest_listed_headings(body: list[Line], roles: list[int], levels: list[int]) -> None:
    """Make subheadings of the headings that a heading's own contents list names.

    A section that opens on a list of its parts ("More ways to travel" over "Ferry", "Bus",
    "Train") is followed by a heading for each part: they belong to it. The headings must come
    right after, two at least; the run ends at the first heading the list does not name. A
    box over the article's contents ("Contents", "On this page") is no parent: it is named so,
    or it comes before the first section.
    """
    headings = [index for index, role in enumerate(roles) if role != BLOCK]
    for position, index in enumerate(headings):
        parts = body[index].parts
        if not parts or not position or section_name(body[index].text) in USUAL_NAMES:
            continue
        named: list[int] = []
        for child in headings[position + 1:]:
            if entry_key(body[child]) not in parts:
                break
            named.append(child)
        if len(named) >= _LISTED_PARTS:
            for child in named:
                levels[child] = max(levels[child], min(levels[index] + 1, _DEEPEST))


def _template(text: str) -> str:
    """How a heading closes when it closes on a figure, the figure marked "#" ("... for #",
    "... Score#"), or how the label opening it is framed ("The Quay Stop: ..." is "The ...
    Stop:"); "" for a heading that does neither."""
    label, colon, _ = text.partition(": ")
    if colon and not _FIGURES.search(label):
        # A numbered label ("Step 2: ...") numbers top-level parts, as numbered headings do.
        words = label.split(" ")
        if _LABEL_WORDS[0] <= len(words) <= _LABEL_WORDS[1]:
            return f"{words[0]} ... {words[-1]}:"
    if not (text[-1:].isdigit() or text.endswith("%")):
        return ""  # the usual case: no figure closes the heading
    words = _FIGURES.sub("#", text).rsplit(" ", 2)
    last = words[-1]
    return " ".join(words[-2:]) if last == "#" and len(words) > 1 else last


def _nest_template_runs(body: list[Line], roles: list[int], levels: list[int]) -> None:
    """Make subheadings of a run of headings printed to one template under the heading before
    them.

    Three or more headings in a row that close alike on a figure ("Harbour Pass for $24",
    "Ferry Card for $9"; "Ana's Score8/10", "Ben's Score7/10") or open on labels framed alike
    ("The Quay Stop: ...", "The Market Stop: ...") are the parts of one list, a product
    round-up, the scores of a review or the stops of a tour: the heading right before them, of
    another shape and at their level, introduces them (not an "Introduction" or "Summary": the
    parts follow it). After the run the levels go on as before.
    """
    headings = [index for index, role in enumerate(roles) if role == HEADING]
    templates = [_template(body[index].text) for index in headings]
    start = 0
    while start < len(headings):
        end = start + 1
        while end < len(headings) and templates[end] == templates[start]:
            end += 1
        if templates[start] and end - start >= _TEMPLATE_RUN and start:
            parent = headings[start - 1]
            run = headings[start:end]
            if section_name(body[parent].text) not in USUAL_NAMES and all(
                    levels[index] == levels[parent] for index in run):
                for index in run:
                    levels[index] = min(levels[parent] + 1, _DEEPEST)
        start = end
