"""The ``newslib`` command: a thin layer over the public API.

Exit codes: 0 success, 1 findings or problems found, 2 usage or input error.
Results go to stdout; diagnostics to stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import newslib
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
    render.add_argument("--format", default="text", choices=sorted(newslib.FORMATS))
    render.set_defaults(command=_render)

    do_import = commands.add_parser("import", help="structure plain agency copy as an article")
    do_import.add_argument("file", help="a UTF-8 text file ('-' for stdin)")
    do_import.add_argument("--id", help="the article id (default: from the headline)")
    do_import.add_argument("--year", type=int, help="the dateline's year (default: inferred)")
    do_import.add_argument("-o", "--output", help="write the YAML here instead of stdout")
    do_import.set_defaults(command=_import)
    return parser


def _render(args: argparse.Namespace) -> int:
    article = _load_article(args.article, Path(args.content))
    sys.stdout.write(newslib.render(article, args.format))
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    if args.file == "-":
        result = newslib.import_text(sys.stdin.read(), article_id=args.id, year=args.year)
    else:
        result = newslib.import_file(args.file, article_id=args.id, year=args.year)
    for note in result.notes:
        print(f"newslib: note: {note}", file=sys.stderr)
    if args.output:
        newslib.write_article(result.article, args.output)
    else:
        sys.stdout.write(newslib.dumps_article(result.article))
    return EXIT_OK


def _load_article(name: str, content: Path) -> Article:
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return newslib.read_article(path)
    candidate = content / "articles" / f"{name}.yaml"
    if not candidate.exists():
        raise UsageError(f"no article {name!r} in {content}/articles; give an id or a YAML path")
    return newslib.read_article(candidate)
