"""Project settings for check/scan/fix: found by walking up, validated at their line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newslib
from newslib.config import CheckSettings, find_settings
from newslib.errors import ConfigError

PYPROJECT = """\
[project]
name = "desk"

[tool.newslib]
policy = "georgian-official"
gazetteer = "terms/gazetteer.yaml"
alternate-names = "data/alternateNamesV2.txt"
geonames = "data/cities15000.txt"
ignore = ["vendor/**", "drafts/*.md"]
fail-on = "warning"
"""

NEWSLIB_YAML = """\
editions:
  - id: en
    locale: en
    policy: georgian-official
    formats: [html]
check:
  policy: policies/house.yaml
  ignore: [drafts/*.md]
"""


def test_pyproject_is_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, "utf-8")
    deep = tmp_path / "stories" / "2026"
    deep.mkdir(parents=True)
    settings = find_settings(deep)
    assert settings.policy == "georgian-official"
    assert settings.gazetteer == tmp_path.resolve() / "terms" / "gazetteer.yaml"
    assert settings.geonames == tmp_path.resolve() / "data" / "cities15000.txt"
    assert settings.alternate_names == tmp_path.resolve() / "data" / "alternateNamesV2.txt"
    assert settings.ignore == ("vendor/**", "drafts/*.md")
    assert settings.fail_on == "warning"
    assert settings.source == tmp_path.resolve() / "pyproject.toml"


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, "utf-8")
    inner = tmp_path / "sub"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    assert find_settings(inner).policy == "georgian-official"


def test_newslib_yaml_check_section(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "newslib.yaml").write_text(NEWSLIB_YAML, "utf-8")
    settings = find_settings(tmp_path)
    assert settings.policy == str(tmp_path.resolve() / "content" / "policies" / "house.yaml")
    assert settings.ignore == ("drafts/*.md",)
    assert newslib.load_project(tmp_path / "content").check.ignore == ("drafts/*.md",)


def test_pyproject_wins_over_newslib_yaml(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, "utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "newslib.yaml").write_text(NEWSLIB_YAML, "utf-8")
    assert find_settings(tmp_path).policy == "georgian-official"


def test_no_settings_anywhere(tmp_path: Path) -> None:
    assert find_settings(tmp_path) == CheckSettings()


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('polcy = "georgian-official"', "pyproject.toml:5: unknown setting 'polcy'"),
        ('alternate_names = "a.txt"', "pyproject.toml:5: unknown setting 'alternate_names'"),
        ('fail-on = "sometimes"', "pyproject.toml:5: invalid fail-on 'sometimes'"),
        ('ignore = "vendor"', "pyproject.toml:5: 'ignore' must be a list"),
        ('fail-on = "x" "y"', "pyproject.toml:5:15: not valid TOML: Expected newline"),  # broken
    ],
)
def test_bad_settings_name_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.newslib]\n{line}\n')
    with pytest.raises(ConfigError, match=problem.replace("(", r"\(")):
        find_settings(tmp_path)


def test_bad_check_section_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "newslib.yaml").write_text(NEWSLIB_YAML.replace("  ignore:", "  ignroe:"), "utf-8")
    with pytest.raises(ConfigError, match=r"newslib.yaml:8: unknown setting 'ignroe'"):
        find_settings(tmp_path)


def test_check_and_fix_in_a_project_need_no_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newslib.cli import main

    (tmp_path / "pyproject.toml").write_text(
        '[tool.newslib]\npolicy = "georgian-official"\nignore = ["drafts/*"]\nfail-on = "never"\n',
        "utf-8",
    )
    (tmp_path / "stories").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "stories" / "talks.md").write_text("# Talks\n\nWe met in Sukhum.\n", "utf-8")
    (tmp_path / "drafts" / "idea.md").write_text("Sukhum, one day.\n", "utf-8")
    monkeypatch.chdir(tmp_path / "stories")
    assert main(["check", "talks.md", "--format", "json"]) == 0  # fail-on never
    data = json.loads(capsys.readouterr().out)
    assert data["policy"] == "georgian-official" and len(data["findings"]) == 1
    monkeypatch.chdir(tmp_path)
    assert main(["check", ".", "--format", "line"]) == 0
    out = capsys.readouterr().out
    assert "talks.md" in out and "idea.md" not in out  # ignored by the settings
    assert main(["check", "drafts/idea.md", "--format", "line"]) == 0  # named: checked
    assert "idea.md" in capsys.readouterr().out
    assert main(["fix", "stories/talks.md"]) == 0
    assert (tmp_path / "stories" / "talks.md").read_text("utf-8").endswith("in Sukhumi.\n")


def test_fix_without_a_policy_anywhere_says_where_to_set_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newslib.cli import main

    (tmp_path / "story.txt").write_text("Talks in Sukhum.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["fix", "story.txt"]) == 2
    assert "[tool.newslib]" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        (
            "pyproject.toml",
            '[tool.other]\npolicy = 1\n\n[tool.newslib]\nignore = []\npolicy = "no-such"\n',
            6,
        ),
        ("newslib.yaml", NEWSLIB_YAML.replace("policies/house.yaml", "no-such"), 7),
    ],
)
def test_a_policy_the_settings_name_that_does_not_exist_is_their_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    line: int,
) -> None:
    # The message said "no policy 'no-such'", naming neither the file nor the line.
    from newslib.cli import main

    (tmp_path / name).write_text(text, "utf-8")
    (tmp_path / "story.txt").write_text("Talks in Sukhum.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    for command in ("check", "fix"):
        assert main([command, "story.txt"]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"newslib: error: {tmp_path / name}:{line}: no policy 'no-such'")
        assert err.count("\n") == 1
    assert main(["check", "story.txt", "--policy", "as-written"]) == 0  # the flag wins
