"""The versioned content store: append-only, hash-chained revisions in a content folder.

Layout::

    <content>/articles/<id>/0001.yaml    one file per revision, never rewritten
    <content>/articles/<id>/0002.yaml
    <content>/articles/<id>/.lock        held while a revision is being saved

Each file is a revision record and the article (see :mod:`newslib.store.revisions`).

Saving takes the article's lock, checks the expected head (optimistic concurrency), writes
the new file through a synced temporary file and links it into place — linking fails
rather than overwrite, so no revision can ever be replaced.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from newslib.article.codec import dumps_article
from newslib.article.model import (
    ARTICLE_ID,
    Article,
    Revision,
    RevisionKind,
    forbidden_character,
)
from newslib.errors import (
    ConflictError,
    NewslibError,
    StoreError,
    TamperedError,
    UnknownArticleError,
    UnknownRevisionError,
    UnsafePathError,
    UsageError,
)
from newslib.fsio import default_mode, sync_directory, write_failure
from newslib.store.revisions import (
    content_hash,
    dumps_revision,
    read_revision_file,
    read_revision_record,
    record_hash,
)

__all__ = [
    "ANY_HEAD",
    "AnyHead",
    "Repository",
    "StoreProblem",
]

_REVISION_FILE = re.compile(r"(\d{4,})\.yaml")
_TEMPORARY = re.compile(r"\.\d{4,}\.yaml\..+\.tmp")
_LOCK = ".lock"
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "clock$", "articles", "revisions", "tmp", "lock"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)
LOCK_TIMEOUT = 30.0


class AnyHead:
    """The type of :data:`ANY_HEAD`."""

    def __repr__(self) -> str:
        return "ANY_HEAD"


ANY_HEAD: Final = AnyHead()  # save without checking what the head is


@dataclass(frozen=True, slots=True)
class StoreProblem:
    """Something ``verify`` found wrong, at a path."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


class Repository:
    """Articles and their revisions in a content folder."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.articles = self.root / "articles"
        # Revision files never change: each is parsed once (keyed by its identity on disk).
        self._parsed: dict[tuple[str, int, int, int], tuple[Revision, Article]] = {}
        self._records: dict[tuple[str, int, int, int], Revision] = {}

    # ---------------------------------------------------------------- reading

    def ids(self) -> list[str]:
        """The ids of the stored articles (see :meth:`strays` for what is passed over)."""
        return [entry.name for entry, problem in self._entries() if problem is None]

    def strays(self) -> list[StoreProblem]:
        """Entries of the articles folder that are not articles, and why: build and status
        pass over them, ``verify`` reports them."""
        return [StoreProblem(str(entry), problem) for entry, problem in self._entries() if problem]

    def _entries(self) -> list[tuple[Path, str | None]]:
        """Each visible entry of the articles folder, with what keeps it from being an article."""
        if not self._articles_folder().is_dir():
            return []
        found: list[tuple[Path, str | None]] = []
        for entry in sorted(self.articles.iterdir()):
            if entry.name.startswith("."):
                continue  # hidden: a first save under way, editors' files
            found.append((entry, _stray(entry, self.articles.resolve())))
        return found

    def _articles_folder(self) -> Path:
        """The articles folder, refused when it is a link leading out of the content folder."""
        if self.articles.is_symlink() and not self.articles.resolve().is_relative_to(
            self.root.resolve()
        ):
            raise UnsafePathError(
                f"{self.articles}: a symbolic link leading out of {self.root}; refused "
                "(make it a folder)"
            )
        return self.articles

    def history(self, article_id: str) -> list[Revision]:
        """Every revision's record, oldest first."""
        folder = self._folder(article_id)
        return [self._record(folder, n) for n in _numbers(folder)]

    def head(self, article_id: str) -> Revision | None:
        """The latest revision's record, or ``None`` for an article never saved."""
        folder = self._folder(article_id)
        numbers = _numbers(folder)
        return self._record(folder, numbers[-1]) if numbers else None

    def read(self, article_id: str, number: int | None = None) -> Article:
        """The article at revision *number* (the head by default)."""
        return self.revision(article_id, number)[1]

    def revision(self, article_id: str, number: int | None = None) -> tuple[Revision, Article]:
        """A revision's record and article (the head by default)."""
        folder, number = self._existing(article_id, number)
        return self._read(folder, number)

    def path(self, article_id: str, number: int | None = None) -> Path:
        """The file of revision *number* (the head by default), which must exist."""
        folder, number = self._existing(article_id, number)
        return self._identity(folder, number)[0]

    def corrections(self, article_id: str) -> list[Revision]:
        """The corrections, oldest first: every edition shows them with their notes."""
        return [r for r in self.history(article_id) if r.is_correction]

    # ---------------------------------------------------------------- writing

    def save(
        self,
        article: Article,
        *,
        author: str,
        kind: RevisionKind | str,
        note: str = "",
        expected_head: int | AnyHead | None = ANY_HEAD,
        now: datetime | None = None,
    ) -> Revision:
        """Append *article* as a new revision and return its record.

        *expected_head* is the revision the editor's copy was based on (``None`` for a new
        article); if the head has moved since, :class:`ConflictError` names both.
        """
        kind = RevisionKind(kind)
        if not author.strip():
            raise UsageError("a revision needs an author; pass --author")
        for name, value in (("author", author), ("note", note)):
            bad = forbidden_character(value)
            if bad is not None:
                raise UsageError(
                    f"the {name} has the control character {bad[1]} at position {bad[0] + 1}; "
                    "write it as plain text on one line"
                )
        if kind is RevisionKind.CORRECTION and not note.strip():
            raise UsageError("a correction needs a public note saying what was wrong; pass --note")
        canonical = dumps_article(article)  # validates
        content = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        sealed = _Sealer(article.id, author.strip(), kind, note.strip(), content, now)
        folder = self._folder(article.id)
        if not folder.exists():
            created = self._create(article, sealed, expected_head)
            if created is not None:
                return created
        with _locked(folder):
            self._folder(article.id)  # again, under the lock: no symlink may lead out
            numbers = _numbers(folder)
            head = numbers[-1] if numbers else None
            if not isinstance(expected_head, AnyHead) and expected_head != head:
                raise ConflictError(article.id, expected_head, head)
            parent = self._read(folder, head)[0] if head is not None else None
            if parent is not None and parent.content == content:
                raise UsageError(
                    f"{article.id}: nothing changed since revision {head}; nothing was saved"
                )
            record = sealed.record((head or 0) + 1, parent.hash if parent else None)
            _write_new(folder / f"{record.number:04d}.yaml", dumps_revision(record, article))
            _remove_leftovers(folder)
        return record

    def _create(
        self, article: Article, sealed: _Sealer, expected_head: int | AnyHead | None
    ) -> Revision | None:
        """Save a new article's first revision in a hidden folder, then rename it into place.

        A refused or killed first save leaves no article folder behind. ``None``: another
        save created the article first; save on top of it as usual.
        """
        if isinstance(expected_head, int):
            raise ConflictError(article.id, expected_head, None)
        self.articles.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(self.articles)
        staging = Path(tempfile.mkdtemp(prefix=f"{_NEW}{article.id}-", dir=self.articles))
        try:
            staging.chmod(default_mode() | (default_mode() & 0o444) >> 2)  # x wherever r
            os.close(os.open(staging / _LOCK, os.O_RDWR | os.O_CREAT, 0o644))  # as later saves
            record = sealed.record(1, None)
            _write_new(staging / "0001.yaml", dumps_revision(record, article))
            try:
                staging.rename(self.articles / article.id)
            except OSError:  # the article exists now: another save was first
                return None
            sync_directory(self.articles)
            return record
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    # ---------------------------------------------------------------- checking

    def verify(self) -> list[StoreProblem]:
        """Recompute every hash and link; report tampering, corruption, gaps, stray files."""
        if not self._articles_folder().is_dir():
            return [StoreProblem(str(self.articles), "no articles folder")]
        problems: list[StoreProblem] = []
        for entry, stray in self._entries():
            if stray is not None:
                problems.append(StoreProblem(str(entry), stray))
            else:
                problems.extend(self._verify_article(entry))
        return problems

    def _verify_article(self, folder: Path) -> Iterator[StoreProblem]:
        numbers: list[int] = []
        for entry in sorted(folder.iterdir()):
            match = _REVISION_FILE.fullmatch(entry.name)
            if entry.is_symlink():
                yield StoreProblem(str(entry), "a symbolic link, not a revision file")
            elif match:
                numbers.append(int(match.group(1)))
            elif entry.name != _LOCK and not _TEMPORARY.fullmatch(entry.name):
                yield StoreProblem(str(entry), "stray file: not a revision")
        numbers.sort()
        if not numbers:
            yield StoreProblem(str(folder), "no revisions")
            return
        expected = list(range(1, numbers[-1] + 1))
        for missing in sorted(set(expected) - set(numbers)):
            yield StoreProblem(str(folder / f"{missing:04d}.yaml"), "missing: a gap in the history")
        previous: Revision | None = None
        for number in numbers:
            path = folder / f"{number:04d}.yaml"
            try:
                record, article = read_revision_file(path)
            except NewslibError as exc:
                yield StoreProblem(str(path), f"corrupt: {exc}")
                previous = None
                continue
            yield from _check_record(path, folder.name, number, record, article, previous)
            previous = record

    # ---------------------------------------------------------------- helpers

    def _folder(self, article_id: str) -> Path:
        """The article's folder, refusing ids and links that would lead elsewhere."""
        if not ARTICLE_ID.fullmatch(article_id) or article_id in _RESERVED:
            raise UnsafePathError(
                f"invalid article id {article_id!r}: use lowercase letters, digits and '-' "
                "(no paths, no leading dot, no reserved names)"
            )
        folder = self._articles_folder() / article_id
        if folder.exists() or folder.is_symlink():
            root = self.articles.resolve()
            if folder.is_symlink() or not folder.resolve().is_relative_to(root):
                raise UnsafePathError(f"{folder}: leads outside the content folder; refused")
        return folder

    def _existing(self, article_id: str, number: int | None) -> tuple[Path, int]:
        """The article's folder and the number of a revision it has (the head for None)."""
        folder = self._folder(article_id)
        numbers = _numbers(folder)
        if not numbers:
            raise UnknownArticleError(
                f"no article {article_id!r} in {self.root}; 'newslib status' lists the stored ones"
            )
        if number is None:
            number = numbers[-1]
        if number not in numbers:
            raise UnknownRevisionError(
                f"{article_id} has no revision {number}; it has revisions 1 to {numbers[-1]}"
            )
        return folder, number

    def _read(self, folder: Path, number: int) -> tuple[Revision, Article]:
        path, key = self._identity(folder, number)
        found = self._parsed.get(key)
        if found is None:
            found = read_revision_file(path)
            problem = next(_sealed_problems(path, folder.name, number, *found), None)
            if problem is not None:
                raise TamperedError(
                    f"{problem.path}: {problem.problem}; refused (restore the file from version "
                    "control; 'newslib verify' lists every problem)"
                )
            self._parsed[key] = found
            self._records[key] = found[0]
            _bound(self._parsed)
        return found

    def _record(self, folder: Path, number: int) -> Revision:
        """A revision's record alone, read from the head of its file (for history)."""
        path, key = self._identity(folder, number)
        found = self._records.get(key)
        if found is None:
            found = read_revision_record(path)
            if _record_hash(found) != found.hash:
                raise TamperedError(
                    f"{path}: tampered: the record does not match its hash; refused (restore the "
                    "file from version control; 'newslib verify' lists every problem)"
                )
            self._records[key] = found
            _bound(self._records)
        return found

    def _identity(self, folder: Path, number: int) -> tuple[Path, tuple[str, int, int, int]]:
        path = folder / f"{number:04d}.yaml"
        if path.is_symlink():
            raise UnsafePathError(f"{path}: a symbolic link, not a revision file; refused")
        try:
            stat = path.stat()
        except FileNotFoundError:
            raise UnknownRevisionError(f"{path}: no such revision") from None
        return path, (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True, slots=True)
class _Sealer:
    """What a new revision's record says, but its number and parent."""

    article: str
    author: str
    kind: RevisionKind
    note: str
    content: str
    now: datetime | None

    def record(self, number: int, parent: str | None) -> Revision:
        when = (self.now or datetime.now(UTC)).astimezone(UTC)
        return Revision(
            article=self.article, number=number, time=when, author=self.author, kind=self.kind,
            note=self.note, content=self.content, parent=parent,
            hash=record_hash(self.article, number, when, self.author, self.kind, self.note,
                             self.content, parent),
        )  # fmt: skip


_NEW = ".new-"  # the hidden folder a new article's first save is written in
_ABANDONED_AFTER = 3600.0  # seconds: a first save this old was killed


def _remove_abandoned(articles: Path) -> None:
    """Delete the hidden folders of first saves that were killed long ago."""
    cutoff = time.time() - _ABANDONED_AFTER
    for entry in articles.glob(f"{_NEW}*"):
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink() and entry.stat().st_mtime < cutoff:
                shutil.rmtree(entry, ignore_errors=True)


def _stray(entry: Path, root: Path) -> str | None:
    """Why *entry* of the articles folder is not an article, or ``None`` when it is one."""
    if not entry.is_dir() or not ARTICLE_ID.fullmatch(entry.name) or entry.name in _RESERVED:
        return "stray file: not an article folder"
    if not entry.resolve().is_relative_to(root):
        return "leads outside the content folder"
    if entry.is_symlink():
        return "a symbolic link, not an article folder"
    if not any(_REVISION_FILE.fullmatch(p.name) for p in entry.iterdir()):
        return "no revisions"
    return None


def _check_record(
    path: Path,
    article_id: str,
    number: int,
    record: Revision,
    article: Article,
    previous: Revision | None,
) -> Iterator[StoreProblem]:
    yield from _sealed_problems(path, article_id, number, record, article)
    where = str(path)
    expected_parent = previous.hash if previous else None
    if number == 1 and record.parent is not None:
        yield StoreProblem(where, "the first revision names a parent")
    elif number > 1 and previous is not None and record.parent != expected_parent:
        yield StoreProblem(where, "broken chain: the parent hash is not the previous revision's")


def _sealed_problems(
    path: Path, article_id: str, number: int, record: Revision, article: Article
) -> Iterator[StoreProblem]:
    """What is wrong with one revision file by itself: its place, its hashes."""
    where = str(path)
    if record.article != article_id or article.id != article_id:
        yield StoreProblem(where, f"belongs to {record.article!r}, not {article_id!r}")
    if record.number != number:
        yield StoreProblem(where, f"says it is revision {record.number}")
    if content_hash(article) != record.content:
        yield StoreProblem(where, "tampered: the article does not match its content hash")
    if _record_hash(record) != record.hash:
        yield StoreProblem(where, "tampered: the record does not match its hash")


def _record_hash(record: Revision) -> str:
    return record_hash(
        record.article, record.number, record.time, record.author, record.kind, record.note,
        record.content, record.parent,
    )  # fmt: skip


_CACHED_FILES = 1024


def _bound(cache: dict[Any, Any]) -> None:
    """Keep a cache of parsed files from growing with the archive (oldest out first)."""
    while len(cache) > _CACHED_FILES:
        del cache[next(iter(cache))]


def _numbers(folder: Path) -> list[int]:
    if not folder.is_dir():
        return []
    found = (_REVISION_FILE.fullmatch(p.name) for p in folder.iterdir())
    return sorted(int(m.group(1)) for m in found if m)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the article's lock (POSIX ``flock``), waiting up to :data:`LOCK_TIMEOUT`."""
    fd = os.open(folder / _LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"{folder}: another save has held the lock for {LOCK_TIMEOUT:.0f} s; "
                        "try again"
                    ) from None
                time.sleep(0.005)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _write_new(path: Path, text: str) -> None:
    """Create *path* with *text*, durably; never replace an existing file."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, default_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise StoreError(f"{path}: already exists; revisions are never replaced") from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
                raise
            if path.exists():  # no hard links here; the lock still rules out a race
                raise StoreError(f"{path}: already exists; revisions are never replaced") from None
            Path(temporary).rename(path)
    except OSError as exc:
        raise write_failure(exc, path, "nothing was saved", StoreError) from exc
    finally:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
    sync_directory(path.parent)


def _remove_leftovers(folder: Path) -> None:
    """Delete temporary files of saves that were killed (call with the lock held)."""
    for entry in folder.iterdir():
        if _TEMPORARY.fullmatch(entry.name):
            with contextlib.suppress(OSError):
                entry.unlink()
