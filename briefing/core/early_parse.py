"""Reading a large outline file in a second process while the app is still starting.

Parsing the YAML of a 20 MB outline is most of what opening it costs, and the app's own start
(loading Qt, building the window) takes about as long again. The interpreter runs one thread of
Python at a time, so a thread would not overlap the two; a second process does. At start the
app hands the file it will open to :func:`start_early_parse` (before it loads Qt when the file
is named on the command line, so this module imports little); the child reads and parses it
and sends back the plain data, and :func:`briefing.core.outline_file.load_outline` takes that
data instead of parsing again, but only when the child read exactly the text the app reads
itself (compared by digest). Anything else (a parse error, a file changed in between, a child
that could not start or died) falls back to the ordinary parse in the app, so every message and
warning is the one the ordinary path gives: the early parse only ever saves time.

The child sends the data first, packed with :mod:`marshal` (the same interpreter unpacks it;
pickle when the data holds a type marshal lacks, such as a date), then the digest, which it
works out while the app unpacks the data. Started with ``stream`` (at start), it sends each
article as soon as it is parsed, and the app reads the first articles while the child parses
the rest (:meth:`EarlyParse.take_streamed`); a thread of the child's own sends, so the parse
never waits for the app to read.

A large file opened later (File → Open) is parsed the same way, from the worker thread that
opens it: the thread waits on the pipe without holding the interpreter, so the window keeps
all of it, and Cancel stops the child at once.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import multiprocessing
import pickle
import queue
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from briefing.core import yaml_io
from briefing.core.errors import BriefingError, OutlineFormatError
from briefing.core.source_files import MAX_OUTLINE_BYTES, read_input_text

logger = logging.getLogger(__name__)

EARLY_PARSE_MIN_BYTES = 2 * 1024 * 1024
"""Smaller files parse in less time than a second process takes to start."""
POLL_S = 0.05
"""How often the waiting app checks that the child is still alive."""
NO_ANSWER = b""
"""What the child sends when it could not parse the file (the app then reads it itself)."""
_MARSHAL, _PICKLE = b"M", b"P"
"""The first byte of a packed message: how the rest is packed."""
_ARTICLE, _ROOT, _RESET = b"A", b"R", b"X"
"""Streamed messages: one article ``(index, data)`` as soon as it is parsed; the rest of the
document (each streamed article's place holding None); forget the articles sent so far (the
document needed the full constructor and comes whole)."""


def text_digest(text: str) -> bytes:
    """What tells the app's text and the child's apart (the text itself would be slow to send)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=32).digest()


def start_early_parse(path: Path | None, *, stream: bool = False) -> EarlyParse | None:
    """Start parsing the outline file ``path`` in another process if it is large enough to
    gain from it, for a :func:`~briefing.core.outline_file.load_outline` soon; else None.
    ``stream``: send each article as soon as it is parsed (see :meth:`EarlyParse.take_streamed`)."""
    return EarlyParse.start(path, MAX_OUTLINE_BYTES, stream=stream)


class EarlyParse:
    """An outline file being parsed in a child process; :meth:`take` collects it once."""

    def __init__(self, path: Path, limit: int, *, stream: bool = False) -> None:
        self.path = path
        self.stream = stream
        context = process_context()
        self._receiver, sender = context.Pipe(duplex=False)
        self._process: BaseProcess = context.Process(
            target=parse_in_child, args=(str(path), limit, sender, stream),
            name="briefing-early-parse", daemon=True)
        self._process.start()
        sender.close()  # the child holds the only sending end: its exit ends the pipe
        self._taken = False

    @property
    def pid(self) -> int | None:
        """The parsing process's id (for diagnostics)."""
        return self._process.pid

    def is_running(self) -> bool:
        """Whether the parsing process is still there (it ends once it has answered)."""
        return self._process.is_alive()

    @classmethod
    def start(cls, path: Path | None, limit: int, *, stream: bool = False
              ) -> EarlyParse | None:
        """Start parsing ``path`` if it is large enough to gain from it; None otherwise."""
        if path is None:
            return None
        try:
            if path.stat().st_size < EARLY_PARSE_MIN_BYTES:
                return None
            return cls(path, limit, stream=stream)
        except (OSError, ValueError, RuntimeError) as exc:  # no process: parse as usual
            logger.info("no early parse of %s: %s", path, exc)
            return None

    def wait(self, stop: Callable[[], bool]) -> bool:
        """Wait until the child has answered (True) or ``stop()`` says to give up (False; the
        child is then stopped). The interpreter is free for other threads meanwhile."""
        try:
            while not self._receiver.poll(POLL_S):
                if stop():
                    self.close()
                    return False
                if not self._process.is_alive() and not self._receiver.poll(0):
                    return True  # nothing will come: take() falls back to parsing here
        except (OSError, ValueError):  # closed meanwhile
            return not stop()
        return True

    def take(self, text: str) -> tuple[bool, Any]:
        """``(True, data)`` when the child parsed exactly ``text``; ``(False, None)`` otherwise.

        Waits for the child as long as it lives; its result is collected only once. A child
        started with ``stream`` gives the whole document here too.
        """
        articles: dict[int, Any] = {}
        found, data, streamed = self.take_streamed(text, articles.__setitem__, articles.clear)
        if found and streamed:
            for index, article in articles.items():
                data["articles"][index] = article
        return found, data

    def take_streamed(self, text: str, on_article: Callable[[int, Any], None],
                      on_reset: Callable[[], None],
                      on_idle: Callable[[], bool] | None = None) -> tuple[bool, Any, bool]:
        """Hand each article to ``on_article(index, data)`` as it comes, then return
        ``(True, document, streamed)`` when the child parsed exactly ``text``.

        With ``streamed`` the document's articles are the ones handed over (their places
        hold None); without, the document is whole and ``on_reset()`` has been called for any
        handed over before. ``(False, None, False)``: the child could not parse it; whatever
        was handed over is void. ``on_idle()``, when given, is called while no message has
        come yet, again and again as long as it returns True (it did a small piece of work
        and has more): time spent waiting otherwise.
        """
        if self._taken:
            return False, None, False
        self._taken = True
        expected = text_digest(text)  # while the child may still be at work
        streamed = False
        try:
            while True:
                message = self._next_message(on_idle)
                tag = message[:1]
                if tag == _ARTICLE:
                    index, article = unpack(message[1:])
                    on_article(index, article)
                    streamed = True
                elif tag == _RESET:
                    on_reset()
                    streamed = False
                elif not message:
                    return False, None, False
                else:
                    data = unpack(message[1:]) if tag == _ROOT else unpack(message)
                    break
            if self._next_message() != expected:
                return False, None, False
        except (EOFError, OSError, ValueError, TypeError, pickle.UnpicklingError) as exc:
            logger.info("early parse of %s gave nothing: %s", self.path, exc)
            return False, None, False
        finally:
            self.close()
        return True, data, streamed

    def _next_message(self, on_idle: Callable[[], bool] | None = None) -> bytes:
        """The child's next message, waiting as long as it lives (doing ``on_idle``'s work
        first while none has come); EOFError once it is gone."""
        if on_idle is not None:
            while not self._receiver.poll(0) and on_idle():
                pass
        while not self._receiver.poll(POLL_S):
            if not self._process.is_alive() and not self._receiver.poll(0):
                raise EOFError("the parsing process ended without answering")
        message: bytes = self._receiver.recv_bytes()
        return message

    def close(self) -> None:
        """Stop the child if it still runs and free the pipe (taking is no longer possible)."""
        self._taken = True
        self._receiver.close()
        if self._process.is_alive():
            self._process.kill()  # it only reads: nothing to clean up, and a stuck one ends too
        self._process.join()


def process_context() -> Any:
    """Forking is instant and safe before Qt starts its threads (Linux, one thread, Qt not yet
    loaded); otherwise the child is a fresh interpreter."""
    if (sys.platform.startswith("linux") and threading.active_count() == 1
            and "PySide6.QtCore" not in sys.modules):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def pack(data: Any) -> bytes:
    """``data`` as the child sends it: marshal when it can, else pickle."""
    try:
        return _MARSHAL + marshal.dumps(data)
    except ValueError:  # a type marshal lacks (a date the file left unquoted)
        return _PICKLE + pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(packed: bytes) -> Any:
    """What :func:`pack` packed."""
    return marshal.loads(packed[1:]) if packed[:1] == _MARSHAL else pickle.loads(packed[1:])


def parse_in_child(path: str, limit: int, sender: Connection, stream: bool = False) -> None:
    """The child's work: send the data, then the digest of the text it came from; or
    :data:`NO_ANSWER` on any error (the app then reads the file itself and reports the error
    as usual). With ``stream`` each article goes as soon as it is parsed, then the rest.

    Messages are sent by a thread of their own, so the parse goes on while the app is still
    busy and the pipe is full."""
    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    posting = threading.Thread(target=_post, args=(outbox, sender), daemon=True)
    posting.start()
    try:
        text = read_input_text(Path(path), OutlineFormatError, what="outline file",
                               warn=lambda _message: None, limit=limit)
        streamed: list[int] = []

        def hand_over(index: int, article: object) -> None:
            outbox.put(_ARTICLE + pack((index, article)))
            streamed.append(index)

        data = yaml_io.parse(text, path, hand_over if stream else None)
        articles = data.get("articles") if isinstance(data, dict) else None
        if streamed and not (isinstance(articles, list)
                             and all(articles[index] is None for index in streamed)):
            outbox.put(_RESET)  # the full constructor was needed: every article is in data
            streamed.clear()
        outbox.put(_ROOT + pack(data) if streamed else pack(data))
        outbox.put(text_digest(text))
    except (BriefingError, OSError, RecursionError, MemoryError, pickle.PicklingError):
        outbox.put(NO_ANSWER)
    finally:
        outbox.put(None)
        posting.join()


def _post(outbox: queue.SimpleQueue[bytes | None], sender: Connection) -> None:
    """Send the child's messages in turn until the last (None)."""
    try:
        while (message := outbox.get()) is not None:
            sender.send_bytes(message)
    except (OSError, ValueError):  # the app stopped waiting: nothing to do
        pass
    finally:
        sender.close()
