"""The language server: buffers checked as ``newslib check`` checks files, on stdio.

Open, saved and (after a pause in typing) changed buffers are checked under the settings
of the workspace folder they are in; the settings are read again when ``pyproject.toml``,
``newslib.yaml`` or a file they name (a gazetteer, a policy) changes or is saved. Buffers
are synchronised whole (the protocol's lines end only at CR, LF and CRLF; positions are
worked out here, in the encoding negotiated at ``initialize``).
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

import newslib
from newslib.lsp.actions import FIX_ALL, code_actions
from newslib.lsp.diagnostics import Analysis, analyse, problem_diagnostic
from newslib.lsp.hover import hover
from newslib.lsp.settings import SETTINGS_FILES, Settings, SettingsProblem, load_settings

__all__ = ["DEBOUNCE_SECONDS", "NewslibServer", "serve"]

DEBOUNCE_SECONDS = 0.25  # a changed buffer is checked once typing pauses this long
_LOG = logging.getLogger(__name__)


class NewslibServer(LanguageServer):
    """The server and what it remembers: settings per folder, the last analysis per buffer."""

    def __init__(self) -> None:
        super().__init__(
            "newslib", newslib.__version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.debounce = DEBOUNCE_SECONDS
        self.settings: dict[Path, Settings | SettingsProblem] = {}
        self.analyses: dict[str, Analysis] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.fielded: set[str] = set()  # buffers once read as articles or translations
        self.flagged: set[Path] = set()  # settings files with a problem published on them

    @property
    def encoding(self) -> str:
        """The position encoding negotiated with the client."""
        kind = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return kind.value if isinstance(kind, types.PositionEncodingKind) else kind

    def folder_of(self, path: Path) -> Path:
        """The workspace folder *path* is in (the innermost), else its own folder."""
        roots = [to_fs_path(f.uri) for f in self.workspace.folders.values()]
        roots.append(self.workspace.root_path)
        resolved = [Path(r).resolve() for r in roots if r]
        inside = [r for r in resolved if path.is_relative_to(r)]
        return max(inside, key=lambda p: len(p.parts)) if inside else path.parent

    def settings_for(self, path: Path) -> Settings | SettingsProblem:
        """The settings checking *path* follows, read once per folder."""
        folder = self.folder_of(path)
        if folder not in self.settings:
            self.settings[folder] = load_settings(folder)
            self.publish_problem(self.settings[folder])
        return self.settings[folder]

    def publish_problem(self, settings: Settings | SettingsProblem) -> None:
        """Show settings that cannot be used on the file that has the problem."""
        if isinstance(settings, SettingsProblem) and settings.path is not None:
            self.flagged.add(settings.path)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=settings.path.resolve().as_uri(),
                    diagnostics=[problem_diagnostic(settings.message, settings.line)],
                )
            )
        if isinstance(settings, SettingsProblem):
            self.window_show_message(
                types.ShowMessageParams(types.MessageType.Error, f"newslib: {settings.message}")
            )

    def check(self, uri: str) -> None:
        """Check the buffer *uri* now and publish what was found."""
        self.pending.pop(uri, None)
        try:
            document = self.workspace.get_text_document(uri)
            path = Path(document.path) if document.path else Path(uri.rpartition("/")[2])
            settings = self.settings_for(path.resolve())
            analysis = analyse(
                document.source,
                path=str(path),
                language_id=document.language_id,
                version=document.version,
                settings=settings,
                encoding=self.encoding,
                was_fielded=uri in self.fielded,
            )
            if analysis.is_fielded:
                self.fielded.add(uri)
        except Exception:  # the server outlives any one buffer
            _LOG.exception("checking %s", uri)
            return
        self.analyses[uri] = analysis
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, diagnostics=analysis.diagnostics, version=analysis.version
            )
        )

    def check_later(self, uri: str) -> None:
        """Check *uri* once no change has come for :attr:`debounce` seconds."""
        if (waiting := self.pending.pop(uri, None)) is not None:
            waiting.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.debounce, self.check, uri)

    def reload_settings(self) -> None:
        """Forget the settings, clear problems shown on settings files, check all again."""
        self.settings.clear()
        for path in self.flagged:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=path.resolve().as_uri(), diagnostics=[])
            )
        self.flagged.clear()
        for uri in list(self.workspace.text_documents):
            self.check(uri)

    def is_settings_file(self, uri: str) -> bool:
        """True when a change to *uri* changes the settings or what they name."""
        path = Path(to_fs_path(uri) or "")
        if path.name in SETTINGS_FILES:
            return True
        named = (s.watched() for s in self.settings.values() if isinstance(s, Settings))
        return any(path.resolve() in files for files in named)

    def current(self, uri: str) -> Analysis | None:
        """The analysis of the buffer's text as it is now (checked now if a change waits)."""
        if uri in self.pending:
            self.pending[uri].cancel()
            self.check(uri)
        return self.analyses.get(uri)


def build_server() -> NewslibServer:
    """The server with its handlers."""
    server = NewslibServer()

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounceMs"), int | float):
            server.debounce = max(0.0, float(options["debounceMs"]) / 1000)

    @server.feature(types.INITIALIZED)
    async def initialized(params: types.InitializedParams) -> None:
        dynamic = server.client_capabilities.workspace
        watched = dynamic.did_change_watched_files if dynamic else None
        if watched is None or not watched.dynamic_registration:
            return
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{n}") for n in SETTINGS_FILES]
        registration = types.Registration(
            id="newslib-settings",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await server.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )
        except Exception:  # a client that refuses: saves of the files still reload them
            _LOG.warning("the client did not register the file watchers", exc_info=True)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        server.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(params: types.DidChangeTextDocumentParams) -> None:
        server.check_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        if server.is_settings_file(params.text_document.uri):
            server.reload_settings()
        else:
            server.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if (waiting := server.pending.pop(uri, None)) is not None:
            waiting.cancel()
        server.analyses.pop(uri, None)
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        if any(server.is_settings_file(change.uri) for change in params.changes):
            server.reload_settings()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        analysis = server.current(params.text_document.uri)
        if analysis is None:
            return None
        start = _offset(analysis, params.range.start)
        end = _offset(analysis, params.range.end)
        return code_actions(
            analysis, params.text_document.uri, start, end, _kinds(params.context.only)
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(params: types.HoverParams) -> types.Hover | None:
        analysis = server.current(params.text_document.uri)
        if analysis is None:
            return None
        return hover(analysis, _offset(analysis, params.position))

    return server


def _offset(analysis: Analysis, position: types.Position) -> int:
    return analysis.positions.offset(position.line, position.character)


def _kinds(only: Any) -> list[str] | None:
    return [str(getattr(kind, "value", kind)) for kind in only] if only else None


def serve() -> None:
    """Run the server on standard input and output until the client says exit."""
    build_server().start_io()
