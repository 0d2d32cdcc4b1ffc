"""When the CLI colours its output: one decision (``use_color``) for check, fix and diff."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from newslib.cli import main
from newslib.cli.reports import ReportFormat
from newslib.cli.shared import use_color

from .support.paths import CONTENT, ROOT, SEED_ID


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("choice", "tty", "env", "colour"),
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": "0"}, False),  # any value but the empty string
        ("auto", True, {"NO_COLOR": ""}, True),
        ("auto", False, {"FORCE_COLOR": "1"}, True),
        ("auto", False, {"FORCE_COLOR": "0"}, True),  # force-color.org: any non-empty value
        ("auto", False, {"FORCE_COLOR": ""}, False),
        ("auto", True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        ("auto", True, {"TERM": "dumb"}, False),
        ("auto", True, {"TERM": "xterm-256color"}, True),
        ("auto", False, {"TERM": "dumb", "FORCE_COLOR": "1"}, True),
        ("always", False, {"NO_COLOR": "1", "TERM": "dumb"}, True),
        ("never", True, {"FORCE_COLOR": "1"}, False),
        ("never", True, {}, False),
    ],
)  # fmt: skip
def test_when_to_colour(choice: str, tty: bool, env: dict[str, str], colour: bool) -> None:
    assert use_color(choice, _Stream(tty), env) is colour


def test_a_closed_or_odd_stream_is_not_a_terminal() -> None:
    stream = io.StringIO()
    stream.close()  # isatty() raises
    assert use_color("auto", stream, {}) is False
    assert use_color("auto", object(), {}) is False  # type: ignore[arg-type]


def test_the_cli_decides_colour_in_one_place() -> None:
    for path in (ROOT / "newslib" / "cli").glob("*.py"):
        uses = re.findall(r"\bisatty\b", path.read_text("utf-8"))
        if path.name != "shared.py":
            assert uses == [], path.name


def test_diff_colours_by_the_decision(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def diff(*args: str) -> str:
        main(["--content", str(CONTENT), "diff", SEED_ID, *args])
        return capsys.readouterr().out

    assert "\x1b" not in diff() and "{+" in diff()  # captured: not a terminal
    assert "\x1b[" in diff("--color", "always")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in diff()
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in diff()
    assert "\x1b[" in diff("--color", "always")


def test_check_and_fix_colour_by_the_decision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "en.txt"
    path.write_bytes(b"Talks in Sukhumi and Tskhinvali.\r\nThe delegation left Tskhinvali")

    def run(*args: str) -> str:
        main([*args, str(path), "--policy", "russian-usage"])
        return capsys.readouterr().out

    assert "\x1b" not in run("check")
    assert "\x1b[1;31merror\x1b[0m" in run("check", "--color", "always")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run("check")
    for fmt in ReportFormat:  # machine formats: never
        if fmt is not ReportFormat.TEXT:
            assert "\x1b" not in run("check", "--format", fmt)
    assert "\x1b[31m-Talks in Sukhumi and Tskhinvali.\x1b[0m\r\n" in run("fix", "--dry-run")
    assert "\x1b" not in run("fix", "--dry-run", "--format", "json")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in run("check")
    assert "\x1b" not in run("fix", "--dry-run")
    assert "\x1b[" in run("fix", "--dry-run", "--color", "always")
