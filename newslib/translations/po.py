"""Gettext PO files of a translation, through Babel's ``pofile``.

::

    # newslib: second-story revision 4, en -> ru
    # …
    msgid ""
    msgstr ""
    "Project-Id-Version: second-story 4\\n"      the article and its source revision
    "Language: ru\\n"                            the target language
    …

    #. sha256: 5be1…                            the field's source hash
    #. stale: the source changed since revision 2
    #. the source then: The talks covered the railway through [[sukhumi|Sukhumi]], …
    #, fuzzy
    msgctxt "p2"                                the unit id
    msgid "The talks covered … [[sukhumi|Sukhumi]] and the border crossings, …"
    msgstr "Обсуждалась железная дорога через [[sukhumi|Сухум]], …"

Names keep newslib's own markup, ``[[entity|Name as written]]``: the translator writes
the name in the target language inside it and leaves the entity id alone. The header's
first comment names the source language; ``Project-Id-Version`` and ``Language`` are read
back as the article, its revision and the target language.
"""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser, write_po

from newslib.article.markup import format_text, parse_text
from newslib.article.model import Text
from newslib.errors import InputError, TranslationError, UsageError
from newslib.fsio import read_text
from newslib.translations.bilingual import Bilingual, Unit, UnitState

__all__ = ["read_bilingual_po", "write_bilingual_po"]

_HASH = "sha256: "
_FIRST_LINE = re.compile(r"# newslib: \S+ revision \d+, (?P<source>\S+) ->")
_ADVICE = (
    "Translate each msgstr. Names are marked [[entity|Name]]: keep the marks and the entity "
    "id, and write the name inside them as your language writes it. A fuzzy entry is stale "
    "or an unreviewed machine draft: check it and remove the flag, or it is not imported. "
    "Import with: newslib translations import FILE"
)


def write_bilingual_po(document: Bilingual) -> str:
    """The PO file of *document*."""
    catalog = Catalog(
        locale=_locale(document.target_language),
        project=document.article,
        version=str(document.revision),
        header_comment=(
            f"# newslib: {document.article} revision {document.revision}, "
            f"{document.source_language} -> {document.target_language}\n#\n"
            + "\n".join(f"# {line}" for line in textwrap.wrap(_ADVICE, 76))
        ),
        creation_date=document.created,
        revision_date=document.translated or document.created,
        last_translator=document.translator or "",
        language_team=f"{document.target_language}",
        fuzzy=False,
    )
    for unit in document.units:
        comments = [f"{_HASH}{unit.source_hash}", *unit.notes]
        if unit.previous is not None:  # not "#| msgid": Babel writes that unquoted when it wraps
            comments.append(f"the source then: {format_text(unit.previous)}")
        catalog.add(
            format_text(unit.source),
            format_text(unit.target) if unit.target is not None else "",
            context=unit.id,
            auto_comments=comments,
            flags=("fuzzy",) if unit.state is UnitState.FUZZY else (),
        )
    out = io.BytesIO()
    write_po(out, catalog, width=0, no_location=True)
    return out.getvalue().decode("utf-8")


def read_bilingual_po(path: str | Path) -> Bilingual:
    """Read a PO file written by :func:`write_bilingual_po` (and edited since)."""
    text = read_text(path, error=TranslationError)
    catalog = Catalog()
    try:
        _OneEntryAUnit(catalog, path).parse(io.StringIO(text))
    except TranslationError:
        raise
    except PoFileError as exc:
        raise TranslationError(
            f"not a PO file: {exc.args[0] if exc.args else exc}",
            path=path,
            line=getattr(exc, "lineno", None),
            hint="fix the PO syntax at that line",
        ) from None
    except (UnknownLocaleError, ValueError) as exc:
        raise TranslationError(
            f"unreadable header: {exc}", path=path, line=1, hint="write Language: as ru or de"
        ) from None
    first = _FIRST_LINE.match(text)
    version = catalog.version or ""
    if not catalog.project or not version.isdigit():
        raise TranslationError(
            "the header's Project-Id-Version does not name an article and its revision",
            path=path,
            line=_line_of(text, "Project-Id-Version"),
            hint='write "Project-Id-Version: <article id> <revision>", as newslib exports it',
        )
    if catalog.locale is None and catalog.locale_identifier:
        raise TranslationError(
            f"the header's Language {catalog.locale_identifier!r} is not a CLDR locale",
            path=path,
            line=_line_of(text, '"Language:'),
            hint='write the language translated into as a locale, such as "ru" or "de-AT"',
        )
    if catalog.locale is None:
        raise TranslationError(
            "the header has no Language",
            path=path,
            line=_line_of(text, 'msgid ""'),
            hint='add "Language: ru\\n" (the language translated into)',
        )
    units = [_unit(message, path) for message in catalog if message.id]
    return Bilingual(
        article=catalog.project,
        revision=int(version),
        source_language=first["source"] if first else "",
        target_language=str(catalog.locale).replace("_", "-"),
        units=tuple(units),
        path=str(path),
    )


class _OneEntryAUnit(PoFileParser):
    """Babel's parser, refusing a second entry for a unit: Babel would merge it into the
    first, keeping the first translation and adding the second's flags (a duplicate's
    ``fuzzy`` would hold back the translator's real edit)."""

    def __init__(self, catalog: Catalog, path: str | Path) -> None:
        super().__init__(catalog, abort_invalid=True)
        self.path = path

    def _add_message(self) -> None:
        if not self.obsolete and self.messages and self.context:
            msgid, context = self.messages[0].denormalize(), self.context.denormalize()
            if self.catalog.get(msgid, context) is not None:
                raise TranslationError(
                    f"{context!r} is in the file twice",
                    path=self.path,
                    line=self.offset + 1,
                    hint="keep one",
                )
        super()._add_message()


def _unit(message: Message, path: str | Path) -> Unit:
    line = message.lineno
    if message.context is None:
        raise TranslationError(
            "an entry without msgctxt",
            path=path,
            line=line,
            hint="every entry's msgctxt names its field (headline, p1, …); export again",
        )
    if not isinstance(message.id, str) or not isinstance(message.string, str):
        raise TranslationError(
            f"{message.context!r} has plural forms", path=path, line=line,
            hint="newslib texts have none; remove msgid_plural",
        )  # fmt: skip
    digest = next((c[len(_HASH) :] for c in message.auto_comments if c.startswith(_HASH)), None)
    if digest is None:
        raise TranslationError(
            f"{message.context!r} has no '#. {_HASH}…' comment",
            path=path,
            line=line,
            hint="the comment ties it to its source; export the file again",
        )
    target = _text(message.string, path, line) if message.string else None
    state = UnitState.FUZZY if message.fuzzy else UnitState.TRANSLATED
    return Unit(
        message.context,
        _text(message.id, path, line),
        target,
        digest.strip(),
        state if target is not None else UnitState.NEW,
        line=line,
    )


def _text(markup: str, path: str | Path, line: int | None) -> Text:
    try:
        return parse_text(markup)
    except InputError as exc:
        raise TranslationError(
            f"{exc.problem} (at character {exc.column})",
            path=path,
            line=line,
            hint=exc.hint or "write names as [[entity|Name]]",
        ) from None


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise UsageError(
            f"a PO file names its language by a CLDR locale and {language!r} is none: use "
            "--format xliff, or a locale such as 'ru' or 'de-AT'"
        ) from None


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1
