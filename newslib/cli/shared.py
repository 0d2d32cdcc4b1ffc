"""What the command modules share: exit codes, when to colour, and small helpers."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from typing import TextIO

import newslib
from newslib.errors import UsageError

__all__ = [
    "COLOR_CHOICES",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "Command",
    "Commands",
    "add_color_option",
    "add_gazetteer_options",
    "interactive",
    "load_gazetteer",
    "read_stdin",
    "use_color",
]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace], int]
Commands = argparse._SubParsersAction  # the type of ``parser.add_subparsers()``


def interactive() -> bool:
    """True when stderr is a terminal and this is not CI: show progress bars."""
    return sys.stderr.isatty() and not os.environ.get("CI")


COLOR_CHOICES = ("auto", "always", "never")


def add_color_option(parser: argparse.ArgumentParser) -> None:
    """``--color``, read by :func:`use_color`."""
    parser.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default="auto",
        help="auto (default): colour on a terminal, unless NO_COLOR is set or TERM=dumb; "
        "FORCE_COLOR forces it; always or never override all of these",
    )


def use_color(choice: str, stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour what goes to *stream*: the one place the CLI decides it.

    ``--color always`` / ``never`` decide; else never with ``NO_COLOR`` set to anything
    but the empty string (no-color.org), always with ``FORCE_COLOR`` so set
    (force-color.org), never on ``TERM=dumb``, and otherwise only on a terminal.
    """
    if choice != "auto":
        return choice == "always"
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def add_gazetteer_options(parser: argparse.ArgumentParser, what: str = "") -> None:
    """``--gazetteer``, ``--geonames`` and ``--alternate-names``, read by :func:`load_gazetteer`."""
    parser.add_argument(
        "--gazetteer",
        metavar="FILE",
        help=what or "a gazetteer YAML instead of the shipped one",
    )
    parser.add_argument(
        "--geonames",
        metavar="TABLE",
        help="grow the gazetteer with a GeoNames geoname table (cities15000.txt, GE.txt…)",
    )
    parser.add_argument(
        "--alternate-names",
        metavar="FILE",
        help="and GeoNames' alternateNamesV2.txt (with --geonames)",
    )


def load_gazetteer(args: argparse.Namespace) -> newslib.Gazetteer:
    """The gazetteer named by ``--gazetteer`` (else the shipped one), grown with the GeoNames
    dumps of ``--geonames`` and ``--alternate-names``."""
    if args.alternate_names and not args.geonames:
        raise UsageError(
            "--alternate-names needs --geonames: the geoname table the names belong to"
        )
    if not args.gazetteer and not args.geonames:
        return newslib.shipped_gazetteer()
    return newslib.load_gazetteer(
        args.gazetteer, geonames=args.geonames, alternate_names=args.alternate_names
    )


STDIN_LIMIT = 16 * 2**20  # bytes: as much as newslib reads of any file


def read_stdin() -> str:
    """Standard input as UTF-8 text: refused, as a file would be, when it is larger than
    16 MiB or not UTF-8."""
    stream = getattr(sys.stdin, "buffer", None)  # a text stream handed in has none
    data = stream.read(STDIN_LIMIT + 1) if stream else sys.stdin.read().encode("utf-8")
    if len(data) > STDIN_LIMIT:
        raise UsageError("standard input: larger than 16 MiB; split the text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UsageError(
            f"standard input:{line}: byte 0x{data[exc.start]:02x} is not UTF-8; send UTF-8 text"
        ) from None
