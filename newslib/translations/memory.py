"""Translation memory: machine translations kept in SQLite, reused across articles.

Keyed by engine, languages and the normalised (masked) source text, so the same sentence
is never sent twice — whichever article it appears in. One file per user, in the user
data folder (``platformdirs.user_data_path("newslib")``) unless ``NEWSLIB_MEMORY`` or
``--memory`` names another. The schema is versioned (``PRAGMA user_version``): an older
file is migrated on opening, a newer one refused. Writers wait for each other (WAL, a
busy timeout), so two drafting runs can share the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from newslib.errors import UsageError
from newslib.fsio import is_disk_full, write_failure

__all__ = ["SCHEMA_VERSION", "MemoryEntry", "TranslationMemory", "default_memory_path"]

SCHEMA_VERSION = 2
_BUSY_TIMEOUT_MS = 30_000

# user_version -> the statements that bring a file of that version to the next one.
# 0: a new file, or one from before versions (no ``created``).
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    0: (
        """CREATE TABLE IF NOT EXISTS memory (
            key TEXT PRIMARY KEY,
            engine TEXT NOT NULL,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            text TEXT NOT NULL,
            translation TEXT NOT NULL
        )""",
    ),
    1: ("ALTER TABLE memory ADD COLUMN created TEXT",),  # ISO 8601 UTC; NULL before v2
}


def default_memory_path() -> Path:
    """``NEWSLIB_MEMORY`` if set, else ``translation-memory.sqlite`` in the user data folder."""
    configured = os.environ.get("NEWSLIB_MEMORY")
    if configured:
        return Path(configured)
    return platformdirs.user_data_path("newslib") / "translation-memory.sqlite"


def _normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True, slots=True)
class MemoryEntry:
    """One remembered translation (``created`` is unknown for entries older than v2)."""

    engine: str
    source: str  # language
    target: str
    text: str  # the source text, masked and normalised
    translation: str
    created: datetime | None


class TranslationMemory:
    """An SQLite file of earlier machine translations."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        with self._sqlite_errors():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_MS / 1000)
            try:
                self._db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
                self._db.execute("PRAGMA journal_mode=WAL")
                self._migrate()
            except BaseException:
                self._db.close()
                raise

    def _migrate(self) -> None:
        """Bring the file to :data:`SCHEMA_VERSION` in one transaction; refuse a newer one."""
        version = self._version()
        if version > SCHEMA_VERSION:
            raise UsageError(
                f"{self.path}: translation memory schema version {version} is newer than this "
                f"newslib reads ({SCHEMA_VERSION}); upgrade newslib, or name another file with "
                "--memory or NEWSLIB_MEMORY"
            )
        if version == SCHEMA_VERSION:
            return
        self._db.execute("BEGIN IMMEDIATE")  # one migrating writer at a time
        try:
            version = self._version()  # another process may have migrated meanwhile
            if version == 0 and self._has_table():
                version = 1  # a memory from before versions: the table without ``created``
            while version < SCHEMA_VERSION:
                for statement in _MIGRATIONS[version]:
                    self._db.execute(statement)
                version += 1
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._db.commit()
        except BaseException:
            self._db.rollback()
            raise

    def _version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _has_table(self) -> bool:
        query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'memory'"
        return self._db.execute(query).fetchone() is not None

    @contextlib.contextmanager
    def _sqlite_errors(self) -> Iterator[None]:
        """SQLite's and the file system's errors, as newslib's, naming the memory file."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise UsageError(
                    f"{self.path}: the translation memory stayed locked by another run for "
                    f"{_BUSY_TIMEOUT_MS // 1000} s ({exc}); try again when it has finished"
                ) from exc
            raise self._not_a_memory(exc) from exc
        except sqlite3.DatabaseError as exc:
            raise self._not_a_memory(exc) from exc
        except OSError as exc:
            if is_disk_full(exc):
                raise write_failure(exc, self.path, "the memory is unchanged", UsageError) from exc
            raise UsageError(f"{self.path}: cannot open: {exc.strerror}") from exc

    def _not_a_memory(self, exc: sqlite3.DatabaseError) -> UsageError:
        return UsageError(
            f"{self.path}: not a translation memory ({exc}); name another file with "
            "--memory, or move this one away"
        )

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
        created = datetime.now(UTC).replace(microsecond=0).isoformat()
        with self._sqlite_errors():
            self._db.execute(
                "INSERT OR REPLACE INTO memory "
                "(key, engine, source, target, text, translation, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self.key(engine, source, target, text), engine, source, target,
                 _normalised(text), translation, created),
            )  # fmt: skip
            self._db.commit()

    def entries(self) -> Iterator[MemoryEntry]:
        """Every remembered translation, oldest first (by engine and languages where the
        date is unknown)."""
        with self._sqlite_errors():
            rows = self._db.execute(
                "SELECT engine, source, target, text, translation, created FROM memory "
                "ORDER BY created IS NOT NULL, created, engine, source, target, text"
            )
            for engine, source, target, text, translation, created in rows:
                when = datetime.fromisoformat(created) if created else None
                yield MemoryEntry(engine, source, target, text, translation, when)

    def __len__(self) -> int:
        with self._sqlite_errors():
            return int(self._db.execute("SELECT COUNT(*) FROM memory").fetchone()[0])

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
