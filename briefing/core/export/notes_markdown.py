"""The analyst's Markdown notes, parsed once into the intermediate form's blocks.

The parsing is Python-Markdown's (a well-kept parser; ``sane_lists`` so a numbered and a bulleted
list never merge, ``nl2br`` so a line break typed in the note is a line break in the note). A tree
processor hands over the element tree before anything is serialised; this module only walks it.

What a note may hold, and what becomes of it:

- bold, italic, code spans, links (only http, https and mailto become links; any other scheme,
  ``javascript:`` included, leaves the link's text as plain text), web addresses pasted bare
  (``https://...``), images as their alt text;
- bullet and numbered lists, nested by indenting two spaces or more, and starting straight under
  a lead-in line (as CommonMark allows; :func:`tidy_lists` rewrites them for Python-Markdown,
  which wants a blank line before a list and four spaces per level);
- block quotes (``level`` is the depth), code blocks (indented or fenced), hard line breaks
  (a line end, two trailing spaces, a backslash at the line end, or a line separator U+2028 as
  Word's Shift+Enter pastes it);
- ``~~struck out~~`` text, ``---`` rules, pipe tables (the first row is the header row) and
  footnotes (``[^1]`` in the text, ``[^1]: text`` anywhere in the note; a footnote's mark is a
  run carrying the footnote's runs, and a definition nobody refers to is kept as a paragraph);
- headings, demoted by ``base_level`` so they sit below the heading of the section they annotate.

Raw HTML is shown as the text it is: the HTML block and inline patterns are switched off, so
``<b>`` stays the three characters it was typed as. Entities are left as typed for the same reason.
Characters XML cannot hold are removed before parsing.

A note nested deeper than :data:`MAX_NESTING` (quotes in quotes, lists in lists) would take
Python-Markdown's recursive parser seconds and then past Python's recursion limit, so such a
note is kept as plain paragraphs instead: its text is never lost.
"""

from __future__ import annotations

import re
import string
import threading
import xml.etree.ElementTree as ET
from collections import OrderedDict
from dataclasses import replace

import markdown
from markdown import util
from markdown.inlinepatterns import InlineProcessor, SimpleTagInlineProcessor
from markdown.treeprocessors import Treeprocessor

from briefing.core.export.intermediate import (
    LINE_BREAK,
    MAX_HEADING_LEVEL,
    BlockType,
    DocBlock,
    Run,
    clean_text,
    is_safe_url,
)

__all__ = ["clean_text", "parse_inline", "parse_note", "tidy_lists"]

_WHITESPACE = re.compile(r"\s+")
_BARE_URL = re.compile(r"\bhttps?://[^\s<>\"]*[^\s<>\"'.,;:!?)\]}*_]")
"""A web address pasted as it is; punctuation that ends the sentence is not part of it."""
_PLACEHOLDER = util.HTML_PLACEHOLDER_RE
_ANY_PLACEHOLDER = re.compile(f"{util.STX}[^{util.ETX}]*{util.ETX}")
"""Python-Markdown's own markers (stashed HTML, a footnote's back link and its space); the
note's STX and ETX characters are removed before parsing, so every such pair is one of them."""
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LISTS = {"ul": BlockType.BULLET, "ol": BlockType.NUMBERED}
_BLOCK_TAGS = {"p", "ul", "ol", "blockquote", "pre", "hr", "div", "table", *_HEADINGS}
_STRIKE_TAGS = ("del", "s")
_CELL_TAGS = ("th", "td")
_LIST_ITEM = re.compile(r"( *)([-*+]|(\d{1,9})\.) +(?=\S)")
_RULE = re.compile(r" {0,3}([-*_])( *\1){2,} *$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_INDENT = 4
"""Python-Markdown's spaces per list level (its ``tab_length``)."""
MAX_NESTING = 40
"""Quote or list levels a note may nest before it is read as plain paragraphs."""
_NESTING = re.compile(r"[ \t>]*")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _expand_indent(line: str) -> str:
    body = line.lstrip(" \t")
    return line[:len(line) - len(body)].expandtabs(_INDENT) + body


def tidy_lists(text: str) -> str:
    """Lists typed the way most editors allow, rewritten to nest the way Python-Markdown reads.

    Analysts start a list on the line under its lead-in ("Three risks:" then "- ..."), switch
    from bullets to numbers without a blank line, and nest by two or three spaces. Python-Markdown
    would show all of that as plain text, so: a blank line goes before a list that interrupts a
    paragraph (a numbered one only when it starts at 1, as in CommonMark) or changes kind; list
    items are re-indented four spaces per level; an item's later paragraph gets its item's indent.
    Code blocks (fenced, or indented outside a list) are left alone.
    """
    out: list[str] = []
    levels: list[int] = []
    """Marker indents of the open list levels, outermost first."""
    top_kind = ""
    loose = False
    """Whether a blank line came inside the open list: Python-Markdown then reads an indented
    block to its end, so an item going back out needs a blank line before it."""
    previous = "blank"
    fence = ""
    for raw in text.split("\n"):
        line = _expand_indent(raw)
        if fence:
            out.append(raw)
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            continue
        if not line.strip():
            out.append(raw)
            previous = "blank"
            loose = bool(levels)
            continue
        item = _LIST_ITEM.match(line)
        if _RULE.match(line):
            item = None
        if item is None:
            indent = len(line) - len(line.lstrip(" "))
            if levels and indent and previous in ("blank", "para"):
                depth = sum(1 for level in levels if level < indent)
                out.append(" " * (_INDENT * depth) + line.lstrip(" "))
                previous = "para"
                continue
            if levels and previous == "blank":
                levels = []
            if not levels:
                opening = _FENCE.match(line)
                if opening and (previous == "blank" or indent < _INDENT):
                    fence = opening.group(1)
                previous = "code" if indent >= _INDENT and previous in ("blank", "code") \
                    else "text"
            out.append(raw)
            continue
        indent = len(item.group(1))
        kind = "numbered" if item.group(3) else "bullet"
        if not levels:
            if previous == "code" or (indent >= _INDENT and previous == "blank"):
                out.append(raw)
                previous = "code"
                continue
            if previous == "text":
                if kind == "numbered" and int(item.group(3)) != 1:
                    out.append(raw)
                    continue
                out.append("")
            levels, loose = [indent], False
        elif indent >= levels[-1] + 2:
            levels.append(indent)
        else:
            depth = len(levels)
            while len(levels) > 1 and indent < levels[-1]:
                levels.pop()
            back_out = loose and len(levels) < depth
            if previous != "blank" and (previous == "para" or back_out or (
                    len(levels) == 1 and kind != top_kind)):
                out.append("")
        if len(levels) == 1:
            top_kind = kind
        out.append(" " * (_INDENT * (len(levels) - 1)) + line[indent:])
        previous = "item"
    return "\n".join(out)


class _HardBreak(InlineProcessor):
    """A backslash at a line's end, or a line separator (U+2028): a line break."""

    def handleMatch(  # type: ignore[override]  # noqa: N802 (Python-Markdown's name)
            self, m: re.Match[str], data: str) -> tuple[ET.Element, int, int]:
        return ET.Element("br"), m.start(0), m.end(0)


class _KeepTree(Treeprocessor):
    """Runs last and keeps the finished element tree for the walker."""

    root: ET.Element | None = None

    def run(self, root: ET.Element) -> None:
        self.root = root


class _Parser:
    """One configured Markdown instance (building one costs more than parsing a note)."""

    def __init__(self) -> None:
        self.md = markdown.Markdown(
            extensions=["sane_lists", "nl2br", "fenced_code", "tables", "footnotes"])
        self.md.preprocessors.deregister("html_block")
        for name in ("html", "entity", "automail"):
            self.md.inlinePatterns.deregister(name)
        # As in CommonMark, a backslash before any ASCII punctuation means the character itself.
        self.md.ESCAPED_CHARS = list(string.punctuation)
        # Above the backslash escape (180), so a backslash ending a line is a break, not text.
        self.md.inlinePatterns.register(_HardBreak(r"\\\n|\u2028", self.md), "briefing_br", 185)
        self.md.inlinePatterns.register(
            SimpleTagInlineProcessor(r"(~~)(?=\S)(.+?)(?<=\S)~~", "del"), "briefing_strike", 45)
        self.keeper = _KeepTree(self.md)
        self.md.treeprocessors.register(self.keeper, "briefing_keep", -100)

    def tree(self, text: str) -> ET.Element:
        self.md.reset()
        self.keeper.root = None
        self.md.convert(text)
        assert self.keeper.root is not None
        return self.keeper.root


_local = threading.local()


def _parser() -> _Parser:
    parser: _Parser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = _Parser()
        _local.parser = parser
    return parser


def parse_note(markdown_text: str, base_level: int = 0) -> list[DocBlock]:
    """The note's blocks; a ``# heading`` in it becomes a heading of level ``1 + base_level``.

    List items of one top-level list (nested items included) share a ``list_id``; ids count from
    1 within the note (the document builder renumbers them document-wide).

    The blocks of the notes parsed last (up to :data:`PARSED_CHARACTERS_KEPT` characters of
    notes) are kept, and a note parsed again gets fresh copies of them (callers change blocks):
    rebuilding a briefing of a thousand notes after one was edited parses only that one, and
    copying is many times faster than parsing.
    """
    global _parsed_characters
    key = (markdown_text, base_level)
    with _parsed_lock:
        kept = _parsed.get(key)
        if kept is not None:
            _parsed.move_to_end(key)
    if kept is None:
        kept = _parse_note(markdown_text, base_level)
        with _parsed_lock:
            if key not in _parsed:
                _parsed[key] = kept
                _parsed_characters += len(markdown_text) + 1
            while _parsed_characters > PARSED_CHARACTERS_KEPT:
                (text, _level), _blocks = _parsed.popitem(last=False)
                _parsed_characters -= len(text) + 1
    return [_fresh(block) for block in kept]


PARSED_CHARACTERS_KEPT = 4_000_000
"""About 8 MB of note text and its blocks: every note of a large outline, and not a typed
note's every past version for long."""
_parsed: OrderedDict[tuple[str, int], list[DocBlock]] = OrderedDict()
_parsed_characters = 0
_parsed_lock = threading.Lock()
"""Notes are parsed on the GUI thread and on workers (the preview and counts are built there)."""


def _fresh(block: DocBlock) -> DocBlock:
    """A copy of a kept block that its caller may change (runs are immutable and shared)."""
    return replace(block, runs=list(block.runs),
                   children=[_fresh(child) for child in block.children],
                   comment=None if block.comment is None
                   else [_fresh(child) for child in block.comment],
                   rows=[[list(cell) for cell in row] for row in block.rows])


def _parse_note(markdown_text: str, base_level: int) -> list[DocBlock]:
    text = clean_text(markdown_text).replace(util.STX, "").replace(util.ETX, "")
    if not text.strip():
        return []
    tidied = tidy_lists(text)
    if _nesting(tidied) > MAX_NESTING:
        return _plain_paragraphs(text)
    parser = _parser()
    try:
        tree = parser.tree(tidied)
    except RecursionError:
        _local.parser = None  # a parser stopped half-way is not reused
        return _plain_paragraphs(text)
    notes, unused = _take_footnotes(tree)
    walker = _Walker(base_level, parser.md.htmlStash.rawHtmlBlocks, notes)
    walker.blocks_of(tree, quote_depth=-1)
    for note_id in unused:
        walker.blocks.append(DocBlock(BlockType.PARAGRAPH, list(notes[note_id])))
    if all(block.kind is BlockType.RULE for block in walker.blocks):
        return []  # rules alone say nothing
    return walker.blocks


def _take_footnotes(tree: ET.Element) -> tuple[dict[str, tuple[Run, ...]], list[str]]:
    """Remove the footnotes extension's list from the tree: each footnote's runs by its id,
    and the ids (in order) of footnotes no ``[^label]`` in the text refers to."""
    notes: dict[str, tuple[Run, ...]] = {}
    for holder in [child for child in tree if child.tag == "div"
                   and child.get("class") == "footnote"]:
        tree.remove(holder)
        listing = holder.find("ol")
        for item in listing if listing is not None else ():
            if item.tag != "li":
                continue
            collector = _InlineCollector({})
            for child in item:
                if collector.runs:
                    collector.runs.append(LINE_BREAK)
                if child.tag in ("p", *_HEADINGS):
                    collector.walk(child)
                else:
                    collector.add_text(" ".join(child.itertext()))
            notes[item.get("id", "")] = tuple(collector.finish())
    referred = {(a.get("href") or "")[1:] for a in tree.iter("a")
                if a.get("class") == "footnote-ref"}
    return notes, [note_id for note_id in notes if note_id not in referred and notes[note_id]]


def _nesting(text: str) -> int:
    """The deepest quote or list level a line of the (tidied) note starts at, roughly."""
    deepest = 0
    for line in text.split("\n"):
        lead = _NESTING.match(line)
        if lead:
            marks = lead.group()
            deepest = max(deepest, marks.count(">") + len(marks.expandtabs(_INDENT)) // _INDENT)
    return deepest


def _plain_paragraphs(text: str) -> list[DocBlock]:
    """The note as plain paragraphs, one per run of non-blank lines (web addresses linked)."""
    blocks = []
    for chunk in _PARAGRAPH_BREAK.split(text):
        collector = _InlineCollector()
        collector.add_text(chunk)
        runs = collector.finish()
        if runs:
            blocks.append(DocBlock(BlockType.PARAGRAPH, runs))
    return blocks


def parse_inline(markdown_text: str) -> list[Run]:
    """One line of Markdown as runs (the first block's runs when the text holds several)."""
    for block in parse_note(markdown_text):
        if block.runs:
            return block.runs
    return []


class _Walker:
    def __init__(self, base_level: int, stash: list[str | ET.Element],
                 notes: dict[str, tuple[Run, ...]]) -> None:
        self.base_level = base_level
        self.notes = notes
        self.stash = stash
        """Python-Markdown's stash, where the fenced_code extension leaves fenced blocks."""
        self.blocks: list[DocBlock] = []
        self.list_count = 0

    def blocks_of(self, parent: ET.Element, quote_depth: int) -> None:
        for child in parent:
            tag = child.tag
            if tag in _HEADINGS:
                level = min(_HEADINGS[tag] + self.base_level, MAX_HEADING_LEVEL)
                self._add(DocBlock(BlockType.HEADING, self._inline(child), level=level))
            elif tag in _LISTS:
                self.list_count += 1
                self._list(child, self.list_count, 0, quote_depth)
            elif tag == "blockquote":
                self.blocks_of(child, quote_depth + 1)
            elif tag == "pre":
                self._add(DocBlock(BlockType.CODE, _code_runs(child)))
            elif tag == "hr":
                self.blocks.append(DocBlock(BlockType.RULE))
            elif tag == "table":
                self._table(child)
            elif (fenced := self._fenced(child)) is not None:
                self._add(DocBlock(BlockType.CODE, _code_runs(fenced, escaped=False)))
            else:  # p, and anything unexpected: its text is kept as a paragraph
                kind = BlockType.QUOTE if quote_depth >= 0 else BlockType.PARAGRAPH
                self._add(DocBlock(kind, self._inline(child), level=max(quote_depth, 0)))

    def _fenced(self, element: ET.Element) -> ET.Element | None:
        """The ``<pre>`` of a fenced code block, which Python-Markdown stashes as HTML text."""
        if element.tag != "p" or len(element) or not element.text:
            return None
        match = _PLACEHOLDER.fullmatch(element.text.strip())
        if not match or int(match.group(1)) >= len(self.stash):
            return None
        stored = self.stash[int(match.group(1))]
        try:
            pre = ET.fromstring(stored) if isinstance(stored, str) else stored
        except ET.ParseError:
            return None
        return pre if pre.tag == "pre" else None

    def _add(self, block: DocBlock) -> None:
        if block.runs or block.kind is BlockType.CODE:
            self.blocks.append(block)

    def _list(self, element: ET.Element, list_id: int, level: int, quote_depth: int) -> None:
        kind = _LISTS[element.tag]
        for item in element:
            if item.tag != "li":
                continue
            runs = self._item_runs(item)
            self.blocks.append(DocBlock(kind, runs, level=level, list_id=list_id))
            for child in item:
                if child.tag in _LISTS:
                    self._list(child, list_id, level + 1, quote_depth)
                elif child.tag in _BLOCK_TAGS and child.tag != "p":
                    self.blocks_of(_wrap(child), quote_depth)


    def _table(self, table: ET.Element) -> None:
        rows = [[self._inline(cell) for cell in row if cell.tag in _CELL_TAGS]
                for row in table.iter("tr")]
        width = max((len(row) for row in rows), default=0)
        if width:
            self.blocks.append(DocBlock(BlockType.TABLE, rows=[
                row + [[] for _ in range(width - len(row))] for row in rows]))

    def _inline(self, element: ET.Element) -> list[Run]:
        collector = _InlineCollector(self.notes)
        collector.walk(element)
        return collector.finish()

    def _item_runs(self, item: ET.Element) -> list[Run]:
        """A list item's own text: loose text and inline children, and its paragraphs joined
        by breaks. Nested lists and other blocks inside the item are walked separately."""
        collector = _InlineCollector(self.notes)
        collector.add_text(item.text)
        for child in item:
            if child.tag == "p":
                if collector.runs:
                    collector.runs.append(LINE_BREAK)
                collector.walk(child)
            elif child.tag not in _BLOCK_TAGS:
                collector.element(child)
            collector.add_text(child.tail)
        return collector.finish()


def _wrap(element: ET.Element) -> ET.Element:
    holder = ET.Element("div")
    holder.append(element)
    return holder


def _code_runs(pre: ET.Element, *, escaped: bool = True) -> list[Run]:
    text = "".join(pre.itertext())
    text = (_unescape_code(text) if escaped else text).rstrip("\n")
    runs: list[Run] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            runs.append(LINE_BREAK)
        if line:
            runs.append(Run(line, code=True))
    return runs


def _unescape_code(text: str) -> str:
    """Undo the entity escaping Python-Markdown applies to code (it serialises code itself)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class _InlineCollector:
    """Turns an element's inline content into runs, tracking bold/italic/code/link/strike;
    ``notes`` are the note's footnotes by id, for the marks that refer to them."""

    def __init__(self, notes: dict[str, tuple[Run, ...]] | None = None) -> None:
        self.notes = notes or {}
        self.runs: list[Run] = []
        self.style = Run("")

    def walk(self, element: ET.Element) -> None:
        self.add_text(element.text)
        for child in element:
            self.element(child)
            self.add_text(child.tail)

    def element(self, child: ET.Element) -> None:
        tag = child.tag
        saved = self.style
        if tag in ("strong", "b"):
            self.style = replace(saved, bold=True)
        elif tag in ("em", "i"):
            self.style = replace(saved, italic=True)
        elif tag == "code":
            self.style = replace(saved, code=True)
        elif tag in _STRIKE_TAGS:
            self.style = replace(saved, strike=True)
        elif tag == "sup" and (child.get("id") or "").startswith("fnref"):
            self._footnote_mark(child)
            return
        elif tag == "a":
            href = (child.get("href") or "").strip()
            self.style = replace(saved, url=href if is_safe_url(href) else None)
        elif tag == "br":
            self.runs.append(LINE_BREAK)
            return
        elif tag == "img":
            self.add_text(child.get("alt") or "")
            return
        self.walk(child)
        self.style = saved

    def _footnote_mark(self, sup: ET.Element) -> None:
        link = sup.find("a")
        note_id = (link.get("href") or "")[1:] if link is not None else ""
        label = "".join(sup.itertext()).strip() or "*"
        self.runs.append(Run(label, footnote=self.notes.get(note_id, ())))

    def add_text(self, text: str | None) -> None:
        if not text:
            return
        text = _ANY_PLACEHOLDER.sub("", text.replace(util.AMP_SUBSTITUTE, "&"))
        if self.style.code:
            text = _unescape_code(text)
        text = _WHITESPACE.sub(" ", text)
        if self.style.url is not None or self.style.code:
            self.runs.append(replace(self.style, text=text))
            return
        start = 0
        for match in _BARE_URL.finditer(text):
            url, end = match.group(), match.end()
            while url.count("(") > url.count(")") and text[end:end + 1] == ")":
                url, end = url + ")", end + 1  # wiki/Name_(topic): the bracket is the url's
            if match.start() > start:
                self.runs.append(replace(self.style, text=text[start:match.start()]))
            self.runs.append(replace(self.style, text=url, url=url))
            start = end
        if start < len(text):
            self.runs.append(replace(self.style, text=text[start:]))

    def finish(self) -> list[Run]:
        """Runs with whitespace trimmed at the block's edges and around line breaks, merged."""
        result: list[Run] = []
        for index, run in enumerate(self.runs):
            if run.footnote is not None:
                result.append(run)
                continue
            if run.is_break:
                if result and not result[-1].is_break:
                    result[-1] = replace(result[-1], text=result[-1].text.rstrip())
                result.append(run)
                continue
            text = run.text
            if not result or result[-1].is_break:
                text = text.lstrip()
            if index == len(self.runs) - 1 or self.runs[index + 1].is_break \
                    or self.runs[index + 1].footnote is not None:
                text = text.rstrip()
            if not text:
                continue
            previous = result[-1] if result else None
            if previous is not None and not previous.is_break and previous.footnote is None \
                    and replace(previous, text="") == replace(run, text=""):
                result[-1] = replace(previous, text=previous.text + text)
            else:
                result.append(replace(run, text=text))
        while result and result[-1].is_break:
            result.pop()
        while result and (result[0].is_break or not result[0].text.strip()):
            result.pop(0)
        if result:  # text before a nested list ends in the whitespace before it
            result[-1] = replace(result[-1], text=result[-1].text.rstrip())
        return [run for run in result if run.text]
