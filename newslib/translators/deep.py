"""Adapters over deep-translator, which has no timeouts, no retries and no common error.

This adapter adds them: every request gets a timeout; HTTP 429 and 5xx are retried with
exponential backoff (honouring ``Retry-After``); long texts are split at sentence
boundaries under the engine's length limit; and every failure becomes a
:class:`~newslib.errors.TranslatorError`, in one place: :func:`_foreign_errors`.

deep-translator calls ``requests`` without a timeout. The adapter wraps
``requests.Session.request`` once, and the wrapper applies a timeout — and records each
response's status — only inside an adapter call (a context variable says so); other uses
of requests in the process are untouched.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from typing import Any

import requests
from deep_translator import GoogleTranslator, LibreTranslator, MyMemoryTranslator
from deep_translator import exceptions as deep_errors

from newslib.errors import (
    TranslatorError,
    TranslatorHTTPError,
    TranslatorResponseError,
    TranslatorTimeout,
    TranslatorUnavailable,
    UsageError,
)

__all__ = ["LIMITS", "DeepTranslator", "split_sentences"]

# Characters per request each engine accepts.
LIMITS = {"google": 5000, "mymemory": 500, "libre": 2000}
_CLIENTS: dict[str, Any] = {
    "google": GoogleTranslator,
    "mymemory": MyMemoryTranslator,
    "libre": LibreTranslator,
}

_TIMEOUT: ContextVar[float | None] = ContextVar("newslib_translator_timeout", default=None)
_RESPONSES: ContextVar[list[requests.Response] | None] = ContextVar(
    "newslib_translator_responses", default=None
)


def _install_request_hook() -> None:
    session = requests.sessions.Session
    if getattr(session.request, "_newslib", False):
        return
    original = session.request

    def request(self: requests.Session, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        timeout = _TIMEOUT.get()
        if timeout is not None and kwargs.get("timeout") is None:
            kwargs["timeout"] = timeout
        response = original(self, method, url, *args, **kwargs)
        seen = _RESPONSES.get()
        if seen is not None:
            seen.append(response)
        return response

    request._newslib = True  # type: ignore[attr-defined]
    session.request = request  # type: ignore[method-assign,assignment]


@contextlib.contextmanager
def _watched(timeout: float) -> Iterator[list[requests.Response]]:
    responses: list[requests.Response] = []
    timeout_token = _TIMEOUT.set(timeout)
    responses_token = _RESPONSES.set(responses)
    try:
        yield responses
    finally:
        _TIMEOUT.reset(timeout_token)
        _RESPONSES.reset(responses_token)


@contextlib.contextmanager
def _foreign_errors(
    engine: str,
    timeout: float,
    *,
    failure: type[TranslatorError] = TranslatorError,
    pair: str = "these languages",
) -> Iterator[None]:
    """Run deep-translator under *timeout*; turn its and requests' errors into newslib's.

    An error the engine's API does not explain becomes *failure*; *pair* names the
    languages asked for.
    """
    with _watched(timeout) as responses:
        try:
            yield
        except deep_errors.LanguageNotSupportedException as exc:
            raise TranslatorUnavailable(f"{engine} does not translate {pair} ({exc})") from exc
        except requests.Timeout as exc:
            raise TranslatorTimeout(f"{engine} did not answer within {timeout:g} s") from exc
        except (json.JSONDecodeError, requests.JSONDecodeError, KeyError, TypeError) as exc:
            raise TranslatorResponseError(
                f"{engine} answered with something that is not its API's JSON"
            ) from exc
        except (deep_errors.ServerException, deep_errors.TooManyRequests,
                deep_errors.RequestError) as exc:  # fmt: skip
            last = responses[-1] if responses else None
            header = last.headers.get("Retry-After") if last is not None else None
            raise TranslatorHTTPError(
                engine,
                last.status_code if last is not None else None,
                str(exc),
                retry_after=float(header) if header and header.isdigit() else None,
            ) from exc
        except deep_errors.BaseError as exc:
            raise failure(f"{engine}: {exc}") from exc
        except requests.RequestException as exc:
            raise TranslatorError(f"{engine}: cannot reach the service ({exc})") from exc


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”“)\]]*\s+")


def split_sentences(text: str, limit: int) -> list[str]:
    """*text* in pieces of at most *limit* characters, cut after sentences where possible.

    Joining the pieces gives *text* back.

    >>> split_sentences("One. Two. Three.", 9)
    ['One. ', 'Two. ', 'Three.']
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    cuts = [m.end() for m in _SENTENCE_END.finditer(text)]
    start = 0
    for cut in [*cuts, len(text)]:
        sentence = text[start:cut]
        start = cut
        if current and len(current) + len(sentence) > limit:
            pieces.append(current)
            current = ""
        while len(sentence) > limit:  # one sentence longer than the limit: cut at a space
            space = sentence.rfind(" ", 0, limit)
            cut_at = space + 1 if space > 0 else limit
            pieces.append(sentence[:cut_at])
            sentence = sentence[cut_at:]
        current += sentence
    if current:
        pieces.append(current)
    return pieces


class DeepTranslator:
    """One deep-translator engine with a timeout, retries, splitting and mapped errors."""

    def __init__(
        self,
        name: str,
        *,
        url: str | None = None,
        api_key: str | None = None,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        if name not in _CLIENTS:
            raise TranslatorUnavailable(f"deep-translator has no engine {name!r} here")
        if not 0 < timeout <= 600 or retries < 0 or backoff < 0:
            raise UsageError(
                f"timeout {timeout:g} s, {retries} retries, backoff {backoff:g} s: the timeout "
                "must be above 0 and at most 600 s, and retries and backoff not negative"
            )
        self.name = name
        self.url = url
        self.api_key = api_key
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.limit = LIMITS[name]
        _install_request_hook()

    def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        """Translate every text, piece by piece under the engine's limit."""
        client = self._client(source, target)
        results = []
        for text in texts:
            if not text.strip():
                results.append(text)
                continue
            pieces = split_sentences(text, self.limit)
            translated = [self._one(client, piece.rstrip()) for piece in pieces]
            # Keep the whitespace that followed each piece.
            results.append(
                "".join(
                    t + piece[len(piece.rstrip()) :]
                    for t, piece in zip(translated, pieces, strict=True)
                )
            )
        return results

    def _client(self, source: str, target: str) -> Any:
        options: dict[str, Any] = {"source": source, "target": target}
        if self.name == "libre":
            options["api_key"] = self.api_key or "newslib"  # self-hosted servers need none
            if self.url:
                options["custom_url"] = self.url if self.url.endswith("/") else self.url + "/"
        pair = f"{source!r} to {target!r}"
        with _foreign_errors(self.name, self.timeout, failure=TranslatorUnavailable, pair=pair):
            return _CLIENTS[self.name](**options)

    def _one(self, client: Any, text: str) -> str:
        for attempt in range(self.retries + 1):
            try:
                with _foreign_errors(self.name, self.timeout):
                    result = client.translate(text)
            except TranslatorHTTPError as exc:
                if _retryable(exc.status) and attempt < self.retries:
                    time.sleep(self._delay(attempt, exc.retry_after))
                    continue
                raise
            if not isinstance(result, str):
                raise TranslatorResponseError(f"{self.name} returned no text for {text[:40]!r}")
            return result
        raise TranslatorError(f"{self.name}: no answer")  # unreachable: the loop returns or raises

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        wait = float(self.backoff * 2**attempt)
        return max(wait, min(retry_after, 30.0)) if retry_after is not None else wait


def _retryable(status: int | None) -> bool:
    return status == 429 or (status is not None and 500 <= status < 600)
