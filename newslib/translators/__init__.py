"""Machine translation backends: one batch-first method, a registry by name, and a mock.

A backend is anything with ``translate(texts, *, source, target) -> list[str]``.
:func:`get_translator` builds one by name (``libre``, ``google``, ``mymemory``) over
deep-translator, importing it only then and saying which extra to install when it is
missing. :class:`~newslib.translators.mock.MockTranslator` wraps a function, for tests and
offline drafts.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from newslib.errors import TranslatorUnavailable, UnknownEngineError
from newslib.translators.mock import MockTranslator

__all__ = ["ENGINES", "MockTranslator", "Translator", "get_translator"]


@runtime_checkable
class Translator(Protocol):
    """A machine translation backend."""

    name: str

    def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        """Translate every text from *source* to *target*, in order."""
        ...


# Engine name -> "module:class". The module is imported on use.
ENGINES: dict[str, str] = {
    "libre": "newslib.translators.deep:DeepTranslator",
    "google": "newslib.translators.deep:DeepTranslator",
    "mymemory": "newslib.translators.deep:DeepTranslator",
}


def get_translator(name: str, **options: Any) -> Translator:
    """The backend called *name*, built with *options* (``url``, ``api_key``, ``timeout``…)."""
    target = ENGINES.get(name)
    if target is None:
        raise UnknownEngineError(
            f"unknown translation engine {name!r}; use one of: {', '.join(ENGINES)}"
        )
    module_name, class_name = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise TranslatorUnavailable(
            f"the {name!r} engine needs deep-translator: pip install 'newslib[translate]' ({exc})"
        ) from exc
    translator: Translator = getattr(module, class_name)(name, **options)
    return translator
