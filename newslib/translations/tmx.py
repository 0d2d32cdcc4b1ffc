"""The translation memory as TMX 1.4b, for translators' tools.

One ``<tu>`` per remembered translation: the source text and its translation as two
``<tuv xml:lang>``, the engine that made it as the unit's ``creationtool`` and as a
``<prop type="x-engine">``. The memory keeps texts masked (names as ``⟦n⟧``, see
:mod:`newslib.translations.masking`); each placeholder is a TMX ``<ph>``, a code the tools
carry over instead of translating. A unit has the ``creationdate`` of its entry where the
memory knows it (entries older than its version 2 have none).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from newslib.errors import UsageError
from newslib.translations.memory import MemoryEntry, TranslationMemory

__all__ = ["memory_tmx"]

_PLACEHOLDER = re.compile(r"⟦(\d+)⟧")  # masking's placeholders
# What XML 1.0 cannot carry (an engine may answer with it): written as U+FFFD.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _entries(path: str | Path) -> list[MemoryEntry]:
    """Every entry of the memory at *path* (which must exist: an export creates none)."""
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"{file}: no translation memory there; name one with --memory")
    with TranslationMemory(file) as memory:
        return list(memory.entries())


def memory_tmx(path: str | Path, *, now: datetime | None = None) -> str:
    """The memory at *path* as a TMX 1.4b document."""
    when = _tmx_date(now or datetime.now(UTC))
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'  <header creationtool="newslib" creationtoolversion="1" datatype="plaintext" '
        f'segtype="block" adminlang="en" srclang="*all*" o-tmf="newslib-memory" '
        f'creationdate="{when}"/>',
        "  <body>",
    ]
    for entry in _entries(path):
        engine, source, target = entry.engine, entry.source, entry.target
        created = f" creationdate={quoteattr(_tmx_date(entry.created))}" if entry.created else ""
        lines += [
            f"    <tu creationtool={quoteattr(engine)} srclang={quoteattr(source)}{created}>",
            f'      <prop type="x-engine">{escape(engine)}</prop>',
            f"      <tuv xml:lang={quoteattr(source)}><seg>{_seg(entry.text)}</seg></tuv>",
            f"      <tuv xml:lang={quoteattr(target)}><seg>{_seg(entry.translation)}</seg></tuv>",
            "    </tu>",
        ]
    lines += ["  </body>", "</tmx>", ""]
    return "\n".join(lines)


def _tmx_date(moment: datetime) -> str:
    """TMX's date form, in UTC: ``20261201T224900Z``."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _seg(text: str) -> str:
    """A segment's text, placeholders as ``<ph>`` codes."""
    text = _NOT_XML.sub("\ufffd", text)
    out: list[str] = []
    last = 0
    for found in _PLACEHOLDER.finditer(text):
        out.append(escape(text[last : found.start()]))
        out.append(f'<ph x="{int(found[1]) + 1}" type="x-name">{escape(found[0])}</ph>')
        last = found.end()
    out.append(escape(text[last:]))
    return "".join(out)
