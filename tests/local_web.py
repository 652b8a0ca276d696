"""A web server on 127.0.0.1 inside the test process, for importing from web addresses.

Nothing in the suite reaches the internet: pages are served from a table of routes, and the
failures a user meets (404, not a web page, too large, redirect loop, a server that never
answers, a closed port) are built here on purpose.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE_PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<title>Tidal Barriers Before the Next Surge | The Estuary Review</title>
<meta name="author" content="Morag Lindqvist">
<meta property="og:site_name" content="The Estuary Review">
<meta name="date" content="2025-03-14">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav>
<article>
<h1>Tidal Barriers Before the Next Surge</h1>
<p>Coastal councils have until the spring to agree how the three tidal barriers on the estuary
will be paid for, and the engineers who run them say the oldest gate is already past its design
life by a decade and more.</p>
<h2>The ageing gates</h2>
<p>The northern gate was built in 1982 and closed forty times last winter, twice as often as
its designers expected, and each closing now needs a crew of eleven instead of four.</p>
<p>Its motors are no longer made, so spare parts come from a scrapped barrier in another
country, and the last set was fitted in the autumn after a six month wait.</p>
<h2>Who pays</h2>
<p>The councils propose to split the 310 million cost by the length of shore each protects,
which leaves the smallest district with the largest bill per household by a wide margin.</p>
<p>A national fund could cover half, but only if the councils submit one joint plan before the
end of the financial year, which none of them has yet agreed to draft.</p>
</article>
<footer>Copyright The Estuary Review. All rights reserved.</footer>
</body></html>
"""
"""A saved-page shaped article written for these tests (facts invented)."""


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True
    repeat: int = 1
    """The body is sent this many times (a page larger than any limit, without holding it)."""
    gate: threading.Event | None = None
    """When given, the server sends the body once, then waits for this before the rest."""


class LocalSite:
    """Routes by path; ``url(path)`` gives the full address."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append(self.path)
                route = site.routes.get(self.path, Route(404, b"<p>not here</p>"))
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.send_length:
                    self.send_header("Content-Length", str(len(route.body) * route.repeat))
                else:
                    self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for count in range(route.repeat):
                        self.wfile.write(route.body)
                        if count == 0 and route.gate is not None:
                            self.wfile.flush()
                            route.gate.wait(timeout=30)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading (a size limit): that is the point

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def page(self, path: str, html: str = ARTICLE_PAGE, **kwargs: object) -> str:
        """Serve ``html`` at ``path``; returns the address."""
        self.routes[path] = Route(body=html.encode("utf-8"), **kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def redirect(self, path: str, target: str, status: int = 302) -> str:
        self.routes[path] = Route(status, b"", headers={"Location": target})
        return self.url(path)


@contextmanager
def local_site() -> Iterator[LocalSite]:
    site = LocalSite()
    thread = threading.Thread(target=site.server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.server.shutdown()
        site.server.server_close()
        thread.join()


@contextmanager
def silent_server() -> Iterator[str]:
    """An address whose server accepts the connection and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/article"
    finally:
        listener.close()


def closed_port_address() -> str:
    """An address on 127.0.0.1 where nothing listens (the port was just freed)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return f"http://127.0.0.1:{port}/article"


@contextmanager
def holding_server() -> Iterator[tuple[str, threading.Event]]:
    """An address whose server reads the request and then holds the connection without ever
    answering; the event is set once a request has arrived."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    asked = threading.Event()
    held: list[socket.socket] = []

    def hold() -> None:
        try:
            connection, _ = listener.accept()
        except OSError:  # closed before anyone came
            return
        held.append(connection)
        connection.recv(65536)
        asked.set()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/article", asked
    finally:
        listener.close()
        for connection in held:
            connection.close()
        thread.join()
