"""The ``newslib`` command: a thin layer over the public API.

Exit codes: 0 success, 1 findings or problems found, 2 usage or input error.
Results go to stdout; diagnostics to stderr.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import newslib
import newslib.store
from newslib import Article, NewslibError, UsageError

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    command: Command | None = getattr(args, "command", None)
    if command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return command(args)
    except NewslibError as exc:
        print(f"newslib: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("newslib: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslib",
        description="Versioned multilingual news articles and contested place names.",
    )
    parser.add_argument("--version", action="version", version=f"newslib {newslib.__version__}")
    parser.add_argument(
        "--content",
        default="content",
        metavar="DIR",
        help="the content folder that article ids are looked up in (default: ./content)",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    render = commands.add_parser("render", help="render one article")
    render.add_argument("article", help="an article id in the content folder, or a YAML file")
    render.add_argument("--rev", type=int, help="a revision number (default: the head)")
    render.add_argument("--format", default="text", choices=sorted(newslib.FORMATS))
    render.add_argument(
        "--locale", help="render as this locale's edition (default: as written, no localisation)"
    )
    render.add_argument("--policy", help="write names by this naming policy")
    render.add_argument("--timezone", default="UTC", help="show times in this zone")
    render.set_defaults(command=_render)

    _store_commands(commands)

    status = commands.add_parser("status", help="what is translated, stale or missing")
    status.add_argument("article", nargs="?", help="one article (default: all)")
    status.add_argument("--lang", help="one language (default: every edition's)")
    status.add_argument(
        "--diff", action="store_true", help="show the source changes behind stale fields"
    )
    status.add_argument("--format", choices=("text", "json"), default="text")
    status.set_defaults(command=_status)

    translate = commands.add_parser(
        "translate", help="draft missing and stale translations by machine"
    )
    translate.add_argument("article")
    translate.add_argument("--to", required=True, dest="target", help="the target language")
    translate.add_argument("--engine", default="libre", help="libre, google or mymemory")
    translate.add_argument("--url", help="the engine's address (a LibreTranslate server)")
    translate.add_argument("--api-key", help="the engine's key, where it needs one")
    translate.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    translate.add_argument("--policy", help="name policy for the drafts (default: the edition's)")
    translate.add_argument(
        "--force", action="store_true", help="also redraft stale human translations"
    )
    translate.add_argument(
        "--no-cache", action="store_true", help="do not use the translation memory"
    )
    translate.add_argument("--memory", help="the translation memory file (SQLite)")
    translate.set_defaults(command=_translate)

    build = commands.add_parser("build", help="build every edition of the content folder")
    build.add_argument("--out", default="_site", help="the output folder (default: ./_site)")
    build.add_argument("-j", "--jobs", type=int, help="processes (default: one per core)")
    build.add_argument(
        "--strict",
        action="store_true",
        help="fail on terminology errors or missing/stale translations",
    )
    build.set_defaults(command=_build)

    do_import = commands.add_parser("import", help="structure plain agency copy as an article")
    do_import.add_argument("file", help="a UTF-8 text file ('-' for stdin)")
    do_import.add_argument("--id", help="the article id (default: from the headline)")
    do_import.add_argument("--year", type=int, help="the dateline's year (default: inferred)")
    do_import.add_argument("-o", "--output", help="write the YAML here instead of stdout")
    do_import.add_argument("--gazetteer", metavar="FILE", help="annotate names from this gazetteer")
    do_import.add_argument(
        "--no-annotate", action="store_true", help="keep the structure only; mark no names"
    )
    do_import.set_defaults(command=_import)

    _terminology_commands(commands)
    return parser


def _terminology_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    def inputs(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "paths", nargs="+", metavar="PATH", help="article YAML, .txt, .md, .html, or - (stdin)"
        )
        sub.add_argument("--lang", help="the text's language (default: the article's, or detected)")
        sub.add_argument(
            "--gazetteer", metavar="FILE", help="a gazetteer YAML instead of the shipped one"
        )
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
    show.add_argument("--gazetteer", metavar="FILE")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(command=_terms_show)

    forms = terms_commands.add_parser(
        "forms", help="propose the word forms of a new name, for the gazetteer"
    )
    forms.add_argument("word")
    forms.add_argument("--lang", default="ru")
    forms.add_argument("--format", choices=("text", "json"), default="text")
    forms.set_defaults(command=_terms_forms)


def _store_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    history = commands.add_parser("history", help="list an article's revisions")
    history.add_argument("article")
    history.add_argument("--format", choices=("text", "json"), default="text")
    history.set_defaults(command=_history)

    diff = commands.add_parser("diff", help="what changed between two revisions")
    diff.add_argument("article")
    diff.add_argument("old", nargs="?", type=int, help="default: the revision before NEW")
    diff.add_argument("new", nargs="?", type=int, help="default: the head")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.set_defaults(command=_diff)

    verify = commands.add_parser("verify", help="recompute hashes and chains of the store")
    verify.add_argument("folder", nargs="?", help="the content folder (default: --content)")
    verify.set_defaults(command=_verify)

    checkout = commands.add_parser("checkout", help="write a revision to a working YAML file")
    checkout.add_argument("article")
    checkout.add_argument("--rev", type=int, help="default: the head")
    checkout.add_argument("-o", "--output", help="the working file (default: stdout)")
    checkout.set_defaults(command=_checkout)

    save = commands.add_parser("save", help="record a working YAML file as a new revision")
    save.add_argument("file")
    save.add_argument("--author", required=True)
    save.add_argument("--kind", required=True, choices=[str(k) for k in newslib.RevisionKind])
    save.add_argument("--note", default="", help="what changed; public for corrections")
    save.add_argument(
        "--expect",
        type=int,
        help="the revision your copy is based on (default: the one 'checkout' wrote in it)",
    )
    save.set_defaults(command=_save)


def _translate(args: argparse.Namespace) -> int:
    options: dict[str, object] = {"timeout": args.timeout}
    if args.url:
        options["url"] = args.url
    if args.api_key:
        options["api_key"] = args.api_key
    translator = newslib.get_translator(args.engine, **options)
    policy = args.policy or _edition_policy(Path(args.content), args.target)
    memory = None
    if not args.no_cache:
        memory = newslib.TranslationMemory(
            args.memory or newslib.terms.cache.cache_dir() / "translation-memory.sqlite"
        )
    interactive = sys.stderr.isatty() and not os.environ.get("CI")
    summary = newslib.draft(
        args.content,
        args.article,
        target=args.target,
        translator=translator,
        policy=newslib.load_policy(policy) if policy else None,
        memory=memory,
        force=args.force,
        progress=newslib.build_progress if interactive else None,
    )
    print(
        f"{summary.path}: {len(summary.drafted)} drafted, {len(summary.from_memory)} from "
        f"memory, {len(summary.review)} need review, {len(summary.kept_human)} stale human "
        f"translation(s) kept (--force redrafts them), {len(summary.current)} current",
        file=sys.stderr,
    )
    for name, problems in summary.review.items():
        for problem in problems:
            print(f"  review {name}: {problem}", file=sys.stderr)
    return EXIT_OK


def _edition_policy(content: Path, language: str) -> str | None:
    try:
        project = newslib.load_project(content)
    except newslib.NewslibError:
        return None
    return next((e.policy for e in project.editions if e.language == language), None)


def _status(args: argparse.Namespace) -> int:
    repository = newslib.Repository(args.content)
    articles = [args.article] if args.article else repository.ids()
    languages = [args.lang] if args.lang else _edition_languages(Path(args.content))
    rows: list[newslib.StatusRow] = []
    diffs: list[dict[str, object]] = []
    for article_id in articles:
        source = repository.read(article_id)
        for language in languages:
            if language == source.language.split("-")[0]:
                continue
            translations = newslib.load_translations(args.content, article_id, language)
            rows.append(newslib.status_row(source, translations, language))
            if args.diff and translations is not None:
                diffs += _stale_diffs(repository, source, translations)
    if args.format == "json":
        data: dict[str, object] = {"status": [r.to_json() for r in rows]}
        if args.diff:
            data["stale"] = diffs
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{'article':<40} {'lang':<5} {'current':>7} {'stale':>5} {'missing':>7} "
          f"{'machine':>7} {'obsolete':>8}")  # fmt: skip
    for r in rows:
        print(f"{r.article[:40]:<40} {r.language:<5} {r.current:>7} {r.stale:>5} "
              f"{r.missing:>7} {r.machine_unreviewed:>7} {r.obsolete:>8}")  # fmt: skip
    for item in diffs:
        print(f"\n{item['article']} [{item['language']}] {item['field']}: "
              f"revision {item['translated_from']} -> {item['now']}")  # fmt: skip
        print(f"  {item['diff']}")
    return EXIT_OK


def _edition_languages(content: Path) -> list[str]:
    try:
        project = newslib.load_project(content)
    except newslib.NewslibError:
        return ["ru", "de", "fr", "ka", "ar"]
    return list(dict.fromkeys(e.language for e in project.editions))


def _stale_diffs(
    repository: newslib.Repository, source: Article, translations: newslib.TranslationSet
) -> list[dict[str, object]]:
    """For each stale field, the source's change since the translation was made."""
    head = repository.head(source.id)
    found: list[dict[str, object]] = []
    for name, state in translations.status(source).items():
        if state != "stale":
            continue
        entry = translations.fields[name]
        then = repository.read(source.id, entry.source_revision)
        old, new = newslib.field_source(then, name), newslib.field_source(source, name)
        changes = newslib.diff.word_diff(old, new)
        found.append(
            {
                "article": source.id,
                "language": translations.language,
                "field": name,
                "translated_from": entry.source_revision,
                "now": head.number if head else None,
                "diff": newslib.format_words(changes),
            }
        )
    return found


def _build(args: argparse.Namespace) -> int:
    interactive = sys.stderr.isatty() and not os.environ.get("CI")
    result = newslib.build(
        args.content,
        args.out,
        jobs=args.jobs,
        strict=args.strict,
        progress=newslib.build_progress if interactive else None,
    )
    editions = ", ".join(result.editions) or "none"
    print(
        f"{result.out}: {result.rendered} page(s) rendered, {result.reused} unchanged; "
        f"editions published: {editions}",
        file=sys.stderr,
    )
    return EXIT_OK


def _render(args: argparse.Namespace) -> int:
    article, history = _load_article(args.article, Path(args.content), args.rev)
    sys.stdout.write(
        newslib.render(
            article,
            args.format,
            locale=args.locale,
            policy=args.policy,
            history=history,
            timezone=args.timezone,
        )
    )
    return EXIT_OK


def _history(args: argparse.Namespace) -> int:
    revisions = newslib.Repository(args.content).history(args.article)
    if not revisions:
        raise UsageError(f"no article {args.article!r} in {args.content}")
    if args.format == "json":
        print(json.dumps([_revision_json(r) for r in revisions], ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in revisions:
        note = f": {r.note}" if r.note else ""
        print(f"{r.number:>4}  {r.time:%Y-%m-%d %H:%M}Z  {r.kind:<10} {r.author}{note}")
    return EXIT_OK


def _revision_json(revision: newslib.Revision) -> dict[str, object]:
    return {
        "article": revision.article,
        "number": revision.number,
        "time": revision.time.isoformat().replace("+00:00", "Z"),
        "author": revision.author,
        "kind": str(revision.kind),
        "note": revision.note,
        "content": revision.content,
        "parent": revision.parent,
        "hash": revision.hash,
    }


def _diff(args: argparse.Namespace) -> int:
    repository = newslib.Repository(args.content)
    head = repository.head(args.article)
    if head is None:
        raise UsageError(f"no article {args.article!r} in {args.content}")
    new = args.new if args.new is not None else head.number
    old = args.old if args.old is not None else new - 1
    if old < 1:
        raise UsageError(f"{args.article} has only revision {new}; nothing to compare")
    changes = newslib.diff_articles(
        repository.read(args.article, old), repository.read(args.article, new)
    )
    if args.format == "json":
        data = {"article": args.article, "old": old, "new": new, **changes.to_json()}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(f"{args.article}: revision {old} -> {new}", file=sys.stderr)
        sys.stdout.write(newslib.format_diff(changes, color=sys.stdout.isatty()))
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    folder = args.folder or args.content
    problems = newslib.Repository(folder).verify()
    for problem in problems:
        print(problem)
    count = len(newslib.Repository(folder).ids())
    print(f"{folder}: {count} article(s), {len(problems)} problem(s)", file=sys.stderr)
    return EXIT_FINDINGS if problems else EXIT_OK


def _checkout(args: argparse.Namespace) -> int:
    record, article = newslib.Repository(args.content).revision(args.article, args.rev)
    if args.output:
        newslib.write_working_copy(args.output, article, record.number)
        print(f"{args.output}: revision {record.number} of {article.id}", file=sys.stderr)
    else:
        sys.stdout.write(newslib.dumps_article(article))
    return EXIT_OK


def _save(args: argparse.Namespace) -> int:
    article, based_on = newslib.read_working_copy(args.file)
    repository = newslib.Repository(args.content)
    expected: int | newslib.store.AnyHead | None = newslib.ANY_HEAD
    if args.expect is not None:
        expected = args.expect
    elif based_on is not None:
        expected = based_on
    elif repository.head(article.id) is None:
        expected = None
    else:
        print(
            "newslib: note: the file does not say which revision it was based on; "
            "saved without a conflict check (use 'checkout -o FILE', or --expect)",
            file=sys.stderr,
        )
    record = repository.save(
        article, author=args.author, kind=args.kind, note=args.note, expected_head=expected
    )
    print(f"{article.id}: saved revision {record.number} ({record.kind})", file=sys.stderr)
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    annotate = None if args.no_annotate else newslib.annotator(_gazetteer(args))
    if args.file == "-":
        text = sys.stdin.read()
        result = newslib.import_text(text, article_id=args.id, year=args.year, annotate=annotate)
    else:
        result = newslib.import_file(
            args.file, article_id=args.id, year=args.year, annotate=annotate
        )
    for note in result.notes:
        print(f"newslib: note: {note}", file=sys.stderr)
    if args.output:
        newslib.write_article(result.article, args.output)
    else:
        sys.stdout.write(newslib.dumps_article(result.article))
    return EXIT_OK


def _gazetteer(args: argparse.Namespace) -> newslib.Gazetteer:
    return newslib.Gazetteer.load(args.gazetteer) if args.gazetteer else newslib.shipped_gazetteer()


def _stdin(paths: Sequence[str]) -> str | None:
    return sys.stdin.read() if "-" in paths else None


def _scan(args: argparse.Namespace) -> int:
    gazetteer, text = _gazetteer(args), _stdin(args.paths)
    found = []
    for path in args.paths:
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
    gazetteer, text = _gazetteer(args), _stdin(args.paths)
    policy = newslib.load_policy(args.policy)
    findings: list[newslib.Finding] = []
    for path in args.paths:
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
        f"{len(args.paths)} input(s)",
        file=sys.stderr,
    )
    return EXIT_FINDINGS if errors else EXIT_OK


def _fix(args: argparse.Namespace) -> int:
    gazetteer, text = _gazetteer(args), _stdin(args.paths)
    policy = newslib.load_policy(args.policy)
    left_errors = 0
    for path in args.paths:
        result = newslib.fix_file(
            path,
            policy=policy,
            gazetteer=gazetteer,
            lang=args.lang,
            dry_run=args.dry_run or path == "-",
            best_guess=args.best_guess,
            text=text,
        )
        if args.dry_run or path == "-":
            sys.stdout.writelines(
                difflib.unified_diff(
                    result.original.splitlines(keepends=True),
                    result.fixed.splitlines(keepends=True),
                    fromfile=f"a/{path}",
                    tofile=f"b/{path}",
                )
            )
        verb = "would fix" if args.dry_run or path == "-" else "fixed"
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
    entity = _gazetteer(args).entity(args.entity)
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


def _load_article(
    name: str, content: Path, revision: int | None = None
) -> tuple[Article, tuple[newslib.Revision, ...]]:
    """An article by id (with its history up to the revision) or from a YAML file."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if revision is not None:
            raise UsageError("--rev selects a revision of a stored article; give its id")
        if path.is_file() and newslib.store.is_revision_text(path.read_text(encoding="utf-8")):
            record, article = newslib.read_revision_file(path)
            return article, (record,)
        return newslib.read_article(path), ()
    repository = newslib.Repository(content)
    record, article = repository.revision(name, revision)
    history = tuple(r for r in repository.history(name) if r.number <= record.number)
    return article, history
