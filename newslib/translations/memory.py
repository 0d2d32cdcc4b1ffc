"""Translation memory: machine translations kept in SQLite, reused across articles.

Keyed by engine, languages and the normalised (masked) source text, so the same sentence
is never sent twice — whichever article it appears in.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from newslib.errors import UsageError
from newslib.fsio import is_disk_full, write_failure

__all__ = ["TranslationMemory"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS memory (
    key TEXT PRIMARY KEY,
    engine TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    text TEXT NOT NULL,
    translation TEXT NOT NULL
)
"""


def _normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class TranslationMemory:
    """An SQLite file of earlier machine translations."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        with self._sqlite_errors():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)
            self._db.commit()

    @contextlib.contextmanager
    def _sqlite_errors(self) -> Iterator[None]:
        """SQLite's and the file system's errors, as newslib's, naming the memory file."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise UsageError(
                f"{self.path}: not a translation memory ({exc}); name another file with "
                "--memory, or move this one away"
            ) from exc
        except OSError as exc:
            if is_disk_full(exc):
                raise write_failure(exc, self.path, "the memory is unchanged", UsageError) from exc
            raise UsageError(f"{self.path}: cannot open: {exc.strerror}") from exc

    @staticmethod
    def key(engine: str, source: str, target: str, text: str) -> str:
        """The memory key of a text."""
        material = "\x00".join((engine, source, target, _normalised(text)))
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def get(self, engine: str, source: str, target: str, text: str) -> str | None:
        """An earlier translation of *text*, if any."""
        with self._sqlite_errors():
            row = self._db.execute(
                "SELECT translation FROM memory WHERE key = ?",
                (self.key(engine, source, target, text),),
            ).fetchone()
        return str(row[0]) if row else None

    def put(self, engine: str, source: str, target: str, text: str, translation: str) -> None:
        """Remember a translation."""
        with self._sqlite_errors():
            self._db.execute(
                "INSERT OR REPLACE INTO memory VALUES (?, ?, ?, ?, ?, ?)",
                (self.key(engine, source, target, text), engine, source, target,
                 _normalised(text), translation),
            )  # fmt: skip
            self._db.commit()

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM memory").fetchone()[0])

    def close(self) -> None:
        """Close the database."""
        self._db.close()
