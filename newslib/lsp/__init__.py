"""``newslib lsp``: the language server that checks names in editors (the ``lsp`` extra).

``server`` speaks the protocol (pygls); ``settings`` reads the workspace's check settings
as ``newslib check`` does; ``diagnostics`` checks a buffer; ``actions`` turns ``newslib
fix``'s result into edits; ``hover`` shows an entity; ``positions`` maps offsets to the
negotiated position encoding.
"""

from __future__ import annotations

from newslib.errors import UsageError

__all__ = ["serve"]

_NEEDED = ("pygls", "lsprotocol", "cattrs")


def serve() -> None:
    """Run the language server on stdio; without the ``lsp`` extra, say how to install it."""
    try:
        from newslib.lsp.server import serve as serve_stdio
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] not in _NEEDED:
            raise
        raise UsageError(
            f"the language server needs {exc.name}, which is not installed; "
            "install the lsp extra: pip install 'newslib[lsp]'"
        ) from None
    serve_stdio()
