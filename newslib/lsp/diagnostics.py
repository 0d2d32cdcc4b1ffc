"""An editor buffer checked as ``newslib check`` checks the file, as LSP diagnostics.

The buffer is read by the reader ``check`` uses for the file's kind (by its suffix, else
the editor's language id): Markdown, HTML, plain text, article YAML or a translation file.
A YAML buffer is read when it is in an ``articles/`` folder, when its keys say it is an
article, a revision or a translation, or when it was one before the last edit broke it;
other YAML (CI files, ``newslib.yaml``) is left alone. Input
newslib cannot read (broken YAML, an invalid article) is one diagnostic at its line.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types

import newslib
from newslib.errors import InputError, NewslibError
from newslib.fsio import MAX_INPUT
from newslib.lsp.positions import Positions
from newslib.lsp.settings import Settings, SettingsProblem
from newslib.terms.documents import check_document, fix_document, scan_document
from newslib.terms.files import Document, DocumentKind, parse_document
from newslib.terms.inputs import PROSE_SUFFIXES, YAML_SUFFIXES, yaml_kind

__all__ = ["SOURCE", "Analysis", "analyse", "problem_diagnostic"]

SOURCE = "newslib"
_LOG = logging.getLogger(__name__)
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_END = 2**31 - 1  # a character past any line's end: the end of the line
# The editor's language id -> the suffix newslib reads such a file by (for untitled buffers).
_SUFFIX_OF_LANGUAGE = {
    "markdown": ".md",
    "html": ".html",
    "plaintext": ".txt",  # VS Code
    "text": ".txt",  # Neovim, Helix
    "yaml": ".yaml",
}
_SEVERITY = {
    newslib.Severity.ERROR: types.DiagnosticSeverity.Error,
    newslib.Severity.WARNING: types.DiagnosticSeverity.Warning,
    newslib.Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class Analysis:
    """One version of one buffer: what newslib read, found and would fix in it."""

    path: str
    version: int | None
    positions: Positions
    settings: Settings | None
    document: Document | None = None  # None: not a file newslib reads, or unreadable
    findings: tuple[newslib.Finding, ...] = ()
    finding_diagnostics: list[types.Diagnostic] = field(default_factory=list)  # one a finding
    problems: list[types.Diagnostic] = field(default_factory=list)  # why it was not checked
    _fixed: dict[tuple[int | None, bool], str] = field(default_factory=dict, repr=False)
    _mentions: list[newslib.Mention] | None = field(default=None, repr=False)

    @property
    def diagnostics(self) -> list[types.Diagnostic]:
        """What to publish: the findings, or why the buffer could not be checked."""
        return [*self.finding_diagnostics, *self.problems]

    @property
    def is_fielded(self) -> bool:
        """True when the buffer was read as YAML with text fields: an article, a stored
        revision or a translation file."""
        return self.document is not None and self.document.kind in (
            DocumentKind.ARTICLE,
            DocumentKind.REVISION,
            DocumentKind.TRANSLATION,
        )

    def fixed(self, at: int | None = None, *, best_guess: bool = False) -> str | None:
        """The buffer as ``newslib fix`` leaves it (*at*: only the finding starting at that
        offset, guesses too when *best_guess*); ``None`` where nothing can be fixed."""
        if self.document is None or self.settings is None:
            return None
        if self.document.kind is DocumentKind.REVISION:
            return None  # the store is append-only: revisions are never fixed
        key = (at, best_guess)
        if key not in self._fixed:
            self._fixed[key] = fix_document(
                self.document,
                policy=self.settings.policy,
                gazetteer=self.settings.gazetteer,
                lang=None,
                best_guess=best_guess,
                at=at,
            )[0]
        return self._fixed[key]

    def mentions(self) -> list[newslib.Mention]:
        """The names in the buffer, at buffer offsets."""
        if self._mentions is None:
            if self.document is None or self.settings is None:
                return []
            self._mentions = scan_document(
                self.document, gazetteer=self.settings.gazetteer, lang=None
            )
        return self._mentions


def analyse(
    source: str,
    *,
    path: str,
    language_id: str | None,
    version: int | None,
    settings: Settings | SettingsProblem,
    encoding: str,
    was_fielded: bool = False,
) -> Analysis:
    """Check *source*, the text of the buffer for *path*, under *settings* (when they
    cannot be used, that is the one diagnostic; a path they ignore has none)."""
    usable = settings if isinstance(settings, Settings) else None
    analysis = Analysis(path, version, Positions(source, encoding), usable)
    read_as = _read_as(source, path, language_id, was_fielded)
    if read_as is None:
        return analysis
    if not isinstance(settings, Settings):
        analysis.problems = [problem_diagnostic(settings.message, 0)]
        return analysis
    if settings.check.ignores(path):
        return analysis
    if len(source) > MAX_INPUT // 4 and len(source.encode("utf-8", "replace")) > MAX_INPUT:
        error = InputError(
            f"the buffer is larger than {MAX_INPUT // 2**20} MiB", path=path, hint="split it"
        )
        analysis.problems = [_error_diagnostic(error, analysis.positions)]
        return analysis
    if (surrogate := _SURROGATE.search(source)) is not None:
        line, _ = analysis.positions.at(surrogate.start())
        error = InputError(
            f"U+{ord(surrogate[0]):04X} is half a UTF-16 surrogate pair, not a character",
            path=path,
            line=line + 1,
            column=surrogate.start() - analysis.positions.offset(line, 0) + 1,
            hint="delete it, or save the file as UTF-8 text",
        )
        analysis.problems = [_error_diagnostic(error, analysis.positions)]
        return analysis
    try:
        analysis.document = parse_document(source, path=read_as)
        analysis.findings = tuple(
            check_document(
                analysis.document, policy=settings.policy, gazetteer=settings.gazetteer, lang=None
            )
        )
    except NewslibError as exc:
        analysis.document = None
        analysis.findings, analysis.problems = (), [_error_diagnostic(exc, analysis.positions)]
        return analysis
    except Exception as exc:  # a bug must cost one diagnostic, never the server
        _LOG.exception("checking %s", path)
        analysis.document, analysis.findings = None, ()
        analysis.problems = [problem_diagnostic(f"newslib could not check this buffer: {exc!r}", 0)]
        return analysis
    analysis.finding_diagnostics = [_diagnostic(f, analysis.positions) for f in analysis.findings]
    return analysis


def _read_as(source: str, path: str, language_id: str | None, was_fielded: bool) -> str | None:
    """The path to read the buffer as (its suffix chooses the reader), or ``None`` when it
    is not a file ``newslib check`` reads."""
    suffix = Path(path).suffix.lower()
    if suffix not in (*PROSE_SUFFIXES, *YAML_SUFFIXES):
        suffix = _SUFFIX_OF_LANGUAGE.get(language_id or "", "")
        if not suffix:
            return None
        path = f"{path}{suffix}"
    if suffix in YAML_SUFFIXES and not was_fielded and yaml_kind(source, Path(path)) is None:
        return None
    return path


def _diagnostic(finding: newslib.Finding, positions: Positions) -> types.Diagnostic:
    return types.Diagnostic(
        range=_range(positions, finding.start, finding.end),
        message=_message(finding),
        severity=_SEVERITY[finding.severity],
        code=str(finding.rule),
        source=SOURCE,
    )


def _message(finding: newslib.Finding) -> str:
    """The finding as ``newslib check`` describes it, less the place, severity and rule
    that the diagnostic's range, severity and code carry."""
    suggestion = f" -> {finding.suggestion!r}" if finding.suggestion else ""
    form = f" [case {finding.case}, {finding.confidence:.0%} sure]" if finding.case else ""
    return f"{finding.surface!r}{suggestion}{form}: {finding.message}"


def _error_diagnostic(error: NewslibError, positions: Positions) -> types.Diagnostic:
    """Input newslib cannot read, at the line (and column) the error names."""
    line = column = 0
    if isinstance(error, InputError):
        line = max((error.line or 1) - 1, 0)
        column = max((error.column or 1) - 1, 0)
    end = positions.offset(line, _LINE_END)
    start = min(positions.offset(line, 0) + column, end)
    return types.Diagnostic(
        range=_range(positions, start, end),
        message=str(error),
        severity=types.DiagnosticSeverity.Error,
        code="input",
        source=SOURCE,
    )


def problem_diagnostic(message: str, line: int) -> types.Diagnostic:
    """A diagnostic on a whole line (0-based): settings that cannot be used, and the like."""
    return types.Diagnostic(
        range=types.Range(types.Position(line, 0), types.Position(line + 1, 0)),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        code="settings",
        source=SOURCE,
    )


def _range(positions: Positions, start: int, end: int) -> types.Range:
    return types.Range(types.Position(*positions.at(start)), types.Position(*positions.at(end)))
