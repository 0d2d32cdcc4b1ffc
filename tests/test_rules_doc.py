"""docs/rules.md shows what newslib prints: every example is run."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest

from newslib.cli import main

from .support.paths import ROOT


def _doc_examples() -> Iterator[tuple[str, list[str], list[str]]]:
    text = (ROOT / "docs" / "rules.md").read_text("utf-8")
    for block in re.findall(r"```text\n(.*?)```", text, re.S):
        for example in re.split(r"\n(?=\$ )", block.strip()):
            command, *output = example.strip().splitlines()
            found = re.fullmatch(r'\$ echo "(.*)" \| newslib (.*)', command)
            assert found, command
            yield found[1], found[2].split(), output


@pytest.mark.parametrize(("stdin", "args", "output"), list(_doc_examples()))
def test_the_rules_page_shows_what_newslib_prints(
    stdin: str, args: list[str], output: list[str], capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin + "\n"))
    main(args)
    assert capsys.readouterr().out.splitlines() == output


def test_the_rules_page_has_an_example_for_every_rule() -> None:
    shown = " ".join(line for *_, output in _doc_examples() for line in output)
    for rule in ("variant", "inconsistent", "unknown-spelling", "derived"):
        assert f"[{rule}]" in shown, rule
