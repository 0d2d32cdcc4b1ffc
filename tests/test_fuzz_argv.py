"""The command line never gives a traceback: hostile argument lists, every command.

Run longer with ``NEWSLIB_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz_argv.py``.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslib.cli import main

from .support.paths import CONTENT, SEED_ID

COMMANDS = [
    ["check"], ["scan"], ["fix", "--dry-run"], ["render"], ["history"], ["diff"], ["verify"],
    ["status"], ["terms", "show"], ["terms", "forms"], ["checkout"], ["import"],
]  # fmt: skip
OPTIONS = [
    "--policy", "--lang", "--format", "--locale", "--timezone", "--rev", "-o", "--content",
    "--gazetteer", "--geonames", "--fail-on", "--min-severity", "--color", "--edition", "--year",
    "--id", "--expect",
]  # fmt: skip
VALUES = st.sampled_from(
    [SEED_ID, "story.md", "bad.yaml", "-", ".", "content", "../..", "/", "\x00", "x" * 300,
     "ru", "Europe/Moscow", "../../etc/passwd", "json", "sarif", "never", "0", "-1", "02",
     "{place", "Сухуми", "\udcff", "*.md", "content/articles", "nul", "con", "\u202e"]
) | st.text(max_size=20)  # fmt: skip
ARGV = st.tuples(
    st.sampled_from(COMMANDS),
    st.lists(st.one_of(VALUES, st.sampled_from(OPTIONS)), max_size=6),
).map(lambda t: [*t[0], *t[1]])


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("desk")
    shutil.copytree(CONTENT, folder / "content", ignore=shutil.ignore_patterns(".lock"))
    (folder / "story.md").write_text("---\nslug: sukhum\n---\nWe met in Sukhum.\n", "utf-8")
    (folder / "bad.yaml").write_bytes(b"id: [\xff")
    return folder


@settings(
    max_examples=int(os.environ.get("NEWSLIB_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=ARGV)
def test_any_argument_list_ends_in_an_exit_code(
    desk: Path, argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(desk)
    monkeypatch.setattr("sys.stdin", io.StringIO("Talks in Sukhumi.\n"))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: usage errors and --help
            code = exc.code if isinstance(exc.code, int) else 2
    assert code in (0, 1, 2), (argv, err.getvalue())
    assert "Traceback" not in err.getvalue()
    if code == 2:
        assert err.getvalue().strip(), argv  # a usage error always says what
