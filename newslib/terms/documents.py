"""Checking and fixing documents (files or stdin) with findings at file positions.

For Markdown and HTML, findings in a block a ``<!-- newslib ignore=RULE -->`` comment
covers are dropped; a suggestion is escaped for the markup it is written into; and a
finding whose name markup splits (``**Sukh**umi``), or whose suggestion an unquoted
attribute value cannot hold, is reported but left for a human.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import assert_never

from newslib.errors import UsageError
from newslib.fsio import atomic_write_text
from newslib.terms.checker import Finding, apply_fixes, check
from newslib.terms.files import Document, DocumentKind, detect_language, replace_in_article
from newslib.terms.gazetteer import Gazetteer
from newslib.terms.html_input import escape_html
from newslib.terms.lines import LineIndex
from newslib.terms.markdown_input import escape_markdown
from newslib.terms.policy import Policy
from newslib.terms.scanner import Mention, scan

__all__ = ["check_document", "fix_document", "mentions_at_lines", "scan_document", "write_fixed"]


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
    at_file = [m._replace(start=s, end=e) for m, (s, e) in zip(mentions, spans, strict=True)]
    return mentions_at_lines(at_file, document.source)


def mentions_at_lines(mentions: list[Mention], source: str) -> list[Mention]:
    """*mentions* (at offsets into *source*) with their lines and columns filled in."""
    lines = LineIndex(source)
    placed = []
    for mention in mentions:
        (line, column), (end_line, end_column) = lines.at(mention.start), lines.at(mention.end)
        placed.append(
            mention._replace(line=line, column=column, end_line=end_line, end_column=end_column)
        )
    return placed


def check_document(
    document: Document, *, policy: Policy, gazetteer: Gazetteer, lang: str | None
) -> list[Finding]:
    """Findings at file offsets, lines and columns."""
    lines = LineIndex(document.source)
    findings = _check_text(document, policy, gazetteer, lang)
    return [_to_file(document, f, lines) for f in findings if not _suppressed(document, f)]


def fix_document(
    document: Document,
    *,
    policy: Policy,
    gazetteer: Gazetteer,
    lang: str | None,
    best_guess: bool = False,
    at: int | None = None,
) -> tuple[str, list[Finding]]:
    """The fixed source text and the findings that were applied (with *at*, only the
    finding that starts at that file offset, as an editor's quick fix asks)."""
    if document.kind == DocumentKind.REVISION:
        raise UsageError(
            f"{document.path}: revisions are never changed; check the article out "
            "('newslib checkout ID -o FILE'), fix the copy, and save it as a new revision"
        )
    if document.kind in (DocumentKind.ARTICLE, DocumentKind.TRANSLATION):
        return _fix_article(document, policy, gazetteer, lang, best_guess, at)
    findings = check_document(document, policy=policy, gazetteer=gazetteer, lang=lang)
    if at is not None:
        findings = [f for f in findings if f.start == at]
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
    document: Document,
    policy: Policy,
    gazetteer: Gazetteer,
    lang: str | None,
    best_guess: bool,
    at: int | None,
) -> tuple[str, list[Finding]]:
    """Fix an article or a translation file field by field (see
    :func:`~newslib.terms.files.replace_in_article`)."""
    findings = _check_text(document, policy, gazetteer, lang)
    if at is not None:
        findings = [f for f in findings if document.file_span(f.start, f.end)[0] == at]
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
    if document.ends is not None and finding.suggestion is not None:
        finding = _for_markup(document, finding)
    return replace(
        finding,
        path=document.path,
        start=start,
        end=end,
        surface=document.source[start:end],
        line=line,
        column=column,
        line_text=lines.line_text(line),
    )


def _suppressed(document: Document, finding: Finding) -> bool:
    return any(
        s.start <= finding.start < s.end and finding.rule in s.rules for s in document.suppressed
    )


def _for_markup(document: Document, finding: Finding) -> Finding:
    """*finding* (at text offsets) as a fix to markup: escaped, or left for a human."""
    if not (finding.fixable or finding.guessed):
        return finding
    if not _in_one_piece(document, finding.start, finding.end):
        return _by_hand(finding, "markup splits the name here")
    if document.kind is DocumentKind.MARKDOWN and _after_an_angle(document, finding.start):
        return _by_hand(finding, "the fixed name after '<' could read as an HTML tag")
    assert finding.suggestion is not None
    suggestion = _escaped(document, finding.start, finding.end, finding.suggestion)
    if suggestion is None:
        return _by_hand(finding, "the attribute value is not quoted")
    return replace(finding, suggestion=suggestion)


def _after_an_angle(document: Document, start: int) -> bool:
    """True when the text at *start* follows a "<" in the file: "<Sukh&shy;umi>" is text,
    but "<Sukhum>" would be a tag."""
    at = document.file_span(start, start + 1)[0]
    return at > 0 and document.source[at - 1] == "<"


def _by_hand(finding: Finding, why: str) -> Finding:
    message = f"{finding.message}; {why}, so fix it by hand"
    return replace(finding, fixable=False, guessed=False, message=message)


def _in_one_piece(document: Document, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is one stretch of the file: no markup dropped inside
    it (a character decoded from an entity spans the whole entity)."""
    offsets, ends = document.offsets, document.ends
    assert offsets is not None and ends is not None
    return all(
        ends[i] == offsets[i + 1] or (offsets[i], ends[i]) == (offsets[i + 1], ends[i + 1])
        for i in range(start, end - 1)
    )


def _escaped(document: Document, start: int, end: int, text: str) -> str | None:
    """*text* as the markup at text span ``start:end`` must write it (``None``: it cannot)."""
    match document.kind:
        case DocumentKind.MARKDOWN:
            return escape_markdown(text)
        case DocumentKind.HTML:
            quote = next((q for a, b, q in document.attributes if a < end and start < b), None)
            return escape_html(text, quote)
        case (
            DocumentKind.ARTICLE
            | DocumentKind.REVISION
            | DocumentKind.TRANSLATION
            | DocumentKind.TEXT
        ):
            return text
        case _:
            assert_never(document.kind)
