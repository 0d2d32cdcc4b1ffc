"""A small LSP client for the tests: ``newslib lsp`` spawned, spoken to over its stdio.

JSON-RPC messages framed by ``Content-Length`` headers, a thread reading the server's
output, and the answers a client owes the server's own requests (``client/register
Capability`` is recorded and accepted). Positions are counted here independently of the
server, by encoding the text.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PUBLISH = "textDocument/publishDiagnostics"
TIMEOUT = 60.0  # seconds: the machine is shared and the first check loads the gazetteer


class LspClient:
    """``newslib lsp`` running in *cwd*."""

    def __init__(self, cwd: Path, command: list[str] | None = None) -> None:
        self.process = subprocess.Popen(
            command or [sys.executable, "-m", "newslib", "lsp", "--stdio"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._next_id = 0
        self._answers: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Condition()
        self.notifications: list[dict[str, Any]] = []
        self.registrations: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # ------------------------------------------------------------------ the wire

    def _send(self, message: dict[str, Any]) -> None:
        data = {"jsonrpc": "2.0", **message}
        try:
            body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: JSON's \ud800 escape carries it
            body = json.dumps(data).encode("ascii")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line or length is None:
                return
            message = json.loads(stream.read(length).decode("utf-8"))
            if "method" in message and "id" in message:
                self._answer_server(message)
            elif "method" in message:
                with self._lock:
                    self.notifications.append(message)
                    self._lock.notify_all()
            else:
                self._answers[message["id"]].put(message)

    def _answer_server(self, message: dict[str, Any]) -> None:
        if message["method"] == "client/registerCapability":
            with self._lock:
                self.registrations += message["params"]["registrations"]
                self._lock.notify_all()
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [None] * len(message["params"]["items"])
        self._send({"id": message["id"], "result": result})

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> Any:
        """Send a request; its result (an error answer fails the test)."""
        self._next_id += 1
        number, answer = self._next_id, queue.Queue[dict[str, Any]]()
        self._answers[number] = answer
        self._send({"id": number, "method": method, "params": params})
        message = answer.get(timeout=timeout)
        assert "error" not in message, message["error"]
        return message.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def wait_for(
        self,
        method: str,
        test: Callable[[dict[str, Any]], bool] = lambda params: True,
        after: int = 0,
        timeout: float = TIMEOUT,
    ) -> dict[str, Any]:
        """The params of the first notification of *method* from the *after*-th on (seen
        already or arriving) that pass *test*."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                for message in self.notifications[after:]:
                    if message["method"] == method and test(message["params"]):
                        return dict(message["params"])
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    raise AssertionError(f"no {method} within {timeout}s: {self.stderr_tail()}")
                self._lock.wait(left)

    def registered(self, method: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The registration of *method* the server asked for (waiting for it)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not any(r["method"] == method for r in self.registrations):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"the server registered no {method}")
                self._lock.wait(left)
            return next(r for r in self.registrations if r["method"] == method)

    def stderr_tail(self) -> str:
        if self.process.poll() is None:
            return "(server still running)"
        assert self.process.stderr is not None
        return self.process.stderr.read().decode("utf-8", "replace")[-2000:]

    # ------------------------------------------------------------------ the protocol

    def initialize(
        self, root: Path, encodings: list[str] | None = None, options: Any = None
    ) -> dict[str, Any]:
        general = {"positionEncodings": encodings} if encodings is not None else {}
        capabilities = {
            "general": general,
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}},
            "textDocument": {"publishDiagnostics": {"versionSupport": True}},
        }
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": capabilities,
                "initializationOptions": options,
            },
        )
        self.notify("initialized", {})
        return dict(result)

    def open(self, path: Path, text: str, language: str, version: int = 1) -> str:
        uri = path.as_uri()
        document = {"uri": uri, "languageId": language, "version": version, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def diagnostics(
        self, uri: str, version: int | None = None, after: int = 0
    ) -> list[dict[str, Any]]:
        """The first diagnostics published for *uri* (and *version*, when given) from the
        *after*-th notification on."""

        def wanted(params: dict[str, Any]) -> bool:
            return params["uri"] == uri and (version is None or params.get("version") == version)

        return list(self.wait_for(PUBLISH, wanted, after)["diagnostics"])

    def published(self, uri: str, after: int = 0) -> list[dict[str, Any]]:
        """Every publishDiagnostics for *uri* so far, from the *after*-th notification on."""
        with self._lock:
            return [
                dict(m["params"])
                for m in self.notifications[after:]
                if m["method"] == PUBLISH and m["params"]["uri"] == uri
            ]

    def mark(self) -> int:
        """The number of notifications so far, for :meth:`diagnostics`'s *after*."""
        with self._lock:
            return len(self.notifications)

    def close(self) -> int:
        """Shut the server down; its exit code."""
        if self.process.poll() is None:
            self.request("shutdown", None)
            self.notify("exit", None)
        code = self.process.wait(timeout=TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return code


# ---------------------------------------------------------------------- positions


def units(text: str, encoding: str) -> int:
    """The length of *text* in *encoding*'s code units, by encoding it."""
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text.encode(encoding.replace("utf-32", "utf-32-le")))


def position(text: str, offset: int, encoding: str) -> dict[str, int]:
    """The LSP position of *offset* in *text* (lines end at LF; the texts here use LF)."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    character = units(text[start:offset], encoding)
    if encoding == "utf-32":
        character //= 4
    return {"line": line, "character": character}


def offset(text: str, at: dict[str, int], encoding: str) -> int:
    """The string offset of LSP position *at* in *text*."""
    lines = text.split("\n")
    base = sum(len(line) + 1 for line in lines[: at["line"]])
    line = lines[at["line"]] if at["line"] < len(lines) else ""
    for index in range(len(line) + 1):
        if position(line, index, encoding)["character"] >= at["character"]:
            return base + index
    return base + len(line)


def apply_edits(text: str, edits: list[dict[str, Any]], encoding: str) -> str:
    """*text* with LSP text edits applied (they refer to the text before any of them)."""
    spans = [
        (offset(text, e["range"]["start"], encoding), offset(text, e["range"]["end"], encoding))
        for e in edits
    ]
    for (start, end), edit in sorted(
        zip(spans, edits, strict=True), key=lambda p: p[0], reverse=True
    ):
        text = text[:start] + edit["newText"] + text[end:]
    return text
