"""Building the intermediate form of a briefing note (its types: :mod:`.intermediate`), once.

Every output walks this one form: the .docx writer, the Markdown and HTML exporters, the PDF
writer and the app's live preview. A quirk of one format stays inside its writer; nothing here
knows about Word, HTML or Qt.

Choices ``build_document`` makes where the outline leaves room:

- A picked section brings its own text only: its heading and its blocks. A subsection comes
  into the note only when it is picked itself, and then on its own, at its place in the
  briefing's order (picking a section "with its subsections" picks each of them). So no text
  is ever given twice, and an unpicked subsection is never given at all.
- An excerpt takes its place in the order like a picked section, numbered the same way: its
  heading names the section it comes from ("Paying for defence (excerpt)"), its text is the
  quoted passage only, with "…" where it starts or ends inside a sentence, and its note and
  tags are its own. An orphaned excerpt (its text is no longer in the article) gives the text
  it quoted. Where a whole section gives only its heading (a key point, a template's item), an
  excerpt gives its words too, from the same blocks, in quotation marks.
- Pull quotes are left out of sections: a pull quote repeats a sentence of the article's own
  text. One the analyst picked as an excerpt is given, as a quote.
- Each excerpt cites its article through a ``footnote`` on the excerpt's heading block; key points
  carry the same footnote on their bullet. ``sources`` lists the cited articles, first cited first.
  The first footnote citing an article is full; a later one is "Ibid." (in the template's
  language) when the footnote just before it cites the same article, and else ``short``
  ("Smith, “Title”"). The analyst's own footnotes (``[^1]`` in a note) share the numbering, so
  one between two citations of an article makes the second short, not "Ibid.": "Ibid." always
  means the footnote just above it, in every output (a note shown as a Word comment, where its
  footnotes are bracketed text, counts the same, so all outputs cite alike).
- A picked section is numbered by its place in the briefing's order (1, 2, 3...), wherever it
  appears, not by its number in the article.
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
from dataclasses import replace
from typing import TYPE_CHECKING

from briefing.core.anchoring import excerpt_blocks, sections_by_id
from briefing.core.collector import paused_collection
from briefing.core.dates import document_date
from briefing.core.export.intermediate import (
    LINE_BREAK,
    MAX_HEADING_LEVEL,
    SAFE_SCHEMES,
    BlockType,
    BriefingDocument,
    Citation,
    DocBlock,
    DocMetadata,
    Run,
    clean_text,
    comment_placements,
    cut_note,
    ibid_word,
    is_safe_url,
    walk_blocks,
)
from briefing.core.export.notes_markdown import parse_note
from briefing.core.export.template_context import TemplateItem, field_values
from briefing.core.model import Article, Block, BlockKind, Excerpt, Outline, Section
from briefing.core.pauses import Pause

if TYPE_CHECKING:
    from briefing.core.templates import TemplateSpec

__all__ = [  # the intermediate form's names are offered here too, beside its builder
    "DETAIL_LABELS", "LINE_BREAK", "MAX_HEADING_LEVEL", "NOTE_HEADING", "PART_HEADINGS",
    "SAFE_SCHEMES", "BlockType", "BriefingDocument", "Citation", "DocBlock", "DocMetadata",
    "Run", "build_document", "clean_text", "comment_placements", "first_sentence",
    "is_safe_url", "plain_runs", "walk_blocks"]

log = logging.getLogger(__name__)

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
    ("to", "To"), ("from", "From"), ("date", "Date"), ("file_number", "File number"),
    ("action_required", "Action required"), ("drafted_by", "Drafted by"),
    ("approved_by", "Approved by"))
"""The rows of the details block, each shown only when filled in; ``drafted_by`` is the
drafter's name, unit and contact in one row. Caveats go with the marking (``metadata.marking``)."""

_ARTICLE_KINDS = {
    BlockKind.PARAGRAPH: BlockType.PARAGRAPH,
    BlockKind.BULLET: BlockType.BULLET,
    BlockKind.NUMBERED: BlockType.NUMBERED,
    BlockKind.QUOTE: BlockType.QUOTE,
}

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s")


TEXT_PARTS = ("purpose", "summary", "recommendation")
"""Parts written by the analyst that a template can also name as fields (plain text)."""


def _plain_paragraphs(markdown: str) -> tuple[str, ...]:
    """Markdown written by the analyst as the plain text of its paragraphs."""
    if not markdown.strip():
        return ()
    return _plain_text(parse_note(markdown))


def _plain_text(blocks: list[DocBlock]) -> tuple[str, ...]:
    return tuple(text for block in walk_blocks(blocks)
                 if (text := " ".join(clean_text(block.text()).split())))


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (all of it when it has one sentence)."""
    match = _SENTENCE_END.search(text)
    return text[:match.end()].strip() if match else text.strip()


def plain_runs(text: str) -> list[Run]:
    """Article text as runs: no formatting, XML-safe, newlines as line breaks."""
    text = clean_text(text)
    if "\n" not in text and "\r" not in text:  # one line, as most paragraphs are
        return [Run(text)] if text else []
    runs: list[Run] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for index, line in enumerate(lines):
        if index:
            runs.append(LINE_BREAK)
        if line:
            runs.append(Run(line))
    return runs


EXCERPT_MARK = "(excerpt)"
"""What follows the source section's heading in an excerpt's heading."""


def excerpt_as_section(article: Article, excerpt: Excerpt,
                       sections: dict[str, Section] | None = None) -> Section:
    """The excerpt in the shape of a picked section, so every part of the note treats the two
    alike: the heading of the section it comes from (the article's title for its lead), its
    quoted text, its own note and tags.

    ``sections``: the article's sections by id, when the caller turns many excerpts.
    """
    if sections is None:
        sections = sections_by_id(article)
    home = sections.get(excerpt.anchor.section_id)
    heading = f"{home.heading or 'Excerpt'} {EXCERPT_MARK}" if home is not None \
        else f"Excerpt {EXCERPT_MARK}"  # (the lead's heading is the article's title)
    blocks = [Block(BlockKind.QUOTE, block.text) if block.kind is BlockKind.PULL_QUOTE
              else block for block in excerpt_blocks(article, excerpt, sections)]
    return Section(id=excerpt.id, heading=heading, blocks=blocks, picked=True,
                   note=excerpt.note, tags=list(excerpt.tags))


def build_document(outline: Outline, spec: TemplateSpec,
                   classification: str | None = None, *,
                   note_limit: int | None = None,
                   pause: Pause | None = None) -> BriefingDocument:
    """Turn the outline's briefing into the intermediate form for the template ``spec``.

    ``classification`` overrides the one the briefing names; without either the template's
    default marking is used. ``note_limit`` (for a live preview, never an export) keeps only
    the first that many characters of a longer note, followed by a line that says so.
    ``pause`` is called for each entry and block (see :mod:`briefing.core.pauses`).

    The cyclic collector is paused meanwhile: a large briefing is a few hundred thousand new
    objects, and each collection on the way would walk them all again (and the outline).
    """
    with paused_collection():
        builder = _Builder(outline, spec, classification, pause)
        builder.note_limit = note_limit
        return builder.build()


class _Builder:
    """Holds what building one document needs: list numbering, what is cited, what is given."""

    def __init__(self, outline: Outline, spec: TemplateSpec, classification: str | None,
                 pause: Pause | None = None) -> None:
        self.outline = outline
        self.spec = spec
        self.pause = pause
        self.note_limit: int | None = None
        self.plain_notes: dict[str, tuple[str, ...]] = {}
        """Notes as plain paragraphs, by their Markdown (each note is parsed once)."""
        self.picked = _entries_as_sections(outline, pause)
        self.excerpt_ids = {excerpt.id for article in outline.articles
                            for excerpt in article.excerpts}
        self.blocks: list[DocBlock] = []
        self.sources: dict[Citation, None] = {}
        self.citations: dict[int, Citation] = {}
        """Each article's citation, made once (a date in words is slow to write)."""
        self.source_runs: dict[int, list[Run]] = {}
        """Each citation's source line, by the citation's id (the citation is kept above)."""
        self.given_text: set[str] = set()
        self.next_list_id = 1
        self.part = ""
        self.numbers = {section.id: number
                        for number, (_, section) in enumerate(self.picked, start=1)}
        details = outline.briefing
        self.metadata = DocMetadata(
            title=clean_text(details.title or outline.title),
            to=clean_text(details.to), from_=clean_text(details.from_),
            date=self._date(details.date),
            classification=clean_text(classification or details.classification
                                      or spec.default_classification),
            file_number=clean_text(details.file_number),
            author=clean_text(details.from_),
            subject=clean_text(outline.title or details.title),
            keywords=", ".join(dict.fromkeys(
                clean_text(tag) for _, section in self.picked for tag in section.tags if tag)),
            language=spec.language,
            date_value=clean_text(details.date),
            fields={**{key: clean_text(value) for key, value in field_values(details).items()},
                    **{key: " ".join(_plain_paragraphs(getattr(details, key)))
                       for key in TEXT_PARTS}},
        )

    def build(self) -> BriefingDocument:
        for part in self.spec.parts:
            self.part = part
            handler = getattr(self, f"_part_{part}", None)
            if handler is None:
                log.warning("Template %s names an unknown part %r; skipped", self.spec.name, part)
                continue
            handler()
        _mark_repeated_citations(self.blocks, ibid_word(self.spec.language))
        preview = self.note_limit is not None
        return BriefingDocument(metadata=self.metadata, blocks=self.blocks,
                                sources=list(self.sources), template=self.spec.name,
                                page_budget=self.spec.page_budget,
                                items=[] if preview else self._items(),
                                item_source=self._items if preview else None)

    def _items(self) -> list[TemplateItem]:
        """The picked sections for a template's loops (no citation is added to Sources).

        A preview's (``note_limit``) are made only when its page fit asks, with its notes cut
        as the preview cuts them.
        """
        items = []
        citations: dict[int, Citation] = {}  # by article: most items share a few
        for number, (article, section) in enumerate(self.picked, start=1):
            citation = citations.get(id(article))
            if citation is None:
                citation = Citation.from_article(article)
                citation = citations[id(article)] = replace(citation,
                                                            date=self._date(citation.date))
            items.append(TemplateItem(
                number=number, id=section.id, heading=clean_text(section.heading),
                label=clean_text(section.label),
                paragraphs=tuple(clean_text(block.text) for block in section.blocks
                                 if block.kind in _ARTICLE_KINDS),
                note_paragraphs=self._plain_note(section.note if self.note_limit is None
                                                 else cut_note(section.note,
                                                               self.note_limit)[0]),
                tags=tuple(clean_text(tag) for tag in section.tags if tag),
                citation=citation.text(), article=citation.title, url=citation.url,
                source_number=section.number, excerpt=section.id in self.excerpt_ids,
                author=citation.author, publisher=citation.publisher, date=citation.date))
        return items

    def _excerpt_words(self, section: Section) -> list[Run]:
        """An excerpt's text, "…" marks kept, each paragraph on a line of its own (joined,
        one without a final full stop ran into the next); empty for a whole section, whose
        text is too long to quote where only its heading goes (a key point)."""
        if section.id not in self.excerpt_ids:
            return []
        runs: list[Run] = []
        for block in section.blocks:
            words = " ".join(clean_text(block.text).split())
            if block.kind in _ARTICLE_KINDS and words:
                runs.extend((LINE_BREAK, Run(words)) if runs else (Run(words),))
        return runs

    # Helpers ------------------------------------------------------------------------------

    def _plain_note(self, markdown: str) -> tuple[str, ...]:
        if markdown not in self.plain_notes:
            self.plain_notes[markdown] = _plain_paragraphs(markdown)
        return self.plain_notes[markdown]

    def _add(self, block: DocBlock) -> DocBlock:
        if self.pause is not None:
            self.pause()
        block.part = self.part
        self.blocks.append(block)
        return block

    def _heading(self, text: str, level: int, section_id: str = "") -> DocBlock:
        return DocBlock(BlockType.HEADING, plain_runs(text), level=min(level, MAX_HEADING_LEVEL),
                        part=self.part, section_id=section_id)

    def _label(self, section: Section) -> str:
        """The section's heading numbered by the briefing: ``2. Deterrence``."""
        return f"{self.numbers[section.id]}. {section.heading}"

    def _part_heading(self) -> None:
        self._add(self._heading(PART_HEADINGS[self.part], 1))

    def _list_id(self) -> int:
        self.next_list_id += 1
        return self.next_list_id - 1

    def _date(self, text: str) -> str:
        """A stored date in the template's written form (typed text that is not ISO as is)."""
        return clean_text(document_date(text, self.spec.date_format, self.spec.language))

    def _cite(self, article: Article) -> Citation:
        citation = self.citations.get(id(article))
        if citation is None:
            citation = Citation.from_article(article)
            citation = replace(citation, date=self._date(citation.date))
            self.citations[id(article)] = citation
            # Sources lists citations as first cited: an article's first citation is now.
            self.sources.setdefault(citation, None)
        return citation

    def _source_line(self, citation: Citation, section_id: str) -> DocBlock:
        """The one-line source under a section or excerpt in the reading part (its runs are
        written once per citation)."""
        runs = self.source_runs.get(id(citation))
        if runs is None:
            runs = self.source_runs[id(citation)] = citation.runs()
        return DocBlock(BlockType.SOURCE_LINE, list(runs), part=self.part, section_id=section_id)

    def _markdown(self, text: str, base_level: int, section_id: str = "") -> list[DocBlock]:
        """Markdown written by the analyst, as blocks of this part with document-wide list ids."""

        cut = False
        if self.note_limit is not None:
            full_length = len(text)
            text, cut = cut_note(text, self.note_limit)
        blocks = parse_note(text, base_level)
        if not cut:
            self.plain_notes.setdefault(text, _plain_text(blocks))
        if cut:
            blocks.append(DocBlock(BlockType.PARAGRAPH, [Run(
                f"[The preview shows the first {len(text):,} of {full_length:,} characters of "
                "this note; the export holds all of it.]", italic=True)]))
        renumbered: dict[int, int] = {}
        for block in walk_blocks(blocks):
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
        heading = self._heading(self._label(section), level, section.id)
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
        second = self.metadata.fields.get("second_title", "")
        if second.strip():
            self._add(DocBlock(BlockType.SUBTITLE, plain_runs(" ".join(second.split()))))

    def _part_details(self) -> None:
        values = self.metadata.placeholders()
        values["drafted_by"] = ", ".join(
            " ".join(value.split()) for key in ("drafted_by_name", "drafted_by_unit",
                                                "drafted_by_contact") if (value := values[key]))
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
                text.insert(1, self._source_line(citation, section.id))
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
            runs = [Run(clean_text(self._label(section)), bold=True)]
            words = self._excerpt_words(section)
            if words:
                runs.extend((Run(": \u201c"), *words, Run("\u201d")))
            lead = self._note_lead(section)
            if lead:
                runs.append(Run(" " if words else ": "))
                runs.extend(lead)
            self._add(DocBlock(BlockType.BULLET, runs, list_id=list_id,
                               footnote=self._cite(article), section_id=section.id))

    def _note_lead(self, section: Section) -> list[Run]:
        """The first sentence of the section's note, keeping its formatting."""

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
            self._add(self._heading(self._label(section), 2, section.id))
            self.blocks.extend(self._markdown(section.note, 2, section.id))

    def _part_sources(self) -> None:
        if not self.sources:
            return
        self._part_heading()
        list_id = self._list_id()
        for citation in self.sources:
            self._add(DocBlock(BlockType.SOURCE, citation.runs(), list_id=list_id))


def _entries_as_sections(outline: Outline, pause: Pause | None = None
                         ) -> list[tuple[Article, Section]]:
    """The briefing's entries in order, each excerpt in the shape of a section."""
    found: dict[int, dict[str, Section]] = {}
    result: list[tuple[Article, Section]] = []
    for article, item in outline.entries_in_order():
        if pause is not None:
            pause()
        if isinstance(item, Excerpt):
            sections = found.get(id(article))
            if sections is None:
                sections = found[id(article)] = sections_by_id(article)
            item = excerpt_as_section(article, item, sections)
        result.append((article, item))
    return result


def _mark_repeated_citations(blocks: list[DocBlock], ibid: str) -> None:
    """A footnote citing the same article as the footnote just before it becomes ``ibid``;
    one citing an article cited earlier (but not just before) takes the short form.

    Footnotes come in the order writers number them: a block's own note footnotes (in its
    runs and table cells) before the citation mark at its end, then its comment's and its
    children's blocks.
    """
    cited: set[Citation] = set()
    previous: Citation | None = None  # the footnote just before; None after the analyst's own
    # Each article's citation is one object: its "Ibid." and short forms are made once each.
    forms: dict[tuple[int, bool], tuple[Citation, Citation]] = {}
    for block in walk_blocks(blocks):
        if _holds_note_footnote(block):
            previous = None
        citation = block.footnote
        if citation is None:
            continue
        repeated = citation == previous
        if repeated or citation in cited:
            key = (id(citation), repeated)
            form = forms.get(key)
            if form is None or form[0] is not citation:
                form = forms[key] = (citation, replace(citation, ibid=ibid) if repeated
                                     else replace(citation, short=True))
            block.footnote = form[1]
        cited.add(citation)
        previous = citation


def _holds_note_footnote(block: DocBlock) -> bool:
    """Whether the block's text or table cells mark a footnote of the analyst's own."""
    for run in block.runs:
        if run.footnote is not None:
            return True
    return any(run.footnote is not None
               for row in block.rows for cell in row for run in cell)


def _cut_after_first_sentence(runs: list[Run]) -> list[Run]:
    """``runs`` up to the end of their first sentence.

    A line break after a sentence's end, a colon or a semicolon also ends it; one in the middle
    of a sentence (a note typed with hard-wrapped lines) reads as a space.
    """
    result: list[Run] = []
    for run in runs:
        # A footnote's mark belongs to the sentence before it; the text before the mark says
        # whether that sentence has ended.
        last = next((r.text for r in reversed(result) if r.footnote is None), "")
        if run.is_break:
            if not result or last.rstrip().endswith((".", "!", "?", ":", ";")):
                break
            result.append(Run(" "))
            continue
        if result and last.endswith((".", "!", "?")) and run.text[:1].isspace():
            break
        if run.footnote is not None:
            result.append(run)
            continue
        match = None if run.code or run.url else _SENTENCE_END.search(run.text)
        if match:
            result.append(replace(run, text=run.text[:match.end()].rstrip()))
            break
        result.append(run)
    return result
