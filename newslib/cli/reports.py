"""Reports of findings, for people and for CI: text, line and JSON; the JSON of ``scan``
and ``verify``; coloured text.

Every report format is a function of one :class:`Report`. Positions come from the findings:
1-based lines, columns in code points (``str`` indices), the end exclusive.
"""

from __future__ import annotations

import argparse
import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import assert_never

import newslib
from newslib.errors import UsageError

__all__ = [
    "DOCS",
    "FAIL_ON",
    "RULES",
    "SCHEMA",
    "SEVERITIES",
    "FileFix",
    "Report",
    "ReportFormat",
    "RuleDoc",
    "add_report_options",
    "at_least",
    "describe",
    "envelope",
    "headline",
    "mention_json",
    "render",
    "report_levels",
    "unified_diff",
]

# The shape of every JSON document the CLI prints; raised on any incompatible change.
SCHEMA = 1
# Where the rules are documented: docs/rules.md has a heading (an anchor) per rule id.
# SARIF wants absolute URIs; the repository's public address is not settled yet (the
# README's pre-commit example says <newslib's repository>): when it is, change it here.
DOCS = "https://github.com/newslib/newslib/blob/main/docs/"

SEVERITIES = ("error", "warning", "info")  # most severe first
FAIL_ON = (*SEVERITIES, "never")
_RANK = {"info": 1, "warning": 2, "error": 3}


class ReportFormat(StrEnum):
    """How ``check`` and ``fix`` print their findings."""

    TEXT = "text"  # for people; fix prints a diff
    LINE = "line"  # path:line:col:rule:message, one finding a line
    JSON = "json"  # newslib's own, versioned (SCHEMA)


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """What a report says about a rule (``docs/rules.md`` says more)."""

    id: str  # the Rule's value: a stable ruleId
    name: str  # SARIF's reportingDescriptor name
    summary: str
    fixed: bool  # whether ``fix`` ever applies its suggestions

    @property
    def help_uri(self) -> str:
        """The rule's section of ``docs/rules.md``."""
        return f"{DOCS}rules.md#{self.id}"


RULES: tuple[RuleDoc, ...] = (
    RuleDoc(
        "variant",
        "PreferredVariant",
        "The policy prefers another variant of this name; the suggestion keeps the word form "
        "and the letter case.",
        fixed=True,
    ),
    RuleDoc(
        "inconsistent",
        "InconsistentVariants",
        "Where the policy has no preference, one document mixes variants of a name that share "
        "no usage.",
        fixed=True,
    ),
    RuleDoc(
        "unknown-spelling",
        "UnknownSpelling",
        "A capitalised word one letter away from a known name: suggested, never fixed.",
        fixed=False,
    ),
    RuleDoc(
        "derived",
        "DerivedName",
        "An adjective or demonym of a name the policy chooses a variant for: reported, never "
        "changed, as it names neither usage.",
        fixed=False,
    ),
)
_RULE_INDEX = {rule.id: index for index, rule in enumerate(RULES)}


@dataclass(frozen=True, slots=True)
class FileFix:
    """What ``fix`` did (or, in a dry run, would do) to one file."""

    applied: int
    changed: bool
    diff: str | None = None  # a dry run's unified diff


@dataclass(frozen=True, slots=True)
class Report:
    """The findings of one ``check`` or ``fix`` run, as every format reports them."""

    command: str  # "check" or "fix"
    policy: str
    paths: tuple[str, ...]  # the inputs, in order
    findings: tuple[newslib.Finding, ...]  # those at or above --min-severity
    hidden: int = 0  # findings below --min-severity
    exit_code: int = 0
    best_guess: bool | None = None  # fix: whether guessed word forms are applied too
    dry_run: bool = False
    fixes: Mapping[str, FileFix] = field(default_factory=dict)  # fix: by path

    def offers_fix(self, finding: newslib.Finding) -> bool:
        """True when the report carries the finding's suggestion as a fix: for ``fix``,
        those it applies; for ``check``, every suggestion but a quotation's (the speaker's
        words are left as quoted)."""
        if finding.suggestion is None:
            return False
        if self.best_guess is not None:
            return finding.applies(best_guess=self.best_guess)
        return finding.fixable or finding.guessed or finding.rule == "unknown-spelling"


# ---------------------------------------------------------------------- options and levels


def add_report_options(parser: argparse.ArgumentParser) -> None:
    """``--format``, ``--fail-on`` and ``--min-severity`` of ``check`` and ``fix``."""
    parser.add_argument(
        "--format",
        choices=[str(f) for f in ReportFormat],
        default=str(ReportFormat.TEXT),
        help="text (default), line (path:line:col:rule:message) or json",
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        help="exit 1 when a finding at or above this severity is reported (default: error); "
        "never: exit 0 whatever is found",
    )
    parser.add_argument(
        "--min-severity",
        choices=SEVERITIES,
        default="info",
        help="report only findings at or above this severity (default: info, all of them)",
    )


def report_levels(args: argparse.Namespace) -> tuple[str, str]:
    """``(fail_on, min_severity)``; a failing level that hides its own findings is refused."""
    fail_on: str = args.fail_on or "error"
    min_severity: str = args.min_severity
    if fail_on != "never" and _RANK[fail_on] < _RANK[min_severity]:
        raise UsageError(
            f"--fail-on {fail_on} would fail on findings that --min-severity {min_severity} "
            f"hides; lower --min-severity to {fail_on}, or raise --fail-on"
        )
    return fail_on, min_severity


def at_least(severity: str, level: str) -> bool:
    """True when *severity* is *level* or more severe; nothing is at level ``never``."""
    return level != "never" and _RANK[str(severity)] >= _RANK[level]


# ---------------------------------------------------------------------- rendering


def render(report: Report, fmt: ReportFormat, *, color: bool = False) -> str:
    """The whole report in *fmt* (*color* applies to text only)."""
    match fmt:
        case ReportFormat.TEXT:
            return "".join(describe(f, color=color) + "\n" for f in report.findings)
        case ReportFormat.LINE:
            return "".join(_line(f) + "\n" for f in report.findings)
        case ReportFormat.JSON:
            return _dumps(_report_json(report))
        case _:
            assert_never(fmt)


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def headline(finding: newslib.Finding) -> str:
    """One line saying what was found and what to write instead."""
    suggestion = f" -> {finding.suggestion!r}" if finding.suggestion else ""
    return f"{finding.surface!r}{suggestion}: {finding.message}"


# ---------------------------------------------------------------------- text


_RESET = "\x1b[0m"
_SEVERITY_STYLE = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RED, _GREEN, _CYAN = "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[32m", "\x1b[36m"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{_RESET}" if color else text


def describe(finding: newslib.Finding, *, color: bool = False) -> str:
    """A finding for people: where, how severe, which rule, what to write instead, and
    how sure the word form is."""
    where = _paint(f"{finding.path}:{finding.line}:{finding.column}", _BOLD, color)
    severity = _paint(str(finding.severity), _SEVERITY_STYLE[str(finding.severity)], color)
    rule = _paint(f"[{finding.rule}]", _DIM, color)
    suggestion = f" -> {finding.suggestion!r}" if finding.suggestion else ""
    form = f" [case {finding.case}, {finding.confidence:.0%} sure]" if finding.case else ""
    return f"{where}: {severity} {rule} {finding.surface!r}{suggestion}{form}: {finding.message}"


def unified_diff(original: str, fixed: str, path: str, *, color: bool = False) -> str:
    """A unified diff of a fix; a last line without a line ending is marked as diff(1) does."""
    out = []
    for line in difflib.unified_diff(
        original.splitlines(keepends=True),
        fixed.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    ):
        body = line.rstrip("\r\n")
        ending = line[len(body) :] or "\n\\ No newline at end of file\n"
        style = (
            _BOLD
            if line.startswith(("---", "+++"))
            else _CYAN
            if line.startswith("@@")
            else _RED
            if line.startswith("-")
            else _GREEN
            if line.startswith("+")
            else ""
        )
        out.append((_paint(body, style, color) if style else body) + ending)
    return "".join(out)


# ---------------------------------------------------------------------- line


def _line(finding: newslib.Finding) -> str:
    message = " ".join(headline(finding).splitlines())  # one finding, one line
    return f"{finding.path or '-'}:{finding.line}:{finding.column}:{finding.rule}:{message}"


# ---------------------------------------------------------------------- JSON


def envelope(command: str, **fields: object) -> dict[str, object]:
    """The versioned top of every JSON document the CLI prints."""
    return {"newslib": newslib.__version__, "schema": SCHEMA, "command": command, **fields}


def _report_json(report: Report) -> dict[str, object]:
    counts = {path: dict.fromkeys(SEVERITIES, 0) for path in report.paths}
    for finding in report.findings:
        counts.setdefault(finding.path or "-", dict.fromkeys(SEVERITIES, 0))
        counts[finding.path or "-"][str(finding.severity)] += 1
    files: list[dict[str, object]] = []
    for path, by_severity in counts.items():
        entry: dict[str, object] = {"path": path, "findings": sum(by_severity.values())}
        entry.update(by_severity)
        if path in report.fixes:
            fix = report.fixes[path]
            entry.update(applied=fix.applied, changed=fix.changed)
            if fix.diff is not None:
                entry["diff"] = fix.diff
        files.append(entry)
    findings = []
    for finding in report.findings:
        data = finding.to_json()
        if report.command == "fix":
            data["applied"] = report.offers_fix(finding)
        findings.append(data)
    summary: dict[str, object] = {"findings": len(report.findings), "hidden": report.hidden}
    summary.update({s: sum(c[s] for c in counts.values()) for s in SEVERITIES})
    summary["exit_code"] = report.exit_code
    extra: dict[str, object] = {"dry_run": report.dry_run} if report.command == "fix" else {}
    return envelope(
        report.command, policy=report.policy, **extra, files=files, findings=findings,
        summary=summary,
    )  # fmt: skip


def mention_json(path: str, mention: newslib.Mention) -> dict[str, object]:
    """A mention as ``scan --format json`` prints it: where, which name in which variant
    and word form, and what the scanner knows about its place in the text."""
    variant = mention.variant
    return {
        "path": path,
        "start": mention.start,
        "end": mention.end,
        "line": mention.line,
        "column": mention.column,
        "end_line": mention.end_line,
        "end_column": mention.end_column,
        "surface": mention.surface,
        "entity": mention.entity,
        "variant": variant.text,
        "lang": mention.lang,
        "usage": sorted(variant.usage),
        "script": variant.script,
        "cases": [] if mention.derived else list(variant.cases_of(mention.surface)),
        "alternatives": [v.text for v in mention.alternatives],
        "quoted": mention.quoted,
        "about_name": mention.about_name,
        "derived": mention.derived,
    }
