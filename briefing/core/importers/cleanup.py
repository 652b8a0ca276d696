"""Site boilerplate in text copied from a web page: what it looks like and why it is left out.

A copy of a web page brings the site's furniture with it: share buttons, newsletter sign-ups,
copyright lines, author boxes, disclaimers, image file names. The importer moves those lines to
:attr:`Article.discarded <briefing.core.model.Article.discarded>` with the reason found here, so
nothing is lost and the analyst can see what was left out.

Real body text must survive, so a cue only counts when it dominates a short line (a paragraph that
mentions "subscribe" in passing is kept), except for disclaimers and cookie notices, which are
longer: those count when they are at most a few sentences, and anywhere in the trailing run of
short or boilerplate lines after the body (the page's footer, at most 15 lines). Lines after an
"About the author" or "Related articles" marker belong to that box: in the footer all of them,
elsewhere the name, role and one short bio or the list of linked titles that follow. In the
footer, an e-mail's signature line ``--`` claims the lines after it the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.core.importers.text_lines import (
    BULLET,
    TEXT,
    Line,
    ends_with_closing_punctuation,
)

SHORT_WORDS = 12
"""A line of at most this many words is short: a button, a label, a caption."""
FOOTER_LINES = 15
"""The most lines the trailing footer of a page copy may span."""
_NOTICE_WORDS = 45
_FOOTER_NOTICE_WORDS = 90
_BOX_LINE_WORDS = 8
_BIO_WORDS = 60

REASON_AUTHOR_BOX = "author box"
REASON_RELATED = "related links"
"""Also the HTML importer's reason for a box of links to other stories (:mod:`.html_furniture`):
the reader sees one reason for one kind of box, whichever importer set it aside."""
REASON_SIGNATURE = "e-mail signature"
_BOXES = (REASON_AUTHOR_BOX, REASON_RELATED, REASON_SIGNATURE)

_I = re.IGNORECASE
_COPYRIGHT = re.compile(
    r"^(?:\u00a9|\(c\)\s|copyright\s*(?:\u00a9|\(c\)|\d{4})|all rights reserved\b)", _I)
_NEWSLETTER = re.compile(
    r"^(?:subscribe\b|sign[ -]?up\b|join (?:our|the) (?:newsletter|mailing list)"
    r"|enter your e-?mail|your e-?mail(?: address)?$|e-?mail address$"
    r"|(?:get|receive) (?:our|the) .{0,40}newsletter|(?:our |free |daily |weekly )*newsletters?$"
    r"|thanks? (?:you )?for subscribing|unsubscribe\b|sign in$|log ?in$|register$)", _I)
_SHARE_WORD = re.compile(
    r"(?:shares|share(?: this(?: article| story| page)?| on \w+)?|tweet|facebook|linkedin|twitter|x"
    r"|e-?mail|print|copy link|copy url|link copied|whatsapp|reddit|telegram|pinterest"
    r"|bluesky|mastodon|flipboard|comments)", _I)
_SHARE_LINE = re.compile(rf"^{_SHARE_WORD.pattern}(?:\s*[|\u00b7\u2022/,]?\s*"
                         rf"{_SHARE_WORD.pattern})*$", _I)
_IMAGE_END = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif|bmp|tiff?)\)?$", _I)
_IMAGE_START = re.compile(
    r"(?:!\[[^\]]*\]\(|\(?(?:image|photo|picture|photograph|illustration|graphic|credit|source"
    r"|image credit|photo credit|source: getty)s?\s*:|photo(?:graph)? by\b"
    r"|\(?(?:getty images|reuters|afp|ap photo|shutterstock)\)?$)", _I)
_READ_MORE = re.compile(
    r"^(?:read more|read next|read also|also read|continue reading|keep reading"
    r"|read the full (?:article|story|report)|see also\b(?!(?:\[edit\])?$)"
    r"|you (?:may|might) also like"
    r"|more from (?:this|the|our) (?:author|writer|section|series|site)|more on this (?:topic"
    r"|story)|most (?:read|popular|viewed)|recommended(?: for you| reading)?$"
    r"|listen to this article|skip to (?:main )?content|back to top|tags?:|topics?:)", _I)
_RELATED = re.compile(r"^(?:related(?: articles?| content| stories| posts| reading| links)?"
                      r"|further reading|more stories|more articles)\s*:?$", _I)
_ADVERT = re.compile(
    r"^(?:advertisement|advert|ad|ads|sponsored(?: content)?|promoted|paid (?:content|post)"
    r"|partner content|story continues below(?: advertisement)?|scroll to continue"
    r"(?: with content)?)$", _I)
_AUTHOR_BOX = re.compile(r"^(?:about the authors?|about the writers?|authors?"
                         r"|author bio(?:graphy)?|contributors?|written by)\s*:?$", _I)
_DISCLAIMER = re.compile(
    r"(?:(?:views|opinions) expressed\b.{0,120}?\b(?:own|authors?|writers?|not necessarily"
    r"|do not|does not)|does not take (?:collective|institutional|corporate) positions?"
    r"|\b(?:represent|represents|reflect|reflects|are|is)\s+(?:only\s+|solely\s+)?(?:those"
    r"|the\s+(?:personal\s+)?(?:views|opinions))\s+of\s+(?:the|their|its)\s+(?:individual\s+)?"
    r"(?:authors?|writers?|contributors?)\b"
    r"|not necessarily (?:reflect|represent) (?:the )?(?:views|opinions|position|policy|polic"
    r"ies) of (?:the |this )?(?:publisher|editors?|organi[sz]ation|institution|site|website"
    r"|newspaper|magazine|council|institute|centre|center))", _I)
_NEWSLETTER_ANYWHERE = re.compile(
    r"\bunsubscribe\b|\bmanage (?:your )?(?:subscriptions?|e-?mail preferences)\b"
    r"|\bview (?:this e-?mail|it) in your browser\b|\byou are receiving this\b", _I)
_CREDIT = re.compile(
    r"(?:(?i:\b(?:photo|photograph|portrait|image|picture|illustration|video)s? by\b)"
    r"|^[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3} ?/ ?"
    r"[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2}$)")
"""A photo credit: "Top photo by Jane Moreau", "Jane Moreau/Harbour Weekly"."""
_CREDIT_WORDS = 8
_AGENCY_CREDIT = re.compile(
    r"\b(?:associated press|getty images|reuters|afp|ap|ap photo|epa|shutterstock|pa media"
    r"|getty)\)?$", _I)
"""A short line ending on a picture agency is the credit under a photo."""
_AGENCY_ENDINGS = ("press", "images", "reuters", "afp", "ap", "photo", "epa", "shutterstock",
                   "media", "getty")
"""The last words of the agencies above: a cheap test before the pattern."""
_COPYRIGHT_OPENINGS = ("\u00a9", "(c)", "copyright", "all rights reserved")
_CAPTION_POSITION = re.compile(r", (?:left|right|centre|center|top|bottom|second left"
                               r"|second right|front|back|pictured)(?: row)?,")
"""Only a photo caption says where a person stands: "Jane Moreau, left, and ..."."""
_CAPTION_WORDS = 45
_FIGURE_OPENINGS = ("fig", "image", "photo", "courtesy")
_AGENCIES = ("getty", "reuters", "afp", "ap photo", "shutterstock")
_FIGURE_LABEL = re.compile(r"\[(?:fig(?:ure)?|image|photo)\.? ?\d+\]"
                           r"|^(?:fig(?:ure)?\.?|image|photo) \d+[.:]|^courtesy(?: of)?\b", _I)
"""A figure's label or a courtesy credit: "Harbour map [Fig 2]", "Figure 3: ...", "Courtesy X"."""
_TEASER = re.compile(r"\w\u2026$")
"""A link title cut short by the site ("Ten ways to save on your ferry tick…")."""
_LINK_ARROWS = (" \u00bb", " \u203a", " \u2192", " >>")
"""A short line ending on an arrow is a link ("More from the harbour »")."""
_NAVIGATION = re.compile(
    r"^(?:[^\W_][\w' -]{0,30}(?: [>\u203a\u00bb/] [^\W_][\w' -]{0,30}){1,6}"
    r"|\d{1,3} ?min(?:ute)?s? read|reading time:?.{0,20}|menu|search|home|skip navigation)$", _I)
_TAGS = re.compile(r"^(?:tags|topics|categor(?:y|ies)|filed under|tagged(?: with)?)\b\s*:?", _I)
_COMMENTS = re.compile(r"^(?:(?:post|leave|add|view|show|read|load|see) (?:a |the |all )?"
                       r"comments?|comments?(?: \(\d+\))?|\d+ comments?)$", _I)
_FOOTER_LINK = re.compile(
    r"^(?:privacy(?: policy| notice| settings)?|terms(?: of (?:use|service))?|terms & conditions"
    r"|cookie (?:policy|settings)|help|contact(?: us)?|about(?: us)?|site ?map|accessibility"
    r"|careers|jobs|advertise(?: with us)?|follow us(?: on \w+)?|follow)$", _I)
_SHORT_NEWSLETTER = re.compile(r"\bnewsletters?\b|\bsubscription\b|\bdelivered to your inbox\b"
                               r"|\bnotify me\b|\bsign (?:me )?up\b", _I)
"""Sign-up words that give a short line away wherever they stand in it."""
_COPYRIGHT_ANYWHERE = re.compile(r"\u00a9|\ball rights reserved\b|\bcopyright \d{4}", _I)
_SHORT_REASONS = {"tags": "tags", "comments": "comments link", "footer": "site footer link",
                  "navigation": "site navigation", "newsletter": "newsletter sign-up",
                  "share": "share buttons", "advert": "advertisement",
                  "more": "link to other content", "related": REASON_RELATED,
                  "author": REASON_AUTHOR_BOX}
_WORD_CUES = re.compile("|".join(
    f"(?P<{name}>{pattern.pattern})" for name, pattern in (
        ("newsletter", _NEWSLETTER), ("advert", _ADVERT), ("tags", _TAGS), ("more", _READ_MORE),
        ("related", _RELATED), ("author", _AUTHOR_BOX), ("comments", _COMMENTS),
        ("footer", _FOOTER_LINK))), _I)
"""The cues for short lines that have no cheap test of their own, in one pattern: the first
that matches names the reason (a row of share buttons, which has a cheap test, comes after
a sign-up and before the others)."""
_SHARE_OPENINGS = ("share", "tweet", "facebook", "linkedin", "twitter", "x", "e-mail", "email",
                   "print", "copy", "link", "whatsapp", "reddit", "telegram", "pinterest",
                   "bluesky", "mastodon", "flipboard", "comments")
"""How a row of share buttons can open (the first words of :data:`_SHARE_WORD`)."""
_SHORT_CUE_PATTERNS = (_WORD_CUES, _SHARE_LINE, _NAVIGATION)
_LOWER_CASE_CUE_PATTERNS = tuple(re.compile(pattern.pattern) for pattern in _SHORT_CUE_PATTERNS)
"""The same cues without ignoring case, for ASCII text already in lower case (their letters are
all lower case): the same matches, about twice as fast."""
_NAVIGATION_SEPARATOR = re.compile(" [>\u203a\u00bb/] ")
_NAVIGATION_WORDS = frozenset({"menu", "search", "home", "skip navigation"})
_HAS_ALNUM = re.compile(r"[^\W_]")
_COOKIES = re.compile(
    r"(?:\b(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\b|\baccept (?:all )?cookies\b"
    r"|\bcookie (?:policy|settings|preferences|notice|consent)\b)", _I)


_LONGEST_CUE_WORDS = max(_CAPTION_WORDS, _NOTICE_WORDS, SHORT_WORDS * 3)
"""The cues of single lines hold only for lines up to this long (bar an image file name)."""


def line_reason(line: Line) -> str | None:
    """Why this line on its own is site boilerplate, or None when it may be article text."""
    if line.kind is not TEXT and not line.text:
        return "list marker without text"
    text = line.text if line.kind is BULLET else line.raw
    if text == "--":
        return REASON_SIGNATURE
    if not (text[0].isalnum() or _HAS_ALNUM.search(text)):
        return "copyright sign" if "\u00a9" in text else "symbols without words"
    words = line.words
    last = text[-1]
    # A file name ends on a letter or a bracket after a dot, where a sentence ends on a stop:
    # a cheap test before the image file pattern.
    image_file = (last.isalnum() or last == ")") and "." in text[-6:]
    if words > _LONGEST_CUE_WORDS:
        # Every cue below is for lines up to this long, bar an image file name at the end.
        if last == ")" and image_file and _IMAGE_END.search(text, len(text) - 8):
            return "image caption or file name"
        return None
    lowered = text.lower()
    if (words <= SHORT_WORDS * 2 and lowered.startswith(_COPYRIGHT_OPENINGS)
            and _COPYRIGHT.match(text)) or (
            words <= SHORT_WORDS * 3 and _may_be_copyright(text)
            and _COPYRIGHT_ANYWHERE.search(text)):
        return "copyright notice"
    if (image_file and _IMAGE_END.search(text, max(0, len(text) - 8))
            and (words <= SHORT_WORDS * 3 or last == ")")) or (
            words <= SHORT_WORDS * 3 and _may_be_image_label(text, lowered)
            and _IMAGE_START.match(text)):
        return "image caption or file name"
    if words <= _CREDIT_WORDS and (
            (("/" in text or " by " in lowered) and _CREDIT.search(text))
            or (lowered.rstrip(")").endswith(_AGENCY_ENDINGS)
                and _AGENCY_CREDIT.search(text, max(0, len(text) - 24)))):
        return "image credit"
    if (words <= _CAPTION_WORDS and text.count(",") >= 2 and _CAPTION_POSITION.search(text)) or (
            words <= SHORT_WORDS and ("[" in text or lowered.startswith(_FIGURE_OPENINGS))
            and _FIGURE_LABEL.search(text)):
        return "image caption or file name"
    if words <= SHORT_WORDS and (
            (text.endswith("\u2026") and _TEASER.search(text, len(text) - 2))
            or text.endswith(_LINK_ARROWS)):
        return "link to other content"
    if words <= SHORT_WORDS:
        reason = _short_cue(text, lowered)
        if reason:
            return reason
    if words <= SHORT_WORDS * 2 and (
            (_may_be_newsletter(lowered) and _NEWSLETTER_ANYWHERE.search(text))
            or (words <= SHORT_WORDS and _may_be_sign_up(lowered)
                and _SHORT_NEWSLETTER.search(text))):
        return "newsletter sign-up"
    if words <= _NOTICE_WORDS:
        return notice_reason(text, lowered)
    return None


def _short_cue(text: str, lowered: str) -> str | None:
    """The reason a short line's words give, trying the cues in a fixed order (the first that
    matches names the reason). On ASCII text, ignoring case is matching the lower-cased text,
    which is faster, and the two slowest cues get a cheap test first (the case-blind patterns
    also fold a few letters outside ASCII, so other text gets them all in full)."""
    plain = text.isascii()
    subject = lowered if plain else text
    words, share, navigation = _LOWER_CASE_CUE_PATTERNS if plain else _SHORT_CUE_PATTERNS
    match = words.match(subject)
    cue = match.lastgroup if match else None
    if cue == "newsletter":
        return _SHORT_REASONS[cue]
    if (not plain or lowered.startswith(_SHARE_OPENINGS)) and share.match(subject):
        return _SHORT_REASONS["share"]
    if cue:
        return _SHORT_REASONS[cue]
    if (not plain or "read" in lowered or lowered in _NAVIGATION_WORDS
            or _NAVIGATION_SEPARATOR.search(text)) and navigation.match(subject):
        return _SHORT_REASONS["navigation"]
    return None


def _may_be_image_label(text: str, lowered: str) -> bool:
    """A cheap test before the image label pattern: a colon, "by", a markup image or a bare
    agency name."""
    return ":" in text or " by" in lowered or text[0] in "!(" or lowered.startswith(_AGENCIES)


def _may_be_newsletter(lowered: str) -> bool:
    """A cheap test before the newsletter pattern: plain word searches are several times faster
    than the case-blind pattern, and nearly every line has none of these words."""
    return ("subscri" in lowered or "manage" in lowered or "browser" in lowered
            or "receiving" in lowered)


def _may_be_sign_up(lowered: str) -> bool:
    """The same cheap test before the short sign-up pattern."""
    return ("sign" in lowered or "newsletter" in lowered or "subscription" in lowered
            or "inbox" in lowered or "notify" in lowered)


def _may_be_copyright(text: str) -> bool:
    """A cheap test before the copyright pattern: nearly every line fails it."""
    return "\u00a9" in text or "eserved" in text or "opyright" in text


def notice_reason(text: str, lowered: str = "") -> str | None:
    """A site disclaimer or cookie notice, whatever its length (``lowered``: the text in lower
    case, when the caller has it)."""
    lowered = lowered or text.lower()
    # Cheap substring tests first: nearly every line has none of these words.
    if ("views" in lowered or "opinions" in lowered or "positions" in lowered
            or "necessarily" in lowered or "those of" in lowered) and _DISCLAIMER.search(text):
        return "site disclaimer"
    if "cookie" in lowered and _COOKIES.search(text):
        return "cookie notice"
    return None


def find_boilerplate(lines: Sequence[Line]) -> dict[int, str]:
    """The indexes of ``lines`` that are boilerplate, each with the reason."""
    reasons = {index: reason for index, reason in enumerate(map(line_reason, lines)) if reason}
    footer = _footer_start(lines, reasons)
    for index in range(footer, len(lines)):
        if index not in reasons and lines[index].words <= _FOOTER_NOTICE_WORDS:
            reason = notice_reason(lines[index].raw)
            if reason:
                reasons[index] = reason
    for index in sorted(i for i, reason in reasons.items() if reason in _BOXES):
        _claim_box(lines, reasons, index, footer)
    return reasons


def _footer_start(lines: Sequence[Line], reasons: dict[int, str]) -> int:
    """Where the trailing run of boilerplate, short lines and notices after the body begins.

    A page footer is a handful of lines, so the run is cut at :data:`FOOTER_LINES`: an article
    of short paragraphs must not become one long footer.
    """
    index = len(lines)
    while index > max(0, len(lines) - FOOTER_LINES):
        line = lines[index - 1]
        if (index - 1 in reasons or line.words <= SHORT_WORDS
                or (line.words <= _FOOTER_NOTICE_WORDS and notice_reason(line.raw))):
            index -= 1
        else:
            break
    return index


def _claim_box(lines: Sequence[Line], reasons: dict[int, str], start: int, footer: int) -> None:
    """Mark the lines an author box or a related-links list holds after its label."""
    box = reasons[start]
    index = start + 1
    if start >= footer:
        # In the footer everything after the label up to the next cue belongs to the box.
        while index < len(lines) and index not in reasons:
            reasons[index] = box
            index += 1
        return
    if box == REASON_SIGNATURE:
        # "--" in the body is only a separator; a signature follows it in the footer.
        reasons[start] = "separator line"
        return
    if box == REASON_RELATED:
        # Linked titles: short lines without closing punctuation, printed together (a blank
        # line may part them from the label, not from each other; where no blank lines part
        # blocks, the label's cue outweighs a break read from the lines' shape).
        while (index < len(lines) and index not in reasons and lines[index].words <= SHORT_WORDS
               and not ends_with_closing_punctuation(lines[index].text)
               and not (index > start + 1 and lines[index].after_blank
                        and not lines[index].inferred)):
            reasons[index] = box
            index += 1
        return
    # A name and a role (short, unpunctuated), then at most one short bio.
    labels = 0
    while (index < len(lines) and index not in reasons and labels < 3
           and lines[index].words <= _BOX_LINE_WORDS and lines[index].kind is TEXT
           and not ends_with_closing_punctuation(lines[index].text)):
        reasons[index] = box
        index += 1
        labels += 1
    if (index < len(lines) and index not in reasons and lines[index].kind is TEXT
            and lines[index].words <= _BIO_WORDS):
        reasons[index] = box
