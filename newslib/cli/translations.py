"""``newslib translations``: a translation out to translators' tools (PO, XLIFF) and back,
and the translation memory as TMX."""

from __future__ import annotations

import argparse
import sys

import newslib
from newslib.cli.shared import EXIT_OK, Commands

__all__ = ["register"]


def register(commands: Commands[argparse.ArgumentParser]) -> None:
    """Add the ``translations`` commands."""
    group = commands.add_parser(
        "translations", help="translations in and out of PO, XLIFF and TMX files"
    )
    sub = group.add_subparsers(title="translations commands", metavar="COMMAND")

    export = sub.add_parser("export", help="an article's translation as a PO or XLIFF file")
    export.add_argument("article", help="an article id in the content folder")
    export.add_argument("--lang", required=True, help="the language translated into")
    export.add_argument("--format", choices=("po", "xliff"), default="po")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    export.set_defaults(command=_export)

    do_import = sub.add_parser("import", help="read an edited PO or XLIFF file back")
    do_import.add_argument("file", help="a .po, .xlf or .xliff file that export wrote")
    do_import.add_argument("--by", help="who translated what the file changes")
    do_import.add_argument("--dry-run", action="store_true", help="say what would change")
    do_import.set_defaults(command=_import)

    memory = sub.add_parser("memory", help="the machine-translation memory")
    memory_commands = memory.add_subparsers(title="memory commands", metavar="COMMAND")
    memory_export = memory_commands.add_parser("export", help="the memory as a TMX 1.4b file")
    memory_export.add_argument("--format", choices=("tmx",), default="tmx")
    memory_export.add_argument(
        "--memory",
        metavar="FILE",
        help="the memory's SQLite file (default: $NEWSLIB_MEMORY, else the user data folder's)",
    )
    memory_export.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    memory_export.set_defaults(command=_memory_export)


def _export(args: argparse.Namespace) -> int:
    text = newslib.export_translation(
        args.article, args.lang, format=args.format, content=args.content, output=args.output
    )
    if args.output is None:
        sys.stdout.write(text)
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    result = newslib.import_translation(
        args.file, content=args.content, by=args.by, dry_run=args.dry_run
    )
    verb = "would write" if args.dry_run else "wrote"
    for name, why in result.skipped:
        print(f"{args.file}: {name}: not imported ({why})", file=sys.stderr)
    for name in result.stale:
        print(f"{args.file}: {name}: imported, stale: the source changed since", file=sys.stderr)
    for unit, entity in result.unmarked:
        print(
            f"{args.file}: {unit}: warning: the source marks {entity} and the translation "
            'does not (keep the name\'s [[entity|…]] markup, or <mrk mtype="term">)',
            file=sys.stderr,
        )
    if result.written:
        print(
            f"{result.translation}: {verb} {len(result.written)} field(s): "
            + ", ".join(result.written),
            file=sys.stderr,
        )
    else:
        print(f"{result.translation}: unchanged", file=sys.stderr)
    return EXIT_OK


def _memory_export(args: argparse.Namespace) -> int:
    text = newslib.Project.at(args.content).memory_tmx(args.memory, output=args.output)
    if args.output is None:
        sys.stdout.write(text)
    return EXIT_OK
