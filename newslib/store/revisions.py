"""The revision file format, and editors' working copies.

A revision file holds two keys: ``revision`` (number, UTC time, author, kind, note, the
sha256 of the article's canonical YAML, the parent's hash, and its own hash over all of
these) and ``article`` (the article, as :func:`~newslib.article.codec.write_article` writes it).
A working copy is a bare article headed by a comment naming the revision it came from.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from newslib.article.codec import article_data, article_from_node, dumps_article, loads_article
from newslib.article.model import Article, Revision, RevisionKind
from newslib.errors import RevisionError
from newslib.fsio import atomic_write_text, read_text
from newslib.yamlio import Reader, compose, dump

__all__ = [
    "content_hash",
    "dumps_revision",
    "is_revision_text",
    "loads_revision",
    "read_article_file",
    "read_revision_file",
    "read_revision_record",
    "read_working_copy",
    "record_hash",
    "write_working_copy",
]

# The first line of a working copy: which revision it was checked out from.
_WORKING_HEADER = re.compile(r"# newslib: (?P<article>\S+) revision (?P<number>\d+)\b")


def content_hash(article: Article) -> str:
    """The sha256 of the article's canonical YAML."""
    return hashlib.sha256(dumps_article(article).encode("utf-8")).hexdigest()


def record_hash(
    article: str,
    number: int,
    when: datetime,
    author: str,
    kind: RevisionKind,
    note: str,
    content: str,
    parent: str | None,
) -> str:
    """The sha256 that seals a revision record: every field and the parent's hash."""
    fields = [article, number, _iso(when), author, str(kind), note, content, parent]
    data = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def write_working_copy(path: str | Path, article: Article, revision: int) -> None:
    """Write an editor's working copy: the article, headed by the revision it is based on."""
    header = (
        f"# newslib: {article.id} revision {revision} (edit, then: newslib save FILE "
        "--author NAME --kind update --note '...')\n"
    )
    atomic_write_text(path, header + dumps_article(article))


def read_working_copy(path: str | Path) -> tuple[Article, int | None]:
    """An editor's working copy and the revision it was checked out from (if it says)."""
    text = read_text(path)
    article = loads_article(text, path=path)
    header = _WORKING_HEADER.match(text)
    based_on = int(header["number"]) if header and header["article"] == article.id else None
    return article, based_on


def is_revision_text(text: str) -> bool:
    """True when YAML text is a revision file (a record and an article), not a bare article."""
    return text.startswith("revision:")


def read_revision_file(path: str | Path) -> tuple[Revision, Article]:
    """Read one revision file: its record and its article."""
    return loads_revision(read_text(path), path=path)


def read_article_file(path: str | Path) -> tuple[Article, Revision | None]:
    """An article from a file that is either a stored revision or a bare article.

    A revision file gives its record too; a bare article (a working copy), ``None``.
    """
    text = read_text(path)
    if is_revision_text(text):
        record, article = loads_revision(text, path=path)
        return article, record
    return loads_article(text, path=path), None


def read_revision_record(path: str | Path) -> Revision:
    """A revision file's record only: the ``revision`` mapping that opens the file."""
    text = read_text(path)
    if not is_revision_text(text):
        return read_revision_file(path)[0]  # not canonical: read it all, with its errors
    cut = text.find("\narticle:")
    node = compose(text[: cut + 1] if cut >= 0 else text, path, RevisionError)
    if node is None:
        raise RevisionError("the revision file is empty", path=path, line=1)
    reader = Reader(path, RevisionError)
    fields = reader.mapping(node, required=("revision",), what="a revision file")
    return _record(reader, fields["revision"])


def loads_revision(text: str, *, path: str | Path = "<string>") -> tuple[Revision, Article]:
    """Parse a revision file's text: its record and its article."""
    node = compose(text, path, RevisionError)
    if node is None:
        raise RevisionError("the revision file is empty", path=path, line=1)
    reader = Reader(path, RevisionError)
    fields = reader.mapping(node, required=("revision", "article"), what="a revision file")
    record = _record(reader, fields["revision"])
    return record, article_from_node(fields["article"], path)


def _record(reader: Reader, node: yaml.Node) -> Revision:
    fields = reader.mapping(
        node,
        required=(
            "article",
            "number",
            "time",
            "author",
            "kind",
            "note",
            "content",
            "parent",
            "hash",
        ),
        what="a revision record",
    )
    kind = reader.string(fields["kind"])
    if kind not in set(RevisionKind):
        reader.fail(fields["kind"], f"unknown kind {kind!r}", "use: " + ", ".join(RevisionKind))
    return Revision(
        article=reader.string(fields["article"]),
        number=reader.integer(fields["number"]),
        time=reader.timestamp(fields["time"]),
        author=reader.string(fields["author"]),
        kind=RevisionKind(kind),
        note=reader.optional_string(fields["note"]) or "",
        content=reader.string(fields["content"]),
        parent=reader.optional_string(fields["parent"]),
        hash=reader.string(fields["hash"]),
    )


def dumps_revision(record: Revision, article: Article) -> str:
    """A revision file's text: its record, then its article."""
    data: dict[str, Any] = {
        "revision": {
            "article": record.article,
            "number": record.number,
            "time": _iso(record.time),
            "author": record.author,
            "kind": str(record.kind),
            "note": record.note,
            "content": record.content,
            "parent": record.parent,
            "hash": record.hash,
        },
        "article": article_data(article),
    }
    return dump(data)
