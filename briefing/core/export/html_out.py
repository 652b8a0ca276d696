"""The briefing note as HTML, walked from the intermediate form.

The same HTML serves the HTML export, the PDF (through Qt's rich text) and the app's live preview
in a ``QTextBrowser``, so it keeps to what Qt's rich text understands: h1-h6, p, ul/ol/li,
blockquote, pre, table, b/i/code/a, sup, and a small style sheet of simple selectors. Every text
and attribute is escaped; only http, https and mailto links become ``<a href>``.

Lengths in the style sheet are in pixels (Qt's rich text reads margins only in pixels); the PDF
writer lays the text out at 96 dots per inch so a pixel is the same there as on screen.

A picked section's first heading carries an anchor named after the section's id, so a viewer can
scroll to it (``QTextBrowser.scrollToAnchor("s12")``).

Footnotes (citations, and the analyst's own ``[^1]`` notes) are superscript numbers linking to a
numbered list at the end of the note. A note's table is a bordered table with a header row.
A boxed note is a one-cell bordered table (Qt draws no borders around a div); a note meant as a
Word comment is the same box after the text it is anchored on (a heading's whole excerpt).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from briefing.core.export.document import (
    MAX_HEADING_LEVEL,
    NOTE_HEADING,
    BlockType,
    BriefingDocument,
    DocBlock,
    DocMetadata,
    Run,
    comment_placements,
    is_safe_url,
)

STYLESHEET = """
body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; font-size: 11pt;
       color: #1a1a1a; }
h1 { font-size: 20pt; margin-top: 0px; margin-bottom: 10px; }
h2 { font-size: 14pt; margin-top: 18px; margin-bottom: 6px; color: #1f3864; }
h3 { font-size: 12pt; margin-top: 14px; margin-bottom: 5px; }
h4, h5, h6 { font-size: 11pt; margin-top: 10px; margin-bottom: 4px; }
p { margin-top: 0px; margin-bottom: 8px; }
li { margin-bottom: 3px; }
blockquote { margin-left: 24px; color: #444444; font-style: italic; }
code, pre { font-family: 'Liberation Mono', 'Courier New', monospace; font-size: 10pt; }
pre { background-color: #f4f4f4; }
table.details { margin-bottom: 8px; }
table.details th { text-align: left; padding-right: 16px; }
table.note-table { border-color: #bfbfbf; margin-top: 4px; margin-bottom: 10px; }
table.note-table th { text-align: left; background-color: #f2f2f2; }
table.note { background-color: #fff8dc; border-color: #c8b560; margin-top: 4px;
             margin-bottom: 10px; }
p.note-label { font-weight: bold; color: #6b5a10; }
p.subtitle { font-size: 13pt; color: #595959; margin-top: -4px; margin-bottom: 12px; }
p.classification { text-align: center; font-weight: bold; color: #a00000; }
p.source { font-size: 9pt; color: #555555; }
p.footnote { font-size: 9pt; margin-bottom: 2px; }
a { color: #1f4e9c; }
"""

_LIST_TAGS = {BlockType.BULLET: "ul", BlockType.NUMBERED: "ol", BlockType.SOURCE: "ol"}


def esc(text: str) -> str:
    """Text escaped for HTML content and attribute values."""
    return html.escape(text, quote=True)


FootnoteMark = Callable[[list[Run]], str]
"""Gives the HTML of the mark for a note's own footnote (its runs), numbering it."""


def inline(runs: list[Run], mark: FootnoteMark | None = None) -> str:
    """Runs as inline HTML; a line break is ``<br/>``. A note's footnote is ``mark``'s HTML,
    or without ``mark`` its text in brackets."""
    out: list[str] = []
    for run in runs:
        if run.is_break:
            out.append("<br/>")
            continue
        if run.footnote is not None:
            out.append(mark(list(run.footnote)) if mark is not None
                       else f" ({inline(list(run.footnote))})")
            continue
        text = esc(run.text)
        if run.strike:
            text = f"<s>{text}</s>"
        if run.code:
            text = f"<code>{text}</code>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        if run.url and is_safe_url(run.url):
            text = f'<a href="{esc(run.url.strip())}">{text}</a>'
        out.append(text)
    return "".join(out)


@dataclass
class _OpenList:
    tag: str
    list_id: int
    item_open: bool = False


class _Writer:
    def __init__(self, doc: BriefingDocument, *, markings: bool) -> None:
        self.doc = doc
        self.markings = markings
        self.out: list[str] = []
        self.footnotes: list[list[Run]] = []
        """Each footnote's text, citations and the analyst's own notes in one numbering."""
        self.lists: list[_OpenList] = []
        """Open lists, innermost last."""
        self.in_details = False
        self.anchored: set[str] = set()

    def render_body(self) -> str:
        marking = self.doc.metadata.marking if self.markings else ""
        if marking:
            self.out.append(f'<p class="classification">{esc(marking)}</p>')
        self.blocks(self.doc.blocks)
        self.close_lists()
        self.close_details()
        if self.footnotes:
            self.out.append('<hr/>')
            for number, runs in enumerate(self.footnotes, start=1):
                self.out.append(f'<p class="footnote"><a name="fn{number}"></a>'
                                f'<sup>{number}</sup> {inline(runs)}</p>')
        if marking:
            self.out.append(f'<p class="classification">{esc(marking)}</p>')
        return "\n".join(self.out)

    def blocks(self, blocks: list[DocBlock]) -> None:
        comments = comment_placements(blocks)
        for index, block in enumerate(blocks):
            self.block(block)
            for comment in comments.get(index, ()):
                self.close_lists()
                self.close_details()
                self.note_box(comment)

    def footnote_mark(self, runs: list[Run]) -> str:
        """Number a footnote and give its superscript link."""
        self.footnotes.append(runs)
        number = len(self.footnotes)
        return f'<sup><a href="#fn{number}">{number}</a></sup>'

    def marked(self, block: DocBlock) -> str:
        text = inline(block.runs, self.footnote_mark)
        if block.footnote is not None:
            text += self.footnote_mark(block.footnote.runs())
        return text

    def table(self, block: DocBlock) -> None:
        self.out.append('<table class="note-table" border="1" cellspacing="0" cellpadding="4">')
        for number, cells in enumerate(block.rows):
            tag = "th" if number == 0 else "td"
            self.out.append("<tr>" + "".join(f"<{tag}>{inline(cell, self.footnote_mark)}</{tag}>"
                                             for cell in cells) + "</tr>")
        self.out.append("</table>")

    def block(self, block: DocBlock) -> None:
        kind = block.kind
        if kind in _LIST_TAGS:
            self.close_details()
            self.list_item(block)
            return
        self.close_lists()
        if kind is BlockType.FIELD:
            if not self.in_details:
                self.out.append('<table class="details" cellspacing="0" cellpadding="2">')
                self.in_details = True
            self.out.append(f"<tr><th>{esc(block.label)}:</th><td>{self.marked(block)}</td></tr>")
            return
        self.close_details()
        if kind is BlockType.TITLE:
            self.out.append(f'<h1 class="title">{self.marked(block)}</h1>')
        elif kind is BlockType.SUBTITLE:
            self.out.append(f'<p class="subtitle">{self.marked(block)}</p>')
        elif kind is BlockType.HEADING:
            level = min(block.level + 1, MAX_HEADING_LEVEL)
            self.out.append(f"<h{level}>{self.anchor(block)}{self.marked(block)}</h{level}>")
        elif kind is BlockType.QUOTE:
            depth = block.level + 1
            self.out.append("<blockquote>" * depth + f"<p>{self.marked(block)}</p>"
                            + "</blockquote>" * depth)
        elif kind is BlockType.CODE:
            code = "".join("\n" if run.is_break else esc(run.text) for run in block.runs)
            self.out.append(f"<pre>{code}</pre>")
        elif kind is BlockType.SOURCE_LINE:
            self.out.append(f'<p class="source">Source: {self.marked(block)}</p>')
        elif kind is BlockType.NOTE:
            self.note_box(block.children)
        elif kind is BlockType.TABLE:
            self.table(block)
        elif kind is BlockType.RULE:
            self.out.append("<hr/>")
        else:
            self.out.append(f"<p>{self.marked(block)}</p>")

    def anchor(self, block: DocBlock) -> str:
        """``<a name="s12">`` on a section's first heading, for the preview to scroll to."""
        if not block.section_id or block.section_id in self.anchored:
            return ""
        self.anchored.add(block.section_id)
        return f'<a name="{esc(block.section_id)}"></a>'

    def list_item(self, block: DocBlock) -> None:
        tag = _LIST_TAGS[block.kind]
        if self.lists and self.lists[0].list_id != block.list_id:
            self.close_lists()
        depth = block.level + 1
        while len(self.lists) > depth:
            self.close_list()
        if len(self.lists) == depth and self.lists[-1].tag != tag:
            self.close_list()
        if len(self.lists) == depth and self.lists[-1].item_open:
            self.out.append("</li>")
            self.lists[-1].item_open = False
        while len(self.lists) < depth:
            self.out.append(f"<{tag}>")
            self.lists.append(_OpenList(tag, block.list_id))
        self.out.append(f"<li>{self.marked(block)}")
        self.lists[-1].item_open = True

    def close_list(self) -> None:
        closing = self.lists.pop()
        self.out.append(("</li>" if closing.item_open else "") + f"</{closing.tag}>")

    def close_lists(self) -> None:
        while self.lists:
            self.close_list()

    def close_details(self) -> None:
        if self.in_details:
            self.out.append("</table>")
            self.in_details = False

    def note_box(self, blocks: list[DocBlock]) -> None:
        self.out.append('<table class="note" border="1" cellspacing="0" cellpadding="6" '
                        'width="100%"><tr><td>')
        self.out.append(f'<p class="note-label">{esc(NOTE_HEADING)}</p>')
        saved, self.lists = self.lists, []
        self.blocks(blocks)
        self.close_lists()
        self.lists = saved
        self.out.append("</td></tr></table>")


def language_tag(locale_name: str) -> str:
    """A Babel locale name as the web's language tag: ``en_GB`` -> ``en-GB``."""
    return locale_name.replace("_", "-")


def render_blocks(blocks: list[DocBlock]) -> str:
    """Blocks alone as body HTML, escaped like the rest (e.g. one note for its own preview)."""
    writer = _Writer(BriefingDocument(DocMetadata(), blocks=blocks), markings=False)
    return writer.render_body()


def render_html(doc: BriefingDocument, *, standalone: bool = True, markings: bool = True) -> str:
    """The note as HTML: a whole page with its style sheet, or (``standalone=False``) the body only.

    The body alone suits a viewer that applies its own style sheet, such as ``QTextBrowser``
    with ``document().setDefaultStyleSheet(STYLESHEET)``. ``markings=False`` leaves out the
    classification lines at the top and bottom, for a writer that marks every page itself.
    """
    body = _Writer(doc, markings=markings).render_body()
    if not standalone:
        return body
    title = esc(doc.metadata.title or "Briefing note")
    meta = [f'<meta name="{name}" content="{esc(value)}"/>' for name, value in (
        ("author", doc.metadata.author), ("description", doc.metadata.subject),
        ("keywords", doc.metadata.keywords), ("classification", doc.metadata.marking))
        if value]
    lang = f' lang="{esc(language_tag(doc.metadata.language))}"' if doc.metadata.language \
        else ""
    return (f"<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset=\"utf-8\"/>\n"
            f"<title>{title}</title>\n" + "".join(line + "\n" for line in meta)
            + f"<style>{STYLESHEET}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")
