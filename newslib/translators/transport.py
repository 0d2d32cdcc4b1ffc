"""What the HTTP engines share: one session each, with a timeout and urllib3 retries.

:func:`open_session` gives a :class:`requests.Session` of the engine's own (nothing
process-wide is changed) whose every request has the timeout, and whose adapters retry,
through urllib3's :class:`~urllib3.util.Retry`, connection failures, timeouts and HTTP
429/500/502/503/504, with exponential backoff, honouring ``Retry-After`` in seconds or as
an HTTP date (capped at :attr:`Transport.max_wait`). POST is retried too: a translation
request changes nothing on the server.

The errors made here name the engine, the host, the timeout and the attempts — never a
URL (deep-translator's carry the text in it), a key or the text sent.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import InvalidHeader, MaxRetryError, NewConnectionError
from urllib3.exceptions import TimeoutError as Urllib3Timeout
from urllib3.util.retry import Retry

from newslib.errors import (
    TranslatorError,
    TranslatorTimeout,
    TranslatorUnreachable,
    UsageError,
)

__all__ = [
    "RETRY_STATUSES",
    "Transport",
    "TransportSession",
    "open_session",
    "request_failure",
    "retry_after",
    "scrub",
]

# The answers worth asking again: rate limits and a server's passing trouble.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Transport:
    """How long to wait for an answer, how often to ask again, and how long between.

    *timeout* is seconds per attempt (connecting, then each read); *retries* is attempts
    after the first; the waits between them grow as *backoff* × 2ⁿ; a server's
    ``Retry-After`` is honoured up to *max_wait* seconds.
    """

    timeout: float = 10.0
    retries: int = 3
    backoff: float = 0.5
    max_wait: float = 30.0

    def __post_init__(self) -> None:
        if not (0 < self.timeout <= 600 and 0 <= self.retries <= 20):
            raise UsageError(
                f"timeout {self.timeout:g} s, {self.retries} retries: the timeout must be above "
                "0 and at most 600 s, the retries from 0 to 20"
            )
        if not (0 <= self.backoff <= 60 and 0 <= self.max_wait <= 3600) or math.isnan(
            self.backoff + self.max_wait
        ):
            raise UsageError(
                f"backoff {self.backoff:g} s, longest wait {self.max_wait:g} s: the backoff must "
                "be from 0 to 60 s, the longest wait from 0 to 3600 s"
            )

    @property
    def attempts(self) -> int:
        """How many times a request is sent at most."""
        return self.retries + 1


class _Retry(Retry):
    """urllib3's Retry with ``Retry-After`` capped, and a malformed one ignored."""

    max_wait: float = 30.0

    def new(self, **kw: Any) -> _Retry:
        retry = super().new(**kw)
        retry.max_wait = self.max_wait
        return retry

    def get_retry_after(self, response: Any) -> float | None:
        try:
            seconds = super().get_retry_after(response)
        except InvalidHeader:  # neither seconds nor a date: back off as usual
            return None
        return None if seconds is None else min(seconds, self.max_wait)


_SENDING: ContextVar[bool] = ContextVar("newslib_transport_sending", default=False)
_QUERY = re.compile(r"\?\S*")


class _NoQueryInRetryLogs(logging.Filter):
    """urllib3 logs each retry with the URL; deep-translator's carry the text in the query.

    Only records made while one of newslib's sessions is sending are changed.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if _SENDING.get() and isinstance(record.args, tuple):
            record.args = tuple(
                _QUERY.sub("?…", arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


logging.getLogger("urllib3.connectionpool").addFilter(_NoQueryInRetryLogs())


class TransportSession(requests.Session):
    """A session whose requests get the transport's timeout unless they set one.

    ``last_response`` is the final answer to the latest request (after the retries).
    """

    def __init__(self, transport: Transport) -> None:
        super().__init__()
        self.transport = transport
        self.last_response: requests.Response | None = None
        retry = _Retry(
            total=transport.retries,
            connect=transport.retries,
            read=transport.retries,
            status=transport.retries,
            other=0,
            allowed_methods=None,  # POST too
            status_forcelist=RETRY_STATUSES,
            backoff_factor=transport.backoff,
            respect_retry_after_header=True,
            raise_on_status=False,  # the last answer comes back; the engine reads its error
        )
        retry.max_wait = transport.max_wait
        adapter = HTTPAdapter(max_retries=retry)
        self.mount("http://", adapter)
        self.mount("https://", adapter)

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        """Send with the session's timeout when the caller gave none."""
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.transport.timeout
        self.last_response = None
        token = _SENDING.set(True)
        try:
            response = super().request(method, url, *args, **kwargs)
        finally:
            _SENDING.reset(token)
        self.last_response = response
        return response


def open_session(transport: Transport) -> TransportSession:
    """A new session with *transport*'s timeout and retries."""
    return TransportSession(transport)


def retry_after(response: requests.Response) -> float | None:
    """The seconds a response's ``Retry-After`` asks for (seconds or an HTTP date)."""
    header = response.headers.get("Retry-After")
    if not header:
        return None
    try:
        return float(Retry().parse_retry_after(header))
    except InvalidHeader:
        return None


def _timed_out(exc: BaseException) -> bool:
    if isinstance(exc, requests.Timeout | Urllib3Timeout):
        return not isinstance(exc, NewConnectionError)
    return any(
        isinstance(arg, MaxRetryError)
        and isinstance(arg.reason, Urllib3Timeout)
        and not isinstance(arg.reason, NewConnectionError)  # a refusal, though a subclass
        for arg in exc.args
    )


def request_failure(
    engine: str, exc: requests.RequestException, transport: Transport, url: str
) -> TranslatorError:
    """The newslib error for a request that failed without an answer, after the retries."""
    host = urlsplit(url).netloc or url
    tries = f"asked {transport.attempts} time{'s' if transport.attempts > 1 else ''}"
    if _timed_out(exc):
        return TranslatorTimeout(
            f"{engine} did not answer within {transport.timeout:g} s ({tries}, at {host})"
        )
    if isinstance(exc, requests.ConnectionError):
        return TranslatorUnreachable(
            f"{engine}: cannot connect to {host} ({tries}); check --url and that the "
            "server is running"
        )
    return TranslatorError(f"{engine}: the request to {host} failed ({type(exc).__name__})")


_SPACES = re.compile(r"\s+")


def scrub(message: str, secrets: Iterable[str], limit: int = 200) -> str:
    """*message* on one line, at most *limit* characters, with every secret taken out.

    A server's error text may echo what it was sent: the key, or the article's text.

    >>> scrub("bad key sekret-123 for 'Talks in Sukhumi.'", ["sekret-123", "Talks in Sukhumi."])
    "bad key … for '…'"
    """
    for secret in sorted({s for s in secrets if len(s.strip()) >= 3}, key=len, reverse=True):
        message = message.replace(secret, "…")
        message = message.replace(secret.strip(), "…")
    message = _SPACES.sub(" ", message).strip()
    return message if len(message) <= limit else message[: limit - 1] + "…"
