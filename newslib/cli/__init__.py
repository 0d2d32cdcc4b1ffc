"""The ``newslib`` command: a thin layer over the public API.

Exit codes: 0 success, 1 findings or problems found, 2 usage or input error.
Results go to stdout; diagnostics to stderr. The commands live in ``cli_articles``,
``cli_terms`` and ``cli_editions``; ``reports`` prints findings in every format.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import newslib
from newslib import NewslibError
from newslib.cli import articles as cli_articles
from newslib.cli import editions as cli_editions
from newslib.cli import terms as cli_terms
from newslib.cli import translations as cli_translations
from newslib.cli.shared import EXIT_OK, EXIT_USAGE, Command

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    given = list(sys.argv[1:] if argv is None else argv)
    for number, argument in enumerate(given, 1):
        if "\x00" in argument or any("\ud800" <= c <= "\udfff" for c in argument):
            print(  # a NUL, or bytes that are not UTF-8: no file or text is named so
                f"newslib: error: argument {number} is not valid UTF-8 text; write it in "
                "UTF-8 (or rename the file it names)",
                file=sys.stderr,
            )
            return EXIT_USAGE
    args = parser.parse_args(given)
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
    except OSError as exc:  # the last net: a file-system error no adapter foresaw
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"newslib: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE


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
    for module in (cli_articles, cli_terms, cli_editions, cli_translations):
        module.register(commands)
    return parser
