"""Property tests: no markup crashes the HTML importers, and a fragment loses no text.

"No text lost" means: every visible character of the fragment's text nodes (everything but
``<script>``, ``<style>``, ``<noscript>``, ``<template>``, ``<iframe>`` and comments, which a
reader never sees) is found in the article's title, standfirst, headings (with their numbers),
blocks or ``discarded`` lines. Characters are counted as a multiset, so text moved to
``discarded`` or rejoined across inline tags still counts, and text that vanished does not.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.errors import ArticleImportError
from briefing.core.importers.fragment import parse_fragment
from briefing.core.importers.html import parse_html
from briefing.core.model import Article

WORDS = st.sampled_from([
    "levy", "harbour", "council", "tolls", "ferry", "budget", "the", "and", "2025", "3.",
    "Share", "Related", "By", "Advertisement", "caf\u00e9", "42%", "a\u00a0b", "&amp;", "&lt;",
    "&nbsp;", "Sign up", "x", "Figure 1", "\u2014"])
TEXT = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
TAGS = st.sampled_from([
    "p", "div", "span", "b", "i", "a", "h1", "h2", "h3", "h4", "ul", "ol", "li", "blockquote",
    "figure", "figcaption", "table", "tr", "td", "nav", "aside", "section", "article", "pre",
    "time", "em", "header", "footer", "form", "button", "svg", "dl", "dd"])
ATTRIBUTES = st.sampled_from([
    "", ' class="share-bar"', ' class="related"', ' class="byline"', ' class="ad"',
    ' class="caption"', ' class="toc"', ' href="#part-2"', ' href="javascript:void(0)"',
    ' href="/other/story"', " hidden", ' style="display:none"', ' datetime="2025-03-14"',
    ' class="entry-title"', ' id="main"'])
INVISIBLE = st.sampled_from(["<script>var x = '<p>no</p>';</script>", "<style>p{}</style>",
                             "<!-- a comment -->", "<br>", "<br><br>", "<img src=x alt=y>",
                             "<hr>"])


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda tag, attributes, inner, tail: f"<{tag}{attributes}>{inner}</{tag}>"
                     f"{tail}", TAGS, ATTRIBUTES, children, st.one_of(st.just(""), TEXT))


MARKUP = st.recursive(st.one_of(TEXT, INVISIBLE),
                      lambda children: st.one_of(
                          _element(children),
                          st.lists(children, min_size=1, max_size=5).map("".join)),
                      max_leaves=40)
WRAPPERS = st.sampled_from([
    "<html><body>\n<!--StartFragment-->{}<!--EndFragment-->\n</body></html>",
    "<meta charset='utf-8'>{}",
    "{}"])


def visible_characters(html: str) -> Counter[str]:
    """The non-space characters of the text a reader sees in ``html`` (read by lxml)."""
    import lxml.html
    from lxml import etree

    root = lxml.html.document_fromstring(f"<html><body>{html}</body></html>")
    etree.strip_elements(root, "script", "style", "noscript", "template", "iframe",
                         with_tail=False)
    etree.strip_tags(root, etree.Comment)
    text = "".join(root.itertext()).replace("\u00a0", " ")
    return Counter(char for char in text if not char.isspace())


def kept_characters(article: Article) -> Counter[str]:
    parts = [article.title, article.standfirst, *(block.text for block in article.blocks),
             *(item.text for item in article.discarded)]
    for section in article.walk():
        parts.append(section.label)
        parts.extend(block.text for block in section.blocks)
    return Counter(char for char in "".join(parts) if not char.isspace())


FILLER = ("<p>Ferry tolls have not changed in nine years, and the harbour board now says the "
          "fleet cannot be renewed without them rising this summer.</p>")
"""Enough article text that most generated fragments import rather than being refused."""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKUP, MARKUP, WRAPPERS)
def test_a_fragment_gives_an_article_without_losing_text(
        before: str, after: str, wrapper: str) -> None:
    markup = before + FILLER + after
    article = parse_fragment(wrapper.format(markup), "copied.html")
    assert article.title
    missing = visible_characters(markup) - kept_characters(article)
    assert not missing, f"lost: {dict(missing)}"


RAW = st.text(alphabet=st.sampled_from(list("<>/=\"'&;!-# \nabhlpt1\u00e9\x00")), max_size=300)


@settings(max_examples=60, deadline=None)
@given(st.one_of(RAW, MARKUP))
def test_no_markup_crashes_the_fragment_importer(html: str) -> None:
    try:
        parse_fragment(html, "copied.html")
    except ArticleImportError as error:
        assert str(error).startswith("copied.html: ")


@settings(max_examples=40, deadline=None)
@given(st.one_of(RAW, MARKUP.map("<html><head><title>T</title></head><body>{}</body></html>"
                                 .format)))
def test_no_markup_crashes_the_page_importer(html: str) -> None:
    try:
        parse_html(html, "page.html")
    except ArticleImportError as error:
        assert str(error).startswith("page.html: ")
