"""Damaged and hostile input to ``newslib import``: one clear line naming the file (and
the line, where there is one) and what was expected; never a traceback, never a file."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newslib
from newslib.errors import ArticleError

from .support.paths import ROOT

HEADLINE = "Lavrov to hold talks\n\nThe sides will meet in Moscow\n\n"


def run_import(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newslib", "import", str(path), "--no-annotate", *extra],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip


CASES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "the file is empty"),
    ("blank", b"\n  \n\t\n", "the file is empty"),
    ("only-a-dateline", b"MOSCOW, October 4. /TASS/.\n", "opens with the dateline"),
    ("headline-and-dateline", HEADLINE.encode() + b"MOSCOW, October 4. /TASS/.\n",
     "the dateline has no story after it"),
    ("binary", bytes(range(256)) * 4, "is not UTF-8"),
    ("nul-bytes", HEADLINE.encode() + b"MOSCOW, October 4. /TASS/. Te\x00xt\n",
     "U+0000 is not allowed"),
    ("no-layout", b"Just one line of text without any structure\n", "no dateline found"),
    ("bad-date", HEADLINE.encode() + b"MOSCOW, Blursday 4. /TASS/. Text.\n",
     "cannot read the dateline date"),
    ("no-such-day", HEADLINE.encode() + b"MOSCOW, February 30. /TASS/. Text.\n", "no such date"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "message"), CASES, ids=[c[0] for c in CASES])
def test_damaged_copy_is_one_clear_line(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    out = tmp_path / "out.yaml"
    done = run_import(path, "--year", "2024", "-o", str(out))
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"newslib: error: {path}:"), done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_a_20_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(HEADLINE.encode() + b"MOSCOW, October 4. /TASS/. ")
        handle.seek(20 * 2**20)
        handle.write(b"end.\n")
    done = run_import(path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "larger than 16 MiB" in done.stderr


def test_an_unrecognised_layout_names_the_line_and_the_expected_forms() -> None:
    text = "Headline\n\nStandfirst\n\nTbilisi: talks resumed on Monday.\n\nMore text.\n"
    with pytest.raises(ArticleError) as caught:
        newslib.import_text(text, path="story.txt")
    error = caught.value
    assert (error.path, error.line) == ("story.txt", 5)
    assert "(Reuters) -" in str(error) and "--place" in str(error)


def test_too_much_front_matter_says_what_was_expected() -> None:
    text = "One\n\nTwo\n\nThree\n\nFour\n\nMOSCOW, October 4. /TASS/. Text.\n"
    with pytest.raises(ArticleError, match="expected a headline") as caught:
        newslib.import_text(text, year=2024, path="story.txt")
    assert caught.value.line == 9


_PIECES = [
    "MOSCOW, October 4. /TASS/. ", "TBILISI, Georgia (AP) — ", "Tiflis (dpa) - ",
    "Москва. 12 марта. ИНТЕРФАКС - ", "By Jane Doe", "(Reporting by Jane Doe)", "kw/ab (dpa)",
    "«Мы готовы», — сказал Лавров.", '"We will," he said.', "« Oui », a-t-il dit.", "\n\n",
    "\n", " ", "Headline", "The sides met.", "—AP", "© AFP", "(", ")", "/", "„", "“", "-",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=12)), max_size=14))
def test_any_copy_is_an_article_or_one_located_error(pieces: list[str]) -> None:
    text = "".join(pieces)
    try:
        result = newslib.import_text(text, year=2024, filed=date(2024, 10, 4), path="x.txt")
    except ArticleError as error:
        assert error.path == "x.txt"
        assert "\n" not in str(error)
    else:
        assert result.article.problems() == []
        assert newslib.loads_article(newslib.dumps_article(result.article)) == result.article
