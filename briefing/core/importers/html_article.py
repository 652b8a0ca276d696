"""From walked markup to an Article: the headline, heading ranks, byline, date and details.

Shared by clipboard fragments and saved pages, so both read structure the same way:

* the headline is the first heading (or title-like element) before the article's first long
  paragraph, else the first ``<h1>``, else a short first line, else the page's metadata title;
* heading levels follow the ranks of the tags the article uses below its headline (the first
  rank used is level 1; :func:`build_sections` nests relative to the shallowest);
* a heading right below the headline that reads as a sentence is the standfirst (a dek) when it
  sits in a header block with the headline, and the first section's title when the markup
  sets it among the article's own paragraphs;
* headings at the very end with no text under them, and short lines above the headline, are
  furniture (a "more stories" label, a kicker) and go to ``discarded``; so is a section made
  of short links with no article text after it (a box of categories or of the site's social
  accounts), and so are two or more lines at the very end that are each only a link to another
  page (other stories set as lines);
* author and date come from bylines and ``<time>`` elements inside the markup, then from the
  page's ``<meta>`` tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from briefing.core.errors import ArticleImportError
from briefing.core.importers.html_headings import TITLE_LIKE
from briefing.core.importers.html_walk import WalkedMarkup, walk_markup
from briefing.core.importers.structure import (
    Heading,
    Item,
    build_sections,
    clean_text,
    iso_date,
    same_text,
    title_from_name,
)
from briefing.core.model import Article, Block, BlockKind, Discarded

MIN_ARTICLE_WORDS = 20
"""Less body text than this is a menu or a form, not an article."""
ABOVE_HEADLINE_MAX_WORDS = 12
"""Only lines this short above the headline are furniture (a kicker, a date); a longer one is
article text, so the headline is looked for before it."""
HEADLINE_MAX_WORDS = 30

REASON_ABOVE_HEADLINE = "above the headline"
REASON_EMPTY_HEADING = "heading with no text under it"
REASON_REPEATS_HEADLINE = "repeats the headline"
REASON_TEASER = "link to another article"
REASON_AFTER_ARTICLE = "after the end of the article"
REASON_LOGO = "site name"
REASON_GALLERY = "photo gallery slide"
GALLERY_MIN_SLIDES = 3
_SLIDE_COUNTER = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})(?!\d)")
REASON_LABEL = "label of a menu"
REASON_MORE_STORIES = "box of other stories"
REASON_LINK_BOX = "box of links after the article"
_MORE_STORIES = re.compile(
    r"^(?:you (?:might|may) (?:also )?like|recommended (?:for you|stories|articles|reading)"
    r"|more related(?: \w+)?|related (?:stories|articles|posts|content)"
    r"|more (?:stories|news|articles)|more from\b.*|read next|what to read next"
    r"|most (?:popular|read|viewed)|trending (?:now|stories|articles)"
    r"|popular (?:stories|posts|articles))\W*$", re.IGNORECASE)
"""The labels of boxes of other articles that pages set after the article: "You might also
like", "Recommended for you", "More from the harbour desk". Not a wiki's "See also" or
"Further reading", nor a bare "Recommended" or "Trending" (a buyer's guide's closing list):
those are sections of the article."""
STANDFIRST_MIN_WORDS = 10
"""A heading right below the headline this long is a standfirst, not a section."""

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_BYLINE_END = re.compile(
    r"\s+[|\u2022\u00b7/]\s*|\s+[-\u2013\u2014]\s|\s+[-\u2013\u2014]$|\s*@\w"
    r"|\s+(?i:on)\s+(?:\w+\s+)?\d|\s+(?i:published|updated|posted)\b"
    rf"|\s*\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\s*{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\s+\d+\s+(?i:min\s+read)")
"""Where the name in a byline ends: at a separator ("| Coast desk", " - "), a date ("on May 3",
"3 May 2025", "May 3rd, 2025", also glued to the name), a handle ("@ines") or a reading time."""
_BY = re.compile(r"^(?:(?i:written by|words by|author:?)\s+|.*?\b(?i:by:?)\s+|by(?=[A-Z]))")
"""What comes before the name: "By", "Author:", a desk ("Coast desk by"), or a glued "by"."""
_NOT_NAMES = frozenset({"posted", "updated", "published", "last", "staff"})
"""Words a byline element holds when it carries only a date ("Last updated: ...")."""
_SITE_SUFFIX = re.compile(r"\s+[|\u2013\u2014\u00b7:-]\s+[^|\u2013\u2014\u00b7]{2,60}$")


@dataclass
class PageDetails:
    """What a page's ``<head>`` says about the article (``<meta>``, ``<link>``, ``<title>``)."""

    title: str = ""
    """``og:title`` or ``twitter:title``; else ``<title>`` without a site suffix."""
    page_title: str = ""
    """``<title>`` as written, with any suffix."""
    author: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    description: str = ""


def page_details(root: Any) -> PageDetails:
    """The article's details from the ``<meta>``, ``<link>`` and ``<title>`` of a page."""
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = clean_text(meta.get("content") or "")
        if key and content:
            metas.setdefault(key, content)
    canonical = next((clean_text(link.get("href") or "") for link in root.iter("link")
                      if "canonical" in (link.get("rel") or "").lower().split()), "")
    title_element = next(iter(root.iter("title")), None)
    page_title = clean_text(title_element.text_content()) if title_element is not None else ""
    title = metas.get("og:title") or metas.get("twitter:title") or strip_site_suffix(page_title)
    date = next((metas[key] for key in ("article:published_time", "datepublished",
                                        "pubdate", "date", "dc.date", "publish-date")
                 if key in metas), "")
    base = next((clean_text(element.get("href") or "") for element in root.iter("base")
                 if element.get("href")), "")
    url = _web_address(canonical, base)
    og_url = _web_address(metas.get("og:url", ""), base)
    author = metas.get("author", "")
    if not author and not metas.get("article:author", "").startswith(("http", "/")):
        author = metas.get("article:author", "")
    return PageDetails(
        title=title, page_title=page_title, author=author,
        publisher=metas.get("og:site_name") or metas.get("application-name", ""),
        date=iso_date(date) if date else "",
        url=url or og_url,
        description=metas.get("og:description") or metas.get("description", ""))


def _web_address(address: str, base: str) -> str:
    """An http(s) address as the page gives it, a relative one (``/world/story``) resolved
    against the page's ``<base href>`` as a browser resolves it; "" for anything else."""
    web = ("http://", "https://")
    if address.lower().startswith(web):
        return address
    if not address or not base.lower().startswith(web) or address.startswith(("#", "?")):
        return ""
    resolved = urljoin(base, address)
    return resolved if resolved.lower().startswith(web) else ""


def is_site_suffix(text: str) -> bool:
    """Whether ``text`` is only a site's name after a separator (``" | The Harbour Review"``)."""
    return bool(_SITE_SUFFIX.fullmatch(text))


def strip_site_suffix(title: str) -> str:
    """``"Flood levy | The Harbour Review"`` without the ``" | The Harbour Review"``."""
    stripped = _SITE_SUFFIX.sub("", title)
    return stripped if len(stripped.split()) >= 2 else title


def article_from_markup(root: Any, details: PageDetails, source_name: str, *,
                        what: str, hint: str, headline: str = "",
                        known_text: str = "", min_words: int = MIN_ARTICLE_WORDS) -> Article:
    """The article under ``root`` (scripts and styles already stripped).

    ``headline`` is the title when the page's headline lies outside ``root``; without it the
    headline is looked for in the markup. ``known_text`` is the article's text as an extractor
    found it: what follows its last block in the markup goes to ``discarded``.

    Raises :class:`ArticleImportError` naming ``what`` was read when it holds less than
    ``min_words`` words of body text once the furniture is set aside.
    """
    found = walk_markup(root)
    items = list(found.items)
    discarded = list(found.discarded)
    if known_text:
        items = _drop_after_article(items, clean_text(known_text), discarded)
    items = _drop_more_stories(items, discarded)
    items = _drop_logos(items, found.logo_headings, discarded)
    items = _drop_labels(items, found.label_headings, discarded)
    if headline:
        title = headline
        items = _after_headline_repeat(items, headline, discarded)
    else:
        title, items = _headline(items, details, discarded)
    standfirst, items = _standfirst(items, found.headings_among_text)
    items = _drop_headline_repeats(items, title, discarded)
    items = _drop_teasers(items, found.teaser_headings, discarded)
    items = _drop_gallery_slides(items, discarded)
    items = _drop_closing_link_boxes(items, found.link_sections, discarded)
    items = _drop_closing_link_lines(items, found.link_paragraphs, discarded)
    items = _drop_trailing_headings(items, discarded)
    items = [Block(BlockKind.PARAGRAPH, item.text)
             if isinstance(item, Heading) and item.level == TITLE_LIKE else item
             for item in items]
    words = sum(len(item.text.split()) for item in items if isinstance(item, Block))
    if words < min_words:
        raise ArticleImportError(
            source_name or None,
            f"no article text found in the {what} ({_words_outside_furniture(words)})",
            hint=hint)
    lead, sections = build_sections(items)
    return Article(
        title=title or details.title or title_from_name(source_name),
        standfirst=standfirst,
        author=_author(found) or details.author,
        publisher=details.publisher,
        date=_date(found) or details.date,
        url=details.url,
        blocks=lead,
        sections=sections,
        discarded=discarded,
    )


def _headline(items: list[Item], details: PageDetails,
              discarded: list[Discarded]) -> tuple[str, list[Item]]:
    """The headline and the items after it; short lines above it go to ``discarded``."""
    for index, item in enumerate(items):
        if isinstance(item, Heading) and len(item.text.split()) <= HEADLINE_MAX_WORDS:
            for before in items[:index]:
                discarded.append(Discarded(before.text, REASON_ABOVE_HEADLINE))
            return item.text, items[index + 1:]
        if isinstance(item, Block) and len(item.text.split()) > ABOVE_HEADLINE_MAX_WORDS:
            break
    for index, item in enumerate(items):
        if isinstance(item, Heading) and item.level == 1:
            return item.text, items[:index] + items[index + 1:]
    first = items[0] if items else None
    if first is not None and _looks_like_headline(first.text, details):
        return first.text, items[1:]
    return "", items


def _drop_more_stories(items: list[Item], discarded: list[Discarded]) -> list[Item]:
    """Cut the page at a heading that labels a box of other stories, when no paragraph of
    prose follows it: what comes after is teasers, slides and comment widgets, not the
    article (a box set inside the article is followed by the rest of its text, and stays)."""
    for index, item in enumerate(items):
        if not (isinstance(item, Heading) and _MORE_STORIES.match(item.text)):
            continue
        if any(isinstance(after, Block) and after.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE)
               and len(after.text.split()) > ABOVE_HEADLINE_MAX_WORDS
               for after in items[index + 1:]):
            continue
        for after in items[index:]:
            discarded.append(Discarded(after.text, REASON_MORE_STORIES))
        return items[:index]
    return items


def _after_headline_repeat(items: list[Item], headline: str,
                           discarded: list[Discarded]) -> list[Item]:
    """The items after the region's own copy of a headline found outside it, if it has one.

    A page's article region often repeats the headline with a kicker or date line above it;
    those short lines are furniture, and the heading below the headline is a standfirst
    candidate, as in a fragment that starts at its headline.
    """
    folded = _words(headline)
    for index, item in enumerate(items):
        if isinstance(item, Heading) and folded and _words(item.text) == folded:
            for before in items[:index]:
                discarded.append(Discarded(before.text, REASON_ABOVE_HEADLINE))
            discarded.append(Discarded(item.text, REASON_REPEATS_HEADLINE))
            return items[index + 1:]
        if isinstance(item, Block) and len(item.text.split()) > ABOVE_HEADLINE_MAX_WORDS:
            break
    return items


def _drop_after_article(items: list[Item], known_text: str,
                        discarded: list[Discarded]) -> list[Item]:
    """Move what follows the last block of ``known_text`` to ``discarded`` (a region's tail:
    "you might also like" lists, comment counts, slide shows).

    Extractors drop a closing section made of links (References, Sources, Equipment): a tail
    that opens with a heading of a rank the article's own sections use, and has text under it,
    is one more section and stays.
    """
    known = f" {_words(known_text)} "
    end = len(items)
    while end and not (isinstance(items[end - 1], Block)
                       and len(items[end - 1].text.split()) >= 3
                       and _in_known_text(items[end - 1].text, known)):
        end -= 1
    if end == 0:
        return items
    ranks = {item.level for item in items[:end]
             if isinstance(item, Heading) and item.level != TITLE_LIKE}
    first = items[end] if end < len(items) else None
    if (isinstance(first, Heading) and first.level in ranks
            and not _MORE_STORIES.match(first.text)
            and any(isinstance(item, Block) for item in items[end + 1:])):
        return items
    for item in items[end:]:
        discarded.append(Discarded(item.text, REASON_AFTER_ARTICLE))
    return items[:end]


KNOWN_EDGE_WORDS = 12
"""A block is in the extractor's text when its first or its last words are."""


def _in_known_text(text: str, known: str) -> bool:
    """Whether a block is in the extractor's text (``known``: its words, with a space each side).

    The block's opening words are enough, or its closing ones: an extractor leaves out what it
    cannot read as text (a formula, a symbol set as an image) and may join or trim a block's
    end, so either edge may differ.
    """
    words = _words(text).split()
    return (f" {' '.join(words[:KNOWN_EDGE_WORDS])} " in known
            or f" {' '.join(words[-KNOWN_EDGE_WORDS:])} " in known)


def _standfirst(items: list[Item], among_text: list[Heading]) -> tuple[str, list[Item]]:
    """A heading right after the headline that reads as a sentence is the standfirst (a dek).

    A short question ("What is a levy?") is a section's title, not a dek: articles open with
    one as often as they answer it. So is a heading that the markup sets among the article's
    own paragraphs rather than in a header block with the headline: the writer made it the
    first section's title, however much it reads like a sentence.
    """
    first = items[0] if items else None
    if any(first is heading for heading in among_text):
        return "", items
    if isinstance(first, Heading) and first.level != TITLE_LIKE and (
            len(first.text.split()) >= STANDFIRST_MIN_WORDS
            or first.text.rstrip("\"'”’)").endswith((".", "!"))):
        return first.text, items[1:]
    return "", items


def _drop_headline_repeats(items: list[Item], title: str,
                           discarded: list[Discarded]) -> list[Item]:
    """Headings that repeat the headline word for word (a recipe card's own title).

    A heading that names a part of the headline ("Harbour ferries" under "Harbour ferries:
    the fleet for 2030") or adds to it ("How to reach the harbour ferries") is a section about
    that subject, and stays.
    """
    folded = _words(title)
    kept: list[Item] = []
    for item in items:
        if isinstance(item, Heading) and folded and folded == _words(item.text):
            discarded.append(Discarded(item.text, REASON_REPEATS_HEADLINE))
        else:
            kept.append(item)
    return kept


def _drop_logos(items: list[Item], logos: list[Heading],
                discarded: list[Discarded]) -> list[Item]:
    """Headings that only link to the site's home page: the site's name, not the headline."""
    logo_ids = {id(heading) for heading in logos}
    for item in items:
        if id(item) in logo_ids:
            discarded.append(Discarded(item.text, REASON_LOGO))
    return [item for item in items if id(item) not in logo_ids]


def _drop_labels(items: list[Item], labels: list[Heading],
                 discarded: list[Discarded]) -> list[Item]:
    """Headings over a menu or a list of links with no text of their own under them."""
    label_ids = {id(heading) for heading in labels}
    kept: list[Item] = []
    for index, item in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        if (id(item) in label_ids and len(item.text.split()) < STANDFIRST_MIN_WORDS
                and (following is None or isinstance(following, Heading))):
            discarded.append(Discarded(item.text, REASON_LABEL))
        else:
            kept.append(item)
    return kept


def _drop_gallery_slides(items: list[Item], discarded: list[Discarded]) -> list[Item]:
    """Headings that open with a slide counter ("3/50 Pier repairs"), with their captions.

    Three or more headings counting up to the same total are the legends of a photo gallery
    set into the page, not the article's sections; a heading right above the first is the
    gallery's title.
    """
    totals: dict[str, int] = {}
    for item in items:
        counter = _SLIDE_COUNTER.match(item.text) if isinstance(item, Heading) else None
        if counter and int(counter.group(1)) <= int(counter.group(2)):
            totals[counter.group(2)] = totals.get(counter.group(2), 0) + 1
    galleries = {total for total, count in totals.items() if count >= GALLERY_MIN_SLIDES}
    if not galleries:
        return items
    kept: list[Item] = []
    in_slide = False
    for item in items:
        if isinstance(item, Heading):
            counter = _SLIDE_COUNTER.match(item.text)
            in_slide = counter is not None and counter.group(2) in galleries
            if in_slide and kept and isinstance(kept[-1], Heading):
                # The gallery's own title, right above its first slide.
                discarded.append(Discarded(kept.pop().text, REASON_GALLERY))
        if in_slide:
            discarded.append(Discarded(item.text, REASON_GALLERY))
        else:
            kept.append(item)
    return kept


def _words(text: str) -> str:
    """Text reduced to its words, lower case, for comparing headings with the headline."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _drop_teasers(items: list[Item], teasers: list[Heading],
                  discarded: list[Discarded]) -> list[Item]:
    """Linked headings with no text under them: teasers of other articles, not sections.

    A run of two or more linked headings is a list of teasers, even when text follows the last
    one; a heading right above teasers ("More:", "Read next") is their box's label.
    """
    teaser_ids = {id(heading) for heading in teasers}
    dropped: set[int] = set()
    for index, item in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        previous = items[index - 1] if index else None
        if id(item) in teaser_ids and (following is None or isinstance(following, Heading)
                                       or id(previous) in teaser_ids):
            dropped.add(index)
    labels = {index - 1 for index in dropped
              if index and isinstance(items[index - 1], Heading)
              and id(items[index - 1]) not in teaser_ids}
    kept: list[Item] = []
    for index, item in enumerate(items):
        if index in dropped or index in labels:
            discarded.append(Discarded(item.text, REASON_TEASER))
        else:
            kept.append(item)
    return kept


def _looks_like_headline(text: str, details: PageDetails) -> bool:
    if details.title and same_text(text, details.title):
        return True
    return (len(text.split()) <= HEADLINE_MAX_WORDS // 2
            and not text.rstrip().endswith((".", ",", ";", ":")))


def _drop_closing_link_boxes(items: list[Item], link_sections: list[list[Block]],
                             discarded: list[Discarded]) -> list[Item]:
    """Sections made of short links with no article text after them: a box of categories or
    of the site's social accounts set below the article, not a "See also" inside it. (A list
    that spells out web addresses is a list of sources, not one of short links.)"""
    in_lists = {id(block) for section in link_sections for block in section}
    last_text = max((index for index, item in enumerate(items)
                     if isinstance(item, Block) and id(item) not in in_lists), default=-1)
    closing: set[int] = set()
    for section in link_sections:
        if not section:
            continue
        ids = {id(block) for block in section}
        first = next((index for index, item in enumerate(items) if id(item) in ids), -1)
        if first > last_text:
            closing |= ids
    for item in items:
        if id(item) in closing:
            discarded.append(Discarded(item.text, REASON_LINK_BOX))
    return [item for item in items if id(item) not in closing]


CLOSING_LINK_LINES = 2
"""Lines that are each only a link elsewhere, at least this many, end the article: teasers."""


def _drop_closing_link_lines(items: list[Item], link_lines: list[Block],
                             discarded: list[Discarded]) -> list[Item]:
    """Paragraphs that are each only a link to another page, two or more in a row at the very
    end of the article's text: other stories (or the site's channel) set as lines below it.
    One such line alone may be the article's own pointer to its source, and stays."""
    ids = {id(block) for block in link_lines}
    end = len(items)
    while end and id(items[end - 1]) in ids:
        end -= 1
    if len(items) - end < CLOSING_LINK_LINES or not end or not isinstance(items[end - 1], Block):
        return items
    for item in items[end:]:
        discarded.append(Discarded(item.text, REASON_TEASER))
    return items[:end]


def _drop_trailing_headings(items: list[Item], discarded: list[Discarded]) -> list[Item]:
    """Headings at the very end, with no text under them: labels of boxes that were cut off."""
    end = len(items)
    while end and isinstance(items[end - 1], Heading):
        end -= 1
    for item in items[end:]:
        discarded.append(Discarded(item.text, REASON_EMPTY_HEADING))
    return items[:end]


def _author(found: WalkedMarkup) -> str:
    """The first byline that names someone: without "By", its date, handle or desk."""
    for byline in found.bylines:
        name = _BY.sub("", byline.strip(" |\u2022\u00b7:"), count=1).strip()
        name = _BYLINE_END.split(name)[0].strip(" ,:")
        if (0 < len(name.split()) <= 8 and not any(char.isdigit() for char in name)
                and name.casefold() not in _NOT_NAMES):
            return name
    return ""


def _date(found: WalkedMarkup) -> str:
    for stamp in found.dates:
        date = iso_date(stamp)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            return date
    return ""


def _words_outside_furniture(words: int) -> str:
    """How much text was left once menus and the like were set aside, in plain words."""
    if words == 0:
        return "everything in it is menus, links or other site furniture"
    return (f"only {words} word{'' if words == 1 else 's'} outside menus, links and other "
            "site furniture")
