"""When the CLI colours its output: one decision (``use_color``) for check, fix and diff."""

from __future__ import annotations

import io
import re

import pytest

from newslib.cli import main
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
