"""Translations out to translators' tools and back: PO and XLIFF files of one article.

:func:`export_translation` writes an article's translation into one language as a PO
or XLIFF 1.2 file (:mod:`~newslib.translations.bilingual` says what a unit is);
:func:`import_translation` reads such a file back, checks it against the store and
writes what it changes through the translation writer, atomically. Importing a file
exported and left as it was changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from newslib.article.model import Block, Text, primary_language
from newslib.errors import (
    NotFoundError,
    TranslationError,
    UnknownFormatError,
    UsageError,
)
from newslib.fsio import atomic_write_text
from newslib.project import Project
from newslib.store.repository import Repository
from newslib.translations.bilingual import Bilingual, merge_units, units_of
from newslib.translations.model import TranslationSet, fields_of, write_translations
from newslib.translations.po import read_bilingual_po, write_bilingual_po
from newslib.translations.xliff import read_bilingual_xliff, write_bilingual_xliff

__all__ = ["EXCHANGE_FORMATS", "ImportResult", "export_translation", "import_translation"]

_WRITERS: dict[str, Callable[[Bilingual], str]] = {
    "po": write_bilingual_po,
    "xliff": write_bilingual_xliff,
}
_READERS: dict[str, Callable[[str | Path], Bilingual]] = {
    ".po": read_bilingual_po,
    ".xlf": read_bilingual_xliff,
    ".xliff": read_bilingual_xliff,
}
EXCHANGE_FORMATS = tuple(_WRITERS)


def export_translation(
    article: str,
    language: str,
    *,
    format: str = "po",
    content: str | Path | Project = "content",
    output: str | Path | None = None,
) -> str:
    """The translation of *article* into *language* as a PO or XLIFF 1.2 file's text
    (written to *output* too, atomically, when given).

    Every field of the article's head is a unit: the current translation, a stale or
    unreviewed one marked fuzzy, or an empty one to translate.
    """
    writer = _WRITERS.get(format)
    if writer is None:
        raise UnknownFormatError(
            f"no exchange format {format!r}; use one of: {', '.join(EXCHANGE_FORMATS)}"
        )
    project = Project.at(content)
    repository = project.repository()
    record, source = repository.revision(article)
    if primary_language(language) == primary_language(source.language):
        raise UsageError(
            f"{article} is written in {source.language}: export a translation into another language"
        )
    history = repository.history(article)
    translations = project.translations(article, language)
    earlier = _earlier(repository, article)
    units = units_of(source, history, translations, earlier=earlier)
    entries = translations.fields.values() if translations is not None else ()
    latest = max(entries, key=lambda entry: entry.time, default=None)
    document = Bilingual(
        article,
        record.number,
        source.language,
        language,
        tuple(units),
        created=record.time,
        translator=latest.by if latest else None,
        translated=latest.time if latest else None,
    )
    text = writer(document)
    if output is not None:
        atomic_write_text(output, text)
    return text


def _earlier(repository: Repository, article: str) -> Callable[[int, str], Block | Text | None]:
    """A field of *article* as it was at an earlier revision."""
    history = repository.history(article)

    @cache
    def fields(number: int) -> dict[str, Block | Text]:
        upto = [r for r in history if r.number <= number]
        return dict(fields_of(repository.read(article, number), upto))

    def lookup(number: int, name: str) -> Block | Text | None:
        try:
            return fields(number).get(name)
        except NotFoundError:  # a revision the store no longer holds
            return None

    return lookup


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What importing a file did (or, in a dry run, would do)."""

    article: str
    language: str
    translation: Path  # the translation file
    written: tuple[str, ...]  # fields changed
    stale: tuple[str, ...]  # of those, fields whose source changed since the file's revision
    kept: tuple[str, ...]  # fields the file leaves as they are
    skipped: tuple[tuple[str, str], ...]  # (field, why) not imported
    # (unit, entity): names the source marks that the imported translation leaves unmarked
    unmarked: tuple[tuple[str, str], ...] = ()

    @property
    def changed(self) -> bool:
        """True when the import changes the translation file."""
        return bool(self.written)


def import_translation(
    path: str | Path,
    *,
    content: str | Path | Project = "content",
    by: str | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
) -> ImportResult:
    """Read a PO or XLIFF file of a translation back into the project.

    The file's article and revision must be in the store and each unit's source hash
    that revision's; a unit whose source changed since is stored stale. *by* names who
    translated what the file changes (needed only when it changes something).
    """
    reader = _READERS.get(Path(path).suffix.lower())
    if reader is None:
        raise UsageError(f"{path}: not a .po, .xlf or .xliff file; name the file by its format")
    document = reader(path)
    project = Project.at(content)
    repository = project.repository()
    if repository.head(document.article) is None:
        raise TranslationError(
            f"no article {document.article!r} in {project.root}",
            path=path,
            line=1,
            hint="import into the content folder the file was exported from (--content)",
        )
    history = repository.history(document.article)
    head = history[-1]
    if not 1 <= document.revision <= head.number:
        raise TranslationError(
            f"{document.article} has no revision {document.revision} (its head is {head.number})",
            path=path,
            line=1,
            hint="the file is from another store; export it again",
        )
    source = repository.read(document.article, document.revision)
    language = document.target_language
    if not language:
        raise TranslationError(
            "the file names no target language", path=path, line=1,
            hint="export it again with --lang",
        )  # fmt: skip
    given = document.source_language
    if given and primary_language(given) != primary_language(source.language):
        raise TranslationError(
            f"the file translates from {given}, but {document.article} is written in "
            f"{source.language}",
            path=path,
            line=1,
            hint="export the file again",
        )
    if primary_language(language) == primary_language(source.language):
        raise TranslationError(
            f"the file translates {document.article} into its own language ({language})",
            path=path, line=1, hint="set the target language",
        )  # fmt: skip
    target = project.translation_path(document.article, language)
    translations = project.translations(document.article, language) or TranslationSet(
        document.article, language, {}
    )
    upto = [r for r in history if r.number <= document.revision]
    merge = merge_units(
        document,
        source,
        upto,
        translations,
        head=(repository.read(document.article), history),
        by=by or "",
        now=now or datetime.now(UTC).replace(microsecond=0),
    )
    if merge.written and not by:
        raise UsageError(
            f"{path}: importing it changes {', '.join(merge.written)}: name who translated "
            "them (--by NAME)"
        )
    if merge.written and not dry_run:
        write_translations(merge.translations, target)
    return ImportResult(
        document.article,
        language,
        target,
        merge.written,
        merge.stale,
        merge.kept,
        merge.skipped,
        merge.unmarked,
    )
