"""Project settings for check/scan/fix: found by walking up, validated at their line."""

from __future__ import annotations

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
