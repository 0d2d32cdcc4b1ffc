"""``newslib`` commands about articles: render, import, and the store's history."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import newslib
from newslib import Article
from newslib.cli import reports
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
from newslib.errors import UnknownArticleError, UsageError

__all__ = ["register"]


def register(commands: Commands[argparse.ArgumentParser]) -> None:
    """Add the article commands."""
    render = commands.add_parser("render", help="render one article")
    render.add_argument("article", help="an article id in the content folder, or a YAML file")
    render.add_argument("--rev", type=int, help="a revision number (default: the head)")
    render.add_argument("--format", default="text", choices=sorted(newslib.FORMATS))
    which = render.add_mutually_exclusive_group()
    which.add_argument(
        "--locale",
        help="render as this locale's edition: the first of the content folder's editions in it, "
        "as 'build' writes it (default: as written, no localisation)",
    )
    which.add_argument("--edition", help="render as this edition of the content folder")
    render.add_argument("--policy", help="write names by this naming policy")
    render.add_argument("--timezone", help="show times in this zone (default: the edition's)")
    render.set_defaults(command=_render)

    do_import = commands.add_parser("import", help="structure plain agency copy as an article")
    do_import.add_argument("file", help="a UTF-8 text file ('-' for stdin)")
    do_import.add_argument("--id", help="the article id (default: from the headline)")
    do_import.add_argument("--year", type=int, help="the dateline's year (default: inferred)")
    do_import.add_argument("--date", type=_iso_date, help="the filing date (YYYY-MM-DD) when "
                           "the dateline has none (default: today)")  # fmt: skip
    do_import.add_argument("--place", help="where copy without a dateline was filed")
    do_import.add_argument("--language", help="the copy's language (default: as it tells)")
    do_import.add_argument("--source", help="who sent copy that names no agency")
    where = do_import.add_mutually_exclusive_group()
    where.add_argument(
        "--save", action="store_true",
        help="record the article as its first revision in the content folder's store",
    )  # fmt: skip
    where.add_argument(
        "-o", "--output", help="write a working copy here (outside the store) instead of stdout"
    )
    do_import.add_argument("--author", help="who records the revision (with --save)")
    add_gazetteer_options(do_import, "annotate names from this gazetteer")
    do_import.add_argument(
        "--no-annotate", action="store_true", help="keep the structure only; mark no names"
    )
    do_import.set_defaults(command=_import)

    history = commands.add_parser("history", help="list an article's revisions")
    history.add_argument("article")
    history.add_argument("--format", choices=("text", "json"), default="text")
    history.set_defaults(command=_history)

    diff = commands.add_parser("diff", help="what changed between two revisions")
    diff.add_argument("article")
    diff.add_argument("old", nargs="?", type=int, help="default: the revision before NEW")
    diff.add_argument("new", nargs="?", type=int, help="default: the head")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    add_color_option(diff)
    diff.set_defaults(command=_diff)

    verify = commands.add_parser("verify", help="recompute hashes and chains of the store")
    verify.add_argument("folder", nargs="?", help="the content folder (default: --content)")
    verify.add_argument("--format", choices=("text", "json"), default="text")
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


def _render(args: argparse.Namespace) -> int:
    stored = not _is_file(args.article)
    project = newslib.Project.at(args.content) if args.locale or args.edition else None
    edition = args.edition
    if project is not None and args.locale and stored:
        wanted = args.locale.replace("_", "-").lower()
        edition = next(
            (e.id for e in project.editions if e.locale.replace("_", "-").lower() == wanted), None
        )
    if edition is not None and project is not None:
        if not stored:
            raise UsageError("--edition renders a stored article; give its id")
        sys.stdout.write(
            newslib.render_edition(
                project,
                args.article,
                edition,
                args.format,
                revision=args.rev,
                policy=args.policy,
                timezone=args.timezone,
            )
        )
        return EXIT_OK
    article, history = _load_article(args.article, Path(args.content), args.rev)
    sys.stdout.write(
        newslib.render(
            article,
            args.format,
            locale=args.locale,
            policy=args.policy,
            history=history,
            timezone=args.timezone or "UTC",
            translations=project,
        )
    )
    return EXIT_OK


def _is_file(name: str) -> bool:
    """True when *name* is an article file rather than a stored article's id."""
    path = Path(name)
    return path.suffix in (".yaml", ".yml") or _exists(path)


def _import(args: argparse.Namespace) -> int:
    if args.author is not None and not args.save:
        raise UsageError("--author names who saves the revision; add --save")
    if args.save and not args.author:
        raise UsageError("--save records a revision, which needs an author; pass --author NAME")
    repository = newslib.Repository(args.content)
    if args.output:
        _refuse_output_in_store(Path(args.output), repository)
    annotate = None if args.no_annotate else newslib.annotator(load_gazetteer(args))
    options = {
        "article_id": args.id, "year": args.year, "annotate": annotate, "place": args.place,
        "filed": args.date, "language": args.language, "source": args.source,
        "taken": lambda article_id: repository.head(article_id) is not None,
    }  # fmt: skip
    if args.file == "-":
        result = newslib.import_text(read_stdin(), path="<stdin>", **options)
    else:
        result = newslib.import_file(args.file, **options)
    article = result.article
    if args.save and repository.head(article.id) is not None:  # only a hand-given --id
        raise UsageError(
            f"{article.id}: already in {args.content}; an import never overwrites an "
            "article (leave out --id for a new id, or check it out and save a revision)"
        )
    for note in result.notes:
        print(f"newslib: note: {note}", file=sys.stderr)
    if args.save:
        record = repository.save(
            article, author=args.author, kind=newslib.RevisionKind.DRAFT,
            note="imported from " + ("stdin" if args.file == "-" else Path(args.file).name),
            expected_head=None,
        )  # fmt: skip
        print(f"{article.id}: saved revision {record.number} ({record.kind})", file=sys.stderr)
    elif args.output:
        newslib.write_article(article, args.output)
        print(f"{args.output}: {article.id}", file=sys.stderr)
    else:
        sys.stdout.write(newslib.dumps_article(article))
    return EXIT_OK


def _refuse_output_in_store(output: Path, repository: newslib.Repository) -> None:
    """A file written into the store's articles folder is a stray that build passes over."""
    articles = repository.articles.resolve()
    try:
        inside = output.resolve().is_relative_to(articles)
    except OSError:
        inside = False
    if inside:
        raise UsageError(
            f"{output}: inside the store ({repository.articles}), where a loose file is a "
            "stray that build ignores and verify reports; record the article with --save "
            "--author NAME, or write the working copy elsewhere"
        )


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _history(args: argparse.Namespace) -> int:
    revisions = newslib.Repository(args.content).history(args.article)
    if not revisions:
        raise UnknownArticleError(f"no article {args.article!r} in {args.content}")
    if args.format == "json":
        print(json.dumps([_revision_json(r) for r in revisions], ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in revisions:
        note = f": {_visible(r.note)}" if r.note else ""
        print(f"{r.number:>4}  {r.time:%Y-%m-%d %H:%M}Z  {r.kind:<10} {_visible(r.author)}{note}")
    return EXIT_OK


def _visible(text: str) -> str:
    """*text* with control characters shown as escapes: a stored one never drives a terminal."""
    return "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text)


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
        raise UnknownArticleError(f"no article {args.article!r} in {args.content}")
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
        sys.stdout.write(changes.format(color=use_color(args.color, sys.stdout)))
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    folder = args.folder or args.content
    problems = newslib.Repository(folder).verify()
    count = len(newslib.Repository(folder).ids())
    if args.format == "json":
        found = [{"path": p.path, "problem": p.problem} for p in problems]
        data = reports.envelope("verify", folder=str(folder), articles=count, problems=found)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(problem)
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
    expected = args.expect if args.expect is not None else based_on
    head = repository.head(article.id)
    if expected is None and head is not None:  # it could silently undo someone's save
        raise UsageError(
            f"{args.file}: {article.id} already has revision {head.number}, and the file does "
            f"not say which revision it was edited from; check out the head ('newslib checkout "
            f"{article.id} -o FILE') and merge, or pass --expect {head.number} if it is that one"
        )
    record = repository.save(
        article, author=args.author, kind=args.kind, note=args.note, expected_head=expected
    )
    print(f"{article.id}: saved revision {record.number} ({record.kind})", file=sys.stderr)
    return EXIT_OK


def _load_article(
    name: str, content: Path, revision: int | None = None
) -> tuple[Article, tuple[newslib.Revision, ...]]:
    """An article by id (with its history up to the revision) or from a YAML file."""
    path = Path(name)
    if _is_file(name):
        if revision is not None:
            raise UsageError("--rev selects a revision of a stored article; give its id")
        article, record = newslib.read_article_file(path)
        return article, (record,) if record is not None else ()
    repository = newslib.Repository(content)
    record, article = repository.revision(name, revision)
    history = tuple(r for r in repository.history(name) if r.number <= record.number)
    return article, history


def _exists(path: Path) -> bool:
    """Whether *path* names something (a name too long to be a path names nothing)."""
    try:
        return path.exists()
    except OSError:
        return False
