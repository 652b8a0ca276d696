"""The intermediate form of a briefing note: typed blocks with inline runs.

:mod:`briefing.core.export.document` builds it from the outline (the analyst's notes through
:mod:`briefing.core.export.notes_markdown`), and every writer walks it. It lives apart from the
builder so the note parser can make blocks without importing the builder that calls it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from briefing.core.export.template_context import TemplateItem
from briefing.core.model import Article, format_citation

MAX_HEADING_LEVEL = 6
"""The deepest heading level a note's block may have."""

# Characters XML 1.0 forbids (C0 controls except tab, newline and carriage return; lone
# surrogates; U+FFFE and U+FFFF). Word refuses a file holding any of them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ILLEGAL_ASCII = bytes(code for code in range(32) if chr(code) not in "\t\n\r")
"""The forbidden characters plain ASCII text can hold, as bytes to delete."""


def clean_text(text: str) -> str:
    """``text`` without the characters an XML document cannot hold (any writer may use this).

    Plain ASCII text, most of what an outline holds, is checked by deleting the forbidden
    bytes from its encoding: the same answer as the pattern, in a fifth of the time.
    """
    if text.isascii():
        data = text.encode("ascii")
        if len(data.translate(None, _ILLEGAL_ASCII)) == len(data):
            return text
    return _XML_ILLEGAL.sub("", text)


def cut_note(text: str, limit: int) -> tuple[str, bool]:
    """The first part of a note longer than ``limit`` (ending at a line end where one is near)
    and whether it was cut."""
    if len(text) <= limit:
        return text, False
    end = text.rfind("\n", 0, limit)
    return text[:end if end > limit // 2 else limit], True


class BlockType(StrEnum):
    """What a block of the note is; each writer maps these onto its own styles."""

    TITLE = "title"
    """The note's title (``runs``)."""
    SUBTITLE = "subtitle"
    """The title in the note's second language, right under the title."""
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
    TABLE = "table"
    """A table from a note: its cells in ``rows``; the first row is the header row."""
    RULE = "rule"
    """A horizontal rule (``---`` in a note); it has no runs."""


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting. A line break is a run whose text is ``"\\n"``."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    url: str | None = None
    """A link target (only http, https and mailto ever get here)."""
    strike: bool = False
    footnote: tuple[Run, ...] | None = None
    """A note's own footnote (``[^1]``): this run is only its mark (``text`` is the label as
    typed); the footnote's text is these runs. Writers number footnotes themselves."""

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
    short: bool = field(default=False, compare=False)
    """Cite in the short form (the source was cited in full by an earlier footnote); the
    citation stays equal to its full form, so Sources lists it once."""
    ibid: str = field(default="", compare=False)
    """The word ("Ibid.") that stands for this citation when the footnote just before cites
    the same source; empty when it does not. Equality ignores it, as it does :attr:`short`."""

    @classmethod
    def from_article(cls, article: Article) -> Citation:
        return cls(author=clean_text(article.author), title=clean_text(article.title),
                   publisher=clean_text(article.publisher), date=clean_text(article.date),
                   url=clean_text(article.url))

    def text(self) -> str:
        """Author, “title”, publisher, date, url: the parts that are known."""
        return format_citation(self.author, self.title, self.publisher, self.date, self.url)

    def short_text(self) -> str:
        """Author and short title (``Smith, “Short title”``); without an author, the short
        title and publisher in the full form's order (``“Short title”, Harbour Weekly``), so
        a reader finds the short note's first words at the head of the full one."""
        title = short_title(self.title)
        quoted = f"\u201c{title}\u201d" if title else ""
        parts = [self.author, quoted] if self.author else [quoted, self.publisher]
        return ", ".join(part for part in parts if part) or self.url

    def runs(self) -> list[Run]:
        """The citation as runs, the url as a link when it is a web address; the short form
        (no link) when :attr:`short` and there is an author, publisher or title to name;
        only :attr:`ibid` when it is set."""
        if self.ibid:
            return [Run(self.ibid)]
        if self.short and (self.author or self.publisher or self.title):
            return [Run(self.short_text())]
        head = format_citation(self.author, self.title, self.publisher, self.date)
        if not self.url:
            return [Run(head)]
        link = Run(self.url, url=self.url if is_safe_url(self.url) else None)
        return [Run(head + ", "), link] if head else [link]


SHORT_TITLE_WORDS = 5
"""A short title is the title before any subtitle, cut (with an ellipsis) when longer."""


def short_title(title: str) -> str:
    """The title without its subtitle, its first words only when it is long."""
    main = re.split(r":\s|\s[\u2013\u2014-]\s", title, maxsplit=1)[0].strip()
    words = main.split()
    if len(words) <= SHORT_TITLE_WORDS:
        return " ".join(words)
    return " ".join(words[:SHORT_TITLE_WORDS - 1]).rstrip(",;:.") + "\u2026"


IBID = {"de": "Ebd."}
"""The word for "the source of the footnote just before", by language where it is not the
Latin "Ibid." (which English, French, Spanish and Dutch notes use alike)."""


def ibid_word(language: str) -> str:
    """The word for "Ibid." in ``language`` (a Babel locale such as ``de_AT``): the Latin
    "Ibid." unless :data:`IBID` gives the language a word of its own."""
    return IBID.get(language.split("_")[0].lower(), "Ibid.")


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
    rows: list[list[list[Run]]] = field(default_factory=list)
    """A ``TABLE``'s cells, row by row, each cell as runs; every row has the same length."""

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
    language: str = ""
    """The template's language as a Babel locale (``en``, ``fr_CA``); empty when unknown."""
    date_value: str = ""
    """The date as stored (ISO when it could be read), for a template's ``date`` filter."""
    fields: dict[str, str] = field(default_factory=dict)
    """The note's other fields by placeholder name (``action_required``, ``approved_by``...)."""

    @property
    def marking(self) -> str:
        """The classification with any security caveats (``OFFICIAL-SENSITIVE – UK EYES
        ONLY``): a caveat limits who may see the note, so it goes wherever the marking does."""
        caveats = self.fields.get("caveats", "")
        return f"{self.classification} \u2013 {caveats}" if caveats and self.classification \
            else self.classification or caveats

    def placeholders(self) -> dict[str, str]:
        """Values for the template's ``{{ name }}`` placeholders, by name."""
        return {"title": self.title, "to": self.to, "from": self.from_, "date": self.date,
                "classification": self.classification, "file_number": self.file_number,
                **self.fields}


@dataclass
class BriefingDocument:
    """A briefing note ready to write: metadata, blocks in order, and the cited sources."""

    metadata: DocMetadata
    blocks: list[DocBlock] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)
    """The cited articles, each once, in the order they are first cited."""
    template: str = ""
    page_budget: float | None = None
    items: list[TemplateItem] = field(default_factory=list)
    """The picked sections in the briefing's order, for a template's loops."""
    item_source: Callable[[], list[TemplateItem]] | None = field(default=None, repr=False,
                                                                  compare=False)
    """Makes :attr:`items` on first use (a preview's document, whose items only the page fit
    of a template with loops needs)."""

    def template_items(self) -> list[TemplateItem]:
        """:attr:`items`, made now if the document was built without them."""
        if self.item_source is not None:
            source, self.item_source = self.item_source, None
            self.items = source()
        return self.items

    def walk(self) -> Iterator[DocBlock]:
        """Every block; a boxed note's and a comment's blocks follow the block holding them."""
        yield from walk_blocks(self.blocks)

    def footnotes(self) -> list[Citation]:
        """The citation footnotes in order of appearance (a note's own footnotes, which are
        runs, are not among them)."""
        return [block.footnote for block in self.walk() if block.footnote is not None]


def walk_blocks(blocks: list[DocBlock]) -> Iterator[DocBlock]:
    """Each block, then the blocks of its comment and its children, depth first."""
    for block in blocks:
        yield block
        if block.comment:
            yield from walk_blocks(block.comment)
        if block.children:
            yield from walk_blocks(block.children)


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
