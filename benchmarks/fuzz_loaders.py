"""Long fuzzing run of every loader (article, revision, translation, gazetteer, policy,
edition config) with malformed and random YAML; the test suite runs a short slice.

Run:  python benchmarks/fuzz_loaders.py [--minutes 10] [--seed 1]

Prints, per loader, how many damaged files were loaded and every way one failed to fail
cleanly (anything but a NewslibError, or an input error without file and line).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support.fuzzing import loaders, run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    deadline = time.monotonic() + args.minutes * 60
    counts = {loader.name: 0 for loader in loaders()}
    failures: list[str] = []
    seed = args.seed
    with tempfile.TemporaryDirectory() as folder:
        while time.monotonic() < deadline:
            for loader in loaders():
                failures += run(loader, Path(folder), seed, 100)
                counts[loader.name] += 100
            seed += 1
    total = sum(counts.values())
    print(f"{total:,} damaged files in {args.minutes:g} min: " + ", ".join(
        f"{name} {count:,}" for name, count in counts.items()))  # fmt: skip
    print(f"{len(failures)} failure(s) to fail cleanly")
    for failure in failures[:50]:
        print("  " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
