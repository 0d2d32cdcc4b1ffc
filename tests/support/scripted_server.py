"""An HTTP server on 127.0.0.1 (a random port) whose next answers a test can script.

Each engine's fake (libre_server, deepl_server, deep_servers) subclasses :class:`Scripted`
with its API's contract; the shared misbehaviour is here: ``stall`` (answer only after
:attr:`Scripted.stall` seconds, longer than the tests' timeouts), and the log of every
request (path, query, headers, body) to check what a client sent.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    """One request as the server saw it."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: str
    fields: dict[str, Any] = field(default_factory=dict)  # the parsed body and query
    at: float = 0.0  # time.monotonic() when it arrived


class Handler(BaseHTTPRequestHandler):
    """Parses the request, logs it, and hands it to the server's :meth:`Scripted.answer`."""

    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        fields: dict[str, Any] = {
            k: v if len(v) > 1 else v[0] for k, v in parse_qs(parts.query).items()
        }
        if body.startswith(("{", "[")):
            loaded = json.loads(body)
            if isinstance(loaded, dict):
                fields.update(loaded)
        elif body:
            fields.update({k: v if len(v) > 1 else v[0] for k, v in parse_qs(body).items()})
        request = Request(self.command, parts.path, parts.query, dict(self.headers.items()),
                          body, fields, time.monotonic())  # fmt: skip
        state = self.server.state
        with state.lock:
            state.requests.append(request)
            action = state.script.popleft() if state.script else "ok"
        if action == "stall":
            time.sleep(state.stall)
            action = "ok"
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client left
            state.answer(self, request, action)

    def send(self, status: int, payload: bytes, headers: dict[str, str] | None = None,
             content_type: str = "application/json") -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(payload)

    def json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
        self.send(status, json.dumps(data, ensure_ascii=False).encode(), headers)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    state: Scripted

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out and closed: nothing to report


class Scripted:
    """The state a test sees: the script of next answers, the request log, the URL."""

    stall = 1.0

    def __init__(self) -> None:
        self.script: deque[str] = deque()
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self.url = ""

    def answer(self, handler: Handler, request: Request, action: str) -> None:
        """Answer *request*, as *action* ("ok" or a scripted misbehaviour) says."""
        raise NotImplementedError

    def calls(self, path: str) -> list[Request]:
        """The requests that went to *path*."""
        return [r for r in self.requests if r.path.rstrip("/") == path.rstrip("/")]


def retry_after(action: str) -> dict[str, str]:
    """The Retry-After header an action asks for: ``429:date`` two seconds ahead as an
    HTTP date, ``429:N`` N seconds, ``429`` none."""
    _, _, how = action.partition(":")
    if how == "date":
        return {"Retry-After": formatdate(time.time() + 2, usegmt=True)}
    return {"Retry-After": how} if how else {}


S = TypeVar("S", bound=Scripted)


@contextmanager
def serve(state: S) -> Iterator[S]:
    """Run *state*'s server on 127.0.0.1 while the block runs."""
    httpd = _HTTPServer(("127.0.0.1", 0), Handler)
    httpd.state = state
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
