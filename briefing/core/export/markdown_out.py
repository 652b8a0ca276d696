"""The briefing note as Markdown, walked from the intermediate form.

The output is CommonMark with footnotes (``[^1]``), which GitHub, Pandoc and most editors read.
Choices for what Markdown cannot say directly:

- The classification marking (with any caveats) is a bold line at the top and at the bottom.
- The details (To, From, Date, File number...) are a short list with bold labels; a
  second-language title is an italic line under the title.
- A boxed note and a note that Word would show as a comment are block quotes headed
  "Analyst's note"; a comment comes after the text it is on (a heading's whole excerpt).
- Two lists of one kind that follow each other alternate their markers (``-``/``*``,
  ``.``/``)``) so a CommonMark reader does not merge them into one.
- Nested list items are indented four spaces per level, which CommonMark and Python-Markdown
  both read as nesting.
- Citations and the analyst's own footnotes share one footnote numbering. A note's table is a
  pipe table (a line break in a cell becomes a space: a pipe table's cell is one line).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from briefing.core.export.document import (
    MAX_HEADING_LEVEL,
    NOTE_HEADING,
    BlockType,
    BriefingDocument,
    DocBlock,
    Run,
    comment_placements,
    is_safe_url,
)

log = logging.getLogger(__name__)

_SPECIAL = re.compile(r"([\\`*_\[\]<>~])")
_LINE_START = re.compile(r"^(\s*)([#+\-=|]|\d+[.)](?=\s|$))")
_BACKTICKS = re.compile(r"`+")
_LIST_KINDS = (BlockType.BULLET, BlockType.NUMBERED, BlockType.SOURCE)
INDENT = "    "


def escape(text: str) -> str:
    """Text with the characters Markdown would read as formatting backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def _escape_line_start(text: str) -> str:
    """Escape what would make a paragraph's first characters a heading, list or rule."""
    match = _LINE_START.match(text)
    if not match:
        return text
    lead, marker = match.group(1), match.group(2)
    if marker[0].isdigit():
        return f"{lead}{marker[:-1]}\\{marker[-1]}{text[match.end():]}"
    return f"{lead}\\{text[len(lead):]}"


def _code_span(text: str) -> str:
    longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _styled(run: Run) -> str:
    body = _code_span(run.text) if run.code else escape(run.text)
    stripped = body.strip()
    if not stripped:
        return body
    lead = body[:len(body) - len(body.lstrip())]
    trail = body[len(body.rstrip()):]
    if run.strike:
        stripped = f"~~{stripped}~~"
    if run.italic and not run.code:
        stripped = f"*{stripped}*"
    if run.bold:
        stripped = f"**{stripped}**"
    return f"{lead}{stripped}{trail}"


def _link_target(url: str) -> str:
    """The url with what would end a link destination percent-encoded."""
    return url.strip().replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def inline(runs: list[Run], *, line_start: bool = True,
           mark: Callable[[list[Run]], str] | None = None) -> str:
    """Runs as Markdown inline text; a line break is two spaces and a newline.

    With ``line_start``, what would read as a list marker or heading at the start of a line is
    escaped (not needed after ``#`` of a heading). A note's footnote is ``mark``'s text (its
    ``[^n]``), or without ``mark`` its text in brackets.
    """
    out: list[str] = []
    index = 0
    while index < len(runs):
        run = runs[index]
        if run.is_break:
            out.append("  \n")
            index += 1
            continue
        if run.footnote is not None:
            out.append(mark(list(run.footnote)) if mark is not None
                       else f" ({inline(list(run.footnote), line_start=False)})")
            index += 1
            continue
        if run.url and is_safe_url(run.url):
            group: list[str] = []
            while index < len(runs) and runs[index].url == run.url and not runs[index].is_break \
                    and runs[index].footnote is None:
                group.append(_styled(runs[index]))
                index += 1
            out.append(f"[{''.join(group)}]({_link_target(run.url)})")
            continue
        out.append(_styled(run))
        index += 1
    text = "".join(out)
    if not line_start:
        return text
    return "\n".join(_escape_line_start(line) for line in text.split("\n"))


def _one_line(text: str) -> str:
    """Inline Markdown with its line breaks as spaces, for a place that holds one line."""
    return text.replace("  \n", " ")


def _prefix_lines(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    return "\n".join([first + lines[0], *(rest + line if line else rest.rstrip()
                                           for line in lines[1:])])


class _Writer:
    def __init__(self, doc: BriefingDocument) -> None:
        self.doc = doc
        self.footnotes: list[list[Run]] = []
        """Each footnote's text, citations and the analyst's own notes in one numbering."""
        self.chunks: list[str] = []
        self.list_counters: dict[tuple[int, int], int] = {}
        self.list_parity: dict[int, int] = {}
        self.previous_list = 0
        self.last_parity = 0
        self.last_list_kind: BlockType | None = None

    def render(self) -> str:
        marking = self.doc.metadata.marking
        if marking:
            self.chunks.append(f"**{escape(marking)}**")
        self.chunks.extend(self.blocks(self.doc.blocks))
        if self.footnotes:
            self.chunks.append("\n".join(
                f"[^{number}]: {_one_line(inline(runs, line_start=False))}"
                for number, runs in enumerate(self.footnotes, start=1)))
        if marking:
            self.chunks.append(f"**{escape(marking)}**")
        return "\n\n".join(chunk for chunk in self.chunks if chunk) + "\n"

    def blocks(self, blocks: list[DocBlock]) -> list[str]:
        """Each block's Markdown; consecutive items of one list are joined into one chunk."""
        chunks: list[str] = []
        previous_kind: BlockType | None = None
        comments = comment_placements(blocks)
        for index, block in enumerate(blocks):
            text = self.block(block)
            same_list = block.kind in _LIST_KINDS and self.previous_list == block.list_id != 0
            same_table = block.kind is BlockType.FIELD and previous_kind is BlockType.FIELD
            if chunks and (same_list or same_table):
                chunks[-1] += "\n" + text
            else:
                chunks.append(text)
            self.previous_list = block.list_id if block.kind in _LIST_KINDS else 0
            previous_kind = block.kind
            for comment in comments.get(index, ()):
                chunks.append(self.note_box(comment))
                self.previous_list = 0
                previous_kind = None
        return chunks

    def footnote_mark(self, runs: list[Run]) -> str:
        """Number a footnote and give its ``[^n]``."""
        self.footnotes.append(runs)
        return f"[^{len(self.footnotes)}]"

    def marked(self, block: DocBlock, *, line_start: bool = True) -> str:
        text = inline(block.runs, line_start=line_start, mark=self.footnote_mark)
        if block.footnote is not None:
            text += self.footnote_mark(block.footnote.runs())
        return text

    def table(self, block: DocBlock) -> str:
        """A pipe table; its first row is the header row."""
        lines = []
        for number, cells in enumerate(block.rows):
            texts = [_one_line(inline(cell, line_start=False, mark=self.footnote_mark))
                     .replace("|", "\\|") for cell in cells]
            lines.append("| " + " | ".join(texts) + " |")
            if number == 0:
                lines.append("|" + "|".join("---" for _ in cells) + "|")
        return "\n".join(lines)

    def block(self, block: DocBlock) -> str:
        kind = block.kind
        if kind is BlockType.TITLE:
            return "# " + self.marked(block, line_start=False).replace("  \n", " ")
        if kind is BlockType.SUBTITLE:
            return "*" + self.marked(block, line_start=False).replace("  \n", " ") + "*"
        if kind is BlockType.HEADING:
            level = min(block.level + 1, MAX_HEADING_LEVEL)
            return "#" * level + " " + self.marked(block, line_start=False).replace("  \n", " ")
        if kind is BlockType.FIELD:
            return f"- **{escape(block.label)}:** {self.marked(block, line_start=False)}"
        if kind in _LIST_KINDS:
            return self.list_item(block)
        if kind is BlockType.QUOTE:
            prefix = "> " * (block.level + 1)
            return _prefix_lines(self.marked(block), prefix, prefix)
        if kind is BlockType.CODE:
            code = "\n".join("".join(r.text for r in line_runs)
                             for line_runs in _split_lines(block.runs))
            longest = max((len(m) for m in _BACKTICKS.findall(code)), default=0)
            fence = "`" * max(3, longest + 1)
            return f"{fence}\n{code}\n{fence}"
        if kind is BlockType.SOURCE_LINE:
            return "*Source:* " + self.marked(block)
        if kind is BlockType.NOTE:
            return self.note_box(block.children)
        if kind is BlockType.TABLE:
            return self.table(block)
        if kind is BlockType.RULE:
            return "---"
        return self.marked(block)

    def list_item(self, block: DocBlock) -> str:
        if block.list_id != self.previous_list:
            for key in [k for k in self.list_counters if k[0] == block.list_id]:
                del self.list_counters[key]
        if block.list_id not in self.list_parity:
            # A list right after another of its kind takes the other marker, so the two stay
            # two lists (a bullet and a numbered list never merge).
            follows_same = self.previous_list != 0 and self.last_list_kind is block.kind
            self.list_parity[block.list_id] = (1 - self.last_parity) if follows_same else 0
        parity = self.list_parity[block.list_id]
        if block.level == 0:
            self.last_parity = parity
            self.last_list_kind = block.kind
        key = (block.list_id, block.level)
        if block.kind is BlockType.BULLET:
            marker = "*" if parity else "-"
        else:
            self.list_counters[key] = self.list_counters.get(key, 0) + 1
            marker = f"{self.list_counters[key]}{')' if parity else '.'}"
        for deeper in [k for k in self.list_counters if k[0] == block.list_id
                       and k[1] > block.level]:
            del self.list_counters[deeper]
        indent = INDENT * block.level
        return _prefix_lines(self.marked(block), f"{indent}{marker} ", indent + INDENT)

    def note_box(self, blocks: list[DocBlock]) -> str:
        saved = self.previous_list
        self.previous_list = 0
        body = "\n\n".join([f"**{escape(NOTE_HEADING)}**", *self.blocks(blocks)])
        self.previous_list = saved
        return _prefix_lines(body, "> ", "> ")


def _split_lines(runs: list[Run]) -> list[list[Run]]:
    lines: list[list[Run]] = [[]]
    for run in runs:
        if run.is_break:
            lines.append([])
        else:
            lines[-1].append(run)
    return lines


def write_markdown(doc: BriefingDocument) -> str:
    """The whole note as Markdown text (UTF-8 when written), ending with a newline."""
    return _Writer(doc).render()
