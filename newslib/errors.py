"""newslib's exceptions: one tree, so callers can catch everything with one name.

::

    NewslibError
    ├── InputError                 bad input data: names file, line, column, problem and fix
    │   ├── ArticleError           an article file (or text) is malformed or invalid
    │   ├── GazetteerError         a gazetteer file is malformed or invalid
    │   ├── PolicyError            a naming-policy file is malformed or invalid
    │   ├── RevisionError          a stored revision file is malformed
    │   ├── TranslationError       a translation file is malformed
    │   └── ConfigError            newslib.yaml is malformed, or names what it lacks
    ├── StoreError                 the content store refuses an operation
    │   ├── ConflictError          the head moved since the editor's copy was taken
    │   ├── TamperedError          a stored revision no longer matches its hash
    │   └── UnsafePathError        an id or path that would escape the content folder
    ├── BuildError                 a build refused (strict mode, a required translation)
    ├── TranslatorError            machine translation failed
    │   ├── TranslatorUnavailable  engine missing, or lacks the language
    │   ├── TranslatorTimeout      no answer in time, after the retries
    │   ├── TranslatorUnreachable  no connection to the server, after the retries
    │   ├── TranslatorHTTPError    an HTTP error after the retries
    │   ├── TranslatorResponseError  an answer that breaks the engine's API
    │   └── DraftInterrupted       a drafting run stopped by one of these; what it had
    │                              drafted is saved
    ├── DiskFullError              (also an OSError) no room left; nothing was changed
    ├── UsageError                 the caller asked for something that cannot be done
    └── NotFoundError              (also a KeyError) an unknown name or id:
        ├── UnknownEntityError       an entity id nobody declared
        ├── UnknownPolicyError       a policy name that is not shipped
        ├── UnknownArticleError      an article id the store does not hold   (also UsageError)
        ├── UnknownRevisionError     a revision number it does not hold      (also UsageError)
        ├── UnknownEditionError      an edition id newslib.yaml does not list (also ConfigError)
        ├── UnknownFormatError       an output format no renderer writes     (also UsageError)
        ├── UnknownLocaleError       a locale CLDR does not know             (also UsageError)
        └── UnknownEngineError       a translation engine with no backend
                                                            (also TranslatorUnavailable)

The ``Unknown…`` errors keep their older parent as a second base, so code that caught
``UsageError`` for an unknown format still does. Content problems that a human should
look at (a contested name, an inconsistent spelling) are *findings*, not exceptions.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

__all__ = [
    "ArticleError",
    "BuildError",
    "ConfigError",
    "ConflictError",
    "DiskFullError",
    "DraftInterrupted",
    "GazetteerError",
    "InputError",
    "NewslibError",
    "NotFoundError",
    "PolicyError",
    "RevisionError",
    "StoreError",
    "TamperedError",
    "TranslationError",
    "TranslatorError",
    "TranslatorHTTPError",
    "TranslatorResponseError",
    "TranslatorTimeout",
    "TranslatorUnavailable",
    "TranslatorUnreachable",
    "UnknownArticleError",
    "UnknownEditionError",
    "UnknownEngineError",
    "UnknownEntityError",
    "UnknownFormatError",
    "UnknownLocaleError",
    "UnknownPolicyError",
    "UnknownRevisionError",
    "UnsafePathError",
    "UsageError",
]


class NewslibError(Exception):
    """The root of every error newslib raises on purpose."""


class InputError(NewslibError, ValueError):
    """Input that newslib cannot accept, located as precisely as it is known.

    ``str(error)`` reads ``file:line:column: problem (fix)``; line and column are 1-based.
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.problem = problem
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        message = f"{where}: {self.problem}"
        return f"{message} ({self.hint})" if self.hint else message


class ArticleError(InputError):
    """An article is malformed: bad YAML, unknown key, wrong type, bad reference..."""


class GazetteerError(InputError):
    """A gazetteer file is malformed or contradicts itself."""


class PolicyError(InputError):
    """A naming-policy file is malformed, or inherits from something unknown."""


class RevisionError(InputError):
    """A revision file in the store is malformed (its metadata or its article)."""


class TranslationError(InputError):
    """A translation file is malformed or does not fit its article."""


class ConfigError(InputError):
    """``newslib.yaml`` is malformed or names something newslib does not have."""


class StoreError(NewslibError):
    """The content store cannot do what was asked."""


class ConflictError(StoreError):
    """Saving on top of a head that has moved since the copy was taken."""

    def __init__(self, article: str, expected: int | None, actual: int | None) -> None:
        self.article, self.expected, self.actual = article, expected, actual
        super().__init__(
            f"{article}: your copy is based on revision {expected or 'none'}, but the head is "
            f"now revision {actual or 'none'}; check out the head, merge your edits, save again"
        )


class TamperedError(StoreError):
    """A stored revision whose article or record no longer matches its hash: never published."""


class UnsafePathError(StoreError, ValueError):
    """An article id or path that would leave the content folder, or names a reserved file."""


class BuildError(NewslibError):
    """The build was refused (strict mode, a required translation missing)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:5]) + (
            f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        )
        super().__init__(f"build refused, nothing was changed: {shown}")


class TranslatorError(NewslibError):
    """A machine translation failed.

    *translated* maps the position of each text that was translated before the failure
    (in the list given to ``translate``) to its translation, so that work is not lost.
    """

    translated: Mapping[int, str] = MappingProxyType({})


class TranslatorUnavailable(TranslatorError):
    """The engine cannot be used: its package is missing, or it lacks the language."""


class TranslatorTimeout(TranslatorError):
    """The engine did not answer in time, however often it was asked."""


class TranslatorUnreachable(TranslatorError):
    """No connection to the engine's server could be made (refused, no such host)."""


class TranslatorHTTPError(TranslatorError):
    """The engine answered with an HTTP error (after the retries).

    *retry_after* is the seconds the server asked for in its ``Retry-After`` header.
    """

    def __init__(
        self, engine: str, status: int | None, detail: str = "", retry_after: float | None = None
    ) -> None:
        self.status = status
        self.retry_after = retry_after
        code = f"HTTP {status}" if status is not None else "an error"
        super().__init__(f"{engine} answered {code}{': ' + detail if detail else ''}")


class TranslatorResponseError(TranslatorError):
    """The engine's answer was not what its API promises (malformed JSON, no text)."""


class DraftInterrupted(TranslatorError):
    """A drafting run stopped by an engine's failure (``__cause__``, after its retries).

    The fields drafted before it were written to the translation file first: *saved* of
    them, in *path*; *left* were not drafted. Running the drafts again finishes the job
    (the translation memory already holds what was translated).
    """

    def __init__(self, article: str, cause: TranslatorError, saved: int, left: int,
                 path: Path) -> None:  # fmt: skip
        self.article, self.saved, self.left, self.path = article, saved, left, path
        kept = f"{saved} drafted field(s) saved to {path}" if saved else "no field was drafted"
        super().__init__(
            f"{article}: {cause}; {kept}, {left} left — run the drafts again to finish them"
        )


class DiskFullError(NewslibError, OSError):
    """A write found no room left on the disk; the file or store was left as it was."""


class UsageError(NewslibError):
    """The request itself cannot be carried out (a missing file, a bad option)."""


class NotFoundError(NewslibError, KeyError):
    """A name or id that newslib does not know; ``str()`` is the message, unquoted."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


class UnknownEntityError(NotFoundError):
    """An entity id that is not in the gazetteer or the article's declarations."""


class UnknownPolicyError(NotFoundError):
    """A policy name that is neither shipped nor a readable file."""


class UnknownArticleError(NotFoundError, UsageError):
    """An article id that the store does not hold."""


class UnknownRevisionError(NotFoundError, UsageError):
    """A revision number that the store does not hold for the article."""


class UnknownFormatError(NotFoundError, UsageError):
    """An output format that no renderer writes."""


class UnknownLocaleError(NotFoundError, UsageError):
    """A locale that CLDR does not know."""


class UnknownEngineError(NotFoundError, TranslatorUnavailable):
    """A machine translation engine that newslib has no backend for."""


class UnknownEditionError(NotFoundError, ConfigError):
    """An edition id that ``newslib.yaml`` does not list."""
