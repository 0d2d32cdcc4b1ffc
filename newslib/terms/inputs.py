"""What ``scan``, ``check`` and ``fix`` read: paths, folders, globs and article ids, resolved.

Each argument is, in this order: ``-`` (standard input); an existing file, taken as
named; a stored article's folder (``content/articles/<id>/``), meaning its head revision;
any other folder, walked; a glob (``'content/**/*.md'``), expanded here for shells that do
not and for quoted patterns, its matches taken as a walk takes files; or the id of an
article in the content folder, meaning its head revision.

A walk takes article YAML (``.yaml``, ``.yml``), Markdown, text and HTML, skips hidden
files and folders, and reads a store's article folders as their head revisions only. A
YAML file found by walking that is not an article, a revision or a translation file
(``newslib.yaml``, a CI file) is skipped with a note; named on its own it stays an error. For
``fix``, stored revisions found by walking are skipped with a note too (the store is
append-only); named on their own, ``fix`` refuses them as before.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from newslib.article.model import ARTICLE_ID
from newslib.errors import ArticleError, NewslibError, UsageError
from newslib.fsio import read_text
from newslib.store.repository import Repository
from newslib.terms.files import is_revision_node, is_translation_node
from newslib.yamlio import compose

__all__ = ["PROSE_SUFFIXES", "YAML_SUFFIXES", "Inputs", "resolve_inputs"]

YAML_SUFFIXES = (".yaml", ".yml")
PROSE_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".xhtml")
_ARTICLE_KEYS = frozenset({"headline", "body", "dateline"})
_LISTED = 5  # skipped files named in a note; the rest are counted
_GLOB = re.compile(r"[*?[]")
_STORE_HINT = (
    " (the store keeps each article in a folder, articles/<id>/0001.yaml…: name the"
    " content folder, an article's folder or its id to check the head revisions)"
)


@dataclass(frozen=True, slots=True)
class Inputs:
    """The files to read, in order, each once (``-`` is standard input), and notes on what
    was skipped, for stderr."""

    paths: tuple[str, ...]
    notes: tuple[str, ...]


def resolve_inputs(
    paths: Sequence[str | Path], *, content: str | Path = "content", fixing: bool = False
) -> Inputs:
    """The files *paths* name (see the module's docstring); *content* is the folder that
    article ids are looked up in; *fixing* skips stored revisions found by walking."""
    found = _Found(Repository(content), fixing)
    for argument in paths:
        found.argument(str(argument))
    return Inputs(tuple(found.paths), tuple(found.notes()))


@dataclass
class _Found:
    repository: Repository
    fixing: bool
    paths: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    not_articles: list[str] = field(default_factory=list)
    revisions: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)

    def argument(self, argument: str) -> None:
        path = Path(argument)
        if argument == "-":
            self.add(argument)
        elif path.is_dir():
            head = _head(path)
            if head is not None:
                self.add(str(head))
            elif not self.walk(path):
                self.empty.append(argument)
        elif path.exists() or path.is_symlink():
            self.add(argument)  # named: read as it is, its errors are errors
        elif _GLOB.search(argument):
            # glob.glob, not Path.glob: the pattern may be absolute, as a shell's may
            matches = sorted(glob.glob(argument, recursive=True))  # noqa: PTH207
            if not matches:
                hint = _STORE_HINT if "articles" in argument else ""
                raise UsageError(f"{argument}: matches no file; check the pattern{hint}")
            for match in matches:
                self.found(Path(match))
        elif ARTICLE_ID.fullmatch(argument) and (self.repository.articles / argument).is_dir():
            self.add(str(self.repository.path(argument)))
        else:
            raise UsageError(
                f"{argument}: no such file, folder or article in {self.repository.root}; "
                "check the path (or --content DIR, where article ids are looked up)"
            )

    def walk(self, folder: Path) -> bool:
        """Take the files under *folder*; False when it had none to take or skip."""
        taken = [self.found(path) for path in _walk(folder)]  # every one, not the first
        return any(taken)

    def found(self, path: Path) -> bool:
        """Take (or skip, with a note) a file or folder reached by walking or by a glob;
        False for one that is none of newslib's inputs."""
        suffix = path.suffix.lower()
        head = _head(path if path.is_dir() else path.parent)
        if head is not None and (path.is_dir() or suffix in YAML_SUFFIXES):
            self.stored(head)  # a stored article, or one of its revisions: its head
        elif path.is_dir():
            return self.walk(path)
        elif suffix in PROSE_SUFFIXES:
            self.add(str(path))
        elif suffix in YAML_SUFFIXES:
            kind = _yaml_kind(path)
            if kind == "revision" and self.fixing:
                self.revisions.append(str(path))
            elif kind is None:
                self.not_articles.append(str(path))
            else:
                self.add(str(path))
        else:
            return False
        return True

    def stored(self, head: Path) -> None:
        """A stored article's head revision: read, or, for ``fix``, noted as skipped."""
        if not self.fixing:
            self.add(str(head))
        elif (key := os.path.realpath(head)) not in self.seen:
            self.seen.add(key)
            self.revisions.append(str(head))

    def add(self, path: str) -> None:
        key = path if path == "-" else os.path.realpath(path)
        if key not in self.seen:
            self.seen.add(key)
            self.paths.append(path)

    def notes(self) -> Iterator[str]:
        if self.not_articles:
            yield (
                f"skipped {len(self.not_articles)} YAML file(s) that are not articles: "
                f"{_listed(self.not_articles)}"
            )
        if self.revisions:
            yield (
                f"skipped {len(self.revisions)} stored revision(s): revisions are never "
                f"changed (check out, fix the copy, save it as a new revision): "
                f"{_listed(self.revisions)}"
            )
        for folder in self.empty:
            yield f"{folder}: no article YAML, Markdown, text or HTML files in it"


def _walk(folder: Path) -> Iterator[Path]:
    """Files and store article folders under *folder*, sorted, hidden ones left out."""
    for top, folders, files in os.walk(folder):
        here = Path(top)
        kept = []
        for name in sorted(folders):
            if name.startswith(".") or (here / name).is_symlink():
                continue
            if _head(here / name) is not None:
                yield here / name  # a stored article: its head stands for it
            else:
                kept.append(name)
        folders[:] = kept
        for name in sorted(files):
            if not name.startswith("."):
                yield here / name


def _head(folder: Path) -> Path | None:
    """The head revision's file when *folder* is a stored article (``articles/<id>/``)."""
    if folder.parent.name != "articles" or not ARTICLE_ID.fullmatch(folder.name):
        return None
    repository = Repository(folder.parent.parent)
    try:
        return repository.path(folder.name)
    except NewslibError:
        return None  # no revisions in it (or not a safe article folder): walked instead


def _yaml_kind(path: Path) -> str | None:
    """ "article", "revision" or "translation" for a YAML file that is one, None for any
    other YAML.

    Under an ``articles/`` folder (and not in a stored article's, see :func:`_head`), a
    YAML file is an article, so that a broken one there is reported, not skipped;
    elsewhere its top-level keys tell."""
    if "articles" in path.parent.parts:
        return "article"
    try:
        root = compose(read_text(path), path, ArticleError)
    except NewslibError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    if is_revision_node(root):
        return "revision"
    if is_translation_node(root):
        return "translation"
    keys = {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
    return "article" if keys & _ARTICLE_KEYS else None


def _listed(paths: Sequence[str]) -> str:
    shown = ", ".join(paths[:_LISTED])
    return shown if len(paths) <= _LISTED else f"{shown} and {len(paths) - _LISTED} more"
