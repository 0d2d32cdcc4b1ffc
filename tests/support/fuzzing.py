"""Fuzzing every loader with malformed and random YAML (used by tests and benchmarks).

Each case mutates a valid file (cut it, swap, duplicate or drop lines, flip characters,
insert YAML syntax) or writes random YAML-ish text, loads it, and checks that only a
NewslibError escapes — and that an input error names the file and a line.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import newslib
from newslib.errors import InputError, NewslibError
from newslib.store.revisions import read_revision_file

from .paths import ROOT, SEED_ID

_SNIPPETS = [
    ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object:os.system ", "!!binary ",
    "---\n", "...\n", "\t", "'", '"', "\\", "#", "|\n", ">\n", "? ", "%YAML 1.1\n", "\x00",
    "\ud800", "\u2028", "null", "~", "true", "2024-13-45", "0x1F", "1e999", ".nan", "<<: *a",
    "[[sukhumi|", "]]", "\ufeff", "\x1b[31m", "𝕏", "Цхинвал", "ცხინვალი",
]  # fmt: skip


@dataclass(frozen=True)
class Loader:
    """A file kind: a valid example and how newslib reads it."""

    name: str
    suffix: str
    example: str
    load: Callable[[Path], object]


def _config_load(path: Path) -> object:
    return newslib.load_project(path.parent)


def loaders() -> list[Loader]:
    content = ROOT / "content"
    article = newslib.dumps_article(newslib.Repository(content).read(SEED_ID))
    revision = (content / "articles" / SEED_ID / "0002.yaml").read_text("utf-8")
    translation = (content / "translations" / SEED_ID / "ru.yaml").read_text("utf-8")
    gazetteer = (ROOT / "newslib" / "terms" / "data" / "gazetteer.yaml").read_text("utf-8")
    gazetteer = gazetteer[: gazetteer.index("  - id: akhalgori")]  # small: keeps runs fast
    policy = (
        (ROOT / "newslib" / "terms" / "data" / "policies" / "russian-usage.yaml")
        .read_text("utf-8")
        .replace("inherits: as-written\n", "")
    )
    config = (content / "newslib.yaml").read_text("utf-8")
    return [
        Loader("article", ".yaml", article, newslib.read_article),
        Loader("revision", ".yaml", revision, read_revision_file),
        Loader("translation", ".yaml", translation, newslib.read_translations),
        Loader("gazetteer", ".yaml", gazetteer, newslib.load_gazetteer),
        Loader("policy", ".yaml", policy, newslib.load_policy),
        Loader("config", ".yaml", config, _config_load),
    ]


def mutate(text: str, rng: random.Random) -> str:
    """One random damage to *text*."""
    lines = text.split("\n")
    match rng.randrange(8):
        case 0:
            return text[: rng.randrange(len(text) + 1)]
        case 1 if len(lines) > 2:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        case 2:
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
        case 3 if lines:
            del lines[rng.randrange(len(lines))]
        case 4:
            i = rng.randrange(len(text) + 1)
            return text[:i] + rng.choice(_SNIPPETS) + text[i:]
        case 5:
            chars = list(text)
            for _ in range(rng.randint(1, 5)):
                if chars:
                    chars[rng.randrange(len(chars))] = chr(
                        rng.choice([rng.randrange(32, 127), rng.randrange(0x400, 0x4FF)])
                    )
            return "".join(chars)
        case 6:
            i = rng.randrange(len(lines))
            lines[i] = " " * rng.randrange(8) + lines[i].lstrip()
        case _:
            return random_yaml(rng)
    return "\n".join(lines)


def random_yaml(rng: random.Random) -> str:
    """YAML-ish noise: snippets, keys and values at random."""
    parts = []
    for _ in range(rng.randint(1, 30)):
        parts.append(rng.choice([*_SNIPPETS, "id", "text", "entities", "names", "- x", "\n", "  "]))
    return "".join(parts)


def run(loader: Loader, folder: Path, seed: int, cases: int) -> list[str]:
    """Load *cases* damaged files; the ways newslib failed to fail cleanly (empty: none)."""
    rng = random.Random(seed)
    failures: list[str] = []
    path = folder / ("newslib.yaml" if loader.name == "config" else f"case{loader.suffix}")
    for case in range(cases):
        text = mutate(loader.example, rng)
        try:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        except UnicodeEncodeError:
            continue
        try:
            loader.load(path)
        except InputError as exc:
            if exc.path is None or (exc.line is None and "larger than" not in exc.problem):
                failures.append(f"{loader.name} #{case}: no file or line in {exc!s}")
        except NewslibError:
            pass
        except RecursionError:
            failures.append(f"{loader.name} #{case}: RecursionError")
        except Exception as exc:
            failures.append(f"{loader.name} #{case}: {type(exc).__name__}: {exc}"[:300])
    return failures
