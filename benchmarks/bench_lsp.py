"""Language-server latency: ``newslib lsp`` over stdio on a 5,000-word Markdown buffer.

Run:  python -m pip install -e '.[lsp]' && python benchmarks/bench_lsp.py

The seed story repeated to at least 5,000 words, as Markdown paragraphs with an emoji and
a Georgian name in each, in a workspace whose pyproject.toml selects georgian-official.
It measures, as an editor sees them (the time from sending to receiving, JSON included):
starting the server and ``initialize``; the first diagnostics of a buffer (the gazetteer
loaded from the disk cache, then warm); diagnostics after a change, with the debounce set
to 0 so the time is the check's; a quick fix, "fix all" (uncached, on a new version) and
a hover. Medians of 15 rounds.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
from bench_terms import five_thousand_words  # noqa: E402

from tests.support.lsp_client import LspClient  # noqa: E402

ROUNDS = 15


def markdown_buffer() -> str:
    paragraphs = five_thousand_words().split("\n\n")
    return "\n\n".join(f"{p} 😀 ცხინვალში" for p in paragraphs) + "\n"


def main() -> None:
    text = markdown_buffer()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "pyproject.toml").write_text('[tool.newslib]\npolicy = "georgian-official"\n')
        started = time.perf_counter()
        client = LspClient(root)
        client.initialize(root, ["utf-16"], options={"debounceMs": 0})
        ready = time.perf_counter() - started
        opens, changes, fixes, fix_alls, hovers = [], [], [], [], []
        found = 0
        for round_number in range(ROUNDS + 1):
            uri = (root / f"story{round_number}.md").as_uri()
            start = time.perf_counter()
            client.open(root / f"story{round_number}.md", text, "markdown")
            diagnostics = client.diagnostics(uri, version=1)
            opens.append(time.perf_counter() - start)
            found = len(diagnostics)
            start = time.perf_counter()
            client.change(uri, text.replace("Sukhumi", "Sukhum", 1), 2)
            client.diagnostics(uri, version=2)
            changes.append(time.perf_counter() - start)
            where = diagnostics[len(diagnostics) // 2]["range"]
            context = {"diagnostics": [], "only": ["quickfix"]}
            start = time.perf_counter()
            client.request(
                "textDocument/codeAction",
                {"textDocument": {"uri": uri}, "range": where, "context": context},
            )
            fixes.append(time.perf_counter() - start)
            start = time.perf_counter()
            client.request(
                "textDocument/codeAction",
                {
                    "textDocument": {"uri": uri},
                    "range": where,
                    "context": {"diagnostics": [], "only": ["source.fixAll"]},
                },
            )
            fix_alls.append(time.perf_counter() - start)
            start = time.perf_counter()
            client.request(
                "textDocument/hover", {"textDocument": {"uri": uri}, "position": where["start"]}
            )
            hovers.append(time.perf_counter() - start)
            client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        client.close()
    words = len(text.split())
    print(f"buffer: {words} words, {len(text)} characters, {found} diagnostics")
    print(f"start + initialize:            {ready * 1000:7.0f} ms")
    print(f"first open (gazetteer loaded): {opens[0] * 1000:7.0f} ms")
    for name, times in (
        ("open -> diagnostics", opens[1:]),
        ("change -> diagnostics", changes[1:]),
        ("quick fix", fixes[1:]),
        ("fix all (uncached)", fix_alls[1:]),
        ("hover", hovers[1:]),
    ):
        print(f"{name + ':':<30} {statistics.median(times) * 1000:7.1f} ms (median)")


if __name__ == "__main__":
    main()
