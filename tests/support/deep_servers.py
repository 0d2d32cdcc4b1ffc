"""Google's and MyMemory's answers as deep-translator reads them, on 127.0.0.1.

Google: ``GET ?sl=&tl=&q=`` → an HTML page with the translation in
``<div class="result-container">``. MyMemory: ``GET ?q=&langpair=en-GB|ru-RU`` → JSON
``{"responseData": {"translatedText": ...}, "matches": [...]}``. Script actions:
``429`` / ``429:N`` / ``429:date``, ``500``, ``stall``, ``malformed``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .scripted_server import Handler, Request, Scripted, retry_after, serve


class DeepServer(Scripted):
    """*kind* is ``google`` or ``mymemory``; *translate(text, source, target)* the engine."""

    def __init__(self, kind: str, translate: Callable[[str, str, str], str]) -> None:
        super().__init__()
        self.kind = kind
        self.translate = translate

    def answer(self, handler: Handler, request: Request, action: str) -> None:
        fields = request.fields
        if action.startswith("429"):
            handler.json(429, {"error": "Too Many Requests"}, retry_after(action))
            return
        if action == "500":
            handler.json(500, {"error": "boom"})
            return
        text = str(fields.get("q", ""))
        if self.kind == "google":
            source, target = str(fields.get("sl")), str(fields.get("tl"))
            page = (
                "<html><body>" if action == "malformed" else
                '<html><body><div class="result-container">'
                f"{html.escape(self.translate(text, source, target))}</div></body></html>"
            )  # fmt: skip
            handler.send(200, page.encode(), content_type="text/html; charset=utf-8")
            return
        source, _, target = str(fields.get("langpair")).partition("|")
        if action == "malformed":
            handler.send(200, b'{"responseData": ')
            return
        translated = self.translate(text, source, target)
        handler.json(200, {"responseData": {"translatedText": translated}, "matches": []})


@contextmanager
def deep_server(kind: str, translate: Callable[[str, str, str], str]) -> Iterator[DeepServer]:
    """Run a Google- or MyMemory-like server on 127.0.0.1 while the block runs."""
    with serve(DeepServer(kind, translate)) as state:
        yield state
