"""The preview's HTTP server: loopback only, a fixed set of routes, nothing else served.

Routes: ``/`` (the index), ``/memo/<id>`` (the memo, or its problems; ``?last-good=1``
for the last good version), ``/memo/<id>.pdf`` (rendered on request) and ``/events``
(server-sent events, one ``change`` event each time the workspace changed). A memo id is
looked up among the workspace's option sets, never used as a path, so nothing outside
the workspace (nor anything else inside it) can be asked for. Requests naming another
host than the loopback one are refused, against DNS rebinding.
"""

from __future__ import annotations

import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

from briefgen.preview.pages import index_page, memo_page
from briefgen.preview.state import Preview

#: The only address the preview binds to.
LOOPBACK = "127.0.0.1"
#: Seconds between keep-alive comments on an open event stream.
HEARTBEAT_SECONDS = 10.0
_MEMO = re.compile(r"/memo/([a-z0-9]+(?:-[a-z0-9]+)*)(\.pdf)?")


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server bound to 127.0.0.1 that serves one :class:`Preview`."""

    daemon_threads = True

    def __init__(self, preview: Preview, port: int) -> None:
        self.preview = preview
        self.stopping = threading.Event()
        super().__init__((LOOPBACK, port), Handler)

    @property
    def port(self) -> int:
        """The port bound (useful when 0 was asked for)."""
        return int(self.server_address[1])


class Handler(BaseHTTPRequestHandler):
    """Answers GET on the preview's routes; 404 for anything else."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"
    hosts: ClassVar[tuple[str, ...]] = (LOOPBACK, "localhost")

    def do_GET(self) -> None:
        """Route one GET request."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        if host not in self.hosts:
            self._send(HTTPStatus.FORBIDDEN, "text/plain", b"only the loopback host is served")
            return
        url = urlsplit(self.path)
        preview = self.server.preview
        if url.path == "/":
            self._html(index_page(preview))
        elif url.path == "/events":
            self._events()
        elif (found := _MEMO.fullmatch(url.path)) and found.group(1) in preview.memos:
            memo_id = found.group(1)
            if found.group(2):
                self._pdf(memo_id)
            else:
                last_good = parse_qs(url.query).get("last-good") == ["1"]
                self._html(memo_page(memo_id, preview.memos[memo_id], last_good=last_good))
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found")

    def _html(self, text: str) -> None:
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", text.encode("utf-8"))

    def _pdf(self, memo_id: str) -> None:
        data = self.server.preview.pdf(memo_id)
        if data is None:
            self._send(HTTPStatus.CONFLICT, "text/plain", b"the memo has no valid version yet")
            return
        self._send(HTTPStatus.OK, "application/pdf", data)

    def _send(self, status: HTTPStatus, kind: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview = self.server.preview
        generation = preview.generation
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while not self.server.stopping.is_set():
                now = preview.wait(generation, HEARTBEAT_SECONDS)
                message = f"event: change\ndata: {now}\n\n" if now > generation else ": idle\n\n"
                generation = now
                self.wfile.write(message.encode("ascii"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return  # the page was closed
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing per request: the terminal shows what changed instead."""
