"""What the outline filter searches in each row, and that text worked out ahead of the filter.

The filter looks for its text in a row's heading, text, note and tags, case-folded
(:func:`search_text`). Working that out for the 15,000 rows of a large outline takes about a
tenth of a second, which the first keystroke typed as the window shows would otherwise pay.
While a large file is being read, the reader often waits for the next article from the
process parsing it (:mod:`briefing.core.early_parse`): :class:`PreparedSearch` is filled in
those waits, and the tree takes each row's text from it instead of working it out again.
"""

from __future__ import annotations

from briefing.core.model import Article, Excerpt, Section

Node = Article | Section | Excerpt


def search_text(node: Node) -> str:
    """What the filter searches in a row: heading, text, note and tags, case-folded."""
    if isinstance(node, Article):
        parts = [node.title, node.standfirst, *[block.text for block in node.blocks]]
    elif isinstance(node, Excerpt):
        parts = [node.anchor.quote, node.note, *node.tags]
    else:
        parts = [node.label, *[block.text for block in node.blocks], node.note, *node.tags]
    return fold_case("\n".join(parts))


def fold_case(text: str) -> str:
    """``text.casefold()``, twice as fast on plain ASCII text (where it equals ``lower()``)."""
    return text.lower() if text.isascii() else text.casefold()


class PreparedSearch:
    """Search texts worked out ahead, each kept with the row it was worked out for.

    A text is handed out only for that very object (and, for an excerpt, the very anchor it
    had then: anchoring after reading may give it a new one), so an article read again or
    changed another way never gets a stale text: it simply has none here.
    """

    def __init__(self) -> None:
        self._texts: dict[int, tuple[Node, object, str]] = {}

    def __len__(self) -> int:
        return len(self._texts)

    def prepare(self, article: Article) -> None:
        """Work out the search text of the article and of each of its sections and excerpts."""
        texts = self._texts
        texts[id(article)] = (article, None, search_text(article))
        stack = list(article.sections)
        while stack:
            section = stack.pop()
            texts[id(section)] = (section, None, search_text(section))
            stack.extend(section.sections)
        for excerpt in article.excerpts:
            texts[id(excerpt)] = (excerpt, excerpt.anchor, search_text(excerpt))

    def take(self, node: Node) -> str | None:
        """The text worked out for ``node``, once; None when there is none for it as it is."""
        found = self._texts.pop(id(node), None)
        if found is None or found[0] is not node:
            return None
        if isinstance(node, Excerpt) and node.anchor is not found[1]:
            return None
        return found[2]
