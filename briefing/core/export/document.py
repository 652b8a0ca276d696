"""The intermediate form of a briefing note: typed blocks with inline runs, built once.

Every output walks this one form: the .docx writer, the Markdown and HTML exporters, the PDF
writer and the app's live preview. A quirk of one format stays inside its writer; nothing here
knows about Word, HTML or Qt.

Choices ``build_document`` makes where the outline leaves room:

- A picked section brings its own text only: its heading and its blocks. A subsection comes
  into the note only when it is picked itself, and then on its own, at its place in the
  briefing's order (picking a section "with its subsections" picks each of them). So no text
  is ever given twice, and an unpicked subsection is never given at all.
- Pull quotes are left out everywhere: a pull quote repeats a sentence of the article's own text.
- Each excerpt cites its article through a ``footnote`` on the excerpt's heading block; key points
  carry the same footnote on their bullet. ``sources`` lists the cited articles, first cited first.
- In the reading part the analyst's note is a ``comment`` on the excerpt's heading block when the
  template's ``note_placement`` is ``comment``, a ``NOTE`` block (a boxed note) after the excerpt's
  text when it is ``box``, and else the note's blocks under an "Analyst's note" heading.
- Parts with nothing to say (no purpose written, no notes...) are left out, heading included.
- If a template names both ``background`` and ``reading``, a section's text goes into the first of
  them only.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from briefing.core.model import Article, Block, BlockKind, Outline, Section, format_citation

if TYPE_CHECKING:
    from briefing.core.templates import TemplateSpec

log = logging.getLogger(__name__)

# Characters XML 1.0 forbids (C0 controls except tab, newline and carriage return; lone
# surrogates; U+FFFE and U+FFFF). Word refuses a file holding any of them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` without the characters an XML document cannot hold (any writer may use this)."""
    return _XML_ILLEGAL.sub("", text)


class BlockType(StrEnum):
    """What a block of the note is; each writer maps these onto its own styles."""

    TITLE = "title"
    """The note's title (``runs``)."""
    HEADING = "heading"
    """A heading; ``level`` 1 for a part ("Background"), 2 for a section, deeper below."""
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    """A bulleted list item; ``level`` is the nesting depth from 0, ``list_id`` its list."""
    NUMBERED = "numbered"
    """A numbered list item; numbering restarts for each new ``list_id``."""
    QUOTE = "quote"
    """A quoted paragraph; ``level`` is the quote depth from 0."""
    CODE = "code"
    """A code block from a note: one run per line, separated by line breaks."""
    FIELD = "field"
    """A row of the details table: ``label`` ("To") and the value in ``runs``."""
    SOURCE_LINE = "source_line"
    """The one-line source under an excerpt in the reading pack (author, title, ... url)."""
    NOTE = "note"
    """The analyst's note as a boxed note; its content is in ``children``."""
    SOURCE = "source"
    """One item of the Sources list; ``list_id`` groups them as one numbered list."""


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting. A line break is a run whose text is ``"\\n"``."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    url: str | None = None
    """A link target (only http, https and mailto ever get here)."""

    @property
    def is_break(self) -> bool:
        return self.text == "\n"


LINE_BREAK = Run("\n")
"""The line break marker inside a block's runs."""


@dataclass(frozen=True)
class Citation:
    """Where an excerpt comes from; hashable so the same article is cited once in Sources."""

    author: str = ""
    title: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""

    @classmethod
    def from_article(cls, article: Article) -> Citation:
        return cls(author=clean_text(article.author), title=clean_text(article.title),
                   publisher=clean_text(article.publisher), date=clean_text(article.date),
                   url=clean_text(article.url))

    def text(self) -> str:
        """Author, “title”, publisher, date, url: the parts that are known."""
        return format_citation(self.author, self.title, self.publisher, self.date, self.url)

    def runs(self) -> list[Run]:
        """The citation as runs, the url as a link when it is a web address."""
        head = format_citation(self.author, self.title, self.publisher, self.date)
        if not self.url:
            return [Run(head)]
        link = Run(self.url, url=self.url if is_safe_url(self.url) else None)
        return [Run(head + ", "), link] if head else [link]


SAFE_SCHEMES = ("http://", "https://", "mailto:")


def is_safe_url(url: str) -> bool:
    """Whether ``url`` may become a real link: http, https and mailto only."""
    return url.strip().lower().startswith(SAFE_SCHEMES)


@dataclass
class DocBlock:
    """One block of the note: its type, its inline runs, and what a writer needs around it."""

    kind: BlockType
    runs: list[Run] = field(default_factory=list)
    level: int = 0
    label: str = ""
    """The field name of a ``FIELD`` row ("To", "From", "Date", "File number")."""
    list_id: int = 0
    """Consecutive list items with the same non-zero id form one list (0: not a list item)."""
    footnote: Citation | None = None
    """The source of the excerpt this block starts; writers put a footnote mark at its end."""
    comment: list[DocBlock] | None = None
    """The analyst's note to anchor on this block as a Word comment (reading pack)."""
    children: list[DocBlock] = field(default_factory=list)
    """The content of a ``NOTE`` box."""
    part: str = ""
    """The template part this block belongs to (``"background"``...)."""
    section_id: str = ""
    """The picked section this block comes from, if any (the preview scrolls to it)."""

    def text(self) -> str:
        """The plain text of the runs (line breaks as newlines)."""
        return "".join(run.text for run in self.runs)


@dataclass
class DocMetadata:
    """The note's details: filled into placeholders and the document's core properties."""

    title: str = ""
    to: str = ""
    from_: str = ""
    date: str = ""
    classification: str = ""
    file_number: str = ""
    author: str = ""
    subject: str = ""
    keywords: str = ""
    """Comma-separated: the tags of the picked sections."""

    def placeholders(self) -> dict[str, str]:
        """Values for the template's ``{{ name }}`` placeholders, by name."""
        return {"title": self.title, "to": self.to, "from": self.from_, "date": self.date,
                "classification": self.classification, "file_number": self.file_number}


@dataclass
class BriefingDocument:
    """A briefing note ready to write: metadata, blocks in order, and the cited sources."""

    metadata: DocMetadata
    blocks: list[DocBlock] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)
    """The cited articles, each once, in the order they are first cited."""
    template: str = ""
    page_budget: float | None = None

    def walk(self) -> Iterator[DocBlock]:
        """Every block; a boxed note's and a comment's blocks follow the block holding them."""
        yield from _walk(self.blocks)

    def footnotes(self) -> list[Citation]:
        """The footnotes in order of appearance (footnote N is ``footnotes()[N - 1]``)."""
        return [block.footnote for block in self.walk() if block.footnote is not None]


def _walk(blocks: list[DocBlock]) -> Iterator[DocBlock]:
    for block in blocks:
        yield block
        if block.comment:
            yield from _walk(block.comment)
        if block.children:
            yield from _walk(block.children)


def comment_placements(blocks: list[DocBlock]) -> dict[int, list[list[DocBlock]]]:
    """Where a writer without margin comments shows each comment: after the text it is on.

    A comment on a heading covers the heading's whole excerpt, up to the next heading of the
    same or a higher level (or the end of the part); a comment on any other block covers that
    block. The result maps the index of the last covered block to the comments to show after
    it, in order.
    """
    placements: dict[int, list[list[DocBlock]]] = {}
    for index, block in enumerate(blocks):
        if not block.comment:
            continue
        end = index
        if block.kind is BlockType.HEADING:
            while end + 1 < len(blocks):
                following = blocks[end + 1]
                ends_excerpt = following.kind is BlockType.TITLE or following.part != block.part \
                    or (following.kind is BlockType.HEADING and following.level <= block.level)
                if ends_excerpt:
                    break
                end += 1
        placements.setdefault(end, []).append(block.comment)
    return placements


PART_HEADINGS: dict[str, str] = {
    "purpose": "Purpose",
    "summary": "Summary",
    "bottom_line": "Bottom line",
    "background": "Background",
    "key_points": "Key points",
    "considerations": "Considerations",
    "reading": "Reading",
    "recommendation": "Recommendation",
    "sources": "Sources",
}
"""The heading each part gets in the note (``title`` and ``details`` have none)."""

NOTE_HEADING = "Analyst\u2019s note"
"""The heading over a note given inline in the reading part."""

DETAIL_LABELS: tuple[tuple[str, str], ...] = (
    ("to", "To"), ("from", "From"), ("date", "Date"), ("file_number", "File number"))

MAX_HEADING_LEVEL = 6

_ARTICLE_KINDS = {
    BlockKind.PARAGRAPH: BlockType.PARAGRAPH,
    BlockKind.BULLET: BlockType.BULLET,
    BlockKind.NUMBERED: BlockType.NUMBERED,
    BlockKind.QUOTE: BlockType.QUOTE,
}

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s")


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (all of it when it has one sentence)."""
    match = _SENTENCE_END.search(text)
    return text[:match.end()].strip() if match else text.strip()


def plain_runs(text: str) -> list[Run]:
    """Article text as runs: no formatting, XML-safe, newlines as line breaks."""
    runs: list[Run] = []
    lines = clean_text(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for index, line in enumerate(lines):
        if index:
            runs.append(LINE_BREAK)
        if line:
            runs.append(Run(line))
    return runs


def build_document(outline: Outline, spec: TemplateSpec,
                   classification: str | None = None, *,
                   note_limit: int | None = None) -> BriefingDocument:
    """Turn the outline's briefing into the intermediate form for the template ``spec``.

    ``classification`` overrides the one the briefing names; without either the template's
    default marking is used. ``note_limit`` (for a live preview, never an export) keeps only
    the first that many characters of a longer note, followed by a line that says so.
    """
    builder = _Builder(outline, spec, classification)
    builder.note_limit = note_limit
    return builder.build()


def cut_note(text: str, limit: int) -> tuple[str, bool]:
    """The first part of a note longer than ``limit`` (ending at a line end where one is near)
    and whether it was cut."""
    if len(text) <= limit:
        return text, False
    end = text.rfind("\n", 0, limit)
    return text[:end if end > limit // 2 else limit], True


class _Builder:
    """Holds what building one document needs: list numbering, what is cited, what is given."""

    def __init__(self, outline: Outline, spec: TemplateSpec, classification: str | None) -> None:
        self.outline = outline
        self.spec = spec
        self.note_limit: int | None = None
        self.picked = outline.picked_in_order()
        self.blocks: list[DocBlock] = []
        self.sources: dict[Citation, None] = {}
        self.given_text: set[str] = set()
        self.next_list_id = 1
        self.part = ""
        details = outline.briefing
        self.metadata = DocMetadata(
            title=clean_text(details.title or outline.title),
            to=clean_text(details.to), from_=clean_text(details.from_),
            date=clean_text(details.date),
            classification=clean_text(classification or details.classification
                                      or spec.default_classification),
            file_number=clean_text(details.file_number),
            author=clean_text(details.from_),
            subject=clean_text(outline.title or details.title),
            keywords=", ".join(dict.fromkeys(
                clean_text(tag) for _, section in self.picked for tag in section.tags if tag)),
        )

    def build(self) -> BriefingDocument:
        for part in self.spec.parts:
            self.part = part
            handler = getattr(self, f"_part_{part}", None)
            if handler is None:
                log.warning("Template %s names an unknown part %r; skipped", self.spec.name, part)
                continue
            handler()
        return BriefingDocument(metadata=self.metadata, blocks=self.blocks,
                                sources=list(self.sources), template=self.spec.name,
                                page_budget=self.spec.page_budget)

    # Helpers ------------------------------------------------------------------------------

    def _add(self, block: DocBlock) -> DocBlock:
        block.part = self.part
        self.blocks.append(block)
        return block

    def _heading(self, text: str, level: int, section_id: str = "") -> DocBlock:
        return DocBlock(BlockType.HEADING, plain_runs(text), level=min(level, MAX_HEADING_LEVEL),
                        part=self.part, section_id=section_id)

    def _part_heading(self) -> None:
        self._add(self._heading(PART_HEADINGS[self.part], 1))

    def _list_id(self) -> int:
        self.next_list_id += 1
        return self.next_list_id - 1

    def _cite(self, article: Article) -> Citation:
        citation = Citation.from_article(article)
        self.sources.setdefault(citation, None)
        return citation

    def _markdown(self, text: str, base_level: int, section_id: str = "") -> list[DocBlock]:
        """Markdown written by the analyst, as blocks of this part with document-wide list ids."""
        from briefing.core.export.notes_markdown import parse_note  # imports this module

        cut = False
        if self.note_limit is not None:
            full_length = len(text)
            text, cut = cut_note(text, self.note_limit)
        blocks = parse_note(text, base_level)
        if cut:
            blocks.append(DocBlock(BlockType.PARAGRAPH, [Run(
                f"[The preview shows the first {len(text):,} of {full_length:,} characters of "
                "this note; the export holds all of it.]", italic=True)]))
        renumbered: dict[int, int] = {}
        for block in _walk(blocks):
            block.part = self.part
            block.section_id = section_id
            if block.list_id:
                if block.list_id not in renumbered:
                    renumbered[block.list_id] = self._list_id()
                block.list_id = renumbered[block.list_id]
        return blocks

    def _section_text(self, section: Section, level: int, citation: Citation | None,
                      ) -> list[DocBlock]:
        """A section's heading and its own text, without its subsections (see the module doc)."""
        heading = self._heading(section.label, level, section.id)
        heading.footnote = citation
        result = [heading]
        result.extend(self._article_blocks(section.blocks, section.id))
        self.given_text.add(section.id)
        return result

    def _article_blocks(self, blocks: list[Block], section_id: str) -> list[DocBlock]:
        result: list[DocBlock] = []
        previous: DocBlock | None = None
        for block in blocks:
            kind = _ARTICLE_KINDS.get(block.kind)
            if kind is None:  # a pull quote repeats the article's own text
                continue
            doc_block = DocBlock(kind, plain_runs(block.text), part=self.part,
                                 section_id=section_id)
            if kind in (BlockType.BULLET, BlockType.NUMBERED):
                same_list = previous is not None and previous.kind is kind
                doc_block.list_id = previous.list_id if same_list and previous else self._list_id()
            result.append(doc_block)
            previous = doc_block
        return result

    def _text_part(self, text: str) -> None:
        """A part written by the analyst in Markdown (purpose, summary...), if there is any."""
        blocks = self._markdown(text, 1) if text.strip() else []
        if blocks:
            self._part_heading()
            self.blocks.extend(blocks)

    # Parts --------------------------------------------------------------------------------

    def _part_title(self) -> None:
        if self.metadata.title:
            self._add(DocBlock(BlockType.TITLE, plain_runs(self.metadata.title)))

    def _part_details(self) -> None:
        values = self.metadata.placeholders()
        for key, label in DETAIL_LABELS:
            if values[key]:
                self._add(DocBlock(BlockType.FIELD, plain_runs(values[key]), label=label))

    def _part_purpose(self) -> None:
        self._text_part(self.outline.briefing.purpose)

    def _part_summary(self) -> None:
        self._text_part(self.outline.briefing.summary)

    def _part_bottom_line(self) -> None:
        self._text_part(self.outline.briefing.summary)

    def _part_recommendation(self) -> None:
        self._text_part(self.outline.briefing.recommendation)

    def _part_background(self) -> None:
        self._full_text_part(with_notes=False)

    def _part_reading(self) -> None:
        self._full_text_part(with_notes=True)

    def _full_text_part(self, *, with_notes: bool) -> None:
        sections = [(a, s) for a, s in self.picked if s.id not in self.given_text]
        if not sections:
            return
        self._part_heading()
        for article, section in sections:
            citation = self._cite(article)
            text = self._section_text(section, 2, citation)
            if with_notes:
                text.insert(1, DocBlock(BlockType.SOURCE_LINE, citation.runs(), part=self.part,
                                        section_id=section.id))
                if section.note.strip():
                    note = self._markdown(section.note, 2, section.id)
                    if self.spec.note_placement == "comment":
                        text[0].comment = note
                    elif self.spec.note_placement == "box":
                        text.append(DocBlock(BlockType.NOTE, children=note, part=self.part,
                                             section_id=section.id))
                    else:
                        text.append(self._heading(NOTE_HEADING, 3, section.id))
                        text.extend(note)
            self.blocks.extend(text)

    def _part_key_points(self) -> None:
        if not self.picked:
            return
        self._part_heading()
        list_id = self._list_id()
        for article, section in self.picked:
            runs = [Run(clean_text(section.label), bold=True)]
            lead = self._note_lead(section)
            if lead:
                runs.append(Run(": "))
                runs.extend(lead)
            self._add(DocBlock(BlockType.BULLET, runs, list_id=list_id,
                               footnote=self._cite(article), section_id=section.id))

    def _note_lead(self, section: Section) -> list[Run]:
        """The first sentence of the section's note, keeping its formatting."""
        from briefing.core.export.notes_markdown import parse_note  # imports this module

        note = section.note
        if self.note_limit is not None:
            note = cut_note(note, self.note_limit)[0]
        for block in parse_note(note):
            if block.runs and block.kind is not BlockType.HEADING:
                return _cut_after_first_sentence(block.runs)
        return []

    def _part_considerations(self) -> None:
        noted = [(a, s) for a, s in self.picked if s.note.strip()]
        if not noted:
            return
        self._part_heading()
        for _, section in noted:
            self._add(self._heading(section.label, 2, section.id))
            self.blocks.extend(self._markdown(section.note, 2, section.id))

    def _part_sources(self) -> None:
        if not self.sources:
            return
        self._part_heading()
        list_id = self._list_id()
        for citation in self.sources:
            self._add(DocBlock(BlockType.SOURCE, citation.runs(), list_id=list_id))


def _cut_after_first_sentence(runs: list[Run]) -> list[Run]:
    """``runs`` up to the end of their first sentence.

    A line break after a sentence's end, a colon or a semicolon also ends it; one in the middle
    of a sentence (a note typed with hard-wrapped lines) reads as a space.
    """
    result: list[Run] = []
    for run in runs:
        if run.is_break:
            if not result or result[-1].text.rstrip().endswith((".", "!", "?", ":", ";")):
                break
            result.append(Run(" "))
            continue
        if result and result[-1].text.endswith((".", "!", "?")) and run.text[:1].isspace():
            break
        match = None if run.code or run.url else _SENTENCE_END.search(run.text)
        if match:
            result.append(replace(run, text=run.text[:match.end()].rstrip()))
            break
        result.append(run)
    return result
