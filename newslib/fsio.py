"""Durable file writes: a file is either the old one or the new one, never half of each."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import tempfile
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import BinaryIO

from newslib.errors import DiskFullError, InputError, NewslibError, UsageError

__all__ = [
    "MAX_INPUT",
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_writer",
    "default_mode",
    "is_disk_full",
    "read_text",
    "sync_directory",
    "write_failure",
]


@cache
def default_mode() -> int:
    """The mode a new file gets under the process's umask (mkstemp alone gives 0600).

    Read once: ``os.umask`` can only be read by setting it.
    """
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_writer(path: str | Path, *, mode: int | None = None) -> Iterator[BinaryIO]:
    """A binary file that replaces *path* (synced, renamed into place) when the block ends.

    If the block raises, *path* is left as it was. A symbolic link is written through (its
    target is replaced, the link stays); an existing file keeps its mode and, where the
    process may, its owner. A new file's mode is *mode*, else the umask's. Temporary files
    that killed writers left beside *path* an hour ago or more are removed.
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    try:
        existing: os.stat_result | None = target.stat()
    except OSError:
        existing = None
    try:
        fd, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        where = "its folder does not exist" if isinstance(exc, FileNotFoundError) else exc.strerror
        raise UsageError(f"{target}: cannot write: {where}; nothing was changed") from None
    try:
        if existing is not None:
            os.fchmod(fd, existing.st_mode & 0o7777)
            with contextlib.suppress(OSError):  # only root may give a file away
                os.fchown(fd, existing.st_uid, existing.st_gid)
        else:
            os.fchmod(fd, default_mode() if mode is None else mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise write_failure(exc, target, "nothing was changed", UsageError) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise
    sync_directory(target.parent)
    _remove_stale_temporaries(target)


_STALE_AFTER = 3600.0  # seconds: a temporary file this old belongs to a killed writer


def _remove_stale_temporaries(target: Path) -> None:
    """Delete ``.<name>.*.tmp`` files beside *target* that killed writers left long ago."""
    cutoff = time.time() - _STALE_AFTER
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write *data* to *path* through a synced temporary file renamed into place."""
    with atomic_writer(path) as handle:
        handle.write(data)


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write *text* as UTF-8 with the line endings given, atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


MAX_INPUT = 16 * 2**20  # bytes: the largest text file newslib reads (an article is ~10 KB)


def read_text(path: str | Path, *, error: type[InputError] = InputError) -> str:
    """Read a UTF-8 file as DESIGN.md's offsets assume (no newline translation).

    A missing or unreadable file raises :class:`UsageError`; a file larger than
    :data:`MAX_INPUT`, or bytes that are not UTF-8, raise *error* (an :class:`InputError`).
    """
    try:
        size = Path(path).stat().st_size
        if size > MAX_INPUT:
            raise error(
                f"the file is larger than {MAX_INPUT // 2**20} MiB ({size / 2**20:.0f} MiB)",
                path=path,
                hint="split it",
            )
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise error(
            f"byte 0x{data[exc.start]:02x} is not UTF-8",
            path=path,
            line=data.count(b"\n", 0, exc.start) + 1,
            column=column,
            hint="save the file as UTF-8",
        ) from None


def write_failure(
    exc: OSError, path: str | Path, outcome: str, kind: type[NewslibError]
) -> NewslibError:
    """The error to raise for a failed write: :class:`DiskFullError` when the disk is full."""
    if is_disk_full(exc):
        return DiskFullError(f"{path}: cannot write: the disk is full; {outcome} ({exc.strerror})")
    return kind(f"{path}: cannot write: {exc.strerror}; {outcome}")


def is_disk_full(exc: OSError) -> bool:
    """True when *exc* says the disk (or the user's quota) has no room left."""
    return exc.errno in (errno.ENOSPC, errno.EDQUOT)


def sync_directory(folder: Path) -> None:
    """Make a rename or link in *folder* durable (best effort where folders cannot sync)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
