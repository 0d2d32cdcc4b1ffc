"""``newslib lsp``: the language server, for editors (imported only when it runs)."""

from __future__ import annotations

import argparse

from newslib.cli.shared import EXIT_OK, Commands

__all__ = ["register"]


def register(commands: Commands[argparse.ArgumentParser]) -> None:
    """Add the ``lsp`` command."""
    lsp = commands.add_parser(
        "lsp",
        help="run the language server on stdin and stdout (for editors)",
        description="Check names as you type: diagnostics, quick fixes and hover for "
        "Markdown, text, HTML and article YAML, under the workspace's [tool.newslib] or "
        "newslib.yaml settings. Needs the lsp extra: pip install 'newslib[lsp]'.",
    )
    lsp.add_argument(
        "--stdio",
        action="store_true",
        help="talk on stdin and stdout (the only way it talks; accepted because editors pass it)",
    )
    lsp.set_defaults(command=_lsp)


def _lsp(args: argparse.Namespace) -> int:
    from newslib.lsp import serve

    serve()
    return EXIT_OK
