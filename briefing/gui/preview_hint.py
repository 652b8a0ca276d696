"""What the preview says while the note has nothing to show but its title and marking.

An empty preview that shows only the classification marking looks broken; instead it says
what is missing and how to add it, in the order an analyst would do it.
"""

from __future__ import annotations

import html

from briefing.core.export.document import BlockType, BriefingDocument
from briefing.core.model import Outline

_FRAME_KINDS = {BlockType.TITLE, BlockType.FIELD}
"""Blocks that frame the note rather than say something: the note is empty without others."""


def missing_content(outline: Outline, document: BriefingDocument) -> list[str]:
    """What to do to give the note a body; empty when the note has one."""
    if any(block.kind not in _FRAME_KINDS for block in document.blocks):
        return []
    steps: list[str] = []
    if not outline.articles:
        steps.append("Import articles: File \u2192 Import Articles\u2026 (Ctrl+I), or drop "
                     "files on the window.")
    steps.append("Pick sections: tick them in the outline to bring their text into the "
                 "note.")
    steps.append("Or write the note's purpose, summary or recommendation in the Briefing "
                 "tab.")
    return steps


def empty_preview_html(outline: Outline, document: BriefingDocument) -> str | None:
    """The preview's message for a note without a body, or None when there is a body."""
    steps = missing_content(outline, document)
    if not steps:
        return None
    items = "".join(f"<li>{html.escape(step)}</li>" for step in steps)
    return ("<h3>Nothing to preview yet</h3>"
            f"<p>The note has no text besides its title and details. To fill it:</p>"
            f"<ul>{items}</ul>")
