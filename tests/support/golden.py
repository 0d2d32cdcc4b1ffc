"""Golden files: the seed built into every edition, kept in tests/golden/ and reviewed
like code. Regenerate after an intended change with:  python -m tests.support.golden
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import newslib

from .paths import ROOT

GOLDEN = ROOT / "tests" / "golden"


def built_site(out: Path) -> dict[str, bytes]:
    """Build the shipped content into *out*; every published file by relative path."""
    newslib.build(ROOT / "content", out, jobs=1)
    files: dict[str, bytes] = {"index.html": (out / "index.html").read_bytes()}  # the landing
    for edition in sorted(p for p in out.iterdir() if p.is_symlink()):
        for path in sorted(edition.iterdir()):
            if path.name != "manifest.json":  # hashes of every input: it changes with the code
                files[f"{edition.name}/{path.name}"] = path.read_bytes()
    return files


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = built_site(Path(folder) / "site")
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for name, data in files.items():
        target = GOLDEN / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"{len(files)} golden files written to {GOLDEN}", file=sys.stderr)


if __name__ == "__main__":
    main()
