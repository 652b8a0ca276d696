"""Stopping a web fetch from another thread at once (the app's Cancel).

A fetch waits in the socket: for the server's answer, or for the next piece of the page. A flag
checked between pieces is not heard while a server holds the connection without answering, so
the wait would last until the timeout. :class:`FetchStop` keeps the connection the fetch is
using and shuts it down when asked, which ends that wait at once. The connection classes here
hand their socket to it as soon as it is connected (after each redirect too).

A server that never takes the connection at all (the connect itself waits) is not reached this
way; that wait still ends at the fetch's timeout.
"""

from __future__ import annotations

import http.client
import logging
import socket
import threading
import urllib.request
from typing import Any

logger = logging.getLogger(__name__)


class FetchStop:
    """Asked from any thread to stop one fetch; :func:`opener_stopped_by` makes the fetch's
    connections answer to it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None
        self._stopped = False

    @property
    def stopped(self) -> bool:
        return self._stopped

    def stop(self) -> None:
        """Stop the fetch: its connection is shut down now, and any later one as it opens."""
        with self._lock:
            self._stopped = True
            sock = self._socket
        if sock is not None:
            _shut(sock)

    def watch(self, sock: socket.socket) -> None:
        """The socket the fetch now waits on (shut at once if the fetch was stopped already)."""
        with self._lock:
            self._socket = sock
            stopped = self._stopped
        if stopped:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed, or never connected
        logger.debug("the stopped fetch's connection was already closed")


def opener_stopped_by(stop: FetchStop, *handlers: urllib.request.BaseHandler
                      ) -> urllib.request.OpenerDirector:
    """``urllib.request.build_opener(*handlers)`` whose http and https connections ``stop``
    can shut down."""

    class Connection(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            stop.watch(self.sock)

    class SecureConnection(http.client.HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            stop.watch(self.sock)

    class Handler(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> Any:
            return self.do_open(Connection, req)

    class SecureHandler(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> Any:
            return self.do_open(SecureConnection, req)  # the default context, as urllib's

    return urllib.request.build_opener(Handler(), SecureHandler(), *handlers)
