"""DeepL through DeepL's official client (the ``deepl`` package).

The key comes from ``DEEPL_AUTH_KEY`` (or ``api_key=`` in Python) and travels in the
``Authorization: DeepL-Auth-Key …`` header, never in a URL or a message. *url* is the
client's ``server_url`` (default: the client picks api.deepl.com, or api-free.deepl.com for
a ``:fx`` key). Languages are mapped as DeepL wants them: source languages without region
(``EN``, ``PT``), target variants where DeepL requires one (``en`` → ``EN-GB``, ``en-US`` →
``EN-US``, ``pt`` → ``PT-PT``, ``pt-BR`` → ``PT-BR``, ``zh`` → ``ZH-HANS``, ``zh-TW`` →
``ZH-HANT``).

*timeout* is the least each attempt waits: the client waits longer once its backoff
outgrows it. Timeouts and retries are the client's own settings — ``deepl.http_client``'s
``min_connection_timeout`` and ``max_network_retries``, and the base of its exponential
backoff — which are module-wide in the client; they are set to this translator's values
for the length of each call, under a lock, and put back after. The client retries timeouts,
connection failures, 429 and 5xx; it does not read ``Retry-After``.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator, Sequence

import deepl
import requests
from deepl import http_client

from newslib.errors import (
    TranslatorError,
    TranslatorHTTPError,
    TranslatorResponseError,
    TranslatorTimeout,
    TranslatorUnavailable,
    TranslatorUnreachable,
)
from newslib.translators.pieces import translate_pieces
from newslib.translators.transport import Transport, scrub

__all__ = ["KEY_VARIABLE", "DeepLTranslator", "deepl_languages"]

KEY_VARIABLE = "DEEPL_AUTH_KEY"
_QUOTA_EXCEEDED = 456
# Targets DeepL only takes with a variant, and the variant a bare language gets.
_DEFAULT_VARIANT = {"EN": "EN-GB", "PT": "PT-PT", "ZH": "ZH-HANS"}
_SCRIPTS = {"HANS": "ZH-HANS", "CN": "ZH-HANS", "SG": "ZH-HANS",
            "HANT": "ZH-HANT", "TW": "ZH-HANT", "HK": "ZH-HANT", "MO": "ZH-HANT"}  # fmt: skip
_SETTINGS = threading.Lock()


def deepl_languages(source: str, target: str) -> tuple[str, str]:
    """DeepL's codes for a language pair.

    >>> deepl_languages("en-GB", "pt-BR"), deepl_languages("ru", "en")
    (('EN', 'PT-BR'), ('RU', 'EN-GB'))
    >>> deepl_languages("de", "en_US"), deepl_languages("fr", "zh-Hant-TW")
    (('DE', 'EN-US'), ('FR', 'ZH-HANT'))
    """
    source_parts = source.replace("_", "-").upper().split("-")
    parts = target.replace("_", "-").upper().split("-")
    base = parts[0]
    if base == "ZH":
        variant = next((_SCRIPTS[p] for p in parts[1:] if p in _SCRIPTS), "ZH-HANS")
    elif base in ("EN", "PT") and len(parts) > 1:
        variant = f"{base}-{parts[1]}"
    else:
        variant = _DEFAULT_VARIANT.get(base, base)
    return source_parts[0], variant


@contextlib.contextmanager
def _client_settings(transport: Transport) -> Iterator[None]:
    """The client's module-wide timeout, retries and backoff, for one call."""
    timer = http_client._BackoffTimer
    with _SETTINGS:
        saved = (http_client.min_connection_timeout, http_client.max_network_retries,
                 timer.BACKOFF_INITIAL)  # fmt: skip
        http_client.min_connection_timeout = transport.timeout
        http_client.max_network_retries = transport.retries
        timer.BACKOFF_INITIAL = transport.backoff
        try:
            yield
        finally:
            (http_client.min_connection_timeout, http_client.max_network_retries,
             timer.BACKOFF_INITIAL) = saved  # fmt: skip


class DeepLTranslator:
    """DeepL's v2 API through its Python client, in batches of at most 50 texts."""

    def __init__(
        self,
        name: str = "deepl",
        *,
        url: str | None = None,
        api_key: str | None = None,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        max_chars: int = 20000,
        batch: int = 50,
    ) -> None:
        self.name = name
        self.transport = Transport(timeout, retries, backoff)
        self._key = api_key if api_key is not None else os.environ.get(KEY_VARIABLE, "")
        if not self._key.strip():
            raise TranslatorUnavailable(
                f"{name} needs an authentication key: set {KEY_VARIABLE} to the key of your "
                "DeepL account"
            )
        # The client joins "v2/translate" to it: keep a path such as /deepl/ in it.
        self.url = url if url is None or url.endswith("/") else url + "/"
        self.max_chars = max_chars
        self.batch = batch
        self._client = deepl.Translator(self._key, server_url=self.url, send_platform_info=False)

    def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        """Translate every text from *source* to *target*, in order."""
        pair = deepl_languages(source, target)
        with _client_settings(self.transport):
            return translate_pieces(
                texts,
                limit=self.max_chars,
                batch=self.batch,
                send=lambda batch: self._send(batch, pair, (source, target)),
                engine=self.name,
            )

    def _send(self, texts: list[str], pair: tuple[str, str], asked: tuple[str, str]) -> list[str]:
        try:
            results = self._client.translate_text(
                texts, source_lang=pair[0], target_lang=pair[1], preserve_formatting=True
            )
        except deepl.DeepLException as exc:
            raise self._failure(exc, texts, pair, asked) from None
        except (KeyError, TypeError, ValueError, AttributeError):
            raise TranslatorResponseError(
                f"{self.name} answered with something that is not DeepL's JSON"
            ) from None
        return [result.text for result in (results if isinstance(results, list) else [results])]

    def _failure(
        self,
        exc: deepl.DeepLException,
        texts: list[str],
        pair: tuple[str, str],
        asked: tuple[str, str],
    ) -> TranslatorError:
        tries = f"asked {self.transport.attempts} time{'s' if self.transport.attempts > 1 else ''}"
        if isinstance(exc, deepl.ConnectionException):
            cause = exc.__cause__
            host = self._client.server_url
            if isinstance(cause, requests.Timeout):
                return TranslatorTimeout(
                    f"{self.name} did not answer within {self.transport.timeout:g} s "
                    f"({tries}, at {host})"
                )
            return TranslatorUnreachable(
                f"{self.name}: cannot connect to {host} ({tries}); check --url and that the "
                "server is running"
            )
        status = exc.http_status_code
        if isinstance(exc, deepl.AuthorizationException):
            return TranslatorHTTPError(
                self.name, status, f"the key was refused; check {KEY_VARIABLE}"
            )
        if isinstance(exc, deepl.QuotaExceededException) or status == _QUOTA_EXCEEDED:
            return TranslatorHTTPError(
                self.name, status, "the character quota of this billing period is used up"
            )
        detail = scrub(str(exc), [self._key, *texts])
        if status == 400 and "lang" in detail:
            return TranslatorUnavailable(
                f"{self.name} does not translate {asked[0]!r} to {asked[1]!r} "
                f"(sent as {pair[0]} → {pair[1]}: {detail})"
            )
        if isinstance(exc, deepl.TooManyRequestsException) or (status or 0) >= 500:
            detail = f"{detail} ({tries})"
        return TranslatorHTTPError(self.name, status, detail)
