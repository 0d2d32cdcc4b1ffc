"""A LibreTranslate server on 127.0.0.1 for the tests: its /translate and /languages
contract, with scripted misbehaviour (429, 500, slow replies, malformed JSON, placeholders
dropped, duplicated or reordered)."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

LANGUAGES = [
    {"code": code, "name": name, "targets": ["ar", "de", "en", "fr", "ru"]}
    for code, name in (("ar", "Arabic"), ("de", "German"), ("en", "English"),
                       ("fr", "French"), ("ru", "Russian"))
]  # fmt: skip


class LibreServer:
    """State shared with the handler: scripted replies, a translation function, a log."""

    def __init__(self, translate: Callable[[str, str, str], str]) -> None:
        self.translate = translate
        self.script: deque[str] = deque()  # next replies: "429", "500", "slow", "malformed"…
        self.requests: list[dict[str, str]] = []
        self.url = ""

    def handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                if urlsplit(self.path).path.rstrip("/") == "/languages":
                    self._json(200, LANGUAGES)
                else:
                    self._json(404, {"error": "Not Found"})

            def do_POST(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8") if length else ""
                fields = {k: v[0] for k, v in parse_qs(parts.query).items()}
                fields.update({k: v[0] for k, v in parse_qs(body).items()})
                if body.startswith("{"):
                    fields.update(json.loads(body))
                if parts.path.rstrip("/") != "/translate":
                    self._json(404, {"error": "Not Found"})
                    return
                server.requests.append(fields)
                action = server.script.popleft() if server.script else "ok"
                if action == "429":
                    self._json(429, {"error": "Slowdown"}, {"Retry-After": "0"})
                elif action == "500":
                    self._json(500, {"error": "boom"})
                elif action == "400":
                    self._json(400, {"error": "Invalid request"})
                elif action == "slow":
                    time.sleep(1.5)
                    self._json(200, {"translatedText": "late"})
                elif action == "malformed":
                    self._raw(200, b'{"translatedText": "unterminated')
                else:
                    text = server.translate(fields["q"], fields["source"], fields["target"])
                    self._json(200, {"translatedText": text})

            def _json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
                self._raw(status, json.dumps(data, ensure_ascii=False).encode(), headers)

            def _raw(
                self, status: int, payload: bytes, headers: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)

        return Handler


@contextmanager
def libre_server(translate: Callable[[str, str, str], str]) -> Iterator[LibreServer]:
    """Run a LibreTranslate-compatible server on 127.0.0.1 while the block runs."""
    state = LibreServer(translate)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), state.handler())
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
