"""What the command modules share: exit codes and small helpers."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

import newslib
from newslib.errors import UsageError

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "Command",
    "Commands",
    "add_gazetteer_options",
    "interactive",
    "load_gazetteer",
]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace], int]
Commands = argparse._SubParsersAction  # the type of ``parser.add_subparsers()``


def interactive() -> bool:
    """True when stderr is a terminal and this is not CI: show progress bars."""
    return sys.stderr.isatty() and not os.environ.get("CI")


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
