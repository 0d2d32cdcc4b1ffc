"""Google and MyMemory through deep-translator, on a session of newslib's own.

deep-translator calls the module-level ``requests.get`` (a fresh session each time, no
timeout, no retries) and takes no session. So the ``requests`` name *inside its google
and mymemory modules* is bound to a :class:`_Router`: while one of these adapters is
translating (a context variable says so, per thread and task), ``get``/``post`` go to that
adapter's :class:`~newslib.translators.transport.TransportSession` (timeout, urllib3
retries, ``Retry-After``); at any other time they go to ``requests`` itself. Nothing of
``requests`` is patched, so ``requests.get`` elsewhere in the process is untouched, and so
is deep-translator used by other code.

deep-translator's errors are mapped once, in :func:`_foreign_errors`.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from typing import Any

import requests
from deep_translator import GoogleTranslator, MyMemoryTranslator
from deep_translator import exceptions as deep_errors
from deep_translator import google as deep_google
from deep_translator import mymemory as deep_mymemory
from deep_translator.constants import MY_MEMORY_LANGUAGES_TO_CODES

from newslib.errors import (
    TranslatorError,
    TranslatorHTTPError,
    TranslatorResponseError,
    TranslatorUnavailable,
)
from newslib.translators.pieces import translate_pieces
from newslib.translators.transport import (
    Transport,
    TransportSession,
    open_session,
    request_failure,
    retry_after,
)

__all__ = ["LIMITS", "DeepTranslator"]

# Characters per request each engine accepts (deep-translator wants fewer than 5000 / 500).
LIMITS = {"google": 4999, "mymemory": 499}
_CLIENTS: dict[str, Any] = {"google": GoogleTranslator, "mymemory": MyMemoryTranslator}

_SESSION: ContextVar[TransportSession | None] = ContextVar("newslib_deep_session", default=None)


class _Router:
    """Stands for ``requests`` in deep-translator's modules: an adapter's session while it
    translates, ``requests`` itself otherwise."""

    def __getattr__(self, name: str) -> Any:
        return getattr(requests, name)

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        session = _SESSION.get()
        return session.get(url, **kwargs) if session is not None else requests.get(url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        session = _SESSION.get()
        return session.post(url, **kwargs) if session is not None else requests.post(url, **kwargs)


def _route_deep_translator() -> None:
    for module in (deep_google, deep_mymemory):
        if not isinstance(module.requests, _Router):
            module.requests = _Router()


def mymemory_code(language: str) -> str:
    """MyMemory's code for *language*: it wants a region (``ru`` → ``ru-RU``).

    >>> mymemory_code("ru"), mymemory_code("en"), mymemory_code("pt-BR"), mymemory_code("ka")
    ('ru-RU', 'en-GB', 'pt-BR', 'ka-GE')
    """
    codes = set(MY_MEMORY_LANGUAGES_TO_CODES.values())
    tag = language.replace("_", "-")
    if tag in codes:
        return tag
    base = tag.split("-")[0].lower()
    preferred = {"en": "en-GB", "pt": "pt-PT", "zh": "zh-CN", "ar": "ar-SA"}.get(base)
    if preferred in codes:
        return str(preferred)
    same = f"{base}-{base.upper()}"
    if same in codes:
        return same
    regional = sorted(code for code in codes if code.split("-")[0] == base)
    return regional[0] if regional else language


class DeepTranslator:
    """Google or MyMemory through deep-translator, with newslib's transport."""

    def __init__(
        self,
        name: str,
        *,
        url: str | None = None,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        max_wait: float = 30.0,
    ) -> None:
        if name not in _CLIENTS:
            raise TranslatorUnavailable(f"newslib drives no {name!r} engine over deep-translator")
        self.name = name
        self.url = url
        self.transport = Transport(timeout, retries, backoff, max_wait)
        self.limit = LIMITS[name]
        self._session = open_session(self.transport)
        _route_deep_translator()

    def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        """Translate every text, one piece per request, under the engine's limit."""
        client = self._client(source, target)
        token = _SESSION.set(self._session)
        try:
            return translate_pieces(
                texts,
                limit=self.limit,
                batch=1,
                send=lambda batch: [self._one(client, batch[0])],
                engine=self.name,
            )
        finally:
            _SESSION.reset(token)

    def _client(self, source: str, target: str) -> Any:
        if self.name == "mymemory":
            source, target = mymemory_code(source), mymemory_code(target)
        try:
            client = _CLIENTS[self.name](source=source, target=target)
        except (deep_errors.LanguageNotSupportedException,
                deep_errors.InvalidSourceOrTargetLanguage) as exc:  # fmt: skip
            raise TranslatorUnavailable(
                f"{self.name} does not translate {source!r} to {target!r}"
            ) from exc
        if self.url:  # a mirror, or a test server
            client._base_url = self.url
        return client

    def _one(self, client: Any, text: str) -> str:
        with _foreign_errors(self.name, self._session):
            result = client.translate(text)
        if not isinstance(result, str):
            raise TranslatorResponseError(f"{self.name} returned no text")
        return result


@contextlib.contextmanager
def _foreign_errors(engine: str, session: TransportSession) -> Iterator[None]:
    """Turn deep-translator's and requests' errors into newslib's (after the retries)."""
    try:
        yield
    except (json.JSONDecodeError, requests.JSONDecodeError, KeyError, TypeError, AttributeError,
            StopIteration, deep_errors.TranslationNotFound) as exc:  # fmt: skip
        raise TranslatorResponseError(
            f"{engine} answered with something that is not its API's answer ({type(exc).__name__})"
        ) from None
    except requests.RequestException as exc:
        url = exc.request.url if exc.request is not None and exc.request.url else engine
        raise request_failure(engine, exc, session.transport, str(url)) from None
    except (deep_errors.TooManyRequests, deep_errors.RequestError,
            deep_errors.ServerException) as exc:  # fmt: skip
        last = session.last_response
        attempts = session.transport.attempts
        raise TranslatorHTTPError(
            engine,
            last.status_code if last is not None else None,
            f"asked {attempts} time{'s' if attempts > 1 else ''}",
            retry_after=retry_after(last) if last is not None else None,
        ) from exc
    except deep_errors.BaseError as exc:
        raise TranslatorError(f"{engine}: {type(exc).__name__}") from None
