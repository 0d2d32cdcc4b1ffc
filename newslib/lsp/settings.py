"""A workspace's check settings, resolved as ``newslib check`` resolves them.

``[tool.newslib]`` in ``pyproject.toml``, else ``check:`` in ``content/newslib.yaml`` (or
``newslib.yaml``), found from the workspace folder up (:func:`newslib.config.find_settings`);
the policy they name (else ``as-written``), the gazetteer (else the shipped one, grown with
GeoNames dumps when named) and the ignore patterns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import newslib
from newslib.config import CheckSettings, find_settings
from newslib.errors import InputError, NewslibError

__all__ = ["SETTINGS_FILES", "Settings", "SettingsProblem", "load_settings"]

# The files whose change means the settings must be read again.
SETTINGS_FILES = ("pyproject.toml", "newslib.yaml")


@dataclass(frozen=True, slots=True)
class Settings:
    """What checking in one workspace needs."""

    check: CheckSettings
    policy: newslib.Policy
    gazetteer: newslib.Gazetteer

    def watched(self) -> frozenset[Path]:
        """The files, besides :data:`SETTINGS_FILES`, whose change changes the findings."""
        named = [self.check.gazetteer, self.check.geonames, self.check.alternate_names]
        if self.check.policy and self.check.policy.endswith((".yaml", ".yml")):
            named.append(Path(self.check.policy))
        return frozenset(p.resolve() for p in named if p is not None)


@dataclass(frozen=True, slots=True)
class SettingsProblem:
    """Settings that cannot be used: the error, and the file and 0-based line it is at."""

    message: str
    path: Path | None
    line: int


def load_settings(folder: Path) -> Settings | SettingsProblem:
    """The settings of the project *folder* is in, or why they cannot be used."""
    check = CheckSettings()
    try:
        check = find_settings(folder)
        gazetteer = (
            newslib.load_gazetteer(
                check.gazetteer, geonames=check.geonames, alternate_names=check.alternate_names
            )
            if check.gazetteer or check.geonames
            else newslib.shipped_gazetteer()
        )
        policy = newslib.load_policy(check.policy or "as-written")
    except InputError as exc:
        path = Path(exc.path) if exc.path else check.source
        return SettingsProblem(str(exc), path, max((exc.line or 1) - 1, 0))
    except (NewslibError, OSError) as exc:
        return SettingsProblem(_describe(exc, check), check.source, 0)
    return Settings(check, policy, gazetteer)


def _describe(error: Exception, check: CheckSettings) -> str:
    where = f"{check.source}: " if check.source is not None else ""
    if isinstance(error, OSError):
        return f"{where}{error.filename or ''}: {error.strerror or error}"
    return f"{where}{error}"
