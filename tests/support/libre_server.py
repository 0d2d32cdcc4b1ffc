"""A LibreTranslate server on 127.0.0.1 for the tests: its /translate and /languages
contract (form or JSON body, ``q`` a text or a list, ``{"error": ...}`` with 400, 403, 429,
500), optional API keys, and scripted misbehaviour.

Script actions: ``429`` / ``429:N`` / ``429:date`` (slow down, with that Retry-After),
``500``, ``500:echo`` (an error that repeats the key and the text it was sent), ``400``,
``stall``, ``malformed`` (broken JSON), ``single`` (one text for a batch).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .scripted_server import Handler, Request, Scripted, retry_after, serve

LANGUAGES = [
    {"code": code, "name": name, "targets": ["ar", "de", "en", "fr", "ru"]}
    for code, name in (("ar", "Arabic"), ("de", "German"), ("en", "English"),
                       ("fr", "French"), ("ru", "Russian"))
]  # fmt: skip
CODES = {language["code"] for language in LANGUAGES}


class LibreServer(Scripted):
    """*translate(text, source, target)* is the "engine"; *keys*, when given, are the only
    API keys accepted (and then one is required)."""

    def __init__(
        self, translate: Callable[[str, str, str], str], keys: frozenset[str] = frozenset()
    ) -> None:
        super().__init__()
        self.translate = translate
        self.keys = keys

    def answer(self, handler: Handler, request: Request, action: str) -> None:
        path = request.path.rstrip("/")
        if request.method == "GET" and path == "/languages":
            handler.json(200, LANGUAGES)
            return
        if request.method != "POST" or path != "/translate":
            handler.json(404, {"error": "Not Found"})
            return
        fields = request.fields
        key = fields.get("api_key")
        if self.keys and key and key not in self.keys:
            handler.json(403, {"error": "Invalid API key"})
            return
        if self.keys and not key:
            handler.json(400, {"error": "Please contact the server operator to get an API key"})
            return
        q = fields.get("q")
        for name in ("q", "source", "target"):
            if not fields.get(name):
                handler.json(400, {"error": f"Invalid request: missing {name} parameter"})
                return
        for code in (fields["source"], fields["target"]):
            if code not in CODES:
                handler.json(400, {"error": f"{code} is not supported"})
                return
        texts = q if isinstance(q, list) else [q]
        if action.startswith("429"):
            handler.json(429, {"error": "Slowdown: 10 per 1 minute"}, retry_after(action))
        elif action == "500":
            handler.json(500, {"error": "Cannot translate text: boom"})
        elif action == "500:echo":
            handler.json(500, {"error": f"Cannot translate text: {texts[0]!r} with key {key}"})
        elif action == "400":
            handler.json(400, {"error": "Invalid request"})
        elif action == "malformed":
            handler.send(200, b'{"translatedText": "unterminated')
        elif action == "single":
            handler.json(200, {"translatedText": "one"})
        else:
            done = [self.translate(t, fields["source"], fields["target"]) for t in texts]
            handler.json(200, {"translatedText": done if isinstance(q, list) else done[0]})


@contextmanager
def libre_server(
    translate: Callable[[str, str, str], str], keys: frozenset[str] = frozenset()
) -> Iterator[LibreServer]:
    """Run a LibreTranslate-compatible server on 127.0.0.1 while the block runs."""
    with serve(LibreServer(translate, keys)) as state:
        yield state
