"""Importing an article from plain text, as a user gets it by copying a web page.

Plain text has no markup, so the structure is read from the shape of the lines (one paragraph per
line, with or without blank lines between; see :mod:`.text_lines`) and from context:

Boilerplate
    Site furniture goes to ``Article.discarded`` with a reason and its line: lines that give
    themselves away by their words (share buttons, sign-ups, copyright, credits, disclaimers;
    :mod:`.cleanup`) and lines that give themselves away by their shape: runs of unmarked
    lines (menus, share bars, related stories) in a copy that puts blank lines between blocks,
    or of short unpunctuated lines in one that puts a single newline between paragraphs, a
    run whose entries come back later as headings (a table of contents), and the short lines
    after the last sentence (the footer) (:mod:`.text_furniture`).
Byline, date and address
    "By Jane Moreau", "Published 3 March 2025" or "March 3, 2025 at 7:15 am", anywhere in the text,
    and a bare name right under the title (unless the text uses one of its words in lower case:
    "Downloading Python" is a heading), and a bare name in capitals anywhere ("JANE MOREAU") whose
    words the text never uses in lower case, become the article's author and (ISO) date; one short
    capitalised name beside a byline ("By Jane Moreau | Harbour Weekly | 3 Mar 2025") its publisher;
    a line that is only a web address, among the first six lines, its url. The lines are listed as
    discarded with that reason (:mod:`.text_details`).
Title
    The first line, when it is short (at most 25 words) and does not end on a full stop, comma,
    colon or semicolon (a headline may end on "?" or "!" and open with a quotation; in title case
    and of four words or more, on a full stop too). Without
    one (the text opens with a paragraph), the title-case phrase of at least three words that the
    body keeps repeating, preferring one the first paragraph uses (see :func:`recurring_title`);
    else the file name.
Standfirst
    The paragraph right after the title line, when it has at most 60 words and is not itself a
    heading: a title-case line of at most five words, or a line of at most eight words that does
    not end on a full stop and has no comma or colon ("Why it matters?"), which opens the body
    instead. A longer title-case line there is a second headline (a dek): the standfirst.
Numbered headings
    ``1. Heading`` or ``1) Heading`` (leading spaces allowed) is a heading when it is short (at
    most 15 words), has no closing punctuation, is followed by something, and has no numbered
    line right before or after it (lettered items like ``a)`` may follow: they are its list).
    Otherwise it is a list item: items come in runs, or read as sentences. A copy that numbers
    every heading ``1.`` is renumbered 1, 2, 3.
Unnumbered headings
    A short line (at most 12 words; in an article whose headings are long, three or more with a
    median of seven words or more, up to twice that median and at most 20) that starts with a
    capital (or a brand's small letter before one: "iPhone Apps"), has no closing punctuation (a
    smiley after a full stop still closes a sentence), does not end on a word like "and" or "of", is
    printed only once (or twice, when it stands over text only here and over a short line the other
    time: a product named again in a box over its price), and stands over text: a list, a sentence
    or a paragraph. A title-case line may also stand over one short line that is itself over text
    and does not start in lower case (a note, a table's header row, a "Main article: ..." pointer);
    otherwise a short line over a short line is a label, like "Calories" over "310" or "Nutrition
    Facts" over "per slice 310 kcal". A short phrase wholly in quotation marks ("'A fair share'")
    may be a heading too, a quoted sentence is speech; so may a title-case label of two words or
    more that ends on a colon ("Serving Suggestions:"; over a heading numbered 1, up to 15 words:
    "Five Ways to Save on Fares:"), while in sentence case such a line introduces a list ("Here is
    what you need:"); one word ending on a colon over a list ("Glaze:") is a heading right after the
    list of such a label (the next part of a recipe), alone it is a lead-in ("Notes:"), and a
    title-case line of three words or more that ends on an exclamation mark, like a headline
    ("Ready, Steady, Sail!"; "Surprise!" is an interjection). A section number before words ("1
    Introduction", "2.3 Costs") is numbering, and a word that figures only close ("Covid-19", a
    score run on: "Score8/10") is a word, not a row of figures. The line must be title case, a
    question of at most six words, a usual section name, at most four words without a comma or
    colon, or in sentence case in an article that has at least two sentence-case headings (numbered
    ones included, counting only lines that stand over text, and lines that only their figures tell
    apart once: "Seats in room 1", "Seats in room 2" are one template): a lone longer sentence-case
    line without a full stop is more often an image caption or the text asking a question than a
    heading. A sentence-case question with a comma or opening on "But", "And", "Or", "So" or "Yet"
    ("That helps, doesn't it?") is the text asking, but in an interview (an article most of whose
    headings, three or more, are questions) such a question over a paragraph is a heading like the
    others. A sentence-case line that cries out and goes on (a one-word sentence first: "Huh? Why
    did it stop"; an exclamation before more words: "Slice and serve! Enjoy"; three sentences) is
    speech or a step of the text. A sentence-case question answered in one short sentence (at most
    15 words) right before a heading that is no question ("The good news?" over "You will be ready
    for it.") is the text asking and answering itself on its way to the next part; in a FAQ, a
    question follows each answer. A line right over a numbered heading after the first ("3. Pack
    light") is never its parent: the numbered parts are peers, and a line between two of them is a
    caption or a label. Otherwise, a heading directly followed by another heading must be title case
    (but not a name, a comma and a role: "Jane Moreau, Director" signs off the part before it), a
    usual section name ("Introduction", "Conclusion", "See also"), or a short line (at most five
    words, no comma or colon) right after a paragraph and over a title-case heading or in an article
    with sentence-case headings (it opens a part with subheadings; a caption sits among short
    lines); a back-matter name ("References", "External links") may stand over anything. Short lines
    (at most three words, no closing punctuation, comma, colon or figures) that each stand over a
    list are headings when the article has three or more of them, in any case ("tidewatch" over its
    notes, "knotbook" over its own): the page names the things it lists so; fewer are a list's
    lead-in or a stray label, and lists of the back matter are grouped, not sectioned. A wiki
    heading, marked ``[edit]`` in a copy, and a back-matter name ("references") are headings in any
    case. When a numbered table of contents lists the headings, a line it does not list is not one
    (but for the usual names): it is a caption or a label; a line it lists is one over anything (a
    caption, a short line). Never a heading: one word opening the body (a kicker or dateline such as
    "Politics"), a row of figures (a table row, a price ticker), two short lines in a row printed to
    one pattern, alike in case with their first figure at the same word (dates of a schedule, rows
    of a table; a heading may stand over them as over a list), a line whose clauses a semicolon
    joins (a sentence), a caption with a credit after a dash ("... - Photo: Jane Moreau") and, in an
    article with such captions, any line split by such a dash (a caption without its credit), the
    article's only heading when it is a bare name that the text names in a sentence (the caption of
    a photo of someone in the story), a line that opens on a name the text uses and goes on after a
    colon, a comma or "at" ("Jane Moreau: Harbour at Dusk", a picture of someone, their work or
    their place), a pointer to another page ("Related: ...", "Main article: ...", "Read the full
    list"), a row of button labels ("Print Recipe Pin Recipe"), of links a bar separates ("Learn
    More | Buy Now") or a unit switch ("US Customary - Metric"), a run of three or more
    headline-length lines with nothing between them (other stories), a line that repeats the title
    (nearly the same words: the headline shown again over a video or a review box), and a line of
    eight or more words in sentence case that repeats a nearby paragraph (a pull-quote that lost its
    full stop). These lines stay in the body as paragraphs.
Levels
    A table of contents numbered "1", "1.1", "1.2" gives the depth of each heading it lists (a
    wiki's "[edit]" after a heading is left out when they are compared). In an article that numbers
    its subsections ("2.1 Fares"), a heading's section number gives its depth ("2" is 1, "2.1" is 2,
    "2.1.3" is 3). Otherwise numbered headings are level 1, or level 2 under a heading right over
    the first of them (it announces them). Without numbered headings, an article that puts a shorter
    heading right under another heading (once is enough) has subheadings: the heading right under is
    level 2, and so are the headings after it, up to the next heading that is itself followed by a
    shorter heading, or a closing or back-matter name ("Conclusion", "References"); such a next
    parent is level 2 when it is shorter than the level-1 parent before it (a part with its own
    subheadings, level 3, inside that part); without such a pair every heading is level 1 (a heading
    over a contents list makes no pair: see below). A heading right under a heading with as many
    words or fewer is its peer: a parent names a broader part in more words ("Local setup for
    developers" over "Poetry"), while a short heading over a heading ("Fares" over "Season tickets")
    has lost its text, a table or a picture that a copy leaves out, or is a stray label. In an
    article that has such a pair, a heading after one paragraph under a longer heading, before any
    run of subheadings, is a subheading too: the paragraph introduces the parts of that section
    ("Using the harbour pass", a sentence, then "Buying" and "Renewing"). With numbered headings, an
    unnumbered heading is level 1 before the first numbered heading and level 2 between numbered
    headings. After the last numbered heading, it is level 1 when it is a closing word
    ("Conclusion", "Looking ahead", "Recommendations"...), when no numbered section has subheadings
    (the sections are flat, so it is their peer), when the earlier numbered sections (two or more)
    all have the same number of subheadings and the last one already has that many (the article's
    pattern is complete), or when it has more than twice the words of every subheading so far (it
    names a broader part); otherwise it is the last section's subheading (until one is level 1). A
    heading over a list that names the headings coming right after it (two or more; "Other ways
    across" over "Night boat", "Water taxi") is their parent: they are one level deeper (not under
    "Contents", nor under a box before the first section: those list the whole article; the list is
    discarded as a table of contents). Three or more headings in a row closing alike on a figure
    ("Tide Flask for $24") or opening on labels framed alike, not numbered ("The Quay Stop: ...")
    are one level under the heading before them. A recipe card ("Ingredients", then "Instructions",
    "Method" or "Directions", often "Notes", "Equipment", "Nutrition") is a set of peers one level
    under the heading before it (top-level when it opens the article), and a label inside a part
    ("Bread Dough:") is one level deeper. Short lines over lists (above) are one level under the
    heading before them. The rules live in :mod:`.text_levels`.
Blocks
    Bullets (``•``, ``-``, ``*``, ``–``, ``◦``, ``▪``...) and list items (``1.``, ``2)``,
    ``a)``, ``iv.``, ``(3)``) lose their marker; ``> text`` and a paragraph wholly inside
    quotation marks are quotes. A paragraph or quote whose word sequences mostly (half or more
    of its three-word runs) occur in a longer paragraph at most four blocks away is a pull-quote
    (for two equal copies, the second one). Pull-quotes copy their source word for word, so only
    paragraphs with a stretch of text that recurs nearby are compared run by run.

:func:`parse_text` never raises: on an internal error it logs it and keeps the text as plain
paragraphs, so a strange file still opens.
"""

from __future__ import annotations

import logging
from itertools import accumulate

from briefing.core.importers.structure import Heading, Item, build_sections, title_from_name
from briefing.core.importers.text_details import (
    REASON_BYLINE,
    REASON_DATE,
    LineDetails,
    byline_and_date,
    is_common_phrase,
    is_name_line,
    url_line,
)
from briefing.core.importers.text_furniture import (
    REASON_CONTENTS,
    contents_depths,
    entry_key,
    find_furniture,
    keep_named_headings,
)
from briefing.core.importers.text_headings import (
    BLOCK,
    HEADING_WORDS,
    NUMBERED_HEADING,
    PULL_QUOTE_SHARE,
    PULL_QUOTE_WINDOW,
    SECTION_NAMES,
    USUAL_NAMES,
    Trigrams,
    heading_roles,
    section_name,
)
from briefing.core.importers.text_levels import heading_levels
from briefing.core.importers.text_lines import (
    BULLET,
    CONNECTORS,
    LETTERED,
    NUMBERED,
    QUOTE_OPENINGS,
    TEXT,
    Line,
    clean,
    ends_with_closing_punctuation,
    is_heading_shaped,
    is_quoted,
    is_title_case,
    read_lines,
    word_count,
)
from briefing.core.model import Article, Block, BlockKind, Discarded

logger = logging.getLogger(__name__)

TITLE_WORDS = 25
_TITLE_SENTENCE_WORDS = 4
STANDFIRST_WORDS = 60
_PULL_QUOTE_MIN_WORDS = 6
_VERBATIM_SHARE = 0.9
"""A paragraph holding this share of its three-word runs in a longer neighbour repeats it word
for word; with less it repeats it only in part (see :func:`_is_edited_repeat`)."""
_EDITED_QUOTE_LENGTH = 1.25
_SERIES_SHARE = PULL_QUOTE_SHARE / 2
_PROBES = 3
_PROBE_CHARS = 14
_DEK_WORDS = 6
"""A title-case line this long right under the title is a second headline (a dek): the
standfirst. The first heading of an article is shorter."""
_HEADING_NOT_STANDFIRST_WORDS = 8
"""A line this short without closing punctuation, comma or colon under the title opens the
body (often its first heading); a standfirst is a sentence."""
_LABEL_MARKS = frozenset(",:")
_DETAIL_LINES = 6
_DETAIL_REASONS = (REASON_BYLINE, REASON_DATE)
_DETAIL_WORDS = 16
_TITLE_CHARS = 200
_CLOSING_MARKS = "\u201d\u2019\"')]\u00bb"
_PHRASE_MIN_WORDS = 3
_PHRASE_MAX_WORDS = 12
_PHRASE_MAX_RUN = 40
"""A longer run of capitalised words is shouting or a list of names, not a title."""
_PHRASE_SOURCE_CHARS = 3000
_PHRASE_CANDIDATES = 80
_COUNT_CAP = 5
"""Occurrences of a title phrase beyond this many add nothing to its score."""

_LIST_KINDS = (NUMBERED, LETTERED)
_PARAGRAPH, _QUOTE, _PULL_QUOTE = BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.PULL_QUOTE
"""Block kinds under plain names for the per-block tests (see :data:`.text_lines.TEXT`)."""


def parse_text(text: str, source_name: str = "") -> Article:
    """The article in ``text`` (decoded, ``\\n`` line ends); ``source_name`` is its file name."""
    try:
        return _import(text, source_name)
    except Exception:
        logger.exception("Could not read the structure of %s; importing it as plain paragraphs",
                         source_name or "the text")
        return _plain_paragraphs(text, source_name)


def _import(text: str, source_name: str) -> Article:
    article, body = read_body(text, source_name)
    runs = Trigrams()
    items, blocks = _structure(body, article.title, runs)
    article.blocks, article.sections = build_sections(items)
    mark_pull_quotes(blocks, runs)
    if not article.title:
        article.title = recurring_title(blocks) or title_from_name(source_name)
    return article


def read_body(text: str, source_name: str = "") -> tuple[Article, list[Line]]:
    """The article with its furniture, details, title and standfirst read, and the body lines
    that are left to structure (what ``bench/heading_model_check.py`` studies)."""
    lines = read_lines(text)
    article = Article(title="", source_file=source_name)
    reasons = find_furniture(lines)
    depths = contents_depths(lines)
    if depths:
        keep_named_headings(lines, reasons, depths)
    kept: list[Line] = []
    owner: Line | None = None
    """The kept line right before the furniture being read: a contents list under it names
    its parts."""
    for index, line in enumerate(lines):
        reason = reasons.get(index)
        if reason is None:
            if depths:
                line.depth = depths.get(entry_key(line), 0)
            kept.append(line)
            owner = line
            continue
        if reason == REASON_CONTENTS and owner is not None:
            owner.parts = (*owner.parts, entry_key(line))
        else:
            owner = None
        article.discarded.append(Discarded(text=line.raw, reason=reason, line=line.number))
    kept = _read_details(article, kept)
    start = _read_title_and_standfirst(article, kept)
    return article, kept[start:]


def heading_lines(body: list[Line]) -> list[bool]:
    """For each body line, whether the importer takes it for a heading."""
    return [role != BLOCK for role in heading_roles(body)]


def _plain_paragraphs(text: str, source_name: str) -> Article:
    """The last resort: every non-blank line a paragraph."""
    blocks = [Block(BlockKind.PARAGRAPH, line) for line in map(clean, text.split("\n")) if line]
    return Article(title=title_from_name(source_name), source_file=source_name, blocks=blocks)


def _name_case(name: str) -> str:
    """A name printed in capitals ("JANE MOREAU") as it is written ("Jane Moreau")."""
    return " ".join(word.capitalize() for word in name.split()) if name.isupper() else name


def _read_details(article: Article, kept: list[Line]) -> list[Line]:
    """Take the web address of the opening, and byline and date lines anywhere, as details.

    A copy brings the page's byline and date wherever the page shows them: near the title,
    under a photo or after the text. A bare name right under the title (two to four capitalised
    name words, none of which the text after it uses in lower case) is a byline too, and so is
    such a name in capitals anywhere, none of whose words the text uses in lower case ("JANE
    MOREAU" over the text; "SCORES QUARANTINED" over a text about quarantined people is a
    heading).
    """
    body: list[Line] = []
    whole_text = ""  # every kept line's text, joined once when a name in capitals needs it
    common_in_whole: dict[str, bool] = {}
    for index, line in enumerate(kept):
        if line.kind is not TEXT or line.words > _DETAIL_WORDS:
            body.append(line)  # too long for a detail, or a list item
            continue
        url = url_line(line.text) if index < _DETAIL_LINES else None
        if url and not article.url:
            article.url = url
            article.discarded.append(Discarded(text=line.raw, reason="web address, kept as the url",
                                               line=line.number))
            continue
        found = byline_and_date(line.text)
        if found is None and (len(body) == 1 or line.text.isupper()) and is_name_line(line.text):
            if len(body) == 1:
                common = is_common_phrase(line.text, "\n".join(
                    other.text for other in kept[index + 1:]))
            else:
                # A line in capitals holds no word in lower case, so the whole text, the line
                # itself included, is read as the text around it; names repeat, so each is
                # looked up once.
                whole_text = whole_text or "\n".join(other.text for other in kept)
                if line.text not in common_in_whole:
                    common_in_whole[line.text] = is_common_phrase(line.text, whole_text)
                common = common_in_whole[line.text]
            if not common:
                found = LineDetails(_name_case(line.text), "")
        if found is None:
            body.append(line)
            continue
        author, date, publisher = found
        kept_parts = [part for part, value, current in (
            ("author", author, article.author), ("publisher", publisher, article.publisher),
            ("date", date, article.date)) if value and not current]
        article.author = article.author or author
        article.publisher = article.publisher or publisher
        article.date = article.date or date
        reason = REASON_BYLINE if author else REASON_DATE
        if author and date:
            reason += " and date"
        if kept_parts:
            reason += f", kept as the {' and '.join(kept_parts)}"
        article.discarded.append(Discarded(text=line.raw, reason=reason, line=line.number))
    if len(body) < len(kept):
        article.discarded.sort(key=lambda item: item.line or 0)
    return body


def _read_title_and_standfirst(article: Article, kept: list[Line]) -> int:
    """Set the title and standfirst from the opening lines; the index where the body starts."""
    if not kept:
        return 0
    first = kept[0]
    if (first.kind is not TEXT
            or not is_title_shaped(first.text)
            or section_name(first.text) in USUAL_NAMES):
        return 0
    article.title = first.text
    if len(kept) < 3:
        return 1
    second = kept[1]
    if second.kind is not TEXT or second.words > STANDFIRST_WORDS or (
            ends_with_closing_punctuation(second.text) and _byline_between(article, first, second)):
        return 1
    title_case = is_title_case(second.text)
    if (is_heading_shaped(second.text, HEADING_WORDS)
            and not (title_case and second.words >= _DEK_WORDS)
            and (title_case or section_name(second.text) in SECTION_NAMES
                 or (second.words <= _HEADING_NOT_STANDFIRST_WORDS
                     and not _LABEL_MARKS & set(second.text)))):
        return 1
    article.standfirst = second.text
    return 2


def _byline_between(article: Article, first: Line, second: Line) -> bool:
    """Whether a byline or a date line came between two lines: a page prints its standfirst
    under the headline, mostly over the byline, so a sentence after the byline opens the text
    (a line without a full stop there is still a standfirst, set under the byline)."""
    return any(item.reason.startswith(_DETAIL_REASONS) and item.line is not None
               and first.number < item.line < second.number for item in article.discarded)


def is_title_shaped(text: str) -> bool:
    """Whether a first line reads as a headline: short, and not ending like a sentence.

    Headlines may open with a quotation or a lower-case brand name, and may end on a question
    or an exclamation, so only length and a closing full stop, comma, colon or semicolon count.
    """
    if len(text) > _TITLE_CHARS or word_count(text) > TITLE_WORDS:
        return False
    stripped = text.rstrip(_CLOSING_MARKS)
    if stripped.endswith(".") and not stripped.endswith("..") and is_title_case(stripped):
        # A title-case headline may end on a full stop ("... Why You Should Not Worry.");
        # a sentence of the text never has most of its words capitalised.
        return word_count(stripped) >= _TITLE_SENTENCE_WORDS
    return bool(stripped) and stripped[-1] not in ".,;:"


def _block(line: Line) -> Block:
    kind = line.kind
    if kind is TEXT:
        text = line.text
        # A quotation mark opens a quote: a cheap test before the full one.
        return Block(_QUOTE if text[:1] in QUOTE_OPENINGS and is_quoted(text) else _PARAGRAPH,
                     text)
    if kind is BULLET:
        return Block(BlockKind.BULLET, line.text)
    if kind in _LIST_KINDS:
        return Block(BlockKind.NUMBERED, line.text)
    return Block(_QUOTE, line.text)  # a "> text" line


def _structure(body: list[Line], title: str,
               runs: Trigrams) -> tuple[list[Item], list[Block]]:
    """The body as headings and blocks in document order, ready for nesting, and its blocks
    alone (in the same order: the article's, then each section's, depth first)."""
    roles = heading_roles(body, title, runs)
    levels = heading_levels(body, roles)
    items: list[Item] = []
    blocks: list[Block] = []
    for line, role, level in zip(body, roles, levels, strict=True):
        if role == BLOCK:
            if line.text:
                block = _block(line)
                items.append(block)
                blocks.append(block)
        elif role == NUMBERED_HEADING:
            items.append(Heading(level, f"{line.list_number}. {line.text}"))
        else:
            items.append(Heading(level, line.text))
    return items, blocks


def mark_pull_quotes(blocks: list[Block], runs: Trigrams) -> None:
    """Mark as pull-quotes the paragraphs and quotes that repeat a nearby longer paragraph
    (``blocks``: the article's blocks in document order; ``runs``: their three-word runs, as
    far as the heading rules made them)."""
    candidates = [block for block in blocks
                  if block.kind is _PARAGRAPH or block.kind is _QUOTE]
    sizes = [block.text.count(" ") + 1 for block in candidates]
    lowered = [block.text.lower() for block in candidates]
    document = "\n".join(lowered)
    starts = [0, *accumulate(len(text) + 1 for text in lowered)]
    for index, size in enumerate(sizes):
        if size < _PULL_QUOTE_MIN_WORDS:
            continue
        low = index - PULL_QUOTE_WINDOW if index > PULL_QUOTE_WINDOW else 0
        high = min(len(candidates), index + PULL_QUOTE_WINDOW + 1)
        # Only a paragraph with a longer one nearby (or an equal one before it) can repeat it.
        if ((index == 0 or max(sizes[low:index]) < size)
                and (index + 1 == high or max(sizes[index + 1:high]) <= size)):
            continue
        start = starts[index]
        if not _shares_a_stretch(lowered[index], document[starts[low]:start],
                                 document[start + len(lowered[index]):starts[high]]):
            continue
        own = runs[candidates[index].text]
        if not own:
            continue
        shares = {other: len(own & runs[candidates[other].text]) / len(own)
                  for other in range(low, high) if other != index
                  and candidates[other].kind is not _PULL_QUOTE}
        sources = [other for other, share in shares.items() if share >= PULL_QUOTE_SHARE
                   and (sizes[other] > size or (sizes[other] == size and other < index))]
        if any(shares[source] >= _VERBATIM_SHARE for source in sources) or (
                _is_edited_repeat(shares, sources, sizes, size)):
            candidates[index].kind = _PULL_QUOTE


def _is_edited_repeat(shares: dict[int, float], sources: list[int], sizes: list[int],
                      size: int) -> bool:
    """Whether a paragraph that repeats a nearby one only in part (``shares``: the share of its
    three-word runs each neighbour holds; ``sources``: the longer neighbours holding half of
    them) is a quote cut down from it.

    A quote is cut down from one clearly longer paragraph and shares little with the others.
    Entries of a series written to one pattern ("Name: charge, charge, bond.") and parallel
    sentences ("in men ...", "in women ...") share as much without being repeats.
    """
    return (len(sources) == 1 and sizes[sources[0]] >= _EDITED_QUOTE_LENGTH * size
            and sum(share >= _SERIES_SHARE for share in shares.values()) == 1)


def _shares_a_stretch(text: str, before: str, after: str) -> bool:
    """Whether a stretch of ``text`` recurs in the text before it or after it.

    A repeat copies long stretches word for word, so one of a few short probes spread over the
    text turns up nearby. This cheap test spares the word-by-word comparison for nearly every
    paragraph, which is what keeps the importer fast on long files. (Each side is cut out once:
    a search between two positions costs more in reading its arguments than the copy.)
    """
    length = len(text)
    width = min(_PROBE_CHARS, length)
    for part in range(1, _PROBES + 1):
        at = (length - width) * part // (_PROBES + 1)
        probe = text[at:at + width]
        if probe in before or probe in after:
            return True
    return False


_LEADING_MARKS = "\u201c\"\u2018'(\u00ab["
_TRAILING_MARKS = ".,;:!?\u201d\"\u2019')\u00bb]\u2026"


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


def _title_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words (with small connecting words inside) that punctuation ends."""
    runs: list[list[str]] = []
    run: list[str] = []
    for token in text.split(" "):
        if not run and token[:1].islower():
            continue  # the usual case, and nothing to do: no run open, none starts here
        word = token.lstrip(_LEADING_MARKS)
        if word != token and run:
            runs.append(run)
            run = []
        core = word.rstrip(_TRAILING_MARKS)
        if core and (core[0].isupper() or core[0].isdigit() or (run and core in CONNECTORS)):
            run.append(core)
        elif run:
            runs.append(run)
            run = []
        if core != word and run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _phrases(text: str) -> set[tuple[str, ...]]:
    """The title-like phrases in a text: sub-runs that start and end on a capitalised word."""
    found: set[tuple[str, ...]] = set()
    for run in _title_runs(text):
        size = len(run)
        if size < _PHRASE_MIN_WORDS or size > _PHRASE_MAX_RUN:
            continue
        capitalised = [_capitalised(word) for word in run]
        # upper_before[i]: the words before word i that start with a capital letter.
        upper_before = [0]
        for word in run:
            upper_before.append(upper_before[-1] + word[0].isupper())
        for start in range(size):
            if not capitalised[start]:
                continue
            stop_limit = min(size, start + _PHRASE_MAX_WORDS)
            for stop in range(start + _PHRASE_MIN_WORDS, stop_limit + 1):
                if capitalised[stop - 1] and upper_before[stop] - upper_before[start] >= 2:
                    found.add(tuple(run[start:stop]))
    return found


def recurring_title(blocks: list[Block]) -> str:
    """The title-case phrase the body (``blocks``, in document order) keeps repeating, or ""
    when there is none.

    Articles that open without a title line usually restate the title in the text, in the first
    paragraph and again in the conclusion. Candidates are the phrases of the first paragraph
    and of the last three; a phrase counts when the text has it twice and the first paragraph
    uses it, or three times. Longer and more frequent phrases win.
    """
    texts = [block.text for block in blocks]
    if not texts:
        return ""
    opening = _phrases(texts[0][:_PHRASE_SOURCE_CHARS])
    closing = set().union(*(_phrases(text[-_PHRASE_SOURCE_CHARS:]) for text in texts[-3:]))
    # Counting is a scan of the whole text per phrase, so only the likeliest phrases are counted.
    candidates = sorted(opening | closing,
                        key=lambda phrase: (phrase in opening, len(phrase), phrase),
                        reverse=True)[:_PHRASE_CANDIDATES]
    joined = "\n".join(texts)
    best: tuple[bool, int, int, str] | None = None
    best_phrase = ""
    for phrase in candidates:
        text = " ".join(phrase)
        in_opening = phrase in opening
        if best is not None and (in_opening, len(phrase) * _COUNT_CAP, len(phrase), text) < best:
            continue  # it cannot win, however often it occurs
        count = joined.count(text)
        if count < 2 or (count < 3 and not in_opening):
            continue
        key = (in_opening, len(phrase) * min(count, _COUNT_CAP), len(phrase), text)
        if best is None or key > best:
            best, best_phrase = key, text
    return best_phrase
