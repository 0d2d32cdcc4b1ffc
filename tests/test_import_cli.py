"""``newslib import --save --author``: the documented way into the store; ``-o`` for a
working copy outside it. An imported story then checks, builds and verifies clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .support.paths import FIXTURES, ROOT

REUTERS = FIXTURES / "agency_copy" / "reuters-en.txt"
ID = "georgia-and-armenia-agree-to-study-reopening-rail-link"


def run(content: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newslib", "--content", str(content), *args],
        capture_output=True, text=True, cwd=content.parent,
    )  # fmt: skip


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    return folder


def save(content: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run(content, "import", str(REUTERS), "--year", "2025", "--save", "--author", "Desk",
               "--no-annotate", *extra)  # fmt: skip


def test_save_records_a_first_revision_that_checks_builds_and_verifies(content: Path) -> None:
    done = save(content)
    assert done.returncode == 0, done.stderr
    assert f"{ID}: saved revision 1 (draft)" in done.stderr
    history = run(content, "history", ID)
    assert history.returncode == 0 and "draft" in history.stdout and "Desk" in history.stdout
    checked = run(content, "check", ID)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    verified = run(content, "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "0 problem(s)" in verified.stderr
    out = content.parent / "_site"
    built = run(content, "build", "--out", str(out))
    assert built.returncode == 0, built.stderr
    pages = list(out.glob(f"*/{ID}.html"))
    assert pages, built.stderr
    english = next(p for p in pages if p.parent.name.startswith("en"))
    assert "By Jane Doe and John Roe" in english.read_text("utf-8")
    feed = (english.parent / "feed.atom").read_text("utf-8")
    assert "<name>Jane Doe and John Roe, Reuters</name>" in feed


def test_a_second_import_gets_a_new_id_and_never_overwrites(content: Path) -> None:
    assert save(content).returncode == 0
    again = save(content)
    assert again.returncode == 0, again.stderr
    assert f"{ID}-2: saved revision 1" in again.stderr
    first = (content / "articles" / ID / "0001.yaml").read_bytes()
    by_hand = save(content, "--id", ID)
    assert by_hand.returncode == 2
    assert by_hand.stderr.count("\n") == 1 and "never overwrites" in by_hand.stderr
    assert (content / "articles" / ID / "0001.yaml").read_bytes() == first
    assert not (content / "articles" / ID / "0002.yaml").exists()


def test_output_into_the_store_is_refused_with_a_hint(content: Path) -> None:
    target = content / "articles" / "story.yaml"
    done = run(content, "import", str(REUTERS), "--year", "2025", "-o", str(target))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "--save" in done.stderr
    assert not target.exists()
    assert run(content, "verify").returncode == 0


def test_output_outside_the_store_is_a_working_copy(content: Path, tmp_path: Path) -> None:
    target = tmp_path / "story.yaml"
    done = run(content, "import", str(REUTERS), "--year", "2025", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert f"id: {ID}\n" in target.read_text("utf-8")
    assert "byline:\n  - name: Jane Doe\n" in target.read_text("utf-8")
    assert not (content / "articles" / ID).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--save"], "needs an author"), (["--author", "Desk"], "add --save"),
     (["--save", "--author", "Desk", "-o", "x.yaml"], "not allowed with")],
)  # fmt: skip
def test_save_and_author_go_together(content: Path, args: list[str], message: str) -> None:
    done = run(content, "import", str(REUTERS), "--year", "2025", *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert not (content / "articles" / ID).exists()


def test_plain_copy_needs_a_place_and_takes_one(content: Path) -> None:
    plain = FIXTURES / "agency_copy" / "plain-en.txt"
    refused = run(content, "import", str(plain))
    assert refused.returncode == 2 and "--place" in refused.stderr
    done = run(content, "import", str(plain), "--place", "Tbilisi", "--date", "2025-03-09",
               "--source", "Newsroom", "--save", "--author", "Desk")  # fmt: skip
    assert done.returncode == 0, done.stderr
    stored = content / "articles" / "rail-link-through-abkhazia-moves-a-step-closer" / "0001.yaml"
    text = stored.read_text("utf-8")
    assert "source: Newsroom" in text and "date: 2025-03-09" in text
