"""A LibreTranslate client: POST /translate with a JSON body, the key in the body.

The texts go out as a JSON list in ``q`` (a batch per request), with ``source``,
``target``, ``format: text`` and — when there is one — ``api_key``: nothing is in the URL,
so neither the text nor the key is in a server's access log or in an error. The key comes
from ``LIBRETRANSLATE_API_KEY`` (or ``api_key=`` in Python); self-hosted servers need
none. Errors follow LibreTranslate's API: a JSON ``{"error": ...}`` with 400 (a bad
request, a language it lacks, a key it requires), 403 (a refused key, or a banned
client), 429 (slow down: retried) and 500 (retried).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any
from urllib.parse import urljoin

import requests

from newslib.errors import (
    TranslatorError,
    TranslatorHTTPError,
    TranslatorResponseError,
    TranslatorUnavailable,
)
from newslib.translators.pieces import translate_pieces
from newslib.translators.transport import (
    Transport,
    open_session,
    request_failure,
    retry_after,
    scrub,
)

__all__ = ["KEY_VARIABLE", "LibreTranslator"]

KEY_VARIABLE = "LIBRETRANSLATE_API_KEY"
DEFAULT_URL = "https://libretranslate.com/"


class LibreTranslator:
    """A LibreTranslate server at *url*, asked in batches of at most *batch* texts and
    *max_chars* characters (long texts are cut at sentences)."""

    def __init__(
        self,
        name: str = "libre",
        *,
        url: str | None = None,
        api_key: str | None = None,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        max_wait: float = 30.0,
        max_chars: int = 2000,
        batch: int = 25,
    ) -> None:
        self.name = name
        self.transport = Transport(timeout, retries, backoff, max_wait)
        base = url or DEFAULT_URL
        self.url = urljoin(base if base.endswith("/") else base + "/", "translate")
        self._key = api_key if api_key is not None else os.environ.get(KEY_VARIABLE, "")
        self.max_chars = max_chars
        self.batch = batch
        self._session = open_session(self.transport)

    def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        """Translate every text from *source* to *target*, in order."""
        return translate_pieces(
            texts,
            limit=self.max_chars,
            batch=self.batch,
            send=lambda batch: self._send(batch, source, target),
            engine=self.name,
        )

    def _send(self, texts: list[str], source: str, target: str) -> list[str]:
        body: dict[str, Any] = {"q": texts, "source": source, "target": target, "format": "text"}
        if self._key:
            body["api_key"] = self._key
        try:
            response = self._session.post(self.url, json=body)
        except requests.RequestException as exc:
            raise request_failure(self.name, exc, self.transport, self.url) from None
        if response.status_code != 200:
            raise self._refusal(response, texts, source, target)
        try:
            translated = response.json()["translatedText"]
        except (ValueError, KeyError, TypeError):
            raise TranslatorResponseError(
                f"{self.name} answered with something that is not LibreTranslate's JSON"
            ) from None
        if not isinstance(translated, list):
            raise TranslatorResponseError(
                f"{self.name} answered one text for a batch: is it a LibreTranslate server?"
            )
        return translated

    def _refusal(
        self, response: requests.Response, texts: list[str], source: str, target: str
    ) -> TranslatorError:
        """The error for a non-200 answer, in the words of LibreTranslate's API."""
        try:
            detail = str(response.json().get("error", ""))
        except (ValueError, AttributeError):
            detail = ""
        detail = scrub(detail, [self._key, *texts])
        status = response.status_code
        if status == 400 and (
            "is not supported" in detail or "not available as a target" in detail
        ):
            return TranslatorUnavailable(
                f"{self.name} does not translate {source!r} to {target!r} ({detail})"
            )
        if status == 403 or (status == 400 and "API key" in detail):
            hint = f"set {KEY_VARIABLE}" if not self._key else f"check {KEY_VARIABLE}"
            detail = f"{detail}; {hint}" if detail else hint
        elif status in (429, 500, 502, 503, 504):
            attempts = self.transport.attempts
            detail = f"{detail} (asked {attempts} time{'s' if attempts > 1 else ''})".lstrip()
        return TranslatorHTTPError(self.name, status, detail, retry_after=retry_after(response))
