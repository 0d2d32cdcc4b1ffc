"""Machine translation backends: one batch-first method, a registry by name, and a mock.

A backend is anything with ``translate(texts, *, source, target) -> list[str]``.
:func:`get_translator` builds one by name — ``libre`` (newslib's own LibreTranslate
client), ``deepl`` (DeepL's official client), ``google`` and ``mymemory`` (over
deep-translator) — importing its module only then, and saying which extra to install
when a package is missing; :func:`engines` says which are installed.
:class:`~newslib.translators.mock.MockTranslator` wraps a function, for tests and offline
drafts.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from newslib.errors import TranslatorUnavailable, UnknownEngineError
from newslib.translators.mock import MockTranslator

__all__ = ["ENGINES", "Engine", "MockTranslator", "Translator", "engines", "get_translator"]


@runtime_checkable
class Translator(Protocol):
    """A machine translation backend."""

    name: str

    def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        """Translate every text from *source* to *target*, in order."""
        ...


@dataclass(frozen=True)
class Engine:
    """A translation engine newslib has a backend for.

    *backend* is ``module:class``; *packages* are the top-level modules it needs, from
    the *extra*; *key_variable* is the environment variable its key is read from.
    """

    name: str
    backend: str
    packages: tuple[str, ...]
    description: str
    key_variable: str | None = None
    extra: str = "translate"

    @property
    def missing(self) -> tuple[str, ...]:
        """The packages it needs that are not installed."""
        return tuple(p for p in self.packages if importlib.util.find_spec(p) is None)

    @property
    def available(self) -> bool:
        """Whether everything it needs is installed."""
        return not self.missing

    @property
    def install(self) -> str:
        """The command that installs what it needs."""
        return f"pip install 'newslib[{self.extra}]'"


ENGINES: dict[str, Engine] = {
    engine.name: engine
    for engine in (
        Engine("libre", "newslib.translators.libre:LibreTranslator", ("requests", "urllib3"),
               "a LibreTranslate server (--url; key, if it needs one, in LIBRETRANSLATE_API_KEY)",
               "LIBRETRANSLATE_API_KEY"),
        Engine("deepl", "newslib.translators.deepl:DeepLTranslator", ("deepl", "requests"),
               "DeepL's API, through DeepL's client (key in DEEPL_AUTH_KEY; --url for another "
               "server)", "DEEPL_AUTH_KEY"),
        Engine("google", "newslib.translators.deep:DeepTranslator",
               ("deep_translator", "bs4", "requests", "urllib3"),
               "Google Translate's web page, through deep-translator (no key)"),
        Engine("mymemory", "newslib.translators.deep:DeepTranslator",
               ("deep_translator", "requests", "urllib3"),
               "MyMemory's free API, through deep-translator (no key)"),
    )
}  # fmt: skip


def engines() -> dict[str, Engine]:
    """Every engine by name; ``engines()[name].available`` says whether it is installed."""
    return dict(ENGINES)


def get_translator(name: str, **options: Any) -> Translator:
    """The backend called *name*, built with *options* (``url``, ``timeout``, ``retries``,
    ``backoff``; ``api_key`` for libre and deepl, which otherwise read their variable)."""
    engine = ENGINES.get(name)
    if engine is None:
        installed = [e.name for e in ENGINES.values() if e.available]
        missing = [e.name for e in ENGINES.values() if not e.available]
        absent = f"; not installed: {', '.join(missing)} (pip install 'newslib[translate]')"
        raise UnknownEngineError(
            f"unknown translation engine {name!r}; installed: {', '.join(installed) or 'none'}"
            + (absent if missing else "")
        )
    module_name, class_name = engine.backend.split(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise TranslatorUnavailable(
            f"the {name!r} engine needs {', '.join(engine.packages)}: {engine.install} ({exc})"
        ) from exc
    translator: Translator = getattr(module, class_name)(name, **options)
    return translator
