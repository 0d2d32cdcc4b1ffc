from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import newslib
from newslib.cli import main

from .support.paths import ROOT, SEED, SEED_ID


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newslib", *args], cwd=cwd, capture_output=True, text=True
    )


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"newslib {newslib.__version__}"


def test_render_by_id_from_the_content_folder(seed_text: str) -> None:
    published = run("render", SEED_ID, "--rev", "1", "--format", "text")
    assert published.returncode == 0, published.stderr
    assert published.stdout.split() == seed_text.split()
    head = run("render", SEED_ID).stdout.split()
    # The head carries the correction of revision 2, and nothing else.
    assert [(a, b) for a, b in zip(seed_text.split(), head, strict=False) if a != b] == [
        ("Ahsar", "Akhsar")
    ]


def test_import_then_render_round_trips(tmp_path: Path, seed_text: str) -> None:
    out = tmp_path / "a.yaml"
    done = run("import", str(SEED), "--year", "2024", "-o", str(out))
    assert done.returncode == 0, done.stderr
    rendered = run("render", str(out))
    assert rendered.stdout.split() == seed_text.split()


def test_bad_article_exits_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nheadline: [unclosed\n", encoding="utf-8")
    done = run("render", str(bad))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"newslib: error: {bad}:")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["render", "no-such-article"],
        ["render", "missing.yaml"],
        ["import", "missing.txt"],
    ],
)
def test_missing_inputs_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("newslib: error: ")
    assert "Traceback" not in err


def test_non_utf8_file_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Headline\n\nMOSCOW, caf\xe9".encode("latin-1"))
    assert main(["import", str(bad)]) == 2
    assert f"{bad}:3:12: byte 0xe9 is not UTF-8" in capsys.readouterr().err


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage:" in capsys.readouterr().err


def test_console_script_is_installed() -> None:
    done = subprocess.run(["newslib", "--version"], capture_output=True, text=True)
    assert done.returncode == 0
