"""A read-only rich-text view that shows only what it is given, for text other people wrote.

Qt's ``QTextBrowser`` loads any image or style sheet that its HTML names, local files included
(``/dev/zero`` exhausts memory, a named pipe blocks forever), and follows links itself. Outlines
come from other people, so every rich-text view in Briefing is a :class:`SafeBrowser`:

- nothing is loaded: :meth:`loadResource` refuses every request, whatever its scheme;
- links are never followed inside the app: a click on an http, https or mailto link asks the
  desktop to open it (the user's browser or mail program); a ``#name`` link scrolls to the anchor;
  any other link (``file:``, ``javascript:``, ``data:``...) does nothing;
- a view that needs links of its own (the reader's *Restore*) handles them through
  :meth:`handle_link` before the safe default.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

logger = logging.getLogger(__name__)

DESKTOP_SCHEMES = frozenset({"http", "https", "mailto"})
"""The link schemes handed to the desktop after a click; nothing else is ever opened."""


class SafeBrowser(QTextBrowser):
    """A ``QTextBrowser`` that loads no resources and opens only web and mail links, outside."""

    external_link_opened = Signal(QUrl)
    """A web or mail link was handed to the desktop."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802 (Qt override)
        """Refuse every resource: an image is a blank dot, anything else empty text.

        The answer must not be empty: ``QTextDocument`` reads a local file itself when the
        view's ``loadResource`` gives nothing back.
        """
        shown = name.toString() if isinstance(name, QUrl) else name
        logger.debug("refused to load %s", shown[:200])
        if kind == QTextDocument.ResourceType.ImageResource.value:
            return _blank_image()
        return ""

    def handle_link(self, url: QUrl) -> bool:
        """A subclass's own links; True when ``url`` was one of them."""
        return False

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if self.handle_link(url):
            return
        scheme = url.scheme().lower()
        if not scheme and url.hasFragment():
            self.scrollToAnchor(url.fragment())
        elif scheme in DESKTOP_SCHEMES:
            QDesktopServices.openUrl(url)
            self.external_link_opened.emit(url)
        else:
            logger.info("ignored a link the app does not open: %s", url.toString()[:200])


def _blank_image() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(0)
    return image
