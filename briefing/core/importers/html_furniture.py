"""Site furniture inside an article's markup: which elements are not article text, and why.

A browser copy or a saved page's article region still holds the site's furniture: share bars
(lists of links or SVG icons), figure captions and photo credits, ad slots, newsletter boxes,
"related" boxes, tables of contents, bylines and dates. The markup names most of them itself:
by its element (``<nav>``, ``<aside>``, ``<figure>``, ``<form>``), by the words of its class
and id (``share-bar``, ``related-posts``, ``ad-slot``), by its shape (a list whose items are
only links to anchors in the page is a table of contents; a list of one link set between two
paragraphs points to another story), or by its links (a line of links to the site's tag
pages, ``rel="tag"`` or ``/topic/…``, is the post's tags; one of links to its authors' pages
is the byline), or by its ARIA role (a ``note`` is aside from the page's own
text: a wiki's "Main article: …" above a section, as are its message boxes, ``hatnote`` and
``ambox`` by class). Each is moved to the article's ``discarded`` list with the reason found
here, never silently dropped.

Words of class and id are matched as whole words (``ad`` in ``ad-slot`` but not in
``header``), and an element that holds most of the article's text is never furniture, so a
container whose class mentions ``author`` or ``share`` cannot take the article with it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

# A byline, a date line or a box of related links has the same reason whichever importer set
# it aside.
from briefing.core.importers.cleanup import REASON_RELATED as REASON_RELATED
from briefing.core.importers.text_details import REASON_BYLINE as REASON_BYLINE
from briefing.core.importers.text_details import REASON_DATE as REASON_DATE

REASON_NAVIGATION = "navigation"
REASON_SHARE = "share bar"
REASON_NEWSLETTER = "newsletter box"
REASON_AD = "advertisement"
REASON_CAPTION = "caption or credit"
REASON_TOC = "table of contents"
REASON_COMMENTS = "comments"
REASON_TAGS = "tags"
REASON_FORM = "form or button"
REASON_HIDDEN = "hidden on the page"
REASON_SCRIPT_LINK = "script link"
REASON_ICON = "icon"
REASON_ASIDE = "aside box"
REASON_FOOTER = "footer"
REASON_LINK_LIST = "list of short links"
REASON_MEDIA = "video or media player"
REASON_SCREEN_READER = "for screen readers only"
REASON_NO_WORDS = "no words (separators left between removed links)"
REASON_NOTE = "note about the page"
REASON_FOLLOW = "follow link"

DROPPED_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object",
                          "embed", "head", "title", "meta", "link", "base"})
"""Elements whose content is never text a reader sees; they are not carried anywhere."""

_TAG_REASONS = {
    "nav": REASON_NAVIGATION,
    "aside": REASON_ASIDE,
    "footer": REASON_FOOTER,
    "figure": REASON_CAPTION,
    "figcaption": REASON_CAPTION,
    "form": REASON_FORM,
    "button": REASON_FORM,
    "select": REASON_FORM,
    "textarea": REASON_FORM,
    "label": REASON_FORM,
    "input": REASON_FORM,
    "svg": REASON_ICON,
}

# Whole words of class and id attributes (split at '-', '_', spaces and camelCase).
_WORD_REASONS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"share", "sharing", "sharebar", "shares", "social", "socials", "sharethis",
                "addthis", "sociallinks"}), REASON_SHARE),
    (frozenset({"related", "recommended", "recommendations", "readmore", "outbrain",
                "taboola", "trending", "popular", "morestories", "suggested"}), REASON_RELATED),
    (frozenset({"newsletter", "subscribe", "subscription", "signup", "mailmunch", "optin",
                "paywall", "registration"}), REASON_NEWSLETTER),
    (frozenset({"ad", "ads", "advert", "adverts", "advertisement", "advertising", "adslot",
                "dfp", "gpt", "sponsor", "sponsored", "promo", "promotion", "banner",
                "adsbygoogle", "commercial"}), REASON_AD),
    (frozenset({"caption", "captions", "credit", "credits", "figcaption", "wp-caption"}),
     REASON_CAPTION),
    (frozenset({"byline", "author", "authors", "byl", "contributor", "writer"}),
     REASON_BYLINE),
    (frozenset({"date", "dateline", "timestamp", "pubdate", "published", "posted",
                "updated", "time"}), REASON_DATE),
    (frozenset({"toc", "contents"}), REASON_TOC),
    (frozenset({"breadcrumb", "breadcrumbs", "nav", "navbar", "menu", "pagination",
                "pager", "skip"}), REASON_NAVIGATION),
    (frozenset({"comment", "comments", "disqus"}), REASON_COMMENTS),
    (frozenset({"toolbar", "tools", "toolbox", "control", "controls"}), REASON_FORM),
    (frozenset({"aside", "sidebar"}), REASON_ASIDE),
    (frozenset({"footer"}), REASON_FOOTER),
    (frozenset({"hatnote", "hatnotes", "dablink", "rellink", "ambox", "mbox", "notice"}),
     REASON_NOTE),
    (frozenset({"video", "player", "playlist", "carousel", "podcast"}), REASON_MEDIA),
    (frozenset({"tags", "tag", "tagged", "topics", "keywords", "categories"}), REASON_TAGS),
)
_SCREEN_READER_ONLY = (frozenset({"sr", "only"}), frozenset({"screen", "reader"}),
                       frozenset({"visually", "hidden"}), frozenset({"visuallyhidden"}),
                       frozenset({"offscreen"}))
"""Class words of text hidden from the screen and read only by screen readers (``sr-only``,
``screen-reader-text``, ``visually-hidden``): a page's reader never sees it."""
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HIDDEN_CLASSES = frozenset({"hidden", "d-none"})
"""Whole class names that the common style sheets (Bootstrap, Tailwind and the like) define as
``display: none``."""
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TAXONOMY_PREFIXES = ("tag-", "category-", "tags-", "categories-", "topic-", "post-", "type-",
                      "format-", "status-", "channel-")
_SHARE_LINK = re.compile(
    r"//[^/]*(?:twitter\.com|x\.com|facebook\.com|linkedin\.com|reddit\.com|pinterest\.\w+"
    r"|whatsapp\.com|tumblr\.com)/(?:share|sharer|intent|shareArticle|submit|pin/create)"
    r"|^mailto:\?", re.IGNORECASE)
"""The addresses of the common share dialogs: a link to one is a share button."""
_BUTTON_WORDS = frozenset({"btn", "button"})
BUTTON_MAX_WORDS = 6
"""An element styled as a button ("Read more", "Get the guide: free download") holds a few
words at most; a sentence styled so ("click to tweet") is text."""
_WEB_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
SHORT_LINK_WORDS = 3
"""A list item of at most this many words that is only a link is a button, not a point."""


def attribute_words(element: Any) -> set[str]:
    """The whole words of an element's class and id, lower case (``shareBar`` gives share, bar).

    Taxonomy classes that blogs put on a post (``tag-elections``, ``category-news``) say what
    the post is about, not what the element is, and are left out. So is a heading's id: it is
    the anchor a link to that section uses, made from the heading's own words
    (``<h2 id="video">Video</h2>``), not a name for what the element is.
    """
    names = [name for name in (element.get("class") or "").split()
             if not name.lower().startswith(_TAXONOMY_PREFIXES)]
    anchor = element.tag in _HEADING_TAGS
    raw = f"{' '.join(names)} {'' if anchor else element.get('id') or ''}"
    words = set(_WORD_SPLIT.split(_CAMEL.sub(" ", raw).lower()))
    words.discard("")
    return words


def is_hidden(element: Any) -> bool:
    """Whether the markup itself hides the element (``hidden``, inline ``display:none``)."""
    return (element.get("hidden") is not None
            or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
            or bool(_HIDDEN_CLASSES.intersection((element.get("class") or "").lower().split())))


_STATE_CLASSES = frozenset({"hidden", "is-hidden", "active", "is-active", "current",
                            "is-current", "selected", "is-selected", "show", "visible", "open",
                            "d-none", "d-block"})
"""Classes that say which panel of a series is shown now, not what the panel is."""


def is_hidden_slide(element: Any) -> bool:
    """Whether a hidden element is one panel of a series the page shows one at a time.

    A slideshow or a set of tabs hides all its panels but one: a hidden element with a shown
    sibling of the same tag and class is a slide the reader pages to, and its text belongs to
    the article (a copy holds it, and the reader meant to take it).
    """
    parent = element.getparent()
    if parent is None:
        return False
    series = _panel_key(element)
    return any(sibling is not element and sibling.tag == element.tag
               and _panel_key(sibling) == series and not is_hidden(sibling)
               for sibling in parent)


def _panel_key(element: Any) -> frozenset[str]:
    return frozenset(name for name in (element.get("class") or "").split()
                     if name.lower() not in _STATE_CLASSES)


def tag_reason(element: Any) -> str:
    """The reason an element is furniture by its tag or attributes alone, or ``""``."""
    tag = element.tag
    if tag in _TAG_REASONS:
        return _TAG_REASONS[tag]
    role = (element.get("role") or "").lower()
    if is_hidden(element) and not is_hidden_slide(element):
        return REASON_HIDDEN
    if tag == "a" and (element.get("href") or "").strip().lower().startswith("javascript:"):
        return REASON_SCRIPT_LINK
    # A "click to tweet" quote links to a share dialog too, but is article text: a button
    # holds a few words only.
    share = tag == "a" and bool(_SHARE_LINK.search(element.get("href") or ""))
    if (share or role == "button" or _BUTTON_WORDS & attribute_words(element)) and (
            few_words(element, BUTTON_MAX_WORDS)):
        return REASON_SHARE if share else REASON_FORM
    if role in ("navigation", "complementary", "banner", "contentinfo", "search", "menu",
                "menubar"):
        return REASON_NAVIGATION
    if role == "note":
        # ARIA's note: content "parenthetic or ancillary" to the page's own (a wiki's "Main
        # article: ..." pointer above a section).
        return REASON_NOTE
    return ""


def few_words(element: Any, limit: int) -> bool:
    """Whether an element holds at most ``limit`` words (stops reading past the limit)."""
    words = 0
    for text in element.itertext():
        words += len(text.split())
        if words > limit:
            return False
    return True


def class_reason(element: Any) -> str:
    """The reason an element is furniture by the words of its class and id, or ``""``."""
    words = attribute_words(element)
    if not words:
        return ""
    if any(pair <= words for pair in _SCREEN_READER_ONLY):
        return REASON_SCREEN_READER
    # A caption class is often one run-together word ("thumbcaption", "imgcaption").
    if any(word.endswith(("caption", "captions")) for word in words):
        return REASON_CAPTION
    for names, reason in _WORD_REASONS:
        if words & names:
            if reason in LINK_REASONS and not _has_links(element, reason):
                continue
            return reason
    return ""


LINK_REASONS = frozenset({REASON_NAVIGATION, REASON_TOC, REASON_RELATED})
"""Furniture that is made of links: an element without them is not it, whatever its name
(``id="toc-section-2"`` on a section the table of contents points to)."""


def _has_links(element: Any, reason: str) -> bool:
    links = [link for link in element.iter("a") if link.get("href") is not None]
    if reason == REASON_TOC:
        return bool(links) and all((link.get("href") or "").startswith("#") for link in links)
    return bool(links)


def list_reason(element: Any) -> str:
    """The reason a ``<ul>``/``<ol>`` is furniture by its shape, or ``""``.

    A list whose items are all links to anchors in the page is a table of contents; one whose
    items are all short links or icons (two or more) is a share bar or a menu. A link that
    spells out its address is a source the article cites (a list of references), not a button.
    """
    items = [child for child in element if child.tag == "li"]
    if len(items) < 2:
        return ""
    anchors = 0
    short_links = 0
    for item in items:
        text = " ".join("".join(item.itertext()).split())
        links = [link for link in item.iter("a")]
        link_text = " ".join(" ".join("".join(link.itertext()).split()) for link in links)
        if links and link_text == text:
            if all((link.get("href") or "").startswith("#") for link in links):
                anchors += 1
            if len(text.split()) <= SHORT_LINK_WORDS and not _WEB_ADDRESS.match(text):
                short_links += 1
        elif not text and (links or any(True for _ in item.iter("svg", "img", "i"))):
            short_links += 1
    if anchors == len(items):
        return REASON_TOC
    if short_links == len(items):
        return REASON_LINK_LIST
    return ""


def is_link_set_in_text(element: Any) -> bool:
    """Whether a list is one item, only a link to another page named in words, set between
    two paragraphs of the text: a pointer to another story ("Live updates from the summit"),
    not a point of the article (a list of one point holds words of its own)."""
    items = [child for child in element if child.tag == "li"]
    if len(items) != 1:
        return False
    links = list(items[0].iter("a"))
    if len(links) != 1 or (links[0].get("href") or "#").strip()[:1] in ("#", ""):
        return False
    text = " ".join("".join(items[0].itertext()).split())
    if not text or " ".join("".join(links[0].itertext()).split()) != text or (
            _WEB_ADDRESS.match(text)):
        return False
    before, after = element.getprevious(), element.getnext()
    return all(sibling is not None and sibling.tag == "p"
               and len(" ".join(sibling.itertext()).split()) >= POINTER_CONTEXT_WORDS
               for sibling in (before, after))


POINTER_CONTEXT_WORDS = 8
"""Words a paragraph around a pointer holds at least: a sentence, not a label."""



LINE_TAGS = frozenset({"p", "div", "span", "ul", "ol", "li"})
"""Elements that can hold a line of tag or author links on their own."""
LINK_LINE_MAX_NODES = 80
"""Such a line is small: a bigger element is not read for it (and the walk stays linear)."""
LINK_LINE_LINK_WORDS = 4
LINK_LINE_LABEL_WORDS = 3
"""Words a line of links holds besides one separator word a link: its label ("Filed under")."""


@dataclass(frozen=True)
class _LinkLine:
    """A line made of links of one kind: how a link says it is one, and the label words."""

    reason: str
    rel: str
    path: re.Pattern[str]
    labels: frozenset[str]


_LINK_LINES = (
    _LinkLine(REASON_TAGS, "tag",
              re.compile(r"/(?:tags?|topics?|categor(?:y|ies)|labels?|keywords?)/", re.I),
              frozenset({"in", "tags", "tag", "tagged", "filed", "under", "topics", "topic",
                         "categories", "category", "posted", "labels", "and"})),
    _LinkLine(REASON_BYLINE, "author",
              re.compile(r"/(?:authors?|people|profiles?|staff|contributors?|writers?)/|/@\w",
                         re.I),
              frozenset({"by", "and", "written", "words", "author", "authors", "reviewed"})),
    _LinkLine(REASON_FOLLOW, "me",
              re.compile(r"^(?:https?:)?//(?:www\.)?(?:twitter|x|instagram|facebook|tiktok"
                         r"|linkedin|threads)\.(?:com|net)/(?:in/)?"
                         r"(?!(?:share|sharer|intent|home)\b)@?[\w.]+/?$", re.I),
              frozenset({"follow", "on", "me", "us", "and", "or"})),
)
"""The third: a line of links to someone's profile on a social network (``@handle``, "Follow
me on Twitter"), the network's page for the person and not the article's text."""


def at_most_nodes(element: Any, limit: int) -> bool:
    """Whether an element and its descendants are at most ``limit`` nodes (stops reading past
    the limit, so a check of small elements stays cheap on a big page)."""
    return next(itertools.islice(element.iter(), limit, None), None) is None


def link_line_reason(element: Any) -> str:
    """:data:`REASON_TAGS`, :data:`REASON_BYLINE` or :data:`REASON_FOLLOW` for an element that
    is only links to the site's tag pages, to its authors' pages or to social profiles.

    A link says what it is itself (``rel="tag"``, ``rel="author"``) or by its address
    (``/topic/…``, ``/category/…``; ``/author/…``, ``/@name``). A line of such links, with at
    most a label ("Filed under", "By") and separators, is the post's tags or its byline, not
    its text. Most of the links must be of the kind, and every link short.
    """
    if element.find(".//a") is None or not at_most_nodes(element, LINK_LINE_MAX_NODES):
        return ""
    links = list(element.iter("a"))
    link_texts = [" ".join(link.itertext()) for link in links]
    link_words = [len(text.split()) for text in link_texts]
    if max(link_words) > LINK_LINE_LINK_WORDS:
        return ""
    text = " ".join(element.itertext())
    if len(text.split()) > sum(link_words) + len(links) + LINK_LINE_LABEL_WORDS:
        return ""  # words of its own: a sentence, not a line of links
    linked = {word for link_text in link_texts for word in _WORD_SPLIT.split(link_text.lower())}
    linked.discard("")
    if not linked:
        return ""
    all_words = _WORD_SPLIT.split(text.lower())
    for line in _LINK_LINES:
        marked = sum(1 for link in links
                     if line.rel in (link.get("rel") or "").lower().split()
                     or line.path.search(link.get("href") or ""))
        if 2 * marked > len(links) and all(not word or word in linked or word in line.labels
                                           for word in all_words):
            return line.reason
    return ""
