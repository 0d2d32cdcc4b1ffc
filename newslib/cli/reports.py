"""Reports of findings, for people and for CI: text, line, JSON, SARIF 2.1.0, reviewdog's
rdjson and GitHub workflow annotations; the JSON of ``scan`` and ``verify``; coloured text.

Every report format is a function of one :class:`Report`. Positions come from the findings:
1-based lines, columns in code points (``str`` indices), the end exclusive. SARIF declares
that unit (``columnKind: unicodeCodePoints``); rdjson counts UTF-8 bytes, converted from the
line each finding starts on. Paths are relative to the current folder with forward slashes
where a tool wants them so (SARIF, rdjson, GitHub), as given elsewhere.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import assert_never
from urllib.parse import quote

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
    "escape_data",
    "escape_property",
    "headline",
    "mention_json",
    "render",
    "report_levels",
    "unified_diff",
    "utf8_columns",
]

# The shape of every JSON document the CLI prints; raised on any incompatible change.
SCHEMA = 1
# Where the rules are documented: docs/rules.md has a heading (an anchor) per rule id.
# SARIF wants absolute URIs; the repository's public address is not settled yet (the
# README's pre-commit example says <newslib's repository>): when it is, change it here.
DOCS = "https://github.com/newslib/newslib/blob/main/docs/"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

SEVERITIES = ("error", "warning", "info")  # most severe first
FAIL_ON = (*SEVERITIES, "never")
_RANK = {"info": 1, "warning": 2, "error": 3}


class ReportFormat(StrEnum):
    """How ``check`` and ``fix`` print their findings."""

    TEXT = "text"  # for people; fix prints a diff
    LINE = "line"  # path:line:col:rule:message, one finding a line
    JSON = "json"  # newslib's own, versioned (SCHEMA)
    SARIF = "sarif"  # SARIF 2.1.0: GitHub code scanning, IDEs
    RDJSON = "rdjson"  # reviewdog's diagnostic format
    GITHUB = "github"  # GitHub Actions workflow commands (annotations)


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
        "An adjective or demonym of a name the policy chooses a variant for: fixed like a "
        "name where its usage tags tell another usage (Leningorsky), else reported, as it "
        "names neither usage.",
        fixed=True,
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
        help="text (default), line (path:line:col:rule:message), json, sarif (SARIF 2.1.0), "
        "rdjson (reviewdog) or github (GitHub Actions annotations)",
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
        case ReportFormat.SARIF:
            return _dumps(_sarif(report))
        case ReportFormat.RDJSON:
            return _dumps(_rdjson(report))
        case ReportFormat.GITHUB:
            return "".join(_annotation(f) + "\n" for f in report.findings)
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
        "cases": list(variant.cases_of(mention.surface)),
        "alternatives": [v.text for v in mention.alternatives],
        "quoted": mention.quoted,
        "about_name": mention.about_name,
        "derived": mention.derived,
    }


# ---------------------------------------------------------------------- where files are


def _absolute(path: str) -> Path:
    """*path* made absolute without following links (a linked folder stays where it is)."""
    return Path(os.path.normpath(Path(path).absolute()))


def _relative(path: str) -> str | None:
    """*path* from the current folder with forward slashes; None when it is outside."""
    try:
        return _absolute(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return None


def _tool_path(path: str) -> str:
    """A path as CI tools want it: relative to the current folder, else absolute."""
    relative = _relative(path)
    return relative if relative is not None else _absolute(path).as_posix()


def _artifact_location(path: str) -> dict[str, object]:
    """SARIF's artifactLocation: a relative reference from %SRCROOT% (the current folder),
    or an absolute file URI outside it; standard input has no URI."""
    if path == "-":
        return {"description": {"text": "standard input"}}
    relative = _relative(path)
    if relative is None:
        return {"uri": _absolute(path).as_uri()}
    return {"uri": quote(relative), "uriBaseId": "%SRCROOT%"}


# ---------------------------------------------------------------------- SARIF


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _sarif(report: Report) -> dict[str, object]:
    paths = list(dict.fromkeys([*report.paths, *(f.path or "-" for f in report.findings)]))
    artifact_index = {path: index for index, path in enumerate(paths)}
    rules = [
        {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "helpUri": rule.help_uri,
            "help": {
                "text": f"{rule.summary} See {rule.help_uri}",
                "markdown": f"{rule.summary} [More about `{rule.id}`]({rule.help_uri}).",
            },
            "properties": {"fixedByNewslibFix": rule.fixed},
        }
        for rule in RULES
    ]
    results = []
    for finding in report.findings:
        path = finding.path or "-"
        location = {**_artifact_location(path), "index": artifact_index[path]}
        region = {
            "startLine": finding.line,
            "startColumn": finding.column,
            "endLine": finding.end_line,
            "endColumn": finding.end_column,
        }
        result: dict[str, object] = {
            "ruleId": str(finding.rule),
            "ruleIndex": _RULE_INDEX[str(finding.rule)],
            "level": _SARIF_LEVEL[str(finding.severity)],
            "message": {"text": headline(finding)},
            "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        }
        if report.offers_fix(finding):
            guess = "; the word form is a guess: review it" if finding.guessed else ""
            result["fixes"] = [
                {
                    "description": {"text": f"Write {finding.suggestion!r}{guess}"},
                    "artifactChanges": [
                        {
                            "artifactLocation": location,
                            "replacements": [
                                {
                                    "deletedRegion": region,
                                    "insertedContent": {"text": finding.suggestion},
                                }
                            ],
                        }
                    ],
                }
            ]
        result["properties"] = _finding_properties(finding)
        results.append(result)
    run_properties: dict[str, object] = {"command": report.command, "policy": report.policy}
    if report.command == "fix":
        run_properties["dryRun"] = report.dry_run
    run = {
        "tool": {
            "driver": {
                "name": "newslib",
                "version": newslib.__version__,
                "semanticVersion": newslib.__version__,
                "informationUri": f"{DOCS}rules.md",
                "rules": rules,
            }
        },
        "invocations": [{"executionSuccessful": True, "exitCode": report.exit_code}],
        "artifacts": [{"location": _artifact_location(path)} for path in paths],
        "defaultEncoding": "utf-8",
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": run_properties,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _finding_properties(finding: newslib.Finding) -> dict[str, object]:
    """What a finding knows beyond its place and message, for SARIF's property bag."""
    data = finding.to_json()
    keys = ("entity", "variant", "surface", "suggestion", "lang", "case", "confidence",
            "fixable", "guessed")  # fmt: skip
    return {key: data[key] for key in keys if data[key] not in (None, "")}


# ---------------------------------------------------------------------- rdjson


_RDJSON_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def utf8_columns(finding: newslib.Finding) -> tuple[int, int]:
    """The finding's start and (exclusive) end columns in UTF-8 bytes, 1-based."""
    start = _utf8_length(finding.line_text[: finding.column - 1]) + 1
    last_newline = finding.surface.rfind("\n")
    if last_newline < 0:
        return start, start + _utf8_length(finding.surface)
    return start, _utf8_length(finding.surface[last_newline + 1 :]) + 1


def _utf8_length(text: str) -> int:
    # surrogateescape: text read from a non-UTF-8 stdin counts its original bytes
    return len(text.encode("utf-8", "surrogateescape"))


def _rdjson(report: Report) -> dict[str, object]:
    diagnostics = []
    for finding in report.findings:
        start, end = utf8_columns(finding)
        span = {
            "start": {"line": finding.line, "column": start},
            "end": {"line": finding.end_line, "column": end},
        }
        location: dict[str, object] = {"range": span}
        if finding.path not in (None, "-"):
            location = {"path": _tool_path(finding.path), **location}
        rule = RULES[_RULE_INDEX[str(finding.rule)]]
        diagnostic: dict[str, object] = {
            "message": headline(finding),
            "location": location,
            "severity": _RDJSON_SEVERITY[str(finding.severity)],
            "code": {"value": rule.id, "url": rule.help_uri},
        }
        if report.offers_fix(finding):
            diagnostic["suggestions"] = [{"range": span, "text": finding.suggestion}]
        diagnostics.append(diagnostic)
    return {"source": {"name": "newslib", "url": f"{DOCS}rules.md"}, "diagnostics": diagnostics}


# ---------------------------------------------------------------------- GitHub


_GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as the Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: the message's escapes, and ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(finding: newslib.Finding) -> str:
    properties: dict[str, object] = {}
    if finding.path not in (None, "-"):
        properties = {"file": _tool_path(finding.path), "line": finding.line}
        if finding.end_line == finding.line:  # the runner drops columns across lines
            properties["col"] = finding.column
        properties["endLine"] = finding.end_line
        if finding.end_line == finding.line:
            properties["endColumn"] = finding.end_column
    properties["title"] = f"newslib: {finding.rule}"
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    command = _GITHUB_COMMAND[str(finding.severity)]
    return f"::{command} {listed}::{escape_data(headline(finding))}"
