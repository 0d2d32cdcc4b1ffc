"""What ``scan``, ``check`` and ``fix`` read: files, folders, globs, article ids and stdin.

A newsroom's repository is built in a temporary folder: a content store with two
articles (one with two revisions, the later one fixed under russian-usage), an editor's
working copy, a translation and ``newslib.yaml``, prose in Markdown and HTML, and the
YAML every repository has that is not an article (a CI workflow, a pre-commit config, a
tool's settings, a broken file).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import newslib
from newslib import Repository, loads_article, resolve_inputs
from newslib.errors import UsageError

from .support.paths import CONTENT, FIXTURES, ROOT, SEED_ID

ARTICLES = FIXTURES / "articles"
EN, RU = "envoys-meet-in-sukhumi", "delegatsiya-abkhazii-v-moskve"


def run(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newslib", *args],
        cwd=cwd, capture_output=True, text=True, input=stdin,
    )  # fmt: skip


def findings(done: subprocess.CompletedProcess[str]) -> list[tuple[str, int, int, str]]:
    data = json.loads(done.stdout)["findings"]
    return [(f["path"], f["line"], f["column"], f["rule"]) for f in data]


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A newsroom's repository: the content store and everything else beside it."""
    root = tmp_path / "newsroom"
    content = root / "content"
    repository = Repository(content)
    english = (ARTICLES / "en-envoys-sukhumi.yaml").read_text(encoding="utf-8")
    repository.save(loads_article(english), author="desk", kind="publish")
    copy = root / "work.yaml"  # the head: every name russian-usage can fix, fixed
    root.mkdir(exist_ok=True)
    copy.write_text(english, encoding="utf-8")
    newslib.fix_file(copy, policy="russian-usage")
    repository.save(newslib.read_article(copy), author="desk", kind="update", note="Russian usage.")
    copy.unlink()
    russian = (ARTICLES / "ru-delegation-crlf.yaml").read_text(encoding="utf-8")
    repository.save(loads_article(russian), author="desk", kind="publish")
    shutil.copy(ARTICLES / "fr-pourparlers-soukhoumi.yaml", content / "articles" / "draft.yaml")
    shutil.copy(CONTENT / "newslib.yaml", content / "newslib.yaml")
    translations = content / "translations" / EN
    translations.mkdir(parents=True)
    shutil.copy(CONTENT / "translations" / SEED_ID / "ru.yaml", translations / "ru.yaml")
    files = {
        "notes.md": "# Notes\n\nWe met in Sukhumi.\n",
        "docs/page.html": "<p>Talks in <b>Tskhinvali</b>.</p>\n",
        "docs/logo.svg": "<svg/>\n",
        "docs/.draft.md": "Sukhumi, hidden.\n",
        ".github/workflows/ci.yml": "name: ci\non: [push]\njobs: {}\n",
        ".pre-commit-config.yaml": "repos: []\n",
        "config/tool.yaml": "tool: {level: 2}\n",
        "config/broken.yaml": "key: [unclosed\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_a_folder_is_walked_and_a_store_gives_its_heads(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(newsroom)
    found = resolve_inputs(["."])
    assert found.paths == (
        "notes.md",
        f"content/articles/{RU}/0001.yaml",
        f"content/articles/{EN}/0002.yaml",  # the head only, never revision 1
        "content/articles/draft.yaml",  # a working copy beside the store
        f"content/translations/{EN}/ru.yaml",  # a translation: its names are checked too
        "docs/page.html",  # not docs/logo.svg, not the hidden docs/.draft.md or .github/
    )
    assert found.notes == (
        "skipped 3 YAML file(s) that are not articles: config/broken.yaml, config/tool.yaml,"
        " content/newslib.yaml",
    )


def test_each_form_of_argument(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(newsroom)
    head = f"content/articles/{EN}/0002.yaml"
    assert resolve_inputs([EN]).paths == (head,)  # an article id
    assert resolve_inputs([f"content/articles/{EN}/"]).paths == (head,)  # its folder
    old = f"content/articles/{EN}/0001.yaml"
    assert resolve_inputs([old]).paths == (old,)  # a revision named: that revision
    assert resolve_inputs(["-", "notes.md", "-"]).paths == ("-", "notes.md")
    assert resolve_inputs(["content/**/*.yaml"]).paths == (  # a quoted glob, sorted
        f"content/articles/{RU}/0001.yaml", "content/articles/draft.yaml", head,
        f"content/translations/{EN}/ru.yaml",
    )  # fmt: skip
    assert resolve_inputs(["**/*.md", "notes.md"]).paths == ("notes.md",)  # each file once


def test_an_article_id_is_looked_up_in_the_content_folder(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(newsroom / "docs")
    assert resolve_inputs([EN], content=newsroom / "content").paths == (
        str(newsroom / "content" / "articles" / EN / "0002.yaml"),
    )
    with pytest.raises(UsageError) as caught:
        resolve_inputs([EN])
    assert str(caught.value) == (
        f"{EN}: no such file, folder or article in content; check the path (or --content "
        "DIR, where article ids are looked up)"
    )


def test_what_matches_nothing_is_an_error(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the shipped store: no YAML file right under articles/
    with pytest.raises(UsageError, match=r"^content/articles/\*\.yaml: matches no file; .*"
                       r"name the content folder, an article's folder or its id"):  # fmt: skip
        resolve_inputs(["content/articles/*.yaml"])  # the README's old example
    monkeypatch.chdir(newsroom)
    with pytest.raises(UsageError, match=r"^missing\.txt: no such file, folder or article"):
        resolve_inputs(["missing.txt"])
    (newsroom / "empty").mkdir()
    assert resolve_inputs(["empty"]).notes == (
        "empty: no article YAML, Markdown, text or HTML files in it",
    )


def test_fix_skips_the_stored_revisions_it_walks_to(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(newsroom)
    found = resolve_inputs(["content"], fixing=True)
    assert found.paths == ("content/articles/draft.yaml", f"content/translations/{EN}/ru.yaml")
    assert found.notes[1] == (
        "skipped 2 stored revision(s): revisions are never changed (check out, fix the copy,"
        f" save it as a new revision): content/articles/{RU}/0001.yaml,"
        f" content/articles/{EN}/0002.yaml"
    )


# ---------------------------------------------------------------- the command line


def test_check_a_content_folder_checks_each_head_once(newsroom: Path) -> None:
    done = run("check", "content", "--policy", "russian-usage", "--format", "json", cwd=newsroom)
    assert done.returncode == 1  # the Russian article's names are errors under the policy
    paths = [path for path, *_ in findings(done)]  # the French draft is clean under the policy
    assert set(paths) == {f"content/articles/{RU}/0001.yaml", f"content/articles/{EN}/0002.yaml"}
    en = [f for f in findings(done) if f[0].endswith("0002.yaml")]
    assert en == [(f"content/articles/{EN}/0002.yaml", 28, 34, "variant")]  # the quote: info
    assert "skipped 1 YAML file(s) that are not articles" in done.stderr  # newslib.yaml
    assert "in 4 input(s)" in done.stderr  # and the translation, clean under the policy


def test_check_a_whole_repository_skips_what_is_not_an_article(newsroom: Path) -> None:
    done = run("check", ".", "--policy", "russian-usage", cwd=newsroom)
    assert done.returncode == 1
    assert "newslib: note: skipped 3 YAML file(s) that are not articles:" in done.stderr
    assert ".github" not in done.stderr + done.stdout
    assert "in 6 input(s)" in done.stderr
    explicit = run("check", ".github/workflows/ci.yml", cwd=newsroom)
    assert explicit.returncode == 2  # named on its own, a non-article YAML is an error
    assert explicit.stderr.startswith("newslib: error: .github/workflows/ci.yml:1:1: ")
    assert len(explicit.stderr.splitlines()) == 1


def test_an_article_id_and_content_before_or_after_the_command(newsroom: Path) -> None:
    for args in (["--content", "content", "check", RU], ["check", RU, "--content", "content"]):
        done = run(*args, "--policy", "russian-usage", "--format", "json", cwd=newsroom)
        assert done.returncode == 1, done.stderr
        assert {path for path, *_ in findings(done)} == {f"content/articles/{RU}/0001.yaml"}
    away = run("check", RU, "--content", str(newsroom / "content"), "--policy", "russian-usage",
               cwd=newsroom / "docs")  # fmt: skip
    assert away.returncode == 1, away.stderr


def revisions(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in root.glob("content/articles/*/*.yaml")}


def test_fix_refuses_a_stored_revision_by_id_or_folder(newsroom: Path) -> None:
    stored = revisions(newsroom)
    for target in (RU, f"content/articles/{RU}/"):
        done = run("fix", target, "--policy", "russian-usage", cwd=newsroom)
        assert done.returncode == 2
        assert done.stderr == (
            f"newslib: error: content/articles/{RU}/0001.yaml: revisions are never changed;"
            " check the article out ('newslib checkout ID -o FILE'), fix the copy, and save it"
            " as a new revision\n"
        )
    assert revisions(newsroom) == stored


def test_fix_a_content_folder_fixes_the_working_copies_only(newsroom: Path) -> None:
    stored = revisions(newsroom)
    done = run("fix", "content", "--policy", "georgian-official", cwd=newsroom)
    assert done.returncode == 0, done.stderr
    assert "content/articles/draft.yaml: fixed 6 name(s)" in done.stderr
    assert "skipped 2 stored revision(s)" in done.stderr
    assert revisions(newsroom) == stored


def test_fix_stdin_prints_the_fixed_text() -> None:
    text = "Переговоры прошли в Сухуми.\n"
    done = run("fix", "-", "--policy", "russian-usage", stdin=text)
    assert (done.returncode, done.stdout) == (0, "Переговоры прошли в Сухуме.\n")
    assert done.stderr == "-: fixed 1 name(s)\n"
    diff = run("fix", "-", "--policy", "russian-usage", "--dry-run", stdin=text)
    assert diff.stdout.splitlines()[-2:] == [
        "-Переговоры прошли в Сухуми.", "+Переговоры прошли в Сухуме."
    ]  # fmt: skip


# ------------------------------------------------------------ the README's commands


@pytest.mark.parametrize(
    "command",
    [
        "newslib check content --policy georgian-official",
        f"newslib check {SEED_ID} --policy georgian-official",
        f"newslib check content/articles/{SEED_ID} --policy georgian-official",
        "newslib check 'content/**/*.yaml' --policy georgian-official",
    ],
)
def test_the_readme_checks_the_shipped_content(command: str) -> None:
    """The README's example, and the forms a reader would try next: each checks the
    seed's head revision, once, with its findings (exit 1 on errors); the content folder
    also holds the translations, and the Russian one writes Russian usage."""
    args = [word.strip("'") for word in command.split()[1:]]  # as a shell would pass them
    done = run(*args, "--format", "json")
    assert done.returncode == 1, done.stderr
    head = f"content/articles/{SEED_ID}/0002.yaml"
    assert [path for path, *_ in findings(done) if path == head] == [head] * 4
    russian = f"content/translations/{SEED_ID}/ru.yaml"
    whole = SEED_ID not in command  # the content folder, or every YAML file in it
    assert {path for path, *_ in findings(done)} == ({head, russian} if whole else {head})


def test_the_readme_fixes_stdin() -> None:
    done = run("fix", "-", "--policy", "russian-usage", stdin="Переговоры прошли в Сухуми.\n")
    assert done.stdout == "Переговоры прошли в Сухуме.\n"
