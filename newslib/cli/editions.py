"""``newslib`` commands about editions: build, translation status and drafts."""

from __future__ import annotations

import argparse
import json
import sys

import newslib
from newslib.cli.shared import EXIT_FINDINGS, EXIT_OK, Commands, interactive
from newslib.errors import BuildError

__all__ = ["register"]


def register(commands: Commands[argparse.ArgumentParser]) -> None:
    """Add the edition commands."""
    build = commands.add_parser("build", help="build every edition of the content folder")
    build.add_argument("--out", default="_site", help="the output folder (default: ./_site)")
    build.add_argument("-j", "--jobs", type=int, help="processes (default: one per core)")
    build.add_argument(
        "--strict",
        action="store_true",
        help="fail on terminology errors or missing/stale translations",
    )
    build.set_defaults(command=_build)

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
    translate.add_argument(
        "--engine",
        nargs="?",
        const="list",
        default="libre",
        action=_EngineAction,
        help="libre (default), deepl, google or mymemory; '--engine' alone or '--engine list' "
        "lists them and whether each is installed",
    )
    translate.add_argument(
        "--url", help="the engine's server (a LibreTranslate server, or a DeepL API host)"
    )
    translate.add_argument("--api-key", nargs="?", action=_KeyRefused, help=argparse.SUPPRESS)
    translate.add_argument(
        "--timeout", type=float, default=10.0, help="seconds per attempt (default: 10)"
    )
    translate.add_argument(
        "--retries", type=int, default=3, help="attempts after a timeout or a busy server (3)"
    )
    translate.add_argument("--policy", help="name policy for the drafts (default: the edition's)")
    translate.add_argument(
        "--force", action="store_true", help="also redraft stale human translations"
    )
    translate.add_argument(
        "--no-cache", action="store_true", help="do not use the translation memory"
    )
    translate.add_argument(
        "--memory",
        help="the translation memory file (SQLite; default: $NEWSLIB_MEMORY, else one in the "
        "user data folder)",
    )
    translate.set_defaults(command=_translate)


def _build(args: argparse.Namespace) -> int:
    """Exit 1 when the build is refused (every problem on its own line) or an article is."""
    try:
        result = newslib.build(
            args.content,
            args.out,
            jobs=args.jobs,
            strict=args.strict,
            progress=newslib.build_progress,
        )
    except BuildError as refused:
        for problem in refused.problems:
            print(f"newslib: error: {problem}", file=sys.stderr)
        print(
            f"newslib: build refused ({len(refused.problems)} problem(s)); nothing was changed",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    for warning in result.warnings:
        print(f"newslib: warning: {warning}", file=sys.stderr)
    editions = ", ".join(result.editions) or "none"
    print(
        f"{result.out}: {result.rendered} page(s) rendered, {result.reused} unchanged; "
        f"editions published: {editions}",
        file=sys.stderr,
    )
    _warn_strays(newslib.Repository(args.content))
    for reason in result.refused:
        print(f"newslib: error: {reason}", file=sys.stderr)
    return EXIT_FINDINGS if result.refused else EXIT_OK


def _status(args: argparse.Namespace) -> int:
    project = newslib.Project.at(args.content)
    _warn_strays(project.repository())
    articles = [args.article] if args.article else None
    rows = project.status(articles, [args.lang] if args.lang else None)
    stale = [f for r in rows if args.diff for f in project.stale_fields(r.article, r.language)]
    if args.format == "json":
        data: dict[str, object] = {"status": [r.to_json() for r in rows]}
        if args.diff:
            data["stale"] = [f.to_json() for f in stale]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    # "review": machine drafts that need review (not current); a column added last.
    print(f"{'article':<40} {'lang':<5} {'current':>7} {'stale':>5} {'missing':>7} "
          f"{'machine':>7} {'obsolete':>8} {'review':>6}")  # fmt: skip
    for r in rows:
        print(f"{r.article[:40]:<40} {r.language:<5} {r.current:>7} {r.stale:>5} "
              f"{r.missing:>7} {r.machine_unreviewed:>7} {r.obsolete:>8} "
              f"{r.needs_review:>6}")  # fmt: skip
    for item in stale:
        print(f"\n{item.article} [{item.language}] {item.field}: "
              f"revision {item.translated_from} -> {item.now}")  # fmt: skip
        print(f"  {item.diff}")
    return EXIT_OK


def _warn_strays(repository: newslib.Repository) -> None:
    for stray in repository.strays():
        print(f"newslib: warning: {stray.path}: {stray.problem}; skipped", file=sys.stderr)


class _EngineAction(argparse.Action):
    """``--engine NAME``; ``--engine`` alone or ``--engine list`` prints the engines, then exits."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        if values != "list":
            setattr(namespace, self.dest, values)
            return
        for name, engine in newslib.engines().items():
            state = "installed" if engine.available else "missing"
            install = "" if engine.available else f"; {engine.install}"
            print(f"{name:<9} {state:<9} {engine.description}{install}")
        parser.exit(0)


class _KeyRefused(argparse.Action):
    """``--api-key`` is refused: a key on the command line shows in ``ps`` and shell history."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        variables = " or ".join(
            e.key_variable for e in newslib.engines().values() if e.key_variable
        )
        parser.error(
            f"{option_string} is not taken: a key on the command line is visible to other "
            f"users and kept in shell history; set {variables} in the environment instead"
        )


def _translate(args: argparse.Namespace) -> int:
    """Exit 0 when the drafts are written (a count of those that need review, each reason
    on its own line); 2 when the engine fails: one line with the failure and how many
    fields were drafted and saved before it (``DraftInterrupted``, through ``main``)."""
    options: dict[str, object] = {"timeout": args.timeout, "retries": args.retries}
    if args.url:
        options["url"] = args.url
    translator = newslib.get_translator(args.engine, **options)
    project = newslib.Project.at(args.content)
    policy = newslib.load_policy(args.policy) if args.policy else None  # else the edition's
    memory = None
    if not args.no_cache:
        memory = args.memory or project.memory_path
    summary = newslib.draft(
        project,
        args.article,
        target=args.target,
        translator=translator,
        policy=policy,
        memory=memory,
        force=args.force,
        progress=newslib.build_progress if interactive() else None,
    )
    print(
        f"{summary.path}: {len(summary.drafted)} drafted, {len(summary.from_memory)} from "
        f"memory, {len(summary.review)} need review, {len(summary.kept_human)} stale human "
        f"translation(s) kept (--force redrafts them), {len(summary.current)} already current",
        file=sys.stderr,
    )
    for name, problems in summary.review.items():
        for problem in problems:
            print(f"  review {name}: {problem}", file=sys.stderr)
    return EXIT_OK
