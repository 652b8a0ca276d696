"""Importing a Markdown article: headings become sections, paragraphs, lists and quotes blocks.

This is a line parser rather than the ``markdown`` library. The library renders HTML, which would
have to be parsed back, loses the source line of what it drops, and follows the original
Markdown rules under which a list directly after a paragraph or indented by two spaces is not a
list; articles saved from editors and converters rely on both. A line parser keeps each block's
inline markup (``**bold**``, ``[links](...)``, `` `code` ``) as written, so block text stays
Markdown; headings and the title are reduced to plain text.

Recognised: YAML front matter (title, author, publisher, date, url, standfirst and common aliases),
ATX (``##``) and setext (underlined) headings, paragraphs, ``-``/``*``/``+`` bullets, ``1.``/``1)``
numbered items (nested items are flattened in order), ``>`` quotes, fenced code (kept as a
paragraph), pipe tables (one paragraph per row). Images on their own line, link reference
definitions, HTML comments and front matter that is not valid YAML go to ``discarded`` with their
line. Parsing never raises: any text gives an article.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from briefing.core.importers.byline_paragraphs import take_byline
from briefing.core.importers.structure import (
    Heading,
    Item,
    build_sections,
    clean_text,
    iso_date,
    same_text,
    title_from_name,
)
from briefing.core.model import Article, Block, BlockKind, Discarded

logger = logging.getLogger(__name__)

STANDFIRST_MAX_CHARS = 300
"""A paragraph right after the title longer than this is the start of the text, not a standfirst."""
TITLE_LINE_MAX_CHARS = 200
KICKER_MAX_ITEMS = 2
KICKER_MAX_CHARS = 60
"""Short lines above a ``#`` title (``Analysis``, ``12 March 2025``) leave it the title."""

_ATX = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)")
_ATX_CLOSING = re.compile(r"(?:^|[ \t])#+$")
_HEADING_ATTRS = re.compile(r"\{[#.][^{}]*\}$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_BULLET = re.compile(r"^( *)([-*+])(?:[ \t]+(.*))?$")
_ORDERED = re.compile(r"^( *)(\d{1,9})([.)])(?:[ \t]+(.*))?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"^(?: {0,3}>[ ]?)+")
_TABLE_ROW = re.compile(r"^ {0,3}\|")
_IMAGE_LINE = re.compile(r"^ {0,3}\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?[ \t]*$")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S")
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters a damaged file may hold (stray NULs): no text, and a Word document
cannot hold them."""
_TABLE_RULE_CHARS = frozenset(" \t|:-")
_FRONT_MATTER_END = ("---", "...")

_WEB_ADDRESS = re.compile(r"^https?://\S+$", re.IGNORECASE)
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]|]*)\]\]")
"""A note-taking app's link (``[[Jane Moreau]]``, ``[[people/jm|Jane Moreau]]``): its words."""

_META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "author": ("author", "authors", "by", "byline", "creator"),
    "publisher": ("publisher", "publication", "site", "sitename", "site_name", "source"),
    "date": ("date", "published", "publish_date", "pubdate", "date_published", "created"),
    "url": ("url", "link", "canonical_url", "canonical", "source_url"),
    "standfirst": ("standfirst", "subtitle", "dek", "lede", "description", "summary", "excerpt"),
}


def parse_markdown(text: str, source_name: str = "") -> Article:
    """The article a Markdown text describes; ``source_name`` names it in titles and messages."""
    text = _CONTROL_CHARACTERS.sub("", text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, discarded, body_start = _front_matter(lines)
    parser = _BlockParser(discarded)
    for number in range(body_start, len(lines)):
        parser.feed(lines[number], number + 1)
    parser.finish()
    items = parser.items

    title = meta.get("title", "")
    standfirst = meta.get("standfirst", "")
    before: list[Item] = []
    rest = items
    if title:
        if rest and isinstance(rest[0], Heading) and same_text(rest[0].text, title):
            rest = rest[1:]
    else:
        first = next((i for i, item in enumerate(items)
                      if isinstance(item, Heading) and item.level == 1), None)
        if first is not None and _is_title_heading(items[first], items[:first]):
            # A kicker or date line above the title stays in the lead, as text.
            title = items[first].text
            before = [Block(BlockKind.PARAGRAPH, item.text) for item in items[:first]]
            rest = items[first + 1:]
        elif items and _is_title_line(items[0], parser.first_line_of_first_block):
            title = items[0].text
            rest = items[1:]
    rest, byline = take_byline(rest, discarded)
    if title:
        rest, standfirst = _take_standfirst(rest, standfirst)
    else:
        title = title_from_name(source_name)

    lead, sections = build_sections(before + rest)
    return Article(title=clean_text(title), standfirst=clean_text(standfirst),
                   author=meta.get("author") or byline.author,
                   publisher=meta.get("publisher") or byline.publisher,
                   date=meta.get("date") or byline.date, url=meta.get("url", ""), blocks=lead,
                   sections=sections, discarded=discarded)


def _is_title_heading(item: Item, before: list[Item]) -> bool:
    """A ``#`` heading with nothing above it but a kicker or a date line is the title."""
    return (isinstance(item, Heading) and item.level == 1 and len(before) <= KICKER_MAX_ITEMS
            and all(len(other.text) <= KICKER_MAX_CHARS for other in before))


def _is_title_line(item: Item, single_line: bool) -> bool:
    """A first paragraph that is one short line not ending like a sentence reads as a title."""
    return (isinstance(item, Block) and item.kind is BlockKind.PARAGRAPH and single_line
            and 0 < len(item.text) <= TITLE_LINE_MAX_CHARS
            and not item.text.endswith((".", ",", ";", ":")))


def _take_standfirst(items: list[Item], standfirst: str) -> tuple[list[Item], str]:
    """Take a short paragraph at the start of ``items`` as the standfirst, unless there is one."""
    if standfirst or not items:
        return items, standfirst
    first = items[0]
    if (isinstance(first, Block) and first.kind is BlockKind.PARAGRAPH
            and len(first.text) <= STANDFIRST_MAX_CHARS and len(items) > 1):
        return items[1:], _strip_enclosing_emphasis(first.text)
    return items, standfirst


def _strip_enclosing_emphasis(text: str) -> str:
    """``*A short summary.*`` gives ``A short summary.``; inner markup is left alone."""
    for marker in ("***", "___", "**", "__", "*", "_"):
        if (len(text) > 2 * len(marker) and text.startswith(marker) and text.endswith(marker)
                and marker not in text[len(marker):-len(marker)]):
            return text[len(marker):-len(marker)].strip()
    return text


def plain_inline(text: str) -> str:
    """Markdown inline markup removed: for headings and titles, which are plain text."""
    text = _LINK.sub(r"\1", text)
    text = text.replace("**", "").replace("`", "").replace("*", "")
    text = _EMPHASIS_UNDERSCORE.sub("", text)
    return clean_text(_ESCAPE.sub(r"\1", text))


# --- front matter -------------------------------------------------------------------------------


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[Discarded], int]:
    """Details from a leading ``---`` YAML block, anything dropped, and the first body line."""
    if not lines or lines[0].strip() != "---":
        return {}, [], 0
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in _FRONT_MATTER_END), None)
    if end is None:
        return {}, [], 0
    import yaml

    source = "\n".join(lines[1:end])
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(source, Loader=loader)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        logger.debug("front matter is not YAML: %s", exc)
        return {}, [Discarded(source, "front matter that is not valid YAML", line=1)], end + 1
    if data is None:
        return {}, [], end + 1
    if not isinstance(data, dict):
        # "---" followed by text and another "---" is a rule around text, not front matter.
        return {}, [], 0
    lowered = {str(key).strip().lower(): value for key, value in data.items()}
    meta: dict[str, str] = {}
    for field_name, aliases in _META_KEYS.items():
        for alias in aliases:
            value = _meta_text(lowered.get(alias))
            if value:
                meta[field_name] = value
                break
    if "date" in meta:
        meta["date"] = iso_date(meta["date"])
    if _WEB_ADDRESS.match(meta.get("publisher", "")):
        # A web clipper's ``source:`` is the page's address, not its publisher.
        address = meta.pop("publisher")
        meta.setdefault("url", address)
    return meta, [], end + 1


def _meta_text(value: Any) -> str:
    """A front matter value as text: dates as ISO dates, lists of authors joined."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(part for part in (_meta_text(item) for item in value) if part)
    if isinstance(value, dict):
        return _meta_text(value.get("name", ""))
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return clean_text(_WIKI_LINK.sub(r"\1", str(value)))
    return ""


# --- blocks -------------------------------------------------------------------------------------


@dataclass
class _BlockParser:
    """Turns lines into headings and blocks, one line at a time, in a single pass."""

    discarded: list[Discarded]
    items: list[Item] = field(default_factory=list)
    first_line_of_first_block: bool = False
    _lines: list[str] = field(default_factory=list)
    _kind: BlockKind | None = None
    _in_list: bool = False
    _item_indent: int = 0
    _blank_before: bool = False
    _fence: str = ""
    _fence_lines: list[str] = field(default_factory=list)
    _comment: list[str] | None = None
    _comment_line: int = 0

    def feed(self, raw: str, number: int) -> None:
        line = raw.expandtabs(4)
        if self._fence:
            self._feed_fenced(line)
            return
        if self._comment is not None:
            self._comment.append(line)
            if "-->" in line:
                self._end_comment()
            return
        if not line.strip():
            if self._kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE):
                self._flush()
            self._blank_before = True
            return
        self._feed_text(line, number)
        self._blank_before = False

    def finish(self) -> None:
        if self._fence:
            self._emit(Block(BlockKind.PARAGRAPH, "\n".join(self._fence_lines).strip()))
            self._fence = ""
        if self._comment is not None:
            self._end_comment()
        self._flush()

    def _feed_text(self, line: str, number: int) -> None:
        indent = len(line) - len(line.lstrip(" "))
        stripped = line.strip()
        if self._kind is BlockKind.PARAGRAPH and not self._blank_before:
            setext = _SETEXT.match(line)
            if setext:
                level = 1 if setext.group(1).startswith("=") else 2
                text = " ".join(self._lines)
                self._lines, self._kind = [], None
                self._emit(Heading(level, plain_inline(text)))
                return
        if _FENCE.match(line):
            self._flush()
            self._in_list = False
            self._fence = stripped[:3]
            self._fence_lines = []
            return
        if stripped.startswith("<!--"):
            self._flush()
            self._comment, self._comment_line = [stripped], number
            if "-->" in stripped[4:]:
                self._end_comment()
            return
        atx = _ATX.match(line)
        if atx:
            self._flush()
            self._in_list = False
            self._emit(Heading(len(atx.group(1)), _heading_text(line[atx.end():])))
            return
        if _BREAK.match(line):
            self._flush()
            self._in_list = False
            return
        quote = _QUOTE.match(line)
        if quote:
            self._feed_quote(line[quote.end():])
            return
        if self._feed_list_item(line, indent):
            return
        if _TABLE_ROW.match(line):
            self._flush()
            if not (set(stripped) <= _TABLE_RULE_CHARS and "-" in stripped):
                cells = [clean_text(cell) for cell in stripped.strip("|").split("|")]
                self._emit(Block(BlockKind.PARAGRAPH, " | ".join(cells)))
            return
        if self._kind is None and (_IMAGE_LINE.match(line) or _LINK_DEFINITION.match(line)):
            reason = "image" if "![" in stripped else "link reference definition"
            self.discarded.append(Discarded(stripped, reason, line=number))
            return
        if self._kind is not None:
            if self._in_list and self._blank_before and indent < self._item_indent:
                self._flush()
                self._in_list = False
            else:
                self._lines.append(stripped)
                return
        self._in_list = False
        self._start(BlockKind.PARAGRAPH, stripped)

    def _feed_quote(self, content: str) -> None:
        content = content.strip()
        if not content:
            if self._kind is BlockKind.QUOTE:
                self._flush()
            return
        item = _item_text(content)
        if self._kind is BlockKind.QUOTE and item is None:
            self._lines.append(content)
            return
        self._flush()
        self._in_list = False
        self._start(BlockKind.QUOTE, content if item is None else item)

    def _feed_list_item(self, line: str, indent: int) -> bool:
        """Start a list item if ``line`` is one; False when it is not a list line."""
        bullet = _BULLET.match(line)
        ordered = None if bullet else _ORDERED.match(line)
        match = bullet or ordered
        if not match:
            return False
        text = (match.group(3) if bullet else match.group(4)) or ""
        if self._kind is BlockKind.PARAGRAPH and not self._blank_before and (
                not text.strip() or (ordered and int(ordered.group(2)) != 1)):
            # As in CommonMark, only a bullet or a list starting at 1 interrupts a paragraph;
            # "… in\n2024. The year …" is one paragraph.
            return False
        self._flush()
        self._in_list = True
        self._item_indent = indent + len(match.group(2)) + (1 if bullet else 2)
        self._start(BlockKind.BULLET if bullet else BlockKind.NUMBERED, text.strip())
        return True

    def _feed_fenced(self, line: str) -> None:
        stripped = line.strip()
        if stripped.startswith(self._fence) and not stripped.lstrip(self._fence[0]).strip():
            code = "\n".join(self._fence_lines).strip("\n")
            if code.strip():
                self._emit(Block(BlockKind.PARAGRAPH, code))
            self._fence = ""
        else:
            self._fence_lines.append(line)

    def _end_comment(self) -> None:
        text = "\n".join(self._comment or []).strip()
        self.discarded.append(Discarded(text, "HTML comment", line=self._comment_line))
        self._comment = None

    def _start(self, kind: BlockKind, text: str) -> None:
        self._kind, self._lines = kind, [text] if text else []

    def _flush(self) -> None:
        if self._kind is not None:
            text = " ".join(line.rstrip("\\").strip() for line in self._lines).strip()
            if not self.items and self._kind is BlockKind.PARAGRAPH:
                self.first_line_of_first_block = len(self._lines) == 1
            if text:
                self._emit(Block(self._kind, text))
        self._kind, self._lines = None, []

    def _emit(self, item: Item) -> None:
        if isinstance(item, Heading) and not item.text:
            return
        self.items.append(item)


def _heading_text(rest: str) -> str:
    """An ATX heading's text without closing hashes, ``{#id}`` attributes or inline markup."""
    rest = _ATX_CLOSING.sub("", rest.strip())
    return plain_inline(_HEADING_ATTRS.sub("", rest.rstrip()))


def _item_text(line: str) -> str | None:
    """The text of a list item line (``- x``, ``2. x``), or None when it is not one."""
    bullet = _BULLET.match(line)
    if bullet:
        return (bullet.group(3) or "").strip()
    ordered = _ORDERED.match(line)
    return (ordered.group(4) or "").strip() if ordered else None
