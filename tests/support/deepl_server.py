"""A DeepL API server on 127.0.0.1 for the tests, speaking the v2 contract.

``POST /v2/translate`` with a form or JSON body (``text`` one or many, ``target_lang``,
``source_lang``), authorised by ``Authorization: DeepL-Auth-Key KEY``; answers
``{"translations": [{"detected_source_language", "text", "billed_characters"}]}``;
403 for a bad key, 456 when the character quota is used up, 400 for a language it lacks.
``/v2/usage`` and ``/v2/languages`` (``type=source|target``) as DeepL has them.

Script actions: ``429`` / ``429:N`` / ``429:date``, ``500``, ``503``, ``500:echo``,
``stall``, ``malformed``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .scripted_server import Handler, Request, Scripted, retry_after, serve

SOURCES = {"AR": "Arabic", "DE": "German", "EN": "English", "FR": "French",
           "PT": "Portuguese", "RU": "Russian", "UK": "Ukrainian", "ZH": "Chinese"}  # fmt: skip
TARGETS = {"AR": "Arabic", "DE": "German", "EN-GB": "English (British)",
           "EN-US": "English (American)", "FR": "French", "PT-BR": "Portuguese (Brazilian)",
           "PT-PT": "Portuguese (European)", "RU": "Russian", "UK": "Ukrainian",
           "ZH-HANS": "Chinese (simplified)", "ZH-HANT": "Chinese (traditional)"}  # fmt: skip


class DeepLServer(Scripted):
    """*translate(text, source, target)* is the "engine"; *key* the one key it accepts;
    *character_limit* the quota of the billing period."""

    def __init__(
        self, translate: Callable[[str, str, str], str], key: str, character_limit: int
    ) -> None:
        super().__init__()
        self.translate = translate
        self.key = key
        self.character_limit = character_limit
        self.character_count = 0

    def answer(self, handler: Handler, request: Request, action: str) -> None:
        if request.headers.get("Authorization") != f"DeepL-Auth-Key {self.key}":
            handler.json(403, {"message": "Forbidden"})
            return
        path = request.path.rstrip("/")
        fields = request.fields
        if path == "/v2/usage":
            handler.json(200, {"character_count": self.character_count,
                               "character_limit": self.character_limit})  # fmt: skip
        elif path == "/v2/languages":
            target = fields.get("type") == "target"
            table = TARGETS if target else SOURCES
            handler.json(200, [{"language": code, "name": name, "supports_formality": target}
                               for code, name in table.items()])  # fmt: skip
        elif path == "/v2/translate" and request.method == "POST":
            self._translate(handler, fields, action)
        else:
            handler.json(404, {"message": "Not found"})

    def _translate(self, handler: Handler, fields: dict[str, object], action: str) -> None:
        texts = fields.get("text")
        texts = texts if isinstance(texts, list) else [texts] if texts else []
        target, source = fields.get("target_lang"), fields.get("source_lang")
        if not texts or not all(isinstance(t, str) for t in texts):
            handler.json(400, {"message": "Parameter 'text' not specified."})
        elif target not in TARGETS:
            handler.json(400, {"message": "Value for 'target_lang' not supported."})
        elif source is not None and source not in SOURCES:
            handler.json(400, {"message": "Value for 'source_lang' not supported."})
        elif action.startswith("429"):
            handler.json(429, {"message": "Too many requests"}, retry_after(action))
        elif action in ("500", "503"):
            handler.json(int(action), {"message": "Internal error"})
        elif action == "500:echo":
            handler.json(500, {"message": f"cannot translate {texts[0]} for {self.key}"})
        elif action == "malformed":
            handler.send(200, b'{"translations": [{"text": "unterminated')
        elif self.character_count + sum(len(str(t)) for t in texts) > self.character_limit:
            handler.json(456, {"message": "Quota Exceeded"})
        else:
            self.character_count += sum(len(str(t)) for t in texts)
            detected = str(source or "EN")
            handler.json(200, {"translations": [
                {"detected_source_language": detected, "billed_characters": len(str(text)),
                 "text": self.translate(str(text), detected, str(target))}
                for text in texts
            ]})  # fmt: skip


@contextmanager
def deepl_server(
    translate: Callable[[str, str, str], str],
    key: str = "deepl-test-key:fx",
    character_limit: int = 500_000,
) -> Iterator[DeepLServer]:
    """Run a DeepL-compatible server on 127.0.0.1 while the block runs."""
    with serve(DeepLServer(translate, key, character_limit)) as state:
        yield state
