"""``newslib scan / check / fix / terms show`` on files, stdin, Markdown and HTML."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newslib.cli import main

from .support.paths import ROOT, SEED


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newslib", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        input=stdin,
    )


def test_check_exit_codes_and_json() -> None:
    done = run("check", str(SEED), "--policy", "russian-usage", "--format", "json")
    assert done.returncode == 1
    data = json.loads(done.stdout)  # one JSON document, nothing else on stdout
    [finding] = data["findings"]
    assert {
        "path", "start", "end", "line", "column", "surface", "entity", "variant",
        "suggestion", "rule", "severity", "message",
    } <= set(finding)  # fmt: skip
    assert (finding["surface"], finding["suggestion"], finding["severity"]) == (
        "Tskhinvali",
        "Tskhinval",
        "error",
    )
    assert "1 finding" in done.stderr


def test_check_clean_text_exits_0() -> None:
    done = run(
        "check", "-", "--policy", "russian-usage", "--lang", "en", stdin="Sukhum and Tskhinval."
    )
    assert (done.returncode, done.stdout) == (0, "")


def test_warnings_alone_exit_0() -> None:
    done = run("check", str(SEED), "--policy", "as-written")
    assert done.returncode == 0
    assert "[inconsistent]" in done.stdout


def test_check_usage_errors_exit_2() -> None:
    assert run("check", "missing.txt").returncode == 2
    done = run("check", str(SEED), "--policy", "nope")
    assert done.returncode == 2
    assert done.stderr.startswith("newslib: error: ")


def test_scan_json() -> None:
    done = run("scan", "-", "--lang", "ru", "--format", "json", stdin="Встреча в Сухуме.")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    [mention] = data["mentions"]
    assert {k: mention[k] for k in ("path", "start", "end", "surface", "entity", "variant")} == {
        "path": "-", "start": 10, "end": 16, "surface": "Сухуме", "entity": "sukhumi",
        "variant": "Сухум",
    }  # fmt: skip
    # and what else the scanner knows (tests/test_reports.py has the whole document)
    assert (mention["line"], mention["column"], mention["cases"]) == (1, 11, ["loc"])


def test_language_is_detected_without_lang() -> None:
    done = run("check", "-", "--policy", "georgian-official", "--format", "json",
               stdin="Делегация прибыла из Цхинвала.")  # fmt: skip
    assert json.loads(done.stdout)["findings"][0]["suggestion"] == "Цхинвали"


def test_fix_dry_run_shows_a_diff_and_changes_nothing(tmp_path: Path) -> None:
    copy = tmp_path / "seed.txt"
    shutil.copy(SEED, copy)
    before = copy.read_bytes()
    done = run("fix", str(copy), "--policy", "georgian-official", "--dry-run")
    assert copy.read_bytes() == before
    lines = done.stdout.splitlines()
    assert len([x for x in lines if x.startswith("-") and not x.startswith("---")]) == 2
    assert len([x for x in lines if x.startswith("+") and not x.startswith("+++")]) == 2
    added = [x for x in lines if x.startswith("+") and not x.startswith("+++")]
    assert "dialogue between Sukhumi, Tskhinvali and Tbilisi." in added[0]


def test_fix_article_in_place_is_valid_idempotent_and_local(seed_article_file: Path) -> None:
    copy = seed_article_file
    original = copy.read_text(encoding="utf-8").splitlines()
    done = run("fix", str(copy), "--policy", "georgian-official")
    assert done.returncode == 0, done.stderr
    fixed = copy.read_text(encoding="utf-8")
    assert "[[sukhumi|Sukhumi]], [[tskhinvali|Tskhinvali]]" in fixed
    assert run("check", str(copy), "--policy", "georgian-official").returncode == 0
    again = run("fix", str(copy), "--policy", "georgian-official")
    assert copy.read_text(encoding="utf-8") == fixed
    assert "fixed 0 name(s)" in again.stderr
    changed = [a for a, b in zip(original, fixed.splitlines(), strict=True) if a != b]
    assert len(changed) == 2


def test_fix_leaves_uncertain_forms_for_a_human(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Очамчире и Сухуми.\nИз Сухуми.\n", encoding="utf-8")
    done = run("fix", str(path), "--policy", "russian-usage")
    assert path.read_text(encoding="utf-8") == "Очамчире и Сухуми.\nИз Сухума.\n"
    assert done.stderr.count("left for a human") == 2
    assert done.returncode == 1  # errors remain


def test_markdown_code_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "Talks in Sukhumi.\n\n```\nconfig: Sukhumi\n```\n\nAnd `Sukhumi` inline.\n",
        encoding="utf-8",
    )
    findings = json.loads(
        run("check", str(path), "--policy", "russian-usage", "--format", "json").stdout
    )["findings"]
    assert [(f["line"], f["column"]) for f in findings] == [(1, 10)]


def test_html_text_and_titles_only(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        '<p title="Sukhumi">In <b>Sukhumi</b></p><script>var c = "Sukhumi";</script>',
        encoding="utf-8",
    )
    mentions = json.loads(run("scan", str(path), "--lang", "en", "--format", "json").stdout)
    assert [m["start"] for m in mentions["mentions"]] == [10, 25]  # the title is prose


def test_the_gazetteer_grows_with_geonames_dumps(capsys: pytest.CaptureFixture[str]) -> None:
    dumps = ROOT / "tests" / "fixtures" / "geonames"
    table, alternate_names = str(dumps / "GE.txt"), str(dumps / "alternateNamesV2.txt")
    grow = ["--geonames", table, "--alternate-names", alternate_names]
    text = "Visitors from Batum and Kutaisi reached Sukhum."
    done = run("scan", "-", "--lang", "en", "--format", "json", *grow, stdin=text)
    found = {(m["surface"], m["entity"]) for m in json.loads(done.stdout)["mentions"]}
    assert found == {
        ("Batum", "geonames-615532"), ("Kutaisi", "geonames-613607"), ("Sukhum", "sukhumi")
    }  # fmt: skip
    assert main(["terms", "show", "geonames-615532", "--geonames", table]) == 0
    assert "Batumi" in capsys.readouterr().out
    done = run("check", "-", "--alternate-names", alternate_names, stdin=text)
    assert (done.returncode, "needs --geonames" in done.stderr) == (2, True)


def test_terms_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["terms", "show", "tskhinvali"]) == 0
    out = capsys.readouterr().out
    assert "Цхинвал" in out and "Цхинвале" in out and "russian-usage" in out
    assert main(["terms", "show", "tskhinvali", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["geonames"] == 611403
    assert main(["terms", "show", "atlantis"]) == 2


def test_pre_commit_hook_definition() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert by_id["newslib-check"]["entry"].startswith("newslib check")
    assert by_id["newslib-fix"]["entry"].startswith("newslib fix")


@pytest.mark.parametrize(
    ("path", "checked", "fixed"),
    [
        ("story.md", True, True),
        ("docs/notes.markdown", True, True),
        ("wire/story.txt", True, True),
        ("site/page.html", True, True),
        ("content/articles/talks/0002.yaml", True, False),  # a stored revision: never fixed
        ("content/articles/draft.yaml", True, True),  # a working copy
        (".pre-commit-config.yaml", False, False),
        ("content/newslib.yaml", False, False),
        (".github/workflows/ci.yml", False, False),
        ("src/app.py", False, False),
    ],
)
def test_pre_commit_hooks_take_articles_and_prose_only(
    path: str, checked: bool, fixed: bool
) -> None:
    """pre-commit passes a hook the staged paths its ``files`` matches and ``exclude`` does not."""
    import re

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}

    def takes(hook: dict[str, str]) -> bool:
        exclude = hook.get("exclude")
        return bool(re.search(hook["files"], path)) and not (exclude and re.search(exclude, path))

    assert takes(by_id["newslib-check"]) is checked
    assert takes(by_id["newslib-fix"]) is fixed
