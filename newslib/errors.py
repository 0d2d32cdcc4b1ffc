"""newslib's exceptions: one tree, so callers can catch everything with one name.

::

    NewslibError
    ├── InputError                 bad input data: names file, line, column, problem and fix
    │   ├── ArticleError           an article file (or text) is malformed or invalid
    │   ├── GazetteerError         a gazetteer file is malformed or invalid
    │   ├── PolicyError            a naming-policy file is malformed or invalid
    │   ├── RevisionError          a stored revision file is malformed
    │   ├── TranslationError       a translation file is malformed   (newslib.translations.model)
    │   └── ConfigError            newslib.yaml is malformed         (newslib.editions.config)
    ├── StoreError                 the content store refuses an operation
    │   ├── ConflictError          the head moved since the editor's copy was taken
    │   └── UnsafePathError        an id or path that would escape the content folder
    ├── BuildError                 a build refused (strict mode, a required translation)
    ├── TranslatorError            machine translation failed        (newslib.translators)
    │   ├── TranslatorUnavailable  engine missing, or lacks the language
    │   ├── TranslatorTimeout      no answer in time
    │   ├── TranslatorHTTPError    an HTTP error after the retries
    │   └── TranslatorResponseError  an answer that breaks the engine's API
    ├── UnknownEntityError         (also a KeyError) an entity id nobody declared
    ├── UnknownPolicyError         (also a KeyError) a policy name that is not shipped
    └── UsageError                 the caller asked for something that cannot be done

Content problems that a human should look at (a contested name, an inconsistent
spelling) are *findings*, not exceptions.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ArticleError",
    "ConflictError",
    "GazetteerError",
    "InputError",
    "NewslibError",
    "PolicyError",
    "RevisionError",
    "StoreError",
    "UnknownEntityError",
    "UnknownPolicyError",
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

    def located(self, path: str | Path) -> InputError:
        """Return a copy of this error that names *path* as the file."""
        return type(self)(
            self.problem, path=path, line=self.line, column=self.column, hint=self.hint
        )


class ArticleError(InputError):
    """An article is malformed: bad YAML, unknown key, wrong type, bad reference..."""


class GazetteerError(InputError):
    """A gazetteer file is malformed or contradicts itself."""


class PolicyError(InputError):
    """A naming-policy file is malformed, or inherits from something unknown."""


class RevisionError(InputError):
    """A revision file in the store is malformed (its metadata or its article)."""


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


class UnsafePathError(StoreError, ValueError):
    """An article id or path that would leave the content folder, or names a reserved file."""


class UnknownEntityError(NewslibError, KeyError):
    """An entity id that is not in the gazetteer or the article's declarations."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown entity"


class UnknownPolicyError(NewslibError, KeyError):
    """A policy name that is neither shipped nor a readable file."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown policy"


class UsageError(NewslibError):
    """The request itself cannot be carried out (a missing file, a bad option)."""
