"""``newslib`` commands about names: scan, check, fix, and the gazetteer."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import newslib
from newslib.cli import reports
from newslib.cli.reports import FileFix, Report, ReportFormat, at_least
from newslib.cli.shared import (
    EXIT_FINDINGS,
    EXIT_OK,
    Commands,
    add_color_option,
    add_gazetteer_options,
    load_gazetteer,
    read_stdin,
    use_color,
)
from newslib.errors import ConfigError, UnknownPolicyError, UsageError

__all__ = ["register"]


def register(commands: Commands[argparse.ArgumentParser]) -> None:
    """Add the terminology commands."""

    def inputs(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="article YAML, .txt, .md, .html, a folder, a glob, an article id, or - (stdin)",
        )
        sub.add_argument(  # as before the command, which SUPPRESS leaves in place if not given
            "--content",
            metavar="DIR",
            default=argparse.SUPPRESS,
            help="the content folder that article ids are looked up in (default: ./content)",
        )
        sub.add_argument("--lang", help="the text's language (default: the article's, or detected)")
        add_gazetteer_options(sub)

    scan = commands.add_parser("scan", help="list the entity mentions in texts")
    inputs(scan)
    scan.add_argument("--format", choices=("text", "json"), default="text")
    scan.set_defaults(command=_scan)

    check = commands.add_parser("check", help="check names against a naming policy")
    inputs(check)
    check.add_argument(
        "--policy",
        help="a shipped policy name or a policy YAML file (default: the project's, else "
        "as-written)",
    )
    reports.add_report_options(check)
    add_color_option(check)
    check.set_defaults(command=_check)

    fix = commands.add_parser("fix", help="apply a policy's confident suggestions in place")
    inputs(fix)
    fix.add_argument(
        "--policy", help="a shipped policy name or a policy YAML file (default: the project's)"
    )
    fix.add_argument(
        "--dry-run",
        action="store_true",
        help="print a diff (or, with --format, the findings and what would be fixed); "
        "change nothing",
    )
    fix.add_argument(
        "--best-guess",
        action="store_true",
        help="also apply suggestions whose word form is a guess (review the result)",
    )
    reports.add_report_options(fix)
    add_color_option(fix)
    fix.set_defaults(command=_fix)

    terms = commands.add_parser("terms", help="look into the gazetteer")
    terms_commands = terms.add_subparsers(title="terms commands", metavar="COMMAND")
    show = terms_commands.add_parser("show", help="an entity's names, usages and word forms")
    show.add_argument("entity")
    add_gazetteer_options(show)
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(command=_terms_show)

    forms = terms_commands.add_parser(
        "forms", help="propose the word forms of a new name, for the gazetteer"
    )
    forms.add_argument("word")
    forms.add_argument("--lang", default="ru")
    forms.add_argument("--format", choices=("text", "json"), default="text")
    forms.set_defaults(command=_terms_forms)

    export = terms_commands.add_parser(
        "export", help="the gazetteer as a glossary for translators' tools (TBX, CSV)"
    )
    export.add_argument(
        "--format",
        choices=("tbx", "tbx-v2", "csv"),
        default="tbx",
        help="tbx: TBX-Basic, TBX v3 (ISO 30042:2019); tbx-v2: TBX-Basic as martif, which "
        "Weblate and translate-toolkit read; csv: one language pair, Weblate's glossary columns",
    )
    export.add_argument(
        "--policy",
        help="mark each variant preferred, admitted or deprecated as this policy does "
        "(default: every variant admitted)",
    )
    export.add_argument("--lang", help="csv: the language of the target terms")
    export.add_argument("--source-lang", default="en", help="csv: the source terms' (default en)")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    add_gazetteer_options(export)
    export.set_defaults(command=_terms_export)


def _stdin(paths: Sequence[str]) -> str | None:
    return read_stdin() if "-" in paths else None


def _inputs(args: argparse.Namespace, *, fixing: bool = False) -> list[str]:
    """The files the arguments name (folders walked, globs expanded, ids looked up), less
    what the project's settings ignore, and the settings' defaults filled into *args*."""
    settings = newslib.Project.find().check
    if args.content == "content" and settings.content is not None:
        args.content = str(settings.content)
    for option in ("gazetteer", "geonames", "alternate_names", "fail_on"):
        if getattr(args, option, False) is None and getattr(settings, option) is not None:
            setattr(args, option, str(getattr(settings, option)))
    if getattr(args, "policy", False) is None:
        if settings.policy is not None:
            _load_settings_policy(settings.policy, settings.source)
        args.policy = settings.policy or ("as-written" if not fixing else None)
        if args.policy is None:
            raise UsageError(
                "fix needs a policy: pass --policy, or set policy in [tool.newslib] of "
                "pyproject.toml (or check: in newslib.yaml)"
            )
    found = newslib.resolve_inputs(args.paths, content=args.content, fixing=fixing)
    for note in found.notes:
        print(f"newslib: note: {note}", file=sys.stderr)
    return [path for path in found.paths if path in args.paths or not settings.ignores(path)]


def _load_settings_policy(policy: str, source: Path | None) -> None:
    """Load the policy the project's settings name; one that does not exist is an error
    of the settings, at their file and line (the message named neither)."""
    try:
        newslib.load_policy(policy)
    except UnknownPolicyError as exc:
        line = _line_of_policy(source) if source is not None else None
        raise ConfigError(str(exc), path=source, line=line) from None


def _line_of_policy(source: Path) -> int | None:
    """The line of ``policy`` in ``[tool.newslib]`` or ``check:`` of *source*."""
    inside = False
    for number, line in enumerate(source.read_text("utf-8").splitlines(), 1):
        if re.match(r"\s*\[|check\s*:", line):
            inside = bool(re.match(r"\s*\[\s*tool\.newslib\s*\]|check\s*:", line))
        elif inside and re.match(r"\s*policy\s*[=:]", line):
            return number
    return None


def _scan(args: argparse.Namespace) -> int:
    paths = _inputs(args)
    gazetteer, text = load_gazetteer(args), _stdin(paths)
    found = []
    for path in paths:
        for mention in newslib.scan_file(path, gazetteer=gazetteer, lang=args.lang, text=text):
            found.append(reports.mention_json(path, mention))
    if args.format == "json":
        # Adjectives and demonyms ("Abkhazian") are counted apart: no mention of the place.
        counts = {path: [0, 0] for path in paths}
        for m in found:
            counts[str(m["path"])][bool(m["derived"])] += 1
        files = [
            {"path": path, "mentions": names, "derived": derived}
            for path, (names, derived) in counts.items()
        ]
        data = reports.envelope("scan", files=files, mentions=found)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for m in found:
            where = f"{m['path']}:{m['start']}-{m['end']}"
            what = f"derived: {m['variant']}" if m["derived"] else m["variant"]
            print(f"{where}: {m['entity']} ({what}): {m['surface']}")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    paths = _inputs(args)
    fail_on, min_severity = reports.report_levels(args)
    gazetteer, text = load_gazetteer(args), _stdin(paths)
    policy = newslib.load_policy(args.policy)
    findings: list[newslib.Finding] = []
    for path in paths:
        findings += newslib.check_file(
            path, policy=policy, gazetteer=gazetteer, lang=args.lang, text=text
        )
    shown = [f for f in findings if at_least(f.severity, min_severity)]
    code = EXIT_FINDINGS if any(at_least(f.severity, fail_on) for f in shown) else EXIT_OK
    report = Report(
        "check", policy.name, tuple(paths), tuple(shown), len(findings) - len(shown), code
    )
    color = use_color(args.color, sys.stdout)
    sys.stdout.write(reports.render(report, ReportFormat(args.format), color=color))
    errors = sum(f.severity is newslib.Severity.ERROR for f in shown)
    hidden = f"; {report.hidden} below --min-severity not shown" if report.hidden else ""
    print(
        f"{len(shown)} finding(s), {errors} error(s) under {policy.name} in "
        f"{len(paths)} input(s){hidden}",
        file=sys.stderr,
    )
    return code


def _fix(args: argparse.Namespace) -> int:
    paths = _inputs(args, fixing=True)
    fail_on, min_severity = reports.report_levels(args)
    gazetteer, text = load_gazetteer(args), _stdin(paths)
    policy = newslib.load_policy(args.policy)
    fmt = ReportFormat(args.format)
    color, human_color = use_color(args.color, sys.stdout), use_color(args.color, sys.stderr)
    left: list[newslib.Finding] = []  # what fixing leaves, shown
    reported: list[newslib.Finding] = []  # for the report formats
    fixes: dict[str, FileFix] = {}
    for path in paths:
        dry_run = args.dry_run or path == "-"  # standard input is never written back
        result = newslib.fix_file(
            path,
            policy=policy,
            gazetteer=gazetteer,
            lang=args.lang,
            dry_run=dry_run,
            best_guess=args.best_guess,
            text=text,
        )
        diff = None
        if dry_run:
            diff = reports.unified_diff(
                result.original, result.fixed, path, color=color and fmt is ReportFormat.TEXT
            )
        if fmt is ReportFormat.TEXT and path == "-" and not args.dry_run:
            sys.stdout.write(result.fixed)  # stdin's fixed text, as a filter gives it
        elif fmt is ReportFormat.TEXT and diff is not None:
            sys.stdout.write(diff)
        fixes[path] = FileFix(len(result.applied), result.changed, diff)
        verb = "would fix" if args.dry_run else "fixed"
        print(f"{path}: {verb} {len(result.applied)} name(s)", file=sys.stderr)
        remaining = [f for f in result.remaining if at_least(f.severity, min_severity)]
        for finding in remaining:
            if finding.rule != "unknown-spelling" and finding.suggestion:
                described = reports.describe(finding, color=human_color)
                print(f"  left for a human: {described}", file=sys.stderr)
        left += remaining
        if fmt is not ReportFormat.TEXT:  # a dry run reports the file as it is
            reported += (
                newslib.check_file(
                    path, policy=policy, gazetteer=gazetteer, lang=args.lang, text=text
                )
                if dry_run
                else result.remaining
            )
    code = EXIT_FINDINGS if any(at_least(f.severity, fail_on) for f in left) else EXIT_OK
    if fmt is not ReportFormat.TEXT:
        shown = tuple(f for f in reported if at_least(f.severity, min_severity))
        report = Report(
            "fix",
            policy.name,
            tuple(paths),
            shown,
            hidden=len(reported) - len(shown),
            exit_code=code,
            best_guess=args.best_guess,
            dry_run=args.dry_run or all(path == "-" for path in paths),
            fixes=fixes,
        )
        sys.stdout.write(reports.render(report, fmt))
    return code


def _terms_show(args: argparse.Namespace) -> int:
    entity = load_gazetteer(args).entity(args.entity)
    if args.format == "json":
        data = {
            "id": entity.id,
            "kind": str(entity.kind),
            "geonames": entity.geonames,
            "names": {
                lang: [
                    {
                        "text": v.text,
                        "usage": sorted(v.usage),
                        "script": v.script,
                        "source": v.source,
                        "forms": dict(v.forms),
                        "confidence": v.confidence,
                    }
                    for v in variants
                ]
                for lang, variants in entity.names.items()
            },
            "derived": {
                lang: [
                    *entity.derived.get(lang, ()),
                    *(
                        {"text": v.text, "usage": sorted(v.usage), "source": v.source,
                         "forms": dict(v.forms), "confidence": v.confidence}
                        for v in entity.derived_words.get(lang, ())
                    ),
                ]
                for lang in {**entity.derived, **entity.derived_words}
            },
        }  # fmt: skip
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    geonames = f", GeoNames {entity.geonames}" if entity.geonames else ""
    print(f"{entity.id} ({entity.kind}{geonames})")
    for lang, variants in entity.names.items():
        for variant in variants:
            forms = sorted(set(variant.forms.values()) - {variant.text})
            declines = ", ".join(forms) or ("indeclinable" if len(variant.forms) > 1 else "")
            source = f"  [{variant.source}]" if variant.source else ""
            usage = ", ".join(sorted(variant.usage))
            sure = f"  (generated, {variant.confidence:.0%} sure)" if variant.confidence < 1 else ""
            print(f"  {lang}  {variant.text:<24} {usage:<34} {declines}{sure}{source}")
    for lang in {**entity.derived, **entity.derived_words}:
        for pattern in entity.derived.get(lang, ()):
            print(f"  {lang}  derived {pattern:<16} {'(names neither usage)':<34}")
        for word in entity.derived_words.get(lang, ()):
            usage = ", ".join(sorted(word.usage)) or "(names neither usage)"
            count = len(set(word.forms.values()))
            source = f"  [{word.source}]" if word.source else ""
            print(f"  {lang}  derived {word.text:<16} {usage:<34} {count} forms{source}")
    return EXIT_OK


def _terms_export(args: argparse.Namespace) -> int:
    text = newslib.export_glossary(
        args.format,
        policy=args.policy,
        gazetteer=load_gazetteer(args),
        source=args.source_lang,
        target=args.lang,
        output=args.output,
    )
    if args.output is None:
        sys.stdout.write(text)
    return EXIT_OK


def _terms_forms(args: argparse.Namespace) -> int:
    proposal = newslib.propose_forms(args.word, args.lang)
    if args.format == "json":
        data = {
            "word": proposal.word,
            "source": proposal.source,
            "forms": proposal.forms,
            "doubts": list(proposal.doubts),
            "alternatives": [{"source": s, "forms": f} for s, f in proposal.alternatives],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"# Proposed forms of {proposal.word} ({proposal.source}); confirm them before pasting.")
    for doubt in proposal.doubts:
        print(f"#   unsure: {doubt}")
    cases = {k: v for k, v in proposal.forms.items() if k != "nom"}
    print(f"- text: {proposal.word}")
    print("  usage: [TODO]  # who writes it: georgian-official, russian-usage, common, ...")
    print("  forms: {" + ", ".join(f"{k}: {v}" for k, v in cases.items()) + "}")
    for source, forms in proposal.alternatives:
        other = ", ".join(f"{k}: {v}" for k, v in forms.items() if k != "nom")
        print(f"# or, by {source}: {{{other}}}")
    return EXIT_OK
