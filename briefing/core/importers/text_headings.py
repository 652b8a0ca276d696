"""Which lines of a plain-text article are headings.

A copy of a web page keeps no markup, so a heading is known only by its shape and by what stands
around it: a short capitalised line without closing punctuation, printed once, over text. The
rules read shapes that hold on any site, never one site's words; the importer's module
docstring (:mod:`.text`, "Numbered headings", "Unnumbered headings") tells them in full. Lines
that are not headings stay in the body as they are: this module only decides roles, and
:mod:`.text_levels` the headings' levels; the tests of what a short line is instead of a heading
(a caption, a credit, a row of figures, buttons, speech) are in :mod:`.text_line_cues`.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from itertools import pairwise

from briefing.core.importers.text_details import is_common_phrase, is_name_line
from briefing.core.importers.text_line_cues import (
    CREDIT_DASH,
    CREDITED,
    CROSS_REFERENCE,
    FULL_VERSION,
    WholeText,
    exclaims_then_goes_on,
    is_button_row,
    is_figure_row,
    is_picture_of_someone,
    is_signature,
    reads_as_a_sentence,
    reads_as_data,
)
from briefing.core.importers.text_line_cues import (
    SECTION_NUMBER as SECTION_NUMBER,
)
from briefing.core.importers.text_lines import (
    BULLET,
    CONNECTORS,
    EDIT_MARK,
    LETTERED,
    NUMBERED,
    TEXT,
    Line,
    is_heading_shaped,
    is_title_case,
)

BLOCK, NUMBERED_HEADING, HEADING, LIST_LABEL = 0, 1, 2, 3
"""A line's role: a block, a numbered heading, an unnumbered heading or a label over a list
(a heading one level under the heading before it)."""

HEADING_WORDS = 12
NUMBERED_HEADING_WORDS = 15
PULL_QUOTE_WINDOW = 4
PULL_QUOTE_SHARE = 0.5
_PULL_QUOTE_HEADING_WORDS = 8
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_HEADING_CHARS = 100
_CHARS_PER_WORD = 8
"""A longer heading limit in words raises the limit in characters this much per word."""
_LONG_STYLE_HEADINGS = 3
_LONG_HEADING_WORDS = 7
"""Headings this long (the median) make an article's heading style long: full sentences."""
_LONGEST_HEADING_WORDS = 20
_LABEL_WORDS = 2
_EXCLAMATION_WORDS = 3
_LONE_HEADING_WORDS = 4
"""A lone sentence-case line this short over a paragraph is a heading, not a caption."""
_LIST_LABEL_WORDS = 3
_LIST_LABELS = 3
_LIST_ITEM_KINDS = (BULLET, NUMBERED, LETTERED)
"""An article that sets this many short lines of its own over lists names their parts so."""
_LABEL_MARKS = frozenset(",:")
"""A comma or colon makes such a short line a label or caption ("Photo: the harbour")."""
_PARENT_WORDS = 5
_LONE_QUESTION_WORDS = 6
"""A longer sentence-case question on a line of its own is the text asking, not a heading."""
_INTERVIEW_QUESTIONS = 3
_ONE_LINE_ANSWER_WORDS = 15
_INNER_SENTENCE_END = re.compile(r"[.!?]\s")
_HEADLINE_WORDS = 6
_HEADLINE_RUN = 3
_CLOSING_MARKS = "\u201d\u2019\"')]\u00bb"

SECTION_NAMES = frozenset({
    "introduction", "background", "overview", "summary", "executive summary", "abstract",
    "context", "key points", "key findings", "contents", "table of contents", "the issue",
})
CLOSING_NAMES = frozenset({
    "conclusion", "conclusions", "in conclusion", "concluding remarks", "concluding thoughts",
    "final thoughts", "final word", "closing thoughts", "summary", "in summary", "outlook",
    "the outlook", "looking ahead", "looking forward", "the way forward", "way forward",
    "next steps", "what next", "what comes next", "recommendations", "policy recommendations",
    "the bottom line", "bottom line", "takeaways", "key takeaways", "epilogue", "afterword",
})
BACK_MATTER_NAMES = frozenset({
    "see also", "references", "external links", "further reading", "notes", "footnotes",
    "sources", "bibliography", "citations", "notes and references",
})
"""The closing sections of reference pages: always top-level."""
USUAL_NAMES = SECTION_NAMES | CLOSING_NAMES | BACK_MATTER_NAMES
_NAME_END = " .:!?\u2026"
_SENTENCE_ENDS = frozenset(".;!?\u2026")
_TITLE_REPEAT = 0.85
"""How alike (difflib's ratio) a line and the title must be for the line to repeat it."""
_TITLE_REPEAT_WORDS = 3
"""What a wiki prints after each of its headings: a copy keeps it."""


def section_name(text: str) -> str:
    """A heading reduced for comparing with the usual section names."""
    return text.removesuffix(EDIT_MARK).rstrip(_NAME_END).lower()


_PUNCTUATION = re.compile("[" + re.escape(".,;:!?\"'()[]{}<>/\u201c\u201d\u2018\u2019\u00ab\u00bb"
                                         "\u2013\u2014\u2026-") + "]")
"""Punctuation, which word runs ignore (one pattern is faster than ``str.translate`` here)."""


def trigrams(text: str) -> set[tuple[str, str, str]]:
    """The three-word runs of a text, ignoring case and punctuation."""
    words = _PUNCTUATION.sub(" ", text.lower()).split()
    return set(zip(words, words[1:], words[2:], strict=False))


class Trigrams(dict[str, set[tuple[str, str, str]]]):
    """The three-word runs of texts (:func:`trigrams`), each text's made once: a paragraph is
    compared with several neighbours, by the heading rules and again by the pull-quote pass."""

    def __missing__(self, text: str) -> set[tuple[str, str, str]]:
        runs = self[text] = trigrams(text)
        return runs


def _is_text_body(line: Line) -> bool:
    """Whether a line is text a heading can stand over: a list item, a sentence, a paragraph."""
    if line.kind is not TEXT:
        return True
    stripped = line.text.rstrip(_CLOSING_MARKS)
    return line.words > HEADING_WORDS or (bool(stripped) and stripped[-1] in ".!?\u2026:;")


def heading_roles(body: list[Line], title: str = "", runs: Trigrams | None = None) -> list[int]:
    """For each line: a block, a numbered heading or an unnumbered heading (``title`` is the
    article's title: a line that repeats it is no heading; ``runs`` keeps the three-word runs
    of the texts compared, for the caller to use again).

    An article whose headings are long (full questions, "Common Mistake #3: ..." titles) may
    have a heading longer than the usual limit: the lines are read again with a limit set by
    the article's own headings.
    """
    runs = Trigrams() if runs is None else runs
    whole = WholeText(body)  # one join however many times the lines are read
    roles = _roles(body, title, HEADING_WORDS, runs, whole)
    longest = _own_heading_words(body, roles)
    if longest > HEADING_WORDS:
        roles = _roles(body, title, longest, runs, whole)
    _drop_lone_name(body, roles)
    _label_lists(body, roles)
    _label_like_the_part_before(body, roles)
    return roles


def _label_like_the_part_before(body: list[Line], roles: list[int]) -> None:
    """Make a heading of a one-word label ending on a colon over a list ("Glaze:") that comes
    right after the list of a heading labelled so ("Almond Filling:"): the next part of the
    same recipe or list. Alone, such a word over a list is as often a lead-in ("Notes:")."""
    for index, line in enumerate(body[:-1]):
        if (line.words != 1 or line.kind is not TEXT or not line.text.endswith(":")
                or len(line.text) < 2 or not line.text[0].isupper() or roles[index]
                or body[index + 1].kind not in _LIST_ITEM_KINDS):
            continue
        above = index - 1
        while above >= 0 and body[above].kind in _LIST_ITEM_KINDS:
            above -= 1
        if (0 <= above < index - 1 and roles[above] and body[above].kind is TEXT
                and body[above].text.endswith(":")):
            roles[index] = roles[above]


def _label_lists(body: list[Line], roles: list[int]) -> None:
    """Make headings of the short lines that each stand over a list, when the article has three
    or more of them ("autojump" over its notes, "fasd" over its own): a page that names the
    things it lists this way, often in their own lower-case spelling, sets the names as
    subheadings. One or two such lines are as often a list's lead-in or a stray label. A
    numbered table of contents says which lines are headings, and the lists of the back matter
    ("External links") are grouped, not sectioned, so neither is read this way.
    """
    labels = [index for index, (line, following) in enumerate(pairwise(body))
              if line.words <= _LIST_LABEL_WORDS and following.kind in _LIST_ITEM_KINDS
              and line.kind is TEXT and not roles[index] and not roles[index + 1]
              and _is_label_text(line.text)]
    if len(labels) < _LIST_LABELS or any(line.depth for line in body):
        return
    labels = [index for index in labels if not _under_back_matter(body, roles, index)]
    # A label printed more than once ("more", "continued") marks no one part.
    seen = Counter(line.text for line in body if line.words <= _LIST_LABEL_WORDS)
    labels = [index for index in labels if seen[body[index].text] == 1]
    if len(labels) >= _LIST_LABELS:
        for index in labels:
            roles[index] = LIST_LABEL


def _under_back_matter(body: list[Line], roles: list[int], index: int) -> bool:
    """Whether the line stands in a back-matter section ("External links")."""
    heading = next((above for above in range(index - 1, -1, -1) if roles[above]), -1)
    return heading >= 0 and section_name(body[heading].text) in BACK_MATTER_NAMES


def _is_label_text(text: str) -> bool:
    """Whether a short line names a thing: no closing punctuation, no question, no comma or
    colon, not cut off on a word like "and", and no figures (a price, a row of a table)."""
    return (text[-1] not in _SENTENCE_ENDS and not _LABEL_MARKS & set(text)
            and not _DIGIT.search(text)
            and text[text.rfind(" ") + 1:].lower() not in CONNECTORS)


def _drop_lone_name(body: list[Line], roles: list[int]) -> None:
    """Make a block of the article's only heading when it is a bare name ("Jane Moreau") that
    the text names in its sentences: with no other section in the article, it is the caption
    of a photo of someone in the story. A name's words are proper nouns, so a line whose words
    the text also uses in lower case ("Staff Report") is no name."""
    headings = [index for index, role in enumerate(roles) if role]
    if len(headings) != 1 or roles[headings[0]] != HEADING:
        return
    at = headings[0]
    text = body[at].text
    if not is_name_line(text):
        return
    others = "\n".join(line.text for index, line in enumerate(body) if index != at)
    if text in others and not is_common_phrase(text, others):
        roles[at] = BLOCK


def _own_heading_words(body: list[Line], roles: list[int]) -> int:
    """How long a heading may be in this article: twice its headings' median length (at most
    :data:`_LONGEST_HEADING_WORDS`) when it has at least three headings and their median length
    is :data:`_LONG_HEADING_WORDS` or more; else 0."""
    lengths = sorted(line.words for line, role in zip(body, roles, strict=True) if role)
    if len(lengths) < _LONG_STYLE_HEADINGS:
        return 0
    median = lengths[len(lengths) // 2]
    return min(2 * median, _LONGEST_HEADING_WORDS) if median >= _LONG_HEADING_WORDS else 0


def _roles(body: list[Line], title: str, most_words: int, runs: Trigrams,
           whole: WholeText) -> list[int]:
    """The roles of :func:`heading_roles`, with unnumbered headings of at most ``most_words``
    (``whole``: the body's text, for counting a name)."""
    count = len(body)
    roles = [BLOCK] * count
    numbered = [index for index, line in enumerate(body) if line.kind is NUMBERED]
    for index in numbered:
        if (index + 1 < count
                and body[index + 1].kind is not NUMBERED
                and (index == 0 or body[index - 1].kind is not NUMBERED)
                and is_heading_shaped(body[index].text, NUMBERED_HEADING_WORDS)):
            roles[index] = NUMBERED_HEADING
    title_case: dict[int, bool] = {}
    # A heading names one part of the article: a short line printed more than once is a label.
    # An article whose captions give their credit after a dash ("The quay - Photo: ...") shows
    # its captions' shape: a short line split by such a dash is a caption without its credit.
    credit_dash = any(":" in line.text and CREDITED.search(line.text) for line in body)
    short = [index for index, line in enumerate(body) if line.words <= most_words
             or (line.words <= NUMBERED_HEADING_WORDS and _opens_numbered_run(body, index))]
    seen = Counter(body[index].text for index in short)
    twice = _first_two_places(body, seen)
    max_chars = _heading_chars(most_words)
    rows: set[int] = set()
    asked: list[int] = []
    """Questions read as sentences (a comma, "But ..."): an interview's questions all the same."""
    for index in short:
        line = body[index]
        if line.kind is not TEXT or index == count - 1 or (
                seen[line.text] != 1 and not _named_again_in_a_box(body, index, seen, twice)):
            continue
        if line.text.endswith(EDIT_MARK) and len(line.text) > len(EDIT_MARK):
            title_case[index] = True
            continue
        if (is_heading_shaped(line.text, most_words, max_chars=max_chars)
                or _is_title_label(line, NUMBERED_HEADING_WORDS if _opens_numbered_run(
                    body, index) else most_words)
                or (line.text[0].islower() and line.text in BACK_MATTER_NAMES)):
            # A back-matter name may be written in small letters ("references"), as a page
            # that sets its headings so prints it.
            if index == 0 and line.words == 1 and section_name(line.text) not in USUAL_NAMES:
                # One word opening the body is a kicker, a dateline or a section label.
                continue
            if reads_as_data(line.text):
                continue
            if is_figure_row(body, index, HEADING_WORDS):
                rows.add(index)
                continue
            capitalised = is_title_case(line.text)
            # Credits and cross-references both need a colon: a cheap test before their patterns.
            if ((":" in line.text and (
                    CREDITED.search(line.text) or CROSS_REFERENCE.match(line.text)))
                    or is_button_row(line.text) or FULL_VERSION.match(line.text)
                    or (credit_dash and CREDIT_DASH.search(line.text))
                    or is_picture_of_someone(line.text, whole)
                    or "; " in line.text):
                continue
            if not capitalised and exclaims_then_goes_on(line.text):
                continue
            if not capitalised and reads_as_a_sentence(line.text):
                asked.append(index)
                continue
            if capitalised or not _repeats_nearby(body, index, runs):
                title_case[index] = capitalised
    _drop_headline_runs(body, title_case)
    if title:
        _drop_repeated_title(body, title_case, title)
    if any(line.depth for line in body):
        # A numbered table of contents lists the headings: other lines are captions and labels.
        for index in [index for index in title_case if not body[index].depth
                      and section_name(body[index].text) not in USUAL_NAMES]:
            del title_case[index]
    shaped = list(title_case)
    # Sentence-case headings are taken when the article uses that style more than once; a lone
    # short line without a full stop is more often a caption or a quote than a heading.
    # Lines printed to one template that only their figures tell apart ("Fares for route 3",
    # "Fares for route 4") show the style once.
    sentence_case = len({_DIGITS.sub("#", body[index].text) for index in shaped
                         if not title_case[index] and roles[index + 1] == BLOCK
                         and _is_text_body(body[index + 1])}) + sum(
        1 for index in numbered
        if roles[index] == NUMBERED_HEADING and not is_title_case(body[index].text))
    for index in reversed(shaped):
        text = body[index].text
        name = section_name(text)
        named = name in USUAL_NAMES
        if not (title_case[index] or named or sentence_case >= 2
                or (text.endswith("?") and body[index].words <= _LONE_QUESTION_WORDS)
                or (body[index].words <= _LONE_HEADING_WORDS and not _LABEL_MARKS & set(text))):
            continue
        if not title_case[index] and _answered_at_once(body, roles, index):
            continue
        following = roles[index + 1]
        if body[index].depth or name in BACK_MATTER_NAMES or (
                following == BLOCK and (_is_text_body(body[index + 1]) or (
                    index + 1 in rows and not _DIGIT.search(text)))) or (
                following != BLOCK and not _inside_numbered_run(body, index) and (
                    (title_case[index] and not is_signature(text)) or named or (
                    _parent_of_heading(body, roles, index)
                    and (sentence_case >= 2 or is_title_case(body[index + 1].text))))) or (
                title_case[index] and following == BLOCK and index + 2 < count
                and not body[index + 1].text[:1].islower()
                and roles[index + 2] == BLOCK and _is_text_body(body[index + 2])):
            roles[index] = HEADING
    _ask_interview_questions(body, roles, asked)
    return roles


def _answered_at_once(body: list[Line], roles: list[int], index: int) -> bool:
    """Whether a question is answered in one short sentence right before a heading that is no
    question ("The good news?" over "You will be ready for it."): the text asking and
    answering itself on its way to the next part, not a part of its own. A list of questions
    with short answers (a FAQ) has a question after each answer."""
    if not body[index].text.endswith("?") or index + 2 >= len(body) or not roles[index + 2]:
        return False
    answer = body[index + 1]
    return (answer.kind is TEXT and answer.words <= _ONE_LINE_ANSWER_WORDS
            and not _INNER_SENTENCE_END.search(answer.text)
            and not body[index + 2].text.endswith("?"))


def _ask_interview_questions(body: list[Line], roles: list[int], asked: list[int]) -> None:
    """Make headings of the questions read as sentences (``asked``: "Why here, and not
    elsewhere?") that stand over a paragraph, in an article most of whose headings, three or
    more, are questions: an interview, whose every question is a heading over its answer."""
    if not asked:
        return
    headings = [index for index, role in enumerate(roles) if role]
    questions = sum(1 for index in headings if body[index].text.endswith("?"))
    if questions < _INTERVIEW_QUESTIONS or 2 * questions <= len(headings):
        return
    for index in asked:
        following = body[index + 1]
        if roles[index + 1] == BLOCK and following.kind is TEXT and _is_text_body(following):
            roles[index] = HEADING


def _first_two_places(body: list[Line], seen: Counter[str]) -> dict[str, list[int]]:
    """The first two places in the body of each short line printed twice, found in one pass so
    that :func:`_named_again_in_a_box` need not search the body once per such line (a text of
    many lines printed twice would take time growing with the square of its length)."""
    places: dict[str, list[int]] = {}
    for index, line in enumerate(body):
        if seen[line.text] == 2:
            found = places.setdefault(line.text, [])
            if len(found) < 2:
                found.append(index)
    return places


def _named_again_in_a_box(body: list[Line], index: int, seen: Counter[str],
                          twice: dict[str, list[int]]) -> bool:
    """Whether a line printed twice stands over text here and, the other time, over a short
    line ("Harbour Pass" over its paragraph, and again in a box over "$24.00"): a product or
    a person named again in a box of short lines, not a label printed over every part.
    ``twice`` holds the first two places of each such line (:func:`_first_two_places`)."""
    text = body[index].text
    if seen[text] != 2 or not _is_text_body(body[index + 1]):
        return False
    first, second = twice[text]
    other = second if first == index else first
    return other + 1 < len(body) and not _is_text_body(body[other + 1])


def _inside_numbered_run(body: list[Line], index: int) -> bool:
    """Whether the line stands right over a numbered heading after the first ("3. Pack
    light"): the numbered parts are peers, so a line between two of them is a caption or a
    label, not a parent."""
    following = body[index + 1]
    return following.kind is NUMBERED and following.list_number != 1


def _opens_numbered_run(body: list[Line], index: int) -> bool:
    """Whether the line ends on a colon right over a line numbered 1 ("5 Ways to Save on
    Fares:" over "1. Buy a season ticket"): it announces the numbered parts."""
    line = body[index]
    return (line.text.endswith(":") and index + 1 < len(body)
            and body[index + 1].kind is NUMBERED and body[index + 1].list_number == 1)


def _parent_of_heading(body: list[Line], roles: list[int], index: int) -> bool:
    """Whether a short line (at most five words, no comma or colon) right after a paragraph and
    right over a heading that stands over text is that heading's parent ("Local setup" over
    "Installing"); a caption or a label sits among short lines, not after text. (The caller
    also asks for a title-case heading under it, or an article with sentence-case headings.)"""
    line = body[index]
    return (line.words <= _PARENT_WORDS and not _LABEL_MARKS & set(line.text)
            and index > 0 and roles[index - 1] == BLOCK and _is_text_body(body[index - 1])
            and index + 2 < len(body) and roles[index + 2] == BLOCK
            and _is_text_body(body[index + 2]))


def _heading_chars(most_words: int) -> int:
    """The most characters of a heading of at most ``most_words`` words."""
    return max(_HEADING_CHARS, most_words * _CHARS_PER_WORD)


def _is_title_label(line: Line, most_words: int) -> bool:
    """Whether the line is a title-case label of two words or more ending on a colon
    ("Serving Suggestions:"), a heading over its list, or a title-case line of three words or
    more ending on an exclamation mark ("Ready, Steady, Sail!"), shaped like a headline. In
    sentence case such lines are the text introducing a list ("Here is what you need:") or
    exclaiming ("I did, apparently!"); one or two words are an interjection ("Surprise!")."""
    text = line.text
    mark = text[-1:]
    if mark == ":":
        least = _LABEL_WORDS
    elif mark == "!":
        least = _EXCLAMATION_WORDS
    else:
        return False
    return (line.words >= least and is_title_case(text)
            and is_heading_shaped(text[:-1], most_words, _heading_chars(most_words)))


def _drop_headline_runs(body: list[Line], candidates: dict[int, bool]) -> None:
    """Drop runs of three or more long heading candidates in a row: headlines of other stories.

    Section headings stand over text; a list of related stories is a run of headline-length
    lines with nothing between them.
    """
    run: list[int] = []
    for index in [*sorted(candidates), -1]:
        if run and (index != run[-1] + 1 or body[index].words < _HEADLINE_WORDS):
            if len(run) >= _HEADLINE_RUN:
                for member in run:
                    del candidates[member]
            run = []
        if index >= 0 and body[index].words >= _HEADLINE_WORDS:
            run.append(index)


def _drop_repeated_title(body: list[Line], candidates: dict[int, bool], title: str) -> None:
    """Drop the candidates that repeat the title: the headline shown again over a video, a
    gallery or a review box ("... review" without its last word), never a section's name."""
    own = _comparable(title)
    for index in [index for index in candidates if body[index].words >= _TITLE_REPEAT_WORDS]:
        line = _comparable(body[index].text)
        # difflib's upper bound from the lengths alone (its real_quick_ratio) first: most lines
        # are far shorter or longer than the title, and need no matcher.
        total = len(own) + len(line)
        if total and 2.0 * min(len(own), len(line)) / total < _TITLE_REPEAT:
            continue
        matcher = SequenceMatcher(None, own, line, autojunk=False)
        if matcher.quick_ratio() >= _TITLE_REPEAT and matcher.ratio() >= _TITLE_REPEAT:
            del candidates[index]


def _comparable(text: str) -> str:
    """Text reduced to lower-case words, for comparing a line with the title."""
    return " ".join(_PUNCTUATION.sub(" ", text.lower()).split())


def _repeats_nearby(body: list[Line], index: int, runs: Trigrams) -> bool:
    """Whether a heading-shaped sentence-case line is really a pull-quote: a long one that
    repeats a longer paragraph nearby (pull-quotes often lose their closing punctuation)."""
    line = body[index]
    if line.words < _PULL_QUOTE_HEADING_WORDS:
        return False
    own = runs[line.text]
    for other in range(max(0, index - PULL_QUOTE_WINDOW),
                       min(len(body), index + PULL_QUOTE_WINDOW + 1)):
        if (other != index and body[other].words > line.words
                and len(own & runs[body[other].text]) >= PULL_QUOTE_SHARE * len(own)):
            return True
    return False
