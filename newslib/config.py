"""Settings for ``check``, ``scan`` and ``fix``, found in the project so no flags are needed.

``pyproject.toml`` (keys in kebab-case, as ruff's)::

    [tool.newslib]
    policy = "georgian-official"
    gazetteer = "terms/gazetteer.yaml"       # paths are relative to the file naming them
    geonames = "data/cities15000.txt"
    alternate-names = "data/alternateNamesV2.txt"
    ignore = ["vendor/**", "drafts/*.md"]    # paths a folder walk skips
    fail-on = "warning"                      # error | warning | info | never
    content = "content"                      # the content folder, for article ids

or ``content/newslib.yaml`` (keys in snake_case, as the rest of that file)::

    check:
      policy: georgian-official
      ignore: [drafts/*.md]

:func:`find_settings` walks up from a folder: the nearest ``pyproject.toml`` with a
``[tool.newslib]`` table wins; else the nearest ``content/newslib.yaml`` (or
``newslib.yaml``) with a ``check`` section. Command-line options override both.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from newslib.errors import ConfigError
from newslib.fsio import read_text
from newslib.yamlio import Reader, compose

__all__ = [
    "FAIL_ON",
    "SETTING_KEYS",
    "CheckSettings",
    "check_section",
    "find_settings",
    "settings_from",
]

FAIL_ON = ("error", "warning", "info", "never")
# Setting -> whether it is a path (resolved against the file that names it).
SETTING_KEYS: Mapping[str, bool] = {
    "policy": False,  # a shipped name, or a path when it ends in .yaml / .yml
    "gazetteer": True,
    "geonames": True,
    "alternate_names": True,
    "ignore": False,
    "fail_on": False,
    "content": True,
}


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """What a project says about checking its files; ``source`` is where it said it."""

    policy: str | None = None
    gazetteer: Path | None = None
    geonames: Path | None = None
    alternate_names: Path | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    content: Path | None = None
    source: Path | None = field(default=None, compare=False)

    def ignores(self, path: str | Path) -> bool:
        """True when *path*, relative to the folder of the file that gave these settings
        (else the working folder), matches an ``ignore`` pattern."""
        base = self.source.parent if self.source is not None else Path.cwd()
        try:
            relative = Path(path).resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            return False
        return any(fnmatch.fnmatchcase(relative, pattern) for pattern in self.ignore)


def settings_from(
    values: Mapping[str, object],
    *,
    path: Path,
    spelling: str = "snake",
    locate: dict[str, int] | None = None,
) -> CheckSettings:
    """Validate a settings table read from *path* (*spelling*: ``kebab`` or ``snake`` keys).

    *locate* gives the line of each key, for errors.
    """
    where = locate or {}
    found: dict[str, object] = {}
    for raw_key, value in values.items():
        key = raw_key.replace("-", "_") if spelling == "kebab" else raw_key
        written = key.replace("_", "-") if spelling == "kebab" else key
        if key not in SETTING_KEYS or written != raw_key:
            known = ", ".join(
                k.replace("_", "-") if spelling == "kebab" else k for k in SETTING_KEYS
            )
            raise ConfigError(
                f"unknown setting {raw_key!r}",
                path=path,
                line=where.get(raw_key),
                hint=f"use: {known}",
            )
        found[key] = _value(key, value, path, where.get(raw_key))
    base = path.parent
    policy = found.get("policy")
    if isinstance(policy, str) and policy.endswith((".yaml", ".yml")):
        policy = str(base / policy)
    return CheckSettings(
        policy=policy if isinstance(policy, str) else None,
        gazetteer=_path(base, found.get("gazetteer")),
        geonames=_path(base, found.get("geonames")),
        alternate_names=_path(base, found.get("alternate_names")),
        ignore=tuple(found.get("ignore", ())),  # type: ignore[arg-type]
        fail_on=found.get("fail_on"),  # type: ignore[arg-type]
        content=_path(base, found.get("content")),
        source=path,
    )


def _value(key: str, value: object, path: Path, line: int | None) -> object:
    if key == "ignore":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(
                "'ignore' must be a list of path patterns", path=path, line=line,
                hint='e.g. ignore = ["vendor/**"]',
            )  # fmt: skip
        return tuple(value)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key!r} must be a non-empty string", path=path, line=line)
    if key == "fail_on" and value not in FAIL_ON:
        raise ConfigError(
            f"invalid fail-on {value!r}", path=path, line=line, hint="use: " + ", ".join(FAIL_ON)
        )
    return value


def _path(base: Path, value: object) -> Path | None:
    return base / value if isinstance(value, str) else None


def find_settings(start: str | Path = ".") -> CheckSettings:
    """The settings of the project *start* is in (empty settings where it says none)."""
    folder = Path(start).resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            settings = _from_pyproject(pyproject)
            if settings is not None:
                return settings
        for config in (candidate / "content" / "newslib.yaml", candidate / "newslib.yaml"):
            if config.is_file():
                settings = _from_newslib_yaml(config)
                if settings is not None:
                    return settings
    return CheckSettings()


def _from_pyproject(path: Path) -> CheckSettings | None:
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's error has no line attribute; its message ends "(at line 8, column 14)".
        where = re.search(r"\(at line (\d+), column (\d+)\)$", str(exc))
        problem = str(exc)[: where.start()].rstrip() if where else str(exc)
        line, column = (int(where[1]), int(where[2])) if where else (None, None)
        raise ConfigError(
            f"not valid TOML: {problem}", path=path, line=line, column=column, hint="fix the TOML"
        ) from None
    table = data.get("tool", {}).get("newslib")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError("[tool.newslib] must be a table", path=path)
    return settings_from(table, path=path, spelling="kebab", locate=_toml_lines(text))


def _toml_lines(text: str) -> dict[str, int]:
    """The line of each key in the ``[tool.newslib]`` table (TOML parsers give none)."""
    lines: dict[str, int] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            inside = header[1].strip() == "tool.newslib"
        elif inside and (key := re.match(r"\s*([A-Za-z0-9_-]+)\s*=", line)):
            lines.setdefault(key[1], number)
    return lines


def _from_newslib_yaml(path: Path) -> CheckSettings | None:
    node = compose(read_text(path), path, ConfigError)
    if not isinstance(node, yaml.MappingNode):
        return None  # the project's own reader says what is wrong with it
    section = next((value for key, value in node.value if key.value == "check"), None)
    return check_section(section, path) if section is not None else None


def check_section(node: yaml.Node, path: Path) -> CheckSettings:
    """The ``check:`` section of ``newslib.yaml``."""
    reader = Reader(path, ConfigError)
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    for key, key_node, value in reader.any_mapping(node):
        lines[key] = key_node.start_mark.line + 1
        values[key] = (
            [reader.string(v) for v in reader.sequence(value)]
            if isinstance(value, yaml.SequenceNode)
            else reader.string(value)
        )
    return settings_from(values, path=path, spelling="snake", locate=lines)
