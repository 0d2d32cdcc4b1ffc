"""The translation memory as TMX 1.4b, for translators' tools.

One ``<tu>`` per remembered translation: the source text and its translation as two
``<tuv xml:lang>``, the engine that made it as the unit's ``creationtool`` and as a
``<prop type="x-engine">``. The memory keeps texts masked (names as ``⟦n⟧``, see
:mod:`newslib.translations.masking`); each placeholder is a TMX ``<ph>``, a code the tools
carry over instead of translating. The memory records no dates, so only the header has a
``creationdate`` (the export's).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from newslib.errors import UsageError

__all__ = ["memory_entries", "memory_tmx"]

_PLACEHOLDER = re.compile(r"⟦(\d+)⟧")  # masking's placeholders
# What XML 1.0 cannot carry (an engine may answer with it): written as U+FFFD.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

MemoryEntry = tuple[str, str, str, str, str]  # engine, source, target, text, translation


def memory_entries(path: str | Path) -> Iterator[MemoryEntry]:
    """Every entry of the memory at *path*, ordered by engine, languages and text.

    (Read with SQL here until ``TranslationMemory`` lists its entries itself.)
    """
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"{file}: no translation memory there; name one with --memory")
    try:
        db = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = db.execute(
                "SELECT engine, source, target, text, translation FROM memory "
                "ORDER BY engine, source, target, text"
            ).fetchall()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise UsageError(f"{file}: not a translation memory ({exc})") from None
    for row in rows:
        yield tuple(str(value) for value in row)  # type: ignore[misc]


def memory_tmx(path: str | Path, *, now: datetime | None = None) -> str:
    """The memory at *path* as a TMX 1.4b document."""
    when = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'  <header creationtool="newslib" creationtoolversion="1" datatype="plaintext" '
        f'segtype="block" adminlang="en" srclang="*all*" o-tmf="newslib-memory" '
        f'creationdate="{when}"/>',
        "  <body>",
    ]
    for engine, source, target, text, translation in memory_entries(path):
        lines += [
            f"    <tu creationtool={quoteattr(engine)} srclang={quoteattr(source)}>",
            f'      <prop type="x-engine">{escape(engine)}</prop>',
            f"      <tuv xml:lang={quoteattr(source)}><seg>{_seg(text)}</seg></tuv>",
            f"      <tuv xml:lang={quoteattr(target)}><seg>{_seg(translation)}</seg></tuv>",
            "    </tu>",
        ]
    lines += ["  </body>", "</tmx>", ""]
    return "\n".join(lines)


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
