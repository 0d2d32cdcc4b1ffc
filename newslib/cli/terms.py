"""``newslib`` commands about names: scan, check, fix, and the gazetteer."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Sequence

import newslib
from newslib.cli.shared import (
    EXIT_FINDINGS,
    EXIT_OK,
    Commands,
    add_gazetteer_options,
    load_gazetteer,
)

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
        sub.add_argument("--format", choices=("text", "json"), default="text")

    scan = commands.add_parser("scan", help="list the entity mentions in texts")
    inputs(scan)
    scan.set_defaults(command=_scan)

    check = commands.add_parser("check", help="check names against a naming policy")
    inputs(check)
    check.add_argument(
        "--policy", default="as-written", help="a shipped policy name or a policy YAML file"
    )
    check.set_defaults(command=_check)

    fix = commands.add_parser("fix", help="apply a policy's confident suggestions in place")
    inputs(fix)
    fix.add_argument("--policy", required=True, help="a shipped policy name or a policy YAML file")
    fix.add_argument("--dry-run", action="store_true", help="print a diff; change nothing")
    fix.add_argument(
        "--best-guess",
        action="store_true",
        help="also apply suggestions whose word form is a guess (review the result)",
    )
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


def _stdin(paths: Sequence[str]) -> str | None:
    return sys.stdin.read() if "-" in paths else None


def _inputs(args: argparse.Namespace, *, fixing: bool = False) -> list[str]:
    """The files the arguments name (folders walked, globs expanded, ids looked up)."""
    found = newslib.resolve_inputs(args.paths, content=args.content, fixing=fixing)
    for note in found.notes:
        print(f"newslib: note: {note}", file=sys.stderr)
    return list(found.paths)


def _scan(args: argparse.Namespace) -> int:
    paths = _inputs(args)
    gazetteer, text = load_gazetteer(args), _stdin(paths)
    found = []
    for path in paths:
        for mention in newslib.scan_file(path, gazetteer=gazetteer, lang=args.lang, text=text):
            found.append(
                {
                    "path": path,
                    "start": mention.start,
                    "end": mention.end,
                    "surface": mention.surface,
                    "entity": mention.entity,
                    "variant": mention.variant.text,
                }
            )
    if args.format == "json":
        print(json.dumps({"mentions": found}, ensure_ascii=False, indent=2))
    else:
        for m in found:
            where = f"{m['path']}:{m['start']}-{m['end']}"
            print(f"{where}: {m['entity']} ({m['variant']}): {m['surface']}")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    paths = _inputs(args)
    gazetteer, text = load_gazetteer(args), _stdin(paths)
    policy = newslib.load_policy(args.policy)
    findings: list[newslib.Finding] = []
    for path in paths:
        findings += newslib.check_file(
            path, policy=policy, gazetteer=gazetteer, lang=args.lang, text=text
        )
    if args.format == "json":
        print(
            json.dumps({"findings": [f.to_json() for f in findings]}, ensure_ascii=False, indent=2)
        )
    else:
        for finding in findings:
            print(_describe(finding))
    errors = sum(f.severity is newslib.Severity.ERROR for f in findings)
    print(
        f"{len(findings)} finding(s), {errors} error(s) under {policy.name} in "
        f"{len(paths)} input(s)",
        file=sys.stderr,
    )
    return EXIT_FINDINGS if errors else EXIT_OK


def _fix(args: argparse.Namespace) -> int:
    paths = _inputs(args, fixing=True)
    gazetteer, text = load_gazetteer(args), _stdin(paths)
    policy = newslib.load_policy(args.policy)
    left_errors = 0
    for path in paths:
        result = newslib.fix_file(
            path,
            policy=policy,
            gazetteer=gazetteer,
            lang=args.lang,
            dry_run=args.dry_run or path == "-",
            best_guess=args.best_guess,
            text=text,
        )
        if path == "-" and not args.dry_run:
            sys.stdout.write(result.fixed)  # stdin's fixed text, as a filter gives it
        elif args.dry_run:
            sys.stdout.writelines(
                difflib.unified_diff(
                    result.original.splitlines(keepends=True),
                    result.fixed.splitlines(keepends=True),
                    fromfile=f"a/{path}",
                    tofile=f"b/{path}",
                )
            )
        verb = "would fix" if args.dry_run else "fixed"
        print(f"{path}: {verb} {len(result.applied)} name(s)", file=sys.stderr)
        for finding in result.remaining:
            if finding.rule != "unknown-spelling" and finding.suggestion:
                print(f"  left for a human: {_describe(finding)}", file=sys.stderr)
            left_errors += finding.severity is newslib.Severity.ERROR
    return EXIT_FINDINGS if left_errors else EXIT_OK


def _describe(finding: newslib.Finding) -> str:
    where = f"{finding.path}:{finding.line}:{finding.column}"
    suggestion = f" -> {finding.suggestion!r}" if finding.suggestion else ""
    form = f" [case {finding.case}, {finding.confidence:.0%} sure]" if finding.case else ""
    return (
        f"{where}: {finding.severity} [{finding.rule}] {finding.surface!r}{suggestion}{form}: "
        f"{finding.message}"
    )


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
                    }
                    for v in variants
                ]
                for lang, variants in entity.names.items()
            },
        }
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
            print(f"  {lang}  {variant.text:<24} {usage:<34} {declines}{source}")
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
