"""Checking and fixing documents (files or stdin) with findings at file positions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newslib.errors import UsageError
from newslib.fsio import atomic_write_text
from newslib.terms.checker import Finding, apply_fixes, check
from newslib.terms.files import Document, DocumentKind, detect_language, replace_in_article
from newslib.terms.gazetteer import Gazetteer
from newslib.terms.lines import LineIndex
from newslib.terms.policy import Policy
from newslib.terms.scanner import Mention, scan

__all__ = ["check_document", "fix_document", "scan_document", "write_fixed"]


def document_language(document: Document, lang: str | None) -> str:
    """The language to check in: given, else the article's, else detected."""
    return lang or document.lang or detect_language(document.text)


def scan_document(document: Document, *, gazetteer: Gazetteer, lang: str | None) -> list[Mention]:
    """Mentions at file offsets."""
    mentions = scan(
        document.text,
        lang=document_language(document, lang),
        gazetteer=gazetteer,
        quoted=_quoted(document),
    )
    mentions = [m for m in mentions if _within_a_field(document, m.start, m.end)]
    spans = [document.file_span(m.start, m.end) for m in mentions]
    return [m._replace(start=s, end=e) for m, (s, e) in zip(mentions, spans, strict=True)]


def check_document(
    document: Document, *, policy: Policy, gazetteer: Gazetteer, lang: str | None
) -> list[Finding]:
    """Findings at file offsets, lines and columns."""
    lines = LineIndex(document.source)
    return [_to_file(document, f, lines) for f in _check_text(document, policy, gazetteer, lang)]


def fix_document(
    document: Document,
    *,
    policy: Policy,
    gazetteer: Gazetteer,
    lang: str | None,
    best_guess: bool = False,
) -> tuple[str, list[Finding]]:
    """The fixed source text and the findings that were applied."""
    if document.kind == DocumentKind.REVISION:
        raise UsageError(
            f"{document.path}: revisions are never changed; check the article out "
            "('newslib checkout ID -o FILE'), fix the copy, and save it as a new revision"
        )
    if document.kind == DocumentKind.ARTICLE:
        return _fix_article(document, policy, gazetteer, lang, best_guess)
    findings = check_document(document, policy=policy, gazetteer=gazetteer, lang=lang)
    fixed = apply_fixes(document.source, findings, best_guess=best_guess)
    applied = [f for f in findings if f.applies(best_guess=best_guess)]
    return fixed, applied


def write_fixed(document: Document, fixed: str) -> None:
    """Replace the file with its fixed text, atomically."""
    if document.path == "-":
        raise UsageError("cannot fix standard input in place; use --dry-run to see the diff")
    atomic_write_text(Path(document.path), fixed)


def _check_text(
    document: Document, policy: Policy, gazetteer: Gazetteer, lang: str | None
) -> list[Finding]:
    """Findings at the document's text offsets. In an article, a name never runs from one
    field into the next ("South" ending a headline, "Ossetia" opening the standfirst)."""
    language, quoted = document_language(document, lang), _quoted(document)
    findings = check(
        document.text, lang=language, policy=policy, gazetteer=gazetteer, quoted=quoted
    )
    if all(_within_a_field(document, f.start, f.end) for f in findings):
        return findings
    mentions = scan(document.text, lang=language, gazetteer=gazetteer, quoted=quoted)
    kept = [m for m in mentions if _within_a_field(document, m.start, m.end)]
    return check(
        document.text,
        lang=language,
        policy=policy,
        gazetteer=gazetteer,
        quoted=quoted,
        mentions=kept,
    )


def _within_a_field(document: Document, start: int, end: int) -> bool:
    return not document.fields or document.field_index(start, end) is not None


def _fix_article(
    document: Document, policy: Policy, gazetteer: Gazetteer, lang: str | None, best_guess: bool
) -> tuple[str, list[Finding]]:
    """Fix an article field by field (see :func:`~newslib.terms.files.replace_in_article`)."""
    findings = _check_text(document, policy, gazetteer, lang)
    chosen: list[Finding] = []  # the fixes that apply, without overlaps: the later one wins
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        if finding.applies(best_guess=best_guess) and (
            not chosen or finding.end <= chosen[-1].start
        ):
            chosen.append(finding)
    chosen.reverse()
    replacements = [(f.start, f.end, f.suggestion or "") for f in chosen]
    fixed, applied = replace_in_article(document, replacements)
    lines = LineIndex(document.source)
    done = [_to_file(document, f, lines) for f, ok in zip(chosen, applied, strict=True) if ok]
    return fixed, done


def _quoted(document: Document) -> list[tuple[int, int]] | None:
    if not document.quoted:
        return None
    from newslib.terms.scanner import quotation_spans

    return [*document.quoted, *quotation_spans(document.text)]


def _to_file(document: Document, finding: Finding, lines: LineIndex) -> Finding:
    start, end = document.file_span(finding.start, finding.end)
    line, column = lines.at(start)
    return replace(
        finding,
        path=document.path,
        start=start,
        end=end,
        surface=document.source[start:end],
        line=line,
        column=column,
    )
