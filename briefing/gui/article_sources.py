"""Articles from outside a file: the clipboard and web addresses, read as background jobs.

The Qt side only copies the clipboard's flavours into bytes and asks for the address; choosing
the flavour, unwrapping the markup and fetching with limits are in the core
(:mod:`briefing.core.importers.clipboard`, :mod:`briefing.core.importers.web`).
"""

from __future__ import annotations

import urllib.parse

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from briefing.core.errors import ArticleImportError
from briefing.core.importers.clipboard import HTML_TYPE, PLAIN_TYPE, WANTED_TYPES, paste_article
from briefing.core.importers.web import (
    TIMEOUT_SECONDS,
    import_web_address,
    looks_like_web_address,
)
from briefing.core.importers.web_stop import FetchStop
from briefing.core.model import Article
from briefing.gui.workers import CancelToken, Job, ProgressCallback

WEB_ADDRESS_PROMPT = "Web address of the article (https://…):"


def clipboard_mime() -> QMimeData | None:
    """What the system clipboard holds now (None when nothing)."""
    return QGuiApplication.clipboard().mimeData()


def clipboard_flavours(mime: QMimeData | None) -> tuple[dict[str, bytes], list[str]]:
    """The flavours the paste reads, as bytes by mime type, and the names of the others.

    Only the wanted flavours are copied, so an image or a file list on the clipboard costs
    nothing. Text the platform offers under another name (``text/plain;charset=utf-8``) is
    read through Qt's own conversion.
    """
    if mime is None:
        return {}, []
    formats = list(mime.formats())
    flavours = {kind: bytes(mime.data(kind).data()) for kind in WANTED_TYPES if kind in formats}
    if HTML_TYPE not in flavours and mime.hasHtml():
        flavours[HTML_TYPE] = mime.html().encode("utf-8")
    if PLAIN_TYPE not in flavours and mime.hasText():
        flavours[PLAIN_TYPE] = mime.text().encode("utf-8")
    others = [kind for kind in formats if kind not in flavours]
    if mime.hasImage() and not any(kind.startswith("image/") for kind in others):
        others.append("image/*")
    return flavours, others


def paste_job(flavours: dict[str, bytes], others: list[str]) -> Job[Article]:
    """A job reading the article in a copy of the clipboard."""
    def job(token: CancelToken, progress: ProgressCallback) -> Article:
        token.raise_if_cancelled()
        progress(0, 0, "Reading the pasted article")
        article = paste_article(flavours, others)
        token.raise_if_cancelled()
        return article

    return job


def web_address_job(url: str, timeout: float = TIMEOUT_SECONDS) -> Job[Article]:
    """A job fetching and importing ``url``; Cancel stops it at the next piece of the page."""
    host = urllib.parse.urlsplit(url.strip()).hostname or url

    def job(token: CancelToken, progress: ProgressCallback) -> Article:
        def on_bytes(read: int, total: int) -> None:
            token.raise_if_cancelled()
            of_total = f" of {_size(total)}" if total else ""
            progress(read, total, f"Downloading from {host}: {_size(read)}{of_total}")

        token.raise_if_cancelled()
        progress(0, 0, f"Connecting to {host}")
        stop = FetchStop()
        token.when_cancelled(stop.stop)  # ends a wait on a server that holds the connection
        try:
            article = import_web_address(url, timeout=timeout, progress=on_bytes, stop=stop)
        except ArticleImportError:
            # The stopped fetch (or a wait that outlasted Cancel: a server that never takes
            # the connection) fails: the user already stopped this import and is not told why.
            token.raise_if_cancelled()
            raise
        token.raise_if_cancelled()
        return article

    return job


def ask_web_address(parent: QWidget | None, suggestion: str = "") -> str | None:
    """Ask for the address to import (prefilled with ``suggestion``); None when cancelled.

    An address typed without its scheme (``www.example.org/story``) gets ``https://``, as a
    browser's address bar does; any other scheme is kept for the fetch to judge.
    """
    text, accepted = QInputDialog.getText(parent, "Import from Web Address", WEB_ADDRESS_PROMPT,
                                          QLineEdit.EchoMode.Normal, suggestion)
    text = text.strip()
    if not accepted or not text:
        return None
    return text if looks_like_web_address(text) else f"https://{text}"


def address_on_clipboard(mime: QMimeData | None) -> str:
    """A web address the clipboard holds as its only text, to offer in the address box."""
    if mime is None or not mime.hasText():
        return ""
    text = mime.text().strip()
    if len(text) < 2048 and " " not in text and "\n" not in text \
            and text.lower().startswith(("http://", "https://")):
        return text
    return ""


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / 1024 / 1024:.1f} MB"
    return f"{count // 1024} KB"
