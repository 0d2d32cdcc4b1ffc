"""The test suite stands alone: a bare clone has every file its tests and benchmarks read.

Nothing under tests/ or benchmarks/ may reach for a ``shared`` folder beside the
repository (as the tests once did for the seed and IPTC's schemas): those files are
vendored in tests/fixtures/.
"""

from __future__ import annotations

import re
from pathlib import Path

from .support.paths import ROOT, SEED, STANDARDS

# A path into a "shared" folder outside the repository, however it is spelled.
OUTSIDE = re.compile(
    r"\.\.[/\\]shared\b"  # ../shared
    r"|[\"']shared[\"']"  # "shared" as a path component: ROOT.parent / "shared"
    r"|\bshared[/\\](?:seed|standards|smoke|hooks)\b",  # shared/seed, /somewhere/shared/standards
    re.IGNORECASE,
)

# This file names the spellings it looks for, so it is the one file not scanned.
THIS_FILE = Path(__file__).resolve()


def outside_references(text: str) -> list[str]:
    """Every spelling in *text* of a path into a shared folder beside the repository."""
    return [match.group(0) for match in OUTSIDE.finditer(text)]


def scanned_files() -> list[Path]:
    """Every file under tests/ and benchmarks/ but caches, hidden folders and this file."""
    files: list[Path] = []
    for top in ("tests", "benchmarks"):
        for path in sorted((ROOT / top).rglob("*")):
            parts = path.relative_to(ROOT).parts
            if (
                path.is_file()
                and path.resolve() != THIS_FILE
                and "__pycache__" not in parts
                and not any(part.startswith(".") for part in parts)
            ):
                files.append(path)
    return files


def test_the_check_sees_every_spelling_of_the_shared_folder() -> None:
    for text in (
        "The seed is in ../shared/seed/.",
        'SHARED = ROOT.parent / "shared"',
        "next((ROOT.parent / 'shared' / 'seed').glob('*.txt'))",
        r"..\shared\standards",
        "/work/shared/standards/ninjs/ninjs-schema_3.1.json",
    ):
        assert outside_references(text), text
    for text in (
        '"""State shared with the handler."""',
        'STANDARDS = FIXTURES / "standards"',
        "tests/fixtures/standards/ninjs/ninjs-schema_3.1.json",
        "shared_fixture = 1",
    ):
        assert outside_references(text) == [], text


def test_no_test_or_benchmark_reads_a_shared_folder_beside_the_repository() -> None:
    files = scanned_files()
    assert ROOT / "tests" / "conftest.py" in files
    assert ROOT / "benchmarks" / "bench_terms.py" in files
    found = {
        str(path.relative_to(ROOT)): references
        for path in files
        if (references := outside_references(path.read_text("utf-8", errors="replace")))
    }
    assert found == {}, "vendor the file into tests/fixtures/ and read it from there"


def test_the_vendored_files_are_in_the_repository() -> None:
    assert SEED.is_file()
    for name in (
        "ninjs/ninjs-schema_3.1.json",
        "ninjs/ninjs-schema_2.2.json",
        "ninjs/GeoJSON-schema.json",
        "ninjs/LICENSE",
        "newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd",
        "newsml-g2/xml.xsd",
        "newsml-g2/LICENSE",
    ):
        assert (STANDARDS / name).is_file(), name
